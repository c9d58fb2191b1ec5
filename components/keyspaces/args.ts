import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";

/**
 * Pure facts and checks of the Amazon Keyspaces component: no provider SDK is loaded here, so the adapter's
 * schema, settings and rules import this file, never ./index. Every AWS fact names its page (read 2026-11-29).
 */

/**
 * Keyspace and table names: 1-48 characters, a letter or digit first, then letters, digits and underscores
 * (Keyspaces API Reference, CreateKeyspace `keyspaceName` and CreateTable `tableName` patterns
 * `[a-zA-Z0-9][a-zA-Z0-9_]{0,47}`, https://docs.aws.amazon.com/keyspaces/latest/APIReference/API_CreateTable.html).
 * This stack asks for lowercase too: the Fiber adapter writes the names unquoted into CQL, and CQL folds unquoted
 * identifiers to lowercase, so a keyspace created as `Gofiber` through the API is one the adapter never finds.
 */
export const KEYSPACES_NAME = /^[a-z0-9][a-z0-9_]{0,47}$/;
export const KEYSPACES_NAME_SOURCE = "Keyspaces API Reference, CreateKeyspace/CreateTable name pattern [a-zA-Z0-9][a-zA-Z0-9_]{0,47}";

/** Keyspaces' own keyspaces (`system`, `system_schema`, `system_schema_mcs`, `system_multiregion_info`...). */
export const RESERVED_PREFIX = "system";

/**
 * The longest TTL, seconds: 630,720,000 (20 years), Cassandra's maximum, which Keyspaces keeps (Keyspaces Developer
 * Guide, "Expire data with Time to Live", https://docs.aws.amazon.com/keyspaces/latest/devguide/TTL.html). The Fiber
 * adapter clamps its per-row TTL to the same 20 years (`maxTTLSeconds`).
 */
export const MAX_TTL_SECONDS = 630_720_000;

/** The CQL endpoint of a region and its TLS port (Keyspaces Developer Guide, "Service endpoints for Amazon Keyspaces"). */
export const KEYSPACES_PORT = 9142;
export function keyspacesEndpoint(region: string): string {
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `cassandra.${region}.${suffix}`;
}

/**
 * The write consistency Keyspaces accepts: LOCAL_QUORUM. QUORUM (the Fiber adapter's default), EACH_QUORUM, ALL,
 * TWO, THREE, ANY, SERIAL and LOCAL_SERIAL "are not supported by Amazon Keyspaces and will result in exceptions";
 * reads take ONE, LOCAL_ONE or LOCAL_QUORUM (Keyspaces Developer Guide, "Supported Apache Cassandra read and write
 * consistency levels", https://docs.aws.amazon.com/keyspaces/latest/devguide/consistency.html).
 */
export const KEYSPACES_CONSISTENCY = "LOCAL_QUORUM";
export const UNSUPPORTED_CONSISTENCY = ["EACH_QUORUM", "QUORUM", "ALL", "TWO", "THREE", "ANY", "SERIAL", "LOCAL_SERIAL"] as const;

/**
 * The table the Fiber `storage/cassandra` adapter expects (cassandra.go createDataTable, gofiber/storage 8c8f561):
 * `key text PRIMARY KEY, value blob, expires_at timestamp`; it writes `USING TTL <seconds>` when an expiry is given.
 */
export const ADAPTER_TABLE = {
  partitionKey: "key",
  columns: [
    { name: "key", type: "text" },
    { name: "value", type: "blob" },
    { name: "expires_at", type: "timestamp" },
  ],
} as const;

/** The CQL operations the adapter runs on its table (Get, Set, Delete): the latency alarms watch each. */
export const ADAPTER_OPERATIONS = ["SELECT", "INSERT", "DELETE"] as const;

/** The Fiber adapter's own defaults (cassandra/config.go ConfigDefault, gofiber/storage 8c8f561): Keyspace `gofiber`, Table `kv_store`. */
export const ADAPTER_DEFAULT_KEYSPACE = "gofiber";
export const ADAPTER_DEFAULT_TABLE = "kv_store";

/**
 * The keyspace a stack creates when its config names none: `sparki_<stack>`, with the stack name's `-` as `_`.
 * "In an AWS account, keyspace names must be unique within each Region" (Keyspaces API Reference, CreateKeyspace,
 * https://docs.aws.amazon.com/keyspaces/latest/APIReference/API_CreateKeyspace.html), and dev and prod may share an
 * account and region: a fixed name (the adapter's `gofiber`) makes the second stack's CreateKeyspace fail with
 * ConflictException, and importing the keyspace instead would let the dev stack's destroy drop prod's table.
 * Stack names are lowercase letters, digits and single hyphens, at most STACK_NAME_MAX (20) characters
 * (stacks/config/stack-name.ts), so the result is at most 27 characters of [a-z0-9_], within {@link KEYSPACES_NAME},
 * and never starts with {@link RESERVED_PREFIX}. The adapter's `Config.Keyspace` must be set from the `keyspace` output.
 */
export function defaultKeyspaceName(stack: string): string {
  return `sparki_${stack.replace(/-/g, "_")}`;
}

export interface KeyspacesArgs {
  /**
   * Keyspace the adapter uses (its `Config.Keyspace`, which the application sets from the `keyspace` output);
   * lowercase, see {@link KEYSPACES_NAME}. Unique per account and region: the stack passes
   * {@link defaultKeyspaceName} unless its config names one. No default (the adapter's `gofiber` would collide).
   */
  readonly keyspaceName: string;
  /** Table the adapter uses (its `Config.Table`); per keyspace, so the adapter's name is kept. Default `kv_store` (the adapter's default). */
  readonly tableName?: string;
  /** Table default TTL, seconds, for rows written without one; 0 = none (rows the adapter stores without expiry stay). Default 0. */
  readonly defaultTtlSeconds?: number;
  /** Point-in-time recovery (35 days of continuous backups). Default true; prod refuses false. */
  readonly pointInTimeRecovery?: boolean;
  /** ARN of the stack's customer managed KMS key: the table is encrypted with it (never the AWS owned key). No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Region of the table (the endpoint is `cassandra.<region>.amazonaws.com`). No default. */
  readonly region: string;
  /** Account ID of the table (the IAM policy's resource ARNs). No default. */
  readonly accountId: string;
  /** Alarm topics and evaluation of the environment. No default. */
  readonly alarms: AlarmContext;
  /** Pulumi `protect` on the keyspace and table (refuse delete/replace). Default false. */
  readonly protect?: boolean;
}

export const KEYSPACES_DEFAULTS = {
  tableName: ADAPTER_DEFAULT_TABLE,
  defaultTtlSeconds: 0,
  pointInTimeRecovery: true,
  protect: false,
} as const;

export type ResolvedKeyspacesArgs = KeyspacesArgs & {
  readonly tableName: string;
  readonly defaultTtlSeconds: number;
  readonly pointInTimeRecovery: boolean;
  readonly protect: boolean;
};

/** What {@link keyspacesProblems} checks: the resolved values only, so the adapter's rules can run it on settings. */
export interface KeyspacesCheckedArgs {
  readonly keyspaceName: string;
  readonly tableName: string;
  readonly defaultTtlSeconds: number;
}

/** Every problem with the names and TTL, as [field, message]; empty when AWS and the adapter would accept them. */
export function keyspacesProblems(a: KeyspacesCheckedArgs): [string, string][] {
  const problems: [string, string][] = [];
  for (const [field, value] of [["keyspaceName", a.keyspaceName], ["tableName", a.tableName]] as const) {
    if (!KEYSPACES_NAME.test(value)) {
      problems.push([field, `must be 1-48 lowercase letters, digits or underscores starting with a letter or digit (${KEYSPACES_NAME_SOURCE}; lowercase because the Fiber adapter writes it unquoted into CQL, which folds it to lowercase)`]);
    }
  }
  if (a.keyspaceName.startsWith(RESERVED_PREFIX)) {
    problems.push(["keyspaceName", `must not start with "${RESERVED_PREFIX}" (Keyspaces' own keyspaces do, and the application's read-only grant on /keyspace/system* would cover it)`]);
  }
  if (!Number.isInteger(a.defaultTtlSeconds) || a.defaultTtlSeconds < 0 || a.defaultTtlSeconds > MAX_TTL_SECONDS) {
    problems.push(["defaultTtlSeconds", `must be a whole number of seconds from 0 (no default TTL) to ${MAX_TTL_SECONDS} (20 years, the most Keyspaces accepts)`]);
  }
  return problems;
}

/** Every default applied once; throws one Error listing every problem before anything is registered. */
export function resolveKeyspacesArgs(args: KeyspacesArgs): ResolvedKeyspacesArgs {
  const d = KEYSPACES_DEFAULTS;
  const resolved: ResolvedKeyspacesArgs = {
    ...args,
    tableName: args.tableName ?? d.tableName,
    defaultTtlSeconds: args.defaultTtlSeconds ?? d.defaultTtlSeconds,
    pointInTimeRecovery: args.pointInTimeRecovery ?? d.pointInTimeRecovery,
    protect: args.protect ?? d.protect,
  };
  const problems = keyspacesProblems(resolved);
  if (!/^\d{12}$/.test(args.accountId)) problems.push(["accountId", "must be a 12-digit AWS account ID"]);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)) problems.push(["region", "must be an AWS region such as eu-west-1"]);
  if (problems.length > 0) {
    const value = (field: string) => JSON.stringify((resolved as unknown as Record<string, unknown>)[field]);
    throw new Error(`KeyspacesStore: ${problems.map(([field, message]) => `${field} ${message}, got ${value(field)}`).join("; ")}`);
  }
  return resolved;
}

/** `arn:<partition>:cassandra:<region>:<account>:/keyspace/<keyspace>/table/<table>` (Keyspaces "How Amazon Keyspaces works with IAM"). */
export function tableArn(partition: string, region: string, accountId: string, keyspace: string, table: string): string {
  return `arn:${partition}:cassandra:${region}:${accountId}:/keyspace/${keyspace}/table/${table}`;
}

/** The system tables every driver reads at connect time: read-only, required for any table access. */
export function systemTablesArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:cassandra:${region}:${accountId}:/keyspace/system*`;
}

/**
 * The application's least-privilege policy: what the Fiber adapter runs and nothing else.
 * - `cassandra:Select` + `cassandra:Modify` on the one table (Get; Set and Delete).
 * - `cassandra:Select` on `/keyspace/system*`: required for any table access, since drivers read system tables when
 *   they connect (Keyspaces "How Amazon Keyspaces works with IAM", note on system tables).
 * - `cassandra:Create` on the one table ARN only: the adapter runs `CREATE TABLE IF NOT EXISTS` on every start and
 *   has no option to skip it; Cassandra authorises that statement before it checks existence, and whether Keyspaces
 *   does the same is unverified, so the grant stays (named exception `keyspaces-adapter-create-table`). No Alter,
 *   no Drop (the adapter's `Reset: true` drops tables: it is refused), no keyspace-level Create.
 * - KMS use of the stack key only through Keyspaces (`kms:ViaService`), as the Keyspaces key-policy example grants
 *   to principals authorised to use Keyspaces (Developer Guide, "Encryption at rest: customer managed keys").
 */
export function accessPolicyDocument(p: { partition: string; region: string; accountId: string; keyspace: string; table: string; kmsKeyArn: string }): Record<string, unknown> {
  const table = tableArn(p.partition, p.region, p.accountId, p.keyspace, p.table);
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadWriteTheAdaptersTable", Effect: "Allow", Action: ["cassandra:Select", "cassandra:Modify"], Resource: [table] },
      { Sid: "ReadSystemTablesAtConnect", Effect: "Allow", Action: ["cassandra:Select"], Resource: [systemTablesArn(p.partition, p.region, p.accountId)] },
      { Sid: "AdapterCreateTableIfNotExists", Effect: "Allow", Action: ["cassandra:Create"], Resource: [table] },
      {
        Sid: "UseStackKeyThroughKeyspaces",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: [p.kmsKeyArn],
        Condition: { StringEquals: { "kms:ViaService": `cassandra.${p.region}.amazonaws.com` } },
      },
    ],
  };
}
