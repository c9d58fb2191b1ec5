import { keyspacesProblems } from "../../../components/keyspaces/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { CassandraProfile } from "./profiles";
import type { CassandraConfig } from "./schema";
import type { CassandraSettings } from "./settings";

type Rule = AdapterRule<CassandraConfig, CassandraProfile, CassandraSettings>;

/** Cross-field rules of `sparki-storage:cassandra`, on the settings after tier and component defaults. */
export const CASSANDRA_RULES: readonly Rule[] = [
  // What Keyspaces (names, TTL range) or the Fiber adapter (unquoted, lowercased names) would refuse, worded by the component.
  ({ settings: s }) => keyspacesProblems(s).map(([field, message]): Problem => ({ path: [field], message })),

  ({ settings: s, scope }) => s.pointInTimeRecoveryRequired && !s.pointInTimeRecovery
    ? [{ path: ["pointInTimeRecovery"], message: `must be true for profile "${scope.env.profile.name}" (a table without point-in-time recovery cannot be restored after a bad write or delete)` }]
    : [],
];
