/**
 * Parameters this component sets in its own `memcached1.6` group, each with ElastiCache's documented default and why
 * (ElastiCache for Memcached User Guide, "Memcached specific parameters", read 2026-11-29). Everything else stays at
 * the family default (`modern` features: slab rebalancing, LRU crawler, murmur3 hashing).
 */
export interface MemcachedParameterSettings {
  /**
   * `max_item_size`, bytes: 1 MiB (memcached's and ElastiCache's default) to 128 MiB, a multiple of 512 KiB
   * ({@link MAX_ITEM_SIZE_STEP}). Takes effect only when a node restarts (see {@link memcachedParameters}). No default.
   */
  readonly maxItemSizeBytes: number;
}

/** ElastiCache's allowed range of `max_item_size` (bytes): 1 MiB .. 128 MiB. */
export const MAX_ITEM_SIZE_RANGE = { min: 1_048_576, max: 134_217_728 } as const;

/**
 * `max_item_size` must be a multiple of this (bytes, 512 KiB): memcached exits at start with "-I (item_size_max: %d)
 * must be evenly divisible by slab_chunk_max" otherwise (memcached.c, main), and above 1 MiB it sets slab_chunk_max to
 * half the 1 MiB slab page, 524288, unless slab_chunk_max is set (this group leaves it at that default). Google
 * Memorystore documents the same memcached rule: "max-item-size must be evenly divisible by slab_chunk_max (524288
 * bytes)". Read 2026-11-29. (memcached also refuses an item size over half its memory; the 128 MiB cap stays under
 * that on every offered node type, the smallest having 0.5 GiB.)
 */
export const MAX_ITEM_SIZE_STEP = 524_288;

/**
 * The group's parameters, sorted by name:
 * - `error_on_memory_exhausted` 0 (the default, written down): a full node evicts least-recently-used items instead
 *   of refusing writes. This cluster is a cache; the Evictions alarm says when it is too small.
 * - `max_item_size` (default 1 MiB): the Fiber adapter stores whole values (sessions, rendered fragments) as one item.
 *   "Modifiable, changes take effect after restart" (the User Guide's parameter table): a changed value does nothing
 *   until each node is rebooted, and a reboot empties that node.
 * - `memcached_connections_overhead` 100 MB (the default, written down): memory held back for connection buffers
 *   out of the node's max memory. The swap alarm's remedy is raising it, so it is set here where it can be raised.
 */
export function memcachedParameters(s: MemcachedParameterSettings): { name: string; value: string }[] {
  return [
    { name: "error_on_memory_exhausted", value: "0" },
    { name: "max_item_size", value: String(s.maxItemSizeBytes) },
    { name: "memcached_connections_overhead", value: "100" },
  ];
}

/** `<clusterId>-memcached1-6`: a version family change creates a new group rather than modifying the one in use. */
export function memcachedParameterGroupName(clusterId: string, family: string): string {
  return `${clusterId}-${family.replace(/\./g, "-")}`;
}
