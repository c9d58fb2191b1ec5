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
