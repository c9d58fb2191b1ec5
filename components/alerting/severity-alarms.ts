import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { MetricKey } from "./catalog";
import type { CompositeMembers } from "./composite-members";
import type { ThresholdSpec } from "./thresholds";
import type { Severity } from "./topics";

/** How long a condition must hold before an alarm fires. */
export interface EvaluationSettings {
  /** Length of one evaluation period, seconds (10, 30 or a multiple of 60). No default. */
  readonly periodSeconds: number;
  /** Periods looked at, count. No default. */
  readonly evaluationPeriods: number;
  /** Breaching periods among them that fire the alarm (M of N), count. No default. */
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
  /** Per-severity overrides of {@link DEFAULT_EVALUATION}, field by field. Default: none. */
  readonly evaluation?: Partial<Record<Severity, Partial<EvaluationSettings>>>;
  /**
   * Where critical alarms page through a composite alarm (components/alerting/composite-paging.ts): each critical
   * alarm joins it and notifies the warning topic instead of the critical one, so an incident pages once.
   * Default: none (critical alarms notify the critical topic themselves).
   */
  readonly composite?: CompositeMembers;
}

function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** `<env>-<subject>-<metric>`: unique per environment, says what fired. */
export function alarmBaseName(environment: string, subject: string, metric: MetricKey, percentile?: string): string {
  return `${environment}-${subject}-${kebab(metric)}${percentile ? `-${percentile}` : ""}`;
}

/** What the alarms of a pair measure, which differs per kind of pair; everything else is set by {@link severityAlarms}. */
export type AlarmMeasure = Omit<aws.cloudwatch.MetricAlarmArgs,
  "name" | "comparisonOperator" | "evaluationPeriods" | "datapointsToAlarm" | "actionsEnabled" | "alarmActions" | "okActions" | "tags">;

export interface SeverityAlarmsArgs {
  /** Where the alarms report and how they evaluate. No default. */
  readonly context: AlarmContext;
  /** Alarm name without the severity; the alarms are `<base>-warning` and `<base>-critical`. No default. */
  readonly base: string;
  /** Levels, direction and source; its `source` is tagged `ThresholdSource`. No default. */
  readonly threshold: ThresholdSpec;
  /** Value of the `Metric` tag: a catalog key, or `<numerator>/<denominator>` for a share. No default. */
  readonly metricTag: string;
  /** The measure of one severity's alarm, given that severity's evaluation settings. No default. */
  readonly measure: (severity: Severity, evaluation: EvaluationSettings) => AlarmMeasure;
  /** What publishes the metric: the alarms are created once it exists, never while it is still being created. Default: none. */
  readonly watched?: readonly pulumi.Resource[];
}

export interface SeverityAlarms {
  /** The alarm of each severity. */
  readonly alarms: Readonly<Record<Severity, aws.cloudwatch.MetricAlarm>>;
  /** Their names, `<base>-<severity>` (known at preview time). */
  readonly names: Readonly<Record<Severity, string>>;
}

/**
 * One alarm per severity: named `<base>-<severity>`, evaluated with the context's settings over the defaults,
 * notifying that severity's topic on alarm and on recovery (OK), tagged Severity / ThresholdSource / Metric.
 */
export function severityAlarms(args: SeverityAlarmsArgs, parent: pulumi.Resource): SeverityAlarms {
  const make = (severity: Severity) => {
    const evaluation = { ...DEFAULT_EVALUATION[severity], ...args.context.evaluation?.[severity] };
    const name = `${args.base}-${severity}`;
    const composite = severity === "critical" ? args.context.composite : undefined;
    const topic = args.context.topicArns[composite ? "warning" : severity];
    const alarm = new aws.cloudwatch.MetricAlarm(name, {
      name,
      ...args.measure(severity, evaluation),
      comparisonOperator: args.threshold.comparison === "above" ? "GreaterThanThreshold" : "LessThanThreshold",
      evaluationPeriods: evaluation.evaluationPeriods,
      datapointsToAlarm: evaluation.datapointsToAlarm,
      actionsEnabled: true,
      alarmActions: [topic],
      okActions: [topic],
      tags: { Severity: severity, ThresholdSource: args.threshold.source, Metric: args.metricTag, ...(composite ? { PagesThrough: composite.compositeName } : {}) },
    }, { parent, dependsOn: [...(args.watched ?? [])] });
    composite?.add({ name, alarm });
    return alarm;
  };
  return {
    alarms: { warning: make("warning"), critical: make("critical") },
    names: { warning: `${args.base}-warning`, critical: `${args.base}-critical` },
  };
}
