import { relationalThreshold } from "../../alerting";
import { classSize, GRAVITON_CLASS_MEMORY_GIB } from "./instance-classes";
import { MYSQL_DEFAULT_SETTINGS, type MySqlParameterSettings, mysqlParameters, mysqlSettingsProblems } from "./mysql-parameters";
import type { EngineProfile } from "./types";

/**
 * RDS for MySQL majors this component deploys: 8.4, the LTS release in standard support until 2029-07-31
 * (8.0 went to paid Extended Support on 2026-08-01). 9.7 LTS is generally available on RDS, but no page read from
 * here documents RDS Proxy for it; add it with its source once one does.
 */
const MYSQL_MAJORS = ["8.4"] as const;
/**
 * Engine rule: the RDS for MySQL majors RDS Proxy is documented to support (RDS User Guide, "Supported Regions and
 * DB engines for Amazon RDS Proxy", RDS Proxy with RDS for MySQL). Checked 2026-11-29.
 */
const RDS_PROXY_MYSQL_MAJORS: Readonly<Record<string, string>> = {
  "8.4": 'RDS User Guide, "Supported Regions and DB engines for Amazon RDS Proxy": RDS Proxy with RDS for MySQL, 8.4',
};
/** Master and pool user names RDS for MySQL reserves or that every scanner tries. */
const MYSQL_RESERVED_USERNAMES = /^(rdsadmin|rdsrepladmin|rdsproxyadmin|rds_.*|mysql.*|root|admin|sys|public)$/;

/** MySQL's CreateDBInstance limits (RDS API Reference, CreateDBInstance: MasterUsername 1-16, DBName 1-64, AllocatedStorage gp3 20-65536, Port 1150-65535). */
export const MYSQL_ENGINE: EngineProfile<MySqlParameterSettings> = {
  name: "mysql",
  label: "MySQL",
  matrixKey: "mysql",
  typeToken: "sparki:rds:MySql",
  errorPrefix: "MySql",
  majors: MYSQL_MAJORS,
  versionExample: "8.4 or 8.4.6",
  majorOf: (version) => MYSQL_MAJORS.find((m) => new RegExp(`^${m.replace(".", "\\.")}(\\.\\d+)?$`).test(version)),
  rdsEngine: () => "mysql",
  family: (major) => `mysql${major}`,
  licenseModel: "general-public-license",
  defaultPort: 3306,
  portProblem: (port) => (Number.isInteger(port) && port >= 1150 && port <= 65535 ? undefined : "must be an integer 1150..65535"),
  storageGiB: { min: 20, max: 65_536 },
  // RDS User Guide, "Working with MySQL read replicas": up to 15 per source.
  maxReplicas: 15,
  instanceClassMemoryGiB: GRAVITON_CLASS_MEMORY_GIB,
  // RDS User Guide, "Amazon RDS DB engine, Region, and instance class support for Database Insights": not on
  // db.t2/t3/t4g micro and small for MySQL (no restriction for PostgreSQL or SQL Server). Checked 2026-11-29.
  performanceInsightsProblem: (cls) => (cls.startsWith("db.t") && ["micro", "small"].includes(classSize(cls))
    ? "RDS for MySQL has no Performance Insights on db.t*.micro and db.t*.small"
    : undefined),
  adminUsername: {
    pattern: /^[a-z][a-z0-9_]{0,15}$/,
    reserved: MYSQL_RESERVED_USERNAMES,
    describe: "1-16 lowercase letters, digits or underscores, start with a letter and not be reserved (rdsadmin, rdsproxyadmin, mysql*, root, admin...)",
  },
  databaseName: {
    pattern: /^[a-z][a-z0-9_]{0,63}$/,
    reserved: /^(mysql|sys|information_schema|performance_schema|tmp|innodb)$/,
    describe: "1-64 lowercase letters, digits or underscores, start with a letter and not be a system schema (mysql, sys, information_schema, performance_schema, tmp, innodb)",
  },
  databaseCreatedWithInstance: true,
  // Security Hub RDS.9 lists audit, error, general and slowquery for MySQL; the general log stays off (a named
  // exception of the rds-9 policy: every statement at 10K qps), the audit plugin records connections and DDL/DCL.
  exportedLogs: ["audit", "error", "iam-db-auth-error", "slowquery"],
  iamDatabaseAuthentication: true,
  // End-to-end IAM covers the MySQL engine family (RDS User Guide, "Creating a proxy": "supported for MySQL,
  // PostgreSQL, and MariaDB engine families only").
  pooling: { kind: "proxy", engineFamily: "MYSQL", documentedMajors: RDS_PROXY_MYSQL_MAJORS },
  // The audit log export needs the audit plugin: connections and DDL/DCL, not every query, and not RDS's own user.
  optionGroup: {
    option: "MARIADB_AUDIT_PLUGIN",
    settings: { SERVER_AUDIT_EVENTS: "CONNECT,QUERY_DDL,QUERY_DCL", SERVER_AUDIT_EXCL_USERS: "rdsadmin" },
    source: 'RDS User Guide, "Options for MySQL DB instances": MARIADB_AUDIT_PLUGIN on all MySQL 8.4 versions; "MariaDB Audit Plugin support for MySQL", option settings',
  },
  rotationTemplate: "mysqlSingleUser",
  secretEngine: "mysql",
  // The user has no password: AWSAuthenticationPlugin makes it log in with IAM tokens only, over TLS. It may
  // create, change and drop tables in the one database (the Fiber adapter creates its table and Reset drops it).
  bootstrapSql: (databaseName, poolUsername) => [
    `CREATE USER '${poolUsername}'@'%' IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS' REQUIRE SSL;`,
    `GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP ON \`${databaseName}\`.* TO '${poolUsername}'@'%';`,
  ].join("\n"),
  parameterGroupDescription: (major) => `Sparki MySQL ${major}: TLS only, slow query log, Performance Schema`,
  defaultSettings: MYSQL_DEFAULT_SETTINGS,
  settingsProblems: mysqlSettingsProblems,
  parameters: mysqlParameters,
  maxConnections: (s) => s.maxConnections,
  combinationProblems: () => [],
  thresholds: { latencyP95: relationalThreshold("mysql", "latencyP95"), poolUsage: relationalThreshold("mysql", "connectionPoolUsage") },
  freeableMemoryAlarm: true,
  transactionIdAlarm: false,
};
