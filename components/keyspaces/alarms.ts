import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { AlarmPair, type AlarmContext, type MetricKey, METRICS, platformThreshold, severityAlarms, type ThresholdSpec } from "../alerting";
import { derivedLatencyP95 } from "../matrix";
import { ADAPTER_OPERATIONS } from "./args";

/** The matrix's 10-50 ms for Cassandra as a derived p95 threshold (components/matrix DERIVED_LATENCY_RULE). */
export function keyspacesLatencyThreshold(): ThresholdSpec {
  const t = derivedLatencyP95("cassandra");
  return { warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source, percentile: "p95" };
}

/**
 * A Metrics Insights sum of one AWS/Cassandra count over the table, whatever other dimensions Keyspaces publishes
 * it with (Operation...): `FROM "AWS/Cassandra"` without SCHEMA matches every dimension set that has these labels.
 */
export function tableSumQuery(metric: MetricKey, keyspace: string, table: string): string {
  return `SELECT SUM(${METRICS[metric].metricName}) FROM "${METRICS[metric].namespace}" WHERE Keyspace = '${keyspace}' AND TableName = '${table}'`;
}

export interface KeyspacesAlarmArgs {
  readonly context: AlarmContext;
  readonly keyspace: string;
  readonly table: string;
  /** The table: alarms are created once it exists. */
  readonly watched: pulumi.Resource;
}

/**
 * p95 latency per CQL operation the adapter runs (derived from the matrix), read and write throttles and system
 * errors over the table (platform thresholds). All treat missing data as not breaching: a table without traffic
 * publishes nothing, and a fresh deploy has none.
 */
export function keyspacesAlarms(a: KeyspacesAlarmArgs, parent: pulumi.Resource): aws.cloudwatch.MetricAlarm[] {
  const latency = keyspacesLatencyThreshold();
  const pairs = ADAPTER_OPERATIONS.map((operation) => new AlarmPair({
    context: a.context,
    subject: `cassandra-${operation.toLowerCase()}`,
    metric: "keyspacesLatency",
    dimensions: { Keyspace: a.keyspace, TableName: a.table, Operation: operation },
    threshold: latency,
    watched: [a.watched],
  }, { parent }).alarms);
  const sum = (key: string, metric: MetricKey, threshold: ThresholdSpec) => severityAlarms({
    context: a.context,
    base: `${a.context.environment}-cassandra-${key}`,
    threshold,
    metricTag: metric,
    watched: [a.watched],
    measure: (severity, evaluation) => ({
      alarmDescription: `${severity}: ${METRICS[metric].metricName} > ${threshold[severity]} per ${evaluation.periodSeconds} s on ${a.keyspace}.${a.table}; source ${threshold.source}`,
      metricQueries: [{ id: "table", expression: tableSumQuery(metric, a.keyspace, a.table), period: evaluation.periodSeconds, returnData: true, label: key }],
      threshold: threshold[severity],
      treatMissingData: "notBreaching",
    }),
  }, parent).alarms;
  const throttles = platformThreshold("keyspacesThrottleEvents");
  const errors = platformThreshold("keyspacesSystemErrors");
  return [
    ...pairs,
    sum("read-throttle-events", "keyspacesReadThrottleEvents", throttles),
    sum("write-throttle-events", "keyspacesWriteThrottleEvents", throttles),
    sum("system-errors", "keyspacesSystemErrors", errors),
  ].flatMap((p) => [p.warning, p.critical]);
}
