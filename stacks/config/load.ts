import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import type { z } from "zod";
import { crossFieldProblems, type ProjectConfig, projectSchema, type StackConfig } from "../project";
import { ConfigError } from "./errors";
import { awsSchema, foundationSchema, PROJECT } from "./schema";

export type LoadedConfig = StackConfig;

/** Keys whose values are structured (YAML maps/lists): Pulumi hands them to the program JSON-encoded. */
function decode(value: string): unknown {
  const trimmed = value.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }
  return value;
}

/** Splits the flat `namespace:key` map the engine provides into one object per namespace. */
export function groupByNamespace(flat: Record<string, string>): Record<string, Record<string, unknown>> {
  const grouped: Record<string, Record<string, unknown>> = {};
  for (const [fullKey, raw] of Object.entries(flat)) {
    const at = fullKey.indexOf(":");
    const namespace = at < 0 ? PROJECT : fullKey.slice(0, at);
    const key = at < 0 ? fullKey : fullKey.slice(at + 1);
    (grouped[namespace] ??= {})[key] = decode(raw);
  }
  return grouped;
}

/**
 * Reads and validates the whole stack configuration. Throws one ConfigError listing every problem, before
 * the program registers anything.
 */
export function loadConfig(stack = pulumi.getStack(), flat = pulumi.runtime.allConfig(), isSecret: (key: string) => boolean = isConfigSecret): LoadedConfig {
  const grouped = groupByNamespace(flat);
  const rawProject = grouped[PROJECT] ?? {};
  const rawAws = grouped.aws ?? {};
  const problems: string[] = [];
  // A value under a secret key (`pulumi config set --secret`, e.g. a webhook URL) never appears in a message.
  const shown = (namespace: string, path: readonly string[], value: unknown) =>
    path.length > 0 && isSecret(`${namespace}:${path[0]}`) ? SECRET_SHOWN : show(value);

  const aws = awsSchema.safeParse(rawAws);
  if (!aws.success) problems.push(...describe(aws.error, "aws", rawAws, shown));
  const project = projectSchema.safeParse(rawProject);
  if (!project.success) problems.push(...describe(project.error, PROJECT, rawProject, shown));

  const validated = aws.success && project.success ? { stack, region: aws.data.region, project: typed(project.data) } : undefined;
  if (validated) {
    for (const p of crossFieldProblems(validated)) {
      problems.push(p.subject !== undefined
        ? `${p.subject} ${p.message}`
        : `${keyOf(PROJECT, p.path)} ${p.message}, got ${shown(PROJECT, p.path, valueAt(rawProject, p.path))}`);
    }
  }
  if (problems.length > 0 || validated === undefined) throw new ConfigError(problems);
  return validated;
}

/** The validated project with its foundation keys typed (the adapters' sections stay as validated). */
function typed(project: Readonly<Record<string, unknown>>): ProjectConfig {
  return { ...project, ...foundationSchema.parse(project) };
}

type Show = (namespace: string, path: readonly string[], value: unknown) => string;

function describe(error: z.ZodError, namespace: string, raw: unknown, shown: Show): string[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => `${keyOf(namespace, [...path, k])} is not a known key${suggest(k, issue.message)} (${issue.message})`);
    }
    const value = valueAt(raw, path);
    const got = value === undefined ? "nothing (the key is required)" : shown(namespace, path, value);
    return [`${keyOf(namespace, path)} ${issue.message}, got ${got}`];
  });
}

function keyOf(namespace: string, path: readonly string[]): string {
  return path.length === 0 ? namespace : `${namespace}:${path.join(".")}`;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[String(part)];
  }
  return node;
}

/** Stands in for a value under a secret config key in messages. */
export const SECRET_SHOWN = "(secret)";

/**
 * Whether the engine marked a top-level config key secret (PULUMI_CONFIG_SECRET_KEYS). The SDK's own check is
 * internal (absent from its typings), so it is looked up defensively; without it nothing counts as secret.
 */
function isConfigSecret(key: string): boolean {
  const check = (runtimeConfig as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  return typeof check === "function" && check(key);
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/** "did you mean" for a misspelt key, from the allowed list carried in the issue message. */
function suggest(key: string, message: string): string {
  const allowed = message.replace(/^allowed: /, "").split(", ");
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? ` (did you mean "${best}"?)` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
