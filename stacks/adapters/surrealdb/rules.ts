import { ROOT_USERNAME } from "../../../components/surrealdb/defaults";
import type { AdapterRule } from "../contract";
import { imagePairingProblems, kubernetesHostingProblems } from "../kubernetes-hosting";
import type { SurrealdbProfile } from "./profiles";
import type { SurrealdbConfig } from "./schema";
import type { SurrealdbSettings } from "./settings";

type Rule = AdapterRule<SurrealdbConfig, SurrealdbProfile, SurrealdbSettings>;

/** Rules across keys, run on the settings when SurrealDB is enabled (paths inside `sparki-storage:surrealdb`). */
export const SURREALDB_RULES: readonly Rule[] = [
  // Context, StorageClass, the EBS CSI role, backups and their OIDC provider: the rules of every Kubernetes adapter.
  ({ config, settings, scope }) => kubernetesHostingProblems(config, settings, scope),

  ({ config }) => imagePairingProblems(config.image, "image"),

  // A limit under the request is refused by the API server (a container's limit must be >= its request).
  ({ settings: s }) => s.cpuLimitMillis < s.cpuMillis
    ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis}): Kubernetes refuses a CPU limit below the request` }]
    : [],

  // The root user is the server's own (backups, administration); the application gets its own, without IAM rights.
  ({ settings: s }) => s.appUsername === ROOT_USERNAME
    ? [{ path: ["appUsername"], message: `must not be "${ROOT_USERNAME}": the application signs in as its own EDITOR user, never as root` }]
    : [],
];
