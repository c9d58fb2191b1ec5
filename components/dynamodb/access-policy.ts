import { partitionOf } from "../common/aws";
import { READ_ACTIONS, WRITE_ACTIONS } from "./fiber";

export const TABLE_ACCESS = ["read-only", "read-write"] as const;
export type TableAccess = (typeof TABLE_ACCESS)[number];

export interface TableAccessScope {
  /** `arn:<partition>:dynamodb:<region>:<account>:table/<name>`. No default. */
  readonly tableArn: string;
  /** The table's customer KMS key. No default. */
  readonly kmsKeyArn: string;
  /** Region of the table: the key is usable only through DynamoDB there. No default. */
  readonly region: string;
  /** Account of the table and its callers. No default. */
  readonly accountId: string;
}

/** `arn:<partition>:dynamodb:<region>:<account>:table/<name>`. */
export function tableArnOf(region: string, accountId: string, tableName: string): string {
  return `arn:${partitionOf(region)}:dynamodb:${region}:${accountId}:table/${tableName}`;
}

/**
 * A least-privilege identity policy for a service using the Fiber table: exactly the calls the adapter makes
 * (components/dynamodb/fiber.ts). Read-only: DescribeTable (its constructor) and GetItem. Read-write adds PutItem
 * and DeleteItem. Never CreateTable, DeleteTable (the adapter's Reset), Scan, Query, batch or table settings, and
 * only this table (no index ARNs: the table has none). The stack key is usable only through DynamoDB in this
 * region for this account (kms:ViaService, kms:CallerAccount; AWS KMS Developer Guide, "kms:ViaService"):
 * DynamoDB decrypts the table key on the caller's behalf for reads and writes. No encryption-context condition:
 * the context DynamoDB sends was not verified here.
 */
export function tableAccessPolicyDocument(access: TableAccess, scope: TableAccessScope): Record<string, unknown> {
  const write = access === "read-write";
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: write ? "ReadWriteFiberTable" : "ReadFiberTable",
        Effect: "Allow",
        Action: [...READ_ACTIONS, ...(write ? WRITE_ACTIONS : [])],
        Resource: scope.tableArn,
      },
      {
        Sid: "UseTableKeyThroughDynamoDb",
        Effect: "Allow",
        Action: write ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
        Resource: scope.kmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `dynamodb.${scope.region}.amazonaws.com`, "kms:CallerAccount": scope.accountId } },
      },
    ],
  };
}
