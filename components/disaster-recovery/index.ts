import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardGraph, DashboardSection } from "../alerting";
import { EncryptionKey } from "../kms";
import { bucketArn, DATA_CLASSES, SecureBucket } from "../object-store";
import {
  type DisasterRecoveryArgs, disasterRecoveryProblems, recoveryAccessLogBucketName, replicatedBuckets, resolveDisasterRecoveryArgs,
} from "./args";
import { replicaBucketName } from "./facts";
import { replicateBucket } from "./replication";
import { replicationRoleName, replicationRolePolicy, replicationTrustPolicy } from "./replication-policy";

export * from "./args";
export * from "./facts";
export * from "./replication-policy";
export type * from "./sources";

/** What the stack output `disasterRecovery` carries: where the copies are. */
export interface DisasterRecoveryOutputs {
  readonly region: string;
  readonly kmsKeyArn: pulumi.Output<string>;
  /** Replica bucket per replicated data class. */
  readonly buckets: Readonly<Record<string, { readonly name: string; readonly arn: string; readonly replicaOf: string }>>;
  readonly accessLogBucket: string;
  readonly replicationTimeControl: boolean;
  /** Source DB instance identifier per replicated automated backup. */
  readonly databaseBackups: readonly { readonly identifier: string; readonly retentionDays: pulumi.Input<number> }[];
}

/**
 * Copies of the stack's irreplaceable data in a second Region: its own provider and KMS key there, a replica
 * bucket (versioned, Object Lock as the source, same lifecycle, access-logged) for each replicated data class,
 * S3 replication of KMS-encrypted objects into them with replication metrics (and Replication Time Control), alarms
 * on failed and late replication, and RDS automated backups (snapshots and transaction logs) replicated there.
 *
 * Its own key rather than a multi-Region replica of the stack key: the stack key is single-Region and
 * `multiRegion` cannot be changed on an existing key (KMS Developer Guide, "Multi-Region keys in AWS KMS",
 * checked 2026-11-29), so a multi-Region key would mean replacing the key every encrypted byte depends on; and a
 * separate key keeps the copies readable when the primary key is disabled or scheduled for deletion.
 */
export class DisasterRecovery extends pulumi.ComponentResource {
  readonly provider: aws.Provider;
  readonly key: EncryptionKey;
  readonly replicas: Readonly<Record<string, SecureBucket>>;
  readonly backupReplications: readonly aws.rds.InstanceAutomatedBackupsReplication[];
  readonly dashboard: DashboardSection;
  readonly outputs: DisasterRecoveryOutputs;

  constructor(name: string, given: DisasterRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveDisasterRecoveryArgs(given);
    const problems = disasterRecoveryProblems(a);
    if (problems.length > 0) throw new Error(`DisasterRecovery ${name}: ${problems.join("; ")}`);
    super("sparki:disaster-recovery:DisasterRecovery", name, {}, opts);
    const region = a.recoveryRegion;
    this.provider = new aws.Provider(`${name}-aws`, {
      region: region as aws.Region,
      allowedAccountIds: [a.accountId],
      defaultTags: { tags: { ...a.defaultTags } },
    }, { parent: this });
    const there: pulumi.ComponentResourceOptions = { parent: this, providers: [this.provider] };
    const scope = { accountId: a.accountId, region };

    this.key = new EncryptionKey(`${name}-key`, {
      ...scope, description: `Sparki recovery copies in ${region} (${a.baseName})`, protect: a.protect,
    }, there);

    const sources = replicatedBuckets(a);
    const replicaNames = sources.map((s) => replicaBucketName(s.name, region));
    const accessLogs = new SecureBucket(`${name}-access-logs`, {
      ...scope,
      bucketName: recoveryAccessLogBucketName(a.bucketPrefix, region),
      encryption: "s3-managed",
      lifecycle: a.accessLogLifecycle,
      logDeliverySources: replicaNames,
      forceDestroy: a.forceDestroy,
      protect: a.protect,
      tags: { DataClass: "accessLogs" },
    }, there);

    const role = new aws.iam.Role(`${name}-s3-replication`, {
      name: replicationRoleName(a.baseName),
      description: `S3 replication of ${sources.map((s) => s.name).join(", ")} to ${region}`,
      assumeRolePolicy: JSON.stringify(replicationTrustPolicy()),
    }, { parent: this });
    const rolePolicy = new aws.iam.RolePolicy(`${name}-s3-replication`, {
      role: role.name,
      policy: pulumi.all([a.sourceKmsKeyArn, this.key.arn]).apply(([sourceKmsKeyArn, replicaKmsKeyArn]) => JSON.stringify(replicationRolePolicy({
        pairs: sources.map((s, i) => ({ sourceArn: s.arn, replicaArn: bucketArn(replicaNames[i], region) })),
        sourceKmsKeyArn, replicaKmsKeyArn, sourceRegion: a.region, recoveryRegion: region,
      }))),
    }, { parent: this });

    const replicas: Record<string, SecureBucket> = {};
    const graphs: DashboardGraph[] = [];
    for (const source of sources) {
      const slug = DATA_CLASSES[source.dataClass].slug;
      const done = replicateBucket(`${name}-${slug}`, {
        source, slug, args: a, replicaKmsKeyArn: this.key.arn, accessLogBucket: accessLogs.bucket.bucket, roleArn: role.arn, rolePolicy,
      }, { parent: this }, there);
      replicas[source.dataClass] = done.replica;
      graphs.push(...done.graphs);
    }
    this.replicas = replicas;

    this.backupReplications = a.databases.map((db) => new aws.rds.InstanceAutomatedBackupsReplication(`${name}-${db.identifier}-backups`, {
      sourceDbInstanceArn: db.arn,
      kmsKeyId: this.key.arn,
      retentionPeriod: a.backupRetentionDays ?? db.backupRetentionDays,
    }, { parent: this, provider: this.provider, dependsOn: [db.resource], protect: a.protect }));

    this.dashboard = { title: `Disaster recovery: replication to ${region}`, graphs };
    this.outputs = {
      region,
      kmsKeyArn: this.key.arn,
      buckets: Object.fromEntries(sources.map((s) => [s.dataClass, { name: replicas[s.dataClass].bucketName, arn: replicas[s.dataClass].arn, replicaOf: s.name }])),
      accessLogBucket: accessLogs.bucketName,
      replicationTimeControl: a.replicationTimeControl,
      databaseBackups: a.databases.map((db) => ({ identifier: db.identifier, retentionDays: a.backupRetentionDays ?? db.backupRetentionDays })),
    };
    this.registerOutputs({ region, kmsKeyArn: this.key.arn, buckets: this.outputs.buckets });
  }
}
