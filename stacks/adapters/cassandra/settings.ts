import { defaultKeyspaceName, KEYSPACES_DEFAULTS } from "../../../components/keyspaces/args";
import type { StackScope } from "../contract";
import type { CassandraProfile } from "./profiles";
import type { CassandraConfig } from "./schema";

/** What the stack creates on Keyspaces: its config over the tier over the component's defaults. */
export interface CassandraSettings {
  readonly enabled: boolean;
  readonly keyspaceName: string;
  readonly tableName: string;
  readonly defaultTtlSeconds: number;
  readonly pointInTimeRecovery: boolean;
  readonly pointInTimeRecoveryRequired: boolean;
}

export function cassandraSettings(c: CassandraConfig, p: CassandraProfile, { env }: StackScope): CassandraSettings {
  const d = KEYSPACES_DEFAULTS;
  return {
    enabled: c.enabled ?? p.enabled,
    // One keyspace per stack: names are unique per account and region, and dev and prod may share both.
    keyspaceName: c.keyspaceName ?? defaultKeyspaceName(env.name),
    tableName: c.tableName ?? d.tableName,
    defaultTtlSeconds: c.defaultTtlSeconds ?? d.defaultTtlSeconds,
    pointInTimeRecovery: c.pointInTimeRecovery ?? p.pointInTimeRecovery,
    pointInTimeRecoveryRequired: p.pointInTimeRecoveryRequired,
  };
}
