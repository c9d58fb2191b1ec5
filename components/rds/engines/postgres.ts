import { matrixThreshold } from "../../alerting";
import { GRAVITON_CLASS_MEMORY_GIB } from "./instance-classes";
import { DEFAULT_PARAMETER_SETTINGS, parameterSettingsProblems, type PostgresParameterSettings, postgresParameters } from "./postgres-parameters";
import type { EngineProfile } from "./types";

/** RDS for PostgreSQL majors this component knows; it deploys only those in RDS_PROXY_POSTGRES_MAJORS. */
export const POSTGRES_MAJORS = ["17", "18"] as const;
/**
 * Engine rule: the RDS for PostgreSQL majors RDS Proxy is documented to support, each with where that is written.
 * A major missing here is refused before anything is registered, since the proxy (the only way applications reach
 * the primary) would fail to register it as a target. Checked 2026-11-29: AWS documents 17 (RDS User Guide,
 * "Document history", 2024-11-15: "Amazon RDS Proxy supports RDS for PostgreSQL 17"); no page read from here
 * documents 18, so 18 waits until one does (add it with its source).
 */
export const RDS_PROXY_POSTGRES_MAJORS: Readonly<Partial<Record<(typeof POSTGRES_MAJORS)[number], string>>> = {
  "17": "RDS User Guide, Document history, 2024-11-15: Amazon RDS Proxy supports RDS for PostgreSQL 17",
};
/** gp3 allocated storage RDS for PostgreSQL accepts, GiB. */
export const POSTGRES_STORAGE_GIB = { min: 20, max: 65_536 } as const;
/** Read replicas per primary (the RDS default quota). */
export const POSTGRES_MAX_REPLICAS = 5;
/** Admin names PostgreSQL or RDS reserve, or that the issue rules out (`postgres` is the name every scanner tries). */
export const RESERVED_USERNAMES = /^(postgres|rdsadmin|rdsrepladmin|rdstopmgr|admin|root|public|rds_.*|pg_.*)$/;

export const POSTGRES_ENGINE: EngineProfile<PostgresParameterSettings> = {
  name: "postgres",
  label: "PostgreSQL",
  matrixKey: "postgres",
  typeToken: "sparki:postgres:Postgres",
  errorPrefix: "Postgres",
  majors: POSTGRES_MAJORS,
  versionExample: "17 or 17.6",
  majorOf: (version) => POSTGRES_MAJORS.find((m) => new RegExp(`^${m}(\\.\\d+)?$`).test(version)),
  rdsEngine: () => "postgres",
  family: (major) => `postgres${major}`,
  defaultPort: 5432,
  portProblem: (port) => (Number.isInteger(port) && port >= 1150 && port <= 65535 ? undefined : "must be an integer 1150..65535"),
  storageGiB: POSTGRES_STORAGE_GIB,
  maxReplicas: POSTGRES_MAX_REPLICAS,
  instanceClassMemoryGiB: GRAVITON_CLASS_MEMORY_GIB,
  // Supported on every RDS for PostgreSQL class, db.t4g.micro included ("Supported DB engines, Regions and
  // instance classes for Performance Insights": no class restriction for PostgreSQL). Checked 2026-11-29.
  performanceInsightsProblem: () => undefined,
  adminUsername: {
    pattern: /^[a-z][a-z0-9_]{0,62}$/,
    reserved: RESERVED_USERNAMES,
    describe: "1-63 lowercase letters, digits or underscores, start with a letter and not be reserved (postgres, rdsadmin, rds_*, pg_*...)",
  },
  databaseName: {
    pattern: /^[a-z][a-z0-9_]{0,62}$/,
    reserved: /^(postgres|template[01]|rdsadmin)$/,
    describe: "1-63 lowercase letters, digits or underscores, start with a letter and not be a system database",
  },
  databaseCreatedWithInstance: true,
  // Security Hub RDS.9 wants `postgresql`.
  exportedLogs: ["postgresql", "upgrade"],
  iamDatabaseAuthentication: true,
  pooling: { kind: "proxy", engineFamily: "POSTGRESQL", documentedMajors: RDS_PROXY_POSTGRES_MAJORS },
  rotationTemplate: "postgresSingleUser",
  secretEngine: "postgres",
  // The role has no password: `rds_iam` makes it log in with IAM tokens only, which RDS Proxy requests itself
  // (end-to-end IAM). It may connect and create its own tables in `public`; no superuser, cannot create roles.
  bootstrapSql: (databaseName, poolUsername) => [
    `CREATE ROLE ${poolUsername} LOGIN;`,
    `GRANT rds_iam TO ${poolUsername};`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${databaseName} TO ${poolUsername};`,
    `GRANT USAGE, CREATE ON SCHEMA public TO ${poolUsername};`,
  ].join("\n"),
  parameterGroupDescription: (major) => `Sparki PostgreSQL ${major}: pg_stat_statements, TLS only, vacuum tuned for bloat`,
  defaultSettings: DEFAULT_PARAMETER_SETTINGS,
  settingsProblems: parameterSettingsProblems,
  parameters: postgresParameters,
  maxConnections: (s) => s.maxConnections,
  combinationProblems: () => [],
  thresholds: { latencyP95: matrixThreshold("postgresLatencyP95"), poolUsage: matrixThreshold("postgresConnectionPoolUsage") },
  freeableMemoryAlarm: true,
  transactionIdAlarm: true,
};
