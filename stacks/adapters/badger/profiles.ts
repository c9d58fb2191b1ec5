import type { ProfileName } from "../../config/schema";

/** What a tier means for the agents' embedded store before config overrides it. */
export interface EmbeddedKvProfile {
  /** Off in both tiers: the examples turn it on. */
  readonly enabled: boolean;
  /** Live data one agent keeps, GiB (sizes the volume). */
  readonly expectedLiveDataGiB: number;
  /** Days each snapshot is kept. */
  readonly snapshotRetentionDays: number;
  /** The least retention config may set for this tier, days. */
  readonly minSnapshotRetentionDays: number;
  /** Kubernetes: keep a volume when its claim is deleted. */
  readonly retainVolumes: boolean;
  /** Config must name the kubeconfig context (never the current one by accident). */
  readonly contextRequired: boolean;
}

export const EMBEDDED_KV_PROFILES: Readonly<Record<ProfileName, EmbeddedKvProfile>> = {
  // A disposable build cache: small volumes, three days of snapshots.
  dev: { enabled: false, expectedLiveDataGiB: 4, snapshotRetentionDays: 3, minSnapshotRetentionDays: 1, retainVolumes: false, contextRequired: false },
  // Two weeks of snapshots; a deleted claim keeps its volume.
  prod: { enabled: false, expectedLiveDataGiB: 40, snapshotRetentionDays: 14, minSnapshotRetentionDays: 7, retainVolumes: true, contextRequired: true },
};
