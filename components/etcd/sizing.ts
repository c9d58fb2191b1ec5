// Pure sizing rules of the etcd cluster: member counts and the backend quota against the volume. Shared by the
// component's argument checks and the stack's config rules, so both refuse the same values with the same reason.

/**
 * Largest member count: "an etcd cluster probably should have no more than seven nodes" (etcd FAQ, "What is
 * maximum cluster size?", https://etcd.io/docs/v3.6/faq/#what-is-maximum-cluster-size, checked 2026-11-29):
 * every write goes to a majority, so more members make writes slower without adding capacity.
 */
export const MAX_MEMBERS = 7;

/**
 * Why an even count is refused: "An etcd cluster needs a majority of nodes, a quorum, to agree on updates" and
 * "adding an extra node to an odd sized cluster ... increases the chance of losing quorum" without raising the
 * failure tolerance (etcd FAQ, "Why an odd number of cluster members?",
 * https://etcd.io/docs/v3.6/faq/#why-an-odd-number-of-cluster-members, checked 2026-11-29).
 */
export function memberCountProblem(members: number): string | undefined {
  if (!Number.isInteger(members) || members < 1 || members > MAX_MEMBERS) {
    return `must be an integer 1..${MAX_MEMBERS} (the etcd FAQ: no more than seven members; every write waits for a majority)`;
  }
  if (members % 2 === 0) {
    return `must be odd (1, 3, 5 or 7): ${members} members tolerate no more failures than ${members - 1} and need a larger quorum (etcd FAQ, "Why an odd number of cluster members?")`;
  }
  return undefined;
}

/**
 * etcd's default backend quota, 2 GiB (`DefaultQuotaBytes = 2 * 1024 * 1024 * 1024`, server/storage/quota.go,
 * etcd v3.6.6, checked 2026-11-29).
 */
export const DEFAULT_QUOTA_GIB = 2;
/**
 * The largest backend quota: "8GB is a suggested maximum size for normal environments and etcd warns at startup
 * if the configured value exceeds it" (https://etcd.io/docs/v3.6/dev-guide/limit/#storage-size-limit;
 * `MaxQuotaBytes = 8 * 1024 * 1024 * 1024`, server/storage/quota.go, v3.6.6; both checked 2026-11-29).
 */
export const MAX_QUOTA_GIB = 8;
/**
 * Volume kept for the write-ahead log and raft snapshots besides the database: 5 WAL files of 64 MB are kept by
 * default (`--max-wals 5`, wal.SegmentSizeBytes), plus the snapshot files; 1 GiB covers both with room.
 */
export const WAL_RESERVE_GIB = 1;

/**
 * The largest quota a volume holds: defragmentation writes a compacted copy of the database beside the old one
 * before swapping them (backend.defrag, server/storage/backend/backend.go), and a follower that falls behind
 * receives a whole database snapshot (`*.snap.db`) next to its own; so the database may take at most half of
 * what the WAL leaves, and never more than etcd's documented maximum. GiB, rounded down.
 */
export function maxQuotaGiB(volumeSizeGiB: number): number {
  return Math.min(MAX_QUOTA_GIB, Math.floor((volumeSizeGiB - WAL_RESERVE_GIB) / 2));
}

/** Default quota for a volume: etcd's own default, or less where the volume cannot hold it. */
export function defaultQuotaGiB(volumeSizeGiB: number): number {
  return Math.min(DEFAULT_QUOTA_GIB, maxQuotaGiB(volumeSizeGiB));
}

/** Smallest volume: the WAL reserve plus twice a 1 GiB quota. */
export const MIN_VOLUME_GIB = WAL_RESERVE_GIB + 2;

export function quotaProblem(quotaGiB: number, volumeSizeGiB: number): string | undefined {
  if (!Number.isInteger(quotaGiB) || quotaGiB < 1 || quotaGiB > MAX_QUOTA_GIB) {
    return `must be an integer 1..${MAX_QUOTA_GIB} GiB (etcd: 8 GB is the suggested maximum and it warns at startup above it)`;
  }
  const most = maxQuotaGiB(volumeSizeGiB);
  if (quotaGiB > most) {
    return `must be at most ${most} GiB for a ${volumeSizeGiB} GiB volume (defragmentation needs a second copy of the database beside the first, plus ${WAL_RESERVE_GIB} GiB for the WAL and snapshots); lower it or raise volumeSizeGiB to at least ${2 * quotaGiB + WAL_RESERVE_GIB}`;
  }
  return undefined;
}

/**
 * Memory a member needs for its backend quota. Two parts of etcd's storage take physical memory: the in-memory
 * index of every key (a B-tree with a pointer per kept revision) and the page cache of the memory-mapped bbolt
 * database file, which holds the data etcd reads (etcd "Storage Memory Usage Benchmark",
 * https://etcd.io/docs/v3.6/benchmarks/etcd-storage-memory-benchmark/; "An etcd server will aggressively cache
 * key-value data and spends most of the rest of its memory tracking watchers", hardware guide,
 * https://etcd.io/docs/v3.6/op-guide/hardware/#memory; both checked 2026-11-29). Both grow with the database, which
 * may reach the quota, and a container's page cache counts toward its memory limit: a member sized for an empty
 * database is OOM-killed or thrashes on a full one. The floor here is a sizing choice, not an etcd limit: 512 MiB
 * for the process (raft log, watchers, connections) plus half the quota resident.
 */
export const MEMORY_BASE_MIB = 512;
export const MEMORY_MIB_PER_QUOTA_GIB = 512;

export function minMemoryMiB(quotaGiB: number): number {
  return MEMORY_BASE_MIB + MEMORY_MIB_PER_QUOTA_GIB * quotaGiB;
}

export function memoryProblem(memoryMiB: number, quotaGiB: number): string | undefined {
  const least = minMemoryMiB(quotaGiB);
  return memoryMiB < least
    ? `must be at least ${least} MiB for a ${quotaGiB} GiB backend quota (${MEMORY_BASE_MIB} MiB plus half the quota: etcd's key index and the page cache of its memory-mapped database grow with the database, etcd hardware guide "Memory"); raise memoryMiB or lower quotaBackendGiB`
    : undefined;
}

/**
 * History kept before automatic compaction: `--auto-compaction-mode=periodic --auto-compaction-retention=1h`
 * compacts away revisions older than an hour, so the keyspace's history (overwritten Fiber keys, expired leases)
 * does not grow the database toward the quota (https://etcd.io/docs/v3.6/op-guide/maintenance/#auto-compaction,
 * checked 2026-11-29). Compaction frees pages inside the file; only defragmentation gives them back.
 */
export const AUTO_COMPACTION = { mode: "periodic", retention: "1h" } as const;

/** Daily defragmentation, UTC, outside the default backup hour (03:17). */
export const DEFAULT_DEFRAG_SCHEDULE = "43 4 * * *";
