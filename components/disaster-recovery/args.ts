import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import type { AccountScope } from "../common/aws";
import type { DataClassKey } from "../object-store/data-classes";
import type { LifecycleDays } from "../object-store/lifecycle";
import { bucketNameProblem } from "../object-store/naming";
import {
  RDS_BACKUP_REPLICATION_ENGINES, RDS_REPLICATED_BACKUPS_PER_REGION, RDS_REPLICATED_RETENTION_DAYS, recoveryRegionProblem, replicaBucketName,
} from "./facts";
import type { RecoveryBucketSource, RecoveryDatabaseSource } from "./sources";

/** The data classes copied to the recovery Region: the compliance archive and what rebuilds the pipelines. */
export const REPLICATED_DATA_CLASSES: readonly DataClassKey[] = ["auditArchive", "configBackups"];

export interface DisasterRecoveryArgs extends AccountScope {
  /** The second Region every copy goes to: another Region of `region`'s partition. No default. */
  readonly recoveryRegion: string;
  /** `sparki-<env>`: prefix of the role and resource names. No default. */
  readonly baseName: string;
  /** Start of the stack's bucket names (`objectStore.bucketPrefix`): the recovery Region's access-log bucket is `<prefix>-access-logs-<recoveryRegion>`. No default. */
  readonly bucketPrefix: string;
  /** The stack key the source buckets encrypt with (replication decrypts with it through S3). No default. */
  readonly sourceKmsKeyArn: pulumi.Input<string>;
  /** Lifecycle of the recovery Region's access-log bucket. No default. */
  readonly accessLogLifecycle: LifecycleDays;
  /** The stack's buckets; those of `replicatedClasses` are replicated. Default: none. */
  readonly buckets?: readonly RecoveryBucketSource[];
  /** Which data classes get a replica. Default: {@link REPLICATED_DATA_CLASSES} (auditArchive, configBackups). */
  readonly replicatedClasses?: readonly DataClassKey[];
  /** RDS DB instances whose automated backups (snapshots and transaction logs) are replicated. Default: none. */
  readonly databases?: readonly RecoveryDatabaseSource[];
  /** S3 Replication Time Control: 99.99 % of objects within 15 minutes, billed per GB replicated. Default: true. */
  readonly replicationTimeControl?: boolean;
  /** Days the replicated RDS backups are kept, 1..35. Default: each instance's own backup retention. */
  readonly backupRetentionDays?: number;
  /** Tags every resource in the recovery Region carries (the recovery provider's default tags). Default: none. */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** Alarm topics and evaluation (replication failures and latency). No default. */
  readonly alarms: AlarmContext;
  /** Let `pulumi destroy` empty the replica buckets (even locked objects). Default: false. */
  readonly forceDestroy?: boolean;
  /** Pulumi `protect` on the recovery key, the replica buckets and the backup replications. Default: false. */
  readonly protect?: boolean;
}

export const DISASTER_RECOVERY_DEFAULTS = {
  buckets: [] as readonly RecoveryBucketSource[],
  replicatedClasses: REPLICATED_DATA_CLASSES,
  databases: [] as readonly RecoveryDatabaseSource[],
  replicationTimeControl: true,
  defaultTags: {} as Readonly<Record<string, string>>,
  forceDestroy: false,
  protect: false,
} as const;

type Defaulted = keyof typeof DISASTER_RECOVERY_DEFAULTS;
export type ResolvedDisasterRecoveryArgs = Omit<DisasterRecoveryArgs, Defaulted> & { readonly [K in Defaulted]-?: NonNullable<DisasterRecoveryArgs[K]> };

/** The arguments with every default applied (the only place the defaults are read). */
export function resolveDisasterRecoveryArgs(args: DisasterRecoveryArgs): ResolvedDisasterRecoveryArgs {
  const d = DISASTER_RECOVERY_DEFAULTS;
  return {
    ...args,
    buckets: args.buckets ?? d.buckets,
    replicatedClasses: args.replicatedClasses ?? d.replicatedClasses,
    databases: args.databases ?? d.databases,
    replicationTimeControl: args.replicationTimeControl ?? d.replicationTimeControl,
    defaultTags: args.defaultTags ?? d.defaultTags,
    forceDestroy: args.forceDestroy ?? d.forceDestroy,
    protect: args.protect ?? d.protect,
  };
}

/** The buckets that get a replica, in `replicatedClasses` order. */
export function replicatedBuckets(a: ResolvedDisasterRecoveryArgs): RecoveryBucketSource[] {
  return a.replicatedClasses.flatMap((k) => a.buckets.filter((b) => b.dataClass === k));
}

/** The access-log bucket of the recovery Region (server access logs stay in their bucket's Region). */
export function recoveryAccessLogBucketName(bucketPrefix: string, recoveryRegion: string): string {
  return replicaBucketName(`${bucketPrefix}-access-logs`, recoveryRegion);
}

/** Everything AWS would refuse about these arguments, as messages (empty when none). */
export function disasterRecoveryProblems(a: ResolvedDisasterRecoveryArgs): string[] {
  const problems: string[] = [];
  const region = recoveryRegionProblem(a.region, a.recoveryRegion);
  if (region) problems.push(`recoveryRegion ${a.recoveryRegion} ${region}`);
  const names = [recoveryAccessLogBucketName(a.bucketPrefix, a.recoveryRegion), ...replicatedBuckets(a).map((b) => replicaBucketName(b.name, a.recoveryRegion))];
  for (const name of names) {
    const bad = bucketNameProblem(name);
    if (bad) problems.push(`replica bucket name ${bad}`);
  }
  for (const b of replicatedBuckets(a)) {
    if (!b.versioned) problems.push(`bucket ${b.name} is not versioned: S3 replicates only from a versioned bucket`);
  }
  const days = a.backupRetentionDays;
  const { min, max } = RDS_REPLICATED_RETENTION_DAYS;
  if (days !== undefined && (!Number.isInteger(days) || days < min || days > max)) {
    problems.push(`backupRetentionDays must be an integer ${min}..${max}, got ${days}`);
  }
  for (const db of a.databases) {
    if (!RDS_BACKUP_REPLICATION_ENGINES.includes(db.engine)) problems.push(`database ${db.identifier}: RDS does not replicate automated backups of engine ${db.engine}`);
    if (db.backupRetentionDays < min) problems.push(`database ${db.identifier} keeps no automated backups (backup retention ${db.backupRetentionDays}): there is nothing to replicate`);
  }
  if (a.databases.length > RDS_REPLICATED_BACKUPS_PER_REGION) {
    problems.push(`${a.databases.length} databases exceed the ${RDS_REPLICATED_BACKUPS_PER_REGION} replicated automated backups RDS allows per destination Region and account`);
  }
  return problems;
}
