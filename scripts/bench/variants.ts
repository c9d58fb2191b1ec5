import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { z } from "zod";
import { ADAPTER_REGISTRY } from "../../stacks/adapters/registry";
import { readProjectFile, REPO_ROOT } from "../offline/stack-files";
import { readYaml } from "../offline/yaml-cache";

/** A stack file written for the benchmark: prod with one adapter switched off. */
export interface AdapterVariant {
  readonly adapterKey: string;
  /** Test files of the adapter: test/<key>*.test.ts and test/<config-key-in-kebab-case>*.test.ts. */
  readonly testFilePrefixes: readonly string[];
  readonly stack: string;
  readonly stackDir: string;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Adapters whose section has an `enabled` switch, i.e. the ones a stack can go without. */
export function optionalAdapters(): { key: string; configKey: string }[] {
  return ADAPTER_REGISTRY.filter((a) => a.schema instanceof z.ZodObject && "enabled" in a.schema.shape)
    .map((a) => ({ key: a.key, configKey: a.configKey }));
}

/**
 * For each optional adapter that `base` enables, a stack file in a temporary folder that is `base` with that
 * adapter off: the plan of `base` minus the plan of the variant is what the adapter costs the plan.
 */
export function adapterVariants(root = REPO_ROOT, base = "prod"): AdapterVariant[] {
  const project = readProjectFile().name;
  const file = readYaml(join(root, `Pulumi.${base}.yaml`)) as { config: Record<string, unknown> };
  const stackDir = mkdtempSync(join(tmpdir(), "sparki-bench-stacks-"));
  symlinkSync(join(root, "Pulumi.yaml"), join(stackDir, "Pulumi.yaml"));
  return optionalAdapters().flatMap(({ key, configKey }) => {
    const configName = `${project}:${configKey}`;
    const section = (file.config[configName] ?? {}) as Record<string, unknown>;
    if (section.enabled === false) return [];
    const stack = `${base}-no-${key}`; // AWS names built from it allow 20 characters
    const config = { ...file.config, [configName]: { ...section, enabled: false } };
    writeFileSync(join(stackDir, `Pulumi.${stack}.yaml`), stringify({ ...file, config }));
    return [{ adapterKey: key, testFilePrefixes: [...new Set([key, kebab(configKey)])], stack, stackDir }];
  });
}
