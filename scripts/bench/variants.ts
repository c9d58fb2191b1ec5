import { mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
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
 * The section a prod example stack gives the adapter (examples/<folder>/Pulumi.*-prod.yaml enabling it), if any: an
 * adapter on Kubernetes needs its cluster context, EBS CSI role and OIDC provider in prod, which only its example names.
 */
function exampleSection(root: string, configName: string, accountId: string): Record<string, unknown> | undefined {
  const examples = join(root, "examples");
  for (const folder of readdirSync(examples).sort()) {
    for (const name of readdirSync(join(examples, folder)).filter((f) => /^Pulumi\..+-prod\.yaml$/.test(f)).sort()) {
      const section = (readYaml(join(examples, folder, name)) as { config?: Record<string, unknown> }).config?.[configName] as Record<string, unknown> | undefined;
      // Roles and OIDC providers must be in the stack's own account (the hosting rules say so).
      if (section?.enabled === true) return JSON.parse(JSON.stringify(section).replace(/arn:aws:iam::\d{12}:/g, `arn:aws:iam::${accountId}:`)) as Record<string, unknown>;
    }
  }
  return undefined;
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
    const variant = enabledInBase.has(key) ? "without" : "with";
    const section = (file.config[configName] ?? (variant === "with" ? exampleSection(root, configName, String(file.config[`${project}:accountId`])) : undefined) ?? {}) as Record<string, unknown>;
    // AWS names built from it allow 20 characters: a longer adapter key is cut (prod-with-cloudflarekv -> prod-with-cloudflare).
    const stack = `${base}-${variant === "without" ? "no" : "with"}-${key}`.slice(0, 20).replace(/-+$/, "");
    const config = { ...file.config, [configName]: { ...section, enabled: variant === "with" } };
    writeFileSync(join(stackDir, `Pulumi.${stack}.yaml`), stringify({ ...file, config }));
    return [{ adapterKey: key, variant, testFilePrefixes: names, stack, stackDir }];
  });
}
