import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** RDS event categories that page: the instance is down, moved, filling up, being changed or losing a replica. */
export const PAGED_EVENT_CATEGORIES = ["failure", "failover", "low storage", "maintenance", "configuration change", "read replica"] as const;

/** Sends the instances' critical events to a topic (Security Hub RDS.20). */
export function eventSubscription(name: string, sourceIds: readonly pulumi.Input<string>[], topicArn: pulumi.Input<string>, parent: pulumi.Resource): aws.rds.EventSubscription {
  return new aws.rds.EventSubscription(`${name}-events`, {
    name: `${name}-events`,
    snsTopic: topicArn,
    sourceType: "db-instance",
    sourceIds: [...sourceIds],
    eventCategories: [...PAGED_EVENT_CATEGORIES],
    enabled: true,
  }, { parent });
}
