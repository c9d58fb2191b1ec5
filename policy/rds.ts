import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import type { PolicyResource } from "@pulumi/policy";
import type { Unwrap } from "@pulumi/pulumi";
import type { EngineName } from "../components/rds/engines";
import { fsbp } from "./lib/controls";
import {
  describeDb, describeGroup, engineNameOf, engineOf, engineVersionOf, groupOf, instancesOf, isReplica as replicates, knownString, optionOf,
  parameterValue, sourceOf, versionAtLeast,
} from "./lib/rds";
import { rotates, secretOfVersion, secretUsername } from "./lib/secrets";
import { definitely, hasUnknownItems, isAbsent, knownItems, read } from "./lib/values";

type DbInstance = Unwrap<aws.rds.InstanceArgs>;

/** A read replica (`replicateSourceDb` set, possibly to a value known only after apply). */
function isReplica(db: DbInstance): boolean {
  return !isAbsent(() => db.replicateSourceDb);
}

export const rdsNotPublic: ResourceValidationPolicy = {
  name: "rds-2-not-public",
  ...fsbp(["RDS.2"], "RDS instances are not publicly accessible.", "critical", "Set publiclyAccessible: false."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (definitely(() => db.publiclyAccessible === true)) {
      report("publiclyAccessible is true: the instance would get an internet-resolvable endpoint. Set publiclyAccessible: false.");
    }
  }),
};

export const rdsEncrypted: ResourceValidationPolicy = {
  name: "rds-3-encrypted",
  ...fsbp(["RDS.3"], "RDS instances encrypt storage at rest with the customer KMS key.", "high",
    "Set storageEncrypted: true and kmsKeyId to the environment's key (read replicas inherit both from their source)."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (isReplica(db)) {
      // A same-region replica is encrypted with its source's key; only an explicit opt-out is wrong.
      if (definitely(() => db.storageEncrypted === false)) report("storageEncrypted is false on a read replica: replicas must stay encrypted like their source.");
      return;
    }
    if (definitely(() => db.storageEncrypted !== true)) report("storageEncrypted is not true: data, backups and snapshots would be stored unencrypted. Set storageEncrypted: true.");
    if (isAbsent(() => db.kmsKeyId)) report("kmsKeyId is not set: storage would use the AWS-managed aws/rds key instead of the environment's customer key.");
  }),
};

export const rdsMultiAz: ResourceValidationPolicy = {
  name: "rds-5-multi-az",
  ...fsbp(["RDS.5"], "RDS primary instances run Multi-AZ with a synchronous standby.", "high", "Set multiAz: true (the prod profile does)."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, args, report) => {
    if (isReplica(db)) args.notApplicable("read replicas scale reads; the primary's standby provides failover");
    if (definitely(() => db.multiAz !== true)) {
      report("multiAz is not true: an AZ outage or host failure takes the database down until it is replaced. Set multiAz: true.");
    }
  }),
};

const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];

export const rdsEnhancedMonitoring: ResourceValidationPolicy = {
  name: "rds-6-enhanced-monitoring",
  ...fsbp(["RDS.6"], "RDS instances have Enhanced Monitoring with a monitoring role.", "low",
    "Set monitoringInterval (1, 5, 10, 15, 30 or 60 seconds) and monitoringRoleArn."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    const interval = read(() => db.monitoringInterval);
    if (interval.known && !(typeof interval.value === "number" && MONITORING_INTERVALS.includes(interval.value))) {
      report(`monitoringInterval is ${String(interval.value)}: Enhanced Monitoring needs one of ${MONITORING_INTERVALS.join(", ")} seconds.`);
    }
    if (isAbsent(() => db.monitoringRoleArn)) report("monitoringRoleArn is not set: Enhanced Monitoring needs a role that may publish to CloudWatch Logs.");
  }),
};

export const rdsDeletionProtection: ResourceValidationPolicy = {
  name: "rds-8-deletion-protection",
  ...fsbp(["RDS.8"], "RDS instances have deletion protection.", "medium", "Set deletionProtection: true (the prod profile does)."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (definitely(() => db.deletionProtection !== true)) {
      report("deletionProtection is not true: one API call (or a replacement by Pulumi) would delete the instance. Set deletionProtection: true.");
    }
  }),
};

// ---------------------------------------------------------------------------------------------------------
// Engine-aware controls: which logs (RDS.9), IAM authentication (RDS.10) and TLS (RDS.38/39/41) depend on the engine,
// which a read replica inherits from its source; these are stack policies so a replica is judged by its source's engine.

/** The log types FSBP RDS.9 requires per engine, as the control lists them (Security Hub, "Controls for Amazon RDS", RDS.9). */
export const RDS9_REQUIRED_LOGS: readonly { readonly label: string; readonly engine: (rdsEngine: string) => boolean; readonly logs: readonly string[] }[] = [
  { label: "PostgreSQL", engine: (e) => engineNameOf(e) === "postgres", logs: ["postgresql", "upgrade"] },
  { label: "MySQL", engine: (e) => engineNameOf(e) === "mysql", logs: ["audit", "error", "general", "slowquery"] },
  { label: "SQL Server", engine: (e) => engineNameOf(e) === "sqlserver" || e.startsWith("sqlserver-"), logs: ["error", "agent"] },
  { label: "MariaDB", engine: (e) => e === "mariadb", logs: ["audit", "error", "general", "slowquery"] },
  { label: "Oracle", engine: (e) => /^(custom-)?oracle-/.test(e), logs: ["alert", "audit", "trace", "listener"] },
  { label: "Aurora MySQL", engine: (e) => e === "aurora-mysql" || e === "aurora", logs: ["audit", "error", "general", "slowquery"] },
  { label: "Aurora PostgreSQL", engine: (e) => e === "aurora-postgresql", logs: ["postgresql"] },
];

/**
 * A deliberate departure from an FSBP control, by name: what it waives, why, and the compensating control the policy
 * verifies before it lets the departure pass. Listed in docs/policy.md; a departure without its compensating control
 * is reported, naming the exception.
 */
export interface PolicyException {
  /** Quoted in messages and docs, e.g. `mysql-general-log`. */
  readonly name: string;
  /** The policy that knows it. */
  readonly policy: string;
  /** What is not done that the control asks. */
  readonly waives: string;
  /** Why, with its source. */
  readonly reason: string;
  /** What stands in for it: the policy checks this. */
  readonly compensatingControl: string;
}

export const MYSQL_GENERAL_LOG_EXCEPTION: PolicyException = {
  name: "mysql-general-log",
  policy: "rds-9-log-exports",
  waives: "the general log, which FSBP RDS.9 lists for MySQL (audit, error, general, slowquery)",
  reason: "the general log records every statement the server receives, literal values included: on a busy primary (the matrix's relational row runs 10K+ qps) that is the whole workload, data included, written twice (to the instance and to CloudWatch Logs); components/rds/engines/mysql.ts leaves it off on purpose",
  compensatingControl: "the audit plugin (option MARIADB_AUDIT_PLUGIN, SERVER_AUDIT_EVENTS with CONNECT and QUERY_DDL and QUERY_DCL, or QUERY) records every connection and every DDL and DCL statement to the exported audit log, and the slow query log (slow_query_log = 1, log_output = FILE) exports every slow statement",
};

export const SQLSERVER_IAM_AUTH_EXCEPTION: PolicyException = {
  name: "sqlserver-iam-auth",
  policy: "rds-10-iam-auth",
  waives: "IAM database authentication (FSBP RDS.10)",
  reason: "RDS for SQL Server has no IAM database authentication (RDS User Guide, \"Supported Regions and DB engines for IAM database authentication\"); RDS.10 itself evaluates only mysql, postgres, mariadb and Aurora engines",
  compensatingControl: "the application's login (a user other than the master user) has a generated password in its own Secrets Manager secret on the customer KMS key, rotated at least every 30 days (by the login itself, or by alternating users with the master user's secret as master), and the parameter group forces TLS (rds.force_ssl = 1)",
};

export const RDS_POLICY_EXCEPTIONS: readonly PolicyException[] = [MYSQL_GENERAL_LOG_EXCEPTION, SQLSERVER_IAM_AUTH_EXCEPTION];

const upper = (value: string) => value.trim().toUpperCase();
const isOn = (value: string) => ["1", "ON", "TRUE"].includes(upper(value));

/** What keeps the general log's exception honest on one MySQL instance: empty when its compensating control holds (or cannot be known yet). */
export function mysqlAuditCompensationProblems(db: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const problems: string[] = [];
  const options = groupOf(db, resources, "optionGroupName");
  if (options.kind === "default") {
    problems.push("it uses the engine's default option group, which has no MARIADB_AUDIT_PLUGIN: the audit log it exports stays empty");
  } else if (options.kind === "stack") {
    const plugin = optionOf(options.group, "MARIADB_AUDIT_PLUGIN");
    if (plugin.known && plugin.value === undefined) {
      problems.push(`its option group ${describeGroup(options.group)} has no MARIADB_AUDIT_PLUGIN option: the audit log it exports stays empty`);
    } else if (plugin.known && plugin.value !== undefined) {
      const events = (plugin.value.settings.SERVER_AUDIT_EVENTS ?? "").split(",").map(upper).filter((e) => e !== "");
      const wanted = events.includes("QUERY") ? ["CONNECT"] : ["CONNECT", "QUERY_DDL", "QUERY_DCL"];
      const missing = wanted.filter((e) => !events.includes(e));
      if (missing.length > 0) {
        problems.push(`its audit plugin's SERVER_AUDIT_EVENTS is "${plugin.value.settings.SERVER_AUDIT_EVENTS ?? "(not set)"}": it must name ${missing.join(", ")} (or QUERY) so connections and DDL/DCL reach the audit log`);
      }
    }
  }
  const parameters = groupOf(db, resources, "parameterGroupName");
  const where = parameters.kind === "stack" ? `its parameter group ${describeGroup(parameters.group)}` : "the engine's default parameter group";
  // RDS for MySQL defaults: slow_query_log 0, log_output TABLE (RDS User Guide, "Publishing MySQL logs to Amazon CloudWatch Logs").
  const slow = parameterValue(parameters, "slow_query_log", "0");
  if (slow.known && !isOn(slow.value)) problems.push(`${where} leaves slow_query_log at ${slow.value}: no slow query log is written`);
  const output = parameterValue(parameters, "log_output", "TABLE");
  if (output.known && upper(output.value) !== "FILE") problems.push(`${where} has log_output ${output.value}: only FILE logs reach CloudWatch Logs`);
  return problems;
}

const LOG_EXCEPTIONS: readonly { readonly engine: string; readonly log: string; readonly exception: PolicyException; readonly problems: typeof mysqlAuditCompensationProblems }[] = [
  { engine: "mysql", log: "general", exception: MYSQL_GENERAL_LOG_EXCEPTION, problems: mysqlAuditCompensationProblems },
];

export const rdsLogExports: StackValidationPolicy = {
  name: "rds-9-log-exports",
  ...fsbp(["RDS.9", "RDS.36", "RDS.40"], `RDS instances export the logs RDS.9 lists for their engine (PostgreSQL: postgresql, upgrade; MySQL: audit, error, general, slowquery; SQL Server: error, agent); a replica is judged by its source's engine. Named exception ${MYSQL_GENERAL_LOG_EXCEPTION.name}: MySQL may leave the general log off while its audit plugin and slow query log are verified.`, "medium",
    "Add the engine's log types to enabledCloudwatchLogsExports (components/rds engine profiles, exportedLogs); for MySQL without the general log keep the audit plugin option group and the slow query log."),
  validateStack: (args, report) => {
    const all = instancesOf(args.resources);
    if (all.length === 0) args.notApplicable("no RDS instances");
    for (const db of all) {
      const instance = db.asType(aws.rds.Instance)!;
      if (hasUnknownItems(() => instance.enabledCloudwatchLogsExports)) continue;
      const exported = knownItems(() => instance.enabledCloudwatchLogsExports);
      const shown = `enabledCloudwatchLogsExports is [${exported.join(", ")}]`;
      const engine = engineOf(db, args.resources);
      if (!engine.known) continue;
      const name = describeDb(db);
      if (engine.value === undefined) {
        // A replica of an instance outside this stack: its engine is not known here; its exports must fit some engine.
        if (replicates(db) && !RDS9_REQUIRED_LOGS.some((row) => row.logs.every((log) => exported.includes(log)))) {
          report(`${name}: ${shown}, and its engine is its source's, outside this stack: the exports match no engine's RDS.9 list (PostgreSQL: postgresql, upgrade).`, db.urn);
        }
        continue;
      }
      const row = RDS9_REQUIRED_LOGS.find((r) => r.engine(engine.value!));
      if (!row) continue;
      const missing = row.logs.filter((log) => !exported.includes(log));
      const excused = missing.flatMap((log) => LOG_EXCEPTIONS.filter((e) => e.log === log && engineNameOf(engine.value) === e.engine));
      const unexcused = missing.filter((log) => !excused.some((e) => e.log === log));
      if (unexcused.length > 0) {
        report(`${name}: ${shown}: ${row.label} instances must export ${row.logs.join(", ")} (RDS.9); missing ${unexcused.join(", ")}.`, db.urn);
      }
      for (const { log, exception, problems } of excused) {
        const gaps = problems(db, args.resources);
        if (gaps.length > 0) {
          report(`${name}: ${row.label} without the ${log} log is the named exception ${exception.name}, which holds only with its compensating control (${exception.compensatingControl}); but ${gaps.join("; ")}.`, db.urn);
        }
      }
    }
  },
};

/** Engines FSBP RDS.10 evaluates (Security Hub, "Controls for Amazon RDS", RDS.10). */
export const RDS10_ENGINES: readonly string[] = ["mysql", "postgres", "aurora", "aurora-mysql", "aurora-postgresql", "mariadb"];
/** The longest rotation the SQL Server exception accepts for the application login's secret, days. */
export const APPLICATION_LOGIN_MAX_ROTATION_DAYS = 30;

/** What keeps the SQL Server exception honest on one primary: empty when its compensating control holds (or cannot be known yet). */
export function sqlServerLoginCompensationProblems(primary: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const problems: string[] = [];
  const master = knownString(() => primary.asType(aws.rds.Instance)?.username);
  const versions = resources.filter((r) => r.isType(aws.secretsmanager.SecretVersion) && r.dependencies.includes(primary));
  const logins = versions.map((version) => ({ version, username: secretUsername(version) }));
  const applicationLogins = logins.filter((l) => l.username.known && master !== undefined && l.username.value !== master);
  if (applicationLogins.length === 0) {
    if (master !== undefined && logins.every((l) => l.username.known)) {
      problems.push(`no Secrets Manager secret holds an application login for it (a user other than the master user ${master}) written once the instance exists`);
    }
  }
  const rotations = resources.filter((r) => r.isType(aws.secretsmanager.SecretRotation));
  for (const { version, username } of applicationLogins) {
    const login = username.known ? username.value : "?";
    const secret = secretOfVersion(version, resources);
    if (!secret) continue;
    const key = read(() => secret.asType(aws.secretsmanager.Secret)?.kmsKeyId as unknown);
    if (key.known && (typeof key.value !== "string" || key.value === "" || key.value.endsWith("alias/aws/secretsmanager"))) {
      problems.push(`the secret ${secret.name} of login ${login} is not on the customer KMS key`);
    }
    const own = rotations.filter((r) => rotates(r, secret));
    const unlinked = rotations.some((r) => !read(() => r.asType(aws.secretsmanager.SecretRotation)?.secretId as unknown).known && !r.dependencies.length);
    if (own.length === 0 && !unlinked) problems.push(`the secret ${secret.name} of login ${login} is not rotated`);
    for (const rotation of own) {
      const days = read(() => rotation.asType(aws.secretsmanager.SecretRotation)?.rotationRules?.automaticallyAfterDays);
      if (days.known && (typeof days.value !== "number" || days.value > APPLICATION_LOGIN_MAX_ROTATION_DAYS)) {
        problems.push(`the secret ${secret.name} of login ${login} rotates every ${String(days.value)} days, not at least every ${APPLICATION_LOGIN_MAX_ROTATION_DAYS}`);
      }
    }
  }
  const tls = tlsProblem(primary, resources);
  if (tls) problems.push(`TLS is not forced: ${tls}`);
  return problems;
}

export const rdsIamAuthentication: StackValidationPolicy = {
  name: "rds-10-iam-auth",
  ...fsbp(["RDS.10"], `RDS instances of the engines RDS.10 evaluates (MySQL, PostgreSQL, MariaDB, Aurora) accept IAM database authentication; a replica is judged by its source's engine. Named exception ${SQLSERVER_IAM_AUTH_EXCEPTION.name}: SQL Server, which has none, passes only with its compensating control (the application login's own rotated secret on the customer key, TLS forced).`, "medium",
    "Set iamDatabaseAuthenticationEnabled: true (the engine profile's iamDatabaseAuthentication); on SQL Server, keep the application login's generated password in its own rotated secret and rds.force_ssl = 1."),
  validateStack: (args, report) => {
    const all = instancesOf(args.resources);
    if (all.length === 0) args.notApplicable("no RDS instances");
    for (const db of all) {
      const engine = engineOf(db, args.resources);
      if (!engine.known) continue;
      const name = describeDb(db);
      if (engine.value !== undefined && !RDS10_ENGINES.includes(engine.value)) {
        if (engineNameOf(engine.value) !== "sqlserver") continue;
        const primary = replicates(db) ? sourceOf(db, args.resources) : db;
        if (typeof primary === "string") continue;
        const gaps = sqlServerLoginCompensationProblems(primary, args.resources);
        if (gaps.length > 0) {
          report(`${name}: RDS for SQL Server has no IAM database authentication, the named exception ${SQLSERVER_IAM_AUTH_EXCEPTION.name}, which holds only with its compensating control (${SQLSERVER_IAM_AUTH_EXCEPTION.compensatingControl}); but ${gaps.join("; ")}.`, db.urn);
        }
        continue;
      }
      // Known engines RDS.10 evaluates, and replicas of instances outside this stack (their engine unknown here).
      if (definitely(() => db.asType(aws.rds.Instance)!.iamDatabaseAuthenticationEnabled !== true)) {
        report(`${name}: iamDatabaseAuthenticationEnabled is not true: services could only log in with long-lived passwords. Set it to true.`, db.urn);
      }
    }
  },
};

/** What forces TLS on each engine the component runs, and the default where a group leaves it unset, with their sources. */
export const TLS_PARAMETERS: Readonly<Record<EngineName, { readonly control: string; readonly parameter: string; readonly defaultValue: (engineVersion: string) => string; readonly source: string }>> = {
  postgres: {
    control: "RDS.38", parameter: "rds.force_ssl", defaultValue: (v) => (versionAtLeast(v, [15]) ? "1" : "0"),
    source: 'RDS User Guide, "Using SSL with a PostgreSQL DB instance": default 1 from PostgreSQL 15, 0 before',
  },
  mysql: {
    control: "RDS.39", parameter: "require_secure_transport", defaultValue: (v) => (versionAtLeast(v, [9, 7]) ? "1" : "0"),
    source: 'RDS User Guide, "Requiring SSL/TLS for all connections to a MySQL DB instance": 0 (OFF) by default on MySQL 8.4 and lower, 1 on 9.7',
  },
  sqlserver: {
    control: "RDS.41", parameter: "rds.force_ssl", defaultValue: () => "0",
    source: 'RDS User Guide, "Using SSL with a Microsoft SQL Server DB instance": 0 (off) by default',
  },
};

/** Why an instance does not force TLS, or undefined when it does (or cannot be known yet, or its engine is not in TLS_PARAMETERS). */
export function tlsProblem(db: PolicyResource, resources: readonly PolicyResource[]): string | undefined {
  const engine = engineOf(db, resources);
  const name = engine.known ? engineNameOf(engine.value) : undefined;
  if (name === undefined) return undefined;
  const { parameter, defaultValue, control } = TLS_PARAMETERS[name];
  const version = engineVersionOf(db, resources);
  const group = groupOf(db, resources, "parameterGroupName");
  const value = parameterValue(group, parameter, version.known && version.value !== undefined ? defaultValue(version.value) : undefined);
  if (!value.known || isOn(value.value)) return undefined;
  const where = group.kind === "stack" ? `its parameter group ${describeGroup(group.group)}` : "it uses the engine's default parameter group, which";
  const how = value.from === "default" ? `leaves ${parameter} at its default ${value.value}` : `sets ${parameter} = ${value.value}`;
  return `${where} ${how}: clients may connect without TLS (${control} wants ${parameter} = 1)`;
}

export const rdsTlsRequired: StackValidationPolicy = {
  name: "rds-38-39-41-tls-required",
  ...fsbp(["RDS.38", "RDS.39", "RDS.41"], "RDS for PostgreSQL, MySQL and SQL Server instances refuse connections without TLS: the parameter group they run with sets rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL) to 1; a group that leaves it unset gets the engine's default (1 only on PostgreSQL 15+ and MySQL 9.7+).", "medium",
    "Give the instance a parameter group with rds.force_ssl = 1 (PostgreSQL, SQL Server: pending-reboot on SQL Server) or require_secure_transport = 1 (MySQL), as the components/rds engine profiles do."),
  validateStack: (args, report) => {
    const all = instancesOf(args.resources).filter((db) => {
      const engine = engineOf(db, args.resources);
      return !engine.known || engine.value === undefined || engineNameOf(engine.value) !== undefined;
    });
    if (all.length === 0) args.notApplicable("no PostgreSQL, MySQL or SQL Server instances");
    for (const db of all) {
      const problem = tlsProblem(db, args.resources);
      if (problem) report(`${describeDb(db)}: ${problem}.`, db.urn);
    }
  },
};

export const rdsBackupRetention: ResourceValidationPolicy = {
  name: "rds-11-backup-retention",
  ...fsbp(["RDS.11"], "RDS primary instances keep automated backups for at least the configured days (7 by default).", "medium",
    "Raise backupRetentionPeriod to at least minimumDays."),
  configSchema: { properties: { minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } } },
  validateResource: validateResourceOfType(aws.rds.Instance, (db, args, report) => {
    if (isReplica(db)) args.notApplicable("read replicas are restored from the primary's backups");
    const { minimumDays = 7 } = args.getConfig<{ minimumDays?: number }>();
    const retention = read(() => db.backupRetentionPeriod);
    if (!retention.known) return;
    if (typeof retention.value !== "number" || retention.value < minimumDays) {
      report(`backupRetentionPeriod is ${String(retention.value)}: at least ${minimumDays} days of automated backups are required for point-in-time recovery.`);
    }
  }),
};

export const rdsMinorVersionUpgrades: ResourceValidationPolicy = {
  name: "rds-13-minor-upgrades",
  ...fsbp(["RDS.13"], "RDS instances apply minor engine upgrades automatically.", "high", "Set autoMinorVersionUpgrade: true (or leave it unset)."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (definitely(() => db.autoMinorVersionUpgrade === false)) {
      report("autoMinorVersionUpgrade is false: security patches of the engine would never be applied. Set it to true.");
    }
  }),
};

export const rdsCopyTagsToSnapshots: ResourceValidationPolicy = {
  name: "rds-17-copy-tags-to-snapshots",
  ...fsbp(["RDS.17"], "RDS instances copy their tags to snapshots.", "low", "Set copyTagsToSnapshot: true."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (definitely(() => db.copyTagsToSnapshot !== true)) {
      report("copyTagsToSnapshot is not true: snapshots would lose Environment/Owner tags and escape tag-based access control. Set it to true.");
    }
  }),
};

export const rdsInVpc: ResourceValidationPolicy = {
  name: "rds-18-in-vpc",
  ...fsbp(["RDS.18"], "RDS instances live in this stack's private subnets (their own DB subnet group).", "high",
    "Set dbSubnetGroupName to the component's subnet group (same-region read replicas inherit their source's)."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    const group = read(() => db.dbSubnetGroupName);
    if (!group.known) return;
    if (group.value === undefined || group.value === "") {
      // A replica named by identifier is in the source's region and inherits its subnet group; one named by ARN
      // may be cross-region, where the provider falls back to the default subnet group.
      const source = read(() => db.replicateSourceDb);
      if (!source.known || (typeof source.value === "string" && source.value !== "" && !source.value.startsWith("arn:"))) return;
      report("dbSubnetGroupName is not set: the instance would be placed in the default VPC's default subnet group. Use the private DB subnet group.");
    } else if (group.value === "default") {
      report("dbSubnetGroupName is \"default\": the default subnet group spans the default VPC's public subnets. Use the private DB subnet group.");
    }
  }),
};

const REQUIRED_EVENT_CATEGORIES = ["failure", "maintenance", "configuration change"];

export const rdsEventSubscription: StackValidationPolicy = {
  name: "rds-20-event-subscription",
  ...fsbp(["RDS.20"], "An enabled RDS event subscription covers failure, maintenance and configuration-change events of every instance.", "low",
    "Add an aws.rds.EventSubscription with sourceType db-instance and those categories (or none, meaning all), notifying the critical topic."),
  validateStack: (args, report) => {
    const instances = args.resources.filter((r) => r.isType(aws.rds.Instance));
    if (instances.length === 0) args.notApplicable("no RDS instances");
    const subscriptions = args.resources.flatMap((r) => r.asType(aws.rds.EventSubscription) ?? []).filter((s) =>
      !definitely(() => s.enabled === false)
      && !definitely(() => s.sourceType !== "db-instance")
      && !definitely(() => {
        const categories = s.eventCategories ?? [];
        return categories.length > 0 && !REQUIRED_EVENT_CATEGORIES.every((c) => categories.includes(c));
      }));
    if (subscriptions.length === 0) {
      report(`no enabled RDS event subscription with sourceType db-instance covers ${REQUIRED_EVENT_CATEGORIES.join(", ")}: failovers and failures would go unnoticed.`);
      return;
    }
    for (const instance of instances) {
      const identifier = read(() => instance.asType(aws.rds.Instance)?.identifier);
      if (!identifier.known || identifier.value === undefined) continue;
      const covered = subscriptions.some((s) => !definitely(() => (s.sourceIds ?? []).length > 0 && !(s.sourceIds ?? []).includes(identifier.value!)));
      if (!covered) report(`RDS instance ${identifier.value} is not among the sourceIds of any event subscription covering ${REQUIRED_EVENT_CATEGORIES.join(", ")}.`, instance.urn);
    }
  },
};

export const rdsProxyTls: ResourceValidationPolicy = {
  name: "rds-43-proxy-tls",
  ...fsbp(["RDS.43"], "RDS proxies require TLS from clients.", "medium", "Set requireTls: true."),
  validateResource: validateResourceOfType(aws.rds.Proxy, (proxy, _args, report) => {
    if (definitely(() => proxy.requireTls !== true)) {
      report("requireTls is not true: clients could send credentials and queries in plaintext. Set requireTls: true.");
    }
  }),
};

export const RDS_POLICIES = [
  rdsNotPublic, rdsEncrypted, rdsMultiAz, rdsEnhancedMonitoring, rdsDeletionProtection, rdsLogExports, rdsIamAuthentication,
  rdsBackupRetention, rdsMinorVersionUpgrades, rdsCopyTagsToSnapshots, rdsInVpc, rdsEventSubscription, rdsTlsRequired, rdsProxyTls,
];
