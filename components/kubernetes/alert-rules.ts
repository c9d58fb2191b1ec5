import type * as k8s from "@pulumi/kubernetes";
import { platformThreshold, type ThresholdSpec } from "../alerting";

/** One prometheus-operator alerting rule (https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Rule). */
export interface AlertRule {
  readonly alert: string;
  /** PromQL; fires while it returns series. */
  readonly expr: string;
  /** How long the expression must hold, e.g. `5m`. */
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** `for` of each severity: the CloudWatch alarms' evaluation (15 min warning, 5 min critical). */
export const SEVERITY_FOR = { warning: "15m", critical: "5m" } as const;

/**
 * One warning and one critical rule from a threshold of the matrix module; `expression(level)` is the PromQL
 * with the comparison against the level, in the threshold's own unit. `threshold_source` carries `matrix:`,
 * `derived:` or `platform:` as the CloudWatch alarms' ThresholdSource tag does.
 */
export function severityRules(alert: string, expression: (level: number) => string, t: ThresholdSpec, summary: string): AlertRule[] {
  return (["warning", "critical"] as const).map((severity) => ({
    alert: `${alert}${severity === "warning" ? "Warning" : "Critical"}`,
    expr: expression(t[severity]),
    for: SEVERITY_FOR[severity],
    labels: { severity, threshold_source: t.source },
    annotations: { summary: `${summary} (${severity} level ${t[severity]} ${t.unit})` },
  }));
}

/**
 * Volumes filling: used over capacity of the claims `selector` picks (kubelet_volume_stats_*, which the kubelet
 * publishes per PersistentVolumeClaim), against the platform's `k8sVolumeUsedPercent`.
 */
export function volumeUsedRules(alert: string, selector: string, summary: string): AlertRule[] {
  return severityRules(alert, (percent) => `100 * kubelet_volume_stats_used_bytes{${selector}} / kubelet_volume_stats_capacity_bytes{${selector}} > ${percent}`,
    platformThreshold("k8sVolumeUsedPercent"), summary);
}

/**
 * Backups that stopped succeeding: time since the CronJob's last success (kube-state-metrics), or, until the first
 * one, since its creation, so that a fresh CronJob does not page and one that never succeeds does; in schedule
 * intervals, against the platform's `k8sBackupMissedRuns` unless told otherwise.
 */
export function backupMissedRules(alert: string, cronJobSelector: string, intervalSeconds: number, summary: string, missedRuns: ThresholdSpec = platformThreshold("k8sBackupMissedRuns")): AlertRule[] {
  const s = cronJobSelector;
  return severityRules(alert,
    (runs) => `(time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${s}} or kube_cronjob_created{${s}})) > ${runs * intervalSeconds}`,
    missedRuns, summary);
}

/** A rule with no level (a state that is wrong in itself: no leader, a failed member), at one severity. */
export function stateRule(alert: string, expr: string, severity: "warning" | "critical", forDuration: string, summary: string): AlertRule {
  return { alert, expr, for: forDuration, labels: { severity, threshold_source: "state" }, annotations: { summary } };
}

export interface PrometheusRuleInput {
  /** Object name. No default. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * kube-prometheus-stack release: the object gets `release: <name>`, which that chart's Prometheus selects rule
   * objects by unless told otherwise. Default: none.
   */
  readonly prometheusRelease?: string;
  /** Rule group name (unique within the object). No default. */
  readonly group: string;
  readonly rules: readonly AlertRule[];
}

/** A prometheus-operator `PrometheusRule`: CloudWatch does not see workloads on Kubernetes, the cluster's Prometheus does. */
export function prometheusRule(input: PrometheusRuleInput): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: {
      name: input.name, namespace: input.namespace,
      labels: { ...input.labels, ...(input.prometheusRelease ? { release: input.prometheusRelease } : {}) },
    },
    spec: { groups: [{ name: input.group, rules: input.rules.map((r) => ({ ...r })) }] },
  };
}
