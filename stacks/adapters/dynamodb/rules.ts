import { dynamoDbProblems } from "../../../components/dynamodb/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { DynamoDbProfile } from "./profiles";
import type { DynamoDbConfig } from "./schema";
import type { DynamoDbSettings } from "./settings";

type Rule = AdapterRule<DynamoDbConfig, DynamoDbProfile, DynamoDbSettings>;

/** Cross-field rules of `sparki-storage:dynamodb`, on the settings after tier and component defaults. */
export const DYNAMODB_RULES: readonly Rule[] = [
  // What DynamoDB would refuse or the adapter could not use, worded by the component, at the key the stack set.
  ({ settings: s }) => dynamoDbProblems(s).map(([field, message]): Problem => ({ path: [field], message })),

  ({ settings: s, profile, scope }) => s.recoveryPeriodDays < profile.minRecoveryPeriodDays
    ? [{ path: ["recoveryPeriodDays"], message: `must be at least ${profile.minRecoveryPeriodDays} (days) for profile "${scope.env.profile.name}" (restoring to before a corruption noticed weeks later)` }]
    : [],
];
