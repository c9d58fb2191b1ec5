import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export const LOG_TYPES = ["slow-log", "engine-log"] as const;

export interface LogDeliveryArgs {
  /** Replication group ID; the log groups are `/aws/elasticache/<id>/<log type>`. No default. */
  readonly replicationGroupId: string;
  /** Retention of both log groups, days (a CloudWatch Logs retention value). No default. */
  readonly retentionDays: number;
  /** Customer KMS key ARN that encrypts both log groups. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
}

/**
 * One KMS-encrypted log group per ElastiCache log type, and the replication group's delivery settings for
 * them (JSON, so Logs Insights can query fields).
 */
export function logDelivery(name: string, args: LogDeliveryArgs, parent: pulumi.Resource): aws.types.input.elasticache.ReplicationGroupLogDeliveryConfiguration[] {
  return LOG_TYPES.map((logType) => {
    const group = new aws.cloudwatch.LogGroup(`${name}-${logType}`, {
      name: `/aws/elasticache/${args.replicationGroupId}/${logType}`,
      retentionInDays: args.retentionDays,
      kmsKeyId: args.kmsKeyArn,
    }, { parent });
    return { destination: group.name, destinationType: "cloudwatch-logs", logFormat: "json", logType };
  });
}
