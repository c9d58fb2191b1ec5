import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmPair, type DashboardSection, platformThreshold } from "../alerting";
import { partitionOf } from "../common/aws";
import { bucketArn } from "../object-store/naming";
import { type AuditArchiveArgs, resolveAuditArchiveArgs } from "./args";
import { firehoseDeliveryPolicy, firehoseTrustPolicy, logsToFirehosePolicy, logsTrustPolicy } from "./policies";

export * from "./args";
export * from "./limits";
export * from "./pgaudit";
export * from "./policies";
export * from "./prefixes";

/** The log stream Firehose writes S3 delivery errors to (the console's name for it). */
export const DELIVERY_ERROR_LOG_STREAM = "DestinationDelivery";
/**
 * `DestinationType` of a subscription filter's AWS/Logs metrics when the destination is a Firehose stream. UNVERIFIED:
 * no AWS page read here lists the values; a wrong one leaves the forwarding alarm silent (the freshness alarm does not
 * depend on it). Compare with the console's metric list after the first deploy.
 */
export const FIREHOSE_DESTINATION_TYPE = "Firehose";

/**
 * An audit trail kept long-term: a CloudWatch Logs subscription sends the audit lines of one database's log group
 * to a Firehose stream, which writes them to the Object Lock audit-archive bucket as gzip JSON Lines under
 * date partitions (`audit/<engine>/<id>/year=/month=/day=/`), encrypted with the stack key. The bucket's lifecycle
 * moves them to Glacier classes; Object Lock keeps them from being deleted or overwritten.
 *
 * Nothing is lost silently: records Firehose cannot decompress or process go to the error prefix
 * (`audit-errors/...`, the backup prefix), S3 outages are retried for 24 hours while the freshness alarm pages, and
 * failed forwards from CloudWatch Logs alarm too (the source log group keeps every line for its retention).
 */
export class AuditArchive extends pulumi.ComponentResource {
  readonly stream: aws.kinesis.FirehoseDeliveryStream;
  readonly subscription: aws.cloudwatch.LogSubscriptionFilter;
  readonly streamName: string;
  /** Where the archive's objects start in the bucket, e.g. `audit/postgres/sparki-prod-postgres/`. */
  readonly dataPrefix: string;
  /** Where records that failed processing go (the backup prefix). */
  readonly errorPrefix: string;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: AuditArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveAuditArchiveArgs(name, args);
    super("sparki:audit-archive:AuditArchive", name, {}, opts);
    this.streamName = a.streamName;
    this.dataPrefix = a.prefixes.dataRoot;
    this.errorPrefix = a.prefixes.errorRoot;
    const partition = partitionOf(a.region);
    const archiveBucketArn = bucketArn(a.bucketName, a.region);

    const errorLogGroupName = `/aws/kinesisfirehose/${a.streamName}`;
    const errorLogs = new aws.cloudwatch.LogGroup(`${name}-firehose-errors`, {
      name: errorLogGroupName, retentionInDays: a.logRetentionDays, kmsKeyId: a.kmsKeyArn,
    }, { parent: this });
    const errorStream = new aws.cloudwatch.LogStream(`${name}-firehose-errors-s3`, {
      name: DELIVERY_ERROR_LOG_STREAM, logGroupName: errorLogs.name,
    }, { parent: this });

    const firehoseRole = new aws.iam.Role(`${name}-firehose`, {
      name: a.roleNames.firehose,
      description: `Firehose writes ${a.identifier}'s audit events to ${a.bucketName}`,
      assumeRolePolicy: JSON.stringify(firehoseTrustPolicy(a)),
    }, { parent: this });
    const errorLogStreamArn = `arn:${partition}:logs:${a.region}:${a.accountId}:log-group:${errorLogGroupName}:log-stream:${DELIVERY_ERROR_LOG_STREAM}`;
    const deliveryPolicy = new aws.iam.RolePolicy(`${name}-firehose`, {
      role: firehoseRole.name,
      policy: pulumi.output(a.kmsKeyArn).apply((kmsKeyArn) => JSON.stringify(firehoseDeliveryPolicy({
        accountId: a.accountId, region: a.region, bucketArn: archiveBucketArn, kmsKeyArn, prefixes: a.prefixes, errorLogStreamArn,
      }))),
    }, { parent: this });

    this.stream = new aws.kinesis.FirehoseDeliveryStream(`${name}-stream`, {
      name: a.streamName,
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: a.kmsKeyArn },
      extendedS3Configuration: {
        roleArn: firehoseRole.arn,
        // UNVERIFIED (review 2026-11-29): S3 refuses an upload into a bucket with a default Object Lock retention unless
        // it carries Content-MD5 or an x-amz-checksum/x-amz-sdk-checksum-algorithm header (S3 User Guide, "Object Lock
        // considerations", https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-put-object;
        // PutObject API, Content-MD5). No AWS page or issue found says whether Firehose sends one. Written straight into the
        // locked bucket anyway: a staging bucket replicated into it would break the second-region copy (S3 does not
        // replicate replicas). The check after the first deploy and the fallback: docs/components.md, "Audit archive".
        bucketArn: archiveBucketArn,
        prefix: a.prefixes.prefix,
        errorOutputPrefix: a.prefixes.errorOutputPrefix,
        bufferingInterval: a.bufferIntervalSeconds,
        bufferingSize: a.bufferSizeMiB,
        compressionFormat: "GZIP",
        // The bucket policy denies uploads naming any other key (components/object-store/bucket-policy.ts).
        kmsKeyArn: a.kmsKeyArn,
        // CloudWatch Logs sends gzip'd JSON batches; Firehose unpacks them and writes one batch per line, then gzips
        // the object once (Firehose Developer Guide, "Decompress CloudWatch Logs",
        // https://docs.aws.amazon.com/firehose/latest/dev/writing-with-cloudwatch-logs-decompression.html, checked 2026-11-29).
        // The batch envelope is kept: log stream, event IDs and timestamps are part of the audit record.
        processingConfiguration: {
          enabled: true,
          processors: [
            { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
            { type: "AppendDelimiterToRecord" },
          ],
        },
        cloudwatchLoggingOptions: { enabled: true, logGroupName: errorLogs.name, logStreamName: errorStream.name },
      },
    }, { parent: this, dependsOn: [deliveryPolicy], protect: a.protect });

    const logsRole = new aws.iam.Role(`${name}-logs`, {
      name: a.roleNames.logs,
      description: `CloudWatch Logs forwards ${a.identifier}'s audit lines to ${a.streamName}`,
      assumeRolePolicy: JSON.stringify(logsTrustPolicy(a)),
    }, { parent: this });
    const forwardPolicy = new aws.iam.RolePolicy(`${name}-logs`, {
      role: logsRole.name,
      policy: this.stream.arn.apply((arn) => JSON.stringify(logsToFirehosePolicy(arn))),
    }, { parent: this });
    this.subscription = new aws.cloudwatch.LogSubscriptionFilter(`${name}-subscription`, {
      name: a.streamName,
      logGroup: a.logGroupName,
      filterPattern: a.filterPattern,
      destinationArn: this.stream.arn,
      roleArn: logsRole.arn,
    }, { parent: this, dependsOn: [a.logSource, forwardPolicy] });

    // `<env>-audit-postgres-...`: apart from the database's own `<env>-postgres-...` alarms, which count its instances.
    const subject = `audit-${a.engine}`;
    const freshness = platformThreshold("auditArchiveDataFreshness");
    const forwardErrors = platformThreshold("auditArchiveDeliveryErrors");
    const streamDims = { DeliveryStreamName: a.streamName };
    const filterDims = { LogGroupName: a.logGroupName, DestinationType: FIREHOSE_DESTINATION_TYPE, FilterName: a.streamName };
    new AlarmPair({ context: a.alarms, subject, metric: "firehoseS3DataFreshness", dimensions: streamDims, threshold: freshness, watched: [this.stream] }, { parent: this });
    new AlarmPair({ context: a.alarms, subject, metric: "logsSubscriptionDeliveryErrors", dimensions: filterDims, threshold: forwardErrors, watched: [this.subscription] }, { parent: this });
    this.dashboard = {
      title: `Audit archive ${a.streamName} -> s3://${a.bucketName}/${a.prefixes.dataRoot}`,
      graphs: [
        { title: "Oldest undelivered audit record (s)", metric: "firehoseS3DataFreshness", dimensions: streamDims, threshold: freshness },
        { title: "Audit lines not forwarded", metric: "logsSubscriptionDeliveryErrors", dimensions: filterDims, threshold: forwardErrors },
      ],
    };

    this.registerOutputs({ streamName: this.streamName, streamArn: this.stream.arn, dataPrefix: this.dataPrefix, errorPrefix: this.errorPrefix });
  }
}
