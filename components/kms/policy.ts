import { type AccountScope, partitionOf } from "../common/aws";

/**
 * AWS services that publish to the alert topics: CloudWatch (alarms), EventBridge (rules forwarding service
 * events, e.g. ElastiCache's) and RDS event subscriptions. The topic policy (components/alerting/topics.ts) lets
 * exactly these publish, for this account only; the key policy lets them encrypt what they publish.
 */
export const KEY_SERVICE_PUBLISHERS = ["cloudwatch.amazonaws.com", "events.amazonaws.com", "events.rds.amazonaws.com"] as const;
export type KeyServicePublisher = (typeof KEY_SERVICE_PUBLISHERS)[number];

/**
 * Whether a publisher's statement in the KEY policy carries `aws:SourceAccount`. A condition the service's KMS
 * request does not carry makes every notification fail silently, so CloudWatch and EventBridge get none; the
 * topic policy scopes every publisher to this account either way.
 * - EventBridge: the SNS developer guide says aws:SourceAccount/aws:SourceArn in a key policy are not supported
 *   for EventBridge-to-encrypted-topic delivery.
 * - CloudWatch: AWS documents only the unconditioned statement for alarm notifications to encrypted topics
 *   (SNS guide, "Enable compatibility between event sources from AWS services and encrypted topics"); a working
 *   aws:SourceAccount condition could not be verified, so none is set.
 * - RDS: account-scoped. The SNS developer guide ("Enable compatibility between event sources from AWS services
 *   and encrypted topics", step 3; checked 2026-11-29) tells to add aws:SourceAccount / aws:SourceArn to the KMS
 *   key policy against confused deputies and names EventBridge as the one source where that is not supported;
 *   the RDS guide shows the same conditions in the topic policy. Still the least-tested statement here: if RDS
 *   event notifications do not arrive after the first deploy, this condition is the first thing to check.
 */
export const KEY_POLICY_SOURCE_ACCOUNT_SCOPED: Readonly<Record<KeyServicePublisher, boolean>> = {
  "cloudwatch.amazonaws.com": false,
  "events.amazonaws.com": false,
  "events.rds.amazonaws.com": true,
};

const ENCRYPT_TOPIC_MESSAGES = ["kms:Decrypt", "kms:GenerateDataKey*"];

/** S3 buckets (SSE-KMS with this key) that this account's CloudFront distributions read through origin access control. */
export interface KeyCloudFrontReaders {
  /** `arn:aws:s3:::<bucket>` of each such bucket. Default: none (CloudFront gets no statement). */
  readonly cloudFrontReadBucketArns?: readonly string[];
}

/**
 * OAC reads of SSE-KMS objects need the key policy to let cloudfront.amazonaws.com decrypt (CloudFront Developer Guide,
 * "Restrict access to an Amazon S3 origin", SSE-KMS, checked 2026-11-29: its example conditions on the distribution's
 * AWS:SourceArn). The key exists before any distribution, so the statement admits this account's distributions
 * (ArnLike) and only for objects of the named buckets (S3's encryption context aws:s3:arn is the bucket ARN with Bucket
 * Keys, the object ARN without); each bucket's policy then admits exactly one distribution.
 */
function cloudFrontReadStatements(scope: AccountScope & KeyCloudFrontReaders): Record<string, unknown>[] {
  const buckets = scope.cloudFrontReadBucketArns ?? [];
  if (buckets.length === 0) return [];
  return [{
    Sid: "CloudFrontDistributionsOfThisAccountReadOriginObjects",
    Effect: "Allow",
    Principal: { Service: "cloudfront.amazonaws.com" },
    Action: "kms:Decrypt",
    Resource: "*",
    Condition: {
      ArnLike: { "AWS:SourceArn": `arn:${partitionOf(scope.region)}:cloudfront::${scope.accountId}:distribution/*` },
      StringLike: { "kms:EncryptionContext:aws:s3:arn": buckets.flatMap((b) => [b, `${b}/*`]) },
    },
  }];
}

/**
 * Key policy: the account administers the key through IAM (so RDS, ElastiCache, S3 and Secrets Manager use it
 * via their callers' IAM permissions and grants); alarm and event publishers may encrypt SNS messages
 * (without this, notifications to an encrypted topic are dropped silently); CloudWatch Logs may encrypt this
 * account's log groups in this region only.
 */
export function keyPolicyDocument(scope: AccountScope & KeyCloudFrontReaders): Record<string, unknown> {
  const partition = partitionOf(scope.region);
  const publishers = (scoped: boolean) => KEY_SERVICE_PUBLISHERS.filter((p) => KEY_POLICY_SOURCE_ACCOUNT_SCOPED[p] === scoped);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${scope.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "AlarmAndEventPublishersEncryptTopicMessages",
        Effect: "Allow",
        Principal: { Service: publishers(false) },
        Action: ENCRYPT_TOPIC_MESSAGES,
        Resource: "*",
      },
      {
        Sid: "AccountScopedPublishersEncryptTopicMessages",
        Effect: "Allow",
        Principal: { Service: publishers(true) },
        Action: ENCRYPT_TOPIC_MESSAGES,
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
      },
      {
        Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${scope.region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${scope.region}:${scope.accountId}:log-group:*` },
        },
      },
      ...cloudFrontReadStatements(scope),
    ],
  };
}
