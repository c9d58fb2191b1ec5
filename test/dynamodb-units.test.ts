import { describe, expect, it } from "vitest";
import { alarmLevel, METRICS } from "../components/alerting";
import { dynamoDbProblems, DYNAMODB_DEFAULTS, resolveDynamoDbStoreArgs } from "../components/dynamodb/args";
import { tableAccessPolicyDocument, tableArnOf } from "../components/dynamodb/access-policy";
import { ADAPTER_OPERATIONS, FIBER_DYNAMODB, NEVER_GRANTED, READ_ACTIONS, WRITE_ACTIONS } from "../components/dynamodb/fiber";
import {
  attributeProblems, billingProblems, KMS_KEY_REFERENCE, pitrProblems, sseProblems, tableNameProblem, ttlProblems,
} from "../components/dynamodb/rules";
import { PLATFORM_THRESHOLDS } from "../components/matrix";
import { platformThreshold } from "../components/alerting/thresholds";

/**
 * Oracles written down from the sources, independently of the code:
 * - gofiber/storage dynamodb.go (8c8f561): keyAttrName "k", AttributeValueMemberS for the key; valAttrName "v",
 *   AttributeValueMemberB for the value; ConfigDefault.Table "fiber_storage"; createTable uses ProvisionedThroughput 5/5.
 * - DynamoDB naming rules: 3-255 characters, a-z A-Z 0-9 _ - .
 * - PITR recovery period: 1-35 days (35 by default).
 * - DynamoDB metrics: SuccessfulRequestLatency in milliseconds (TableName, Operation); SystemErrors counts (TableName,
 *   Operation); Read/WriteThrottleEvents counts (TableName).
 */

const scope = { tableArn: "arn:aws:dynamodb:eu-west-1:111111111111:table/sparki-dev-fiber-storage", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/abc", region: "eu-west-1", accountId: "111111111111" };
const good = { tableName: "sparki-dev-fiber-storage", recoveryPeriodDays: 35 };

describe("what the Fiber adapter expects (gofiber/storage dynamodb)", () => {
  it("is a string hash key k and a binary value v in table fiber_storage by default, created provisioned 5/5 if missing", () => {
    expect(FIBER_DYNAMODB.keyAttribute).toEqual({ name: "k", type: "S" });
    expect(FIBER_DYNAMODB.valueAttribute).toEqual({ name: "v", type: "B" });
    expect(FIBER_DYNAMODB.defaultTable).toBe("fiber_storage");
    expect(FIBER_DYNAMODB.selfCreated).toEqual({ billingMode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 5 });
    expect(ADAPTER_OPERATIONS).toEqual(["GetItem", "PutItem", "DeleteItem"]);
  });
});

describe("table access policies", () => {
  it("grant exactly DescribeTable and GetItem to readers, plus PutItem and DeleteItem to writers, on the one table", () => {
    const read = tableAccessPolicyDocument("read-only", scope) as { Statement: { Action: string[]; Resource: string }[] };
    const write = tableAccessPolicyDocument("read-write", scope) as { Statement: { Action: string[]; Resource: string }[] };
    expect(read.Statement[0]).toMatchObject({ Action: ["dynamodb:DescribeTable", "dynamodb:GetItem"], Resource: scope.tableArn });
    expect(write.Statement[0]).toMatchObject({ Action: ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], Resource: scope.tableArn });
    for (const doc of [read, write]) {
      const actions = doc.Statement.flatMap((s) => s.Action);
      for (const never of [...NEVER_GRANTED, "dynamodb:Scan", "dynamodb:Query", "dynamodb:*", "kms:*"]) expect(actions).not.toContain(never);
      expect(JSON.stringify(doc)).not.toContain("\"*\"");
    }
    expect([...READ_ACTIONS, ...WRITE_ACTIONS]).toHaveLength(4);
  });

  it("let the key be used only through DynamoDB in the table's region, by the table's account", () => {
    const doc = tableAccessPolicyDocument("read-write", scope) as { Statement: { Action: string[]; Condition?: unknown }[] };
    expect(doc.Statement[1]).toMatchObject({
      Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: scope.kmsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com", "kms:CallerAccount": "111111111111" } },
    });
  });

  it("build table ARNs per partition", () => {
    expect(tableArnOf("eu-west-1", "111111111111", "t1x")).toBe("arn:aws:dynamodb:eu-west-1:111111111111:table/t1x");
    expect(tableArnOf("cn-north-1", "111111111111", "t1x")).toBe("arn:aws-cn:dynamodb:cn-north-1:111111111111:table/t1x");
  });
});

describe("component arguments", () => {
  it("default to 35 days of PITR, deletion protection on, no protect", () => {
    expect(DYNAMODB_DEFAULTS).toEqual({ recoveryPeriodDays: 35, deletionProtection: true, protect: false });
    const a = resolveDynamoDbStoreArgs({ tableName: "t12", kmsKeyArn: "k", region: "eu-west-1", accountId: "1", alarms: { environment: "e", topicArns: { warning: "w", critical: "c" } } });
    expect(a).toMatchObject({ recoveryPeriodDays: 35, deletionProtection: true, protect: false });
    expect(a.ttlAttribute).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a 2-character name", { tableName: "ab" }, "tableName"],
    ["a name with '/'", { tableName: "a/b/c" }, "tableName"],
    ["36 days of PITR", { recoveryPeriodDays: 36 }, "recoveryPeriodDays"],
    ["0 days of PITR", { recoveryPeriodDays: 0 }, "recoveryPeriodDays"],
    ["TTL on k", { ttlAttribute: "k" }, "ttlAttribute"],
    ["an empty TTL name", { ttlAttribute: "" }, "ttlAttribute"],
    ["a read cap of 0", { maxReadRequestUnits: 0 }, "maxReadRequestUnits"],
    ["a write cap over 40000", { maxWriteRequestUnits: 40_001 }, "maxWriteRequestUnits"],
  ])("refuses %s", (_case, change, field) => {
    expect(dynamoDbProblems({ ...good, ...change }).map(([f]) => f)).toEqual([field]);
  });

  it("accepts the boundaries", () => {
    expect(dynamoDbProblems({ ...good, tableName: "abc", recoveryPeriodDays: 1, ttlAttribute: "exp", maxReadRequestUnits: 1, maxWriteRequestUnits: 40_000 })).toEqual([]);
    expect(dynamoDbProblems({ ...good, tableName: "A".repeat(255) })).toEqual([]);
  });
});

describe("engine rules (components/dynamodb/rules.ts)", () => {
  it("judge table names by the naming rules", () => {
    for (const ok of ["abc", "fiber_storage", "sparki-prod.fiber", "A".repeat(255)]) expect(tableNameProblem(ok), ok).toBeUndefined();
    for (const bad of ["ab", "A".repeat(256), "fiber storage", "fiber/storage", "tábla", ""]) expect(tableNameProblem(bad), bad).toBeDefined();
  });

  it("accept KMS key IDs, key ARNs, alias names and alias ARNs only", () => {
    for (const ok of ["1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab", "alias/sparki", "arn:aws:kms:eu-west-1:111111111111:alias/sparki",
      "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"]) expect(KMS_KEY_REFERENCE.test(ok), ok).toBe(true);
    for (const bad of ["sparki", "arn:aws:s3:::bucket", "key/1234"]) expect(KMS_KEY_REFERENCE.test(bad), bad).toBe(false);
  });

  it("find the Fiber table's shape valid and its counterexamples invalid", () => {
    const fiber = { hashKey: "k", attributes: [{ name: "k", type: "S" }], billingMode: "PAY_PER_REQUEST" };
    expect(attributeProblems(fiber)).toEqual([]);
    expect(billingProblems(fiber)).toEqual([]);
    expect(attributeProblems({ ...fiber, attributes: [] })).toHaveLength(1);
    expect(attributeProblems({ ...fiber, rangeKey: "r", attributes: [{ name: "k", type: "S" }, { name: "r", type: "N" }] })).toEqual([]);
    expect(billingProblems({ billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5 })).toEqual([]);
    expect(billingProblems({ billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 0 })).toHaveLength(1);
    expect(ttlProblems({ enabled: true, attributeName: "exp" })).toEqual([]);
    expect(ttlProblems({ enabled: false })).toEqual([]);
    expect(sseProblems({ enabled: true })).toEqual([]);
    expect(pitrProblems({ enabled: true, recoveryPeriodInDays: 35 })).toEqual([]);
    expect(pitrProblems({ enabled: true, recoveryPeriodInDays: 35.5 })).toHaveLength(1);
  });
});

describe("alarm levels", () => {
  it("are platform thresholds with a rationale, in the metric's own unit", () => {
    for (const key of ["dynamodbRequestLatency", "dynamodbThrottleEvents", "dynamodbSystemErrors"] as const) {
      expect(PLATFORM_THRESHOLDS[key].rationale.length, key).toBeGreaterThan(60);
    }
    expect(METRICS.dynamodbRequestLatency).toMatchObject({ namespace: "AWS/DynamoDB", metricName: "SuccessfulRequestLatency", dimensions: ["TableName", "Operation"], unit: "milliseconds", percentiles: false });
    expect(METRICS.dynamodbSystemErrors).toMatchObject({ metricName: "SystemErrors", dimensions: ["TableName", "Operation"], unit: "count", statistic: "Sum" });
    expect(METRICS.dynamodbReadThrottleEvents).toMatchObject({ metricName: "ReadThrottleEvents", dimensions: ["TableName"], unit: "count", statistic: "Sum" });
    expect(METRICS.dynamodbWriteThrottleEvents).toMatchObject({ metricName: "WriteThrottleEvents", dimensions: ["TableName"], unit: "count", statistic: "Sum" });
    for (const key of ["dynamodbRequestLatency", "dynamodbSystemErrors", "dynamodbReadThrottleEvents", "dynamodbWriteThrottleEvents"] as const) {
      expect(METRICS[key].missingData, key).toBe("notBreaching");
    }
    // 10 ms warning on a metric CloudWatch reports in milliseconds: 10, not 0.01.
    expect(alarmLevel("dynamodbRequestLatency", platformThreshold("dynamodbRequestLatency"), "warning")).toBe(10);
  });
});
