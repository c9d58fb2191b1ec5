import { REFUSED_REPOSITORY_PREFIXES } from "../../../components/kubernetes/image";
import { nodesProblem } from "../../../components/nats/topology";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import { imagePairingProblems, kubernetesHostingProblems } from "../kubernetes-hosting";
import type { NatsProfile } from "./profiles";
import type { NatsConfig } from "./schema";
import type { NatsSettings } from "./settings";

type Rule = AdapterRule<NatsConfig, NatsProfile, NatsSettings>;

const IMAGE_FIELDS = ["image", "boxImage", "exporterImage"] as const;

/** Bitnami's catalogue is refused here too (the component would refuse it after the plan started). */
function bitnamiProblems(s: NatsSettings): Problem[] {
  return IMAGE_FIELDS.flatMap((field) => {
    const prefix = REFUSED_REPOSITORY_PREFIXES.find((p) => s[field].repository.startsWith(p));
    return prefix ? [{
      path: [field, "repository"],
      message: `must not be from the Bitnami catalogue (${prefix}): its versioned images are no longer maintained; use the project's own image (nats, natsio/*) or a mirror of it`,
    }] : [];
  });
}

/** Rules across keys, run on the settings when NATS is enabled (paths inside `sparki-storage:nats`). */
export const NATS_RULES: readonly Rule[] = [
  // Context, StorageClass, the EBS CSI role, backups and their OIDC provider: the rules of every Kubernetes adapter.
  ({ config, settings, scope }) => kubernetesHostingProblems(config, settings, scope),

  ({ config }) => IMAGE_FIELDS.flatMap((field) => imagePairingProblems(config[field], field)),

  ({ settings }) => bitnamiProblems(settings),

  // 2 servers: a Raft group that stops when either is down (components/nats/topology.ts has the source).
  ({ settings: s }) => {
    const problem = nodesProblem(s.nodes);
    return problem ? [{ path: ["nodes"], message: problem }] : [];
  },

  // Prod keeps the bucket at R3: a meta group and a stream that survive the loss of one server.
  ({ settings: s, scope }) => s.nodes < s.minNodes
    ? [{ path: ["nodes"], message: `must be at least ${s.minNodes} for profile "${scope.env.profile.name}" (JetStream keeps the bucket at R3 and survives the loss of one server only with 3 or more)` }]
    : [],

  // A claim grows but never shrinks (Kubernetes refuses a smaller storage request).
  ({ settings: s }) => s.expandedVolumeSizeGiB !== undefined && s.expandedVolumeSizeGiB < s.volumeSizeGiB
    ? [{ path: ["expandedVolumeSizeGiB"], message: `must be at least volumeSizeGiB (${s.volumeSizeGiB}): a claim can grow but never shrink` }]
    : [],

  // JetStream must reach its own cap before the disk is full (the volume also holds Raft logs and the filesystem's metadata).
  ({ settings: s }) => {
    const claim = s.expandedVolumeSizeGiB ?? s.volumeSizeGiB;
    return s.jetStreamMaxFileStoreGiB !== undefined && s.jetStreamMaxFileStoreGiB > claim
      ? [{
        path: ["jetStreamMaxFileStoreGiB"],
        message: `must be at most the claim size (${claim} GiB: expandedVolumeSizeGiB, else volumeSizeGiB): above it JetStream accepts writes the disk cannot hold; expand the claims (kubectl patch pvc data-nats-<i>) and set expandedVolumeSizeGiB first`,
      }]
      : [];
  },

  // A limit under the request is refused by the API server (a container's limit must be >= its request).
  ({ settings: s }) => s.cpuLimitMillis < s.cpuMillis
    ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis}): Kubernetes refuses a CPU limit below the request` }]
    : [],
];
