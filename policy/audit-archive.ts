import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { baseline, fsbp } from "./lib/controls";
import { read } from "./lib/values";

// Security Hub control DataFirehose.1, "Firehose delivery streams should be encrypted at rest"
// (https://docs.aws.amazon.com/securityhub/latest/userguide/datafirehose-controls.html, checked 2026-11-29). The
// rest is the Sparki baseline for the audit archive path (components/audit-archive): the stack key everywhere,
// compressed objects, a backup prefix for what Firehose cannot process, delivery errors logged and alarmed.

/** The fields of an extended S3 destination these policies read. */
interface S3Destination {
  readonly kmsKeyArn?: string;
  readonly compressionFormat?: string;
  readonly errorOutputPrefix?: string;
  readonly cloudwatchLoggingOptions?: { readonly enabled?: boolean };
}

/** The stream's S3 destination as plain data, or "unknown" while preview cannot see it. */
function destinationOf(stream: { readonly extendedS3Configuration?: unknown }): S3Destination | undefined | "unknown" {
  const r = read(() => stream.extendedS3Configuration === undefined ? undefined : JSON.parse(JSON.stringify(stream.extendedS3Configuration)) as S3Destination);
  return r.known ? r.value : "unknown";
}

export const firehoseEncryptedAtRest: ResourceValidationPolicy = {
  name: "datafirehose-1-encrypted-at-rest",
  ...fsbp(["DataFirehose.1"], "Firehose delivery streams are encrypted at rest, with the environment's customer managed key.", "medium",
    "Set serverSideEncryption { enabled: true, keyType: CUSTOMER_MANAGED_CMK, keyArn: <the stack key> } (components/audit-archive does)."),
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, _args, report) => {
    const sse = read(() => stream.serverSideEncryption === undefined ? undefined : JSON.parse(JSON.stringify(stream.serverSideEncryption)) as Record<string, unknown>);
    if (!sse.known) return;
    if (sse.value?.enabled !== true) report("serverSideEncryption is not enabled: records wait in the stream (up to 24 hours) unencrypted at rest. Enable it with the stack key.");
    else if (sse.value.keyType !== "CUSTOMER_MANAGED_CMK" || !sse.value.keyArn) report("serverSideEncryption uses the AWS owned key: no key policy or CloudTrail entry of this account governs it. Use keyType CUSTOMER_MANAGED_CMK with the stack key.");
  }),
};

export const auditArchiveDelivery: ResourceValidationPolicy = {
  name: "audit-archive-delivery",
  ...baseline("Sparki baseline: archive", "Firehose streams write to S3 with SSE-KMS under the stack key, gzip-compressed, with an error (backup) prefix and delivery error logging on.", "high",
    "Set extendedS3Configuration { kmsKeyArn, compressionFormat: GZIP, errorOutputPrefix, cloudwatchLoggingOptions { enabled: true, ... } } (components/audit-archive does)."),
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, _args, report) => {
    const destination = destinationOf(stream);
    if (destination === "unknown") return;
    if (destination === undefined) {
      report("the stream has no extended S3 destination: the audit archive path writes only to the Object Lock bucket.");
      return;
    }
    const problems: string[] = [];
    if (!destination.kmsKeyArn) problems.push("no kmsKeyArn (objects would take the bucket default unnamed, and the audit bucket policy admits only uploads under the stack key)");
    if (destination.compressionFormat !== "GZIP") problems.push(`compressionFormat ${String(destination.compressionFormat ?? "UNCOMPRESSED")} (audit lines compress about tenfold: store GZIP)`);
    if (!destination.errorOutputPrefix) problems.push("no errorOutputPrefix (records Firehose cannot process would land beside the data, unmarked)");
    if (destination.cloudwatchLoggingOptions?.enabled !== true) problems.push("delivery error logging off (a failing delivery would leave no reason anywhere)");
    if (problems.length > 0) report(`extendedS3Configuration has ${problems.join("; ")}.`);
  }),
};

const FRESHNESS_METRIC = "DeliveryToS3.DataFreshness";

export const auditArchiveFreshnessAlarm: StackValidationPolicy = {
  name: "audit-archive-freshness-alarm",
  ...baseline("Sparki baseline: archive", "Every Firehose stream has a DeliveryToS3.DataFreshness alarm with actions: S3 delivery failing is noticed well inside Firehose's 24-hour retry window.", "high",
    "Add an alarm on AWS/Firehose DeliveryToS3.DataFreshness for the stream's DeliveryStreamName (components/audit-archive adds a warning/critical pair)."),
  validateStack: (args, report) => {
    const watched = new Set(args.resources.filter((r) => r.isType(aws.cloudwatch.MetricAlarm)).flatMap((r) => {
      const alarm = r.asType(aws.cloudwatch.MetricAlarm)!;
      const dims = read(() => alarm.dimensions);
      const actions = read(() => alarm.alarmActions);
      if (!dims.known || !actions.known) return ["*"];
      return alarm.namespace === "AWS/Firehose" && alarm.metricName === FRESHNESS_METRIC && (actions.value ?? []).length > 0 ? [dims.value?.DeliveryStreamName ?? ""] : [];
    }));
    for (const r of args.resources.filter((x) => x.isType(aws.kinesis.FirehoseDeliveryStream))) {
      const name = read(() => r.asType(aws.kinesis.FirehoseDeliveryStream)!.name);
      if (!name.known || watched.has("*")) continue;
      if (!watched.has(name.value)) report(`stream ${name.value} has no ${FRESHNESS_METRIC} alarm with actions: a failing delivery would go unnoticed until Firehose drops the data after 24 hours.`, r.urn);
    }
  },
};

export const AUDIT_ARCHIVE_POLICIES = [firehoseEncryptedAtRest, auditArchiveDelivery, auditArchiveFreshnessAlarm];
