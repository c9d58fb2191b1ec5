import type * as pulumi from "@pulumi/pulumi";
import { EmbeddedKvStore, type KvEc2Outputs, type KvKubernetesOutputs, type MaintenanceSetting } from "../../../components/embedded-kv";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider } from "../kubernetes";
import type { EmbeddedKvSettings } from "./settings";

/** Stack output `badger`: what the agents and their Fiber adapter need (never a secret: the store has none). */
export interface EmbeddedKvOutputs {
  readonly fiberPackages: readonly string[];
  readonly engine: string;
  readonly hosting: string;
  /** The adapter's path field (Badger `Database`, LevelDB/Pebble `Path`) and its value. */
  readonly pathField: string;
  readonly dataPath: string;
  readonly volumeSizeGiB: number;
  readonly maintenance: readonly MaintenanceSetting[];
  readonly snapshotPolicyId: pulumi.Output<string>;
  readonly ec2?: KvEc2Outputs;
  readonly kubernetes?: KvKubernetesOutputs;
}

/**
 * The volumes, snapshots and alerting under the agents' embedded store, for the Fiber `storage/badger`,
 * `storage/leveldb` or `storage/pebble` adapter (by engine).
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

  const fiberPackages = [store.fiberPackage];
  return {
    fiberPackages,
    outputs: {
      fiberPackages, engine: store.engine, hosting: s.hosting, pathField: store.pathField, dataPath: store.dataPath,
      volumeSizeGiB: store.volumeSizeGiB, maintenance: store.maintenance, snapshotPolicyId: store.snapshotPolicyId,
      ...(store.ec2 ? { ec2: store.ec2 } : {}),
      ...(store.kubernetes ? { kubernetes: store.kubernetes } : {}),
    },
    dashboard: store.dashboard ? [store.dashboard] : [],
  };
}
