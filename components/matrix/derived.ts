import { adapter, type MatrixAdapterKey } from "./adapters";
import { ALERT_THRESHOLDS } from "./thresholds";

/**
 * The one rule for an adapter whose row gives a latency characteristic ("1-5ms") but no alert threshold: p95
 * warning at 2.5x the range's upper bound, critical at twice the warning. It is PostgreSQL's ratio in the spec's
 * Alerting Thresholds (5-20 ms, warning 50, critical 100), the more conservative of the two rows the spec gives
 * (Redis: <1 ms, warning 5 = 5x). Every threshold made by it is tagged `derived:`, never `matrix:`.
 */
const POSTGRES_UPPER_MS = adapter("postgres").latencyMs?.max ?? Number.NaN;

export const DERIVED_LATENCY_RULE = {
  warningOverUpperBound: ALERT_THRESHOLDS.postgresLatencyP95.warning / POSTGRES_UPPER_MS,
  criticalOverWarning: ALERT_THRESHOLDS.postgresLatencyP95.critical / ALERT_THRESHOLDS.postgresLatencyP95.warning,
} as const;

export interface DerivedLatencyThreshold {
  readonly warning: number;
  readonly critical: number;
  readonly unit: "milliseconds";
  readonly statistic: "p95";
  /** `derived:<key>LatencyP95`. */
  readonly source: string;
  /** The row's range the levels come from, as the spec writes it. */
  readonly basis: string;
}

/** p95 latency levels for an adapter row by {@link DERIVED_LATENCY_RULE}; throws for a row without a latency range. */
export function derivedLatencyP95(key: MatrixAdapterKey): DerivedLatencyThreshold {
  const range = adapter(key).latencyMs;
  if (range?.max === undefined) throw new Error(`matrix row "${key}" has no bounded latency range to derive a threshold from`);
  const warning = range.max * DERIVED_LATENCY_RULE.warningOverUpperBound;
  return {
    warning, critical: warning * DERIVED_LATENCY_RULE.criticalOverWarning, unit: "milliseconds", statistic: "p95",
    source: `derived:${key}LatencyP95`, basis: `${range.min}-${range.max} ms`,
  };
}

/**
 * The one rule for a supported row of a measured row's kind that gives no figures of its own (Azure Blob: "Object
 * Storage | Multi-cloud option"): it serves the same objects as the measured row of its kind (S3, 50-200 ms), so it
 * takes that row's latency levels by {@link derivedLatencyP95}, tagged `derived:<key>LatencyP95` for itself. Throws
 * when the rows' kinds differ or the row has a latency range of its own.
 */
export function derivedLatencyP95FromKind(key: MatrixAdapterKey, measured: MatrixAdapterKey): DerivedLatencyThreshold {
  const row = adapter(key);
  const basis = adapter(measured);
  if (row.kind !== basis.kind) throw new Error(`matrix row "${key}" is ${row.kind}, "${measured}" is ${basis.kind}: the kind rule does not apply`);
  if (row.latencyMs !== undefined) throw new Error(`matrix row "${key}" has a latency range of its own`);
  const levels = derivedLatencyP95(measured);
  return { ...levels, source: `derived:${key}LatencyP95`, basis: `matrix:${measured} ${levels.basis}` };
}

/** The spec's relational figures a relational row without figures of its own inherits (by {@link derivedRelationalThreshold}). */
export const RELATIONAL_FIGURES = {
  latencyP95: "postgresLatencyP95",
  connectionPoolUsage: "postgresConnectionPoolUsage",
} as const satisfies Record<string, keyof typeof ALERT_THRESHOLDS>;

export interface DerivedRelationalThreshold {
  readonly warning: number;
  readonly critical: number;
  readonly unit: "milliseconds" | "percent";
  readonly statistic: "p95" | "current";
  /** `derived:<key>LatencyP95` or `derived:<key>ConnectionPoolUsage`. */
  readonly source: string;
  /** The spec's threshold the levels come from, e.g. `matrix:postgresLatencyP95`. */
  readonly basis: string;
}

/**
 * The one rule for a relational row the spec lists without figures (MySQL "PostgreSQL preferred for performance",
 * MSSQL "Enterprise option if required"): it serves the same data behind the same pool, so it takes the spec's
 * only relational figures, PostgreSQL's alerting thresholds, unchanged. Every threshold made by it is tagged
 * `derived:`, never `matrix:`. Throws for a row that is not relational or that has figures of its own.
 */
export function derivedRelationalThreshold(key: MatrixAdapterKey, figure: keyof typeof RELATIONAL_FIGURES): DerivedRelationalThreshold {
  const row = adapter(key);
  // The spec writes the kind "Relational DB" for PostgreSQL and "Relational" for the supported rows.
  if (!row.kind.startsWith("Relational")) throw new Error(`matrix row "${key}" is ${row.kind}, not relational: the relational rule does not apply`);
  if (Object.values(ALERT_THRESHOLDS).some((t) => t.adapter === key)) throw new Error(`matrix row "${key}" has thresholds of its own`);
  const basis = ALERT_THRESHOLDS[RELATIONAL_FIGURES[figure]];
  const suffix = figure === "latencyP95" ? "LatencyP95" : "ConnectionPoolUsage";
  return {
    warning: basis.warning, critical: basis.critical, unit: basis.unit, statistic: basis.statistic,
    source: `derived:${key}${suffix}`, basis: `matrix:${basis.key}`,
  };
}
