import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DimensionsOf, METRICS, type MetricKey } from "./catalog";
import type { ThresholdSpec } from "./thresholds";
import type { Severity } from "./topics";
import { convertThreshold } from "./units";

/** How long a condition must hold before an alarm fires. */
export interface EvaluationSettings {
  /** Length of one evaluation period, seconds (10, 30 or a multiple of 60). */
  readonly periodSeconds: number;
  /** Periods looked at. */
  readonly evaluationPeriods: number;
  /** Breaching periods among them that fire the alarm (M of N). */
  readonly datapointsToAlarm: number;
}

/** Warning waits longer (fewer false pages); critical reacts within minutes. */
export const DEFAULT_EVALUATION: Readonly<Record<Severity, EvaluationSettings>> = {
  warning: { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 },
  critical: { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 },
};

/** What every alarm of an environment shares: where it reports and how it evaluates. */
export interface AlarmContext {
  /** Environment (stack) name; first part of every alarm name. No default. */
  readonly environment: string;
  /** Topic ARNs per severity. No default. */
  readonly topicArns: Readonly<Record<Severity, pulumi.Input<string>>>;
  /** Per-severity overrides of {@link DEFAULT_EVALUATION}. Default: none. */
  readonly evaluation?: Partial<Record<Severity, Partial<EvaluationSettings>>>;
}

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
   * For a threshold in percent on a metric that is not a percentage: what 100 % is, in `unit`
   * (e.g. 80 % of a 100-connection pool). Default: none.
   */
  readonly percentOf?: { readonly value: number; readonly unit: ThresholdSpec["unit"] };
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

function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** `<env>-<subject>-<metric>`: unique per environment, says what fired. */
export function alarmBaseName(environment: string, subject: string, metric: MetricKey, percentile?: string): string {
  return `${environment}-${subject}-${kebab(metric)}${percentile ? `-${percentile}` : ""}`;
}

/**
 * A warning and a critical CloudWatch alarm on one catalog metric, from one threshold spec. Warning notifies
 * the warning topic, critical the critical topic, both also on recovery (OK).
 */
export class AlarmPair<K extends MetricKey> extends pulumi.ComponentResource {
  readonly alarms: Readonly<Record<Severity, aws.cloudwatch.MetricAlarm>>;
  readonly names: Readonly<Record<Severity, string>>;

  constructor(args: AlarmPairArgs<K>, opts?: pulumi.ComponentResourceOptions) {
    const definition = METRICS[args.metric];
    const percentile = args.threshold.percentile;
    if (percentile && !definition.percentiles) {
      throw new Error(`alarm ${args.subject}: ${definition.metricName} has no percentile statistics; ${args.threshold.source} asks for ${percentile}`);
    }
    const base = alarmBaseName(args.context.environment, args.subject, args.metric, percentile);
    super("sparki:alerting:AlarmPair", base, {}, opts);

    const make = (severity: Severity) => {
      const evaluation = { ...DEFAULT_EVALUATION[severity], ...args.context.evaluation?.[severity] };
      const level = alarmLevel(args.metric, args.threshold, severity, args.percentOf);
      const name = `${base}-${severity}`;
      const topic = args.context.topicArns[severity];
      return new aws.cloudwatch.MetricAlarm(name, {
        name,
        alarmDescription: `${severity}: ${definition.metricName} ${args.threshold.comparison === "above" ? ">" : "<"} ${args.threshold[severity]} ${args.percentOf ? `% of ${args.percentOf.value} ${args.percentOf.unit}` : args.threshold.unit} (${level} ${definition.unit}) on ${args.subject}; source ${args.threshold.source}`,
        namespace: definition.namespace,
        metricName: definition.metricName,
        dimensions: { ...args.dimensions },
        ...(percentile ? { extendedStatistic: percentile } : { statistic: definition.statistic }),
        comparisonOperator: args.threshold.comparison === "above" ? "GreaterThanThreshold" : "LessThanThreshold",
        threshold: level,
        period: evaluation.periodSeconds,
        evaluationPeriods: evaluation.evaluationPeriods,
        datapointsToAlarm: evaluation.datapointsToAlarm,
        treatMissingData: definition.missingData,
        actionsEnabled: true,
        alarmActions: [topic],
        okActions: [topic],
        tags: { Severity: severity, ThresholdSource: args.threshold.source, Metric: args.metric },
      }, { parent: this });
    };
    this.alarms = { warning: make("warning"), critical: make("critical") };
    this.names = { warning: `${base}-warning`, critical: `${base}-critical` };
    this.registerOutputs({ warningAlarm: this.alarms.warning.arn, criticalAlarm: this.alarms.critical.arn });
  }
}
