/** Where an adapter sits in the matrix: the spec's three tables. */
export type AdapterTier = "primary" | "secondary" | "supported";

/** Matrix priority: P0 runs production today; P3 is the furthest out. */
export type Priority = "P0" | "P1" | "P2" | "P3";

/** A closed range in the unit its field name carries; `max` absent means "or more" / unbounded. */
export interface Range {
  readonly min: number;
  readonly max?: number;
}

export interface AdapterRow {
  /** Stable key, used by components and tests. */
  readonly key: string;
  /** Name as the spec prints it. */
  readonly name: string;
  readonly tier: AdapterTier;
  /** "Type" column of the spec, e.g. "Relational DB". */
  readonly kind: string;
  /** Typical request latency, milliseconds. Absent for supported-but-not-primary rows (the spec gives none). */
  readonly latencyMs?: Range;
  /** Throughput in operations per second; `unlimited` for object stores. */
  readonly throughputOpsPerSecond?: Range | "unlimited";
  /** Durability as a percentage (99.99 means 99.99 %). Only the primary table states it. */
  readonly durabilityPercent?: number;
  /** "Use case" column, verbatim meaning (for the supported table, its rationale). */
  readonly useCases: string;
  /** Priority; absent for supported-but-not-primary rows, which the spec does not rank. */
  readonly priority?: Priority;
  /** Fiber storage adapter package(s), e.g. `storage/postgres`. */
  readonly fiberPackages: readonly string[];
}

/** Units a matrix threshold can be expressed in. */
export type ThresholdUnit = "milliseconds" | "percent";

export interface AlertThreshold {
  /** Stable key: what components and alarms refer to. */
  readonly key: "postgresLatencyP95" | "redisLatencyP95" | "redisMemoryUsage" | "postgresConnectionPoolUsage";
  /** Metric as the spec names it. */
  readonly metric: string;
  /** Adapter key (see {@link AdapterRow.key}). */
  readonly adapter: "postgres" | "redis";
  readonly unit: ThresholdUnit;
  /** Warning level, in {@link unit}. */
  readonly warning: number;
  /** Critical level, in {@link unit}. */
  readonly critical: number;
  /** Statistic the spec means: p95 for latency, the current value for utilisation. */
  readonly statistic: "p95" | "current";
}
