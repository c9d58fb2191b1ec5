import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { AlarmPair, type AlarmContext, type MetricKey, METRICS, platformThreshold, severityAlarms, type ThresholdSpec } from "../alerting";
import { derivedLatencyP95 } from "../matrix";
import { ADAPTER_OPERATIONS } from "./args";

/**
 * The matrix's 10-50 ms for Cassandra as the derived threshold (components/matrix DERIVED_LATENCY_RULE), applied to
 * the Average of SuccessfulRequestLatency, not to p95. No Keyspaces page we could read lists a percentile among the
 * metric's valid statistics, and CloudWatch computes percentiles only from raw values or statistic sets with
 * SampleCount 1 or Min = Max (CloudWatch API Reference, GetMetricStatistics): if AWS/Cassandra publishes statistic
 * sets, a p95 alarm is created without error and stays INSUFFICIENT_DATA, which `notBreaching` turns into never
 * firing. The average always exists (the Keyspaces CloudFormation dashboard graphs it with `"stat": "Average"`,
 * aws-samples/amazon-keyspaces-cloudwatch-cloudformation-templates), as DynamoDB's alarms use it. The levels stay the
 * p95-derived ones, so this approximates the matrix's intent: a slow minority of requests moves the average less than
 * the p95 (the alarm fires later for it), and rare extreme outliers move it more; the source tag keeps saying where the
 * figures come from. Switch back to p95 once `get-metric-statistics --extended-statistics p95` returns data.
 */
export function keyspacesLatencyThreshold(): ThresholdSpec {
  const t = derivedLatencyP95("cassandra");
  return { warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source };
}

/**
 * Capacity events of an on-demand table that are not Read/WriteThrottleEvents (Keyspaces Developer Guide,
 * "Troubleshooting capacity management errors in Amazon Keyspaces",
 * https://docs.aws.amazon.com/keyspaces/latest/devguide/troubleshooting.serverless.html): drivers see them as
 * ReadTimeout/WriteTimeout, so without these alarms throttling can go on with nothing firing.
 * - StoragePartitionThroughputCapacityExceeded: "Requests to an Amazon Keyspaces storage partition that exceed the
 *   throughput capacity of the partition" (1,000 WRU and 3,000 RRU per second per partition).
 * - PerConnectionRequestRateExceeded: "Requests to Amazon Keyspaces that exceed the quota for the per-connection
 *   request rate" (3,000 CQL requests per second per connection).
 * Namespace AWS/Cassandra (Developer Guide, "Configure connections for VPC endpoints": "the
 * PerConnectionRequestRateExceeded CloudWatch metric in the AWS/Cassandra namespace").
 *
 * Catalog rows keyspacesStoragePartitionThroughputCapacityExceeded and keyspacesPerConnectionRequestRateExceeded.
 * Dimensions: NOT VERIFIED. The per-metric dimensions of these two are on the "Amazon Keyspaces metrics and
 * dimensions" page, which we could not read in English (2026-11-29); no AWS text we read says whether they carry
 * Keyspace and TableName. So the alarms filter on no dimension: a Metrics Insights SUM over every series of the metric
 * in the account and region. They can fire for another keyspace's traffic in the same account and region (dev's for
 * prod's, and the reverse); they cannot miss this table's. To narrow them once the dimensions are confirmed
 * (`aws cloudwatch list-metrics --namespace AWS/Cassandra --metric-name PerConnectionRequestRateExceeded`), add the
 * `WHERE Keyspace = ... AND TableName = ...` clause {@link tableSumQuery} builds.
 */
export const CAPACITY_EVENT_METRICS = ["keyspacesStoragePartitionThroughputCapacityExceeded", "keyspacesPerConnectionRequestRateExceeded"] as const satisfies readonly MetricKey[];

/** A Metrics Insights sum of one AWS/Cassandra metric over every series of it in the account and region (no dimension assumed). */
export function accountSumQuery(metric: MetricKey): string {
  return `SELECT SUM(${METRICS[metric].metricName}) FROM "${METRICS[metric].namespace}"`;
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
 * Average latency per CQL operation the adapter runs (derived from the matrix), read and write throttles and system
 * errors over the table, storage-partition and per-connection throttling over the account and region (platform
 * throttle thresholds; see {@link CAPACITY_EVENT_METRICS} for why not per table). All treat missing data as not
 * breaching: a table without traffic publishes nothing, and a fresh deploy has none.
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
  const accountWide = (key: string, metric: (typeof CAPACITY_EVENT_METRICS)[number]) => {
    const threshold = throttles;
    return severityAlarms({
      context: a.context,
      base: `${a.context.environment}-cassandra-${key}`,
      threshold,
      metricTag: metric,
      watched: [a.watched],
      measure: (severity, evaluation) => ({
        alarmDescription: `${severity}: ${METRICS[metric].metricName} > ${threshold[severity]} per ${evaluation.periodSeconds} s over every AWS/Cassandra series in the account and region (its dimensions are not verified, so not narrowed to ${a.keyspace}.${a.table}); metric ${METRICS[metric].source}; source ${threshold.source}`,
        metricQueries: [{ id: "account", expression: accountSumQuery(metric), period: evaluation.periodSeconds, returnData: true, label: key }],
        threshold: threshold[severity],
        treatMissingData: "notBreaching",
      }),
    }, parent).alarms;
  };
  return [
    ...pairs,
    sum("read-throttle-events", "keyspacesReadThrottleEvents", throttles),
    sum("write-throttle-events", "keyspacesWriteThrottleEvents", throttles),
    sum("system-errors", "keyspacesSystemErrors", errors),
    accountWide("storage-partition-throughput-exceeded", "keyspacesStoragePartitionThroughputCapacityExceeded"),
    accountWide("per-connection-request-rate-exceeded", "keyspacesPerConnectionRequestRateExceeded"),
  ].flatMap((p) => [p.warning, p.critical]);
}
