import { SQLSERVER_PRODUCTION_EDITIONS, type SqlServerEdition } from "../../../components/rds";
import type { ProfileName } from "../../config/schema";
import type { RelationalProfile } from "../../rds/profiles";

/** What a tier means for SQL Server before config overrides it (RelationalProfile documents the shared fields). */
export interface SqlServerProfile extends RelationalProfile {
  /** Edition (license included). */
  readonly edition: SqlServerEdition;
  /** Editions config may choose for this tier: Web is dev-only (licensed for public web workloads); Express is refused everywhere. */
  readonly allowedEditions: readonly SqlServerEdition[];
  /** `user connections`: the pool-usage alarm is a share of it. */
  readonly userConnections: number;
}

export const SQLSERVER_PROFILES: Readonly<Record<ProfileName, SqlServerProfile>> = {
  // Opt-in. Web on the smallest burstable class it runs on, single-AZ, one day of backups. Not Express: RDS does not
  // encrypt Express storage (SQLSERVER_NO_EXPRESS).
  dev: {
    enabled: false, engineVersion: "16.00", edition: "web", allowedEditions: ["web", "se", "ee"], instanceClass: "db.t3.small",
    allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100, backupRetentionDays: 1, minBackupRetentionDays: 1, minReplicas: 0,
    userConnections: 500, applyImmediately: true, secretRecoveryWindowDays: 7,
  },
  // Opt-in. Standard Edition, Multi-AZ (the tier's; Always On), memory-optimised, two weeks of backups kept after
  // delete. No read replica (SQLSERVER_NO_REPLICAS).
  prod: {
    enabled: false, engineVersion: "16.00", edition: "se", allowedEditions: SQLSERVER_PRODUCTION_EDITIONS, instanceClass: "db.r6i.large",
    replicas: 0, allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000, backupRetentionDays: 14, minBackupRetentionDays: 14, minReplicas: 0,
    performanceInsightsRetentionDays: 93, monitoringIntervalSeconds: 15, userConnections: 1000, retainAutomatedBackups: true,
  },
};
