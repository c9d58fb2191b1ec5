import { KeyspacesStore, type KeyspacesOutputs } from "../../../components/keyspaces";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { CassandraSettings } from "./settings";

export type { KeyspacesOutputs } from "../../../components/keyspaces";

/**
 * The Keyspaces keyspace and table for the Fiber `storage/cassandra` adapter. Stack output `cassandra`: endpoint,
 * port 9142, TLS, keyspace, table, the consistency to set (LOCAL_QUORUM) and the managed policy the application's
 * role needs; Keyspaces authenticates that role with SigV4, so there is no password anywhere.
 */
export function deployCassandra(s: CassandraSettings, { env, opts, baseName, key, alarms }: SharedBlocks): Deployed<KeyspacesOutputs> {
  const store = new KeyspacesStore(`${baseName}-cassandra`, {
    keyspaceName: s.keyspaceName,
    tableName: s.tableName,
    defaultTtlSeconds: s.defaultTtlSeconds,
    pointInTimeRecovery: s.pointInTimeRecovery,
    kmsKeyArn: key.arn,
    region: env.region,
    accountId: env.accountId,
    alarms,
    protect: env.profile.protectStatefulResources,
  }, opts);
  return { fiberPackages: store.outputs.fiberPackages, outputs: store.outputs, dashboard: [store.dashboard] };
}
