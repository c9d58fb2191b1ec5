import { PROD_POLICY } from "../../config/prod-policy";
import type { ProfileName } from "../../config/schema";

/**
 * What a tier means for PostgreSQL before config overrides it. An absent optional field takes the Postgres
 * component's default (POSTGRES_DEFAULTS).
 */
export interface PostgresProfile {
  /** Deploy PostgreSQL at all. */
  readonly enabled: boolean;
  /** Engine version, 17 (major or major.minor; 18 is refused until RDS Proxy documents it). */
  readonly engineVersion: string;
  /** Primary (and default replica) instance class. */
  readonly instanceClass: string;
  /** Read replicas. */
  readonly replicas?: number;
  /** Initial gp3 storage, GiB. */
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling, GiB. */
  readonly maxAllocatedStorageGiB: number;
  /** Automated backup retention, days. */
  readonly backupRetentionDays: number;
  /** The least backup retention config may set for this tier, days. */
  readonly minBackupRetentionDays: number;
  /** The fewest read replicas config may set for this tier (prod: the matrix's master-replica replication). */
  readonly minReplicas: number;
  /** Performance Insights retention, days (7 is free). */
  readonly performanceInsightsRetentionDays?: number;
  /** Enhanced monitoring interval, seconds. */
  readonly monitoringIntervalSeconds?: number;
  /** `max_connections`: the proxy's share of it is the matrix pool of 100. */
  readonly maxConnections: number;
  /** Apply changes at once (true) or in the maintenance window. */
  readonly applyImmediately?: boolean;
  /** Keep automated backups after the instance is deleted. */
  readonly retainAutomatedBackups?: boolean;
  /** Days a deleted admin secret stays recoverable (0 or 7..30). */
  readonly secretRecoveryWindowDays?: number;
}

export const POSTGRES_PROFILES: Readonly<Record<ProfileName, PostgresProfile>> = {
  // A burstable instance, no replica, one day of backups: cheap, and enough to exercise the whole setup.
  dev: {
    enabled: true, engineVersion: "17", instanceClass: "db.t4g.micro", allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100,
    backupRetentionDays: 1, minBackupRetentionDays: 1, minReplicas: 0, maxConnections: 125, applyImmediately: true, secretRecoveryWindowDays: 7,
  },
  // Memory-optimised, Multi-AZ (foundation tier), two replicas pinned to the second and third zones, two weeks of backups kept after delete.
  prod: {
    enabled: true, engineVersion: "17", instanceClass: "db.r7g.large", replicas: 2, allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000,
    backupRetentionDays: 14, minBackupRetentionDays: 14, minReplicas: PROD_POLICY.postgresMinReplicas, performanceInsightsRetentionDays: 93, monitoringIntervalSeconds: 15,
    maxConnections: 250, retainAutomatedBackups: true,
  },
};
