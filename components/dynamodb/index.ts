import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { tableAccessPolicyDocument, TABLE_ACCESS, type TableAccess, tableArnOf } from "./access-policy";
import { dynamoDbAlarms, dynamoDbDashboard } from "./alarms";
import { dynamoDbProblems, type DynamoDbStoreArgs, resolveDynamoDbStoreArgs } from "./args";
import { FIBER_DYNAMODB } from "./fiber";

export * from "./args";
export { ADAPTER_OPERATIONS, FIBER_DYNAMODB, NEVER_GRANTED, READ_ACTIONS, WRITE_ACTIONS } from "./fiber";
export { TABLE_ACCESS, type TableAccess, tableAccessPolicyDocument, tableArnOf } from "./access-policy";
export { dynamoDbThresholds } from "./alarms";

/** An IAM managed policy for the services that use the table: attach it to their roles. */
export interface TablePolicyOutput {
  readonly arn: pulumi.Output<string>;
  readonly document: pulumi.Output<string>;
}

/** What the application's Fiber `storage/dynamodb` adapter needs (stack output `dynamodb`): never a secret. */
export interface DynamoDbOutputs {
  readonly fiberPackages: readonly string[];
  /** `Config.Region`. */
  readonly region: string;
  /** `Config.Table` (the adapter's own default, `fiber_storage`, is not this table). */
  readonly tableName: string;
  readonly tableArn: pulumi.Output<string>;
  /**
   * `Config.Endpoint`: set it to this, `https://dynamodb.<region>.amazonaws.com`. Never leave it empty: the adapter
   * passes an empty Endpoint to the SDK as a custom endpoint "" (see ./fiber.ts), and the first call fails.
   */
  readonly endpoint: string;
  /** The item schema the adapter reads and writes: hash key `k` (S), value `v` (B). */
  readonly keyAttribute: { readonly name: string; readonly type: string };
  readonly valueAttribute: { readonly name: string; readonly type: string };
  readonly billingMode: "PAY_PER_REQUEST";
  /**
   * `ignored`: the adapter's Set ignores its expiry, writes no expiry attribute and never checks one; items stay
   * until deleted. TTL (when ttlAttribute is set) acts only on items the application writes itself with it.
   */
  readonly expiry: "ignored";
  /** DynamoDB TTL attribute (epoch seconds, Number), when enabled. */
  readonly ttlAttribute?: string;
  /**
   * The stack creates the table; the policies grant no CreateTable, so the adapter's own CreateTable (provisioned
   * 5/5, AWS-owned key, no PITR) cannot run against a misspelt name, and no DeleteTable, so its `Reset()` fails.
   */
  readonly adapterMayCreateTable: false;
  readonly adapterMayResetTable: false;
  readonly pointInTimeRecoveryDays: number;
  readonly deletionProtection: boolean;
  /** Server-side encryption key (the stack's): callers need kms:Decrypt through DynamoDB (in the policies). */
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly iamPolicies: Readonly<Record<"readOnly" | "readWrite", TablePolicyOutput>>;
}

/**
 * The DynamoDB table the Fiber `storage/dynamodb` adapter expects (hash key `k` of type S; values in `v`), on
 * demand, encrypted with the stack's KMS key, with point-in-time recovery, deletion protection (prod), optional
 * TTL for items the application writes itself, read-only and read-write IAM managed policies scoped to this
 * table and to the key through DynamoDB, and alarms on latency, throttles and system errors.
 */
export class DynamoDbStore extends pulumi.ComponentResource {
  readonly outputs: DynamoDbOutputs;
  readonly table: aws.dynamodb.Table;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: DynamoDbStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sparki:dynamodb:DynamoDbStore", name, {}, opts);
    const a = resolveDynamoDbStoreArgs(args);
    const problems = dynamoDbProblems(a);
    if (problems.length > 0) {
      const valueOf = (field: string) => JSON.stringify((a as unknown as Record<string, unknown>)[field]);
      throw new Error(`DynamoDbStore ${name}: ${problems.map(([field, message]) => `${field} ${message}, got ${valueOf(field)}`).join("; ")}`);
    }
    const key = FIBER_DYNAMODB.keyAttribute;
    const capped = a.maxReadRequestUnits !== undefined || a.maxWriteRequestUnits !== undefined;

    this.table = new aws.dynamodb.Table(`${name}-table`, {
      name: a.tableName,
      region: a.region,
      billingMode: "PAY_PER_REQUEST",
      hashKey: key.name,
      // Only key attributes are declared: `v` is written by the adapter and needs no definition.
      attributes: [{ name: key.name, type: key.type }],
      serverSideEncryption: { enabled: true, kmsKeyArn: a.kmsKeyArn },
      pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: a.recoveryPeriodDays },
      deletionProtectionEnabled: a.deletionProtection,
      ...(a.ttlAttribute !== undefined ? { ttl: { enabled: true, attributeName: a.ttlAttribute } } : {}),
      ...(capped ? { onDemandThroughput: { maxReadRequestUnits: a.maxReadRequestUnits, maxWriteRequestUnits: a.maxWriteRequestUnits } } : {}),
      tags: { Name: a.tableName, "sparki:fiber-adapter": FIBER_DYNAMODB.fiberPackage },
    }, { parent: this, protect: a.protect });

    const tableArn = tableArnOf(a.region, a.accountId, a.tableName);
    const policies = Object.fromEntries(TABLE_ACCESS.map((access): [TableAccess, aws.iam.Policy] => [access, new aws.iam.Policy(`${name}-${access}`, {
      name: `${name}-${access}`,
      description: `${access} access to DynamoDB table ${a.tableName} (Fiber storage/dynamodb) and its KMS key through DynamoDB`,
      policy: pulumi.output(a.kmsKeyArn).apply((kmsKeyArn) => JSON.stringify(tableAccessPolicyDocument(access, { tableArn, kmsKeyArn, region: a.region, accountId: a.accountId }))),
    }, { parent: this })])) as Record<TableAccess, aws.iam.Policy>;

    dynamoDbAlarms({ context: a.alarms, tableName: a.tableName, table: this.table }, this);
    this.dashboard = dynamoDbDashboard(a.tableName);

    const policyOutput = (p: aws.iam.Policy): TablePolicyOutput => ({ arn: p.arn, document: p.policy });
    this.outputs = {
      fiberPackages: [FIBER_DYNAMODB.fiberPackage],
      region: a.region,
      tableName: a.tableName,
      tableArn: this.table.arn,
      endpoint: `https://dynamodb.${a.region}.amazonaws.com`,
      keyAttribute: { ...FIBER_DYNAMODB.keyAttribute },
      valueAttribute: { ...FIBER_DYNAMODB.valueAttribute },
      billingMode: "PAY_PER_REQUEST",
      expiry: "ignored",
      ...(a.ttlAttribute !== undefined ? { ttlAttribute: a.ttlAttribute } : {}),
      adapterMayCreateTable: false,
      adapterMayResetTable: false,
      pointInTimeRecoveryDays: a.recoveryPeriodDays,
      deletionProtection: a.deletionProtection,
      kmsKeyArn: pulumi.output(a.kmsKeyArn),
      iamPolicies: { readOnly: policyOutput(policies["read-only"]), readWrite: policyOutput(policies["read-write"]) },
    };
    this.registerOutputs({ outputs: this.outputs });
  }
}
