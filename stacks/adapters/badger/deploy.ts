import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { EmbeddedKvStore, type KvClaimTemplate, type MaintenanceSetting } from "../../../components/embedded-kv";
import { KV_DEVICE_NAME } from "../../../components/embedded-kv/ec2";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
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
  readonly ec2?: {
    readonly launchTemplateId: pulumi.Output<string>;
    readonly deviceName: string;
    readonly instanceProfileArn: pulumi.Output<string>;
    /** `amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -c ssm:<this> -s` on each agent. */
    readonly cloudWatchAgentParameter: pulumi.Output<string>;
    /** Attach to the role that launches the agents. */
    readonly launcherKmsPolicyArn: pulumi.Output<string>;
  };
  readonly kubernetes?: {
    readonly storageClassName: string;
    readonly volumeClaimTemplate: KvClaimTemplate;
    /** Attach to the EBS CSI driver's role. */
    readonly ebsCsiKmsPolicyArn: pulumi.Output<string>;
  };
}

/** The providers already in `opts` (the AWS provider), as a list. */
function providersOf(opts: pulumi.ComponentResourceOptions): pulumi.ProviderResource[] {
  const { providers } = opts;
  if (providers === undefined) return [];
  return Array.isArray(providers) ? providers : Object.values(providers);
}

/**
 * The volumes, snapshots and alerting under the agents' embedded store, for the Fiber `storage/badger`,
 * `storage/leveldb` or `storage/pebble` adapter (by engine). Kubernetes hosting reads a kubeconfig and context only.
 */
export function deployEmbeddedKv(s: EmbeddedKvSettings, { env, opts, baseName, key, alarms }: SharedBlocks): Deployed<EmbeddedKvOutputs> {
  const providers = s.hosting === "kubernetes"
    ? [...providersOf(opts), new k8s.Provider(`${baseName}-kv-kubernetes`, { kubeconfig: s.kubernetes.kubeconfig, context: s.kubernetes.context, enableServerSideApply: true })]
    : providersOf(opts);
  // Named by the config key, not the matrix key: the same component serves the leveldb and pebble rows.
  const store = new EmbeddedKvStore(`${baseName}-embedded-kv`, {
    engine: s.engine, hosting: s.hosting, dataPath: s.dataPath, expectedLiveDataGiB: s.expectedLiveDataGiB, volumeSizeGiB: s.volumeSizeGiB,
    iops: s.iops, throughputMiBps: s.throughputMiBps, snapshotIntervalHours: s.snapshotIntervalHours, snapshotRetentionDays: s.snapshotRetentionDays,
    snapshotTimeUtc: s.snapshotTimeUtc, snapshotTag: `${baseName}-kv`, kmsKeyArn: key.arn, region: env.region, accountId: env.accountId, alarms,
    kubernetes: s.kubernetes.namespace
      ? { namespace: s.kubernetes.namespace, claimName: s.kubernetes.claimName, prometheusRelease: s.kubernetes.prometheusRelease }
      : undefined,
    retainVolumes: s.retainVolumes, protect: env.profile.protectStatefulResources,
  }, { ...opts, providers });

  const fiberPackages = [store.fiberPackage];
  return {
    fiberPackages,
    outputs: {
      fiberPackages, engine: store.engine, hosting: s.hosting, pathField: store.pathField, dataPath: store.dataPath,
      volumeSizeGiB: store.volumeSizeGiB, maintenance: store.maintenance, snapshotPolicyId: store.snapshotPolicyId,
      ...(store.launchTemplateId && store.instanceProfileArn && store.agentConfigParameter && store.launcherKmsPolicyArn ? {
        ec2: {
          launchTemplateId: store.launchTemplateId, deviceName: KV_DEVICE_NAME, instanceProfileArn: store.instanceProfileArn,
          cloudWatchAgentParameter: store.agentConfigParameter, launcherKmsPolicyArn: store.launcherKmsPolicyArn,
        },
      } : {}),
      ...(store.storageClassName && store.claimTemplate && store.csiKmsPolicyArn ? {
        kubernetes: { storageClassName: store.storageClassName, volumeClaimTemplate: store.claimTemplate, ebsCsiKmsPolicyArn: store.csiKmsPolicyArn },
      } : {}),
    },
    dashboard: store.dashboard ? [store.dashboard] : [],
  };
}
