import { embeddedKvProblems, resolveEmbeddedKvArgs } from "../../../components/embedded-kv/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { EmbeddedKvProfile } from "./profiles";
import type { EmbeddedKvConfig } from "./schema";
import type { EmbeddedKvSettings } from "./settings";

type Rule = AdapterRule<EmbeddedKvConfig, EmbeddedKvProfile, EmbeddedKvSettings>;

/** Cross-field rules of `sparki-storage:embeddedKv`, on the settings after tier and component defaults. */
export const EMBEDDED_KV_RULES: readonly Rule[] = [
  // What AWS (gp3, DLM) or the engine would refuse, worded by the component, at the key the stack set.
  ({ settings: s, scope }) => embeddedKvProblems(resolveEmbeddedKvArgs({
    engine: s.engine, hosting: s.hosting, dataPath: s.dataPath, expectedLiveDataGiB: s.expectedLiveDataGiB, volumeSizeGiB: s.volumeSizeGiB,
    iops: s.iops, throughputMiBps: s.throughputMiBps, snapshotIntervalHours: s.snapshotIntervalHours, snapshotRetentionCount: s.snapshotRetentionCount,
    snapshotTimeUtc: s.snapshotTimeUtc, snapshotTag: "-", kmsKeyArn: "-", region: scope.env.region, accountId: scope.env.accountId,
    alarms: { environment: scope.env.name, topicArns: { warning: "-", critical: "-" } },
    kubernetes: s.kubernetes.namespace ? { namespace: s.kubernetes.namespace, claimName: s.kubernetes.claimName } : undefined,
  })).map(([field, message]): Problem => ({ path: field === "kubernetes" ? ["kubernetes", "namespace"] : [field], message })),

  // History, not a count: 7 snapshots an hour apart are 7 hours of it.
  ({ config, settings: s, profile }) => {
    const days = (s.snapshotRetentionCount * s.snapshotIntervalHours) / 24;
    if (days >= profile.minSnapshotHistoryDays) return [];
    const key = config.snapshotRetentionCount === undefined && config.snapshotIntervalHours !== undefined ? "snapshotIntervalHours" : "snapshotRetentionCount";
    const needed = Math.ceil((profile.minSnapshotHistoryDays * 24) / s.snapshotIntervalHours);
    return [{ path: [key], message: `keeps ${s.snapshotRetentionCount} snapshots ${s.snapshotIntervalHours} h apart, ${Math.round(days * 10) / 10} days of history: this profile needs at least ${profile.minSnapshotHistoryDays} days (at least ${needed} snapshots at this interval)` }];
  },

  ({ settings: s }) => s.hosting === "kubernetes" && s.contextRequired && s.kubernetes.context === undefined
    ? [{ path: ["kubernetes", "context"], message: "is required in this profile: name the agents' cluster context rather than whatever kubeconfig's current context is" }]
    : [],
];
