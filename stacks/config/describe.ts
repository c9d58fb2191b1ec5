import type { z } from "zod";
import type { Finding } from "./findings";
import { PROJECT } from "./schema";
import { closest } from "./similar";

/** How a message shows the value at `path` of a namespace (secret keys, URLs and file contents are not shown). */
export type Show = (namespace: string, path: readonly string[], value: unknown) => string;

export function keyOf(namespace: string, path: readonly string[]): string {
  return path.length === 0 ? namespace : `${namespace}:${path.join(".")}`;
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[String(part)];
  }
  return node;
}

/** One finding per schema issue: `<key> <what is allowed>, got <value>`, with a hint where the value tells the cause. */
export function describe(error: z.ZodError, namespace: string, raw: unknown, shown: Show): Finding[] {
  return error.issues.flatMap((issue): Finding[] => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") return issue.keys.map((k) => unknownKey(namespace, path, k, issue.message, raw, shown));
    const value = valueAt(raw, path);
    const key = keyOf(namespace, path);
    const got = value === undefined ? "nothing (the key is required)" : `${shown(namespace, path, value)}${valueHint(key, value)}`;
    return [{ key, line: `${key} ${issue.message}, got ${got}` }];
  });
}

/**
 * An unknown key: a path written as one key (`pulumi config set` without `--path` makes `postgres.replicas` a key
 * of its own) gets "write it nested"; a misspelt key the closest known one. `message` is the section's "allowed: ...".
 */
function unknownKey(namespace: string, path: readonly string[], key: string, message: string, raw: unknown, shown: Show): Finding {
  const allowed = message.replace(/^allowed: /, "").split(", ");
  const fullKey = keyOf(namespace, [...path, key]);
  const segments = key.split(".");
  if (segments.length > 1 && allowed.includes(segments[0])) {
    const [top, ...rest] = [...path, ...segments];
    const value = valueAt(raw, [...path, key]);
    const display = shown(namespace, [...path, key], value);
    // The engine hands every flat value over as a string: a number or boolean is shown as YAML would need it.
    const written = display.startsWith("(") ? "<value>" : typeof value === "string" && /^(-?\d+(\.\d+)?|true|false)$/.test(value) ? value : display;
    const nested = rest.reduceRight((inner, k) => `{${k}: ${inner}}`, written);
    return {
      key: fullKey,
      explains: keyOf(namespace, [...path, ...segments]),
      line: `${fullKey} is a path written as one key (pulumi config set without --path): nest it in the stack file as ${namespace}:${top}: ${nested}, or set it with pulumi config set --path '${fullKey}' ${written}`,
    };
  }
  const suggestion = closest(key, allowed);
  return {
    key: fullKey,
    explains: suggestion === undefined ? undefined : keyOf(namespace, [...path, suggestion]),
    line: `${fullKey} is not a known key${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`} (${message})`,
  };
}

/** A hint appended to the value, where the value itself shows how it went wrong. */
function valueHint(key: string, value: unknown): string {
  // YAML reads an unquoted 012345678901 as the number 12345678901 (YAML 1.2; 1.1 parsers may even read octal).
  // Nine to eleven digits: an ID that lost one to three leading zeros; fewer is a different mistake.
  if (key === `${PROJECT}:accountId` && /^\d{9,11}$/.test(String(value))) {
    return ` (YAML read an unquoted number and dropped its leading zeros: quote it: "${String(value).padStart(12, "0")}")`;
  }
  return "";
}
