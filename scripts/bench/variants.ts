import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { z } from "zod";
import { ADAPTER_REGISTRY } from "../../stacks/adapters/registry";
import { readProjectFile, REPO_ROOT } from "../offline/stack-files";
import { readYaml } from "../offline/yaml-cache";

/** A stack file written for the benchmark: prod with one adapter switched off (or, if prod leaves it off, on). */
export interface AdapterVariant {
  readonly adapterKey: string;
  /** `without`: prod enables the adapter and the variant does not; `with`: the other way round. */
  readonly variant: "without" | "with";
  /** Test files of the adapter: test/<name>*.test.ts for each of its names (registered.ts). */
  readonly testFilePrefixes: readonly string[];
  readonly stack: string;
  readonly stackDir: string;
}

/** Adapters whose section has an `enabled` switch, i.e. the ones a stack can go without. */
export function optionalAdapters(): { key: string; configKey: string; names: readonly string[] }[] {
  return ADAPTER_REGISTRY.filter((a) => a.schema instanceof z.ZodObject && "enabled" in a.schema.shape)
    .map((a) => ({ key: a.key, configKey: a.configKey, names: a.names }));
}

/**
 * For each optional adapter, a stack file in a temporary folder that is `base` with that adapter switched the other
 * way (`enabledInBase` says which adapters `base` deploys): the difference of the two plans is what it costs.
 */
export function adapterVariants(enabledInBase: ReadonlySet<string>, root = REPO_ROOT, base = "prod"): AdapterVariant[] {
  const project = readProjectFile().name;
  const file = readYaml(join(root, `Pulumi.${base}.yaml`)) as { config: Record<string, unknown> };
  const stackDir = mkdtempSync(join(tmpdir(), "sparki-bench-stacks-"));
  symlinkSync(join(root, "Pulumi.yaml"), join(stackDir, "Pulumi.yaml"));
  return optionalAdapters().flatMap(({ key, configKey, names }) => {
    const configName = `${project}:${configKey}`;
    const section = (file.config[configName] ?? {}) as Record<string, unknown>;
    const variant = enabledInBase.has(key) ? "without" : "with";
    const stack = `${base}-${variant === "without" ? "no" : "with"}-${key}`; // AWS names built from it allow 20 characters
    const config = { ...file.config, [configName]: { ...section, enabled: variant === "with" } };
    writeFileSync(join(stackDir, `Pulumi.${stack}.yaml`), stringify({ ...file, config }));
    return [{ adapterKey: key, variant, testFilePrefixes: names, stack, stackDir }];
  });
}
