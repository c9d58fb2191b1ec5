import type { Adapter } from "../contract";
import type { DynamoDbOutputs } from "./deploy";
import { DYNAMODB_PROFILES, type DynamoDbProfile } from "./profiles";
import { DYNAMODB_RULES } from "./rules";
import { type DynamoDbConfig, dynamoDbSchema } from "./schema";
import { type DynamoDbSettings, dynamoDbSettings } from "./settings";

/** The table the Fiber `storage/dynamodb` adapter uses (components/dynamodb); opt-in. */
export const dynamodbAdapter: Adapter<DynamoDbConfig, DynamoDbProfile, DynamoDbSettings, DynamoDbOutputs> = {
  key: "dynamodb",
  configKey: "dynamodb",
  schema: dynamoDbSchema,
  profiles: DYNAMODB_PROFILES,
  settings: dynamoDbSettings,
  enabled: (s) => s.enabled,
  rules: DYNAMODB_RULES,
  loadDeploy: async () => (await import("./deploy")).deployDynamoDb,
  resourceTypes: [
    // The data itself: replaced, every item is gone (PITR restores only into a new table).
    { type: "aws:dynamodb/table:Table", stateful: true },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
  ],
};
