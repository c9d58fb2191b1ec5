import type { ProfileName } from "../../config/schema";

/**
 * What a tier means for the cache before config overrides it. An absent optional field takes the RedisCache
 * component's default (REDIS_DEFAULTS); the engine, eviction policy, windows and RBAC are the component's in every tier.
 */
export interface RedisProfile {
  /** Deploy the cache at all. */
  readonly enabled: boolean;
  /** `major.minor` (the component has no default). */
  readonly engineVersion: string;
  /** The component has no default. */
  readonly nodeType: string;
  readonly clusterMode?: boolean;
  /** Node groups when cluster mode is on (without it, always 1). */
  readonly shards?: number;
  readonly replicasPerShard?: number;
  readonly snapshotRetentionDays?: number;
  /** The least snapshot retention config may set for this tier, days. */
  readonly minSnapshotRetentionDays: number;
  /** Config may not turn authentication off. */
  readonly authRequired: boolean;
  /** Final snapshot when the group is deleted. */
  readonly finalSnapshot?: boolean;
  /** Apply changes at once (true) or in the maintenance window. */
  readonly applyImmediately?: boolean;
  /** Days a deleted credentials secret stays recoverable (0 or 7-30). */
  readonly secretRecoveryWindowDays?: number;
}

export const REDIS_PROFILES: Readonly<Record<ProfileName, RedisProfile>> = {
  // One burstable node, no replica: sessions and caches are disposable in dev.
  dev: {
    enabled: true, engineVersion: "8.1", nodeType: "cache.t4g.micro",
    minSnapshotRetentionDays: 1, authRequired: false, applyImmediately: true, secretRecoveryWindowDays: 7,
  },
  // Memory-optimised Graviton nodes, sharded (cluster mode) for horizontal scaling, a replica per shard in
  // another AZ; changes wait for the maintenance window.
  prod: {
    enabled: true, engineVersion: "8.1", nodeType: "cache.r7g.large", clusterMode: true, shards: 2, replicasPerShard: 1,
    snapshotRetentionDays: 7, minSnapshotRetentionDays: 7, authRequired: true, finalSnapshot: true,
  },
};
