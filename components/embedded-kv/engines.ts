/** Embedded LSM key-value engines Sparki's deployment agents run, each behind its Fiber storage adapter. */
export const KV_ENGINES = ["badger", "leveldb", "pebble"] as const;
export type KvEngine = (typeof KV_ENGINES)[number];

/** One maintenance setting the application passes to its Fiber adapter, with why. */
export interface MaintenanceSetting {
  /** The adapter's Config field (or the engine option), as the Go code names it. */
  readonly field: string;
  readonly value: string | number | boolean;
  readonly reason: string;
}

export interface EngineProfile {
  /** Fiber package (gofiber/storage/<name>). */
  readonly fiberPackage: string;
  /** Config field the data path goes into. */
  readonly pathField: string;
  /**
   * Volume size over live data the engine needs to reclaim space: compaction (and Badger's value-log GC) write the
   * new files before deleting the old ones, so a full rewrite of the largest unit needs free space beside it.
   */
  readonly headroomFactor: number;
  readonly headroomReason: string;
  readonly maintenance: readonly MaintenanceSetting[];
}

/**
 * What each engine needs of its volume and its adapter. Defaults and fields read from the adapters' source
 * (gofiber/storage badger/config.go and badger.go, leveldb/config.go, pebble/config.go) and the engines' docs.
 */
export const ENGINE_PROFILES: Readonly<Record<KvEngine, EngineProfile>> = {
  badger: {
    fiberPackage: "storage/badger",
    pathField: "Database",
    headroomFactor: 2.5,
    headroomReason: "value-log GC copies a log file's live entries into a new log before deleting it, and LSM compaction does the same for tables: "
      + "live data x2, plus a value-log file (1 GiB by default) in flight",
    maintenance: [
      { field: "GCInterval", value: "10s", reason: "the adapter's default: each tick runs one RunValueLogGC, which rewrites at most one log file, so a busy build cache needs frequent ticks to keep up" },
      { field: "discardRatio", value: 0.7, reason: "fixed by the adapter (RunValueLogGC(0.7)): a log file is rewritten once 70 % of it is garbage, so up to ~3x live data can sit in value logs between runs; the space amplification alarm watches it" },
      { field: "BadgerOptions.ValueLogFileSize", value: 268_435_456, reason: "256 MiB instead of Badger's 1 GiB: smaller log files are collected sooner and need less free space to rewrite on a small agent volume" },
    ],
  },
  leveldb: {
    fiberPackage: "storage/leveldb",
    pathField: "Path",
    headroomFactor: 2,
    headroomReason: "compaction writes the merged tables of the next level before deleting its inputs: live data x2 in the worst case",
    maintenance: [
      { field: "CompactionTableSize", value: 8, reason: "MB; the adapter's 2 MB makes one file per 2 MB of data: 8 MB tables mean a quarter of the files, inodes and open-file slots (MaxOpenFiles 500 would cover only 1 GB of hot 2 MB tables)" },
      { field: "CompactionL0Trigger", value: 4, reason: "the adapter's default: compaction starts at 4 level-0 tables, well before writes slow (8) or pause (12)" },
      { field: "GCInterval", value: "10m", reason: "the adapter's default sweep of expired keys; deleting them is what lets compaction reclaim their space" },
    ],
  },
  pebble: {
    fiberPackage: "storage/pebble",
    pathField: "Path",
    headroomFactor: 2,
    headroomReason: "compaction writes the output tables before deleting its inputs: live data x2 in the worst case",
    maintenance: [
      { field: "WriteOptions", value: "pebble.Sync", reason: "the adapter's default is &pebble.WriteOptions{} (no fsync): an agent crash loses the last writes; pass pebble.Sync, and always pass a Config (New() with none recurses forever in configDefault)" },
      { field: "compaction", value: "Pebble defaults", reason: "the adapter opens Pebble with its default Options and exposes none: L0 compaction at 4 files, writes stop at 12; the disk and space amplification alarms are the only control" },
    ],
  },
};
