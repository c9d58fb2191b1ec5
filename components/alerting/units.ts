import type { AlarmThresholdUnit } from "../matrix";
import type { CloudWatchUnit } from "./catalog";

/** Size of one unit in its family's base (seconds for time, bytes for size); percent and count stand alone. */
const SCALE: Record<AlarmThresholdUnit | CloudWatchUnit, { family: string; factor: number }> = {
  seconds: { family: "time", factor: 1 },
  milliseconds: { family: "time", factor: 1e-3 },
  microseconds: { family: "time", factor: 1e-6 },
  bytes: { family: "size", factor: 1 },
  gibibytes: { family: "size", factor: 1024 ** 3 },
  percent: { family: "percent", factor: 1 },
  count: { family: "count", factor: 1 },
};

/**
 * Converts a threshold into the unit CloudWatch reports the metric in. Exact for the decimal values people
 * write (50 ms is 0.05 s, not 0.05000000000000001): the result is rounded to 12 significant digits.
 */
export function convertThreshold(value: number, from: AlarmThresholdUnit | CloudWatchUnit, to: CloudWatchUnit): number {
  const a = SCALE[from];
  const b = SCALE[to];
  if (a.family !== b.family) throw new Error(`cannot convert a threshold in ${from} to a metric in ${to}`);
  // Scale by the ratio of integer powers, dividing when the ratio is below one, so 50 ms -> 50 / 1000.
  const ratio = a.factor / b.factor;
  const raw = ratio >= 1 ? value * Math.round(ratio) : value / Math.round(1 / ratio);
  return Number(raw.toPrecision(12));
}
