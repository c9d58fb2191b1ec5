import type { DataClassKey, LifecycleDays, ObjectLockMode } from "../components/object-store";
import type { MinioProfile } from "./config/minio";
import type { PostgresProfile } from "./config/postgres";
import type { RedisProfile } from "./config/redis";
import type { ProfileName } from "./config/schema";

/**
 * What an environment tier means, before per-stack config overrides it. The only place that knows that prod
 * means Multi-AZ and protected; components receive explicit arguments derived from this.
 */
export interface EnvironmentProfile {
  readonly name: ProfileName;
  /** AZs for a VPC this stack creates itself (count). */
  readonly availabilityZoneCount: number;
  /** Spread stateful services over two or more AZs with automatic failover. */
  readonly multiAz: boolean;
  /** Pulumi `protect` on stateful resources: `pulumi destroy` refuses until it is lifted. */
  readonly protectStatefulResources: boolean;
  /** Provider-side deletion protection on databases and caches. */
  readonly deletionProtection: boolean;
  /** CloudWatch Logs retention for service logs, days. */
  readonly logRetentionDays: number;
  /** KMS key deletion window, days (AWS allows 7-30). */
  readonly kmsDeletionWindowDays: number;
  /** MinIO on Kubernetes (components/minio); per-stack `minio` config overrides each field it sets. */
  readonly minio: MinioProfile;
  /** Valkey/Redis cache (components/redis); per-stack `redis` config overrides each field it sets. */
  readonly redis: RedisProfile;
  /** PostgreSQL on RDS (components/postgres); per-stack `postgres` config overrides each field it sets. */
  readonly postgres: PostgresProfile;
  /** S3 buckets (components/object-store); per-stack `objectStore` config overrides the days. */
  readonly objectStore: {
    /** Transition/expiry days per data class and for the access-log bucket (days after creation). */
    readonly lifecycle: Readonly<Record<DataClassKey | "accessLogs", LifecycleDays>>;
    /** Object Lock mode of the audit archive: GOVERNANCE can be lifted by privileged users, COMPLIANCE by nobody. */
    readonly auditLockMode: ObjectLockMode;
    /** Object Lock default retention of the audit archive, days. */
    readonly auditRetentionDays: number;
    /** Transfer Acceleration on the artifacts bucket. */
    readonly artifactsTransferAcceleration: boolean;
    /** `pulumi destroy` may delete buckets that still hold objects. */
    readonly forceDestroy: boolean;
  };
}

export const PROFILES: Readonly<Record<ProfileName, EnvironmentProfile>> = {
  dev: {
    name: "dev",
    availabilityZoneCount: 2,
    multiAz: false,
    protectStatefulResources: false,
    deletionProtection: false,
    logRetentionDays: 7,
    kmsDeletionWindowDays: 30,
    // One server, one drive on the cluster's default StorageClass: enough to run the Fiber adapter against.
    // Any conformant cluster will do (no EBS CSI driver assumed); the stack file may opt out of TLS.
    // Expiry and the audit archive's lock come from objectStore below (README: MinIO, dev exceptions).
    minio: {
      enabled: true, servers: 1, drivesPerServer: 1, volumeSizeGiB: 10, cpuMillis: 250, cpuLimitMillis: 1000, memoryMiB: 1024,
      ebsKmsStorageClass: false, insecureHttpAllowed: true, contextRequired: false,
    },
    // A burstable instance, no replica, one day of backups: cheap, and enough to exercise the whole setup.
    postgres: {
      engineVersion: "17", instanceClass: "db.t4g.micro", replicas: 0, allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100,
      backupRetentionDays: 1, minBackupRetentionDays: 1, performanceInsightsRetentionDays: 7, monitoringIntervalSeconds: 60,
      maxConnections: 125, applyImmediately: true, retainAutomatedBackups: false, secretRecoveryWindowDays: 7,
    },
    // One burstable node, no replica: sessions and caches are disposable in dev.
    redis: {
      enabled: true, engine: "valkey", engineVersion: "8.1", nodeType: "cache.t4g.micro",
      clusterMode: false, shards: 1, replicasPerShard: 0, maxmemoryPolicy: "volatile-lru",
      snapshotRetentionDays: 1, minSnapshotRetentionDays: 1, snapshotWindow: "03:00-04:00", maintenanceWindow: "sun:05:00-sun:06:00",
      auth: "rbac", authRequired: false, finalSnapshot: false, applyImmediately: true, secretRecoveryWindowDays: 7,
    },
    // Disposable data: nothing lives long enough for Glacier minimum charges to pay off, so dev only expires.
    objectStore: {
      lifecycle: {
        artifacts: { standardIaDays: 30, expirationDays: 60, noncurrentExpirationDays: 7 },
        deploymentLogs: { expirationDays: 30, noncurrentExpirationDays: 7 },
        testReports: { expirationDays: 14, noncurrentExpirationDays: 7 },
        configBackups: { expirationDays: 30, noncurrentExpirationDays: 7 },
        auditArchive: { expirationDays: 30, noncurrentExpirationDays: 7 },
        buildCache: { expirationDays: 7, noncurrentExpirationDays: 1 },
        accessLogs: { expirationDays: 30, noncurrentExpirationDays: 7 },
      },
      auditLockMode: "GOVERNANCE",
      auditRetentionDays: 7,
      artifactsTransferAcceleration: false,
      forceDestroy: true,
    },
  },
  prod: {
    name: "prod",
    availabilityZoneCount: 3,
    multiAz: true,
    protectStatefulResources: true,
    deletionProtection: true,
    logRetentionDays: 365,
    kmsDeletionWindowDays: 30,
    // Distributed: 4 servers x 4 drives = one 16-drive erasure set (EC:4), on KMS-encrypted EBS, TLS only.
    // Expiry and the audit archive's lock come from objectStore below (MinIO has no colder tiers to move data to).
    minio: {
      enabled: true, servers: 4, drivesPerServer: 4, volumeSizeGiB: 250, cpuMillis: 1000, cpuLimitMillis: 4000, memoryMiB: 8192,
      ebsKmsStorageClass: true, insecureHttpAllowed: false, contextRequired: true,
    },
    // Memory-optimised, Multi-AZ (profile), two replicas pinned to the second and third zones, two weeks of backups kept after delete.
    postgres: {
      engineVersion: "17", instanceClass: "db.r7g.large", replicas: 2, allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000,
      backupRetentionDays: 14, minBackupRetentionDays: 14, performanceInsightsRetentionDays: 93, monitoringIntervalSeconds: 15,
      maxConnections: 250, applyImmediately: false, retainAutomatedBackups: true, secretRecoveryWindowDays: 30,
    },
    // Memory-optimised Graviton nodes, sharded (cluster mode) for horizontal scaling, a replica per shard in
    // another AZ; changes wait for the maintenance window.
    redis: {
      enabled: true, engine: "valkey", engineVersion: "8.1", nodeType: "cache.r7g.large",
      clusterMode: true, shards: 2, replicasPerShard: 1, maxmemoryPolicy: "volatile-lru",
      snapshotRetentionDays: 7, minSnapshotRetentionDays: 7, snapshotWindow: "03:00-04:00", maintenanceWindow: "sun:05:00-sun:06:00",
      auth: "rbac", authRequired: true, finalSnapshot: true, applyImmediately: false, secretRecoveryWindowDays: 30,
    },
    objectStore: {
      lifecycle: {
        artifacts: { standardIaDays: 30, glacierIrDays: 90, expirationDays: 365, noncurrentExpirationDays: 30 },
        deploymentLogs: { glacierDays: 30, deepArchiveDays: 180, expirationDays: 730, noncurrentExpirationDays: 30 },
        testReports: { standardIaDays: 30, expirationDays: 90, noncurrentExpirationDays: 7 },
        configBackups: { standardIaDays: 30, glacierIrDays: 90, expirationDays: 365, noncurrentExpirationDays: 90 },
        auditArchive: { glacierDays: 90, deepArchiveDays: 365, expirationDays: 2555, noncurrentExpirationDays: 30 },
        buildCache: { expirationDays: 30, noncurrentExpirationDays: 1 },
        accessLogs: { expirationDays: 365, noncurrentExpirationDays: 30 },
      },
      auditLockMode: "COMPLIANCE",
      auditRetentionDays: 2555,
      artifactsTransferAcceleration: true,
      forceDestroy: false,
    },
  },
};
