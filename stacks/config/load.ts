import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { crossFieldProblems, type ProjectConfig, projectSchema, type StackConfig } from "../project";
import { describe, keyOf, type Show, valueAt } from "./describe";
import { ConfigError } from "./errors";
import { type Finding, oneLinePerMistake } from "./findings";
import { misspeltNamespaceFindings } from "./namespaces";
import type { Problem } from "./problems";
import { awsSchema, foundationSchema, PROJECT } from "./schema";
import { misplacedSecretFindings, plaintextCredentialFindings, plaintextWebhookFindings } from "./secrecy";
import { SECRET_SHOWN, show, showUrl } from "./shown";

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
 * Reads and validates the whole stack configuration. Throws one ConfigError with one line per mistake, before
 * the program registers anything: keys meant for the program but misspelt, secrets where none belong, each
 * schema, plaintext webhook URLs; then, when each key is right, the cross-field rules of the foundation and the
 * enabled adapters.
 */
export function loadConfig(stack = pulumi.getStack(), flat = pulumi.runtime.allConfig(), isSecret: (key: string) => boolean = isConfigSecret): LoadedConfig {
  const grouped = groupByNamespace(flat);
  const rawProject = grouped[PROJECT] ?? {};
  const rawAws = grouped.aws ?? {};
  // A value under a secret key (`pulumi config set --secret`, e.g. a webhook URL) never appears in a message.
  const shown: Show = (namespace, path, value) =>
    path.length > 0 && isSecret(`${namespace}:${path[0]}`) ? SECRET_SHOWN : path.includes("httpsEndpoints") ? showUrl(value) : show(value);

  const findings: Finding[] = [
    ...misspeltNamespaceFindings(flat), ...misplacedSecretFindings(Object.keys(flat), isSecret), ...plaintextCredentialFindings(Object.keys(flat), isSecret),
  ];
  const aws = awsSchema.safeParse(rawAws);
  if (!aws.success) findings.push(...describe(aws.error, "aws", rawAws, shown));
  const project = projectSchema.safeParse(rawProject);
  if (!project.success) findings.push(...describe(project.error, PROJECT, rawProject, shown));
  findings.push(...plaintextWebhookFindings(rawProject.alerts, isSecret(`${PROJECT}:alerts`)));

  const validated = aws.success && project.success ? { stack, region: aws.data.region, project: typed(project.data) } : undefined;
  // Rules across keys run on keys that are each right (and read as meant): a misspelt `profile` would make every
  // rule judge the wrong tier.
  if (validated && findings.length === 0) {
    const profile = validated.project.profile;
    findings.push(...crossFieldProblems(validated).map((p) => ruleFinding(p, rawProject, shown, profile)));
  }
  const problems = oneLinePerMistake(findings);
  if (problems.length > 0 || validated === undefined) throw new ConfigError(problems);
  return validated;
}

/** A cross-field rule's problem as a line; a key the stack leaves out is reported with the default in effect. */
function ruleFinding(p: Problem, rawProject: unknown, shown: Show, profile: string): Finding {
  const after = p.after?.map((path) => keyOf(PROJECT, path));
  if (p.subject !== undefined) return { key: "", line: `${p.subject} ${p.message}`, after };
  const key = keyOf(PROJECT, p.path);
  const value = valueAt(rawProject, p.path);
  const got = value === undefined && p.defaultInEffect !== undefined
    ? `the profile "${profile}" default ${show(p.defaultInEffect)} (the key is not set)`
    : shown(PROJECT, p.path, value);
  return { key, line: `${key} ${p.message}, got ${got}`, after };
}

/** The validated project with its foundation keys typed (the adapters' sections stay as validated). */
function typed(project: Readonly<Record<string, unknown>>): ProjectConfig {
  return { ...project, ...foundationSchema.parse(project) };
}

/**
 * Whether the engine marked a top-level config key secret (PULUMI_CONFIG_SECRET_KEYS). The SDK's own check is
 * internal (absent from its typings), so it is looked up defensively; without it nothing counts as secret.
 */
function isConfigSecret(key: string): boolean {
  const check = (runtimeConfig as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  return typeof check === "function" && check(key);
}
