import type { LifecycleDays, ObjectLockMode } from "../../../components/object-store";
import { PROD_POLICY } from "../../config/prod-policy";
import type { ProfileName } from "../../config/schema";
import type { LifecycleKey } from "./schema";
import type { PriceClass } from "../../../components/cdn/facts";

/** What a tier means for artifact delivery through CloudFront. */
export interface DeliveryProfile {
  /** A distribution in front of the artifacts bucket. Off in both tiers: it needs a domain and a us-east-1 certificate only the stack file can name. */
  readonly enabled: boolean;
  /** Edge locations served (CloudFront price class). */
  readonly priceClass: PriceClass;
  /** Default and maximum edge TTL, seconds. Absent: the component's default (one year). */
  readonly cacheTtlSeconds?: number;
}

/** What a tier means for the S3 buckets; an absent field takes the ObjectStore component's default. */
export interface ObjectStoreProfile {
  /** Transition/expiry days per data class and for the access-log bucket (days after creation). */
  readonly lifecycle: Readonly<Record<LifecycleKey, LifecycleDays>>;
  /** Object Lock mode of the audit archive: GOVERNANCE can be lifted by privileged users, COMPLIANCE by nobody. */
  readonly auditLockMode: ObjectLockMode;
  /** Object Lock default retention of the audit archive, days. */
  readonly auditRetentionDays: number;
  /** Transfer Acceleration on the artifacts bucket. Component default: off. */
  readonly artifactsTransferAcceleration?: boolean;
  /** `pulumi destroy` may delete buckets that still hold objects. Component default: no. */
  readonly forceDestroy?: boolean;
  /** The longest expiry config may give the build cache, days (prod: the matrix's build-cache expiry). Absent: any. */
  readonly maxBuildCacheExpirationDays?: number;
  /** CloudFront in front of the artifacts bucket. */
  readonly delivery: DeliveryProfile;
}

export const OBJECT_STORE_PROFILES: Readonly<Record<ProfileName, ObjectStoreProfile>> = {
  // Disposable data: nothing lives long enough for Glacier minimum charges to pay off, so dev only expires.
  dev: {
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
    forceDestroy: true,
    // Dev downloads come from the team's own region: the cheapest edges are enough.
    delivery: { enabled: false, priceClass: "PriceClass_100" },
  },
  prod: {
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
    maxBuildCacheExpirationDays: PROD_POLICY.buildCacheMaxExpirationDays,
    // Build agents and customers anywhere: every edge.
    delivery: { enabled: false, priceClass: "PriceClass_All" },
  },
};
