import { type MaxmemoryPolicy, REDIS_DEFAULTS, type RedisEngine } from "../../../components/redis";
import type { StackScope } from "../contract";
import type { RedisProfile } from "./profiles";
import type { REDIS_AUTH_MODES, RedisConfig } from "./schema";

/** What the stack deploys on ElastiCache: its config over the tier over the component's defaults. */
export interface RedisSettings {
  readonly enabled: boolean;
  readonly engine: RedisEngine;
  readonly engineVersion: string;
  readonly nodeType: string;
  readonly clusterMode: boolean;
  readonly shards: number;
  readonly replicasPerShard: number;
  readonly multiAz: boolean;
  readonly maxmemoryPolicy: MaxmemoryPolicy;
  readonly snapshotRetentionDays: number;
  readonly minSnapshotRetentionDays: number;
  /** UTC windows; they must not overlap. */
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
  readonly auth: (typeof REDIS_AUTH_MODES)[number];
  readonly authRequired: boolean;
  readonly finalSnapshot: boolean;
  readonly applyImmediately: boolean;
  readonly secretRecoveryWindowDays: number;
  /** Undefined: the CIDR of the VPC the stack creates (the deployment fills it in). */
  readonly allowedCidrs?: readonly string[];
  readonly allowedSecurityGroupIds: readonly string[];
}

export function redisSettings(c: RedisConfig, profile: RedisProfile, { env }: StackScope): RedisSettings {
  const d = REDIS_DEFAULTS;
  const clusterMode = c.clusterMode ?? profile.clusterMode ?? d.clusterMode;
  return {
    enabled: c.enabled ?? profile.enabled,
    engine: c.engine ?? d.engine,
    engineVersion: c.engineVersion ?? profile.engineVersion,
    nodeType: c.nodeType ?? profile.nodeType,
    clusterMode,
    // A stack that turns cluster mode off gets one shard, not the tier's sharded count.
    shards: c.shards ?? (clusterMode ? profile.shards ?? d.shards : 1),
    replicasPerShard: c.replicasPerShard ?? profile.replicasPerShard ?? d.replicasPerShard,
    multiAz: c.multiAz ?? env.profile.multiAz,
    maxmemoryPolicy: c.maxmemoryPolicy ?? d.maxmemoryPolicy,
    snapshotRetentionDays: c.snapshotRetentionDays ?? profile.snapshotRetentionDays ?? d.snapshotRetentionDays,
    minSnapshotRetentionDays: profile.minSnapshotRetentionDays,
    snapshotWindow: c.snapshotWindow ?? d.snapshotWindow,
    maintenanceWindow: c.maintenanceWindow ?? d.maintenanceWindow,
    auth: c.auth ?? d.authentication,
    authRequired: profile.authRequired,
    finalSnapshot: profile.finalSnapshot ?? d.finalSnapshot,
    applyImmediately: profile.applyImmediately ?? d.applyImmediately,
    secretRecoveryWindowDays: profile.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
    allowedCidrs: c.allowedCidrs,
    allowedSecurityGroupIds: c.allowedSecurityGroupIds ?? d.allowedSecurityGroupIds,
  };
}
