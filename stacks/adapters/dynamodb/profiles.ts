import type { ProfileName } from "../../config/schema";

/** What a tier means for the Fiber DynamoDB table before config overrides it. */
export interface DynamoDbProfile {
  /** Off in both tiers: examples/dynamodb turns it on. */
  readonly enabled: boolean;
  /** Days point-in-time recovery keeps (1..35). */
  readonly recoveryPeriodDays: number;
  /** The least recovery period config may set for this tier, days. */
  readonly minRecoveryPeriodDays: number;
  /** DynamoDB deletion protection (FSBP DynamoDB.6); dev leaves it off so `pulumi destroy` can remove the table. */
  readonly deletionProtection: boolean;
}

export const DYNAMODB_PROFILES: Readonly<Record<ProfileName, DynamoDbProfile>> = {
  // A disposable table: a week of point-in-time recovery, no deletion protection (Pulumi protect is off too).
  dev: { enabled: false, recoveryPeriodDays: 7, minRecoveryPeriodDays: 1, deletionProtection: false },
  // The full 35 days DynamoDB keeps, deletion protection on (and Pulumi protect, the tier's).
  prod: { enabled: false, recoveryPeriodDays: 35, minRecoveryPeriodDays: 35, deletionProtection: true },
};
