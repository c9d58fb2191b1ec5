import { DynamoDbStore, type DynamoDbOutputs } from "../../../components/dynamodb";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { DynamoDbSettings } from "./settings";

export type { DynamoDbOutputs } from "../../../components/dynamodb";

/**
 * The table the Fiber `storage/dynamodb` adapter expects. Stack output `dynamodb`: the component's outputs (table,
 * region, schema, expiry behaviour, the IAM policies to attach); the adapter authenticates with the service's
 * IAM role, so there is no secret at all.
 */
export function deployDynamoDb(s: DynamoDbSettings, { env, opts, baseName, key, alarms }: SharedBlocks): Deployed<DynamoDbOutputs> {
  const store = new DynamoDbStore(`${baseName}-dynamodb`, {
    tableName: s.tableName, kmsKeyArn: key.arn, region: env.region, accountId: env.accountId, alarms,
    recoveryPeriodDays: s.recoveryPeriodDays, deletionProtection: s.deletionProtection, ttlAttribute: s.ttlAttribute,
    maxReadRequestUnits: s.maxReadRequestUnits, maxWriteRequestUnits: s.maxWriteRequestUnits,
    protect: env.profile.protectStatefulResources,
  }, opts);
  return { fiberPackages: store.outputs.fiberPackages, outputs: store.outputs, dashboard: [store.dashboard] };
}
