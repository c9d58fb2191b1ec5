/** Eviction policies Valkey and Redis OSS accept for `maxmemory-policy`. */
export const MAXMEMORY_POLICIES = [
  "volatile-lru", "volatile-lfu", "volatile-ttl", "volatile-random",
  "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction",
] as const;
export type MaxmemoryPolicy = (typeof MAXMEMORY_POLICIES)[number];

/**
 * Sparki's default eviction policy: evict least-recently-used keys among those WITH a TTL only.
 * Sessions, WebSocket sessions, rate-limit windows and the permission cache all carry TTLs and can be
 * recreated (re-login, a fresh window, a recomputed permission set), so they are what may go under memory
 * pressure. Pipeline/deployment status, in-flight build state and build-log streams may live without a TTL
 * while a build runs: silently evicting them would lose state, so with no evictable key left writes fail
 * (OOM) instead, which the memory (80/95 %) and eviction alarms page on well before.
 */
export const DEFAULT_MAXMEMORY_POLICY: MaxmemoryPolicy = "volatile-lru";

/** ElastiCache's own default share of memory held back for replication and snapshots (fork copy-on-write). */
export const DEFAULT_RESERVED_MEMORY_PERCENT = 25;

export interface CacheParameterSettings {
  /** Eviction policy (`maxmemory-policy`). No default. */
  readonly maxmemoryPolicy: MaxmemoryPolicy;
  /** `cluster-enabled`: must match the replication group's shape, or ElastiCache refuses the group. No default. */
  readonly clusterEnabled: boolean;
  /** Percent of node memory kept free for replication buffers and BGSAVE, 0-100 %. No default. */
  readonly reservedMemoryPercent: number;
}

/**
 * `<replicationGroupId>-<family>-cluster-on|off`. Family and cluster mode are part of the name so that a major
 * upgrade or a cluster-mode flip creates a new group (then switches the replication group to it) instead of
 * modifying `cluster-enabled` or the family of the group in use, which ElastiCache refuses.
 */
export function parameterGroupName(replicationGroupId: string, family: string, clusterMode: boolean): string {
  return `${replicationGroupId}-${family.replace(/\./g, "-")}-cluster-${clusterMode ? "on" : "off"}`;
}

/**
 * The parameter group's parameters, sorted by name. `notify-keyspace-events` stays at the engine default
 * (off): no Sparki workload subscribes to keyspace notifications, and publishing them costs engine CPU on
 * every write and expiry.
 */
export function cacheParameters(settings: CacheParameterSettings): { name: string; value: string }[] {
  return [
    { name: "cluster-enabled", value: settings.clusterEnabled ? "yes" : "no" },
    { name: "maxmemory-policy", value: settings.maxmemoryPolicy },
    { name: "reserved-memory-percent", value: String(settings.reservedMemoryPercent) },
  ];
}
