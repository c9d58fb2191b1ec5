import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type AlarmContext, type MetricKey, platformThreshold, severityAlarms, type ThresholdSpec } from "../alerting";
import { derivedLatencyP95 } from "../matrix";
import type { KvEngine } from "./engines";
import { fleetQuery, KV_METRICS, KV_NAMESPACE } from "./metrics";

export interface KvAlarmArgs {
  readonly context: AlarmContext;
  /** `<env>-kv`: alarm names start with it. */
  readonly subject: string;
  readonly engine: KvEngine;
  readonly dataPath: string;
}

/** The matrix's 1-5 ms for Badger (its siblings have no figures and share the row's) as a derived p95 threshold. */
export function kvLatencyThreshold(): ThresholdSpec {
  const t = derivedLatencyP95("badger");
  return { warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source, percentile: "p95" };
}

/**
 * Alarms over every agent, including agents started after the deploy: disk use, free inodes and space
 * amplification are Metrics Insights queries grouped by instance (each agent a contributor); latency is the p95 of
 * one metric every agent publishes without an instance dimension. No agent yet means no data: not breaching.
 */
export function kvAlarms(a: KvAlarmArgs, parent: pulumi.Resource): aws.cloudwatch.MetricAlarm[] {
  const path = { path: a.dataPath };
  const queryAlarm = (key: string, metric: MetricKey, threshold: ThresholdSpec, query: string) => severityAlarms({
    context: a.context,
    base: `${a.context.environment}-${a.subject}-${key}`,
    threshold,
    metricTag: metric,
    measure: (severity, evaluation) => ({
      metricQueries: [{ id: "fleet", expression: query, period: evaluation.periodSeconds, returnData: true, label: key }],
      threshold: threshold[severity],
      treatMissingData: "notBreaching",
    }),
  }, parent);
  const disk = platformThreshold("kvDiskUsedPercent");
  const inodes = platformThreshold("kvInodesFree");
  const amplification = platformThreshold("kvSpaceAmplificationPercent");
  const latency = kvLatencyThreshold();
  const pairs = [
    queryAlarm("disk-used-percent", "kvDiskUsedPercent", disk, fleetQuery("MAX", KV_METRICS.diskUsedPercent.name, path)),
    queryAlarm("inodes-free", "kvInodesFree", inodes, fleetQuery("MIN", KV_METRICS.diskInodesFree.name, path)),
    queryAlarm("space-amplification-percent", "kvSpaceAmplificationPercent", amplification, fleetQuery("MAX", KV_METRICS.spaceAmplificationPercent.name, { Engine: a.engine })),
    severityAlarms({
      context: a.context,
      base: `${a.context.environment}-${a.subject}-operation-latency-p95`,
      threshold: latency,
      metricTag: "kvOperationLatency",
      measure: (severity, evaluation) => ({
        namespace: KV_NAMESPACE, metricName: KV_METRICS.operationLatency.name, dimensions: { Engine: a.engine },
        // No `unit`: an alarm with one sees only data published in exactly that unit, and stays silent otherwise.
        extendedStatistic: "p95", period: evaluation.periodSeconds,
        threshold: latency[severity], treatMissingData: "notBreaching",
      }),
    }, parent),
  ];
  return pairs.flatMap((p) => [p.alarms.warning, p.alarms.critical]);
}
