import { describe, expect, it } from "vitest";
import { type ProgramRun, type RegisteredResource, childrenOf, json, ofType, one, stackRun } from "./harness";

/**
 * PostgreSQL's audit archive path (components/audit-archive, postgres.audit) in dev and prod, from the real stack files.
 * Expected values come from the stack files (account, region), the tiers (dev: 5-minute objects, prod: the Firehose
 * maximums), pgAudit's documentation (the `AUDIT:` marker, `rds_pgaudit`), the Firehose and CloudWatch Logs
 * documentation named beside them, and the S3 adapter's bucket naming `sparki-<stack>-<account>-<class>`.
 */

const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const REGION = "eu-west-1";

const STACKS = [
  { stack: "dev", account: "111111111111", interval: 300, sizeMiB: 64, protect: false },
  { stack: "prod", account: "222222222222", interval: 900, sizeMiB: 128, protect: true },
] as const;

interface Statement { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown }
interface Document { Statement: Statement[] }
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resources = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

const archiveOf = (run: ProgramRun) => one(run, "sparki:audit-archive:AuditArchive");
const childOf = (run: ProgramRun, type: string, suffix: string): RegisteredResource => {
  const found = childrenOf(run, archiveOf(run)).filter((r) => r.type === type && r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} ending ${suffix}, found ${found.length}`);
  return found[0];
};
const stackKeyArn = (run: ProgramRun) => String(run.outputs.kmsKeyArn);

describe.each(STACKS)("the audit archive of $stack", (e) => {
  const id = `sparki-${e.stack}-postgres`;
  const bucket = `sparki-${e.stack}-${e.account}-audit-archive`;
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const streamArn = `arn:aws:firehose:${REGION}:${e.account}:deliverystream/${id}-audit`;
  const dataRoot = `audit/postgres/${id}/`;
  const errorRoot = `audit-errors/postgres/${id}/`;

  it("streams into the Object Lock audit-archive bucket, date-partitioned, gzip, under the stack key", async () => {
    const run = await stackRun(e.stack);
    const stream = one(run, STREAM);
    expect(stream.inputs).toMatchObject({
      name: `${id}-audit`,
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: stackKeyArn(run) },
      extendedS3Configuration: {
        bucketArn,
        prefix: `${dataRoot}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`,
        errorOutputPrefix: `${errorRoot}!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`,
        compressionFormat: "GZIP",
        kmsKeyArn: stackKeyArn(run),
        bufferingInterval: e.interval,
        bufferingSize: e.sizeMiB,
        cloudwatchLoggingOptions: { enabled: true, logGroupName: `/aws/kinesisfirehose/${id}-audit`, logStreamName: "DestinationDelivery" },
      },
    });
    // It holds up to 24 hours of undelivered audit records: protected where the tier protects stateful resources.
    expect(stream.options.protect).toBe(e.protect);
    // CloudWatch Logs batches arrive gzip'd: unpacked, one batch per line, then gzip'd once for the object.
    expect((stream.inputs.extendedS3Configuration as { processingConfiguration: unknown }).processingConfiguration).toEqual({
      enabled: true,
      processors: [
        { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
        { type: "AppendDelimiterToRecord" },
      ],
    });
    // The bucket is the S3 adapter's Object Lock bucket, and its policy admits uploads under exactly the key Firehose names.
    const locked = ofType(run, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").map((r) => r.inputs.bucket);
    expect(locked).toContain(bucket);
    const policy = ofType(run, "aws:s3/bucketPolicy:BucketPolicy").find((r) => r.inputs.bucket === bucket);
    const denyOtherKey = json<Document>(policy?.inputs.policy).Statement.find((s) => s.Sid === "DenyOtherKmsKey");
    expect(denyOtherKey?.Condition?.StringNotEquals).toEqual({ "s3:x-amz-server-side-encryption-aws-kms-key-id": stackKeyArn(run) });
  });

  it("subscribes the primary's exported postgresql log group with pgAudit's marker, once the instance (and so the group) exists", async () => {
    const run = await stackRun(e.stack);
    const logGroup = `/aws/rds/instance/${id}/postgresql`;
    // The group the subscription names is the one the RDS component creates (with the key and a retention).
    expect(ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((g) => g.inputs.name === logGroup)).toHaveLength(1);
    const filter = one(run, FILTER);
    expect(filter.inputs).toMatchObject({ name: `${id}-audit`, logGroup, filterPattern: "\"AUDIT:\"", destinationArn: streamArn });
    expect(String(filter.inputs.roleArn)).toMatch(new RegExp(`${id}-audit-logs$`));
    expect(filter.options.dependsOn.map((r) => `${r.type} ${r.name}`)).toContain(`aws:rds/instance:Instance ${id}`);
    // At most two subscription filters per log group (PutSubscriptionFilter): this stack adds one.
    expect(ofType(run, FILTER).filter((f) => f.inputs.logGroup === logGroup)).toHaveLength(1);
  });

  it("loads pgAudit through the parameter group: the library at the next reboot, DDL, role and write classes, the rds_pgaudit role", async () => {
    const run = await stackRun(e.stack);
    const group = one(run, "aws:rds/parameterGroup:ParameterGroup");
    const params = new Map((group.inputs.parameters as { name: string; value: string; applyMethod: string }[]).map((p) => [p.name, p]));
    expect(params.get("shared_preload_libraries")).toEqual({ name: "shared_preload_libraries", value: "pg_stat_statements,pgaudit", applyMethod: "pending-reboot" });
    expect(params.get("pgaudit.log")?.value).toBe("ddl,role,write");
    expect(params.get("pgaudit.role")?.value).toBe("rds_pgaudit");
  });

  it("gives Firehose a role it alone assumes for this account, writing only under the archive's prefixes, never deleting", async () => {
    const run = await stackRun(e.stack);
    const role = childOf(run, ROLE, "-firehose");
    expect(role.inputs.name).toBe(`${id}-audit-firehose`);
    expect(json<Document>(role.inputs.assumeRolePolicy).Statement).toEqual([{
      Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": e.account } },
    }]);
    const statements = json<Document>(childOf(run, ROLE_POLICY, "-firehose").inputs.policy).Statement;
    const all = statements.flatMap(actions);
    expect(all.filter((a) => /delete|\*/i.test(a))).toEqual([]);
    const writes = statements.find((s) => actions(s).includes("s3:PutObject"));
    expect(resources(writes!)).toEqual([`${bucketArn}/${dataRoot}*`, `${bucketArn}/${errorRoot}*`]);
    const kms = statements.find((s) => actions(s).includes("kms:GenerateDataKey"));
    expect(kms?.Resource).toBe(stackKeyArn(run));
    expect(kms?.Condition?.StringEquals).toEqual({ "kms:ViaService": `s3.${REGION}.amazonaws.com` });
    // Review 2026-11-29: the audit bucket uses S3 Bucket Keys, and then S3 asks KMS with the bucket's ARN as the
    // encryption context, not the object's (S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys",
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html): a context condition without the bucket
    // ARN would make KMS refuse every upload, which no mock notices.
    const encryption = ofType(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find((r) => r.inputs.bucket === bucket);
    const bucketKeys = (encryption?.inputs.rules as { bucketKeyEnabled?: boolean }[] | undefined)?.some((r) => r.bucketKeyEnabled === true);
    const context = kms?.Condition?.StringLike?.["kms:EncryptionContext:aws:s3:arn"] as string[] | undefined;
    expect(bucketKeys).toBe(true);
    expect(context).toContain(bucketArn);
    expect(context?.filter((c) => c !== bucketArn).every((c) => c.startsWith(`${bucketArn}/`))).toBe(true);
    const logs = statements.find((s) => actions(s).includes("logs:PutLogEvents"));
    expect(logs?.Resource).toBe(`arn:aws:logs:${REGION}:${e.account}:log-group:/aws/kinesisfirehose/${id}-audit:log-stream:DestinationDelivery`);
  });

  it("gives CloudWatch Logs a role limited to this account's log groups, putting records into this stream only", async () => {
    const run = await stackRun(e.stack);
    const role = childOf(run, ROLE, "-logs");
    expect(json<Document>(role.inputs.assumeRolePolicy).Statement[0]).toMatchObject({
      Principal: { Service: "logs.amazonaws.com" },
      Condition: { StringLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${e.account}:*` } },
    });
    expect(json<Document>(childOf(run, ROLE_POLICY, "-logs").inputs.policy).Statement).toEqual([
      { Sid: "PutIntoTheAuditStream", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: streamArn },
    ]);
  });

  it("alarms on undelivered records and failed forwards at the platform levels, in seconds and counts", async () => {
    const run = await stackRun(e.stack);
    const alarms = ofType(run, ALARM).filter((a) => a.inputs.namespace === "AWS/Firehose" || a.inputs.namespace === "AWS/Logs");
    const byName = Object.fromEntries(alarms.map((a) => [String(a.inputs.name), a.inputs]));
    // Firehose keeps retrying S3 for 24 hours: critical at 2 h, warning at 30 min (the buffer is at most 15 min).
    expect(byName[`${e.stack}-audit-postgres-firehose-s3-data-freshness-warning`]).toMatchObject({
      metricName: "DeliveryToS3.DataFreshness", dimensions: { DeliveryStreamName: `${id}-audit` }, threshold: 1800, statistic: "Maximum", treatMissingData: "notBreaching",
    });
    // Five-minute periods at both severities: the critical alarm's one-minute periods could never see three breaching
    // points if Firehose publishes once per five minutes.
    expect(byName[`${e.stack}-audit-postgres-firehose-s3-data-freshness-critical`]).toMatchObject({ threshold: 7200, period: 300 });
    expect(byName[`${e.stack}-audit-postgres-firehose-s3-data-freshness-warning`]).toMatchObject({ period: 300 });
    expect(byName[`${e.stack}-audit-postgres-logs-subscription-delivery-errors-critical`]).toMatchObject({
      metricName: "DeliveryErrors", statistic: "Sum", threshold: 100,
      dimensions: { LogGroupName: `/aws/rds/instance/${id}/postgresql`, DestinationType: "Firehose", FilterName: `${id}-audit` },
    });
    expect(Object.keys(byName)).toHaveLength(4);
    // The freshness threshold must outlast the largest buffer interval Firehose allows, or a healthy stream would warn.
    expect(byName[`${e.stack}-audit-postgres-firehose-s3-data-freshness-warning`].threshold).toBeGreaterThan(900);
  });

  it("graphs freshness and failed forwards on the environment's dashboard", async () => {
    const run = await stackRun(e.stack);
    const body = String(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body).toContain(`"AWS/Firehose","DeliveryToS3.DataFreshness","DeliveryStreamName","${id}-audit"`);
    expect(body).toContain(`"AWS/Logs","DeliveryErrors","LogGroupName","/aws/rds/instance/${id}/postgresql"`);
  });

  it("outputs where the audit lines land and the admin's one-time SQL", async () => {
    const run = await stackRun(e.stack);
    expect((run.outputs.postgres as { audit: unknown }).audit).toMatchObject({
      streamName: `${id}-audit`, bucket, dataPrefix: dataRoot, errorPrefix: errorRoot,
      bootstrapSql: "CREATE ROLE rds_pgaudit;\nCREATE EXTENSION IF NOT EXISTS pgaudit;",
    });
  });
});
