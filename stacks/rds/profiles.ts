/**
 * What a tier means for a relational adapter before config overrides it (every RDS engine's profiles.ts extends
 * it with its parameter defaults). An absent optional field takes the component's default (DATABASE_DEFAULTS).
 */
export interface RelationalProfile {
  /** Deploy the database at all. */
  readonly enabled: boolean;
  /** Engine version (major or full). */
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
  /** The fewest read replicas config may set for this tier. */
  readonly minReplicas: number;
  /** Performance Insights retention, days (7 is free). */
  readonly performanceInsightsRetentionDays?: number;
  /** Enhanced monitoring interval, seconds. */
  readonly monitoringIntervalSeconds?: number;
  /** Apply changes at once (true) or in the maintenance window. */
  readonly applyImmediately?: boolean;
  /** Keep automated backups after the instance is deleted. */
  readonly retainAutomatedBackups?: boolean;
  /** Days a deleted secret stays recoverable (0 or 7..30). */
  readonly secretRecoveryWindowDays?: number;
}
