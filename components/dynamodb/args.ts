import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import { FIBER_DYNAMODB } from "./fiber";
import { PITR_DAYS, tableNameProblem, TTL_ATTRIBUTE } from "./rules";

/**
 * On-demand maximum throughput per table (request units per second): the default per-table on-demand quota
 * is 40,000 read and 40,000 write request units (DynamoDB Developer Guide, "Service, account, and table quotas";
 * not re-read for this bound: unverified whether a cap above a raised quota is refused).
 */
export const MAX_REQUEST_UNITS = { min: 1, max: 40_000 } as const;

export interface DynamoDbStoreArgs {
  /** Table name, 3-255 characters of a-z, A-Z, 0-9, `_`, `-`, `.`: the Fiber adapter's `Config.Table`. No default. */
  readonly tableName: string;
  /** Stack KMS key (customer managed): server-side encryption of the table, its PITR backups and streams. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Region of the table. No default. */
  readonly region: string;
  /** Account of the table (ARNs, KMS caller condition). No default. */
  readonly accountId: string;
  /** Where the alarms report. No default. */
  readonly alarms: AlarmContext;
  /** Days point-in-time recovery keeps, 1..35 (PITR is always on). Default: 35 (days). */
  readonly recoveryPeriodDays?: number;
  /** DynamoDB deletion protection: DeleteTable (and `pulumi destroy`) fails until it is turned off. Default: true. */
  readonly deletionProtection?: boolean;
  /**
   * Attribute DynamoDB TTL deletes items by (a Number of epoch seconds). The Fiber adapter writes none, so TTL only
   * acts on items the application writes itself (through `Conn()`). Must not be `k` or `v`. Default: none (TTL off).
   */
  readonly ttlAttribute?: string;
  /** On-demand cap on read request units per second, 1..40000. Default: none (uncapped). */
  readonly maxReadRequestUnits?: number;
  /** On-demand cap on write request units per second, 1..40000. Default: none (uncapped). */
  readonly maxWriteRequestUnits?: number;
  /** Pulumi `protect` on the table. Default: false. */
  readonly protect?: boolean;
}

export const DYNAMODB_DEFAULTS = {
  recoveryPeriodDays: PITR_DAYS.max,
  deletionProtection: true,
  protect: false,
} as const;

export type ResolvedDynamoDbStoreArgs = Required<Omit<DynamoDbStoreArgs, "ttlAttribute" | "maxReadRequestUnits" | "maxWriteRequestUnits">>
  & Pick<DynamoDbStoreArgs, "ttlAttribute" | "maxReadRequestUnits" | "maxWriteRequestUnits">;

/** Every default applied once. */
export function resolveDynamoDbStoreArgs(args: DynamoDbStoreArgs): ResolvedDynamoDbStoreArgs {
  const d = DYNAMODB_DEFAULTS;
  return {
    ...args,
    recoveryPeriodDays: args.recoveryPeriodDays ?? d.recoveryPeriodDays,
    deletionProtection: args.deletionProtection ?? d.deletionProtection,
    protect: args.protect ?? d.protect,
  };
}

/** The arguments {@link dynamoDbProblems} judges (the stack's settings carry the same fields). */
export type DynamoDbCheckedArgs = Pick<ResolvedDynamoDbStoreArgs, "tableName" | "recoveryPeriodDays" | "ttlAttribute" | "maxReadRequestUnits" | "maxWriteRequestUnits">;

/**
 * What DynamoDB would refuse (or the adapter could not use), as [field, message]; the message says what is
 * allowed (callers add the value). Empty when the arguments are good.
 */
export function dynamoDbProblems(a: DynamoDbCheckedArgs): [string, string][] {
  const problems: [string, string][] = [];
  if (tableNameProblem(a.tableName) !== undefined) {
    problems.push(["tableName", "must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB naming rules)"]);
  }
  if (!Number.isInteger(a.recoveryPeriodDays) || a.recoveryPeriodDays < PITR_DAYS.min || a.recoveryPeriodDays > PITR_DAYS.max) {
    problems.push(["recoveryPeriodDays", `must be a whole number of days ${PITR_DAYS.min}..${PITR_DAYS.max} (DynamoDB point-in-time recovery period)`]);
  }
  if (a.ttlAttribute !== undefined) {
    const reserved = [FIBER_DYNAMODB.keyAttribute.name, FIBER_DYNAMODB.valueAttribute.name] as string[];
    if (!TTL_ATTRIBUTE.test(a.ttlAttribute)) problems.push(["ttlAttribute", "must be an attribute name of 1-255 characters"]);
    else if (reserved.includes(a.ttlAttribute)) {
      problems.push(["ttlAttribute", `must not be "k" or "v": the Fiber adapter writes its key (string) and value (binary) there, and TTL only reads a Number of epoch seconds`]);
    }
  }
  for (const field of ["maxReadRequestUnits", "maxWriteRequestUnits"] as const) {
    const units = a[field];
    if (units !== undefined && (!Number.isInteger(units) || units < MAX_REQUEST_UNITS.min || units > MAX_REQUEST_UNITS.max)) {
      problems.push([field, `must be an integer ${MAX_REQUEST_UNITS.min}..${MAX_REQUEST_UNITS.max} (request units per second; the default per-table on-demand quota)`]);
    }
  }
  return problems;
}
