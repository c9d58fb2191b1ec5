import type { ProfileName } from "../../config/schema";

/** What a tier means for the agents' embedded store before config overrides it. */
export interface EmbeddedKvProfile {
  /** Off in both tiers: the examples turn it on. */
  readonly enabled: boolean;
  /** Live data one agent keeps, GiB (sizes the volume). */
  readonly expectedLiveDataGiB: number;
  readonly snapshotRetentionCount: number;
  /** The least snapshot history config may set for this tier: retention count x interval, days. */
  readonly minSnapshotHistoryDays: number;
  /** Kubernetes: keep a volume when its claim is deleted. */
  readonly retainVolumes: boolean;
  /** Config must name the kubeconfig context (never the current one by accident). */
  readonly contextRequired: boolean;
}

export const EMBEDDED_KV_PROFILES: Readonly<Record<ProfileName, EmbeddedKvProfile>> = {
  // A disposable build cache: small volumes, three days of daily snapshots.
  dev: { enabled: false, expectedLiveDataGiB: 4, snapshotRetentionCount: 3, minSnapshotHistoryDays: 1, retainVolumes: false, contextRequired: false },
  // Two weeks of daily snapshots; a deleted claim keeps its volume.
  prod: { enabled: false, expectedLiveDataGiB: 40, snapshotRetentionCount: 14, minSnapshotHistoryDays: 7, retainVolumes: true, contextRequired: true },
};
