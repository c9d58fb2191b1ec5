import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { AlarmPair, type DashboardGraph, platformThreshold } from "../alerting";
import { SecureBucket } from "../object-store";
import type { ResolvedDisasterRecoveryArgs } from "./args";
import { REPLICATION_RULE_ID, replicaBucketName, S3_RTC_MINUTES } from "./facts";
import type { RecoveryBucketSource } from "./sources";

export interface ReplicateBucketArgs {
  readonly source: RecoveryBucketSource;
  /** The data class's slug: logical names and the access-log prefix. No default. */
  readonly slug: string;
  readonly args: ResolvedDisasterRecoveryArgs;
  readonly replicaKmsKeyArn: pulumi.Input<string>;
  readonly accessLogBucket: pulumi.Input<string>;
  readonly roleArn: pulumi.Input<string>;
  /** The role's permissions: S3 checks them when the configuration is put. No default. */
  readonly rolePolicy: pulumi.Resource;
}

/**
 * One source bucket's replica in the recovery Region and the replication rule that fills it: the whole bucket,
 * SSE-KMS objects re-encrypted with the replica key, delete markers not replicated (a deletion in the stack's
 * Region must not hide the copy; S3 never replicates lifecycle expirations either, the replica's own lifecycle
 * expires them), replication metrics on (the alarms read them) and, with RTC, the 15-minute SLA.
 */
export function replicateBucket(
  name: string, r: ReplicateBucketArgs, here: pulumi.ComponentResourceOptions, there: pulumi.ComponentResourceOptions,
): { replica: SecureBucket; graphs: DashboardGraph[] } {
  const { source, args: a } = r;
  const replica = new SecureBucket(`${name}-replica`, {
    accountId: a.accountId,
    region: a.recoveryRegion,
    bucketName: replicaBucketName(source.name, a.recoveryRegion),
    encryption: { kmsKeyArn: r.replicaKmsKeyArn },
    versioning: true,
    lifecycle: source.lifecycle,
    ...(source.objectLock ? { objectLock: source.objectLock } : {}),
    accessLog: { targetBucket: r.accessLogBucket, prefix: `${r.slug}/` },
    forceDestroy: a.forceDestroy,
    protect: a.protect,
    tags: { DataClass: source.dataClass, ReplicaOf: source.name },
  }, there);

  const configuration = new aws.s3.BucketReplicationConfig(`${name}-replication`, {
    bucket: source.name,
    role: r.roleArn,
    rules: [{
      id: REPLICATION_RULE_ID,
      status: "Enabled",
      priority: 1,
      filter: {},
      deleteMarkerReplication: { status: "Disabled" },
      sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
      destination: {
        bucket: replica.arn,
        storageClass: "STANDARD",
        encryptionConfiguration: { replicaKmsKeyId: r.replicaKmsKeyArn },
        // S3 refuses an event threshold without RTC ("Metrics cannot contain an event threshold when ReplicationTime is
        // not specified or Disabled", InvalidArgument: pulumi/pulumi-aws#5806, crossplane-contrib/provider-aws#1117).
        ...(a.replicationTimeControl
          ? {
            metrics: { status: "Enabled", eventThreshold: { minutes: S3_RTC_MINUTES } },
            replicationTime: { status: "Enabled", time: { minutes: S3_RTC_MINUTES } },
          }
          : { metrics: { status: "Enabled" } }),
      },
    }],
  }, { ...here, dependsOn: [source.resource, replica, r.rolePolicy] });

  const dimensions = { SourceBucket: source.name, DestinationBucket: replica.bucketName, RuleId: REPLICATION_RULE_ID };
  const subject = `dr-${r.slug}`;
  const latency = platformThreshold("s3ReplicationLatency");
  const failed = platformThreshold("s3ReplicationFailedOperations");
  new AlarmPair({ context: a.alarms, subject, metric: "s3ReplicationLatency", dimensions, threshold: latency, watched: [configuration] }, here);
  new AlarmPair({ context: a.alarms, subject, metric: "s3ReplicationFailedOperations", dimensions, threshold: failed, watched: [configuration] }, here);
  return {
    replica,
    graphs: [
      { title: `${r.slug} → ${a.recoveryRegion}: replication latency`, metric: "s3ReplicationLatency", dimensions, threshold: latency },
      { title: `${r.slug} → ${a.recoveryRegion}: failed replications`, metric: "s3ReplicationFailedOperations", dimensions, threshold: failed },
    ],
  };
}
