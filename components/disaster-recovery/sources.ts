import type * as pulumi from "@pulumi/pulumi";
import type { ObjectLockMode } from "../object-store/bucket";
import type { DataClassKey } from "../object-store/data-classes";
import type { LifecycleDays } from "../object-store/lifecycle";

/**
 * What an adapter's deployment offers the disaster-recovery component (stacks/adapters/contract.ts `Deployed.recovery`):
 * the stores whose only copy would otherwise sit in the stack's Region. The component decides what it copies.
 */
export interface RecoverySources {
  /** S3 buckets of the stack's data classes. Default: none. */
  readonly buckets?: readonly RecoveryBucketSource[];
  /** RDS DB instances whose automated backups can be replicated. Default: none. */
  readonly databases?: readonly RecoveryDatabaseSource[];
}

export interface RecoveryBucketSource {
  readonly dataClass: DataClassKey;
  /** Bucket name. No default. */
  readonly name: string;
  /** `arn:<partition>:s3:::<name>`. No default. */
  readonly arn: string;
  /** Its lifecycle: the replica keeps objects as long (and moves them to the same classes). No default. */
  readonly lifecycle: LifecycleDays;
  /** Whether the bucket keeps versions (replication needs it on both sides). No default. */
  readonly versioned: boolean;
  /** Its Object Lock default retention; the replica gets the same. Default: none (not locked). */
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly retentionDays: number };
  /** The bucket's component: replication waits for its versioning (S3 refuses replication on an unversioned source). No default. */
  readonly resource: pulumi.Resource;
}

export interface RecoveryDatabaseSource {
  /** DB instance identifier of the primary. No default. */
  readonly identifier: string;
  /** RDS engine name, e.g. `postgres`, `sqlserver-se`. No default. */
  readonly engine: string;
  /** ARN of the DB instance. No default. */
  readonly arn: pulumi.Input<string>;
  /** The instance's own backup retention (days); the replicated backups keep as many by default. No default. */
  readonly backupRetentionDays: number;
  /** The instance: replication starts once it exists. No default. */
  readonly resource: pulumi.Resource;
}
