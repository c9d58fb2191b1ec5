import { KEYSPACES_NAME_SOURCE, MAX_TTL_SECONDS } from "./args";

/**
 * What Amazon Keyspaces (or the AWS provider before it) refuses when a keyspace or table is created, as pure checks
 * on plain input shapes (policy/engine-rules-keyspaces.ts runs them on any aws.keyspaces.* resource of a stack).
 * Each names its page, read 2026-11-29. An `undefined` field is unknown or unset: it proves nothing.
 */

const API = "https://docs.aws.amazon.com/keyspaces/latest/APIReference";
export const KEYSPACES_NAMES_SOURCE = `${KEYSPACES_NAME_SOURCE} (${API}/API_CreateKeyspace.html, ${API}/API_CreateTable.html)`;
export const KEYSPACES_REPLICATION_SOURCE = `Keyspaces API Reference, ReplicationSpecification: SINGLE_REGION or MULTI_REGION; regionList takes the current Region and at least one more, and only with MULTI_REGION (${API}/API_ReplicationSpecification.html; the AWS provider's KeyspaceReplicationSpecification says the same)`;
export const KEYSPACES_CAPACITY_SOURCE = `Keyspaces API Reference, CapacitySpecification: readCapacityUnits and writeCapacityUnits are required with PROVISIONED and not used with PAY_PER_REQUEST (${API}/API_CapacitySpecification.html)`;
export const KEYSPACES_ENCRYPTION_SOURCE = `Keyspaces API Reference, EncryptionSpecification: CUSTOMER_MANAGED_KMS_KEY "requires the kms_key_identifier of the KMS key in Amazon Resource Name (ARN) format" (${API}/API_EncryptionSpecification.html)`;
export const KEYSPACES_TTL_SOURCE = "Keyspaces API Reference, CreateTable `ttl`: default status disabled, and \"after ttl is enabled, you can't disable it for the table\" (https://docs.aws.amazon.com/keyspaces/latest/APIReference/API_CreateTable.html); the AWS provider's TableTtl takes only ENABLED; TTL values up to 630,720,000 s (Developer Guide, \"Expire data with Time to Live\"). That a default TTL needs TTL enabled follows the Developer Guide's \"Setting the default TTL value for a table\" (https://docs.aws.amazon.com/keyspaces/latest/devguide/TTL-how-it-works.html), not read word for word: unverified";
export const KEYSPACES_SCHEMA_SOURCE = `Keyspaces API Reference, SchemaDefinition: allColumns holds every column with its type; partitionKeys (at least one) and clusteringKeys name columns of it (${API}/API_SchemaDefinition.html)`;

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_]{0,47}$/;

/** A keyspace name or table name AWS refuses, or undefined. */
export function nameProblem(kind: "keyspace" | "table", name: unknown): string | undefined {
  if (typeof name !== "string") return undefined;
  return NAME.test(name) ? undefined : `${kind} name "${name}" is not 1-48 letters, digits or underscores starting with a letter or digit`;
}

export interface ReplicationShape { readonly replicationStrategy?: string; readonly regionLists?: readonly string[] }

/** What CreateKeyspace refuses in a replication specification, given the keyspace's region. */
export function replicationProblems(r: ReplicationShape | undefined, region: string | undefined): string[] {
  if (r === undefined) return [];
  const strategy = r.replicationStrategy ?? "SINGLE_REGION";
  const regions = r.regionLists ?? [];
  if (!["SINGLE_REGION", "MULTI_REGION"].includes(strategy)) return [`replicationStrategy ${strategy} is neither SINGLE_REGION nor MULTI_REGION`];
  if (strategy === "SINGLE_REGION" && regions.length > 0) return [`SINGLE_REGION takes no regionList (got ${regions.join(", ")})`];
  if (strategy === "MULTI_REGION") {
    const problems: string[] = [];
    if (new Set(regions).size < 2) problems.push(`MULTI_REGION needs the current Region and at least one more in regionList (got ${regions.join(", ") || "none"})`);
    if (region !== undefined && regions.length > 0 && !regions.includes(region)) problems.push(`MULTI_REGION's regionList must include the keyspace's own Region ${region}`);
    return problems;
  }
  return [];
}

export interface TableShape {
  readonly capacitySpecification?: { readonly throughputMode?: string; readonly readCapacityUnits?: number; readonly writeCapacityUnits?: number };
  readonly encryptionSpecification?: { readonly type?: string; readonly kmsKeyIdentifier?: string };
  readonly ttl?: { readonly status?: string };
  readonly defaultTimeToLive?: number;
  readonly schemaDefinition?: {
    readonly columns?: readonly { readonly name?: string; readonly type?: string }[];
    readonly partitionKeys?: readonly { readonly name?: string }[];
    readonly clusteringKeys?: readonly { readonly name?: string }[];
  };
}

/** CreateTable's capacity rules. */
export function capacityProblems(t: TableShape): string[] {
  const c = t.capacitySpecification;
  if (c === undefined) return [];
  const mode = c.throughputMode ?? "PAY_PER_REQUEST";
  const units = [c.readCapacityUnits, c.writeCapacityUnits];
  if (mode === "PAY_PER_REQUEST" && units.some((u) => u !== undefined)) return ["PAY_PER_REQUEST takes no readCapacityUnits/writeCapacityUnits"];
  if (mode === "PROVISIONED" && units.some((u) => u === undefined)) return ["PROVISIONED needs both readCapacityUnits and writeCapacityUnits"];
  if (!["PAY_PER_REQUEST", "PROVISIONED"].includes(mode)) return [`throughputMode ${mode} is neither PAY_PER_REQUEST nor PROVISIONED`];
  return [];
}

/** CreateTable's encryption rules: a customer managed key is named by ARN; the AWS owned key names none. */
export function encryptionProblems(t: TableShape): string[] {
  const e = t.encryptionSpecification;
  if (e === undefined) return [];
  const type = e.type ?? "AWS_OWNED_KMS_KEY";
  if (type === "CUSTOMER_MANAGED_KMS_KEY" && e.kmsKeyIdentifier === undefined) return ["CUSTOMER_MANAGED_KMS_KEY needs kmsKeyIdentifier (the key's ARN)"];
  if (type === "CUSTOMER_MANAGED_KMS_KEY" && typeof e.kmsKeyIdentifier === "string" && !e.kmsKeyIdentifier.startsWith("arn:")) {
    return [`kmsKeyIdentifier "${e.kmsKeyIdentifier}" is not a key ARN (an ID or alias is refused)`];
  }
  if (type === "AWS_OWNED_KMS_KEY" && e.kmsKeyIdentifier !== undefined) return ["AWS_OWNED_KMS_KEY takes no kmsKeyIdentifier"];
  return [];
}

/** TTL rules: a default TTL needs TTL enabled, and stays within 20 years. */
export function ttlProblems(t: TableShape): string[] {
  const problems: string[] = [];
  const ttl = t.defaultTimeToLive;
  if (ttl !== undefined && ttl > 0 && t.ttl?.status !== "ENABLED") problems.push(`defaultTimeToLive ${ttl} needs ttl { status: ENABLED } on the table`);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL_SECONDS)) problems.push(`defaultTimeToLive ${ttl} is not 0..${MAX_TTL_SECONDS} whole seconds`);
  if (t.ttl?.status !== undefined && t.ttl.status !== "ENABLED") problems.push(`ttl status ${t.ttl.status}: the only value is ENABLED (leave ttl out to keep it off)`);
  return problems;
}

/** SchemaDefinition rules: at least one partition key, every key a declared column. */
export function schemaProblems(t: TableShape): string[] {
  const s = t.schemaDefinition;
  if (s?.columns === undefined || s.partitionKeys === undefined) return [];
  const columns = new Set(s.columns.map((c) => c.name));
  const problems: string[] = [];
  if (s.partitionKeys.length === 0) problems.push("schemaDefinition has no partition key");
  for (const key of [...s.partitionKeys, ...(s.clusteringKeys ?? [])]) {
    if (key.name !== undefined && !columns.has(key.name)) problems.push(`key column ${key.name} is not among the table's columns`);
  }
  return problems;
}
