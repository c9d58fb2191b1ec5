import type { ProfileName } from "../../config/schema";

/** What a tier means for DocumentDB before config overrides it. */
export interface MongoDbProfile {
  /** Off in both tiers: examples/mongodb turns it on. */
  readonly enabled: boolean;
  /** Instance class of every instance. */
  readonly instanceClass: string;
  /** Instances: one primary, the rest replicas over the other zones. */
  readonly instances: number;
  /** The fewest instances config may set for this tier. */
  readonly minInstances: number;
  /** Days of automated backups. */
  readonly backupRetentionDays: number;
  /** The least retention config may set for this tier, days. */
  readonly minBackupRetentionDays: number;
  /** Final snapshot on delete (prod keeps one; a dev cluster is disposable). */
  readonly finalSnapshot: boolean;
  /** Apply changes at once rather than in the maintenance window. */
  readonly applyImmediately: boolean;
  /** Days a deleted credentials secret stays recoverable. */
  readonly secretRecoveryWindowDays: number;
}

export const MONGODB_PROFILES: Readonly<Record<ProfileName, MongoDbProfile>> = {
  // Opt-in. One burstable instance (DocumentDB's smallest class), one day of backups, no final snapshot.
  dev: {
    enabled: false, instanceClass: "db.t4g.medium", instances: 1, minInstances: 1, backupRetentionDays: 1, minBackupRetentionDays: 1,
    finalSnapshot: false, applyImmediately: true, secretRecoveryWindowDays: 7,
  },
  // Opt-in. Three memory-optimised Graviton instances, one per zone (a writer and two failover targets), two weeks
  // of backups (Security Hub DocumentDB.2 asks for at least 7), a final snapshot.
  prod: {
    enabled: false, instanceClass: "db.r6g.large", instances: 3, minInstances: 3, backupRetentionDays: 14, minBackupRetentionDays: 7,
    finalSnapshot: true, applyImmediately: false, secretRecoveryWindowDays: 30,
  },
};
