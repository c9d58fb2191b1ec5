import { CLIENT_CIDR_RULE } from "../../components/common/cidr";
import { DAILY_WINDOW, WEEKLY_WINDOW } from "../../components/common/windows";
import { REDIS_ENGINES, type RedisEngine } from "../../components/redis/engines";
import { MAXMEMORY_POLICIES, type MaxmemoryPolicy } from "../../components/redis/parameters";
import { PROFILES } from "../profiles";
import { flag, intRange, list, matching, oneOf, privateCidr, section } from "./rules";
import type { ProjectConfig } from "./schema";

export const REDIS_AUTH_MODES = ["rbac", "none"] as const;

/** `sparki-storage:redis`: every field optional; what is absent comes from the profile (stacks/profiles.ts). */
export const redisSchema = section({
  enabled: flag().optional(),
  engine: oneOf(REDIS_ENGINES).optional(),
  engineVersion: matching(/^\d+\.\d+$/, 'a quoted major.minor engine version such as "8.1"').optional(),
  nodeType: matching(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "a node type such as cache.r7g.large").optional(),
  clusterMode: flag().optional(),
  shards: intRange(1, 500).optional(),
  replicasPerShard: intRange(0, 5).optional(),
  multiAz: flag().optional(),
  maxmemoryPolicy: oneOf(MAXMEMORY_POLICIES).optional(),
  snapshotRetentionDays: intRange(1, 35).optional(),
  snapshotWindow: matching(DAILY_WINDOW, "a daily UTC window such as 03:00-04:00").optional(),
  maintenanceWindow: matching(WEEKLY_WINDOW, "a weekly UTC window such as sun:05:00-sun:06:00").optional(),
  auth: oneOf(REDIS_AUTH_MODES).optional(),
  allowedCidrs: list(privateCidr(CLIENT_CIDR_RULE)).optional(),
  allowedSecurityGroupIds: list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90")).optional(),
});

export type RedisConfig = ReturnType<typeof redisSchema.parse>;

/** What a profile means for the cache before config overrides it. */
export interface RedisProfile {
  /** Deploy the cache at all. */
  readonly enabled: boolean;
  readonly engine: RedisEngine;
  /** `major.minor`. */
  readonly engineVersion: string;
  readonly nodeType: string;
  readonly clusterMode: boolean;
  /** Node groups when cluster mode is on (without it, always 1). */
  readonly shards: number;
  readonly replicasPerShard: number;
  readonly maxmemoryPolicy: MaxmemoryPolicy;
  /** Days of automatic snapshots, and the least a stack of this profile may configure. */
  readonly snapshotRetentionDays: number;
  readonly minSnapshotRetentionDays: number;
  /** UTC windows; they must not overlap. */
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
  readonly auth: (typeof REDIS_AUTH_MODES)[number];
  /** Config may not turn authentication off. */
  readonly authRequired: boolean;
  /** Final snapshot when the group is deleted. */
  readonly finalSnapshot: boolean;
  /** Apply changes at once (true) or in the maintenance window. */
  readonly applyImmediately: boolean;
  /** Days a deleted credentials secret stays recoverable (0 or 7-30). */
  readonly secretRecoveryWindowDays: number;
}

/** The cache's settings for one stack: config where given, the profile otherwise. */
export interface RedisSettings extends RedisProfile {
  readonly multiAz: boolean;
  readonly allowedCidrs?: readonly string[];
  readonly allowedSecurityGroupIds?: readonly string[];
}

export function redisSettings(project: ProjectConfig): RedisSettings {
  const profile = PROFILES[project.profile];
  const defaults = profile.redis;
  const c = project.redis;
  const clusterMode = c.clusterMode ?? defaults.clusterMode;
  return {
    enabled: c.enabled ?? defaults.enabled,
    engine: c.engine ?? defaults.engine,
    engineVersion: c.engineVersion ?? defaults.engineVersion,
    nodeType: c.nodeType ?? defaults.nodeType,
    clusterMode,
    // A stack that turns cluster mode off gets one shard, not the profile's sharded count.
    shards: c.shards ?? (clusterMode ? defaults.shards : 1),
    replicasPerShard: c.replicasPerShard ?? defaults.replicasPerShard,
    multiAz: c.multiAz ?? profile.multiAz,
    maxmemoryPolicy: c.maxmemoryPolicy ?? defaults.maxmemoryPolicy,
    snapshotRetentionDays: c.snapshotRetentionDays ?? defaults.snapshotRetentionDays,
    minSnapshotRetentionDays: defaults.minSnapshotRetentionDays,
    snapshotWindow: c.snapshotWindow ?? defaults.snapshotWindow,
    maintenanceWindow: c.maintenanceWindow ?? defaults.maintenanceWindow,
    auth: c.auth ?? defaults.auth,
    authRequired: defaults.authRequired,
    finalSnapshot: defaults.finalSnapshot,
    applyImmediately: defaults.applyImmediately,
    secretRecoveryWindowDays: defaults.secretRecoveryWindowDays,
    allowedCidrs: c.allowedCidrs,
    allowedSecurityGroupIds: c.allowedSecurityGroupIds,
  };
}
