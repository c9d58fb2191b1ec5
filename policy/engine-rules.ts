import * as aws from "@pulumi/aws";
import { type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import type { Unwrap } from "@pulumi/pulumi";
import { DLM_INTERVAL_HOURS, DLM_MAX_RETENTION, DLM_TEXT, UTC_TIME } from "../components/common/dlm";
import { GP3 } from "../components/common/ebs";
import { SSM_STANDARD_MAX_BYTES } from "../components/common/ssm";
import {
  ENGINES, MYSQL_84_PARAMETER_TABLE, SQLSERVER_16_PARAMETER_TABLE, SQLSERVER_EDITIONS, SQLSERVER_MULTI_AZ_EDITIONS, SQLSERVER_NO_PROXY, STATIC_PARAMETERS,
} from "../components/rds/engines";
import { bucketsOf, hasSide, sidesOf } from "./lib/buckets";
import { rotatedSecret, secretJson, versionsOf } from "./lib/secrets";
import { engineRule } from "./lib/controls";
import { KEYSPACES_ENGINE_RULES } from "./engine-rules-keyspaces";
import { DYNAMODB_ENGINE_RULES } from "./engine-rules-dynamodb";
import { DOCUMENTDB_ENGINE_RULES } from "./engine-rules-documentdb";
import { SURREALDB_ENGINE_RULES } from "./engine-rules-surrealdb";
import { ETCD_ENGINE_RULES } from "./engine-rules-etcd";
import { ARANGODB_ENGINE_RULES } from "./engine-rules-arangodb";
import { COUCHBASE_ENGINE_RULES } from "./engine-rules-couchbase";
import { CLICKHOUSE_ENGINE_RULES } from "./engine-rules-clickhouse";
import { NEO4J_ENGINE_RULES } from "./engine-rules-neo4j";
import { NATS_ENGINE_RULES } from "./engine-rules-nats";
import { AZUREBLOB_ENGINE_RULES } from "./engine-rules-azureblob";
import { CLOUDFLAREKV_ENGINE_RULES } from "./engine-rules-cloudflarekv";
import { DISASTER_RECOVERY_ENGINE_RULES } from "./engine-rules-disaster-recovery";
import { CDN_ENGINE_RULES } from "./engine-rules-cdn";
import { FIRESTORE_ENGINE_RULES } from "./engine-rules-firestore";
import { AUDIT_ARCHIVE_ENGINE_RULES } from "./engine-rules-audit-archive";
import {
  describeDb, engineNameOf, engineOf, engineVersionOf, instancesOf, knownString, sourceOf,
  sqlServerEditionOf, versionParts,
} from "./lib/rds";
import { definitely, hasUnknownItems, isAbsent, knownItems, type Read, read, valueOr } from "./lib/values";

/**
 * What AWS refuses (or silently gets wrong) at create time, as stack policies: each names the page it follows and
 * the day it was read. Mocks accept all of these; `pulumi up` would not.
 */

const CHECKED = "2026-11-29";

const known = (get: () => unknown): string | undefined => {
  const r = read(get);
  return r.known && typeof r.value === "string" ? r.value : undefined;
};

const instances = (resources: readonly PolicyResource[]) => resources.filter((r) => r.isType(aws.rds.Instance));
const identifierOf = (db: PolicyResource) => known(() => db.asType(aws.rds.Instance)?.identifier);
const isReplica = (db: PolicyResource) => !definitely(() => db.asType(aws.rds.Instance)?.replicateSourceDb === undefined);

export const replicaSourcePasswordNotManaged: StackValidationPolicy = {
  name: "engine-rds-replica-source-password",
  ...engineRule("RDS User Guide, \"Password management with Amazon RDS and AWS Secrets Manager\", Limitations", CHECKED,
    "No read replica of an instance whose master password RDS manages in Secrets Manager (RDS answers InvalidParameterValue).",
    "Generate the master password (@pulumi/random) into your own KMS-encrypted secret and rotate it there, as components/rds does."),
  validateStack: (args, report) => {
    const all = instances(args.resources);
    const replicas = all.filter(isReplica);
    if (replicas.length === 0) args.notApplicable("no read replicas");
    for (const replica of replicas) {
      const source = known(() => replica.asType(aws.rds.Instance)?.replicateSourceDb);
      const primary = all.find((db) => !isReplica(db) && source !== undefined && identifierOf(db) === source);
      if (primary && definitely(() => primary.asType(aws.rds.Instance)?.manageMasterUserPassword === true)) {
        report(`read replica ${identifierOf(replica) ?? replica.name} replicates ${source}, whose master password RDS manages (manageMasterUserPassword): RDS refuses to create it.`, replica.urn);
      }
    }
  },
};

export const proxyTargetsTheWriter: StackValidationPolicy = {
  name: "engine-rds-proxy-targets-writer",
  ...engineRule("RDS User Guide, \"Quotas and limitations for RDS Proxy\"", CHECKED,
    "RDS Proxy targets only the writer of a replication setup, never a read replica.",
    "Register the primary as the proxy's target; send replica reads to the replicas' own endpoints."),
  validateStack: (args, report) => {
    const targets = args.resources.filter((r) => r.isType(aws.rds.ProxyTarget));
    if (targets.length === 0) args.notApplicable("no RDS Proxy targets");
    const replicaIds = new Set(instances(args.resources).filter(isReplica).map(identifierOf).filter((id) => id !== undefined));
    for (const target of targets) {
      const id = known(() => target.asType(aws.rds.ProxyTarget)?.dbInstanceIdentifier);
      if (id !== undefined && replicaIds.has(id)) report(`proxy target ${id} is a read replica: RDS Proxy only accepts the writer.`, target.urn);
    }
  },
};

export const iamProxyNeedsIamDatabase: StackValidationPolicy = {
  name: "engine-rds-iam-proxy-target",
  ...engineRule("RDS User Guide, \"End-to-end IAM authentication for RDS Proxy\"", CHECKED,
    "An RDS Proxy with end-to-end IAM (defaultAuthScheme IAM_AUTH) targets only instances with IAM database authentication on (it logs in with IAM tokens).",
    "Set iamDatabaseAuthenticationEnabled: true on the target instance, and grant rds_iam to the role the proxy logs in as."),
  validateStack: (args, report) => {
    const iamProxies = new Set(args.resources.filter((r) => r.isType(aws.rds.Proxy)
      && definitely(() => r.asType(aws.rds.Proxy)?.defaultAuthScheme === "IAM_AUTH")).map((r) => known(() => r.asType(aws.rds.Proxy)?.name)));
    if (iamProxies.size === 0) args.notApplicable("no RDS Proxy with end-to-end IAM");
    const all = instances(args.resources);
    for (const target of args.resources.filter((r) => r.isType(aws.rds.ProxyTarget))) {
      if (!iamProxies.has(known(() => target.asType(aws.rds.ProxyTarget)?.dbProxyName))) continue;
      const id = known(() => target.asType(aws.rds.ProxyTarget)?.dbInstanceIdentifier);
      const db = all.find((d) => id !== undefined && identifierOf(d) === id);
      if (db && definitely(() => db.asType(aws.rds.Instance)?.iamDatabaseAuthenticationEnabled !== true)) {
        report(`proxy target ${id} has IAM database authentication off: the proxy's end-to-end IAM logins would be refused.`, target.urn);
      }
    }
  },
};

/** Dimensions naming a resource that takes minutes to create (or can be stopped), and how to find that resource. */
const PUBLISHERS: readonly { dimension: string; publishes: (r: PolicyResource, value: string) => boolean }[] = [
  { dimension: "DBInstanceIdentifier", publishes: (r, v) => r.isType(aws.rds.Instance) && identifierOf(r) === v },
  { dimension: "CacheClusterId", publishes: (r, v) => {
    const group = r.isType(aws.elasticache.ReplicationGroup) ? known(() => r.asType(aws.elasticache.ReplicationGroup)?.replicationGroupId) : undefined;
    return group !== undefined && v.startsWith(`${group}-`);
  } },
  { dimension: "ProxyName", publishes: (r, v) => r.isType(aws.rds.ProxyTarget) && known(() => r.asType(aws.rds.ProxyTarget)?.dbProxyName) === v },
];

export const alarmsQuietDuringCreate: StackValidationPolicy = {
  name: "engine-alarms-quiet-during-create",
  ...engineRule("CloudWatch User Guide, \"Configuring how CloudWatch alarms treat missing data\"", CHECKED,
    "No alarm fires while what it watches is being created or is stopped: none treats missing data as breaching, and alarms on RDS, ElastiCache and RDS Proxy metrics wait for the resource publishing them.",
    "Use treatMissingData notBreaching or missing (outages are reported by RDS and ElastiCache events), and pass the watched resource to AlarmPair (`watched`)."),
  validateStack: (args, report) => {
    const alarms = args.resources.filter((r) => r.isType(aws.cloudwatch.MetricAlarm));
    if (alarms.length === 0) args.notApplicable("no alarms");
    for (const alarm of alarms) {
      const a = alarm.asType(aws.cloudwatch.MetricAlarm);
      const name = known(() => a?.name) ?? alarm.name;
      if (definitely(() => a?.treatMissingData === "breaching")) {
        report(`alarm ${name} treats missing data as breaching: it fires while its resource is created or stopped.`, alarm.urn);
      }
      const dimensions = read(() => (a?.dimensions ?? {}) as Record<string, unknown>);
      if (!dimensions.known) continue;
      for (const { dimension, publishes } of PUBLISHERS) {
        const value = dimensions.value[dimension];
        if (typeof value !== "string") continue;
        const publisher = args.resources.find((r) => publishes(r, value));
        if (publisher && !alarm.dependencies.includes(publisher)) {
          report(`alarm ${name} watches ${dimension}=${value} but does not wait for ${publisher.name}: created alongside it, it judges a resource that does not exist yet.`, alarm.urn);
        }
      }
    }
  },
};

export const objectLockNeedsVersioning: StackValidationPolicy = {
  name: "engine-s3-object-lock-versioning",
  ...engineRule("S3 User Guide, \"Configuring S3 Object Lock\"", CHECKED,
    "A bucket gets an Object Lock configuration only with versioning enabled (and neither can be turned off afterwards).",
    "Add an aws.s3.BucketVersioning with status Enabled and make the lock configuration depend on it."),
  validateStack: (args, report) => {
    const locks = sidesOf(args.resources, aws.s3.BucketObjectLockConfiguration);
    if (locks.length === 0) args.notApplicable("no Object Lock configurations");
    const versioned = sidesOf(args.resources, aws.s3.BucketVersioning).filter((v) =>
      !definitely(() => v.side.asType(aws.s3.BucketVersioning)?.versioningConfiguration?.status !== "Enabled"));
    for (const lock of locks) {
      if (typeof lock.bucket === "string") continue;
      if (hasSide(lock.bucket, versioned) === "no") {
        report(`bucket ${lock.bucket.name} gets an Object Lock configuration without versioning enabled: S3 refuses it.`, lock.side.urn);
      } else if (!lock.side.dependencies.some((d) => d.isType(aws.s3.BucketVersioning))) {
        report(`the Object Lock configuration of ${lock.bucket.name} does not wait for its versioning: S3 refuses it when it comes first.`, lock.side.urn);
      }
    }
  },
};

export const accessLogTargetAcceptsDelivery: StackValidationPolicy = {
  name: "engine-s3-access-log-target",
  ...engineRule("S3 User Guide, \"Object Lock considerations\" and \"Enabling Amazon S3 server access logging\"", CHECKED,
    "Server access logs go to a bucket without Object Lock whose default encryption is SSE-S3 (log delivery cannot use SSE-KMS).",
    "Point targetBucket at the access-log bucket: no Object Lock, AES256 default encryption."),
  validateStack: (args, report) => {
    const logging = sidesOf(args.resources, aws.s3.BucketLogging, "targetBucket");
    if (logging.length === 0) args.notApplicable("no server access logging");
    const locks = sidesOf(args.resources, aws.s3.BucketObjectLockConfiguration);
    const encryption = sidesOf(args.resources, aws.s3.BucketServerSideEncryptionConfiguration);
    const buckets = bucketsOf(args.resources);
    for (const { side, bucket: target } of logging) {
      if (typeof target === "string" || !buckets.includes(target)) continue;
      if (hasSide(target, locks) === "yes" || definitely(() => target.asType(aws.s3.Bucket)?.objectLockEnabled === true)) {
        report(`access logs go to ${target.name}, which has Object Lock: S3 cannot deliver server access logs there.`, side.urn);
      }
      const kms = encryption.filter((e) => e.bucket === target).some((e) => definitely(() =>
        (e.side.asType(aws.s3.BucketServerSideEncryptionConfiguration)?.rules ?? []).some((rule) =>
          rule.applyServerSideEncryptionByDefault?.sseAlgorithm !== "AES256")));
      if (kms) report(`access logs go to ${target.name}, whose default encryption is not SSE-S3 (AES256): log delivery fails.`, side.urn);
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// RDS engines (components/rds engine profiles): what RDS refuses for MySQL and SQL Server, and for parameter and option groups.

/** Letters, digits and hyphens, a letter first, no `--`, no trailing hyphen, 1-255 characters (stored lowercase). */
const GROUP_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const GROUP_NAME_MAX = 255;
/** The provider appends a 26-character unique suffix to a name prefix (terraform-provider-aws `create.Name`). */
const GROUP_PREFIX_MAX = GROUP_NAME_MAX - 26;
/** Pulumi's auto-name: the logical name, a hyphen and 7 random characters. */
const AUTONAME_SUFFIX = 8;

/** What CreateDBParameterGroup and CreateOptionGroup refuse in a group's effective name; empty when it is valid. */
export function groupNameProblems(group: { name?: unknown; namePrefix?: unknown }, logicalName: string, kind: string): string[] {
  const name = read(() => group.name);
  const prefix = read(() => group.namePrefix);
  if (!name.known || !prefix.known) return [];
  const [field, value, max, tail] = typeof name.value === "string" && name.value !== ""
    ? ["name", name.value, GROUP_NAME_MAX, ""]
    : typeof prefix.value === "string" && prefix.value !== ""
      ? ["namePrefix", prefix.value, GROUP_PREFIX_MAX, "0"]
      : ["logical name (auto-named)", logicalName, GROUP_NAME_MAX - AUTONAME_SUFFIX, "-"];
  const problems: string[] = [];
  const effective = `${value}${tail}`;
  if (!GROUP_NAME.test(value)) {
    const bad = [...new Set(value.replace(/[A-Za-z0-9-]/g, ""))].join("");
    problems.push(`${kind} ${field} "${value}" ${/^[A-Za-z]/.test(value) ? `has ${bad ? `"${bad}"` : "characters"} beyond letters, digits and hyphens` : "does not start with a letter"}: RDS takes letters, digits and hyphens only (a family such as mysql8.4 must not lend its dot).`);
  }
  if (effective.includes("--")) problems.push(`${kind} ${field} "${value}" gives a name with two consecutive hyphens: RDS refuses it.`);
  if (field === "name" && value.endsWith("-")) problems.push(`${kind} name "${value}" ends with a hyphen: RDS refuses it.`);
  if (value.length > max) problems.push(`${kind} ${field} "${value}" is ${value.length} characters: at most ${max} (the name RDS takes is 1-${GROUP_NAME_MAX}).`);
  return problems;
}

export const rdsGroupNames: ResourceValidationPolicy = {
  name: "engine-rds-group-names",
  ...engineRule("RDS API Reference, CreateDBParameterGroup (DBParameterGroupName) and CreateOptionGroup (OptionGroupName)", CHECKED,
    "Parameter and option group names (name, namePrefix, or the logical name Pulumi auto-names from) are letters, digits and hyphens, start with a letter, have no two consecutive hyphens and do not end with one, 255 characters at most.",
    "Derive the name from the identifier and the family with every other character replaced by a hyphen (components/rds: mysql8.4 -> mysql8-4).",
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html"),
  validateResource: (args, report) => {
    const group = args.asType(aws.rds.ParameterGroup) ?? args.asType(aws.rds.OptionGroup);
    if (!group) return args.notApplicable("not an RDS parameter or option group");
    const kind = args.isType(aws.rds.ParameterGroup) ? "parameter group" : "option group";
    for (const problem of groupNameProblems(group, args.name, kind)) report(problem);
  },
};

/** The parameters each family documents as static, with the source that says so (components/rds engine tables). */
const STATIC_PARAMETER_TABLES: readonly { readonly family: RegExp; readonly source: (parameter: string) => string | undefined }[] = [
  {
    family: /^postgres\d+$/,
    source: (p) => (STATIC_PARAMETERS.has(p) ? "PostgreSQL reads it only at server start (pg_settings context postmaster)" : undefined),
  },
  ...[MYSQL_84_PARAMETER_TABLE, SQLSERVER_16_PARAMETER_TABLE].map((table) => ({
    family: new RegExp(`^${table.family.replace(/[.]/g, "\\.").replace(/\*/g, "[a-z]+")}$`),
    source: (p: string) => (table.parameters[p]?.applyType === "static" ? table.parameters[p].source : undefined),
  })),
];

/** Entries of a parameter group RDS refuses because a static parameter would apply `immediate`; empty when none. */
export function staticParameterProblems(group: Unwrap<aws.rds.ParameterGroupArgs>): string[] {
  const family = read(() => group.family);
  if (!family.known || typeof family.value !== "string") return [];
  const tables = STATIC_PARAMETER_TABLES.filter((t) => t.family.test(family.value));
  return knownItems(() => group.parameters).flatMap((parameter) => {
    const name = read(() => parameter.name);
    const method = read(() => parameter.applyMethod);
    if (!name.known || !method.known) return [];
    const source = tables.map((t) => t.source(name.value)).find((s) => s !== undefined);
    // Unset, the provider sends `immediate`.
    const applyMethod = method.value ?? "immediate";
    return source !== undefined && applyMethod !== "pending-reboot"
      ? [`parameter ${name.value} of ${family.value} is static (${source}): RDS refuses applyMethod ${applyMethod}; set pending-reboot.`]
      : [];
  });
}

export const rdsStaticParameters: ResourceValidationPolicy = {
  name: "engine-rds-static-parameters",
  ...engineRule("RDS User Guide, \"Modifying parameters in a DB parameter group\" (static parameters apply with pending-reboot only), with each family's documented table in components/rds/engines", CHECKED,
    "Parameters the family documents as static (PostgreSQL shared_preload_libraries, max_connections, pg_stat_statements.max; MySQL 8.4 performance_schema; every SQL Server 2022 entry: rds.force_ssl, rds.tls10, rds.tls11, user connections) use applyMethod pending-reboot.",
    "Set applyMethod pending-reboot on the entry (the components/rds engine profiles derive it from their tables)."),
  validateResource: validateResourceOfType(aws.rds.ParameterGroup, (group, args, report) => {
    const family = read(() => group.family);
    if (family.known && !STATIC_PARAMETER_TABLES.some((t) => typeof family.value === "string" && t.family.test(family.value))) {
      args.notApplicable(`family ${String(family.value)} has no documented table here`);
    }
    for (const problem of staticParameterProblems(group)) report(problem);
  }),
};

const SQLSERVER_MULTI_AZ_SOURCE = "RDS User Guide, \"Multi-AZ deployments for Amazon RDS for Microsoft SQL Server\"";
const SQLSERVER_REPLICA_SOURCE = "RDS User Guide, \"Working with read replicas for Microsoft SQL Server in Amazon RDS\", Limitations and \"Synchronizing database users and objects with a SQL Server read replica\"";

export const sqlServerMultiAzEdition: ResourceValidationPolicy = {
  name: "engine-rds-sqlserver-multi-az",
  ...engineRule(SQLSERVER_MULTI_AZ_SOURCE, CHECKED,
    `RDS for SQL Server runs Multi-AZ only on ${SQLSERVER_MULTI_AZ_EDITIONS.map((e) => `sqlserver-${e}`).join(" and ")} (Standard, Enterprise): not on Express or Web.`,
    "Use edition se or ee for Multi-AZ, or run Web single-AZ (the mssql adapter refuses Web Multi-AZ in config, and Express everywhere)."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, args, report) => {
    const engine = read(() => db.engine);
    if (!engine.known) return;
    const edition = sqlServerEditionOf(typeof engine.value === "string" ? engine.value : undefined);
    if (edition === undefined) args.notApplicable("not a SQL Server instance (a read replica's engine is its source's)");
    if (!SQLSERVER_MULTI_AZ_EDITIONS.includes(edition!) && definitely(() => db.multiAz === true)) {
      report(`multiAz is true on ${String(engine.value)} (SQL Server ${SQLSERVER_EDITIONS[edition!]}): RDS runs Multi-AZ only on ${SQLSERVER_MULTI_AZ_EDITIONS.map((e) => `sqlserver-${e}`).join(" and ")}.`);
    }
  }),
};

export const sqlServerReplicas: StackValidationPolicy = {
  name: "engine-rds-sqlserver-replicas",
  ...engineRule(SQLSERVER_REPLICA_SOURCE, CHECKED,
    "No read replica of an RDS for SQL Server instance: RDS copies no login created on the primary after the replica to it (the application's login, which the bootstrap creates, and every password its rotation sets would be missing there); and RDS makes replicas only of an Enterprise Edition (sqlserver-ee) source that runs Multi-AZ (Always On).",
    "Drop the replicas (the mssql adapter refuses replicas > 0: SQLSERVER_NO_REPLICAS); scale reads with the primary's class."),
  validateStack: (args, report) => {
    const replicas = instancesOf(args.resources).filter(isReplica).flatMap((replica) => {
      const source = sourceOf(replica, args.resources);
      if (typeof source === "string") return [];
      const edition = sqlServerEditionOf(knownString(() => source.asType(aws.rds.Instance)?.engine));
      return edition === undefined ? [] : [{ replica, source, edition }];
    });
    const primaries = instancesOf(args.resources).filter((db) => !isReplica(db) && sqlServerEditionOf(knownString(() => db.asType(aws.rds.Instance)?.engine)) !== undefined);
    if (replicas.length === 0 && primaries.length === 0) args.notApplicable("no SQL Server instances in this stack");
    for (const { replica, source, edition } of replicas) {
      const name = describeDb(replica);
      report(`read replica ${name} replicates ${describeDb(source)}, SQL Server: RDS copies no login created on the primary after the replica to it, so the application's login and its rotated passwords would be missing there.`, replica.urn);
      if (edition !== "ee") {
        report(`read replica ${name} replicates ${describeDb(source)}, SQL Server ${SQLSERVER_EDITIONS[edition]} (sqlserver-${edition}): RDS makes read replicas of Enterprise Edition (sqlserver-ee) only.`, replica.urn);
      }
      if (definitely(() => source.asType(aws.rds.Instance)?.multiAz !== true)) {
        report(`read replica ${name} replicates ${describeDb(source)}, which is not Multi-AZ: RDS for SQL Server replicates only from a Multi-AZ (Always On) source.`, replica.urn);
      }
    }
  },
};

const sqlServerInstances = (resources: readonly PolicyResource[]) => instancesOf(resources).filter((db) => {
  const engine = engineOf(db, resources);
  return engine.known && sqlServerEditionOf(engine.value) !== undefined;
});

export const sqlServerNoIamAuthentication: StackValidationPolicy = {
  name: "engine-rds-sqlserver-no-iam-auth",
  ...engineRule("RDS User Guide, \"Supported Regions and DB engines for IAM database authentication in Amazon RDS\"", CHECKED,
    "No RDS for SQL Server instance (a read replica of one included) enables IAM database authentication: RDS has none for SQL Server.",
    "Leave iamDatabaseAuthenticationEnabled false (the sqlserver engine profile does); applications log in with the generated password of their own rotated secret."),
  validateStack: (args, report) => {
    const instances = sqlServerInstances(args.resources);
    if (instances.length === 0) args.notApplicable("no SQL Server instances");
    for (const db of instances) {
      if (definitely(() => db.asType(aws.rds.Instance)?.iamDatabaseAuthenticationEnabled === true)) {
        report(`${describeDb(db)} runs SQL Server with iamDatabaseAuthenticationEnabled true: RDS for SQL Server has no IAM database authentication and refuses it.`, db.urn);
      }
    }
  },
};

export const sqlServerNoDatabaseName: ResourceValidationPolicy = {
  name: "engine-rds-sqlserver-no-db-name",
  ...engineRule("RDS API Reference, CreateDBInstance, DBName (\"Amazon RDS for SQL Server: Not applicable. Must be null.\")", CHECKED,
    "RDS for SQL Server instances set no dbName: RDS creates no database for SQL Server and refuses one.",
    "Leave dbName unset and create the database in the bootstrap (the sqlserver engine profile's bootstrapSql does: CREATE DATABASE)."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, args, report) => {
    const engine = read(() => db.engine);
    if (!engine.known) return;
    if (sqlServerEditionOf(typeof engine.value === "string" ? engine.value : undefined) === undefined) {
      args.notApplicable("not a SQL Server instance (a read replica takes no dbName)");
    }
    if (!isAbsent(() => db.dbName) && read(() => db.dbName).known) {
      report(`dbName is "${String(valueOr(() => db.dbName, ""))}" on ${String(engine.value)}: RDS for SQL Server takes no database name (it must be null); create the database in the bootstrap.`);
    }
  }),
};

export const mysqlPerformanceInsightsClass: StackValidationPolicy = {
  name: "engine-rds-mysql-performance-insights",
  ...engineRule("RDS User Guide, \"Amazon RDS DB engine, Region, and instance class support for Database Insights\" (RDS for MySQL: not db.t2, db.t3, db.t4g micro and small)", CHECKED,
    "No RDS for MySQL instance (a read replica of one included) enables Performance Insights on a db.t*.micro or db.t*.small class.",
    "Leave performanceInsightsEnabled false on those classes (the mysql engine profile's performanceInsightsProblem decides it), or use db.t4g.medium and up."),
  validateStack: (args, report) => {
    const mysql = instancesOf(args.resources).filter((db) => {
      const engine = engineOf(db, args.resources);
      return engine.known && engineNameOf(engine.value) === "mysql";
    });
    if (mysql.length === 0) args.notApplicable("no MySQL instances");
    for (const db of mysql) {
      const instanceClass = knownString(() => db.asType(aws.rds.Instance)?.instanceClass);
      const problem = instanceClass === undefined ? undefined : ENGINES.mysql.performanceInsightsProblem(instanceClass);
      if (problem && definitely(() => db.asType(aws.rds.Instance)?.performanceInsightsEnabled === true)) {
        report(`${describeDb(db)} (${instanceClass}) enables Performance Insights: ${problem}, and refuses it.`, db.urn);
      }
    }
  },
};

/** RDS Proxy `engineFamily` per RDS `engine` (RDS API Reference, CreateDBProxy, EngineFamily). */
export function proxyEngineFamily(rdsEngine: string): string | undefined {
  if (["postgres", "aurora-postgresql"].includes(rdsEngine)) return "POSTGRESQL";
  if (["mysql", "mariadb", "aurora-mysql", "aurora"].includes(rdsEngine)) return "MYSQL";
  return sqlServerEditionOf(rdsEngine) === undefined ? undefined : "SQLSERVER";
}

/** SQL Server majors RDS Proxy does not front, with the sentence that says so. */
export const RDS_PROXY_SQLSERVER_UNSUPPORTED: Readonly<Record<number, string>> = {
  12: "RDS Proxy does not support RDS for SQL Server DB instances that run on major version SQL Server 2014",
  16: "RDS Proxy does not support RDS for SQL Server DB instances that run on major version SQL Server 2022",
};

export const proxyTargetEngine: StackValidationPolicy = {
  name: "engine-rds-proxy-engine",
  ...engineRule("RDS API Reference, CreateDBProxy, EngineFamily; RDS User Guide, \"Amazon RDS Proxy\", additional limitations for RDS for Microsoft SQL Server", CHECKED,
    "An RDS Proxy's engineFamily matches the engine of the instance it targets (POSTGRESQL: PostgreSQL; MYSQL: MySQL, MariaDB; SQLSERVER: SQL Server), and no proxy targets a SQL Server 2022 (16.00) or 2014 (12.00) instance.",
    `Create the proxy with the target engine's family (components/rds engine profiles, pooling.engineFamily); run SQL Server 2022 without RDS Proxy (${SQLSERVER_NO_PROXY.split(":")[0]}).`),
  validateStack: (args, report) => {
    const targets = args.resources.filter((r) => r.isType(aws.rds.ProxyTarget));
    if (targets.length === 0) args.notApplicable("no RDS Proxy targets");
    const proxies = args.resources.filter((r) => r.isType(aws.rds.Proxy));
    const all = instancesOf(args.resources);
    for (const target of targets) {
      const t = target.asType(aws.rds.ProxyTarget)!;
      const proxyName = knownString(() => t.dbProxyName);
      const proxy = proxies.find((p) => proxyName !== undefined && knownString(() => p.asType(aws.rds.Proxy)?.name) === proxyName)
        ?? (proxyName === undefined ? target.dependencies.find((d) => proxies.includes(d)) : undefined);
      const id = knownString(() => t.dbInstanceIdentifier);
      const db = all.find((d) => id !== undefined && identifierOf(d) === id);
      if (!db) continue;
      const engine = engineOf(db, args.resources);
      if (!engine.known || engine.value === undefined) continue;
      const family = proxyEngineFamily(engine.value);
      const proxyFamily = proxy ? knownString(() => proxy.asType(aws.rds.Proxy)?.engineFamily) : undefined;
      if (proxy && family !== undefined && proxyFamily !== undefined && proxyFamily !== family) {
        report(`proxy ${proxyName ?? proxy.name} (engineFamily ${proxyFamily}) targets ${describeDb(db)}, a ${engine.value} instance: RDS registers only ${family} targets with it.`, target.urn);
      }
      const version = engineVersionOf(db, args.resources);
      const major = version.known && version.value !== undefined ? versionParts(version.value)[0] : undefined;
      const unsupported = family === "SQLSERVER" && major !== undefined ? RDS_PROXY_SQLSERVER_UNSUPPORTED[major] : undefined;
      if (unsupported) report(`proxy target ${describeDb(db)} runs SQL Server ${version.known ? version.value : ""}: "${unsupported}".`, target.urn);
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// The embedded KV adapter's resources (components/embedded-kv): what CloudWatch, DLM, EC2 and Parameter Store refuse.

type MetricAlarm = Unwrap<aws.cloudwatch.MetricAlarmArgs>;

/** Aggregations a Metrics Insights SELECT accepts (no percentiles). */
export const METRICS_INSIGHTS_FUNCTIONS = ["AVG", "COUNT", "MAX", "MIN", "SUM"] as const;
/** How much data a Metrics Insights alarm evaluates: the latest 3 hours. */
export const METRICS_INSIGHTS_WINDOW_SECONDS = 3 * 60 * 60;
const INSIGHTS_QUERY = /^\s*SELECT\b/i;
const INSIGHTS_FUNCTION = /^\s*SELECT\s+([A-Za-z0-9_]+)\s*\(/i;
/** The namespace of `FROM ns` or `FROM SCHEMA(ns, ...)`, quoted or not. */
const INSIGHTS_NAMESPACE = /\bFROM\s+(?:SCHEMA\s*\(\s*)?("(?:[^"\\]|\\.)*"|[^\s,()]+)/i;

/** What PutMetricAlarm refuses in an alarm's Metrics Insights queries (metricQueries[].expression starting with SELECT). */
export function metricsInsightsProblems(alarm: MetricAlarm): string[] {
  const problems: string[] = [];
  const evaluationPeriods = read(() => alarm.evaluationPeriods);
  for (const query of knownItems(() => alarm.metricQueries)) {
    const expression = read(() => query.expression);
    if (!expression.known || typeof expression.value !== "string" || !INSIGHTS_QUERY.test(expression.value)) continue;
    const id = valueOr(() => query.id, "?");
    const fn = INSIGHTS_FUNCTION.exec(expression.value)?.[1];
    if (fn === undefined || !(METRICS_INSIGHTS_FUNCTIONS as readonly string[]).includes(fn.toUpperCase())) {
      problems.push(`query ${id}: SELECT ${fn ?? "without a function"}: Metrics Insights aggregates only with ${METRICS_INSIGHTS_FUNCTIONS.join(", ")} (no percentiles), so the alarm is refused.`);
    }
    const namespace = INSIGHTS_NAMESPACE.exec(expression.value)?.[1];
    if (namespace !== undefined && !namespace.startsWith("\"") && /[^A-Za-z0-9_]/.test(namespace)) {
      problems.push(`query ${id}: namespace ${namespace} has characters other than letters, digits and '_' and must be double-quoted (FROM "${namespace}").`);
    }
    // Create_Metrics_Insights_Alarm: an alarm over several series (GROUP BY) must also say which come first.
    if (/\bGROUP\s+BY\b/i.test(expression.value) && !/\bORDER\s+BY\b/i.test(expression.value)) {
      problems.push(`query ${id}: GROUP BY without ORDER BY: an alarm on a Metrics Insights query over several time series needs both.`);
    }
    // Reserved keywords as label keys must be double-quoted; PATH is the one the CloudWatch agent's disk metrics carry.
    const unquoted = /(?:\bWHERE\b|\bAND\b|\bOR\b|\bGROUP\s+BY\b|,)\s*(PATH)\b/i.exec(expression.value)?.[1];
    if (unquoted !== undefined) {
      problems.push(`query ${id}: label key ${unquoted} is a Metrics Insights reserved keyword and must be double-quoted ("${unquoted}").`);
    }
    const period = read(() => query.period ?? alarm.period);
    if (period.known && evaluationPeriods.known && typeof period.value === "number" && typeof evaluationPeriods.value === "number"
      && period.value * evaluationPeriods.value > METRICS_INSIGHTS_WINDOW_SECONDS) {
      problems.push(`query ${id}: period ${period.value} s x evaluationPeriods ${evaluationPeriods.value} = ${period.value * evaluationPeriods.value} s, beyond the 3 hours (${METRICS_INSIGHTS_WINDOW_SECONDS} s) of data a Metrics Insights alarm evaluates.`);
    }
  }
  return problems;
}

export const metricsInsightsAlarmQuery: ResourceValidationPolicy = {
  name: "engine-metrics-insights-alarm",
  ...engineRule("CloudWatch User Guide, \"Metrics Insights query components and syntax\" and \"Limits\" (alarms on Metrics Insights queries)", CHECKED,
    "Alarms on Metrics Insights queries aggregate with AVG, COUNT, MAX, MIN or SUM, evaluate at most 3 hours (period x evaluationPeriods <= 10,800 s), double-quote a namespace with '/' or other characters beyond letters, digits and '_' and a reserved keyword used as a label key (PATH), and pair GROUP BY with ORDER BY.",
    "Use one of those functions (a percentile needs a plain metric alarm with extendedStatistic), shorten period or evaluationPeriods, write FROM \"Namespace/Name\" and \"path\", and add ORDER BY MAX() DESC (or MIN() ASC) to a grouped query.",
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html"),
  validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, args, report) => {
    const insights = knownItems(() => alarm.metricQueries).some((q) => !definitely(() => !INSIGHTS_QUERY.test(q.expression ?? "")));
    if (!insights && !hasUnknownItems(() => alarm.metricQueries)) args.notApplicable("no Metrics Insights query");
    for (const problem of metricsInsightsProblems(alarm)) report(problem);
  }),
};

type LifecyclePolicy = Unwrap<aws.dlm.LifecyclePolicyArgs>;

/** Known and set (not undefined, null or ""). */
const isSet = (r: Read<unknown>) => r.known && r.value !== undefined && r.value !== null && r.value !== "";

/** What CreateLifecyclePolicy refuses in a policy's description and schedules. */
export function dlmScheduleProblems(policy: LifecyclePolicy): string[] {
  const problems: string[] = [];
  const description = read(() => policy.description);
  if (description.known && typeof description.value === "string" && (!DLM_TEXT.test(description.value) || description.value.length > 500)) {
    problems.push(`description "${description.value}": DLM takes only letters, digits, spaces, '_' and '-' (at most 500 characters).`);
  }
  // API_Parameters: ExcludeBootVolume and ExcludeDataVolumeTags for snapshot policies that target instances only,
  // NoReboot for AMI policies only.
  const policyType = valueOr(() => policy.policyDetails?.policyType, undefined) ?? "EBS_SNAPSHOT_MANAGEMENT";
  const targetsInstances = definitely(() => (policy.policyDetails?.resourceTypes ?? []).includes("INSTANCE"));
  const parameters = read(() => policy.policyDetails?.parameters);
  if (parameters.known && parameters.value) {
    const p = parameters.value;
    if ((p.excludeBootVolume !== undefined || p.excludeDataVolumeTags !== undefined) && !(policyType === "EBS_SNAPSHOT_MANAGEMENT" && targetsInstances)) {
      problems.push("parameters.excludeBootVolume/excludeDataVolumeTags: DLM takes them only in snapshot policies that target INSTANCE.");
    }
    if (p.noReboot !== undefined && policyType !== "IMAGE_MANAGEMENT") {
      problems.push(`parameters.noReboot: DLM takes it only in AMI policies (IMAGE_MANAGEMENT), not ${policyType}.`);
    }
  }
  for (const schedule of knownItems(() => policy.policyDetails?.schedules)) {
    const name = read(() => schedule.name);
    const label = name.known && typeof name.value === "string" ? `schedule "${name.value}"` : "a schedule";
    if (name.known && typeof name.value === "string" && (!DLM_TEXT.test(name.value) || name.value.length > 120)) {
      problems.push(`${label}: the name takes only letters, digits, spaces, '_' and '-' (at most 120 characters).`);
    }
    const cron = read(() => schedule.createRule?.cronExpression);
    const interval = read(() => schedule.createRule?.interval);
    const unit = read(() => schedule.createRule?.intervalUnit);
    const times = read(() => schedule.createRule?.times);
    if (isSet(cron) && (isSet(interval) || isSet(times))) {
      problems.push(`${label}: createRule sets cronExpression and interval/times: DLM takes one or the other.`);
    } else if (cron.known && !isSet(cron) && interval.known && !isSet(interval)) {
      problems.push(`${label}: createRule sets neither cronExpression nor interval: DLM needs one of them.`);
    } else if (interval.known && interval.value !== undefined) {
      if (!(DLM_INTERVAL_HOURS as readonly number[]).includes(interval.value)) {
        problems.push(`${label}: createRule interval ${interval.value}: DLM takes ${DLM_INTERVAL_HOURS.join(", ")} (hours).`);
      }
      // Unset, the provider sends HOURS (its default and the only unit there is).
      if (unit.known && unit.value !== undefined && unit.value !== "HOURS") {
        problems.push(`${label}: createRule intervalUnit ${unit.value}: DLM takes HOURS only.`);
      }
      if (times.known && !isSet(times)) {
        problems.push(`${label}: createRule sets interval but no times: DLM needs the UTC start (hh:mm) with an interval.`);
      } else if (times.known && typeof times.value === "string" && !UTC_TIME.test(times.value)) {
        problems.push(`${label}: createRule times "${times.value}" is not a UTC time hh:mm.`);
      }
    }
    const count = read(() => schedule.retainRule?.count);
    const minimum = isAbsent(() => schedule.archiveRule) ? 1 : 0;
    if (count.known && count.value !== undefined && !(Number.isInteger(count.value) && count.value >= minimum && count.value <= 1000)) {
      problems.push(`${label}: retainRule count ${count.value}: DLM keeps 1 to 1000 snapshots per volume (0 only with an archive rule).`);
    }
    // By age (API_RetainRule): an interval in DAYS, WEEKS, MONTHS or YEARS, at most 100 years.
    const age = read(() => schedule.retainRule?.interval);
    const ageUnit = read(() => schedule.retainRule?.intervalUnit);
    const maxAge: Readonly<Record<string, number>> = DLM_MAX_RETENTION;
    if (age.known && age.value !== undefined && ageUnit.known && typeof ageUnit.value === "string") {
      const max = maxAge[ageUnit.value];
      if (max === undefined) problems.push(`${label}: retainRule intervalUnit ${ageUnit.value}: DLM takes DAYS, WEEKS, MONTHS or YEARS.`);
      else if (!(Number.isInteger(age.value) && age.value >= 1 && age.value <= max)) problems.push(`${label}: retainRule interval ${age.value} ${ageUnit.value}: DLM keeps snapshots 1 to ${max} ${ageUnit.value.toLowerCase()} (100 years).`);
    }
  }
  return problems;
}

export const dlmSchedule: ResourceValidationPolicy = {
  name: "engine-dlm-schedule",
  ...engineRule("DLM API Reference, CreateLifecyclePolicy, CreateRule, RetainRule and Schedule", CHECKED,
    "DLM snapshot schedules: createRule either a cronExpression or an interval of 1, 2, 3, 4, 6, 8, 12 or 24 HOURS with times (hh:mm UTC); retainRule count 1..1000 or an age of at most 100 years; description (500) and schedule names (120) of letters, digits, spaces, '_' and '-' only.",
    "Pick a documented interval and set times, keep 1..1000 snapshots, and strip other characters from the description and schedule names (components/embedded-kv/snapshots.ts does).",
    "https://docs.aws.amazon.com/dlm/latest/APIReference/API_CreateRule.html"),
  validateResource: validateResourceOfType(aws.dlm.LifecyclePolicy, (policy, _args, report) => {
    for (const problem of dlmScheduleProblems(policy)) report(problem);
  }),
};

type LaunchTemplate = Unwrap<aws.ec2.LaunchTemplateArgs>;

const inRange = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
const thousands = (n: number) => n.toLocaleString("en-US");

/** What EC2 refuses in a launch template's gp3 block devices (checked when an instance launches from it, or at create). */
export function gp3Problems(template: LaunchTemplate): string[] {
  const g = { ...GP3, defaultIops: GP3.minIops, defaultThroughput: GP3.minThroughput };
  const problems: string[] = [];
  knownItems(() => template.blockDeviceMappings).forEach((mapping, i) => {
    if (!definitely(() => mapping.ebs?.volumeType === "gp3")) return;
    const device = valueOr(() => mapping.deviceName, undefined) ?? `block device ${i}`;
    const iops = read(() => mapping.ebs?.iops ?? g.defaultIops);
    const throughput = read(() => mapping.ebs?.throughput ?? g.defaultThroughput);
    const size = read(() => mapping.ebs?.volumeSize);
    const iopsOk = iops.known && inRange(iops.value, g.minIops, g.maxIops);
    if (iops.known && !iopsOk) problems.push(`${device}: gp3 iops ${iops.value}: EC2 takes ${thousands(g.minIops)} to ${thousands(g.maxIops)}.`);
    if (throughput.known && !inRange(throughput.value, g.minThroughput, g.maxThroughput)) {
      problems.push(`${device}: gp3 throughput ${throughput.value} MiB/s: EC2 takes ${g.minThroughput} to ${thousands(g.maxThroughput)}.`);
    } else if (throughput.known && iopsOk && throughput.value > iops.value * g.throughputPerIops) {
      problems.push(`${device}: gp3 throughput ${throughput.value} MiB/s exceeds ${g.throughputPerIops} MiB/s per provisioned IOPS (at most ${iops.value * g.throughputPerIops} with ${iops.value} IOPS).`);
    }
    if (size.known && typeof size.value === "number") {
      if (!inRange(size.value, g.minGiB, g.maxGiB)) {
        problems.push(`${device}: gp3 volumeSize ${size.value} GiB: EC2 takes ${g.minGiB} to ${thousands(g.maxGiB)}.`);
      } else if (iopsOk && iops.value > Math.max(g.defaultIops, size.value * g.maxIopsPerGiB)) {
        problems.push(`${device}: gp3 iops ${iops.value} exceed ${g.maxIopsPerGiB} IOPS per GiB on ${size.value} GiB (at most ${Math.max(g.defaultIops, size.value * g.maxIopsPerGiB)}).`);
      }
    }
  });
  return problems;
}

export const launchTemplateGp3: ResourceValidationPolicy = {
  name: "engine-launch-template-gp3",
  ...engineRule("EC2 API Reference, LaunchTemplateEbsBlockDeviceRequest; EBS User Guide, \"General Purpose SSD volumes\" (gp3 performance)", CHECKED,
    "gp3 block devices of launch templates: iops 3,000..80,000, throughput 125..2,000 MiB/s, volumeSize 1..65,536 GiB, throughput <= 0.25 MiB/s per IOPS, iops <= 500 per GiB (every gp3 volume gets the 3,000 baseline).",
    "Raise iops with throughput (4 IOPS per MiB/s) and volumeSize with iops (1 GiB per 500 IOPS), within the gp3 ranges.",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateEbsBlockDeviceRequest.html"),
  validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (template, _args, report) => {
    for (const problem of gp3Problems(template)) report(problem);
  }),
};

type Parameter = Unwrap<aws.ssm.ParameterArgs>;

/** What a Standard-tier parameter holds at most (4 KB). */
const SSM_RESERVED_PREFIX = /^\/*(aws|ssm)/i;

/** What PutParameter refuses: a reserved name prefix, a Standard-tier value over 4 KB, a value referencing another parameter. */
export function ssmParameterProblems(parameter: Parameter, logicalName: string): string[] {
  const problems: string[] = [];
  const name = read(() => parameter.name);
  // Without a name, Pulumi auto-names the parameter after its logical name (plus a random suffix).
  const effective = name.known ? (typeof name.value === "string" && name.value !== "" ? name.value : logicalName) : undefined;
  if (effective !== undefined && SSM_RESERVED_PREFIX.test(effective)) {
    problems.push(`name ${effective} starts with "aws" or "ssm" (case-insensitive, after any leading '/'): Parameter Store reserves those prefixes.`);
  }
  const tier = read(() => parameter.tier);
  // Unset, the region's default tier applies, Standard unless the account changed it.
  const standard = tier.known && (tier.value === undefined || tier.value === "Standard");
  for (const field of ["value", "insecureValue"] as const) {
    const value = read(() => parameter[field]);
    if (!value.known || typeof value.value !== "string") continue;
    const bytes = Buffer.byteLength(value.value, "utf8");
    if (standard && bytes > SSM_STANDARD_MAX_BYTES) {
      problems.push(`${field} is ${bytes} bytes: a Standard-tier parameter holds at most 4 KB (${SSM_STANDARD_MAX_BYTES} bytes). Use tier Advanced (8 KB) or split the value.`);
    }
    if (/\{\{[^{}]*\}\}/.test(value.value)) {
      problems.push(`${field} contains a {{...}} reference: Parameter Store refuses values that reference or nest other parameters.`);
    }
  }
  return problems;
}

export const ssmParameterLimits: ResourceValidationPolicy = {
  name: "engine-ssm-parameter",
  ...engineRule("Systems Manager API Reference, PutParameter; Systems Manager User Guide, \"Requirements and constraints for parameter names\"", CHECKED,
    "SSM parameter names do not start with \"aws\" or \"ssm\" (case-insensitive, /aws/... included); Standard-tier values hold at most 4 KB (4,096 bytes) and no {{...}} references.",
    "Name parameters under /sparki/...; move larger values to tier Advanced (8 KB) or split them.",
    "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html"),
  validateResource: validateResourceOfType(aws.ssm.Parameter, (parameter, args, report) => {
    for (const problem of ssmParameterProblems(parameter, args.name)) report(problem);
  }),
};

const SAR_STACK = aws.serverlessrepository.CloudFormationStack;
/** Secrets Manager's alternating-users rotation applications (SecretsManagerRDSSQLServerRotationMultiUser...). */
const MULTI_USER_APPLICATION = /:applications\/SecretsManager[A-Za-z0-9]+RotationMultiUser$/;

/** Why an alternating-users rotation function cannot work, per problem: empty when it can (or cannot be known yet). */
export function multiUserRotationProblems(app: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const stack = app.asType(SAR_STACK)!;
  const name = known(() => stack.name) ?? app.name;
  const master = read(() => stack.parameters?.masterSecretArn as unknown);
  if (master.known && (typeof master.value !== "string" || master.value === "")) {
    return [`rotation function ${name} (${known(() => stack.applicationId)?.split("/").at(-1) ?? "an alternating-users application"}) has no masterSecretArn parameter: its role may not read a master secret, so no rotation gets past setSecret.`];
  }
  const functionName = known(() => stack.parameters?.functionName);
  const rotations = resources.filter((r) => r.isType(aws.secretsmanager.SecretRotation)
    && (r.dependencies.includes(app) || (functionName !== undefined && known(() => r.asType(aws.secretsmanager.SecretRotation)?.rotationLambdaArn)?.endsWith(`:function:${functionName}`) === true)));
  const problems: string[] = [];
  for (const rotation of rotations) {
    const secret = rotatedSecret(rotation, resources);
    if (!secret) continue;
    for (const version of versionsOf(secret, resources)) {
      const value = secretJson(version);
      if (!value.known) continue;
      const masterArn = value.value.masterarn;
      if (typeof masterArn !== "string" || masterArn === "") {
        problems.push(`secret ${secret.name}, rotated by ${name} (alternating users), names no masterarn in its value: the function reads the master secret's ARN from it.`);
      } else if (master.known && masterArn !== master.value) {
        problems.push(`secret ${secret.name}, rotated by ${name}, names masterarn ${masterArn}, but the function's masterSecretArn is ${String(master.value)}: its role may read only the latter.`);
      }
    }
  }
  return problems;
}

export const multiUserRotationMaster: StackValidationPolicy = {
  name: "engine-secrets-multi-user-rotation",
  ...engineRule("AWS CDK SecretRotation (\"The `masterSecret` must be specified for application using the multi user scheme\", passed as masterSecretArn); aws-secrets-manager-rotation-lambdas, SecretsManagerRDSSQLServerRotationMultiUser (\"masterarn: <required: the arn of the master secret which will be used to create users/change passwords>\")", CHECKED,
    "An alternating-users rotation function (a Secrets Manager ...RotationMultiUser application) names its master secret (parameter masterSecretArn, which its role may read), and each secret it rotates names the same master in its value (masterarn, which the function reads).",
    "Pass masterSecret to templateRotation (components/common/secret-rotation.ts) and write the master's ARN as masterarn into the rotated secret's first value, as components/rds/credentials.ts does."),
  validateStack: (args, report) => {
    const apps = args.resources.filter((r) => r.isType(SAR_STACK) && MULTI_USER_APPLICATION.test(known(() => r.asType(SAR_STACK)?.applicationId) ?? ""));
    if (apps.length === 0) args.notApplicable("no alternating-users rotation function");
    for (const app of apps) for (const problem of multiUserRotationProblems(app, args.resources)) report(problem, app.urn);
  },
};

export const ENGINE_RULE_POLICIES = [
  replicaSourcePasswordNotManaged, proxyTargetsTheWriter, iamProxyNeedsIamDatabase, alarmsQuietDuringCreate, objectLockNeedsVersioning, accessLogTargetAcceptsDelivery,
  rdsGroupNames, rdsStaticParameters, sqlServerMultiAzEdition, sqlServerReplicas, sqlServerNoIamAuthentication, sqlServerNoDatabaseName,
  mysqlPerformanceInsightsClass, proxyTargetEngine, multiUserRotationMaster,
  metricsInsightsAlarmQuery, dlmSchedule, launchTemplateGp3, ssmParameterLimits,
  ...DYNAMODB_ENGINE_RULES,
  ...KEYSPACES_ENGINE_RULES,
  ...DOCUMENTDB_ENGINE_RULES,
  ...SURREALDB_ENGINE_RULES,
  ...ETCD_ENGINE_RULES,
  ...ARANGODB_ENGINE_RULES,
  ...COUCHBASE_ENGINE_RULES,
  ...CLICKHOUSE_ENGINE_RULES,
  ...NEO4J_ENGINE_RULES,
  ...NATS_ENGINE_RULES,
  ...DISASTER_RECOVERY_ENGINE_RULES,
  ...CDN_ENGINE_RULES,
  ...FIRESTORE_ENGINE_RULES,
  ...AZUREBLOB_ENGINE_RULES,
  ...AUDIT_ARCHIVE_ENGINE_RULES,
  ...CLOUDFLAREKV_ENGINE_RULES,
];
