import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { AUDIT_ARCHIVE_POLICIES, auditArchiveDelivery, auditArchiveFreshnessAlarm, firehoseEncryptedAtRest } from "../policy/audit-archive";
import {
  AUDIT_ARCHIVE_ENGINE_RULES, firehoseBuffering, firehoseCustomerKeyArn, firehoseS3Prefixes, firehoseStreamName, logSubscriptionFiltersPerGroup,
} from "../policy/engine-rules-audit-archive";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { POLICY_COVERAGE } from "../policy/coverage";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { KEY_ARN, T } from "./policy-fixtures";
import { checkStack, pulumiType, readPolicyConfigFile, reconcilePolicyConfig, type StackInput, UNKNOWN } from "./policy-harness";

/**
 * The audit archive's policies (DataFirehose.1, the Sparki baseline) and engine rules (Firehose, CloudWatch Logs):
 * the stream as components/audit-archive registers it in prod passes; each counterexample fails with its exact message.
 */

const STREAM = pulumiType(aws.kinesis.FirehoseDeliveryStream);
const FILTER = pulumiType(aws.cloudwatch.LogSubscriptionFilter);
const ALARM = pulumiType(aws.cloudwatch.MetricAlarm);
const NAME = "sparki-prod-postgres-audit";

/** The prod stream as components/audit-archive registers it. */
const stream = (): Record<string, unknown> => ({
  name: NAME, destination: "extended_s3",
  serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY_ARN },
  extendedS3Configuration: {
    roleArn: "arn:aws:iam::222222222222:role/sparki-prod-postgres-audit-firehose", bucketArn: "arn:aws:s3:::sparki-prod-222222222222-audit-archive",
    prefix: "audit/postgres/sparki-prod-postgres/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
    errorOutputPrefix: "audit-errors/postgres/sparki-prod-postgres/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
    bufferingInterval: 900, bufferingSize: 128, compressionFormat: "GZIP", kmsKeyArn: KEY_ARN,
    cloudwatchLoggingOptions: { enabled: true, logGroupName: `/aws/kinesisfirehose/${NAME}`, logStreamName: "DestinationDelivery" },
  },
});
const s3 = (change: Record<string, unknown>) => ({ extendedS3Configuration: { ...(stream().extendedS3Configuration as object), ...change } });

const CASES: ResourceCase[] = [
  { policy: firehoseEncryptedAtRest, type: STREAM, pass: stream(), failures: [
    [{ serverSideEncryption: undefined }, "serverSideEncryption is not enabled: records wait in the stream (up to 24 hours) unencrypted at rest. Enable it with the stack key."],
    [{ serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } }, "serverSideEncryption uses the AWS owned key: no key policy or CloudTrail entry of this account governs it. Use keyType CUSTOMER_MANAGED_CMK with the stack key."],
  ] },
  { policy: auditArchiveDelivery, type: STREAM, pass: stream(), failures: [
    [s3({ compressionFormat: undefined, errorOutputPrefix: undefined }),
      "extendedS3Configuration has compressionFormat UNCOMPRESSED (audit lines compress about tenfold: store GZIP); no errorOutputPrefix (records Firehose cannot process would land beside the data, unmarked)."],
    [s3({ kmsKeyArn: undefined, cloudwatchLoggingOptions: { enabled: false } }),
      "extendedS3Configuration has no kmsKeyArn (objects would take the bucket default unnamed, and the audit bucket policy admits only uploads under the stack key); delivery error logging off (a failing delivery would leave no reason anywhere)."],
    [{ extendedS3Configuration: undefined, destination: "http_endpoint" }, "the stream has no extended S3 destination: the audit archive path writes only to the Object Lock bucket."],
  ] },
  // Engine rules.
  { policy: firehoseS3Prefixes, type: STREAM, pass: stream(), failures: [
    [s3({ errorOutputPrefix: undefined }), `prefix "${String((stream().extendedS3Configuration as { prefix: string }).prefix)}" has expressions, so Firehose needs an errorOutputPrefix.`],
    [s3({ errorOutputPrefix: "errors/!{timestamp:yyyy}/" }), 'errorOutputPrefix "errors/!{timestamp:yyyy}/" has expressions but not !{firehose:error-output-type}.'],
  ] },
  { policy: firehoseBuffering, type: STREAM, pass: stream(), failures: [
    [s3({ bufferingInterval: 901, bufferingSize: 0 }), "bufferingInterval must be an integer 0..900 seconds, got 901; bufferingSize must be an integer 1..128 MiB, got 0."],
  ] },
  { policy: firehoseStreamName, type: STREAM, pass: stream(), failures: [
    [{ name: "audit stream" }, 'stream name "audit stream" must be 1..64 characters of letters, digits, \'_\', \'.\' and \'-\'.'],
    [{ name: "s".repeat(65) }, `stream name "${"s".repeat(65)}" must be 1..64 characters of letters, digits, '_', '.' and '-'.`],
  ] },
  { policy: firehoseCustomerKeyArn, type: STREAM, pass: stream(), failures: [
    [{ serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" } }, "serverSideEncryption keyType CUSTOMER_MANAGED_CMK needs a KMS key ARN, got undefined."],
    [{ serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK", keyArn: KEY_ARN } }, "serverSideEncryption keyType AWS_OWNED_CMK takes no keyArn: Firehose refuses the pair."],
  ] },
];

describeResourceCases(CASES, T.bucket);

const freshnessAlarm = (streamName: string, actions: unknown = ["arn:aws:sns:eu-west-1:222222222222:warning"]): StackInput => ({
  type: ALARM, name: `alarm-${streamName}`,
  props: { namespace: "AWS/Firehose", metricName: "DeliveryToS3.DataFreshness", dimensions: { DeliveryStreamName: streamName }, alarmActions: actions },
});

describe("audit-archive-freshness-alarm (stack)", () => {
  it("passes a stream with its freshness alarm", async () => {
    expect((await checkStack(auditArchiveFreshnessAlarm, [{ type: STREAM, name: "s", props: stream() }, freshnessAlarm(NAME)])).violations).toEqual([]);
  });

  it.each([
    ["no alarm", []],
    ["an alarm on another stream", [freshnessAlarm("other")]],
    ["an alarm without actions", [freshnessAlarm(NAME, [])]],
  ])("fails with %s", async (_case, alarms) => {
    expect((await checkStack(auditArchiveFreshnessAlarm, [{ type: STREAM, name: "s", props: stream() }, ...alarms])).violations).toEqual([
      `stream ${NAME} has no DeliveryToS3.DataFreshness alarm with actions: a failing delivery would go unnoticed until Firehose drops the data after 24 hours.`,
    ]);
  });

  it("proves nothing while an alarm's dimensions are unknown (preview)", async () => {
    const unknown = { ...freshnessAlarm("x"), props: { ...freshnessAlarm("x").props, dimensions: UNKNOWN } };
    expect((await checkStack(auditArchiveFreshnessAlarm, [{ type: STREAM, name: "s", props: stream() }, unknown])).violations).toEqual([]);
  });
});

describe("engine-log-subscription-filters-per-group (stack)", () => {
  const filter = (n: number, logGroup: unknown = "/aws/rds/instance/sparki-prod-postgres/postgresql"): StackInput => ({
    type: FILTER, name: `f${n}`, props: { name: `f${n}`, logGroup, filterPattern: "\"AUDIT:\"", destinationArn: "arn:aws:firehose:eu-west-1:222222222222:deliverystream/x" },
  });

  it("passes two filters on one group, and three spread over two groups", async () => {
    expect((await checkStack(logSubscriptionFiltersPerGroup, [filter(1), filter(2)])).violations).toEqual([]);
    expect((await checkStack(logSubscriptionFiltersPerGroup, [filter(1), filter(2), filter(3, "/other")])).violations).toEqual([]);
  });

  it("fails a third filter on one group (LimitExceededException)", async () => {
    expect((await checkStack(logSubscriptionFiltersPerGroup, [filter(1), filter(2), filter(3)])).violations).toEqual([
      "log group /aws/rds/instance/sparki-prod-postgres/postgresql has 3 subscription filters in this stack; CloudWatch Logs allows 2.",
    ]);
  });

  it("proves nothing from a group unknown during preview", async () => {
    expect((await checkStack(logSubscriptionFiltersPerGroup, [filter(1), filter(2), filter(3, UNKNOWN)])).violations).toEqual([]);
  });
});

describe("audit archive policies in the pack", () => {
  it("are registered, the engine rules among the engine rules and mandatory in both tiers, the rest mandatory in prod", () => {
    for (const p of [...AUDIT_ARCHIVE_POLICIES, ...AUDIT_ARCHIVE_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of AUDIT_ARCHIVE_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const p of AUDIT_ARCHIVE_ENGINE_RULES) expect(config.get(p.name)?.enforcementLevel, `${stack} ${p.name}`).toBe("mandatory");
    }
    // The baseline and FSBP policies: mandatory in prod (dev runs the pack's non-engine policies as advisories).
    const prod = reconcilePolicyConfig(readPolicyConfigFile("prod"), "mandatory");
    for (const p of AUDIT_ARCHIVE_POLICIES) expect(prod.get(p.name)?.enforcementLevel, p.name).toBe("mandatory");
  });

  it("cover the types the archive registers", () => {
    const coverage = POLICY_COVERAGE["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"];
    expect("policies" in coverage ? coverage.policies : []).toEqual(expect.arrayContaining([...AUDIT_ARCHIVE_POLICIES, ...AUDIT_ARCHIVE_ENGINE_RULES.slice(0, 4)].map((p) => p.name)));
  });
});
