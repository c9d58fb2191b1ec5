import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DimensionsOf, METRICS, type MetricDefinition, type MetricKey } from "./catalog";
import { alarmBaseName, type AlarmContext, severityAlarms } from "./severity-alarms";
import type { ThresholdSpec } from "./thresholds";
import type { Severity } from "./topics";
import { convertThreshold } from "./units";

export interface AlarmPairArgs<K extends MetricKey> {
  /** Shared alarm settings of the environment. No default. */
  readonly context: AlarmContext;
  /** What is watched, e.g. `postgres-primary`, `redis-0001-002`; second part of the alarm name. No default. */
  readonly subject: string;
  /** Catalog metric. No default. */
  readonly metric: K;
  /** Values of the metric's catalog dimensions. No default. */
  readonly dimensions: DimensionsOf<K>;
  /** Levels, unit and source. No default. */
  readonly threshold: ThresholdSpec;
  /**
   * For a threshold in percent on a metric that is not a percentage: what 100 % is, `value` in `unit`
   * (e.g. 80 % of a 100-connection pool: `{ value: 100, unit: "count" }`). Default: none.
   */
  readonly percentOf?: { readonly value: number; readonly unit: ThresholdSpec["unit"] };
  /**
   * The resources that publish the metric (the DB instance, the replication group...): the alarms wait for them,
   * so a resource that takes half an hour to create is never judged before it exists. Default: none.
   */
  readonly watched?: readonly pulumi.Resource[];
}

/** The numeric level an alarm compares with, in the metric's own unit: the one place units are converted. */
export function alarmLevel(metric: MetricKey, threshold: ThresholdSpec, severity: Severity, percentOf?: AlarmPairArgs<MetricKey>["percentOf"]): number {
  const level = threshold[severity];
  const unit = METRICS[metric].unit;
  if (percentOf && threshold.unit === "percent") {
    return convertThreshold((level * percentOf.value) / 100, percentOf.unit, unit);
  }
  return convertThreshold(level, threshold.unit, unit);
}

/**
 * A warning and a critical CloudWatch alarm on one catalog metric, from one threshold spec. Warning notifies
 * the warning topic, critical the critical topic, both also on recovery (OK).
 */
export class AlarmPair<K extends MetricKey> extends pulumi.ComponentResource {
  readonly alarms: Readonly<Record<Severity, aws.cloudwatch.MetricAlarm>>;
  readonly names: Readonly<Record<Severity, string>>;

  constructor(args: AlarmPairArgs<K>, opts?: pulumi.ComponentResourceOptions) {
    const definition: MetricDefinition = METRICS[args.metric];
    const percentile = args.threshold.percentile;
    if (percentile && !definition.percentiles) {
      throw new Error(`alarm ${args.subject}: ${definition.metricName} has no percentile statistics; ${args.threshold.source} asks for ${percentile}`);
    }
    const base = alarmBaseName(args.context.environment, args.subject, args.metric, percentile);
    super("sparki:alerting:AlarmPair", base, {}, opts);

    const { alarms, names } = severityAlarms({
      context: args.context,
      base,
      threshold: args.threshold,
      metricTag: args.metric,
      watched: args.watched,
      measure: (severity, evaluation) => {
        const level = alarmLevel(args.metric, args.threshold, severity, args.percentOf);
        return {
          alarmDescription: `${severity}: ${definition.metricName} ${args.threshold.comparison === "above" ? ">" : "<"} ${args.threshold[severity]} ${args.percentOf ? `% of ${args.percentOf.value} ${args.percentOf.unit}` : args.threshold.unit} (${level} ${definition.unit}) on ${args.subject}; source ${args.threshold.source}`,
          namespace: definition.namespace,
          metricName: definition.metricName,
          dimensions: { ...args.dimensions },
          ...(percentile ? { extendedStatistic: percentile } : { statistic: definition.statistic }),
          threshold: level,
          period: Math.max(evaluation.periodSeconds, definition.minimumPeriodSeconds ?? 0),
          treatMissingData: definition.missingData,
        };
      },
    }, this);
    this.alarms = alarms;
    this.names = names;
    this.registerOutputs({ warningAlarm: this.alarms.warning.arn, criticalAlarm: this.alarms.critical.arn });
  }
}
