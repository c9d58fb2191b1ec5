import type { ProfileName } from "../../config/schema";

/** What a tier means for the Keyspaces table before config overrides it. */
export interface CassandraProfile {
  /** Off in both tiers: examples/cassandra turns it on. */
  readonly enabled: boolean;
  /** Point-in-time recovery (35 days of continuous backups). */
  readonly pointInTimeRecovery: boolean;
  /** Config may not turn point-in-time recovery off. */
  readonly pointInTimeRecoveryRequired: boolean;
}

export const CASSANDRA_PROFILES: Readonly<Record<ProfileName, CassandraProfile>> = {
  // On-demand costs nothing idle and PITR is billed per GB stored: recovery stays on in dev too.
  dev: { enabled: false, pointInTimeRecovery: true, pointInTimeRecoveryRequired: false },
  // Recovery cannot be turned off; the keyspace and table are `protect`ed (the profile's stateful resources).
  prod: { enabled: false, pointInTimeRecovery: true, pointInTimeRecoveryRequired: true },
};
