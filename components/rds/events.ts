import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Severity } from "../alerting";

/**
 * RDS event categories per topic. Critical pages: the instance is down, failed over or filling up. Warning
 * reports planned or deliberate changes and replication trouble (replica lag pages on its own alarm).
 * `failure` goes to the warning topic as well, so that one subscription covers failure, maintenance and
 * configuration change together: Security Hub RDS.20 (and the rds-20 policy) look for that in one subscription.
 */
export const EVENT_CATEGORIES: Readonly<Record<Severity, readonly string[]>> = {
  critical: ["failure", "failover", "low storage"],
  warning: ["failure", "maintenance", "configuration change", "read replica"],
};

/** Topic ARN per severity for the instances' events. */
export type EventTopics = Readonly<Record<Severity, pulumi.Input<string>>>;

/** Sends the instances' events to the topics by severity: one subscription per topic (Security Hub RDS.20). */
export function eventSubscriptions(name: string, sourceIds: readonly pulumi.Input<string>[], topics: EventTopics, parent: pulumi.Resource): aws.rds.EventSubscription[] {
  return (["critical", "warning"] as const).map((severity) => new aws.rds.EventSubscription(`${name}-${severity}-events`, {
    name: `${name}-${severity}-events`,
    snsTopic: topics[severity],
    sourceType: "db-instance",
    sourceIds: [...sourceIds],
    eventCategories: [...EVENT_CATEGORIES[severity]],
    enabled: true,
  }, { parent }));
}
