import type * as pulumi from "@pulumi/pulumi";
import { AlarmPair, type AlarmContext, type DashboardSection, platformThreshold, type ThresholdSpec } from "../alerting";
import { ADAPTER_OPERATIONS } from "./fiber";

/** The levels of the table's alarms: platform thresholds (the matrix row "AWS-only, higher costs" gives no figures). */
export function dynamoDbThresholds(): Readonly<Record<"latency" | "throttles" | "systemErrors", ThresholdSpec>> {
  return {
    latency: platformThreshold("dynamodbRequestLatency"),
    throttles: platformThreshold("dynamodbThrottleEvents"),
    systemErrors: platformThreshold("dynamodbSystemErrors"),
  };
}

export interface DynamoDbAlarmArgs {
  readonly context: AlarmContext;
  readonly tableName: string;
  /** The table: alarms are created once it exists. */
  readonly table: pulumi.Resource;
}

/**
 * Per operation the adapter calls (GetItem, PutItem, DeleteItem): average latency and system errors. For the table:
 * read and write throttle events (they count every operation, including a request the SDK then retried).
 */
export function dynamoDbAlarms(args: DynamoDbAlarmArgs, parent: pulumi.Resource): AlarmPair<"dynamodbRequestLatency" | "dynamodbSystemErrors" | "dynamodbReadThrottleEvents" | "dynamodbWriteThrottleEvents">[] {
  const t = dynamoDbThresholds();
  const watched = [args.table];
  const opts = { parent };
  const perOperation = ADAPTER_OPERATIONS.flatMap((operation) => {
    const subject = `dynamodb-${operation.toLowerCase()}`;
    const dimensions = { TableName: args.tableName, Operation: operation };
    return [
      new AlarmPair({ context: args.context, subject, metric: "dynamodbRequestLatency", dimensions, threshold: t.latency, watched }, opts),
      new AlarmPair({ context: args.context, subject, metric: "dynamodbSystemErrors", dimensions, threshold: t.systemErrors, watched }, opts),
    ];
  });
  return [
    ...perOperation,
    new AlarmPair({ context: args.context, subject: "dynamodb", metric: "dynamodbReadThrottleEvents", dimensions: { TableName: args.tableName }, threshold: t.throttles, watched }, opts),
    new AlarmPair({ context: args.context, subject: "dynamodb", metric: "dynamodbWriteThrottleEvents", dimensions: { TableName: args.tableName }, threshold: t.throttles, watched }, opts),
  ];
}

/** The table's dashboard row: latency of reads and writes, throttles, and system errors of the adapter's operations. */
export function dynamoDbDashboard(tableName: string): DashboardSection {
  const t = dynamoDbThresholds();
  return {
    title: `DynamoDB ${tableName} (Fiber storage/dynamodb, on-demand)`,
    graphs: [
      ...ADAPTER_OPERATIONS.map((operation) => ({
        title: `${operation} latency (average)`, metric: "dynamodbRequestLatency" as const, dimensions: { TableName: tableName, Operation: operation }, threshold: t.latency,
      })),
      { title: "Read throttle events", metric: "dynamodbReadThrottleEvents", dimensions: { TableName: tableName }, threshold: t.throttles },
      { title: "Write throttle events", metric: "dynamodbWriteThrottleEvents", dimensions: { TableName: tableName }, threshold: t.throttles },
      { title: "GetItem system errors", metric: "dynamodbSystemErrors", dimensions: { TableName: tableName, Operation: "GetItem" }, threshold: t.systemErrors },
    ],
  };
}
