import type { StackScope } from "../contract";
import type { DynamoDbProfile } from "./profiles";
import type { DynamoDbConfig } from "./schema";

/** What the stack deploys for the Fiber DynamoDB table: its config over the tier over the component's defaults. */
export interface DynamoDbSettings {
  readonly enabled: boolean;
  readonly tableName: string;
  readonly recoveryPeriodDays: number;
  readonly minRecoveryPeriodDays: number;
  readonly deletionProtection: boolean;
  readonly ttlAttribute?: string;
  readonly maxReadRequestUnits?: number;
  readonly maxWriteRequestUnits?: number;
}

/** `sparki-<stack>-fiber-storage`: one table per stack (names are per account and region, dev and prod may share both). */
export function defaultTableName(stack: string): string {
  return `sparki-${stack}-fiber-storage`;
}

export function dynamoDbSettings(c: DynamoDbConfig, p: DynamoDbProfile, { env }: StackScope): DynamoDbSettings {
  return {
    enabled: c.enabled ?? p.enabled,
    tableName: c.tableName ?? defaultTableName(env.name),
    recoveryPeriodDays: c.recoveryPeriodDays ?? p.recoveryPeriodDays,
    minRecoveryPeriodDays: p.minRecoveryPeriodDays,
    deletionProtection: p.deletionProtection,
    ...(c.ttlAttribute !== undefined ? { ttlAttribute: c.ttlAttribute } : {}),
    ...(c.maxReadRequestUnits !== undefined ? { maxReadRequestUnits: c.maxReadRequestUnits } : {}),
    ...(c.maxWriteRequestUnits !== undefined ? { maxWriteRequestUnits: c.maxWriteRequestUnits } : {}),
  };
}
