/**
 * What DynamoDB (or the AWS provider, before it calls DynamoDB) refuses when a table is created, as pure checks
 * of the aws.dynamodb.Table inputs. Used by the component before it registers anything, and by the policy pack
 * (policy/engine-rules.ts) for any table in a stack. Each rule names where it is written down (read 2026-11-29).
 */

export const DYNAMODB_NAMING_SOURCE =
  "DynamoDB Developer Guide, \"Supported data types and naming rules in Amazon DynamoDB\" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html)";
export const DYNAMODB_ATTRIBUTES_SOURCE =
  "@pulumi/aws 7.48 dynamodb.Table (`attributes`: \"Only required for hashKey and rangeKey attributes\"; TableAttribute.type: \"Valid values are S (string), N (number), B (binary)\") and terraform-provider-aws, which refuses the rest at plan (\"all attributes must be indexed. Unused attributes\", hashicorp/terraform-provider-aws#43049, anomalyco/sst#4163)";
export const DYNAMODB_BILLING_SOURCE =
  "DynamoDB API Reference, CreateTable (ProvisionedThroughput: required with BillingMode PROVISIONED, not allowed with PAY_PER_REQUEST) and @pulumi/aws 7.48 dynamodb.Table (`billingMode` defaults to PROVISIONED; read/writeCapacity \"If the billingMode is PROVISIONED, this field is required\")";
export const DYNAMODB_TTL_SOURCE =
  "@pulumi/aws 7.48 TableTtl (`attributeName`: \"Required if enabled is true, must not be set otherwise\") and the DynamoDB API Reference, UpdateTimeToLive (the attribute holds epoch seconds; attribute names 1-255 characters)";
export const DYNAMODB_SSE_SOURCE =
  "@pulumi/aws 7.48 TableServerSideEncryption (`kmsKeyArn` only with enabled true; enabled false means the AWS-owned key) and the DynamoDB API Reference, SSESpecification (KMSMasterKeyId: key ID, key ARN, alias name or alias ARN)";
export const DYNAMODB_PITR_SOURCE =
  "@pulumi/aws 7.48 TablePointInTimeRecovery (`recoveryPeriodInDays`, default 35) and the DynamoDB API Reference, PointInTimeRecoverySpecification (RecoveryPeriodInDays 1-35)";

/** Table and index names: 3-255 characters of a-z, A-Z, 0-9, `_`, `-`, `.`. */
export const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
export const KEY_ATTRIBUTE_TYPES = ["S", "N", "B"] as const;
export const BILLING_MODES = ["PAY_PER_REQUEST", "PROVISIONED"] as const;
export const PITR_DAYS = { min: 1, max: 35 } as const;
/** TTL attribute names: 1-255 characters (a key-schema-style attribute limit; UpdateTimeToLive AttributeName). */
export const TTL_ATTRIBUTE = /^.{1,255}$/su;
/**
 * A KMS key as SSESpecification takes it: key ID (UUID or multi-Region mrk-), key ARN, alias name or alias ARN. A
 * key ARN's ID part is only checked for its characters (the offline mocks' key IDs are no UUIDs).
 */
export const KMS_KEY_REFERENCE =
  /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)|([0-9a-f-]{36}|mrk-[0-9a-f]{32})|alias\/[A-Za-z0-9/_-]+)$/;

/** The inputs of a table these rules read (the policy pack reads them from any aws.dynamodb.Table). */
export interface TableShape {
  readonly name?: unknown;
  readonly hashKey?: unknown;
  readonly rangeKey?: unknown;
  readonly attributes?: unknown;
  readonly globalSecondaryIndexes?: unknown;
  readonly localSecondaryIndexes?: unknown;
  readonly billingMode?: unknown;
  readonly readCapacity?: unknown;
  readonly writeCapacity?: unknown;
  readonly ttl?: unknown;
  readonly serverSideEncryption?: unknown;
  readonly pointInTimeRecovery?: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function tableNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return undefined;
  return TABLE_NAME.test(name) ? undefined
    : `table name "${name}" must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB refuses it with a ValidationException)`;
}

/** Every key attribute (table and indexes) declared in `attributes` with type S, N or B, and no other attribute declared there. */
export function attributeProblems(t: TableShape): string[] {
  const problems: string[] = [];
  if (!Array.isArray(t.attributes)) return problems;
  const declared = new Map<string, unknown>();
  for (const a of t.attributes) if (isObj(a) && typeof a.name === "string") declared.set(a.name, a.type);
  for (const [name, type] of declared) {
    if (typeof type === "string" && !(KEY_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
      problems.push(`attribute "${name}" has type "${type}": key attributes are S (string), N (number) or B (binary)`);
    }
  }
  const keys = new Set<string>();
  const addKey = (k: unknown) => { if (typeof k === "string") keys.add(k); };
  addKey(t.hashKey);
  addKey(t.rangeKey);
  for (const list of [t.globalSecondaryIndexes, t.localSecondaryIndexes]) {
    if (!Array.isArray(list)) continue;
    for (const index of list) if (isObj(index)) { addKey(index.hashKey); addKey(index.rangeKey); }
  }
  for (const key of keys) if (!declared.has(key)) problems.push(`key attribute "${key}" is not declared in attributes: every hash and range key (of the table and its indexes) needs a definition`);
  for (const name of declared.keys()) if (!keys.has(name)) problems.push(`attribute "${name}" is declared but is no key of the table or an index: declare only key attributes (all attributes must be indexed)`);
  return problems;
}

/** PAY_PER_REQUEST takes no provisioned capacity; PROVISIONED (the default when billingMode is absent) needs both. */
export function billingProblems(t: TableShape): string[] {
  const mode = t.billingMode === undefined ? "PROVISIONED" : t.billingMode;
  if (typeof mode !== "string") return [];
  if (!(BILLING_MODES as readonly string[]).includes(mode)) return [`billingMode "${mode}" must be PAY_PER_REQUEST or PROVISIONED`];
  const set = (v: unknown) => typeof v === "number" && v > 0;
  if (mode === "PAY_PER_REQUEST") {
    return set(t.readCapacity) || set(t.writeCapacity)
      ? [`billingMode PAY_PER_REQUEST takes no readCapacity/writeCapacity (got ${String(t.readCapacity)}/${String(t.writeCapacity)}): DynamoDB refuses provisioned throughput on an on-demand table`]
      : [];
  }
  const missing = (["readCapacity", "writeCapacity"] as const).filter((k) => !set(t[k]));
  return missing.length > 0
    ? [`billingMode ${t.billingMode === undefined ? "PROVISIONED (the default when billingMode is absent)" : "PROVISIONED"} needs ${missing.join(" and ")} of at least 1`]
    : [];
}

/** TTL: an attribute name exactly when enabled. */
export function ttlProblems(ttl: unknown): string[] {
  if (!isObj(ttl)) return [];
  const name = ttl.attributeName;
  const named = typeof name === "string" && name !== "";
  if (ttl.enabled === true && !named) return ["ttl is enabled without an attributeName: name the Number attribute that holds the expiry in epoch seconds"];
  if (ttl.enabled === true && typeof name === "string" && !TTL_ATTRIBUTE.test(name)) return [`ttl.attributeName must be 1-255 characters, got ${name.length}`];
  if (ttl.enabled !== true && ttl.enabled !== undefined && typeof ttl.enabled === "boolean" && named) {
    return [`ttl.attributeName "${String(name)}" is set while ttl is disabled: the provider refuses it (omit the name, or enable TTL)`];
  }
  return [];
}

/** SSE: a key only with enabled true, and in a shape SSESpecification accepts. */
export function sseProblems(sse: unknown): string[] {
  if (!isObj(sse)) return [];
  const key = str(sse.kmsKeyArn);
  if (key === undefined || key === "") return [];
  if (sse.enabled === false) return [`serverSideEncryption.kmsKeyArn is set while enabled is false (which means the AWS-owned key): set enabled true to use ${key}`];
  if (!KMS_KEY_REFERENCE.test(key)) return [`serverSideEncryption.kmsKeyArn "${key}" is no KMS key ID, key ARN, alias name or alias ARN`];
  return [];
}

/** PITR: a recovery period of 1-35 days, only with PITR enabled. */
export function pitrProblems(pitr: unknown): string[] {
  if (!isObj(pitr)) return [];
  const days = pitr.recoveryPeriodInDays;
  if (days === undefined || typeof days !== "number") return [];
  if (!Number.isInteger(days) || days < PITR_DAYS.min || days > PITR_DAYS.max) {
    return [`pointInTimeRecovery.recoveryPeriodInDays must be a whole number of days ${PITR_DAYS.min}..${PITR_DAYS.max}, got ${days}`];
  }
  if (pitr.enabled === false) return [`pointInTimeRecovery.recoveryPeriodInDays ${days} is set while point-in-time recovery is disabled`];
  return [];
}
