import type { ProfileName } from "../../config/schema";

/** What a tier means for the Fiber Firestore database before config overrides it. */
export interface FirestoreProfile {
  /** Off in both tiers: examples/firestore turns it on. */
  readonly enabled: boolean;
  /** Firestore location (fixed at creation). */
  readonly location: string;
  /** Firestore delete protection; dev leaves it off so `pulumi destroy` can remove the database. */
  readonly deleteProtection: boolean;
  /** Days daily backups are kept. */
  readonly dailyBackupRetentionDays: number;
  /** Weeks weekly backups are kept (0: none). */
  readonly weeklyBackupRetentionWeeks: number;
  /** The fewest weeks of weekly backups config may set for this tier. */
  readonly minWeeklyBackupRetentionWeeks: number;
  /** Whether config may turn the customer-managed key off. */
  readonly customerManagedKeyRequired: boolean;
}

export const FIRESTORE_PROFILES: Readonly<Record<ProfileName, FirestoreProfile>> = {
  // One region near eu-west-1 (Belgium), a week of daily backups, no delete protection (Pulumi protect is off too).
  dev: { enabled: false, location: "europe-west1", deleteProtection: false, dailyBackupRetentionDays: 7, weeklyBackupRetentionWeeks: 0, minWeeklyBackupRetentionWeeks: 0, customerManagedKeyRequired: false },
  // The European multi-region (survives a region), 14 weeks of weekly backups on top of a week of daily ones, delete protection.
  prod: { enabled: false, location: "eur3", deleteProtection: true, dailyBackupRetentionDays: 7, weeklyBackupRetentionWeeks: 14, minWeeklyBackupRetentionWeeks: 4, customerManagedKeyRequired: true },
};
