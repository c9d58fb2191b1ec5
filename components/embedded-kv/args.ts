import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import { DLM_INTERVAL_HOURS, DLM_MAX_RETENTION, DLM_SOURCE, UTC_TIME } from "../common/dlm";
import { GP3, GP3_SOURCE, maxGp3Iops } from "../common/ebs";
import { ENGINE_PROFILES, type KvEngine } from "./engines";

export const KV_HOSTINGS = ["ec2", "kubernetes"] as const;
export type KvHosting = (typeof KV_HOSTINGS)[number];

/** Kubernetes side of the component: where the alert rules go and how claims are kept. */
export interface KvKubernetesArgs {
  /** Namespace the agents' pods and the PrometheusRule live in (a DNS label, existing). No default. */
  readonly namespace: string;
  /** Name of the volume claim template the agents' StatefulSet embeds. Default: `kv-data`. */
  readonly claimName?: string;
  /** kube-prometheus-stack release: the PrometheusRule gets `release: <name>`, which that chart selects rules by. Default: none. */
  readonly prometheusRelease?: string;
}

export interface EmbeddedKvArgs {
  /** Engine the agents embed (its Fiber adapter, headroom and maintenance settings). Default: `badger`. */
  readonly engine?: KvEngine;
  /** Where the agents run: EC2 (launch template, CloudWatch agent) or Kubernetes (StorageClass, PrometheusRule). No default. */
  readonly hosting: KvHosting;
  /** Absolute path the agent mounts the volume at and opens the store in. Default: `/var/lib/sparki/kv`. */
  readonly dataPath?: string;
  /** Live data one agent keeps, 1..6553 (GiB). No default. */
  readonly expectedLiveDataGiB: number;
  /** Volume per agent, 1..65536 and at least live data x the engine's headroom. Default: that minimum, rounded up (GiB). */
  readonly volumeSizeGiB?: number;
  /** gp3 IOPS, 3000..80000 and at most 500 per GiB above the 3000 baseline. Default: 3000 (IOPS). */
  readonly iops?: number;
  /** gp3 throughput, 125..2000 and at most IOPS/4. Default: 125 (MiB/s). */
  readonly throughputMiBps?: number;
  /** Hours between snapshots: 1, 2, 3, 4, 6, 8, 12 or 24 (what DLM accepts). Default: 24 (hours). */
  readonly snapshotIntervalHours?: number;
  /** Days each snapshot is kept, 1..36500 (DLM's age-based limit, 100 years). Default: 7 (days). */
  readonly snapshotRetentionDays?: number;
  /** UTC start of the snapshot schedule, `hh:mm`. Default: `03:00`. */
  readonly snapshotTimeUtc?: string;
  /** Value of the `sparki:kv-snapshots` tag the agents (EC2) or volumes (Kubernetes) carry and the DLM policy targets. No default. */
  readonly snapshotTag: string;
  /** Stack KMS key: volumes, snapshots. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly region: string;
  readonly accountId: string;
  /** Where the alarms report. No default. */
  readonly alarms: AlarmContext;
  /** Kubernetes hosting only: namespace, claim name, CSI role. No default. */
  readonly kubernetes?: KvKubernetesArgs;
  /** Kubernetes hosting: keep the EBS volume when its claim is deleted (StorageClass `Retain`). Default: false. */
  readonly retainVolumes?: boolean;
  /** Pulumi `protect` on the StorageClass and snapshot policy. Default: false. */
  readonly protect?: boolean;
}

export const EMBEDDED_KV_DEFAULTS = {
  engine: "badger" as KvEngine,
  dataPath: "/var/lib/sparki/kv",
  iops: 3000,
  throughputMiBps: 125,
  snapshotIntervalHours: 24,
  snapshotRetentionDays: 7,
  snapshotTimeUtc: "03:00",
  claimName: "kv-data",
  retainVolumes: false,
  protect: false,
} as const;

/** An absolute path without a trailing '/' or '..': the mount point the CloudWatch agent reports, in a Metrics Insights query. */
export const DATA_PATH = /^(\/[A-Za-z0-9._-]+)+$/;

/** Smallest volume that leaves the engine room to compact: live data x headroom, rounded up (GiB). */
export function minimumVolumeGiB(engine: KvEngine, liveDataGiB: number): number {
  return Math.ceil(liveDataGiB * ENGINE_PROFILES[engine].headroomFactor);
}

export type ResolvedEmbeddedKvArgs = Required<Omit<EmbeddedKvArgs, "kubernetes">> & {
  readonly kubernetes?: Required<Omit<KvKubernetesArgs, "prometheusRelease">> & Pick<KvKubernetesArgs, "prometheusRelease">;
};

/** Every default applied once. */
export function resolveEmbeddedKvArgs(args: EmbeddedKvArgs): ResolvedEmbeddedKvArgs {
  const d = EMBEDDED_KV_DEFAULTS;
  const engine = args.engine ?? d.engine;
  return {
    ...args,
    engine,
    dataPath: args.dataPath ?? d.dataPath,
    volumeSizeGiB: args.volumeSizeGiB ?? minimumVolumeGiB(engine, args.expectedLiveDataGiB),
    iops: args.iops ?? d.iops,
    throughputMiBps: args.throughputMiBps ?? d.throughputMiBps,
    snapshotIntervalHours: args.snapshotIntervalHours ?? d.snapshotIntervalHours,
    snapshotRetentionDays: args.snapshotRetentionDays ?? d.snapshotRetentionDays,
    snapshotTimeUtc: args.snapshotTimeUtc ?? d.snapshotTimeUtc,
    retainVolumes: args.retainVolumes ?? d.retainVolumes,
    protect: args.protect ?? d.protect,
    kubernetes: args.kubernetes && { ...args.kubernetes, claimName: args.kubernetes.claimName ?? d.claimName },
  };
}

/** The arguments {@link embeddedKvProblems} judges (the stack's settings carry the same fields). */
export type KvCheckedArgs = Pick<ResolvedEmbeddedKvArgs,
  "engine" | "hosting" | "dataPath" | "expectedLiveDataGiB" | "volumeSizeGiB" | "iops" | "throughputMiBps"
  | "snapshotIntervalHours" | "snapshotRetentionDays" | "snapshotTimeUtc"> & { readonly kubernetes?: object };

/**
 * What AWS or the engine would refuse or regret, as [field, message] (the message says what is allowed; callers add
 * the value: the stack's config loader, or the component's own error); empty when the arguments are good.
 */
export function embeddedKvProblems(a: KvCheckedArgs): [string, string][] {
  const problems: [string, string][] = [];
  const minimum = minimumVolumeGiB(a.engine, a.expectedLiveDataGiB);
  // The CloudWatch agent's `path` dimension is the mount point as written: no trailing slash, no `..`.
  if (!DATA_PATH.test(a.dataPath) || a.dataPath.split("/").includes("..")) {
    problems.push(["dataPath", `must be an absolute path of letters, digits, '.', '_', '-' and '/', without a trailing '/' or '..' (the mount point the CloudWatch agent reports, in a Metrics Insights query)`]);
  }
  if (!Number.isInteger(a.volumeSizeGiB) || a.volumeSizeGiB < GP3.minGiB || a.volumeSizeGiB > GP3.maxGiB) {
    problems.push(["volumeSizeGiB", `must be a whole number of GiB from ${GP3.minGiB} to ${GP3.maxGiB} (gp3; ${GP3_SOURCE})`]);
  } else if (a.volumeSizeGiB < minimum) {
    const e = ENGINE_PROFILES[a.engine];
    problems.push(["volumeSizeGiB", `${a.volumeSizeGiB} GiB leaves ${a.engine} no room to compact ${a.expectedLiveDataGiB} GiB of live data: at least ${minimum} GiB (x${e.headroomFactor}: ${e.headroomReason})`]);
  }
  if (!Number.isInteger(a.iops) || a.iops < GP3.minIops || a.iops > GP3.maxIops) {
    problems.push(["iops", `gp3 takes ${GP3.minIops}..${GP3.maxIops} IOPS (${GP3_SOURCE})`]);
  } else if (a.iops > maxGp3Iops(a.volumeSizeGiB)) {
    problems.push(["iops", `${a.iops} IOPS exceed what gp3 provisions on ${a.volumeSizeGiB} GiB: ${GP3.maxIopsPerGiB} per GiB above the ${GP3.minIops} baseline, so at most ${maxGp3Iops(a.volumeSizeGiB)} (${GP3_SOURCE})`]);
  }
  if (!Number.isInteger(a.throughputMiBps) || a.throughputMiBps < GP3.minThroughput || a.throughputMiBps > GP3.maxThroughput) {
    problems.push(["throughputMiBps", `gp3 takes ${GP3.minThroughput}..${GP3.maxThroughput} MiB/s (${GP3_SOURCE})`]);
  } else if (a.throughputMiBps > a.iops * GP3.throughputPerIops) {
    problems.push(["throughputMiBps", `${a.throughputMiBps} MiB/s exceed gp3's ${GP3.throughputPerIops} MiB/s per provisioned IOPS (at most ${a.iops * GP3.throughputPerIops} with ${a.iops} IOPS; ${GP3_SOURCE})`]);
  }
  if (!(DLM_INTERVAL_HOURS as readonly number[]).includes(a.snapshotIntervalHours)) {
    problems.push(["snapshotIntervalHours", `DLM takes ${DLM_INTERVAL_HOURS.join(", ")} hours (${DLM_SOURCE})`]);
  }
  if (!Number.isInteger(a.snapshotRetentionDays) || a.snapshotRetentionDays < 1 || a.snapshotRetentionDays > DLM_MAX_RETENTION.DAYS) {
    problems.push(["snapshotRetentionDays", `DLM keeps snapshots by age for 1..${DLM_MAX_RETENTION.DAYS} days`]);
  }
  if (!UTC_TIME.test(a.snapshotTimeUtc)) {
    problems.push(["snapshotTimeUtc", `must be a UTC time hh:mm (DLM CreateRule Times)`]);
  }
  if (a.hosting === "kubernetes" && !a.kubernetes) problems.push(["kubernetes", "Kubernetes hosting needs kubernetes.namespace (where the agents' pods and alert rules live)"]);
  return problems;
}
