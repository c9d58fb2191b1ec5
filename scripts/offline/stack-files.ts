import { join } from "node:path";
import { readYaml } from "./yaml-cache";

export const REPO_ROOT = join(__dirname, "..", "..");

interface ProjectFile {
  name: string;
  config?: Record<string, { default?: unknown } | string | number | boolean>;
}

export function readProjectFile(root = REPO_ROOT): ProjectFile {
  return readYaml(join(root, "Pulumi.yaml")) as ProjectFile;
}

/** Config values as the Pulumi engine hands them to a program: strings, structured values JSON-encoded. */
function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The flat config map `pulumi up` would give the program for a stack: project defaults from Pulumi.yaml,
 * overridden by Pulumi.<stack>.yaml, overridden by `overrides` (tests use them for bad-config cases; a key
 * set to `undefined` is removed).
 */
export function stackConfig(stack: string, overrides: Record<string, unknown> = {}, root = REPO_ROOT): Record<string, string> {
  const project = readProjectFile(root);
  const config: Record<string, string> = {};
  for (const [key, declared] of Object.entries(project.config ?? {})) {
    const value = typeof declared === "object" && declared !== null ? declared.default : declared;
    if (value !== undefined) config[key] = encode(value);
  }
  const stackFile = readYaml(join(root, `Pulumi.${stack}.yaml`)) as { config?: Record<string, unknown> } | null;
  for (const [key, value] of Object.entries(stackFile?.config ?? {})) config[key] = encode(value);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete config[key];
    else config[key] = encode(value);
  }
  return config;
}
