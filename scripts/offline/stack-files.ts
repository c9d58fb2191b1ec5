import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readYaml } from "./yaml-cache";

export const REPO_ROOT = join(__dirname, "..", "..");

interface ProjectFile {
  name: string;
  config?: Record<string, { default?: unknown } | string | number | boolean>;
}

/** Names of the stacks with a `Pulumi.<stack>.yaml` in `root`, sorted. */
export function stackNames(root = REPO_ROOT): string[] {
  return readdirSync(root).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort();
}

/** A stack file the repository keeps: the root's dev and prod, and each example's under examples/<hosting>/. */
export interface StackRef {
  readonly stack: string;
  /** Folder of its files; absent for the repository root. */
  readonly stackDir?: string;
}

/** Every stack the repository plans and tests: the root's, then each example folder's. */
export function everyStack(): StackRef[] {
  const examples = join(REPO_ROOT, "examples");
  return [
    ...stackNames().map((stack) => ({ stack })),
    ...readdirSync(examples).sort().flatMap((folder) => stackNames(join(examples, folder)).map((stack) => ({ stack, stackDir: join(examples, folder) }))),
  ];
}

export function readProjectFile(root = REPO_ROOT): ProjectFile {
  return readYaml(join(root, "Pulumi.yaml")) as ProjectFile;
}

/** Config values as the Pulumi engine hands them to a program: strings, structured values JSON-encoded. */
function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * What a `secure:` value stands for offline. Only `pulumi` can decrypt the ciphertext, so the offline runner
 * puts in a URL under the reserved `.invalid` domain, distinct per ciphertext, and marks the key secret as the
 * engine would. Secret config is meant for webhook URLs (`alerts.*.httpsEndpoints`); the loader refuses it under
 * any other key (stacks/config/secrecy.ts).
 */
export function offlineSecretPlaceholder(ciphertext: string): string {
  return `https://offline-secret.invalid/${createHash("sha256").update(ciphertext).digest("hex").slice(0, 12)}`;
}

/** `value` with every `{ secure: <ciphertext> }` replaced by its placeholder, and whether there was one. */
function withoutCiphertext(value: unknown): { value: unknown; secret: boolean } {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === "secure" && typeof entries[0][1] === "string") {
      return { value: offlineSecretPlaceholder(entries[0][1]), secret: true };
    }
  }
  if (value === null || typeof value !== "object") return { value, secret: false };
  let secret = false;
  const replace = (v: unknown) => {
    const r = withoutCiphertext(v);
    secret ||= r.secret;
    return r.value;
  };
  const replaced = Array.isArray(value) ? value.map(replace) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
  return { value: replaced, secret };
}

/**
 * The flat config map `pulumi up` would give the program for a stack: project defaults from Pulumi.yaml,
 * overridden by Pulumi.<stack>.yaml, overridden by `overrides` (tests use them for bad-config cases; a key
 * set to `undefined` is removed).
 */
export function stackConfig(stack: string, overrides: Record<string, unknown> = {}, root = REPO_ROOT): Record<string, string> {
  return stackConfigWithSecrets(stack, overrides, root).config;
}

/** {@link stackConfig}, plus the keys holding a `secure:` value (what the engine passes as secret keys). */
export function stackConfigWithSecrets(stack: string, overrides: Record<string, unknown> = {}, root = REPO_ROOT): { config: Record<string, string>; secretKeys: string[] } {
  const project = readProjectFile(root);
  const config: Record<string, string> = {};
  const secretKeys = new Set<string>();
  const set = (key: string, raw: unknown) => {
    const { value, secret } = withoutCiphertext(raw);
    config[key] = encode(value);
    if (secret) secretKeys.add(key);
    else secretKeys.delete(key);
  };
  for (const [key, declared] of Object.entries(project.config ?? {})) {
    const value = typeof declared === "object" && declared !== null ? declared.default : declared;
    if (value !== undefined) set(key, value);
  }
  const stackFile = readYaml(join(root, `Pulumi.${stack}.yaml`)) as { config?: Record<string, unknown> } | null;
  for (const [key, value] of Object.entries(stackFile?.config ?? {})) set(key, value);
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) {
      set(key, value);
      continue;
    }
    delete config[key];
    secretKeys.delete(key);
  }
  return { config, secretKeys: [...secretKeys].sort() };
}
