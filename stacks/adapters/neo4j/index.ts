import type { Adapter } from "../contract";
import type { Neo4jOutputs } from "./deploy";
import { NEO4J_PROFILES, type Neo4jProfile } from "./profiles";
import { NEO4J_RULES } from "./rules";
import { type Neo4jConfig, neo4jSchema } from "./schema";
import { type Neo4jSettings, neo4jSettings } from "./settings";

/** Neo4j Community Edition on an existing Kubernetes cluster (components/neo4j) for the Fiber `storage/neo4j` adapter. */
export const neo4jAdapter: Adapter<Neo4jConfig, Neo4jProfile, Neo4jSettings, Neo4jOutputs> = {
  key: "neo4j",
  configKey: "neo4j",
  schema: neo4jSchema,
  profiles: NEO4J_PROFILES,
  settings: neo4jSettings,
  enabled: (s) => s.enabled,
  rules: NEO4J_RULES,
  loadDeploy: async () => (await import("./deploy")).deployNeo4j,
  resourceTypes: [
    { type: "sparki:neo4j:Neo4j", stateful: false },
    { type: "sparki:kubernetes:S3Backup", stateful: false },
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it, the data claim included.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    { type: "kubernetes:apps/v1:StatefulSet", stateful: true },
    // The neo4j password: replaced, every client holds the old one (and the store keeps it: set-initial-password
    // only applies to a store without users).
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    // Its reclaim policy keeps the volume; a replaced class orphans it from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:core/v1:ConfigMap", stateful: false },
    { type: "kubernetes:core/v1:Service", stateful: false },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
    { type: "kubernetes:batch/v1:CronJob", stateful: false },
    { type: "kubernetes:core/v1:ServiceAccount", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
  ],
};
