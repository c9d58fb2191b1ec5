import type { Adapter } from "../contract";
import type { KeyspacesOutputs } from "./deploy";
import { CASSANDRA_PROFILES, type CassandraProfile } from "./profiles";
import { CASSANDRA_RULES } from "./rules";
import { type CassandraConfig, cassandraSchema } from "./schema";
import { type CassandraSettings, cassandraSettings } from "./settings";

/** Amazon Keyspaces (components/keyspaces) for the Fiber `storage/cassandra` adapter: the P3 Cassandra row. Opt-in. */
export const cassandraAdapter: Adapter<CassandraConfig, CassandraProfile, CassandraSettings, KeyspacesOutputs> = {
  key: "cassandra",
  configKey: "cassandra",
  schema: cassandraSchema,
  profiles: CASSANDRA_PROFILES,
  settings: cassandraSettings,
  enabled: (s) => s.enabled,
  rules: CASSANDRA_RULES,
  loadDeploy: async () => (await import("./deploy")).deployCassandra,
  resourceTypes: [
    // Replaced, the keyspace or table is dropped with every row in it (PITR restores only into a new table).
    { type: "aws:keyspaces/keyspace:Keyspace", stateful: true },
    { type: "aws:keyspaces/table:Table", stateful: true },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
  ],
};
