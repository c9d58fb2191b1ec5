import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  attributeProblems, billingProblems, DYNAMODB_ATTRIBUTES_SOURCE, DYNAMODB_BILLING_SOURCE, DYNAMODB_NAMING_SOURCE, DYNAMODB_PITR_SOURCE, DYNAMODB_SSE_SOURCE,
  DYNAMODB_TTL_SOURCE, pitrProblems, sseProblems, tableNameProblem, type TableShape, ttlProblems,
} from "../components/dynamodb/rules";
import { engineRule } from "./lib/controls";
import { knownProperties } from "./lib/values";

/**
 * What DynamoDB (or the AWS provider before it) refuses when a table is created, for any aws.dynamodb.Table in a
 * stack (components/dynamodb/rules.ts holds the checks and their sources). Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

/** The rule's properties, or undefined when one of them is unknown: an unknown value proves nothing (it is judged again at `pulumi up`). */
function shapeOf(table: object, keys: readonly (keyof TableShape)[]): TableShape | undefined {
  return knownProperties<TableShape>(table, keys);
}

function tableRule(name: string, source: string, summary: string, remediation: string, keys: readonly (keyof TableShape)[], problems: (t: TableShape) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...engineRule(source, CHECKED, summary, remediation),
    validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, report) => {
      const shape = shapeOf(table, keys);
      const found = shape === undefined ? [] : problems(shape);
      if (found.length > 0) report(`${found.join("; ")}.`);
    }),
  };
}

export const dynamoDbTableName = tableRule("engine-dynamodb-table-name", DYNAMODB_NAMING_SOURCE,
  "DynamoDB table names are 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.",
  "Rename the table (components/dynamodb takes it from sparki-storage:dynamodb.tableName, checked at config load).",
  ["name"], (t) => { const p = tableNameProblem(t.name); return p === undefined ? [] : [p]; });

export const dynamoDbKeyAttributes = tableRule("engine-dynamodb-key-attributes", DYNAMODB_ATTRIBUTES_SOURCE,
  "Every hash and range key of a DynamoDB table and its indexes is declared in attributes, as S, N or B, and nothing else is declared there.",
  "Declare exactly the key attributes (the Fiber table: k of type S); values such as v need no declaration.",
  ["hashKey", "rangeKey", "attributes", "globalSecondaryIndexes", "localSecondaryIndexes"], attributeProblems);

export const dynamoDbBillingCapacity = tableRule("engine-dynamodb-billing-capacity", DYNAMODB_BILLING_SOURCE,
  "A PAY_PER_REQUEST table sets no read/write capacity; a PROVISIONED table (the default without billingMode) sets both.",
  "Use billingMode PAY_PER_REQUEST without readCapacity/writeCapacity (components/dynamodb does).",
  ["billingMode", "readCapacity", "writeCapacity"], billingProblems);

export const dynamoDbTtl = tableRule("engine-dynamodb-ttl", DYNAMODB_TTL_SOURCE,
  "DynamoDB TTL names its attribute exactly when it is enabled.",
  "Set ttl: { enabled: true, attributeName: <Number attribute of epoch seconds> }, or leave ttl out.",
  ["ttl"], (t) => ttlProblems(t.ttl));

export const dynamoDbSseKey = tableRule("engine-dynamodb-sse-key", DYNAMODB_SSE_SOURCE,
  "A DynamoDB table's kmsKeyArn comes with serverSideEncryption enabled and is a KMS key ID, key ARN, alias name or alias ARN.",
  "Set serverSideEncryption: { enabled: true, kmsKeyArn: <the key's ARN> }.",
  ["serverSideEncryption"], (t) => sseProblems(t.serverSideEncryption));

export const dynamoDbPitrPeriod = tableRule("engine-dynamodb-pitr-period", DYNAMODB_PITR_SOURCE,
  "A DynamoDB point-in-time recovery period is 1-35 days and only set with point-in-time recovery enabled.",
  "Set pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 1..35 }.",
  ["pointInTimeRecovery"], (t) => pitrProblems(t.pointInTimeRecovery));

export const DYNAMODB_ENGINE_RULES = [dynamoDbTableName, dynamoDbKeyAttributes, dynamoDbBillingCapacity, dynamoDbTtl, dynamoDbSseKey, dynamoDbPitrPeriod];
