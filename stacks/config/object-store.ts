import type { z } from "zod";
import { DATA_CLASS_KEYS, type DataClassKey } from "../../components/object-store/data-classes";
import { type LifecycleDays, MAX_LIFECYCLE_DAYS, TRANSITION_FIELDS } from "../../components/object-store/lifecycle";
import type { EnvironmentProfile } from "../profiles";
import { flag, intRange, matching, section } from "./rules";

/** Transition day, or `null` to drop a transition the profile sets. */
const transitionDays = intRange(0, MAX_LIFECYCLE_DAYS).nullable().optional();

const lifecycleFields = {
  standardIaDays: transitionDays,
  oneZoneIaDays: transitionDays,
  glacierIrDays: transitionDays,
  glacierDays: transitionDays,
  deepArchiveDays: transitionDays,
  expirationDays: intRange(1, MAX_LIFECYCLE_DAYS).optional(),
  noncurrentExpirationDays: intRange(1, MAX_LIFECYCLE_DAYS).optional(),
};

/** `sparki-storage:objectStore`: S3 buckets per data class. Absent fields take the profile's value. */
export const objectStoreSchema = section({
  /** Start of every bucket name. Default: `sparki-<stack>-<accountId>`. */
  bucketPrefix: matching(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and hyphens, starting and ending with a letter or digit").optional(),
  artifacts: section({ ...lifecycleFields, transferAcceleration: flag().optional() }).default({}),
  deploymentLogs: section(lifecycleFields).default({}),
  testReports: section(lifecycleFields).default({}),
  configBackups: section(lifecycleFields).default({}),
  auditArchive: section({ ...lifecycleFields, retentionDays: intRange(1, MAX_LIFECYCLE_DAYS).optional() }).default({}),
  buildCache: section(lifecycleFields).default({}),
  accessLogs: section(lifecycleFields).default({}),
});

export type ObjectStoreConfig = z.infer<typeof objectStoreSchema>;
export type LifecycleKey = DataClassKey | "accessLogs";
export const LIFECYCLE_KEYS: readonly LifecycleKey[] = [...DATA_CLASS_KEYS, "accessLogs"];

/** Object-store settings of a stack: its config on top of the profile. */
export interface ObjectStoreSettings {
  readonly bucketPrefix: string;
  readonly lifecycle: Readonly<Record<LifecycleKey, LifecycleDays>>;
  readonly auditLockMode: EnvironmentProfile["objectStore"]["auditLockMode"];
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

export function objectStoreSettings(stack: string, accountId: string, config: ObjectStoreConfig, profile: EnvironmentProfile): ObjectStoreSettings {
  const defaults = profile.objectStore;
  return {
    bucketPrefix: config.bucketPrefix ?? defaultBucketPrefix(stack, accountId),
    lifecycle: Object.fromEntries(LIFECYCLE_KEYS.map((k) => [k, mergeLifecycle(defaults.lifecycle[k], config[k])])) as Record<LifecycleKey, LifecycleDays>,
    auditLockMode: defaults.auditLockMode,
    auditRetentionDays: config.auditArchive.retentionDays ?? defaults.auditRetentionDays,
    artifactsTransferAcceleration: config.artifacts.transferAcceleration ?? defaults.artifactsTransferAcceleration,
    forceDestroy: defaults.forceDestroy,
  };
}
