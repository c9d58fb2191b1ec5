import { PROD_POLICY } from "../../config/prod-policy";
import type { ProfileName } from "../../config/schema";
import type { PgauditClass } from "../../../components/audit-archive/limits";
import { DEFAULT_PGAUDIT_CLASSES } from "../../../components/audit-archive/pgaudit";
import type { RelationalProfile } from "../../rds/profiles";

/** What a tier means for PostgreSQL before config overrides it (RelationalProfile documents the shared fields). */
export interface PostgresProfile extends RelationalProfile {
  /** `max_connections`: the proxy's share of it is the matrix pool of 100. */
  readonly maxConnections: number;
  /** pgAudit and the audit archive (components/audit-archive): on, which classes, Firehose buffering (seconds, MiB). */
  readonly audit: PostgresAuditProfile;
}

export interface PostgresAuditProfile {
  readonly enabled: boolean;
  readonly classes: readonly PgauditClass[];
  readonly bufferIntervalSeconds: number;
  readonly bufferSizeMiB: number;
}

export const POSTGRES_PROFILES: Readonly<Record<ProfileName, PostgresProfile>> = {
  // A burstable instance, no replica, one day of backups: cheap, and enough to exercise the whole setup.
  dev: {
    enabled: true, engineVersion: "17", instanceClass: "db.t4g.micro", allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100,
    backupRetentionDays: 1, minBackupRetentionDays: 1, minReplicas: 0, maxConnections: 125, applyImmediately: true, secretRecoveryWindowDays: 7,
    // Cheap (a few cents a month at dev volumes) and it exercises the whole archive path; objects every 5 minutes.
    audit: { enabled: true, classes: DEFAULT_PGAUDIT_CLASSES, bufferIntervalSeconds: 300, bufferSizeMiB: 64 },
  },
  // Memory-optimised, Multi-AZ (foundation tier), two replicas pinned to the second and third zones, two weeks of backups kept after delete.
  prod: {
    enabled: true, engineVersion: "17", instanceClass: "db.r7g.large", replicas: 2, allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000,
    backupRetentionDays: 14, minBackupRetentionDays: 14, minReplicas: PROD_POLICY.postgresMinReplicas, performanceInsightsRetentionDays: 93, monitoringIntervalSeconds: 15,
    maxConnections: 250, retainAutomatedBackups: true,
    // The Firehose maximums: fewer, larger objects (Glacier charges per object; lifecycle skips objects under 128 KiB).
    audit: { enabled: true, classes: DEFAULT_PGAUDIT_CLASSES, bufferIntervalSeconds: 900, bufferSizeMiB: 128 },
  },
};
