import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AccountScope, partitionOf, slug } from "../common/aws";
import { KEY_SERVICE_PUBLISHERS } from "../kms/policy";

export type Severity = "warning" | "critical";
export const SEVERITIES: readonly Severity[] = ["warning", "critical"];

/** Who hears about one severity. */
export interface Subscribers {
  /** E-mail addresses (each must confirm the subscription). Default: none. */
  readonly emails?: readonly string[];
  /** HTTPS endpoints, e.g. a paging service's webhook. Default: none. */
  readonly httpsEndpoints?: readonly string[];
}

export interface AlertTopicsArgs extends AccountScope {
  /** ARN of the customer KMS key that encrypts both topics. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Subscribers of the warning topic. Default: none. */
  readonly warning?: Subscribers;
  /** Subscribers of the critical topic. Default: none. */
  readonly critical?: Subscribers;
}

/** Two KMS-encrypted SNS topics, warning and critical, that every alarm and event subscription notifies. */
export class AlertTopics extends pulumi.ComponentResource {
  readonly topics: Readonly<Record<Severity, aws.sns.Topic>>;
  readonly arns: Readonly<Record<Severity, pulumi.Output<string>>>;

  constructor(name: string, args: AlertTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sparki:alerting:AlertTopics", name, {}, opts);
    const make = (severity: Severity) => {
      const topic = new aws.sns.Topic(`${name}-${severity}`, { kmsMasterKeyId: args.kmsKeyArn }, { parent: this });
      new aws.sns.TopicPolicy(`${name}-${severity}`, {
        arn: topic.arn,
        policy: topic.arn.apply((arn) => JSON.stringify(topicPolicyDocument(arn, args))),
      }, { parent: this });
      const subscribers = args[severity] ?? {};
      for (const email of subscribers.emails ?? []) {
        new aws.sns.TopicSubscription(`${name}-${severity}-${slug(email)}`, {
          topic: topic.arn, protocol: "email", endpoint: email,
        }, { parent: this });
      }
      for (const url of subscribers.httpsEndpoints ?? []) {
        new aws.sns.TopicSubscription(`${name}-${severity}-${slug(url)}`, {
          topic: topic.arn, protocol: "https", endpoint: url, endpointAutoConfirms: false,
        }, { parent: this });
      }
      return topic;
    };
    this.topics = { warning: make("warning"), critical: make("critical") };
    this.arns = { warning: this.topics.warning.arn, critical: this.topics.critical.arn };
    this.registerOutputs({ warningTopicArn: this.arns.warning, criticalTopicArn: this.arns.critical });
  }
}

/** Only this account manages the topic; only the alarm and event services of this account publish to it. */
export function topicPolicyDocument(topicArn: string, scope: AccountScope): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountManagesTopic",
        Effect: "Allow",
        Principal: { AWS: `arn:${partitionOf(scope.region)}:iam::${scope.accountId}:root` },
        Action: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
        Resource: topicArn,
      },
      {
        Sid: "AccountServicesPublish",
        Effect: "Allow",
        Principal: { Service: [...KEY_SERVICE_PUBLISHERS] },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
      },
      {
        Sid: "DenyPlaintextTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}
