import {
  ALERT_THRESHOLDS, type AlarmThresholdUnit, type AlertThresholdKey, derivedRelationalThreshold, type MatrixAdapterKey, PLATFORM_THRESHOLDS, type PlatformThresholdKey,
} from "../matrix";

/** Warning and critical levels of one alarm pair, in a stated unit, with where the numbers come from. */
export interface ThresholdSpec {
  /** Warning level, in `unit`. No default. */
  readonly warning: number;
  /** Critical level, in `unit`. No default. */
  readonly critical: number;
  /** Unit the levels are stated in (alarms convert once into the metric's unit). No default. */
  readonly unit: AlarmThresholdUnit;
  /** `above`: alarm when the metric exceeds the level; `below`: when it falls under it. No default. */
  readonly comparison: "above" | "below";
  /** `matrix:<key>` for the spec's numbers, `platform:<key>` for ours; tagged on every alarm. No default. */
  readonly source: string;
  /** The spec states a percentile (p95): alarms use extendedStatistic. Default: none (a plain statistic). */
  readonly percentile?: "p95";
}

/** A threshold from the spec's Alerting Thresholds table. */
export function matrixThreshold(key: AlertThresholdKey): ThresholdSpec {
  const t = ALERT_THRESHOLDS[key];
  return {
    warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: `matrix:${key}`,
    ...(t.statistic === "p95" ? { percentile: "p95" as const } : {}),
  };
}

/** A platform default from components/matrix PLATFORM_THRESHOLDS. */
export function platformThreshold(key: PlatformThresholdKey): ThresholdSpec {
  const t = PLATFORM_THRESHOLDS[key];
  return { warning: t.warning, critical: t.critical, unit: t.unit, comparison: t.comparison, source: `platform:${key}` };
}

/** A threshold for a relational engine the spec gives no figures for, by the matrix module's one rule. */
export function relationalThreshold(key: MatrixAdapterKey, figure: "latencyP95" | "connectionPoolUsage"): ThresholdSpec {
  const t = derivedRelationalThreshold(key, figure);
  return {
    warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source,
    ...(t.statistic === "p95" ? { percentile: "p95" as const } : {}),
  };
}
