import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { ENGINES, type EngineName, SQLSERVER_EDITIONS, type SqlServerEdition } from "../../components/rds/engines";
import { isAbsent, type Read, read } from "./values";

/**
 * RDS instances as stack policies see them: which engine each runs (a read replica leaves `engine` unset and runs
 * its source's), and which parameter and option group it uses. Unknown values (preview) never resolve to an
 * answer: they come back `known: false`, and policies treat them as "not provable".
 */

export const instancesOf = (resources: readonly PolicyResource[]) => resources.filter((r) => r.isType(aws.rds.Instance));

const props = (db: PolicyResource) => db.asType(aws.rds.Instance)!;

/** A known string property, or undefined (unknown, absent or not a string). */
export function knownString(get: () => unknown): string | undefined {
  const r = read(get);
  return r.known && typeof r.value === "string" && r.value !== "" ? r.value : undefined;
}

export const identifierOf = (db: PolicyResource) => knownString(() => props(db).identifier);

/** A read replica: `replicateSourceDb` set, or unknown (an output, e.g. the source's identifier in preview). */
export const isReplica = (db: PolicyResource) => !isAbsent(() => props(db).replicateSourceDb);

/** Where a replica's source is: an instance of this stack, another region or account (`arn:...`), or unknown until apply. */
export type SourceRef = PolicyResource | "external" | "unknown";

/** The source of a replica: the instance whose identifier `replicateSourceDb` names (or whose ARN ends in `:<identifier>`). */
export function sourceOf(replica: PolicyResource, resources: readonly PolicyResource[]): SourceRef {
  const source = read(() => props(replica).replicateSourceDb as unknown);
  if (!source.known) return "unknown";
  if (typeof source.value !== "string" || source.value === "") return "external";
  const named = source.value;
  return instancesOf(resources).find((db) => db !== replica && !isReplica(db) && identifierOf(db) !== undefined
    && (named === identifierOf(db) || named.endsWith(`:${identifierOf(db)}`))) ?? "external";
}

/** A cross-region replica names its source by ARN; a same-region one by identifier. */
const crossRegion = (replica: PolicyResource) => knownString(() => props(replica).replicateSourceDb)?.startsWith("arn:") === true;

/**
 * A property a replica inherits from its source when it leaves it unset (`engine`, `engineVersion`). `known` with
 * `value: undefined` means this stack cannot say (the source is outside it); `known: false`, not yet (preview).
 */
export function inherited(db: PolicyResource, resources: readonly PolicyResource[], get: (db: Readonly<Record<string, unknown>>) => unknown): Read<string | undefined> {
  const own = read(() => get(props(db) as unknown as Record<string, unknown>));
  if (!own.known) return { known: false };
  if (typeof own.value === "string" && own.value !== "") return { known: true, value: own.value };
  if (!isReplica(db)) return { known: true, value: undefined };
  const source = sourceOf(db, resources);
  if (source === "unknown") return { known: false };
  if (source === "external") return { known: true, value: undefined };
  return inherited(source, resources, get);
}

/** The RDS `engine` an instance runs: its own, or its source's for a replica. */
export const engineOf = (db: PolicyResource, resources: readonly PolicyResource[]) => inherited(db, resources, (p) => p.engine);
/** The engine version an instance runs: its own, or its source's for a replica. */
export const engineVersionOf = (db: PolicyResource, resources: readonly PolicyResource[]) => inherited(db, resources, (p) => p.engineVersion);

/** The RDS `engine` values of each engine the component runs (components/rds engine profiles: `postgres`, `mysql`, `sqlserver-ex`...). */
const EDITIONS = Object.keys(SQLSERVER_EDITIONS) as SqlServerEdition[];
const RDS_ENGINES: ReadonlyMap<string, EngineName> = new Map((Object.values(ENGINES) as { name: EngineName; rdsEngine: (e: SqlServerEdition | undefined) => string }[])
  .flatMap((profile) => EDITIONS.map((edition) => [profile.rdsEngine(edition), profile.name] as const)));

/** The component's engine name for an RDS `engine` value, or undefined for an engine it does not run (mariadb, oracle-ee...). */
export function engineNameOf(rdsEngine: string | undefined): EngineName | undefined {
  return rdsEngine === undefined ? undefined : RDS_ENGINES.get(rdsEngine);
}

/** The SQL Server edition of an RDS `engine` (`sqlserver-ee` -> `ee`), or undefined for another engine. */
export function sqlServerEditionOf(rdsEngine: string | undefined): SqlServerEdition | undefined {
  return EDITIONS.find((e) => rdsEngine !== undefined && ENGINES.sqlserver.rdsEngine(e) === rdsEngine);
}

/** A version's numeric parts (`8.4.6` -> [8, 4, 6], `16.00.4085.2.v1` -> [16, 0, 4085, 2]). */
export function versionParts(version: string): number[] {
  return version.split(".").map((part) => Number(part)).filter((n) => Number.isInteger(n));
}

/** a >= b, comparing numeric parts left to right. */
export function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = versionParts(version);
  for (let i = 0; i < minimum.length; i++) {
    const part = parts[i] ?? 0;
    if (part !== minimum[i]) return part > minimum[i];
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Parameter and option groups.

/** Which group an instance uses: one this stack defines, the engine's default, one defined elsewhere, or unknown until apply. */
export type GroupRef =
  | { readonly kind: "stack"; readonly group: PolicyResource }
  | { readonly kind: "default" }
  | { readonly kind: "external"; readonly name: string }
  | { readonly kind: "unknown" };

type GroupProperty = "parameterGroupName" | "optionGroupName";

/** AWS's own groups: `default.mysql8.4` (parameters), `default:mysql-8-4` (options). */
const DEFAULT_GROUP = /^default[.:]/;

function groupNamed(name: string, groups: readonly PolicyResource[]): PolicyResource | undefined {
  return groups.find((g) => {
    const own = knownString(() => g.props.name);
    const prefix = knownString(() => g.props.namePrefix);
    // A group named by prefix gets a unique suffix; RDS stores names in lowercase.
    return own?.toLowerCase() === name.toLowerCase() || (prefix !== undefined && name.toLowerCase().startsWith(prefix.toLowerCase()));
  });
}

/**
 * The group an instance's `parameterGroupName` (or `optionGroupName`) names. Known names are matched against the
 * groups' names and prefixes; an unknown one (preview) by the engine's record of what the property was computed
 * from, else by the instance's dependencies when exactly one group is among them. A replica that names none uses
 * its source's (same region), or the engine's default (cross-region): RDS API Reference, CreateDBInstanceReadReplica
 * ("All other attributes (including DB security groups and DB parameter groups) are inherited from the source DB
 * instance", and DBParameterGroupName).
 */
export function groupOf(db: PolicyResource, resources: readonly PolicyResource[], property: GroupProperty, depth = 0): GroupRef {
  const isGroup = (r: PolicyResource) => (property === "parameterGroupName" ? r.isType(aws.rds.ParameterGroup) : r.isType(aws.rds.OptionGroup));
  const groups = resources.filter(isGroup);
  const name = read(() => props(db)[property] as unknown);
  const onlyOne = (candidates: readonly PolicyResource[]) => {
    const found = candidates.filter(isGroup);
    return found.length === 1 ? found[0] : undefined;
  };
  if (!name.known) {
    const group = onlyOne(db.propertyDependencies?.[property] ?? []) ?? onlyOne(db.dependencies);
    return group ? { kind: "stack", group } : { kind: "unknown" };
  }
  if (typeof name.value !== "string" || name.value === "") {
    if (!isReplica(db)) return { kind: "default" };
    if (crossRegion(db)) return { kind: "default" };
    const source = sourceOf(db, resources);
    if (source === "unknown") return { kind: "unknown" };
    if (source === "external" || depth > 5) return { kind: "external", name: "(the source's)" };
    return groupOf(source, resources, property, depth + 1);
  }
  if (DEFAULT_GROUP.test(name.value)) return { kind: "default" };
  const group = groupNamed(name.value, groups);
  return group ? { kind: "stack", group } : { kind: "external", name: name.value };
}

/** One entry of a parameter group: its value and apply method, as registered. */
export interface GroupParameter {
  readonly name: string;
  readonly value: Read<string>;
  readonly applyMethod: Read<string | undefined>;
}

/** The known entries of a parameter group (entries whose name is unknown are left out). */
export function parametersOf(group: PolicyResource): GroupParameter[] {
  const list = read(() => group.asType(aws.rds.ParameterGroup)?.parameters as unknown);
  if (!list.known || !Array.isArray(list.value)) return [];
  const entries = list.value as readonly Record<string, unknown>[];
  return entries.flatMap((_, i): GroupParameter[] => {
    const name = knownString(() => entries[i].name);
    if (name === undefined) return [];
    const value = read(() => entries[i].value);
    return [{
      name,
      value: value.known ? { known: true, value: String(value.value) } : { known: false },
      applyMethod: read(() => (entries[i].applyMethod as string | undefined) ?? undefined),
    }];
  });
}

/** Whether the parameter list itself (or any entry's name) is unknown: a missing entry proves nothing then. */
function parametersUnknown(group: PolicyResource): boolean {
  const list = read(() => group.asType(aws.rds.ParameterGroup)?.parameters as unknown);
  if (!list.known) return true;
  if (!Array.isArray(list.value)) return false;
  const entries = list.value as readonly Record<string, unknown>[];
  return entries.some((_, i) => !read(() => entries[i].name).known);
}

/** The value of a parameter an instance runs with, given its group: the group's entry, else the family's default. */
export type ParameterValue = Read<string> & { readonly from?: "group" | "default" };

export function parameterValue(ref: GroupRef, name: string, defaultValue: string | undefined): ParameterValue {
  if (ref.kind === "unknown" || ref.kind === "external") return { known: false };
  if (ref.kind === "stack") {
    const entry = parametersOf(ref.group).find((p) => p.name === name);
    if (entry) return entry.value.known ? { ...entry.value, from: "group" } : { known: false };
    if (parametersUnknown(ref.group)) return { known: false };
  }
  return defaultValue === undefined ? { known: false } : { known: true, value: defaultValue, from: "default" };
}

/** The settings of one option of an option group: `settings` maps each known setting name to its value. */
export function optionOf(group: PolicyResource, optionName: string): Read<{ settings: Readonly<Record<string, string>> } | undefined> {
  const list = read(() => group.asType(aws.rds.OptionGroup)?.options as unknown);
  if (!list.known) return { known: false };
  if (!Array.isArray(list.value)) return { known: true, value: undefined };
  const options = list.value as readonly Record<string, unknown>[];
  let unknownName = false;
  for (let i = 0; i < options.length; i++) {
    const name = read(() => options[i].optionName);
    if (!name.known) {
      unknownName = true;
      continue;
    }
    if (name.value !== optionName) continue;
    const settings = read(() => options[i].optionSettings);
    if (!settings.known) return { known: false };
    const entries = Array.isArray(settings.value) ? settings.value as readonly Record<string, unknown>[] : [];
    const values: Record<string, string> = {};
    for (let j = 0; j < entries.length; j++) {
      const key = read(() => entries[j].name);
      const value = read(() => entries[j].value);
      if (!key.known || !value.known) return { known: false };
      values[String(key.value)] = String(value.value);
    }
    return { known: true, value: { settings: values } };
  }
  return unknownName ? { known: false } : { known: true, value: undefined };
}

/** How a group is shown in messages: its name, its name prefix, or its logical name. */
export function describeGroup(group: PolicyResource): string {
  return knownString(() => group.props.name) ?? knownString(() => group.props.namePrefix) ?? group.name;
}

/** How an instance is shown in messages: its identifier, or its logical name. */
export const describeDb = (db: PolicyResource) => identifierOf(db) ?? db.name;
