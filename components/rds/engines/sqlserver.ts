import { relationalThreshold } from "../../alerting";
import { classSize, X86_CLASS_MEMORY_GIB } from "./instance-classes";
import { SQLSERVER_DEFAULT_SETTINGS, type SqlServerParameterSettings, sqlServerParameters, sqlServerSettingsProblems } from "./sqlserver-parameters";
import type { CombinationProblem, EngineProfile, SqlServerEdition } from "./types";

/** SQL Server 2022, as RDS spells its major (`16.00`; full versions look like `16.00.4085.2.v1`). */
const SQLSERVER_MAJORS = ["16.00"] as const;
/** Ports RDS for SQL Server refuses although in 1150..65535 (RDS API Reference, CreateDBInstance, Port). */
const SQLSERVER_FORBIDDEN_PORTS: readonly number[] = [1234, 1434, 3260, 3343, 3389, 47001, 49152, 49153, 49154, 49155, 49156];
export const SQLSERVER_EDITIONS: Readonly<Record<SqlServerEdition, string>> = { ex: "Express", web: "Web", se: "Standard", ee: "Enterprise" };
/** Editions licensed for this stack's production use: Web is for public web workloads only (Express is refused everywhere). */
export const SQLSERVER_PRODUCTION_EDITIONS: readonly SqlServerEdition[] = ["se", "ee"];
/** Editions this component runs Multi-AZ (Always On): Standard and Enterprise (MULTI_AZ_SOURCE). */
export const SQLSERVER_MULTI_AZ_EDITIONS: readonly SqlServerEdition[] = ["se", "ee"];
/** Logins SQL Server or RDS reserve, or that every scanner tries. */
const SQLSERVER_RESERVED_USERNAMES = /^(sa|rdsa|rdsadmin|rds_.*|admin|administrator|root|guest|public|sys.*|dbo|nt.*)$/;

/** Why SQL Server runs without RDS Proxy: clients connect to the instances, the pool is the application's own. */
export const SQLSERVER_NO_PROXY = 'RDS User Guide, "Amazon RDS Proxy", limitations (checked 2026-11-29): "RDS Proxy does not support RDS for SQL Server DB instances that run on major version SQL Server 2022", and "does not support end-to-end IAM authentication for RDS for SQL Server"';
const MULTI_AZ_SOURCE = 'RDS User Guide, "Multi-AZ deployments for Amazon RDS for Microsoft SQL Server" (Standard and Enterprise editions)';
/**
 * Why this stack offers no SQL Server read replicas although RDS has them (Enterprise Edition): RDS does not copy
 * logins to them, so the application's login (created by the bootstrap, rotated on the primary) would not exist
 * there, or not with its current password.
 */
export const SQLSERVER_NO_REPLICAS = 'RDS User Guide, "Working with read replicas for Microsoft SQL Server in Amazon RDS", Limitations: "Synchronization of user logins to read replicas" is not supported, and server-level objects created on the primary after the replica "will not be automatically replicated"';
/** Why Express is refused: the stack encrypts every database at rest, which RDS has not offered for Express. */
export const SQLSERVER_NO_EXPRESS = 'RDS User Guide, "Encrypting Amazon RDS resources" (as archived 2023): encryption is available for every engine "except for SQL Server Express Edition"; RDS answers InvalidParameterCombination ("sqlserver-ex does not support encryption at rest")';
const CLASS_SOURCE = 'RDS User Guide, "DB instance class support for Microsoft SQL Server"';

const STANDARD_SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"];
const ENTERPRISE_SIZES = ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
/**
 * Sizes each edition is offered on, per family (CLASS_SOURCE): Express and Web burstable only, Standard from large
 * up to 8xlarge (its licence caps the cores it uses), Enterprise from xlarge.
 */
const SQLSERVER_EDITION_CLASSES: Readonly<Record<SqlServerEdition, Readonly<Record<string, readonly string[]>>>> = {
  ex: { "db.t3": ["small", "medium", "large", "xlarge"] },
  web: { "db.t3": ["small", "medium", "large", "xlarge", "2xlarge"] },
  se: { "db.t3": ["xlarge", "2xlarge"], "db.m6i": STANDARD_SIZES, "db.r6i": STANDARD_SIZES },
  ee: { "db.t3": ["xlarge", "2xlarge"], "db.m6i": ENTERPRISE_SIZES, "db.r6i": ENTERPRISE_SIZES },
};

/** Why RDS offers no such class for the edition, or undefined (classes outside the memory table are reported by it). */
function editionClassProblem(edition: SqlServerEdition, instanceClass: string): string | undefined {
  const family = instanceClass.slice(0, instanceClass.lastIndexOf("."));
  if (!(family in X86_CLASS_MEMORY_GIB) || !(classSize(instanceClass) in X86_CLASS_MEMORY_GIB[family as keyof typeof X86_CLASS_MEMORY_GIB])) return undefined;
  const offered = SQLSERVER_EDITION_CLASSES[edition];
  if ((offered[family] ?? []).includes(classSize(instanceClass))) return undefined;
  // Each family's sizes are a contiguous run of the memory table's: "db.r6i.xlarge-16xlarge".
  const runs = Object.entries(offered).map(([f, sizes]) => `${f}.${sizes[0]}${sizes.length > 1 ? `-${sizes.at(-1)}` : ""}`);
  return `${instanceClass} is not offered for SQL Server ${SQLSERVER_EDITIONS[edition]}, which runs on ${runs.join(", ")} (${CLASS_SOURCE})`;
}

export const SQLSERVER_ENGINE: EngineProfile<SqlServerParameterSettings> = {
  name: "sqlserver",
  label: "SQL Server",
  matrixKey: "mssql",
  typeToken: "sparki:rds:SqlServer",
  errorPrefix: "SqlServer",
  majors: SQLSERVER_MAJORS,
  versionExample: "16.00 or 16.00.4085.2.v1",
  majorOf: (version) => SQLSERVER_MAJORS.find((m) => new RegExp(`^${m.replace(".", "\\.")}(\\.\\d+\\.\\d+\\.v\\d+)?$`).test(version)),
  rdsEngine: (edition) => `sqlserver-${edition ?? "se"}`,
  family: (major, edition) => `sqlserver-${edition ?? "se"}-${major.replace(/\.00$/, ".0")}`,
  licenseModel: "license-included",
  defaultPort: 1433,
  portProblem: (port) => (Number.isInteger(port) && port >= 1150 && port <= 65535 && !SQLSERVER_FORBIDDEN_PORTS.includes(port)
    ? undefined
    : `must be an integer 1150..65535 other than ${SQLSERVER_FORBIDDEN_PORTS.join(", ")} (RDS for SQL Server reserves them)`),
  // RDS API Reference, CreateDBInstance, AllocatedStorage: SQL Server gp3 20-16384 GiB on every edition.
  storageGiB: { min: 20, max: 16_384 },
  // RDS API Reference, CreateDBInstanceReadReplica: up to 5 read replicas for SQL Server.
  maxReplicas: 5,
  instanceClassMemoryGiB: X86_CLASS_MEMORY_GIB,
  performanceInsightsProblem: () => undefined,
  adminUsername: {
    pattern: /^[a-z][a-z0-9_]{0,15}$/,
    reserved: SQLSERVER_RESERVED_USERNAMES,
    describe: "1-16 lowercase letters, digits or underscores, start with a letter and not be reserved (sa, rdsadmin, admin, guest, sys*, dbo...)",
  },
  databaseName: {
    pattern: /^[a-z][a-z0-9_]{0,62}$/,
    reserved: /^(master|model|msdb|tempdb|rdsadmin|resource)$/,
    describe: "1-63 lowercase letters, digits or underscores, start with a letter and not be a system database (master, model, msdb, tempdb, rdsadmin, resource)",
  },
  // RDS API Reference, CreateDBInstance, DBName: "Amazon RDS for SQL Server: Not applicable. Must be null."
  databaseCreatedWithInstance: false,
  // Security Hub RDS.9 (and RDS.40) want agent and error for SQL Server.
  exportedLogs: ["agent", "error"],
  // RDS User Guide, "IAM database authentication": not available for RDS for SQL Server.
  iamDatabaseAuthentication: false,
  pooling: { kind: "direct", reason: SQLSERVER_NO_PROXY },
  rotationTemplate: "sqlserverSingleUser",
  // The Fiber adapter reads its password once, at start: alternating users keep the previous login valid for a
  // whole rotation period instead of failing every new connection the moment the password changes.
  poolRotationTemplate: "sqlserverMultiUser",
  secretEngine: "sqlserver",
  // RDS creates no database for SQL Server; the admin creates it, with a binary collation (the Fiber adapter's keys
  // are case-sensitive; the server default SQL_Latin1_General_CP1_CI_AS would fold "Key" and "key" together), then
  // the application's two logins: rotation alternates them, and the alternating-users function, connected to
  // master, would give a `<login>_clone` it creates no user in the database; created here, it only changes its
  // password. The clone's first password is a placeholder nobody holds: the first rotation sets it.
  bootstrapSql: (databaseName, poolUsername) => [
    `CREATE DATABASE [${databaseName}] COLLATE Latin1_General_100_BIN2;`,
    `CREATE LOGIN [${poolUsername}] WITH PASSWORD = N'<password of the pool secret>', DEFAULT_DATABASE = [${databaseName}], CHECK_POLICY = ON;`,
    `CREATE LOGIN [${poolUsername}_clone] WITH PASSWORD = N'<any strong password>', DEFAULT_DATABASE = [${databaseName}], CHECK_POLICY = ON;`,
    `USE [${databaseName}];`,
    ...[poolUsername, `${poolUsername}_clone`].flatMap((login) => [
      `CREATE USER [${login}] FOR LOGIN [${login}];`,
      `ALTER ROLE db_datareader ADD MEMBER [${login}];`,
      `ALTER ROLE db_datawriter ADD MEMBER [${login}];`,
      `GRANT CREATE TABLE TO [${login}];`,
      `GRANT ALTER ON SCHEMA::dbo TO [${login}];`,
    ]),
  ].join("\n"),
  parameterGroupDescription: (major) => `Sparki SQL Server ${major}: TLS 1.2+ only, user connections for the application's pool`,
  defaultSettings: SQLSERVER_DEFAULT_SETTINGS,
  settingsProblems: sqlServerSettingsProblems,
  parameters: sqlServerParameters,
  maxConnections: (s) => s.userConnections,
  combinationProblems: ({ edition, multiAz, replicas, instanceClass, replicaInstanceClass }) => {
    if (edition === undefined) return [{ key: "edition", message: "must be given for SQL Server: web, se or ee" }];
    const problems: CombinationProblem[] = [];
    const name = SQLSERVER_EDITIONS[edition];
    if (edition === "ex") problems.push({ key: "edition", message: `must not be ex (Express): this stack encrypts every database at rest (${SQLSERVER_NO_EXPRESS}); use web in dev` });
    if (multiAz && !SQLSERVER_MULTI_AZ_EDITIONS.includes(edition)) {
      problems.push({ key: "multiAz", message: `needs edition se or ee, got ${edition} (${name}; ${MULTI_AZ_SOURCE})` });
    }
    if (replicas > 0) problems.push({ key: "replicas", message: `must be 0 for SQL Server: the application's login would not exist on a replica (${SQLSERVER_NO_REPLICAS})` });
    const classProblem = editionClassProblem(edition, instanceClass);
    if (classProblem) problems.push({ key: "instanceClass", message: classProblem });
    // Replicas run the source's edition: their class must be offered for it too.
    const replicaClassProblem = replicaInstanceClass === undefined || replicaInstanceClass === instanceClass ? undefined : editionClassProblem(edition, replicaInstanceClass);
    if (replicaClassProblem) problems.push({ key: "replicaInstanceClass", message: replicaClassProblem });
    return problems;
  },
  thresholds: { latencyP95: relationalThreshold("mssql", "latencyP95"), poolUsage: relationalThreshold("mssql", "connectionPoolUsage") },
  transactionIdAlarm: false,
  // SQL Server takes memory up to its "max server memory" and keeps it (the buffer pool): low FreeableMemory is its
  // normal state, not a warning.
  freeableMemoryAlarm: false,
};
