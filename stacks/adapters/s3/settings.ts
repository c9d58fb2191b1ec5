import { type LifecycleDays, OBJECT_STORE_DEFAULTS, type ObjectLockMode, TRANSITION_FIELDS } from "../../../components/object-store";
import { ARTIFACT_DELIVERY_DEFAULTS } from "../../../components/cdn/args";
import type { PriceClass } from "../../../components/cdn/facts";
import { DATA_CLASSES } from "../../../components/object-store/data-classes";
import { bucketArn, bucketName } from "../../../components/object-store/naming";
import type { StackScope } from "../contract";
import type { ObjectStoreProfile } from "./profiles";
import { LIFECYCLE_KEYS, type LifecycleKey, type ObjectStoreConfig } from "./schema";

/** What the stack deploys on S3: its config over the tier over the component's defaults. */
export interface ObjectStoreSettings {
  readonly bucketPrefix: string;
  readonly lifecycle: Readonly<Record<LifecycleKey, LifecycleDays>>;
  readonly auditLockMode: ObjectLockMode;
  readonly auditRetentionDays: number;
  readonly artifactsTransferAcceleration: boolean;
  readonly forceDestroy: boolean;
  /** CloudFront in front of the artifacts bucket; domain and certificate as configured (rules require both when enabled). */
  readonly delivery: DeliverySettings;
}

export interface DeliverySettings {
  readonly enabled: boolean;
  readonly priceClass: PriceClass;
  readonly cacheTtlSeconds: number;
  readonly domainName?: string;
  readonly certificateArn?: string;
  readonly webAclArn?: string;
}

/** Component names of the delivery (they end in `-s3`: the plan groups a top-level component by its name's last part). */
export const deliveryName = (baseName: string) => `${baseName}-delivery-s3`;
export const deliveryLogsName = (baseName: string) => `${baseName}-delivery-logs-s3`;

/** Buckets whose objects the stack key lets this account's CloudFront distributions decrypt: the artifacts bucket while delivery is on. */
export function cloudFrontReadBuckets(settings: ObjectStoreSettings, region: string): string[] {
  return settings.delivery.enabled ? [bucketArn(bucketName(settings.bucketPrefix, DATA_CLASSES.artifacts.slug), region)] : [];
}

type LifecycleConfig = ObjectStoreConfig[LifecycleKey];

/** A configured transition replaces the profile's; `null` removes it; absent keeps it. */
function mergeLifecycle(profile: LifecycleDays, config: LifecycleConfig): LifecycleDays {
  const merged: Record<string, number | undefined> = { ...profile };
  for (const field of Object.values(TRANSITION_FIELDS)) {
    const value = config[field];
    if (value !== undefined) merged[field] = value ?? undefined;
  }
  return {
    ...(merged as Partial<LifecycleDays>),
    expirationDays: config.expirationDays ?? profile.expirationDays,
    noncurrentExpirationDays: config.noncurrentExpirationDays ?? profile.noncurrentExpirationDays,
  };
}

export function defaultBucketPrefix(stack: string, accountId: string): string {
  return `sparki-${stack.toLowerCase()}-${accountId}`;
}

export function objectStoreSettings(config: ObjectStoreConfig, profile: ObjectStoreProfile, { env }: StackScope): ObjectStoreSettings {
  return {
    bucketPrefix: config.bucketPrefix ?? defaultBucketPrefix(env.name, env.accountId),
    lifecycle: Object.fromEntries(LIFECYCLE_KEYS.map((k) => [k, mergeLifecycle(profile.lifecycle[k], config[k])])) as Record<LifecycleKey, LifecycleDays>,
    auditLockMode: profile.auditLockMode,
    auditRetentionDays: config.auditArchive.retentionDays ?? profile.auditRetentionDays,
    artifactsTransferAcceleration: config.artifacts.transferAcceleration ?? profile.artifactsTransferAcceleration ?? OBJECT_STORE_DEFAULTS.transferAcceleration,
    forceDestroy: profile.forceDestroy ?? OBJECT_STORE_DEFAULTS.forceDestroy,
    delivery: {
      enabled: config.delivery.enabled ?? profile.delivery.enabled,
      priceClass: config.delivery.priceClass ?? profile.delivery.priceClass,
      cacheTtlSeconds: config.delivery.cacheTtlSeconds ?? profile.delivery.cacheTtlSeconds ?? ARTIFACT_DELIVERY_DEFAULTS.cacheTtlSeconds,
      ...(config.delivery.domainName !== undefined ? { domainName: config.delivery.domainName } : {}),
      ...(config.delivery.certificateArn !== undefined ? { certificateArn: config.delivery.certificateArn } : {}),
      ...(config.delivery.webAclArn !== undefined ? { webAclArn: config.delivery.webAclArn } : {}),
    },
  };
}
