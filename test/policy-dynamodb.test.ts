import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { DYNAMODB_POLICIES, dynamoDbCapacityScales, dynamoDbCustomerKey, dynamoDbDeletionProtection, dynamoDbPointInTimeRecovery } from "../policy/dynamodb";
import {
  DYNAMODB_ENGINE_RULES, dynamoDbBillingCapacity, dynamoDbKeyAttributes, dynamoDbPitrPeriod, dynamoDbSseKey, dynamoDbTableName, dynamoDbTtl,
} from "../policy/engine-rules-dynamodb";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { KEY_ARN, T } from "./policy-fixtures";
import { checkResource, pulumiType, readPolicyConfigFile, reconcilePolicyConfig } from "./policy-harness";

/**
 * The FSBP controls, the baseline and the engine rules for DynamoDB tables (components/dynamodb). Each has the
 * table as the component registers it in prod (passes) and counterexamples with the exact message they produce.
 */

const TABLE = pulumiType(aws.dynamodb.Table);

/** The prod Fiber table as components/dynamodb registers it. */
const fiberTable = (): Record<string, unknown> => ({
  name: "sparki-prod-fiber-storage", region: "eu-west-1", billingMode: "PAY_PER_REQUEST", hashKey: "k", attributes: [{ name: "k", type: "S" }],
  serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN }, pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
  deletionProtectionEnabled: true,
});

const CASES: ResourceCase[] = [
  { policy: dynamoDbCapacityScales, type: TABLE, pass: fiberTable(), failures: [
    [{ billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5 }, "billingMode is PROVISIONED: provisioned capacity without auto scaling throttles past its fixed units. Set PAY_PER_REQUEST."],
  ] },
  { policy: dynamoDbPointInTimeRecovery, type: TABLE, pass: fiberTable(), failures: [
    [{ pointInTimeRecovery: { enabled: false } }, "pointInTimeRecovery is not enabled: an overwritten or deleted item (or a dropped table) could not be restored. Enable it."],
    [{ pointInTimeRecovery: undefined }, "pointInTimeRecovery is not enabled: an overwritten or deleted item (or a dropped table) could not be restored. Enable it."],
  ] },
  { policy: dynamoDbDeletionProtection, type: TABLE, pass: fiberTable(), failures: [
    [{ deletionProtectionEnabled: false }, "deletionProtectionEnabled is not true: DeleteTable (a console click, `pulumi destroy`, or the Fiber adapter's Reset with a broad role) drops every item. Set it to true."],
  ] },
  { policy: dynamoDbCustomerKey, type: TABLE, pass: fiberTable(), failures: [
    [{ serverSideEncryption: undefined }, "serverSideEncryption is not enabled: the table uses the AWS-owned key, whose use no key policy or CloudTrail entry of this account shows. Enable it with the environment's key."],
    [{ serverSideEncryption: { enabled: true } }, "serverSideEncryption names no kmsKeyArn: the table uses the AWS-managed key aws/dynamodb instead of the environment's customer key."],
  ] },
  // Engine rules (what DynamoDB or the provider refuses at create time).
  { policy: dynamoDbTableName, type: TABLE, pass: fiberTable(), failures: [
    [{ name: "ab" }, "table name \"ab\" must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB refuses it with a ValidationException)."],
    [{ name: "fiber storage" }, "table name \"fiber storage\" must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB refuses it with a ValidationException)."],
    [{ name: "t".repeat(256) }, `table name "${"t".repeat(256)}" must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB refuses it with a ValidationException).`],
  ] },
  { policy: dynamoDbKeyAttributes, type: TABLE, pass: fiberTable(), failures: [
    // The value attribute declared as well: the provider refuses non-key attributes.
    [{ attributes: [{ name: "k", type: "S" }, { name: "v", type: "B" }] },
      "attribute \"v\" is declared but is no key of the table or an index: declare only key attributes (all attributes must be indexed)."],
    [{ attributes: [{ name: "k", type: "BOOL" }] }, "attribute \"k\" has type \"BOOL\": key attributes are S (string), N (number) or B (binary)."],
    [{ hashKey: "id" },
      "key attribute \"id\" is not declared in attributes: every hash and range key (of the table and its indexes) needs a definition; attribute \"k\" is declared but is no key of the table or an index: declare only key attributes (all attributes must be indexed)."],
    [{ rangeKey: "created" }, "key attribute \"created\" is not declared in attributes: every hash and range key (of the table and its indexes) needs a definition."],
    [{ globalSecondaryIndexes: [{ name: "by-owner", hashKey: "owner", projectionType: "ALL" }] },
      "key attribute \"owner\" is not declared in attributes: every hash and range key (of the table and its indexes) needs a definition."],
  ] },
  { policy: dynamoDbBillingCapacity, type: TABLE, pass: fiberTable(), failures: [
    [{ readCapacity: 5 }, "billingMode PAY_PER_REQUEST takes no readCapacity/writeCapacity (got 5/undefined): DynamoDB refuses provisioned throughput on an on-demand table."],
    [{ billingMode: "PROVISIONED" }, "billingMode PROVISIONED needs readCapacity and writeCapacity of at least 1."],
    [{ billingMode: undefined }, "billingMode PROVISIONED (the default when billingMode is absent) needs readCapacity and writeCapacity of at least 1."],
    [{ billingMode: "ON_DEMAND" }, "billingMode \"ON_DEMAND\" must be PAY_PER_REQUEST or PROVISIONED."],
  ] },
  { policy: dynamoDbTtl, type: TABLE, pass: { ...fiberTable(), ttl: { enabled: true, attributeName: "expires_at" } }, failures: [
    [{ ttl: { enabled: true } }, "ttl is enabled without an attributeName: name the Number attribute that holds the expiry in epoch seconds."],
    [{ ttl: { enabled: false, attributeName: "expires_at" } }, "ttl.attributeName \"expires_at\" is set while ttl is disabled: the provider refuses it (omit the name, or enable TTL)."],
  ] },
  { policy: dynamoDbSseKey, type: TABLE, pass: fiberTable(), failures: [
    [{ serverSideEncryption: { enabled: false, kmsKeyArn: KEY_ARN } }, `serverSideEncryption.kmsKeyArn is set while enabled is false (which means the AWS-owned key): set enabled true to use ${KEY_ARN}.`],
    [{ serverSideEncryption: { enabled: true, kmsKeyArn: "my-key" } }, "serverSideEncryption.kmsKeyArn \"my-key\" is no KMS key ID, key ARN, alias name or alias ARN."],
  ] },
  { policy: dynamoDbPitrPeriod, type: TABLE, pass: fiberTable(), failures: [
    [{ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 36 } }, "pointInTimeRecovery.recoveryPeriodInDays must be a whole number of days 1..35, got 36."],
    [{ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 0 } }, "pointInTimeRecovery.recoveryPeriodInDays must be a whole number of days 1..35, got 0."],
    [{ pointInTimeRecovery: { enabled: false, recoveryPeriodInDays: 7 } }, "pointInTimeRecovery.recoveryPeriodInDays 7 is set while point-in-time recovery is disabled."],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("DynamoDB policies in the pack", () => {
  it("are registered, the engine rules among the engine rules, mandatory in both tiers' policy config", () => {
    for (const p of [...DYNAMODB_POLICIES, ...DYNAMODB_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of DYNAMODB_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const p of DYNAMODB_ENGINE_RULES) expect(config.get(p.name)?.enforcementLevel, `${stack} ${p.name}`).toBe("mandatory");
    }
    // FSBP controls are mandatory in prod (all mandatory) and advisory in dev (dev keeps deletion protection off).
    const prod = reconcilePolicyConfig(readPolicyConfigFile("prod"), "mandatory");
    for (const p of DYNAMODB_POLICIES) expect(prod.get(p.name)?.enforcementLevel, p.name).toBe("mandatory");
  });

  it("name the FSBP controls they implement", () => {
    expect(DYNAMODB_POLICIES.map((p) => p.description?.match(/^\[([^\]]+)\]/)?.[1])).toEqual(["DynamoDB.1", "DynamoDB.2", "DynamoDB.6", "Sparki baseline: encryption"]);
  });

  it("pass the dev table but for deletion protection, which dev leaves off by design (advisory there)", async () => {
    const dev = { ...fiberTable(), name: "sparki-dev-fiber-storage", deletionProtectionEnabled: false, pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 7 } };
    const failing: string[] = [];
    for (const policy of [...DYNAMODB_POLICIES, ...DYNAMODB_ENGINE_RULES]) {
      if ((await checkResource(policy, { type: TABLE, props: dev })).violations.length > 0) failing.push(policy.name);
    }
    expect(failing).toEqual(["dynamodb-6-deletion-protection"]);
  });
});
