import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import type { Unwrap } from "@pulumi/pulumi";
import { fsbp } from "./lib/controls";
import { definitely, hasUnknownItems, isAbsent, knownItems, read, valueOr } from "./lib/values";

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

export const rdsLogExports: ResourceValidationPolicy = {
  name: "rds-9-log-exports",
  ...fsbp(["RDS.9"], "PostgreSQL instances export their postgresql log to CloudWatch Logs.", "medium",
    "Add \"postgresql\" to enabledCloudwatchLogsExports."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, args, report) => {
    const engine = valueOr(() => db.engine, undefined);
    // Replicas leave `engine` unset and inherit it; this stack runs PostgreSQL only.
    if (typeof engine === "string" && !engine.startsWith("postgres")) args.notApplicable(`engine ${engine} is not PostgreSQL`);
    if (hasUnknownItems(() => db.enabledCloudwatchLogsExports)) return;
    const exported = knownItems(() => db.enabledCloudwatchLogsExports);
    if (!exported.includes("postgresql")) {
      report(`enabledCloudwatchLogsExports is [${exported.join(", ")}]: it must include "postgresql" so errors and slow queries reach CloudWatch Logs.`);
    }
  }),
};

export const rdsIamAuthentication: ResourceValidationPolicy = {
  name: "rds-10-iam-auth",
  ...fsbp(["RDS.10"], "RDS instances accept IAM database authentication.", "medium", "Set iamDatabaseAuthenticationEnabled: true."),
  validateResource: validateResourceOfType(aws.rds.Instance, (db, _args, report) => {
    if (definitely(() => db.iamDatabaseAuthenticationEnabled !== true)) {
      report("iamDatabaseAuthenticationEnabled is not true: services could only log in with long-lived passwords. Set it to true.");
    }
  }),
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
  rdsBackupRetention, rdsMinorVersionUpgrades, rdsCopyTagsToSnapshots, rdsInVpc, rdsEventSubscription, rdsProxyTls,
];
