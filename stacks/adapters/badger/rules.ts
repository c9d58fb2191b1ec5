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
    iops: s.iops, throughputMiBps: s.throughputMiBps, snapshotIntervalHours: s.snapshotIntervalHours, snapshotRetentionDays: s.snapshotRetentionDays,
    snapshotTimeUtc: s.snapshotTimeUtc, snapshotTag: "-", kmsKeyArn: "-", region: scope.env.region, accountId: scope.env.accountId,
    alarms: { environment: scope.env.name, topicArns: { warning: "-", critical: "-" } },
    kubernetes: s.kubernetes.namespace ? { namespace: s.kubernetes.namespace, claimName: s.kubernetes.claimName } : undefined,
  })).map(([field, message]): Problem => ({ path: field === "kubernetes" ? ["kubernetes", "namespace"] : [field], message })),

  ({ settings: s, profile }) => s.snapshotRetentionDays < profile.minSnapshotRetentionDays
    ? [{ path: ["snapshotRetentionDays"], message: `must be at least ${profile.minSnapshotRetentionDays} days in this profile (restoring from before a corruption noticed days later)` }]
    : [],

  ({ settings: s }) => s.hosting === "kubernetes" && s.contextRequired && s.kubernetes.context === undefined
    ? [{ path: ["kubernetes", "context"], message: "is required in this profile: name the agents' cluster context rather than whatever kubeconfig's current context is" }]
    : [],
];
