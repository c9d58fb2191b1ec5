import { EmbeddedKvStore, type EmbeddedKvOutputs } from "../../../components/embedded-kv";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider } from "../kubernetes";
import type { EmbeddedKvSettings } from "./settings";

export type { EmbeddedKvOutputs } from "../../../components/embedded-kv";

/**
 * The volumes, snapshots and alerting under the agents' embedded store, for the Fiber `storage/badger`,
 * `storage/leveldb` or `storage/pebble` adapter (by engine). Stack output `badger`: the component's outputs.
 */
export function deployEmbeddedKv(s: EmbeddedKvSettings, { env, opts, baseName, key, alarms }: SharedBlocks): Deployed<EmbeddedKvOutputs> {
  // Named by the config key, not the matrix key: the same component serves the leveldb and pebble rows.
  const store = new EmbeddedKvStore(`${baseName}-embedded-kv`, {
    engine: s.engine, hosting: s.hosting, dataPath: s.dataPath, expectedLiveDataGiB: s.expectedLiveDataGiB, volumeSizeGiB: s.volumeSizeGiB,
    iops: s.iops, throughputMiBps: s.throughputMiBps, snapshotIntervalHours: s.snapshotIntervalHours, snapshotRetentionDays: s.snapshotRetentionDays,
    snapshotTimeUtc: s.snapshotTimeUtc, snapshotTag: `${baseName}-kv`, kmsKeyArn: key.arn, region: env.region, accountId: env.accountId, alarms,
    kubernetes: s.kubernetes.namespace
      ? { namespace: s.kubernetes.namespace, claimName: s.kubernetes.claimName, prometheusRelease: s.kubernetes.prometheusRelease }
      : undefined,
    retainVolumes: s.retainVolumes, protect: env.profile.protectStatefulResources,
  }, s.hosting === "kubernetes" ? withKubernetesProvider(`${baseName}-kv-kubernetes`, s.kubernetes, opts) : opts);

  return { fiberPackages: store.outputs.fiberPackages, outputs: store.outputs, dashboard: store.dashboard ? [store.dashboard] : [] };
}
