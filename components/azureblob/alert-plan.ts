import { derivedLatencyP95FromKind } from "../matrix/derived";
import { PLATFORM_THRESHOLDS } from "../matrix/thresholds";
import type { Severity } from "../alerting/topics";
import type { AlertEvaluation } from "./args";
import { ALERT_FREQUENCIES, ALERT_WINDOWS, DURATION_MINUTES, LONG_WINDOW_MIN_FREQUENCY_MINUTES, LONG_WINDOW_MINUTES } from "./rules";

/**
 * The Azure Monitor metric alert rules on the storage account, as data: which metric, aggregation, operator and
 * level per severity. Metrics of Microsoft.Storage/storageAccounts (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-storage-storageaccounts-metrics,
 * checked 2026-11-29): `Availability` in percent and `SuccessServerLatency` in milliseconds, both with the
 * aggregations Average, Minimum and Maximum only (no percentiles).
 */
export const ACCOUNT_METRIC_NAMESPACE = "Microsoft.Storage/storageAccounts";

/** Azure Monitor severities: 0 critical .. 4 verbose; warning is 2. */
export const AZURE_SEVERITY: Readonly<Record<Severity, number>> = { critical: 0, warning: 2 };

export interface PlannedAlert {
  /** `availability` or `server-latency`. */
  readonly subject: string;
  readonly severity: Severity;
  readonly metricName: string;
  readonly timeAggregation: "Average";
  readonly operator: "LessThan" | "GreaterThan";
  /** In the metric's own unit (percent, milliseconds). */
  readonly threshold: number;
  readonly windowSize: string;
  readonly evaluationFrequency: string;
  /** `platform:<key>` or `derived:<key>`: where the level comes from. */
  readonly source: string;
  readonly description: string;
}

/**
 * The window and frequency nearest to the stack's evaluation: the window is the shortest allowed one covering
 * periodSeconds x evaluationPeriods, the frequency the longest allowed one not above the period (and never above
 * the window, and at least PT5M for a window longer than four hours, which Azure refuses otherwise). Azure evaluates the
 * aggregation over the whole window, so there is no M-of-N (datapointsToAlarm).
 */
export function azureEvaluation(e: AlertEvaluation): { windowSize: string; evaluationFrequency: string } {
  const minutes = (e.periodSeconds * e.evaluationPeriods) / 60;
  const window = ALERT_WINDOWS.find((w) => DURATION_MINUTES[w] >= minutes) ?? "PT24H";
  const periodMinutes = Math.max(1, e.periodSeconds / 60);
  const longWindow = DURATION_MINUTES[window] > LONG_WINDOW_MINUTES;
  const allowed = ALERT_FREQUENCIES.filter((f) => DURATION_MINUTES[f] <= DURATION_MINUTES[window] && !(longWindow && DURATION_MINUTES[f] < LONG_WINDOW_MIN_FREQUENCY_MINUTES));
  const fitting = allowed.filter((f) => DURATION_MINUTES[f] <= periodMinutes);
  return { windowSize: window, evaluationFrequency: fitting[fitting.length - 1] ?? allowed[0] };
}

/** Availability below the SLA (platform threshold) and server latency above the S3 row's derived p95 levels. */
export function plannedAlerts(evaluation: Readonly<Record<Severity, AlertEvaluation>>): PlannedAlert[] {
  const availability = PLATFORM_THRESHOLDS.azureBlobAvailabilityPercent;
  // The matrix's object-storage figure (S3, 50-200 ms) by the derived rule; Azure offers no p95 of this metric, so
  // the alert watches the average, which lies below the p95: it fires later than a p95 alert would, never earlier.
  const latency = derivedLatencyP95FromKind("azureblob", "s3");
  return (["warning", "critical"] as const).flatMap((severity): PlannedAlert[] => {
    const window = azureEvaluation(evaluation[severity]);
    return [
      {
        subject: "availability", severity, metricName: "Availability", timeAggregation: "Average", operator: "LessThan",
        threshold: availability[severity], ...window, source: "platform:azureBlobAvailabilityPercent",
        description: `Availability of the Fiber storage account below ${availability[severity]} % (${severity}; Azure Storage SLA 99.9 %)`,
      },
      {
        subject: "server-latency", severity, metricName: "SuccessServerLatency", timeAggregation: "Average", operator: "GreaterThan",
        threshold: latency[severity], ...window, source: latency.source,
        description: `Average server latency of successful requests above ${latency[severity]} ms (${severity}; derived from the matrix's object-storage ${latency.basis})`,
      },
    ];
  });
}
