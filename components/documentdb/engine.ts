/**
 * What Amazon DocumentDB (instance-based clusters) accepts, read 2026-11-29. Each constant names its page; the
 * component's validation and the adapter's rules quote them, and tests hold a counterexample for each.
 */

const DOCDB_GUIDE = "https://docs.aws.amazon.com/documentdb/latest/developerguide";
export const DOCDB_SOURCES = {
  limits: `${DOCDB_GUIDE}/limits.html`,
  instanceClasses: `${DOCDB_GUIDE}/db-instance-classes.html`,
  parameters: `${DOCDB_GUIDE}/cluster_parameter_groups-list_of_parameters.html`,
  parameterApi: `${DOCDB_GUIDE}/API_Parameter.html`,
  createCluster: `${DOCDB_GUIDE}/API_CreateDBCluster.html`,
  backups: `${DOCDB_GUIDE}/backup_restore-understanding_backups.html`,
  logs: `${DOCDB_GUIDE}/event-auditing.html`,
  profiler: `${DOCDB_GUIDE}/profiling.html`,
  metrics: `${DOCDB_GUIDE}/cloud_watch.html`,
  tls: `${DOCDB_GUIDE}/security.encryption.ssl.html`,
  connect: `${DOCDB_GUIDE}/connect-to-replica-set.html`,
  caBundle: "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem",
} as const;

/**
 * Engine versions this component deploys, with their cluster parameter group family. 5.0.0 only: the family whose
 * parameters (tls1.2+, audit_logs values, profiler) are tabulated below; 4.0 lacks some of them and 8.0's family
 * was not read (unverified), so both are refused rather than guessed.
 */
export const DOCDB_ENGINE_VERSIONS = { "5.0.0": "docdb5.0" } as const;
export type DocDbEngineVersion = keyof typeof DOCDB_ENGINE_VERSIONS;

/** Port DocumentDB listens on by default (CreateDBCluster Port: 1150..65535, default 27017). */
export const DOCDB_DEFAULT_PORT = 27017;
export const DOCDB_PORT_RANGE = { min: 1150, max: 65535 } as const;

/** CreateDBCluster BackupRetentionPeriod: 1..35 days ("Must be a value from 1 to 35"). */
export const DOCDB_BACKUP_RETENTION = { min: 1, max: 35 } as const;

/** Instances per cluster: one primary and up to 15 replicas (Quotas and limits, "Instances per cluster"). */
export const DOCDB_MAX_INSTANCES = 16;

/** Log types CreateDBCluster EnableCloudwatchLogsExports takes: `audit` and `profiler` only. */
export const DOCDB_LOG_TYPES = ["audit", "profiler"] as const;
export type DocDbLogType = (typeof DOCDB_LOG_TYPES)[number];

/** Shortest backup and maintenance windows DocumentDB accepts, minutes (CreateDBCluster PreferredBackupWindow). */
export const DOCDB_MIN_WINDOW_MINUTES = 30;

/**
 * Cluster identifier (CreateDBCluster DBClusterIdentifier): 1-63 letters, digits or hyphens; a letter first; no
 * hyphen at the end and no two in a row. DocumentDB stores it lowercase, so this component only takes lowercase.
 */
export const CLUSTER_IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$|^[a-z]$/;

/**
 * Master user name (CreateDBCluster MasterUsername): 1-63 letters or digits, a letter first, not a reserved word.
 * AWS publishes no list of the reserved words; `admin` and `root`-like names are refused here as the ones the
 * engine reserves for itself (unverified beyond the console's refusal of `admin`, which the cloudposse module's
 * `admin1` default works around).
 */
export const MASTER_USERNAME = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
export const RESERVED_USERNAMES = ["admin", "root", "serviceadmin", "rdsadmin"] as const;

/**
 * Master password (CreateDBCluster MasterUserPassword): 8-100 printable ASCII characters except `/`, `"` and `@`.
 * The generated password here is 40 letters and digits, inside both rules and free of URI escaping.
 */
export const MASTER_PASSWORD = { minLength: 8, maxLength: 100, forbidden: ["/", "\"", "@"] } as const;

/** `tls` values of the docdb5.0 family (API reference, Parameter: ParameterValue), and what each allows. */
export const TLS_MODES = {
  "enabled": "TLS 1.0 through 1.3",
  "tls1.2+": "TLS 1.2 and later (engine 3.0.11051 and later)",
  "tls1.3+": "TLS 1.3 only (engine 3.0.11051 and later)",
  "fips-140-3": "FIPS 140-3 endpoints only, in a few regions",
} as const;
export type TlsMode = keyof typeof TLS_MODES;
/** Regions where `fips-140-3` is offered (API reference, Parameter: ParameterValue). */
export const FIPS_REGIONS = ["ca-central-1", "us-west-2", "us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1"] as const;

/** `audit_logs` values of docdb5.0 (Auditing Amazon DocumentDB events): what each records. */
export const AUDIT_LOG_MODES = ["enabled", "ddl", "dml_read", "dml_write", "all"] as const;
export type AuditLogMode = (typeof AUDIT_LOG_MODES)[number];

/** `profiler_threshold_ms`: 50..2147483646 (Profiling Amazon DocumentDB operations). */
export const PROFILER_THRESHOLD_MS = { min: 50, max: 2_147_483_646 } as const;
/** `profiler_sampling_rate`: 0.0..1.0. */
export const PROFILER_SAMPLING_RATE = { min: 0, max: 1 } as const;

/**
 * How each parameter this component sets applies (the List of cluster parameters: "Apply type"). A static
 * parameter only takes `pending-reboot`; ModifyDBClusterParameterGroup refuses `immediate` for it.
 */
export const PARAMETER_APPLY_TYPES = {
  tls: "static",
  audit_logs: "dynamic",
  profiler: "dynamic",
  profiler_threshold_ms: "dynamic",
  profiler_sampling_rate: "dynamic",
  ttl_monitor: "dynamic",
} as const satisfies Record<string, "static" | "dynamic">;
export type DocDbParameterName = keyof typeof PARAMETER_APPLY_TYPES;

/** The apply method a parameter must be set with. */
export function applyMethodFor(name: DocDbParameterName): "immediate" | "pending-reboot" {
  return PARAMETER_APPLY_TYPES[name] === "static" ? "pending-reboot" : "immediate";
}

/** What the component sets in its cluster parameter group. */
export interface DocDbParameterSettings {
  readonly tls: TlsMode;
  readonly auditLogs: AuditLogMode;
  readonly profilerThresholdMs: number;
  readonly profilerSamplingRate: number;
}

/**
 * The parameter group's entries, each with its required apply method. `ttl_monitor` stays enabled (the engine's
 * default, set explicitly): the Fiber adapter's expiry relies on its TTL index on `exp` being swept.
 */
export function clusterParameters(s: DocDbParameterSettings): { name: DocDbParameterName; value: string; applyMethod: "immediate" | "pending-reboot" }[] {
  const entries: [DocDbParameterName, string][] = [
    ["tls", s.tls],
    ["audit_logs", s.auditLogs],
    ["profiler", "enabled"],
    ["profiler_threshold_ms", String(s.profilerThresholdMs)],
    ["profiler_sampling_rate", String(s.profilerSamplingRate)],
    ["ttl_monitor", "enabled"],
  ];
  return entries.map(([name, value]) => ({ name, value, applyMethod: applyMethodFor(name) }));
}
