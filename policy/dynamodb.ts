import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { baseline, fsbp } from "./lib/controls";
import { definitely, isAbsent } from "./lib/values";

// Security Hub controls for DynamoDB (https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html,
// read 2026-11-29). DynamoDB.3 and DynamoDB.7 are DAX controls (no DAX here). DynamoDB.4 ("present in a backup plan")
// is not a policy: it needs an AWS Backup plan, which this stack does not own (docs/policy.md, DynamoDB exceptions);
// point-in-time recovery (DynamoDB.2, 35 days in prod) is the table's backup.

export const dynamoDbCapacityScales: ResourceValidationPolicy = {
  name: "dynamodb-1-capacity-scales",
  ...fsbp(["DynamoDB.1"], "DynamoDB tables scale capacity with demand: on-demand (PAY_PER_REQUEST) billing, since the stack creates no Application Auto Scaling for provisioned tables.", "medium",
    "Set billingMode: PAY_PER_REQUEST (components/dynamodb does)."),
  validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, report) => {
    if (definitely(() => table.billingMode !== "PAY_PER_REQUEST")) {
      report(`billingMode is ${table.billingMode ?? "unset (PROVISIONED)"}: provisioned capacity without auto scaling throttles past its fixed units. Set PAY_PER_REQUEST.`);
    }
  }),
};

export const dynamoDbPointInTimeRecovery: ResourceValidationPolicy = {
  name: "dynamodb-2-point-in-time-recovery",
  ...fsbp(["DynamoDB.2"], "DynamoDB tables have point-in-time recovery enabled.", "medium",
    "Set pointInTimeRecovery: { enabled: true } (components/dynamodb always does)."),
  validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, report) => {
    if (definitely(() => table.pointInTimeRecovery?.enabled !== true)) {
      report("pointInTimeRecovery is not enabled: an overwritten or deleted item (or a dropped table) could not be restored. Enable it.");
    }
  }),
};

export const dynamoDbDeletionProtection: ResourceValidationPolicy = {
  name: "dynamodb-6-deletion-protection",
  ...fsbp(["DynamoDB.6"], "DynamoDB tables have deletion protection enabled.", "medium",
    "Set deletionProtectionEnabled: true (the prod profile does; dev leaves it off so `pulumi destroy` works)."),
  validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, report) => {
    if (definitely(() => table.deletionProtectionEnabled !== true)) {
      report("deletionProtectionEnabled is not true: DeleteTable (a console click, `pulumi destroy`, or the Fiber adapter's Reset with a broad role) drops every item. Set it to true.");
    }
  }),
};

export const dynamoDbCustomerKey: ResourceValidationPolicy = {
  name: "dynamodb-kms-encryption",
  ...baseline("Sparki baseline: encryption", "DynamoDB tables are encrypted with the customer KMS key (server-side encryption enabled with kmsKeyArn), not the AWS-owned or AWS-managed key (AWS Control Tower CT.DYNAMODB.PR.2).", "high",
    "Set serverSideEncryption: { enabled: true, kmsKeyArn: <the environment's key> }."),
  validateResource: validateResourceOfType(aws.dynamodb.Table, (table, _args, report) => {
    if (definitely(() => table.serverSideEncryption?.enabled !== true)) {
      report("serverSideEncryption is not enabled: the table uses the AWS-owned key, whose use no key policy or CloudTrail entry of this account shows. Enable it with the environment's key.");
    } else if (isAbsent(() => table.serverSideEncryption?.kmsKeyArn)) {
      report("serverSideEncryption names no kmsKeyArn: the table uses the AWS-managed key aws/dynamodb instead of the environment's customer key.");
    }
  }),
};

export const DYNAMODB_POLICIES = [dynamoDbCapacityScales, dynamoDbPointInTimeRecovery, dynamoDbDeletionProtection, dynamoDbCustomerKey];
