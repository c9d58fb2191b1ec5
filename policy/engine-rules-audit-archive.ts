import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { FIREHOSE_BUFFER, FIREHOSE_STREAM_NAME, prefixProblems, SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from "../components/audit-archive";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What Firehose and CloudWatch Logs refuse at create time for the audit archive path, for any stream or subscription in
 * a stack (components/audit-archive/limits.ts and prefixes.ts hold the facts and their sources). Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

function plain<T>(get: () => T): T | "unknown" {
  const r = read(() => { const v = get(); return v === undefined ? undefined : JSON.parse(JSON.stringify(v)) as T; });
  return r.known ? r.value as T : "unknown";
}

export const firehoseS3Prefixes: ResourceValidationPolicy = {
  name: "engine-firehose-s3-prefixes",
  ...engineRule("Firehose Developer Guide, \"Understand custom prefixes for Amazon S3 objects\", https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html", CHECKED,
    "A Firehose S3 prefix with expressions needs an error prefix, the error prefix with expressions names !{firehose:error-output-type}, the data prefix never does, only the timestamp and firehose namespaces without dynamic partitioning, each at most 1024 characters.",
    "Build the prefixes with archivePrefixes() (components/audit-archive/prefixes.ts)."),
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, _args, report) => {
    const d = plain(() => stream.extendedS3Configuration);
    if (d === "unknown" || d === undefined || typeof d.prefix !== "string") return;
    const found = prefixProblems(d.prefix, typeof d.errorOutputPrefix === "string" ? d.errorOutputPrefix : undefined);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const firehoseBuffering: ResourceValidationPolicy = {
  name: "engine-firehose-buffering",
  ...engineRule("Firehose API Reference, BufferingHints, https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html", CHECKED,
    `An S3 destination buffers ${FIREHOSE_BUFFER.intervalSeconds.min}..${FIREHOSE_BUFFER.intervalSeconds.max} seconds and ${FIREHOSE_BUFFER.sizeMiB.min}..${FIREHOSE_BUFFER.sizeMiB.max} MiB.`,
    "Keep postgres.audit.bufferIntervalSeconds and bufferSizeMiB in range (the config schema checks them)."),
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, _args, report) => {
    const d = plain(() => stream.extendedS3Configuration);
    if (d === "unknown" || d === undefined) return;
    const problems: string[] = [];
    const { intervalSeconds: i, sizeMiB: s } = FIREHOSE_BUFFER;
    const interval = d.bufferingInterval as unknown;
    const size = d.bufferingSize as unknown;
    if (typeof interval === "number" && !(Number.isInteger(interval) && interval >= i.min && interval <= i.max)) problems.push(`bufferingInterval must be an integer ${i.min}..${i.max} seconds, got ${interval}`);
    if (typeof size === "number" && !(Number.isInteger(size) && size >= s.min && size <= s.max)) problems.push(`bufferingSize must be an integer ${s.min}..${s.max} MiB, got ${size}`);
    if (problems.length > 0) report(`${problems.join("; ")}.`);
  }),
};

export const firehoseStreamName: ResourceValidationPolicy = {
  name: "engine-firehose-stream-name",
  ...engineRule("Firehose API Reference, CreateDeliveryStream, https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html", CHECKED,
    `Delivery stream names are 1..${FIREHOSE_STREAM_NAME.maxLength} characters of letters, digits, '_', '.' and '-'.`,
    "The stream is named <db identifier>-audit: shorten the identifier (the stack name)."),
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, _args, report) => {
    const name = read(() => stream.name);
    if (!name.known || name.value === undefined) return;
    if (name.value.length > FIREHOSE_STREAM_NAME.maxLength || !FIREHOSE_STREAM_NAME.pattern.test(name.value)) {
      report(`stream name "${name.value}" must be 1..${FIREHOSE_STREAM_NAME.maxLength} characters of letters, digits, '_', '.' and '-'.`);
    }
  }),
};

export const firehoseCustomerKeyArn: ResourceValidationPolicy = {
  name: "engine-firehose-sse-key",
  ...engineRule("Firehose API Reference, DeliveryStreamEncryptionConfigurationInput, https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamEncryptionConfigurationInput.html", CHECKED,
    "A stream encrypted with CUSTOMER_MANAGED_CMK names the key's ARN; with AWS_OWNED_CMK it names none.",
    "Set serverSideEncryption.keyArn to the stack key's ARN with keyType CUSTOMER_MANAGED_CMK."),
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, _args, report) => {
    const sse = plain(() => stream.serverSideEncryption);
    if (sse === "unknown" || sse === undefined || sse.enabled !== true) return;
    const type = sse.keyType ?? "AWS_OWNED_CMK";
    const keyArn = sse.keyArn as unknown;
    if (type === "CUSTOMER_MANAGED_CMK" && (typeof keyArn !== "string" || !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\//.test(keyArn))) {
      report(`serverSideEncryption keyType CUSTOMER_MANAGED_CMK needs a KMS key ARN, got ${JSON.stringify(keyArn)}.`);
    } else if (type === "AWS_OWNED_CMK" && keyArn !== undefined) {
      report("serverSideEncryption keyType AWS_OWNED_CMK takes no keyArn: Firehose refuses the pair.");
    }
  }),
};

export const logSubscriptionFiltersPerGroup: StackValidationPolicy = {
  name: "engine-log-subscription-filters-per-group",
  ...engineRule("CloudWatch Logs API Reference, PutSubscriptionFilter, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html", CHECKED,
    `A log group has at most ${SUBSCRIPTION_FILTERS_PER_LOG_GROUP} subscription filters (a third PutSubscriptionFilter fails with LimitExceededException).`,
    "Send one filter to a stream that fans out, or drop a subscription; filters made outside this stack count too."),
  validateStack: (args, report) => {
    const byGroup = new Map<string, string[]>();
    for (const r of args.resources.filter((x) => x.isType(aws.cloudwatch.LogSubscriptionFilter))) {
      const group = read(() => r.asType(aws.cloudwatch.LogSubscriptionFilter)!.logGroup as unknown);
      if (!group.known || typeof group.value !== "string") continue;
      byGroup.set(group.value, [...(byGroup.get(group.value) ?? []), r.urn]);
    }
    for (const [group, urns] of byGroup) {
      if (urns.length > SUBSCRIPTION_FILTERS_PER_LOG_GROUP) report(`log group ${group} has ${urns.length} subscription filters in this stack; CloudWatch Logs allows ${SUBSCRIPTION_FILTERS_PER_LOG_GROUP}.`, urns[SUBSCRIPTION_FILTERS_PER_LOG_GROUP]);
    }
  },
};

export const AUDIT_ARCHIVE_ENGINE_RULES = [firehoseS3Prefixes, firehoseBuffering, firehoseStreamName, firehoseCustomerKeyArn, logSubscriptionFiltersPerGroup];
