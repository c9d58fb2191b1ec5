import { type LifecycleDays, OBJECT_STORE_DEFAULTS, type ObjectLockMode, TRANSITION_FIELDS } from "../../../components/object-store";
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
  };
}
