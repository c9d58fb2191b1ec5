import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import { logRetentionProblem } from "../common/log-retention";
import { DAILY_WINDOW, WEEKLY_WINDOW, windowPairProblem } from "../common/windows";
import {
  AUDIT_LOG_MODES, type AuditLogMode, CLUSTER_IDENTIFIER, DOCDB_BACKUP_RETENTION, DOCDB_DEFAULT_PORT, DOCDB_ENGINE_VERSIONS, DOCDB_MAX_INSTANCES, DOCDB_MIN_WINDOW_MINUTES,
  DOCDB_PORT_RANGE, FIPS_REGIONS, MASTER_USERNAME, PROFILER_SAMPLING_RATE, PROFILER_THRESHOLD_MS, RESERVED_USERNAMES, TLS_MODES, type TlsMode,
} from "./engine";
import type { DatabaseClients, SecretsManagerRoute } from "../rds/security-groups";
import { docDbInstanceClassProblem } from "./instance-classes";

/** Who may connect on the cluster port: the RDS components' client shape. */
export type DocDbClients = DatabaseClients;

/** How the rotation function reaches Secrets Manager over HTTPS: the RDS components' route shape. */
export type DocDbSecretsManagerRoute = SecretsManagerRoute;

export interface DocumentDbClusterArgs {
  /** AWS region of the cluster, e.g. `eu-west-1` (the rotation function's Secrets Manager endpoint; `fips-140-3` TLS). No default. */
  readonly region: string;
  /**
   * Cluster identifier: 1-51 lowercase letters, digits or hyphens (DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH: DocumentDB
   * takes 63, but the names derived from it must fit too), a letter first, no `--`, no trailing `-`. Also names the
   * instances (`<id>-1`...), subnet and parameter groups, log groups, secrets and rotation functions. No default.
   */
  readonly clusterIdentifier: string;
  /** Engine version, a key of DOCDB_ENGINE_VERSIONS (it picks the parameter group family). Default: `5.0.0`. */
  readonly engineVersion?: string;
  /** Instance class of every instance, a key of DOCDB_INSTANCE_CLASSES. No default. */
  readonly instanceClass: string;
  /** Instances (one primary, the rest replicas), 1..16, spread round-robin over `availabilityZones`. Default: 1. */
  readonly instances?: number;
  /** Zones of `subnetIds`, in the order instances are placed. No default. */
  readonly availabilityZones: readonly string[];
  /** VPC of the security groups. No default. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets, one per zone, for the cluster's subnet group and the rotation function. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Who may connect on `port`. Default: nobody (then no client can connect: the adapter always names some). */
  readonly clients?: DocDbClients;
  /** Where the rotation function's HTTPS to Secrets Manager goes. No default. */
  readonly secretsManager: DocDbSecretsManagerRoute;
  /** TCP port, 1150..65535. Default: 27017. */
  readonly port?: number;
  /** Customer KMS key: storage, snapshots, log groups, both credentials secrets. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Master user name (see MASTER_USERNAME, RESERVED_USERNAMES). Default: `sparki`. */
  readonly masterUsername?: string;
  /** `tls` cluster parameter, never `disabled`. Default: `tls1.2+` (what Security Hub DocumentDB.6 accepts). */
  readonly tls?: TlsMode;
  /** `audit_logs` cluster parameter. Default: `enabled` (DDL, authentication, authorisation and user management events; not every read and write). */
  readonly auditLogs?: AuditLogMode;
  /** `profiler_threshold_ms`: operations slower than this are profiled, 50..2147483646 (ms). Default: 100 ms. */
  readonly profilerThresholdMs?: number;
  /** `profiler_sampling_rate`, 0..1 (share of slow operations logged). Default: 1.0. */
  readonly profilerSamplingRate?: number;
  /** Days of automated backups (point-in-time restore), 1..35. Default: 7 days. */
  readonly backupRetentionDays?: number;
  /** Daily backup window `hh:mm-hh:mm`, UTC, at least 30 minutes. Default: `02:00-03:00`. */
  readonly backupWindow?: string;
  /** Weekly maintenance window `ddd:hh:mm-ddd:hh:mm`, UTC, at least 30 minutes, apart from the backup window. Default: `sun:03:30-sun:04:30`. */
  readonly maintenanceWindow?: string;
  /** DocumentDB deletion protection on the cluster. Default: true (the cloudposse module defaults to false). */
  readonly deletionProtection?: boolean;
  /** Take a final snapshot `<id>-final` on delete. Default: true. */
  readonly finalSnapshot?: boolean;
  /** Apply modifications now rather than in the maintenance window. Default: false. */
  readonly applyImmediately?: boolean;
  /**
   * Retention of the audit log group, days (a CloudWatch Logs retention). The profiler log group keeps at most
   * DOCDB_PROFILER_LOG_MAX_RETENTION_DAYS (14) of them: see {@link docDbProfilerLogRetentionDays}. Default: 30 days.
   */
  readonly logRetentionDays?: number;
  /** Days between rotations of the master's and the application user's passwords, 1..1000. Default: 30 days. */
  readonly secretRotationDays?: number;
  /** Days Secrets Manager keeps the deleted secret recoverable: 0 or 7..30. Default: 30 days. */
  readonly secretRecoveryWindowDays?: number;
  /** Database the Fiber adapter uses (its `Database`), 1-63 characters without `/\. "$` and NUL. Default: `sparki`. */
  readonly databaseName?: string;
  /** Collection the Fiber adapter uses (its `Collection`), 1-120 characters, not starting with `system.` nor holding `$`. Default: `fiber_storage`. */
  readonly collectionName?: string;
  /** SNS topic ARNs per severity for DocumentDB cluster and instance events. Default: none (no subscriptions). */
  readonly eventTopicArns?: Readonly<Record<"critical" | "warning", pulumi.Input<string>>>;
  /** Where the alarms report and how they evaluate. No default. */
  readonly alarms: AlarmContext;
  /** Pulumi `protect` on the cluster, its instances, both secrets (master, application) and both generated passwords. Default: false. */
  readonly protect?: boolean;
}

/**
 * Names the component derives from the cluster identifier by appending a suffix, with the limit of each: the
 * identifier may be no longer than the tightest of them allows.
 */
export const DOCDB_DERIVED_NAMES = [
  // CreateDBInstance DBInstanceIdentifier: "Must contain from 1 to 63 letters, numbers, or hyphens"; instances are `<id>-1`..`<id>-16`.
  { what: "instance identifier", suffix: `-${DOCDB_MAX_INSTANCES}`, maxLength: 63 },
  // Lambda function (and, behind `serverlessrepo-`, CloudFormation stack) name: 64 at most (components/common/secret-rotation.ts).
  { what: "master rotation function", suffix: "-rotation", maxLength: 64 },
  { what: "application rotation function", suffix: "-app-rotation", maxLength: 64 },
  // DeleteDBCluster FinalDBSnapshotIdentifier: 1-255 letters, numbers, or hyphens (as RDS's; not re-read).
  { what: "final snapshot", suffix: "-final", maxLength: 255 },
] as const;

/**
 * Longest cluster identifier whose derived names all fit: 51, set by the application's rotation function
 * (`<id>-app-rotation`, 64 - 13); instance identifiers alone would allow 60 (63 - `-16`).
 */
export const DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH = Math.min(...DOCDB_DERIVED_NAMES.map((n) => n.maxLength - n.suffix.length));

/** The arguments that have a default, and that default (each documented on {@link DocumentDbClusterArgs}). */
export const DOCUMENTDB_DEFAULTS = {
  engineVersion: "5.0.0",
  instances: 1,
  clients: { securityGroupIds: [], cidrBlocks: [] } as DocDbClients,
  port: DOCDB_DEFAULT_PORT,
  masterUsername: "sparki",
  tls: "tls1.2+" as TlsMode,
  auditLogs: "enabled" as AuditLogMode,
  profilerThresholdMs: 100,
  profilerSamplingRate: 1,
  backupRetentionDays: 7,
  backupWindow: "02:00-03:00",
  maintenanceWindow: "sun:03:30-sun:04:30",
  deletionProtection: true,
  finalSnapshot: true,
  applyImmediately: false,
  logRetentionDays: 30,
  secretRotationDays: 30,
  secretRecoveryWindowDays: 30,
  databaseName: "sparki",
  collectionName: "fiber_storage",
  protect: false,
} as const;

export type ResolvedDocumentDbArgs = Required<Omit<DocumentDbClusterArgs, "eventTopicArns">> & Pick<DocumentDbClusterArgs, "eventTopicArns">;

/** `args` with every default applied once (not yet checked: see {@link resolveDocumentDbArgs}). */
export function applyDocumentDbDefaults(args: DocumentDbClusterArgs): ResolvedDocumentDbArgs {
  const d = DOCUMENTDB_DEFAULTS;
  return {
    ...args,
    engineVersion: args.engineVersion ?? d.engineVersion,
    instances: args.instances ?? d.instances,
    clients: args.clients ?? d.clients,
    port: args.port ?? d.port,
    masterUsername: args.masterUsername ?? d.masterUsername,
    tls: args.tls ?? d.tls,
    auditLogs: args.auditLogs ?? d.auditLogs,
    profilerThresholdMs: args.profilerThresholdMs ?? d.profilerThresholdMs,
    profilerSamplingRate: args.profilerSamplingRate ?? d.profilerSamplingRate,
    backupRetentionDays: args.backupRetentionDays ?? d.backupRetentionDays,
    backupWindow: args.backupWindow ?? d.backupWindow,
    maintenanceWindow: args.maintenanceWindow ?? d.maintenanceWindow,
    deletionProtection: args.deletionProtection ?? d.deletionProtection,
    finalSnapshot: args.finalSnapshot ?? d.finalSnapshot,
    applyImmediately: args.applyImmediately ?? d.applyImmediately,
    logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
    secretRotationDays: args.secretRotationDays ?? d.secretRotationDays,
    secretRecoveryWindowDays: args.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
    databaseName: args.databaseName ?? d.databaseName,
    collectionName: args.collectionName ?? d.collectionName,
    protect: args.protect ?? d.protect,
  };
}

/** MongoDB database names: 1-63 characters, none of `/\. "$` or NUL (MongoDB "Naming Restrictions"; DocumentDB follows them). */
export const DATABASE_NAME = /^[^/\\. "$\0]{1,63}$/;
/** Collection names: 1-120 characters here, no `$`, no NUL, not `system.*` (MongoDB "Naming Restrictions"). */
export const COLLECTION_NAME = /^(?!system\.)[^$\0]{1,120}$/;

/** The fields {@link documentDbProblems} judges: the stack's settings carry the same names. */
export type DocDbCheckedArgs = Pick<ResolvedDocumentDbArgs,
  "engineVersion" | "instanceClass" | "instances" | "port" | "masterUsername" | "tls" | "auditLogs" | "profilerThresholdMs" | "profilerSamplingRate"
  | "backupRetentionDays" | "backupWindow" | "maintenanceWindow" | "logRetentionDays" | "secretRotationDays" | "secretRecoveryWindowDays"
  | "databaseName" | "collectionName"> & { readonly region: string; readonly availabilityZones: readonly string[] };

const isInt = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/**
 * What DocumentDB (or the Fiber adapter) would refuse, as [field, message] with the message saying what is allowed
 * (callers add the value); empty when the arguments are good. Sources: components/documentdb/engine.ts.
 */
export function documentDbProblems(a: DocDbCheckedArgs): [string, string][] {
  const p: [string, string][] = [];
  if (!(a.engineVersion in DOCDB_ENGINE_VERSIONS)) {
    p.push(["engineVersion", `must be one of ${Object.keys(DOCDB_ENGINE_VERSIONS).join(", ")} (the docdb5.0 parameter family this component sets tls1.2+, audit_logs and profiler in)`]);
  }
  const classProblem = docDbInstanceClassProblem(a.instanceClass);
  if (classProblem) p.push(["instanceClass", classProblem]);
  if (!isInt(a.instances, 1, DOCDB_MAX_INSTANCES)) p.push(["instances", `must be an integer 1..${DOCDB_MAX_INSTANCES} (one primary and up to 15 replicas per cluster)`]);
  if (!isInt(a.port, DOCDB_PORT_RANGE.min, DOCDB_PORT_RANGE.max)) p.push(["port", `must be an integer ${DOCDB_PORT_RANGE.min}..${DOCDB_PORT_RANGE.max} (CreateDBCluster Port)`]);
  if (!MASTER_USERNAME.test(a.masterUsername)) {
    p.push(["masterUsername", "must be 1-63 letters or digits, a letter first (CreateDBCluster MasterUsername)"]);
  } else if ((RESERVED_USERNAMES as readonly string[]).includes(a.masterUsername.toLowerCase())) {
    p.push(["masterUsername", `must not be a name the engine reserves (${RESERVED_USERNAMES.join(", ")})`]);
  }
  if (!(a.tls in TLS_MODES)) {
    p.push(["tls", `must be one of ${Object.keys(TLS_MODES).join(", ")}; never disabled (the Fiber adapter's URI asks for TLS, and Security Hub DocumentDB.6 wants tls1.2+ or stricter)`]);
  } else if (a.tls === "fips-140-3" && !(FIPS_REGIONS as readonly string[]).includes(a.region)) {
    p.push(["tls", `fips-140-3 is offered only in ${FIPS_REGIONS.join(", ")}, not ${a.region} (DocumentDB API reference, Parameter)`]);
  }
  if (!(AUDIT_LOG_MODES as readonly string[]).includes(a.auditLogs)) p.push(["auditLogs", `must be one of ${AUDIT_LOG_MODES.join(", ")} (never disabled or none: the audit log is exported)`]);
  if (!isInt(a.profilerThresholdMs, PROFILER_THRESHOLD_MS.min, PROFILER_THRESHOLD_MS.max)) {
    p.push(["profilerThresholdMs", `must be an integer ${PROFILER_THRESHOLD_MS.min}..${PROFILER_THRESHOLD_MS.max} ms (profiler_threshold_ms)`]);
  }
  if (!(a.profilerSamplingRate >= PROFILER_SAMPLING_RATE.min && a.profilerSamplingRate <= PROFILER_SAMPLING_RATE.max) || a.profilerSamplingRate === 0) {
    p.push(["profilerSamplingRate", "must be a number above 0 and at most 1 (profiler_sampling_rate; 0 would export nothing)"]);
  }
  if (!isInt(a.backupRetentionDays, DOCDB_BACKUP_RETENTION.min, DOCDB_BACKUP_RETENTION.max)) {
    p.push(["backupRetentionDays", `must be an integer ${DOCDB_BACKUP_RETENTION.min}..${DOCDB_BACKUP_RETENTION.max} days (CreateDBCluster BackupRetentionPeriod)`]);
  }
  const daily = DAILY_WINDOW.test(a.backupWindow);
  const weekly = WEEKLY_WINDOW.test(a.maintenanceWindow);
  if (!daily) p.push(["backupWindow", "must be a UTC window hh:mm-hh:mm such as 02:00-03:00"]);
  if (!weekly) p.push(["maintenanceWindow", "must be a UTC window ddd:hh:mm-ddd:hh:mm such as sun:03:30-sun:04:30"]);
  if (daily && weekly) {
    const w = windowPairProblem(a.backupWindow, a.maintenanceWindow, { minimumMinutes: DOCDB_MIN_WINDOW_MINUTES, dailyLabel: "backup" });
    if (w) p.push([w.window === "daily" ? "backupWindow" : "maintenanceWindow", w.message]);
  }
  const retention = logRetentionProblem(a.logRetentionDays);
  if (retention) p.push(["logRetentionDays", retention]);
  if (!isInt(a.secretRotationDays, 1, 1000)) p.push(["secretRotationDays", "must be an integer 1..1000 days (Secrets Manager rotation schedule)"]);
  if (!(a.secretRecoveryWindowDays === 0 || isInt(a.secretRecoveryWindowDays, 7, 30))) p.push(["secretRecoveryWindowDays", "must be 0 or an integer 7..30 days"]);
  if (!DATABASE_NAME.test(a.databaseName)) p.push(["databaseName", "must be 1-63 characters without / \\ . space \" $ (MongoDB database name rules)"]);
  if (!COLLECTION_NAME.test(a.collectionName)) p.push(["collectionName", "must be 1-120 characters without $, not starting with system. (MongoDB collection name rules)"]);
  if (a.availabilityZones.length === 0) p.push(["availabilityZones", "must name at least one zone"]);
  return p;
}

/**
 * Longest retention of the profiler log group, days. The profiler logs each slow operation's command with its
 * filter, and the Fiber adapter's filters are its keys (`{key: <session id>}`, rate-limit keys): live session IDs
 * that anyone who may read the log group (and decrypt through CloudWatch Logs) could replay. The profiler stays on
 * (slow queries are what it is for), but its log is kept only as long as a slow-query investigation needs.
 */
export const DOCDB_PROFILER_LOG_MAX_RETENTION_DAYS = 14;

/**
 * Retention of the profiler log group: the audit logs' retention, capped at 14 days; never longer than the
 * profile's own. Both 14 and every value below it that a profile can give are CloudWatch Logs retentions.
 */
export function docDbProfilerLogRetentionDays(logRetentionDays: number): number {
  return Math.min(logRetentionDays, DOCDB_PROFILER_LOG_MAX_RETENTION_DAYS);
}

/** Every default applied, every argument checked: throws one Error listing every problem, before anything is registered. */
export function resolveDocumentDbArgs(name: string, args: DocumentDbClusterArgs): ResolvedDocumentDbArgs {
  const a = applyDocumentDbDefaults(args);
  const problems = documentDbProblems(a);
  if (!CLUSTER_IDENTIFIER.test(a.clusterIdentifier) || a.clusterIdentifier.length > DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH) {
    problems.unshift(["clusterIdentifier", `must be 1-${DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH} lowercase letters, digits or hyphens, a letter first, no '--' and no trailing '-' (DocumentDB takes 63, but <id>-app-rotation must fit the 64 of a Lambda function name)`]);
  }
  if (problems.length > 0) {
    const lines = problems.map(([field, message]) => `  ${field} ${message}, got ${JSON.stringify((a as Record<string, unknown>)[field])}`);
    throw new Error(`DocumentDB cluster ${name}: ${problems.length} problem(s):\n${lines.join("\n")}`);
  }
  return a;
}
