import { type AccountScope, partitionOf } from "../common/aws";

/** AWS services that publish to the alert topics or write encrypted logs, and so must use the key. */
export const KEY_SERVICE_PUBLISHERS = ["cloudwatch.amazonaws.com", "events.rds.amazonaws.com", "elasticache.amazonaws.com"] as const;

/**
 * Key policy: the account administers the key through IAM (so RDS, ElastiCache, S3 and Secrets Manager use it
 * via their callers' IAM permissions and grants); alarm and event publishers may encrypt SNS messages
 * (without this, notifications to an encrypted topic are dropped silently); CloudWatch Logs may encrypt this
 * account's log groups in this region only.
 */
export function keyPolicyDocument(scope: AccountScope): Record<string, unknown> {
  const partition = partitionOf(scope.region);
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
        Principal: { Service: [...KEY_SERVICE_PUBLISHERS] },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
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
    ],
  };
}
