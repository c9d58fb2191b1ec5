import type { Adapter } from "../contract";
import type { SurrealdbOutputs } from "./deploy";
import { SURREALDB_PROFILES, type SurrealdbProfile } from "./profiles";
import { SURREALDB_RULES } from "./rules";
import { type SurrealdbConfig, surrealdbSchema } from "./schema";
import { type SurrealdbSettings, surrealdbSettings } from "./settings";

/** SurrealDB on an existing Kubernetes cluster (components/surrealdb) for the Fiber `storage/surrealdb` adapter. */
export const surrealdbAdapter: Adapter<SurrealdbConfig, SurrealdbProfile, SurrealdbSettings, SurrealdbOutputs> = {
  key: "surrealdb",
  configKey: "surrealdb",
  schema: surrealdbSchema,
  profiles: SURREALDB_PROFILES,
  settings: surrealdbSettings,
  enabled: (s) => s.enabled,
  rules: SURREALDB_RULES,
  loadDeploy: async () => (await import("./deploy")).deploySurrealdb,
  resourceTypes: [
    { type: "sparki:surrealdb:SurrealDb", stateful: false },
    { type: "sparki:kubernetes:S3Backup", stateful: false },
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it, the data claim included.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    { type: "kubernetes:apps/v1:StatefulSet", stateful: true },
    // Root and application credentials: replaced, the server and every client hold the old ones.
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    // Its reclaim policy keeps the volume; a replaced class orphans it from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:core/v1:Service", stateful: false },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
    { type: "kubernetes:batch/v1:CronJob", stateful: false },
    // The post-deploy verification (components/surrealdb/verify.ts): hash-named, re-run on every change.
    { type: "kubernetes:batch/v1:Job", stateful: false },
    { type: "kubernetes:core/v1:ServiceAccount", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
  ],
};
