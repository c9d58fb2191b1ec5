import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DimensionsOf, METRICS, type MetricKey } from "./catalog";
import { alarmBaseName, type AlarmContext, severityAlarms } from "./severity-alarms";
import type { ThresholdSpec } from "./thresholds";
import type { Severity } from "./topics";

/** Catalog metrics published under the same dimension keys as `K` (so one dimension map fits both). */
export type SameDimensionsAs<K extends MetricKey> = {
  [J in MetricKey]: (typeof METRICS)[J]["dimensions"] extends (typeof METRICS)[K]["dimensions"] ? J : never;
}[MetricKey];

export interface RateAlarmPairArgs<K extends MetricKey> {
  /** Shared alarm settings of the environment. No default. */
  readonly context: AlarmContext;
  /** What is watched, e.g. `artifacts`; second part of the alarm name. No default. */
  readonly subject: string;
  /** Catalog count metric that is the share's numerator, e.g. `s3ClientErrors`. No default. */
  readonly metric: K;
  /** Catalog count metric it is a share of, e.g. `s3AllRequests`. No default. */
  readonly of: SameDimensionsAs<K>;
  /** Values of the metrics' catalog dimensions (the same for both). No default. */
  readonly dimensions: DimensionsOf<K>;
  /** Levels in percent (the share, 0..100). No default. */
  readonly threshold: ThresholdSpec;
  /** The resources that publish both metrics: the alarms wait for them. Default: none. */
  readonly watched?: readonly pulumi.Resource[];
}

/** Metric-math expression of the share in percent. A period without errors counts as 0 %, one without requests has no value. */
export function rateExpression(numeratorId: string, denominatorId: string): string {
  return `100 * FILL(${numeratorId}, 0) / ${denominatorId}`;
}

/**
 * A warning and a critical alarm on the share one count metric is of another, per period, in percent
 * (e.g. 4xx responses as a share of all requests). Both counts are period sums; the threshold is compared
 * with the percentage as it is, so its unit must be percent.
 */
export class RateAlarmPair<K extends MetricKey> extends pulumi.ComponentResource {
  readonly alarms: Readonly<Record<Severity, aws.cloudwatch.MetricAlarm>>;
  readonly names: Readonly<Record<Severity, string>>;

  constructor(args: RateAlarmPairArgs<K>, opts?: pulumi.ComponentResourceOptions) {
    const numerator = METRICS[args.metric];
    const denominator = METRICS[args.of];
    if (args.threshold.unit !== "percent") {
      throw new Error(`rate alarm ${args.subject}: a share of ${denominator.metricName} is in percent; ${args.threshold.source} is in ${args.threshold.unit}`);
    }
    for (const m of [numerator, denominator]) {
      if (m.unit !== "count" || m.statistic !== "Sum") {
        throw new Error(`rate alarm ${args.subject}: ${m.metricName} must be a count summed per period (is ${m.unit}, ${m.statistic})`);
      }
    }
    if (numerator.namespace !== denominator.namespace || numerator.dimensions.join() !== denominator.dimensions.join()) {
      throw new Error(`rate alarm ${args.subject}: ${numerator.metricName} and ${denominator.metricName} must share namespace and dimensions`);
    }
    const base = `${alarmBaseName(args.context.environment, args.subject, args.metric)}-rate`;
    super("sparki:alerting:RateAlarmPair", base, {}, opts);

    const { alarms, names } = severityAlarms({
      context: args.context,
      base,
      threshold: args.threshold,
      metricTag: `${args.metric}/${args.of}`,
      watched: args.watched,
      measure: (severity, evaluation) => {
        const query = (id: string, metricName: string) => ({
          id,
          returnData: false,
          metric: { namespace: numerator.namespace, metricName, dimensions: { ...args.dimensions }, stat: "Sum", period: evaluation.periodSeconds },
        });
        const symbol = args.threshold.comparison === "above" ? ">" : "<";
        return {
          alarmDescription: `${severity}: ${numerator.metricName} / ${denominator.metricName} ${symbol} ${args.threshold[severity]} % on ${args.subject}; source ${args.threshold.source}`,
          metricQueries: [
            query("numerator", numerator.metricName),
            query("denominator", denominator.metricName),
            { id: "rate", expression: rateExpression("numerator", "denominator"), label: `${numerator.metricName} per ${denominator.metricName} (%)`, returnData: true },
          ],
          threshold: args.threshold[severity],
          // No requests, no rate: silence is healthy.
          treatMissingData: "notBreaching",
        };
      },
    }, this);
    this.alarms = alarms;
    this.names = names;
    this.registerOutputs({ warningAlarm: this.alarms.warning.arn, criticalAlarm: this.alarms.critical.arn });
  }
}
