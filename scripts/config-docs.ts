// Renders docs/configuration.md's reference table and Pulumi.yaml's `config:` block from the config schemas (their
// ConfigDoc, stacks/config/docs.ts), the adapters' tiers and the stack files. `npm run docs` writes both
// (scripts/readme-matrix.ts); test/config-docs.test.ts fails when either drifts.
import { z } from "zod";
import { stackContext } from "../stacks/adapters/registered";
import { ADAPTER_REGISTRY } from "../stacks/adapters/registry";
import { CONFIG_DOCS, type ConfigDoc } from "../stacks/config/docs";
import { awsSchema, foundationSchema, PROFILE_NAMES, PROJECT, type ProfileName } from "../stacks/config/schema";
import { resolveEnvironment } from "../stacks/environment";
import { projectSchema } from "../stacks/project";
import { stackConfig, stackNames } from "./offline/stack-files";

type Schema = z.core.$ZodType;

/** One documented key: where it is, its doc, and the docs of the sections along its path. */
interface Leaf {
  readonly namespace: string;
  readonly path: readonly string[];
  readonly schema: Schema;
  readonly doc: ConfigDoc;
  /** `sections[i]`: the doc of the section holding `path[i]`. */
  readonly sections: readonly (ConfigDoc | undefined)[];
}

function unwrap(schema: Schema): Schema | undefined {
  const wrapped = schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault;
  return wrapped ? schema.unwrap() : undefined;
}

/** The doc on the schema or on any layer it wraps (`.optional()`, `.default()`... are added after documenting). */
function docOf(schema: Schema): ConfigDoc | undefined {
  for (let s: Schema | undefined = schema; s !== undefined; s = unwrap(s)) {
    const doc = CONFIG_DOCS.get(s);
    if (doc !== undefined) return doc;
  }
  return undefined;
}

/** A section's keys and their schemas. */
function entriesOf(object: z.ZodObject): [string, Schema][] {
  const entries: [string, unknown][] = Object.entries(object.shape);
  return entries.filter((entry): entry is [string, Schema] => entry[1] instanceof z.core.$ZodType);
}

function objectOf(schema: Schema): z.ZodObject | undefined {
  for (let s: Schema | undefined = schema; s !== undefined; s = unwrap(s)) if (s instanceof z.ZodObject) return s;
  return undefined;
}

/** Every documented leaf under `section`; a leaf without a doc is an error (every key must be documented). */
export function leavesOf(namespace: string, section: z.ZodObject, path: readonly string[] = [], sections: readonly (ConfigDoc | undefined)[] = []): Leaf[] {
  const here = [...sections, docOf(section)];
  return entriesOf(section).flatMap(([key, schema]) => {
    const object = objectOf(schema);
    if (object) return leavesOf(namespace, object, [...path, key], here);
    const doc = docOf(schema);
    if (doc?.type === undefined) throw new Error(`${namespace}:${[...path, key].join(".")} has no ConfigDoc with a type (stacks/config/docs.ts)`);
    return [{ namespace, path: [...path, key], schema, doc, sections: here }];
  });
}

/** How the configuration reference shows a value: code for strings (quoted when YAML would read a number), plain numbers. */
export function shown(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return /^\d+(\.\d+)?$/.test(value) ? `\`"${value}"\`` : `\`${value}\``;
  if (Array.isArray(value) && value.length === 0) return "`[]`";
  return `\`${JSON.stringify(value)}\``;
}

function at(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), root);
}

/** Each adapter's settings of an empty section, per tier: what a stack gets when it sets nothing. */
function tierSettings(): Map<string, Record<ProfileName, unknown>> {
  const byKey = new Map<string, Record<ProfileName, unknown>>();
  for (const tier of PROFILE_NAMES) {
    const project = foundationSchema.parse({ profile: tier, accountId: "123456789012" });
    const context = stackContext(resolveEnvironment({ stack: tier, region: "eu-west-1", project }), {});
    for (const adapter of ADAPTER_REGISTRY) {
      const entry = byKey.get(adapter.configKey) ?? { dev: undefined, prod: undefined };
      entry[tier] = adapter.bind(context).settings;
      byKey.set(adapter.configKey, entry);
    }
  }
  return byKey;
}

/** "dev 1, prod 4", or one value when the tiers agree. */
function perTier(values: Readonly<Record<ProfileName, string>>): string {
  const distinct = new Set(Object.values(values));
  return distinct.size === 1 ? [...distinct][0] : PROFILE_NAMES.map((t) => `${t} ${values[t]}`).join(", ");
}

/** "(prod stack file: 200)" for each stack file whose value differs from its tier's default. */
function stackFileNotes(leaf: Leaf, defaults: Readonly<Record<ProfileName, string>>): string {
  const notes = stackNames().flatMap((stack) => {
    const config = stackConfig(stack);
    const tier = (config[`${PROJECT}:profile`] ?? "dev") as ProfileName;
    const section = config[`${PROJECT}:${leaf.path[0]}`];
    const value = section === undefined ? undefined : at(JSON.parse(section), leaf.path.slice(1));
    return value === undefined || shown(value) === defaults[tier] ? [] : [`${stack} stack file: ${shown(value)}`];
  });
  return notes.length === 0 ? "" : ` (${notes.join(", ")})`;
}

function defaultOf(group: readonly Leaf[], settings: Map<string, Record<ProfileName, unknown>>): string {
  const [first] = group;
  if (first.doc.default !== undefined) return first.doc.default;
  const tiers = first.namespace === PROJECT ? settings.get(first.path[0]) : undefined;
  if (tiers === undefined) {
    const parsed = z.safeParse(first.schema, undefined);
    if (parsed.success && parsed.data !== undefined) return shown(parsed.data);
    throw new Error(`${first.namespace}:${first.path.join(".")} needs a ConfigDoc default: no schema default and no adapter settings`);
  }
  const settingPath = (leaf: Leaf) => (leaf.doc.setting ? leaf.doc.setting.split(".") : leaf.path.slice(1));
  const values = Object.fromEntries(PROFILE_NAMES.map((t) => [t, group.map((leaf) => shown(at(tiers[t], settingPath(leaf)))).join(" / ")])) as Record<ProfileName, string>;
  if (Object.values(values).some((v) => v.split(" / ").includes("—"))) {
    throw new Error(`${first.namespace}:${first.path.join(".")} has no value in the adapter's settings: give its ConfigDoc a default`);
  }
  return perTier(values) + (group.length === 1 ? stackFileNotes(first, values) : "");
}

/** `ns:a.<class>.b` / `.c`: positions the group shares are literal, others the section's placeholder or a list. */
function keyOf(group: readonly Leaf[]): string {
  const [first] = group;
  const last = first.path.length - 1;
  const segments = first.path.map((segment, i) => {
    const varies = group.some((leaf) => leaf.path[i] !== segment);
    const placeholder = first.sections[i]?.each;
    if (!varies || (placeholder === undefined && i === last)) return segment;
    if (placeholder === undefined) throw new Error(`${first.namespace}:${first.path.slice(0, i).join(".")} needs an \`each\` placeholder: one doc spans several of its keys`);
    return placeholder;
  });
  const names = first.sections[last]?.each === undefined ? [...new Set(group.map((leaf) => leaf.path[last]))] : [segments[last]];
  const head = `${first.namespace}:${segments.slice(0, last).concat(names[0]).join(".")}`;
  return [`\`${head}\``, ...names.slice(1).map((n) => `\`.${n}\``)].join(" / ");
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** the configuration reference (docs/configuration.md) table: one row per documented key, or per group of keys sharing a doc. */
export function renderConfigReference(): string {
  const leaves = [...leavesOf("aws", awsSchema), ...leavesOf(PROJECT, projectSchema)];
  const groups = new Map<string, Leaf[]>();
  for (const leaf of leaves) {
    // Keys of different sections never share a row, even where their docs read alike (the RDS engines' sections).
    const id = `${leaf.namespace}|${leaf.path[0]}|${JSON.stringify(leaf.doc)}`;
    groups.set(id, [...(groups.get(id) ?? []), leaf]);
  }
  const settings = tierSettings();
  const rows = [...groups.values()].map((group) => [keyOf(group), group[0].doc.type ?? "", defaultOf(group, settings), group[0].doc.description]);
  return [["Key", "Type", "Default", "Meaning"], ["---", "---", "---", "---"], ...rows]
    .map((cells) => `| ${cells.map(cell).join(" | ")} |`).join("\n");
}

/**
 * Pulumi.yaml's `config:` block: every project key with its type (structured keys are objects), description
 * and default. Keys of other namespaces (aws:region) are not declared: the CLI refuses a type or default on them.
 */
export function renderProjectConfig(): string {
  const lines = [
    "config:",
    "  # Generated by `npm run docs` from stacks/config/schema.ts and the adapters' schemas; do not edit by hand.",
    "  # A key of another namespace, such as aws:region, may declare no type and no default and must carry a `value`",
    "  # (the CLI's Project.Validate refuses the file otherwise). The region is a per-stack choice, so it is set in each",
    "  # Pulumi.<stack>.yaml and documented in docs/configuration.md, not declared here.",
    "  # Structured keys are `type: object`: Pulumi checks only that they are maps, so their shape lives in the schemas,",
    "  # which validate every key and refuse unknown ones.",
    "  # test/pulumi-project-rules.test.ts checks this file and the stack files against the CLI's rules.",
  ];
  for (const [key, schema] of entriesOf(projectSchema)) {
    const object = objectOf(schema);
    const doc = docOf(schema);
    if (doc === undefined) throw new Error(`${PROJECT}:${key} has no ConfigDoc`);
    const parsed = z.safeParse(schema, undefined);
    const fallback = parsed.success ? parsed.data : undefined;
    const description = object
      ? `Object: ${doc.description} Keys: ${Object.keys(object.shape).join(", ")}. See docs/configuration.md.`
      : `${doc.description}${fallback === undefined ? " Required." : ""}`;
    lines.push(`  ${PROJECT}:${key}:`, `    type: ${object ? "object" : "string"}`, `    description: ${JSON.stringify(description)}`);
    if (fallback !== undefined) lines.push(`    default: ${object ? "{}" : JSON.stringify(fallback)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Pulumi.yaml with its `config:` block (the last block of the file) replaced by the generated one. */
export function withProjectConfig(projectFile: string): string {
  const start = projectFile.search(/^config:/m);
  if (start < 0) throw new Error("Pulumi.yaml has no top-level config: block");
  return projectFile.slice(0, start) + renderProjectConfig();
}
