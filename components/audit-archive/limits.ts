/**
 * What Amazon Data Firehose, CloudWatch Logs and pgAudit accept, each with where it is written (checked
 * 2026-11-29). The component and the config schema check against these before anything is registered.
 */

/**
 * S3 buffering hints of a Firehose stream: 0..900 seconds and 1..128 MiB (Firehose API Reference, BufferingHints;
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html).
 */
export const FIREHOSE_BUFFER = {
  intervalSeconds: { min: 0, max: 900 },
  sizeMiB: { min: 1, max: 128 },
} as const;

/**
 * Delivery stream names: 1..64 characters of `[a-zA-Z0-9_.-]` (Firehose API Reference, CreateDeliveryStream,
 * DeliveryStreamName; https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html).
 */
export const FIREHOSE_STREAM_NAME = { maxLength: 64, pattern: /^[a-zA-Z0-9_.-]+$/ } as const;

/**
 * Prefix and ErrorOutputPrefix: at most 1024 characters (Firehose API Reference, ExtendedS3DestinationConfiguration;
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_ExtendedS3DestinationConfiguration.html).
 */
export const FIREHOSE_PREFIX_MAX_LENGTH = 1024;

/**
 * How long Firehose keeps retrying a failed S3 delivery before it drops the data: 24 hours (Firehose Developer Guide,
 * "Handle data delivery failure", Amazon S3; https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html).
 */
export const FIREHOSE_S3_RETRY_HOURS = 24;

/**
 * Subscription filters per log group: at most two (CloudWatch Logs API Reference, PutSubscriptionFilter: "Each log
 * group can have up to two subscription filters associated with it";
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html). Filter
 * patterns are at most 1024 characters and filter names 1..512 characters without `:` or `*` (same page).
 */
export const SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;
export const FILTER_PATTERN_MAX_LENGTH = 1024;

/** IAM role names: at most 64 characters (IAM User Guide, "IAM and AWS STS quotas"). */
export const IAM_ROLE_NAME_MAX_LENGTH = 64;

/**
 * Statement classes `pgaudit.log` accepts (pgAudit README, "pgaudit.log"; https://github.com/pgaudit/pgaudit; RDS
 * User Guide, "Using pgAudit to log database activity"): READ, WRITE, FUNCTION, ROLE, DDL, MISC, MISC_SET, ALL.
 */
export const PGAUDIT_CLASSES = ["read", "write", "function", "role", "ddl", "misc", "misc_set", "all"] as const;
export type PgauditClass = (typeof PGAUDIT_CLASSES)[number];

/**
 * The Pulumi types an AuditArchive registers, and whether replacing one loses data: the stream holds up to 24 hours of
 * undelivered audit records, which a replacement (delete, then create) drops.
 */
export const AUDIT_ARCHIVE_RESOURCE_TYPES: readonly { readonly type: string; readonly stateful: boolean }[] = [
  { type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", stateful: true },
  { type: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", stateful: false },
  { type: "aws:cloudwatch/logStream:LogStream", stateful: false },
  { type: "aws:cloudwatch/logGroup:LogGroup", stateful: false },
  { type: "aws:iam/role:Role", stateful: false },
  { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
  { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
];
