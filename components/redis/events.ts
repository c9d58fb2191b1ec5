import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type AlarmContext, AlarmPair, platformThreshold } from "../alerting";

/**
 * ElastiCache service events worth a warning: failures, deletions, changes and limits. Routine successes (Cache
 * Created, Snapshot Created: one a day) are left out. Names from
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-elasticache.html
 */
export const CACHE_EVENT_TYPES = [
  "Cache Creation Failed", "Cache Deleted", "Cache Update Failed", "Cache Updated", "Cache Limit Approaching",
  "Snapshot Creation Failed", "Snapshot Export Failed", "Snapshot Copy Failed",
] as const;

/**
 * The rule's event pattern. Not narrowed to one replication group: AWS documents neither the detail fields of
 * these events nor that `resources` names the cache, and a filter on a field an event lacks drops the event
 * silently. Other caches of the same account and region are therefore reported too.
 */
export function cacheEventPattern(): { source: string[]; "detail-type": string[] } {
  return { source: ["aws.elasticache"], "detail-type": [...CACHE_EVENT_TYPES] };
}

export interface CacheEventsArgs {
  /** Replication group ID; the rule is named `<replicationGroupId>-events` (at most 47 characters). No default. */
  readonly replicationGroupId: string;
  /** ARN of the SNS topic the events are published to (it may be KMS-encrypted). No default. */
  readonly topicArn: pulumi.Input<string>;
  /** Where the alarm on failed deliveries (the only sign of a dropped event) reports. No default. */
  readonly alarms: AlarmContext;
}

/**
 * ElastiCache events to an SNS topic through an EventBridge rule. The replication group's own notification
 * topic cannot be used: ElastiCache marks a KMS-encrypted topic inactive and drops the notifications.
 * EventBridge publishes with its service principal, which the alert key and topic policies admit (see
 * components/kms/policy.ts); a target role is deliberately not set (EventBridge advises against one for SNS).
 */
export function cacheEvents(name: string, args: CacheEventsArgs, parent: pulumi.Resource): aws.cloudwatch.EventRule {
  const rule = new aws.cloudwatch.EventRule(`${name}-events`, {
    name: `${args.replicationGroupId}-events`,
    description: `ElastiCache service events (failures, deletions, changes) of ${args.replicationGroupId} and other caches of this account`,
    eventPattern: JSON.stringify(cacheEventPattern()),
  }, { parent });
  new aws.cloudwatch.EventTarget(`${name}-events`, {
    rule: rule.name,
    targetId: "alert-topic",
    arn: args.topicArn,
  }, { parent });
  new AlarmPair({
    context: args.alarms, subject: "redis-events", metric: "eventsFailedInvocations",
    dimensions: { RuleName: `${args.replicationGroupId}-events` }, threshold: platformThreshold("eventsFailedInvocations"),
    watched: [rule],
  }, { parent });
  return rule;
}
