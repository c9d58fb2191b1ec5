import { type AccountScope, partitionOf } from "../common/aws";
import type { ArchivePrefixes } from "./prefixes";

type Document = Record<string, unknown>;

/**
 * Firehose assumes the delivery role only for this account's streams: the `sts:ExternalId` condition on the account
 * ID is the one AWS's S3-destination example sets (Firehose Developer Guide, "Grant Firehose access to an Amazon S3 destination",
 * https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3, checked 2026-11-29).
 */
export function firehoseTrustPolicy(scope: AccountScope): Document {
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Service: "firehose.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": scope.accountId } },
    }],
  };
}

export interface DeliveryGrant extends AccountScope {
  readonly bucketArn: string;
  readonly kmsKeyArn: string;
  readonly prefixes: ArchivePrefixes;
  /** The stream's own error log stream (Firehose writes delivery errors there). */
  readonly errorLogStreamArn: string;
}

/**
 * What the delivery role may do, and nothing more: the S3 actions AWS lists for an S3 destination (same page),
 * objects only under this source's data and error roots, never a delete (the archive is append-only); the stack key
 * only through S3 in this region for this bucket (with S3 Bucket Keys the encryption context is the bucket ARN, else
 * the object's); its error log stream.
 */
export function firehoseDeliveryPolicy(g: DeliveryGrant): Document {
  const objects = [`${g.bucketArn}/${g.prefixes.dataRoot}*`, `${g.bucketArn}/${g.prefixes.errorRoot}*`];
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "FindTheBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"], Resource: g.bucketArn },
      { Sid: "WriteAuditObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"], Resource: objects },
      {
        Sid: "EncryptWithTheStackKeyThroughS3",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: g.kmsKeyArn,
        Condition: {
          StringEquals: { "kms:ViaService": `s3.${g.region}.amazonaws.com` },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": [g.bucketArn, ...objects] },
        },
      },
      { Sid: "ReportDeliveryErrors", Effect: "Allow", Action: "logs:PutLogEvents", Resource: g.errorLogStreamArn },
    ],
  };
}

/**
 * CloudWatch Logs assumes the subscription role; `aws:SourceArn` limits it to this account's log groups in this region,
 * as AWS's Firehose subscription example does (CloudWatch Logs User Guide,
 * "Subscription filters with Amazon Data Firehose", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample,
 * checked 2026-11-29).
 */
export function logsTrustPolicy(scope: AccountScope): Document {
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Service: "logs.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringLike: { "aws:SourceArn": `arn:${partitionOf(scope.region)}:logs:${scope.region}:${scope.accountId}:*` } },
    }],
  };
}

/** The subscription role puts records into this one stream. */
export function logsToFirehosePolicy(streamArn: string): Document {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "PutIntoTheAuditStream", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: streamArn }],
  };
}
