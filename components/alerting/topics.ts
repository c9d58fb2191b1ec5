import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AccountScope, partitionOf, slug } from "../common/aws";
import { shortHash } from "../common/hash";
import { KEY_SERVICE_PUBLISHERS } from "../kms/policy";

export type Severity = "warning" | "critical";
export const SEVERITIES: readonly Severity[] = ["warning", "critical"];

/** Who hears about one severity. */
export interface Subscribers {
  /** E-mail addresses (each must confirm the subscription), no repeats. Default: none. */
  readonly emails?: readonly string[];
  /**
   * HTTPS endpoints, e.g. a paging service's webhook, no repeats. Always registered as secrets: such URLs carry
   * integration keys (set them with `pulumi config set --secret`). Default: none.
   */
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

/** One subscription as it will be registered. */
interface PlannedSubscription {
  readonly protocol: "email" | "https";
  readonly endpoint: string;
  /** Logical-name suffix: readable part plus a hash of the whole endpoint, so truncation never collides. */
  readonly suffix: string;
}

/**
 * The logical-name suffix of a subscription: the e-mail address, or only the host of a URL (its path may carry
 * an integration key), as a slug, then a short hash of the whole endpoint.
 */
export function subscriptionSuffix(protocol: "email" | "https", endpoint: string): string {
  return `${protocol === "email" ? slug(endpoint) : `https-${slug(hostOf(endpoint))}`}-${shortHash(endpoint)}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "endpoint";
  }
}

/** Checks and names every subscription before anything is registered; never echoes a URL (it may be secret). */
function planSubscriptions(name: string, severity: Severity, subscribers: Subscribers): PlannedSubscription[] {
  const emails = subscribers.emails ?? [];
  const urls = subscribers.httpsEndpoints ?? [];
  const planned: PlannedSubscription[] = [
    ...emails.map((endpoint): PlannedSubscription => ({ protocol: "email", endpoint, suffix: subscriptionSuffix("email", endpoint) })),
    ...urls.map((endpoint): PlannedSubscription => ({ protocol: "https", endpoint, suffix: subscriptionSuffix("https", endpoint) })),
  ];
  urls.forEach((url, i) => {
    if (!/^https:\/\/\S+$/.test(url)) throw new Error(`AlertTopics ${name}: ${severity}.httpsEndpoints[${i}] must be an https:// URL`);
  });
  const suffixes = planned.map((p) => p.suffix);
  const repeated = suffixes.findIndex((suffix, i) => suffixes.indexOf(suffix) !== i);
  if (repeated >= 0) {
    const p = planned[repeated];
    const which = p.protocol === "email" ? `e-mail ${p.endpoint}` : `https endpoint #${urls.indexOf(p.endpoint) + 1}`;
    throw new Error(`AlertTopics ${name}: ${severity} subscribers list the ${which} twice; list each endpoint once`);
  }
  return planned;
}

/** Two KMS-encrypted SNS topics, warning and critical, that every alarm and event subscription notifies. */
export class AlertTopics extends pulumi.ComponentResource {
  readonly topics: Readonly<Record<Severity, aws.sns.Topic>>;
  readonly arns: Readonly<Record<Severity, pulumi.Output<string>>>;

  constructor(name: string, args: AlertTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = { warning: planSubscriptions(name, "warning", args.warning ?? {}), critical: planSubscriptions(name, "critical", args.critical ?? {}) };
    super("sparki:alerting:AlertTopics", name, {}, opts);
    const make = (severity: Severity) => {
      const topic = new aws.sns.Topic(`${name}-${severity}`, { kmsMasterKeyId: args.kmsKeyArn }, { parent: this });
      new aws.sns.TopicPolicy(`${name}-${severity}`, {
        arn: topic.arn,
        policy: topic.arn.apply((arn) => JSON.stringify(topicPolicyDocument(arn, args))),
      }, { parent: this });
      for (const s of planned[severity]) {
        new aws.sns.TopicSubscription(`${name}-${severity}-${s.suffix}`, s.protocol === "email"
          ? { topic: topic.arn, protocol: "email", endpoint: s.endpoint }
          : { topic: topic.arn, protocol: "https", endpoint: pulumi.secret(s.endpoint), endpointAutoConfirms: false },
        { parent: this });
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
