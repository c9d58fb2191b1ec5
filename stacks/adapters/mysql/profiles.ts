import type { ProfileName } from "../../config/schema";
import type { RelationalProfile } from "../../rds/profiles";

/** What a tier means for MySQL before config overrides it (RelationalProfile documents the shared fields). */
export interface MySqlProfile extends RelationalProfile {
  /** `max_connections`: the proxy's share of it is the matrix pool of 100. */
  readonly maxConnections: number;
}

export const MYSQL_PROFILES: Readonly<Record<ProfileName, MySqlProfile>> = {
  // Opt-in. A burstable instance (RDS offers no Performance Insights on it for MySQL, so it runs without), no
  // replica, one day of backups. Small, not micro: 2 GiB holds the proxy pool's 110+ connections and Performance
  // Schema, where RDS's own max_connections default for 1 GiB is about 85.
  dev: {
    enabled: false, engineVersion: "8.4", instanceClass: "db.t4g.small", allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100,
    backupRetentionDays: 1, minBackupRetentionDays: 1, minReplicas: 0, maxConnections: 125, applyImmediately: true, secretRecoveryWindowDays: 7,
  },
  // Opt-in. Memory-optimised, Multi-AZ (the tier's), one read replica in another zone, two weeks of backups kept after delete.
  prod: {
    enabled: false, engineVersion: "8.4", instanceClass: "db.r7g.large", replicas: 1, allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000,
    backupRetentionDays: 14, minBackupRetentionDays: 14, minReplicas: 0, performanceInsightsRetentionDays: 93, monitoringIntervalSeconds: 15,
    maxConnections: 250, retainAutomatedBackups: true,
  },
};
