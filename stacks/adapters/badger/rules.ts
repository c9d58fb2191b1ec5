import { embeddedKvProblems } from "../../../components/embedded-kv/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { EmbeddedKvProfile } from "./profiles";
import type { EmbeddedKvConfig } from "./schema";
import type { EmbeddedKvSettings } from "./settings";

type Rule = AdapterRule<EmbeddedKvConfig, EmbeddedKvProfile, EmbeddedKvSettings>;

/** Cross-field rules of `sparki-storage:embeddedKv`, on the settings after tier and component defaults. */
export const EMBEDDED_KV_RULES: readonly Rule[] = [
  // What AWS (gp3, DLM) or the engine would refuse, worded by the component, at the key the stack set.
  ({ settings: s }) => embeddedKvProblems({ ...s, kubernetes: s.kubernetes.namespace === undefined ? undefined : s.kubernetes })
    .map(([field, message]): Problem => ({ path: field === "kubernetes" ? ["kubernetes", "namespace"] : [field], message })),

  ({ settings: s, profile }) => s.snapshotRetentionDays < profile.minSnapshotRetentionDays
    ? [{ path: ["snapshotRetentionDays"], message: `must be at least ${profile.minSnapshotRetentionDays} days in this profile (restoring from before a corruption noticed days later)` }]
    : [],

  ({ settings: s }) => s.hosting === "kubernetes" && s.contextRequired && s.kubernetes.context === undefined
    ? [{ path: ["kubernetes", "context"], message: "is required in this profile: name the agents' cluster context rather than whatever kubeconfig's current context is" }]
    : [],
];
