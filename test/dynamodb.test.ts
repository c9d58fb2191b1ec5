import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { STATEFUL_RESOURCE_TYPES } from "../stacks/adapters/registry";
import { capturedRun, childrenOf, json, ofType, one, type ProgramRun, type RegisteredResource } from "./harness";

/**
 * The Fiber storage/dynamodb table (components/dynamodb; adapter stacks/adapters/dynamodb) as the example stacks
 * examples/dynamodb/Pulumi.dynamodb-{dev,prod}.yaml register it. The expected values are written from the stack
 * files, the tiers (dev: 7 days of PITR, no deletion protection; prod: 35 days, deletion protection, protect), the
 * Fiber adapter's source (gofiber/storage dynamodb.go: hash key `k` of type S, value `v` binary, expiry ignored)
 * and the DynamoDB documentation named beside them, not read from the program.
 */

const TABLE = "aws:dynamodb/table:Table";
const POLICY = "aws:iam/policy:Policy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ACCOUNT = "555555555555";
const REGION = "eu-west-1";

const EXAMPLES = [
  { stack: "dynamodb-dev", profile: "dev", pitrDays: 7, deletionProtection: false, protect: false, maxWrite: 100 as number | undefined, vpcCidr: "10.76.0.0/16" },
  { stack: "dynamodb-prod", profile: "prod", pitrDays: 35, deletionProtection: true, protect: true, maxWrite: undefined as number | undefined, vpcCidr: "10.77.0.0/16" },
] as const;

const runOf = (stack: string) => capturedRun({ stack, stackDir: join(REPO_ROOT, "examples", "dynamodb") });
const component = (run: ProgramRun) => one(run, "sparki:dynamodb:DynamoDbStore");
const childOf = (run: ProgramRun, type: string) => childrenOf(run, component(run)).filter((r) => r.type === type);

// Platform thresholds (components/matrix PLATFORM_THRESHOLDS), in the metrics' own units (milliseconds, counts):
// the matrix row "DynamoDB | NoSQL | AWS-only, higher costs" gives no figures.
const LATENCY_MS = { warning: 10, critical: 25 };
const THROTTLES = { warning: 10, critical: 100 };
const SYSTEM_ERRORS = { warning: 0, critical: 10 };

interface Statement { Sid: string; Effect: string; Action: string[]; Resource: string; Condition?: Record<string, Record<string, string>> }

describe.each(EXAMPLES)("DynamoDB of $stack", (e) => {
  const tableName = `sparki-${e.stack}-fiber-storage`;
  const tableArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${tableName}`;

  it("creates the table the Fiber adapter reads and writes: hash key k (S) and nothing else declared, on demand", async () => {
    const run = await runOf(e.stack);
    const table = one(run, TABLE);
    expect(table.parent?.type).toBe("sparki:dynamodb:DynamoDbStore");
    expect(table.inputs).toMatchObject({ name: tableName, region: REGION, hashKey: "k", attributes: [{ name: "k", type: "S" }], billingMode: "PAY_PER_REQUEST" });
    // On demand: no provisioned capacity (the adapter's own CreateTable would use PROVISIONED 5/5).
    expect(table.inputs.readCapacity).toBeUndefined();
    expect(table.inputs.writeCapacity).toBeUndefined();
    expect(table.inputs.rangeKey).toBeUndefined();
  });

  it("encrypts with the stack's customer KMS key, not the AWS-owned or AWS-managed key", async () => {
    const run = await runOf(e.stack);
    expect(one(run, TABLE).inputs.serverSideEncryption).toEqual({ enabled: true, kmsKeyArn: run.outputs.kmsKeyArn });
    expect(String(run.outputs.kmsKeyArn)).toMatch(/^arn:aws:kms:eu-west-1:555555555555:key\//);
  });

  it(`keeps ${e.pitrDays} days of point-in-time recovery, ${e.deletionProtection ? "with deletion protection and protect" : "without deletion protection or protect"}`, async () => {
    const run = await runOf(e.stack);
    const table = one(run, TABLE);
    expect(table.inputs.pointInTimeRecovery).toEqual({ enabled: true, recoveryPeriodInDays: e.pitrDays });
    expect(table.inputs.deletionProtectionEnabled).toBe(e.deletionProtection);
    expect(table.options.protect).toBe(e.protect);
    expect(STATEFUL_RESOURCE_TYPES.has(TABLE)).toBe(true);
  });

  it("turns on no TTL (the adapter writes no expiry attribute) and caps on-demand throughput only where the stack says", async () => {
    const run = await runOf(e.stack);
    const table = one(run, TABLE);
    expect(table.inputs.ttl).toBeUndefined();
    if (e.maxWrite === undefined) expect(table.inputs.onDemandThroughput).toBeUndefined();
    else expect(table.inputs.onDemandThroughput).toEqual({ maxWriteRequestUnits: e.maxWrite });
  });

  it("outputs what storage/dynamodb needs to connect, the schema and expiry behaviour, and no secret", async () => {
    const run = await runOf(e.stack);
    const out = run.outputs.dynamodb as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/dynamodb"], region: REGION, tableName, tableArn, endpoint: `https://dynamodb.${REGION}.amazonaws.com`,
      keyAttribute: { name: "k", type: "S" }, valueAttribute: { name: "v", type: "B" }, billingMode: "PAY_PER_REQUEST", expiry: "ignored",
      adapterMayCreateTable: false, adapterMayResetTable: false, pointInTimeRecoveryDays: e.pitrDays, deletionProtection: e.deletionProtection,
      kmsKeyArn: run.outputs.kmsKeyArn,
    });
    expect(out.ttlAttribute).toBeUndefined();
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/password|secret|AccessKey|SecretAccessKey/i);
  });

  it("grants read-only and read-write managed policies on this one table, the key only through DynamoDB, never CreateTable or DeleteTable", async () => {
    const run = await runOf(e.stack);
    const policies = childOf(run, POLICY);
    expect(policies.map((p) => p.inputs.name).sort()).toEqual([`sparki-${e.stack}-dynamodb-read-only`, `sparki-${e.stack}-dynamodb-read-write`]);
    const keyArn = String(run.outputs.kmsKeyArn);
    const statements = (p: RegisteredResource) => json<{ Statement: Statement[] }>(p.inputs.policy).Statement;
    const kmsCondition = { StringEquals: { "kms:ViaService": `dynamodb.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT } };
    const byName = (suffix: string) => statements(policies.find((p) => String(p.inputs.name).endsWith(suffix))!);
    expect(byName("read-only")).toEqual([
      { Sid: "ReadFiberTable", Effect: "Allow", Action: ["dynamodb:DescribeTable", "dynamodb:GetItem"], Resource: tableArn },
      { Sid: "UseTableKeyThroughDynamoDb", Effect: "Allow", Action: ["kms:Decrypt"], Resource: keyArn, Condition: kmsCondition },
    ]);
    expect(byName("read-write")).toEqual([
      { Sid: "ReadWriteFiberTable", Effect: "Allow", Action: ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], Resource: tableArn },
      { Sid: "UseTableKeyThroughDynamoDb", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: keyArn, Condition: kmsCondition },
    ]);
    const outputs = (run.outputs.dynamodb as { iamPolicies: Record<string, { arn: string }> }).iamPolicies;
    expect(outputs.readOnly.arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/sparki-${e.stack}-dynamodb-read-only`);
    expect(outputs.readWrite.arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/sparki-${e.stack}-dynamodb-read-write`);
  });

  it("alarms on latency and system errors of each operation the adapter calls, and on read and write throttles, at platform levels", async () => {
    const run = await runOf(e.stack);
    const alarms = ofType(run, ALARM).filter((a) => a.inputs.namespace === "AWS/DynamoDB");
    expect(alarms).toHaveLength(16);
    const levels: Record<string, Record<string, number>> = {};
    for (const a of alarms) {
      const dims = a.inputs.dimensions as Record<string, string>;
      expect(dims.TableName).toBe(tableName);
      expect(a.inputs.treatMissingData).toBe("notBreaching");
      expect(a.inputs.extendedStatistic).toBeUndefined();
      const key = `${String(a.inputs.metricName)}${dims.Operation ? ` ${dims.Operation}` : ""} ${String(a.inputs.statistic)}`;
      levels[key] = { ...levels[key], [(a.inputs.tags as Record<string, string>).Severity]: Number(a.inputs.threshold) };
      // Created once the table exists: never judged while it is being created.
      expect(a.options.dependsOn.some((d) => d.type === TABLE)).toBe(true);
    }
    expect(levels).toEqual({
      "SuccessfulRequestLatency GetItem Average": LATENCY_MS, "SuccessfulRequestLatency PutItem Average": LATENCY_MS, "SuccessfulRequestLatency DeleteItem Average": LATENCY_MS,
      "SystemErrors GetItem Sum": SYSTEM_ERRORS, "SystemErrors PutItem Sum": SYSTEM_ERRORS, "SystemErrors DeleteItem Sum": SYSTEM_ERRORS,
      "ReadThrottleEvents Sum": THROTTLES, "WriteThrottleEvents Sum": THROTTLES,
    });
    expect(new Set(alarms.map((a) => (a.inputs.tags as Record<string, string>).ThresholdSource))).toEqual(new Set([
      "platform:dynamodbRequestLatency", "platform:dynamodbSystemErrors", "platform:dynamodbThrottleEvents",
    ]));
  });

  it("has a dashboard row with the latency levels drawn in", async () => {
    const run = await runOf(e.stack);
    const body = json<{ widgets: { properties: { markdown?: string; metrics?: unknown[][]; annotations?: { horizontal: { value: number }[] } } }[] }>(
      one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.some((w) => w.properties.markdown === `## DynamoDB ${tableName} (Fiber storage/dynamodb, on-demand)`)).toBe(true);
    const getItem = body.widgets.find((w) => JSON.stringify(w.properties.metrics ?? []).includes('"SuccessfulRequestLatency","TableName"')
      && JSON.stringify(w.properties.metrics).includes('"GetItem"'));
    expect(getItem?.properties.annotations?.horizontal.map((h) => h.value)).toEqual([LATENCY_MS.warning, LATENCY_MS.critical]);
  });
});

describe("DynamoDB is opt-in", () => {
  it.each(["dev", "prod"] as const)("registers no table in the root %s stack", async (stack) => {
    const run = await capturedRun({ stack });
    expect(ofType(run, TABLE)).toEqual([]);
    expect(run.outputs.dynamodb).toBeUndefined();
  });
});
