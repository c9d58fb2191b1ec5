import { partitionOf } from "../common/aws";

/**
 * What AWS accepts for cross-Region recovery copies, each with the page it was read from (checked 2026-11-29).
 * The config rules, the component's own checks and the engine-rule policies all read these.
 */

/** S3 User Guide, "Requirements and considerations for replication" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html). */
export const S3_REPLICATION_REQUIREMENTS_SOURCE = "S3 User Guide, \"Requirements and considerations for replication\"";

/**
 * S3 Replication Time Control: the only threshold S3 accepts is 15 minutes, for both `replicationTime.time` and
 * `metrics.eventThreshold`, and RTC needs the replication metrics on (S3 User Guide, "Meeting compliance
 * requirements with S3 Replication Time Control", https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html).
 */
export const S3_RTC_MINUTES = 15;
export const S3_RTC_SOURCE = "S3 User Guide, \"Meeting compliance requirements with S3 Replication Time Control\"";

/**
 * Objects encrypted with SSE-KMS replicate only when the rule opts in (`sourceSelectionCriteria.sseKmsEncryptedObjects`)
 * and names a key in the destination Region (`encryptionConfiguration.replicaKmsKeyId`); S3 refuses either
 * one without the other (S3 User Guide, "Replicating objects created with server-side encryption (SSE-C, SSE-S3,
 * SSE-KMS, DSSE-KMS)", https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html).
 */
export const S3_KMS_REPLICATION_SOURCE = "S3 User Guide, \"Replicating objects created with server-side encryption\"";

/**
 * Object Lock replicates (retention mode and date travel with each version) only into a bucket created with Object
 * Lock enabled, and the replication role must read the lock (`s3:GetObjectRetention`, `s3:GetObjectLegalHold`)
 * (S3 User Guide, "Object Lock considerations", Using Object Lock with S3 Replication,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html).
 */
export const S3_OBJECT_LOCK_REPLICATION_SOURCE = "S3 User Guide, \"Object Lock considerations\" (Using Object Lock with S3 Replication)";

/**
 * RDS cross-Region automated backups (StartDBInstanceAutomatedBackupsReplication): DB instances only (not Multi-AZ
 * DB clusters), retention 1..35 days like the source's, a KMS key of the destination Region for an encrypted
 * source, up to 20 replicated backups per destination Region and account (RDS User Guide, "Replicating automated
 * backups to another AWS Region", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html,
 * and the RDS API Reference, StartDBInstanceAutomatedBackupsReplication).
 */
export const RDS_BACKUP_REPLICATION_SOURCE = "RDS User Guide, \"Replicating automated backups to another AWS Region\"";
export const RDS_REPLICATED_RETENTION_DAYS = { min: 1, max: 35 } as const;
export const RDS_REPLICATED_BACKUPS_PER_REGION = 20;

/**
 * RDS engine names (aws.rds.Instance `engine`) whose automated backups RDS replicates to another Region: Db2,
 * MariaDB, MySQL, Oracle, PostgreSQL and SQL Server, "all currently available versions" of each (RDS User Guide,
 * "Supported Regions and DB engines for cross-Region automated backups in Amazon RDS",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.RDS_Fea_Regions_DB-eng.Feature.CrossRegionAutomatedBackups.html,
 * checked 2026-11-29 by the review). Not Aurora, not Multi-AZ DB clusters (Multi-AZ DB instances are supported). The
 * Region pairs that page defers to ("Replicating automated backups to another AWS Region") were not read.
 */
export const RDS_BACKUP_REPLICATION_ENGINES: readonly string[] = [
  "db2-ae", "db2-se", "mariadb", "mysql", "oracle-ee", "oracle-ee-cdb", "oracle-se2", "oracle-se2-cdb", "postgres",
  "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web",
];

/** What is wrong with recovering `primary` into `recovery`, or nothing: another Region of the same partition. */
export function recoveryRegionProblem(primary: string, recovery: string): string | undefined {
  if (recovery === primary) {
    return `must differ from aws:region (${primary}): a copy in the same Region does not survive the loss of that Region`;
  }
  const [from, to] = [partitionOf(primary), partitionOf(recovery)];
  if (from !== to) {
    return `must be in the partition of aws:region ${primary} (${from}), not ${to}: S3 replication and RDS backup replication never cross partitions (separate accounts and credentials)`;
  }
  return undefined;
}

/** Direction words of Region names and their letters in a Region code (`southeast`: `se`). */
const DIRECTION_LETTERS: Readonly<Record<string, string>> = {
  north: "n", south: "s", east: "e", west: "w", central: "c", northeast: "ne", northwest: "nw", southeast: "se", southwest: "sw",
};

/**
 * A short code of a Region: its area, the letters of its directions and its number (`eu-central-1`: `euc1`,
 * `ap-southeast-2`: `apse2`, `us-gov-west-1`: `usgw1`), the usual shorthand in resource names. Unique over every
 * Region the stack accepts (a test checks the list); short enough that a replica name fits where its source fits
 * with four characters to spare.
 */
export function regionCode(region: string): string {
  const parts = region.split("-");
  const number = parts.pop() ?? "";
  const [area, ...words] = parts;
  return `${area}${words.map((w) => (w === "gov" ? "g" : DIRECTION_LETTERS[w] ?? w)).join("")}${number}`;
}

/**
 * `<source bucket>-<region code>`: the replica of one bucket. S3 names are global; the Region's code keeps a replica
 * of another recovery Region from clashing with this one (a changed Region creates the new replica before the old
 * one goes).
 */
export function replicaBucketName(sourceBucketName: string, recoveryRegion: string): string {
  return `${sourceBucketName}-${regionCode(recoveryRegion)}`;
}

/** The replication rule's ID: the `RuleId` dimension of its CloudWatch replication metrics. */
export const REPLICATION_RULE_ID = "disaster-recovery";
