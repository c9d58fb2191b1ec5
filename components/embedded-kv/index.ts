import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { embeddedKvProblems, type EmbeddedKvArgs, type KvHosting, resolveEmbeddedKvArgs } from "./args";
import { kvAlarms, kvLatencyThreshold } from "./alarms";
import { KV_DEVICE_NAME, kvAgentFleet } from "./ec2";
import { ENGINE_PROFILES, type KvEngine, type MaintenanceSetting } from "./engines";
import { type KvClaimTemplate, kvKubernetes } from "./kubernetes";
import { kvSnapshotPolicy } from "./snapshots";

export * from "./args";
export { ENGINE_PROFILES, KV_ENGINES, type KvEngine, type MaintenanceSetting } from "./engines";
export { KV_METRICS, KV_NAMESPACE, KV_PROMETHEUS, cloudWatchAgentConfig } from "./metrics";
export { SNAPSHOT_TAG_KEY } from "./snapshots";
export { KV_DEVICE_NAME } from "./ec2";
export type { KvClaimTemplate } from "./kubernetes";

/** What the agents and their Fiber adapter need: never a secret (the store has none). */
export interface EmbeddedKvOutputs {
  /** The engine's Fiber package (storage/badger, storage/leveldb or storage/pebble). */
  readonly fiberPackages: readonly string[];
  readonly engine: KvEngine;
  readonly hosting: KvHosting;
  /** The adapter's path field (Badger `Database`, LevelDB/Pebble `Path`), for `dataPath`. */
  readonly pathField: string;
  readonly dataPath: string;
  readonly volumeSizeGiB: number;
  readonly maintenance: readonly MaintenanceSetting[];
  readonly snapshotPolicyId: pulumi.Output<string>;
  /** EC2 hosting: what the agent fleet launches from. */
  readonly ec2?: KvEc2Outputs;
  /** Kubernetes hosting: what the agents' StatefulSet and the EBS CSI driver need. */
  readonly kubernetes?: KvKubernetesOutputs;
}

/** EC2 hosting: what the agent fleet launches from (stack output `badger.ec2`). */
export interface KvEc2Outputs {
  readonly launchTemplateId: pulumi.Output<string>;
  /** Where the KV volume appears (Nitro instances show it as an NVMe device); the fleet mounts it at the data path. */
  readonly deviceName: string;
  readonly instanceProfileArn: pulumi.Output<string>;
  /** `amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -c ssm:<this> -s` on each agent. */
  readonly cloudWatchAgentParameter: pulumi.Output<string>;
  /** For a role that launches agents itself (with iam:PassRole on the agent role). */
  readonly launcherKmsPolicyArn: pulumi.Output<string>;
}

/** Kubernetes hosting (stack output `badger.kubernetes`). */
export interface KvKubernetesOutputs {
  readonly storageClassName: string;
  /** For the agents' StatefulSet `spec.volumeClaimTemplates`. */
  readonly volumeClaimTemplate: KvClaimTemplate;
  /** For the EBS CSI driver's role. */
  readonly ebsCsiKmsPolicyArn: pulumi.Output<string>;
}

/**
 * What Sparki's deployment agents stand on for their embedded LSM store (Badger, LevelDB or Pebble): an encrypted
 * gp3 volume per agent (EC2: a launch template; Kubernetes: a StorageClass and a claim template), a Data Lifecycle
 * Manager snapshot schedule for every volume carrying its tag, and alerting on disk and inode use, space
 * amplification and p95 latency (CloudWatch alarms over the whole fleet on EC2, Prometheus rules on Kubernetes).
 * The stack cannot run the engine; the maintenance settings it outputs are for the application's Fiber adapter.
 */
export class EmbeddedKvStore extends pulumi.ComponentResource {
  /** What the agents and their Fiber adapter need (the stack output `badger`). */
  readonly outputs: EmbeddedKvOutputs;
  /**
   * Its dashboard row (EC2 hosting): the fleet's p95 latency with its levels. The disk, inode and amplification
   * alarms are Metrics Insights queries, which the dashboard builder does not graph; their alarms show on the
   * CloudWatch alarms page, one contributor per agent.
   */
  readonly dashboard?: DashboardSection;

  constructor(name: string, args: EmbeddedKvArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sparki:embeddedkv:EmbeddedKvStore", name, {}, opts);
    const a = resolveEmbeddedKvArgs(args);
    const problems = embeddedKvProblems(a);
    if (problems.length > 0) {
      const valueOf = (field: string) => JSON.stringify((a as unknown as Record<string, unknown>)[field]);
      throw new Error(`EmbeddedKvStore ${name}: ${problems.map(([field, message]) => `${field} ${message}, got ${valueOf(field)}`).join("; ")}`);
    }
    const engine = ENGINE_PROFILES[a.engine];

    const snapshots = kvSnapshotPolicy({
      name: `${name}-snapshots`, tagValue: a.snapshotTag, target: a.hosting === "ec2" ? "INSTANCE" : "VOLUME",
      intervalHours: a.snapshotIntervalHours, timeUtc: a.snapshotTimeUtc, retentionDays: a.snapshotRetentionDays,
      kmsKeyArn: a.kmsKeyArn, region: a.region, protect: a.protect,
    }, this);

    let ec2: KvEc2Outputs | undefined;
    let kubernetes: KvKubernetesOutputs | undefined;
    if (a.hosting === "ec2") {
      const fleet = kvAgentFleet(name, a, this);
      ec2 = {
        launchTemplateId: fleet.launchTemplate.id, deviceName: KV_DEVICE_NAME, instanceProfileArn: fleet.instanceProfile.arn,
        cloudWatchAgentParameter: fleet.agentConfigParameter.name, launcherKmsPolicyArn: fleet.launcherKmsPolicy.arn,
      };
      kvAlarms({ context: a.alarms, subject: "kv", engine: a.engine, dataPath: a.dataPath }, this);
      this.dashboard = {
        title: `Embedded ${a.engine} on the deployment agents (EC2, every agent)`,
        graphs: [{ title: "Operation latency p95 (all agents)", metric: "kvOperationLatency", dimensions: { Engine: a.engine }, threshold: kvLatencyThreshold() }],
      };
    } else {
      const parts = kvKubernetes(name, a, this);
      kubernetes = { storageClassName: parts.storageClassName, volumeClaimTemplate: parts.claimTemplate, ebsCsiKmsPolicyArn: parts.csiKmsPolicy.arn };
    }

    this.outputs = {
      fiberPackages: [engine.fiberPackage], engine: a.engine, hosting: a.hosting, pathField: engine.pathField, dataPath: a.dataPath,
      volumeSizeGiB: a.volumeSizeGiB, maintenance: engine.maintenance, snapshotPolicyId: snapshots.id,
      ...(ec2 ? { ec2 } : {}), ...(kubernetes ? { kubernetes } : {}),
    };
    this.registerOutputs({ outputs: this.outputs });
  }
}
