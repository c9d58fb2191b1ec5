import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type AccountScope, partitionOf } from "../common/aws";

/** The service that assumes the delivery role and writes the records. */
export const FLOW_LOGS_SERVICE = "vpc-flow-logs.amazonaws.com";

/**
 * Longest time, seconds, packets of one flow are aggregated into one record: the API default, 600 s, in every
 * profile. 60 s would only matter to something that reads records within minutes (nothing here does: no metric
 * filter, no alarm on them), and it makes more records, so more ingestion. Network interfaces attached to a
 * Nitro-based instance aggregate at 60 s or less whatever is set (CreateFlowLogs MaxAggregationInterval, EC2 API:
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-create-flow-logs-request/max-aggregation-interval.html).
 */
export const FLOW_LOG_MAX_AGGREGATION_SECONDS = 600;

/** Name of the log group a created VPC's flow logs go to, e.g. `/aws/vpc-flow-logs/sparki-dev-network`. */
export function flowLogGroupName(name: string): string {
  return `/aws/vpc-flow-logs/${name}`;
}

/**
 * ARN of a log group in IAM policies, with the trailing `:*`: CloudWatch Logs uses that form for every action but a
 * few group-level ones, and it also covers the group's log streams
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html).
 */
export function logGroupPolicyArn(scope: AccountScope, logGroupName: string): string {
  return `arn:${partitionOf(scope.region)}:logs:${scope.region}:${scope.accountId}:log-group:${logGroupName}:*`;
}

/**
 * Trust policy of the delivery role: only the flow logs service, only for flow logs of this account in this region
 * (the confused-deputy conditions the VPC guide recommends, "IAM role for publishing flow logs to CloudWatch Logs":
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html). The flow log's ID is unknown until it
 * exists and the flow log needs the role first, so the source ARN ends in a wildcard, as that page allows.
 */
export function flowLogTrustPolicy(scope: AccountScope): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Service: FLOW_LOGS_SERVICE },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": scope.accountId },
        ArnLike: { "aws:SourceArn": `arn:${partitionOf(scope.region)}:ec2:${scope.region}:${scope.accountId}:vpc-flow-log/*` },
      },
    }],
  };
}

/**
 * What the delivery role may do: create a stream per network interface in the one log group, describe its streams
 * and put records there. The VPC guide lists five actions on `*`; two are left out on purpose:
 * `logs:CreateLogGroup` (the group exists before the flow log, and the service must never re-create it
 * unencrypted and without retention if it is deleted) and `logs:DescribeLogGroups` (cannot be limited to one group).
 */
export function flowLogPublishPolicy(scope: AccountScope, logGroupName: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "PublishToTheFlowLogGroup",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: logGroupPolicyArn(scope, logGroupName),
    }],
  };
}

export interface VpcFlowLogArgs extends AccountScope {
  /** The VPC whose traffic is logged. No default. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * Customer KMS key ARN that encrypts the log group. CloudWatch Logs calls KMS itself, with the group's ARN as
   * encryption context `kms:EncryptionContext:aws:logs:arn`, so the key policy must admit `logs.<region>.amazonaws.com`
   * for it (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html); the delivery role
   * needs no KMS permission. No default.
   */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Retention of the log group, days (a CloudWatch Logs retention value). No default. */
  readonly retentionDays: number;
}

/**
 * A flow log of all traffic (accepted and rejected) of a VPC, published to its own KMS-encrypted log group through a
 * role that may write to that group only. The flow log waits for the role's policy, so its first delivery has it.
 */
export function vpcFlowLog(name: string, args: VpcFlowLogArgs, parent: pulumi.Resource): aws.ec2.FlowLog {
  const logGroupName = flowLogGroupName(name);
  const group = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, {
    name: logGroupName,
    retentionInDays: args.retentionDays,
    kmsKeyId: args.kmsKeyArn,
  }, { parent });
  const role = new aws.iam.Role(`${name}-flow-logs`, {
    description: `VPC flow logs of ${name} publish to ${logGroupName}`,
    assumeRolePolicy: JSON.stringify(flowLogTrustPolicy(args)),
  }, { parent });
  const publish = new aws.iam.RolePolicy(`${name}-flow-logs`, {
    role: role.id,
    policy: JSON.stringify(flowLogPublishPolicy(args, logGroupName)),
  }, { parent });
  return new aws.ec2.FlowLog(`${name}-flow-log`, {
    vpcId: args.vpcId,
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    logDestination: group.arn,
    iamRoleArn: role.arn,
    maxAggregationInterval: FLOW_LOG_MAX_AGGREGATION_SECONDS,
    tags: { Name: `${name}-flow-log` },
  }, { parent, dependsOn: [publish] });
}
