import { EMBEDDED_KV_DEFAULTS, type KvHosting, minimumVolumeGiB } from "../../../components/embedded-kv/args";
import type { KvEngine } from "../../../components/embedded-kv/engines";
import type { EmbeddedKvProfile } from "./profiles";
import type { EmbeddedKvConfig } from "./schema";

/** What the stack provisions for the agents' store: its config over the tier over the component's defaults. */
export interface EmbeddedKvSettings {
  readonly enabled: boolean;
  readonly engine: KvEngine;
  readonly hosting: KvHosting;
  readonly dataPath: string;
  readonly expectedLiveDataGiB: number;
  readonly volumeSizeGiB: number;
  readonly iops: number;
  readonly throughputMiBps: number;
  readonly snapshotIntervalHours: number;
  readonly snapshotRetentionDays: number;
  readonly minSnapshotRetentionDays: number;
  readonly snapshotTimeUtc: string;
  readonly retainVolumes: boolean;
  readonly contextRequired: boolean;
  readonly kubernetes: { readonly kubeconfig?: string; readonly context?: string; readonly namespace?: string; readonly claimName: string; readonly prometheusRelease?: string };
}

export function embeddedKvSettings(c: EmbeddedKvConfig, p: EmbeddedKvProfile): EmbeddedKvSettings {
  const d = EMBEDDED_KV_DEFAULTS;
  const engine = c.engine ?? d.engine;
  const expectedLiveDataGiB = c.expectedLiveDataGiB ?? p.expectedLiveDataGiB;
  return {
    enabled: c.enabled ?? p.enabled,
    engine,
    hosting: c.hosting ?? "ec2",
    dataPath: c.dataPath ?? d.dataPath,
    expectedLiveDataGiB,
    volumeSizeGiB: c.volumeSizeGiB ?? minimumVolumeGiB(engine, expectedLiveDataGiB),
    iops: c.iops ?? d.iops,
    throughputMiBps: c.throughputMiBps ?? d.throughputMiBps,
    snapshotIntervalHours: c.snapshotIntervalHours ?? d.snapshotIntervalHours,
    snapshotRetentionDays: c.snapshotRetentionDays ?? p.snapshotRetentionDays,
    minSnapshotRetentionDays: p.minSnapshotRetentionDays,
    snapshotTimeUtc: c.snapshotTimeUtc ?? d.snapshotTimeUtc,
    retainVolumes: p.retainVolumes,
    contextRequired: p.contextRequired,
    kubernetes: { ...c.kubernetes, claimName: c.kubernetes?.claimName ?? d.claimName },
  };
}
