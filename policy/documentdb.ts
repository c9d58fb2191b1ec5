import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { fsbp } from "./lib/controls";
import { definitely, isAbsent, knownItems, read } from "./lib/values";

// Security Hub's Amazon DocumentDB controls (https://docs.aws.amazon.com/securityhub/latest/userguide/documentdb-controls.html,
// read 2026-11-29 through the AWS Config rules they run: docdb-cluster-encrypted, docdb-cluster-backup-retention-check,
// docdb-cluster-audit-logging-enabled, docdb-cluster-deletion-protection-enabled, docdb-cluster-encrypted-in-transit).
// DocumentDB.3 (manual cluster snapshots not public) has nothing to check here: the stack creates no manual snapshot.

export const docDbEncryptedAtRest: ResourceValidationPolicy = {
  name: "documentdb-1-encrypted",
  ...fsbp(["DocumentDB.1"], "Amazon DocumentDB clusters encrypt storage at rest with the customer KMS key.", "medium",
    "Set storageEncrypted: true and kmsKeyId to the environment's key (it cannot be changed after create)."),
  validateResource: validateResourceOfType(aws.docdb.Cluster, (cluster, _args, report) => {
    if (definitely(() => cluster.storageEncrypted !== true)) report("storageEncrypted is not true: the cluster volume, its backups and snapshots would be unencrypted (and encryption cannot be turned on later).");
    if (isAbsent(() => cluster.kmsKeyId)) report("kmsKeyId is not set: storage would use the AWS-managed key instead of the environment's customer key.");
  }),
};

export const docDbBackupRetention: ResourceValidationPolicy = {
  name: "documentdb-2-backup-retention",
  ...fsbp(["DocumentDB.2"], "Amazon DocumentDB clusters keep automated backups for at least the configured days (7 by default).", "medium",
    "Set backupRetentionPeriod to at least minimumDays (1..35)."),
  configSchema: { properties: { minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } } },
  validateResource: validateResourceOfType(aws.docdb.Cluster, (cluster, args, report) => {
    const { minimumDays = 7 } = args.getConfig<{ minimumDays?: number }>();
    const retention = read(() => cluster.backupRetentionPeriod);
    // Unset, DocumentDB keeps 1 day.
    const days = retention.known ? (retention.value ?? 1) : undefined;
    if (days !== undefined && !(typeof days === "number" && days >= minimumDays)) {
      report(`backupRetentionPeriod is ${String(days)}: at least ${minimumDays} day(s) of point-in-time restore are required.`);
    }
  }),
};

export const docDbAuditLogs: ResourceValidationPolicy = {
  name: "documentdb-4-audit-logs",
  ...fsbp(["DocumentDB.4"], "Amazon DocumentDB clusters publish audit logs to CloudWatch Logs.", "medium",
    "Add \"audit\" to enabledCloudwatchLogsExports and set audit_logs in the cluster parameter group."),
  validateResource: validateResourceOfType(aws.docdb.Cluster, (cluster, _args, report) => {
    const exports = read(() => cluster.enabledCloudwatchLogsExports);
    if (!exports.known) return;
    if (!knownItems(() => cluster.enabledCloudwatchLogsExports).includes("audit")) {
      report("enabledCloudwatchLogsExports does not include \"audit\": authentication and DDL events would stay on the instances and be lost with them.");
    }
  }),
};

export const docDbDeletionProtection: ResourceValidationPolicy = {
  name: "documentdb-5-deletion-protection",
  ...fsbp(["DocumentDB.5"], "Amazon DocumentDB clusters have deletion protection on.", "medium",
    "Set deletionProtection: true (the prod profile does)."),
  validateResource: validateResourceOfType(aws.docdb.Cluster, (cluster, _args, report) => {
    if (definitely(() => cluster.deletionProtection !== true)) report("deletionProtection is not true: one API call deletes the cluster and, without a final snapshot, its data.");
  }),
};

/** `tls` values Security Hub DocumentDB.6 accepts: the control fails on `disabled` and on `enabled` (TLS 1.0 and 1.1 allowed). */
export const DOCDB_STRICT_TLS = ["tls1.2+", "tls1.3+", "fips-140-3"] as const;

export const docDbTlsRequired: StackValidationPolicy = {
  name: "documentdb-6-tls",
  ...fsbp(["DocumentDB.6"], "Amazon DocumentDB clusters require TLS 1.2 or later through their cluster parameter group.", "medium",
    "Give the cluster its own cluster parameter group with tls set to tls1.2+ (or tls1.3+, fips-140-3)."),
  validateStack: (args, report) => {
    const clusters = args.resources.filter((r) => r.isType(aws.docdb.Cluster));
    if (clusters.length === 0) args.notApplicable("no DocumentDB clusters");
    const groups = args.resources.filter((r) => r.isType(aws.docdb.ClusterParameterGroup));
    for (const cluster of clusters) {
      const name = read(() => cluster.asType(aws.docdb.Cluster)?.dbClusterParameterGroupName);
      if (!name.known) continue;
      if (name.value === undefined || name.value.startsWith("default.")) {
        report(`cluster ${cluster.name} uses the default cluster parameter group: its tls is "enabled" (TLS 1.0 and 1.1 accepted), which DocumentDB.6 fails.`, cluster.urn);
        continue;
      }
      const group = groups.find((g) => definitely(() => g.asType(aws.docdb.ClusterParameterGroup)?.name === name.value));
      if (!group) continue;
      const tls = knownItems(() => group.asType(aws.docdb.ClusterParameterGroup)?.parameters).find((p) => p.name === "tls");
      if (!tls || !(DOCDB_STRICT_TLS as readonly string[]).includes(tls.value)) {
        report(`cluster ${cluster.name}: parameter group ${name.value} sets tls to ${tls ? `"${tls.value}"` : "nothing (the family default, enabled)"}; require ${DOCDB_STRICT_TLS.join(", ")}.`, cluster.urn);
      }
    }
  },
};

export const DOCUMENTDB_POLICIES = [docDbEncryptedAtRest, docDbBackupRetention, docDbAuditLogs, docDbDeletionProtection, docDbTlsRequired];
