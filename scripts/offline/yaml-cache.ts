import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import type * as Yaml from "yaml";
import { ConfigError } from "../../stacks/config/errors";

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
    value = parse(path, text);
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

/**
 * `text` parsed; a syntax error becomes a ConfigError of one line naming the file and the place
 * (`Pulumi.dev.yaml line 3, column 5: <what>`), never the parser's stack trace.
 */
function parse(path: string, text: string): unknown {
  const yaml = createRequire(__filename)("yaml") as typeof Yaml;
  try {
    return yaml.parse(text);
  } catch (error) {
    if (!(error instanceof yaml.YAMLError)) throw error;
    const what = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    const at = error.linePos?.[0];
    throw new ConfigError([`${basename(path)}${at ? ` line ${at.line}, column ${at.col}` : ""}: ${what}`]);
  }
}
