import type * as pulumi from "@pulumi/pulumi";
import { AlarmPair, type AlarmContext, type DashboardGraph, platformThreshold, RateAlarmPair } from "../alerting";

export interface RequestAlarmsArgs {
  /** Shared alarm settings of the environment. No default. */
  readonly context: AlarmContext;
  /** Alarm subject, e.g. `artifacts`. No default. */
  readonly subject: string;
  /** Bucket name (the BucketName dimension). No default. */
  readonly bucketName: string;
  /** FilterId of the bucket's request-metrics configuration. No default. */
  readonly filterId: string;
  /** The request-metrics configuration: the alarms wait for it. No default. */
  readonly metricsConfiguration: pulumi.Resource;
}

/**
 * Alarms on one bucket's request metrics: 5xx responses per period (a count: the Fiber adapter retries, a
 * burst is an outage) and 4xx responses as a share of all requests (a rate: absolute 4xx counts grow with
 * traffic, a share does not). Returns the bucket's dashboard graphs.
 */
export function requestAlarms(args: RequestAlarmsArgs, opts: pulumi.ComponentResourceOptions): DashboardGraph[] {
  const dimensions = { BucketName: args.bucketName, FilterId: args.filterId };
  const serverErrors = platformThreshold("s3ServerErrors");
  const watched = [args.metricsConfiguration];
  new AlarmPair({ context: args.context, subject: args.subject, metric: "s3ServerErrors", dimensions, threshold: serverErrors, watched }, opts);
  new RateAlarmPair({
    context: args.context, subject: args.subject, metric: "s3ClientErrors", of: "s3AllRequests", dimensions,
    threshold: platformThreshold("s3ClientErrorRatePercent"), watched,
  }, opts);
  return [
    { title: `${args.subject}: 5xx errors`, metric: "s3ServerErrors", dimensions, threshold: serverErrors },
    { title: `${args.subject}: 4xx errors`, metric: "s3ClientErrors", dimensions },
    { title: `${args.subject}: requests`, metric: "s3AllRequests", dimensions },
  ];
}
