import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as Yaml from "yaml";

const CACHE_DIR = join(process.env.SPARKI_LAUNCH_CACHE ?? join(__dirname, "..", "..", ".cache"), "yaml");
const parsed = new Map<string, unknown>();

/**
 * A YAML file (Pulumi.yaml, Pulumi.<stack>.yaml) parsed once per content: in memory, and as JSON under
 * .cache/yaml keyed by its content hash. Loading and warming up the yaml package costs a plan ~100 ms of its
 * ~0.5 s; config files change rarely, so most runs never load it.
 */
export function readYaml(path: string): unknown {
  const text = readFileSync(path, "utf8");
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 32);
  if (parsed.has(hash)) return structuredClone(parsed.get(hash));
  const cached = join(CACHE_DIR, `${hash}.json`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(cached, "utf8"));
  } catch {
    value = (createRequire(__filename)("yaml") as typeof Yaml).parse(text);
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      writeFileSync(`${cached}.${process.pid}`, JSON.stringify(value));
      renameSync(`${cached}.${process.pid}`, cached); // atomic: a concurrent reader sees all or nothing
    } catch {
      // A read-only checkout still works, only slower.
    }
  }
  parsed.set(hash, value);
  return structuredClone(value);
}
