import type { AdapterRule } from "../contract";
import { imagePairingProblems, kubernetesHostingProblems } from "../kubernetes-hosting";
import type { Neo4jProfile } from "./profiles";
import type { Neo4jConfig } from "./schema";
import type { Neo4jSettings } from "./settings";

type Rule = AdapterRule<Neo4jConfig, Neo4jProfile, Neo4jSettings>;

/** Rules across keys, run on the settings when Neo4j is enabled (paths inside `sparki-storage:neo4j`). */
export const NEO4J_RULES: readonly Rule[] = [
  // Context, StorageClass, the EBS CSI role, backups and their OIDC provider: the rules of every Kubernetes adapter.
  ({ config, settings, scope }) => kubernetesHostingProblems(config, settings, scope),

  ({ config }) => imagePairingProblems(config.image, "image"),

  // A limit under the request is refused by the API server (a container's limit must be >= its request).
  ({ settings: s }) => s.cpuLimitMillis < s.cpuMillis
    ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis}): Kubernetes refuses a CPU limit below the request` }]
    : [],

  // The component runs Community Edition: an Enterprise image needs a licence and NEO4J_ACCEPT_LICENSE_AGREEMENT,
  // without which its entrypoint exits (docker-entrypoint.sh "In order to use Neo4j Enterprise Edition you must accept
  // the license agreement").
  ({ settings: s }) => /enterprise/i.test(s.image.tag)
    ? [{ path: ["image", "tag"], message: `"${s.image.tag}" is an Enterprise Edition image; this adapter runs Neo4j Community Edition (use a -community tag)` }]
    : [],
];
