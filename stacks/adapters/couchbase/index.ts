import type { Adapter } from "../contract";
import type { CouchbaseOutputs } from "./deploy";
import { COUCHBASE_PROFILES, type CouchbaseProfile } from "./profiles";
import { COUCHBASE_RULES } from "./rules";
import { type CouchbaseConfig, couchbaseSchema } from "./schema";
import { type CouchbaseSettings, couchbaseSettings } from "./settings";

/** Couchbase Server Enterprise through the Couchbase Autonomous Operator (components/couchbase) for the Fiber `storage/couchbase` adapter. */
export const couchbaseAdapter: Adapter<CouchbaseConfig, CouchbaseProfile, CouchbaseSettings, CouchbaseOutputs> = {
  key: "couchbase",
  configKey: "couchbase",
  schema: couchbaseSchema,
  profiles: COUCHBASE_PROFILES,
  settings: couchbaseSettings,
  enabled: (s) => s.enabled,
  rules: COUCHBASE_RULES,
  loadDeploy: async () => (await import("./deploy")).deployCouchbase,
  resourceTypes: [
    { type: "sparki:couchbase:Couchbase", stateful: false },
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it, the servers' claims included.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    // Replaced, the operator deletes its pods, volumes and data with it (the CouchbaseCluster owns them).
    { type: "kubernetes:couchbase.com/v2:CouchbaseCluster", stateful: true },
    // Replaced, the operator deletes the bucket and every document in it.
    { type: "kubernetes:couchbase.com/v2:CouchbaseBucket", stateful: true },
    // Replaced, the user is recreated with the Secret's password: clients keep working, nothing is lost.
    { type: "kubernetes:couchbase.com/v2:CouchbaseUser", stateful: false },
    { type: "kubernetes:couchbase.com/v2:CouchbaseGroup", stateful: false },
    { type: "kubernetes:couchbase.com/v2:CouchbaseRoleBinding", stateful: false },
    // Its archive lives in S3, not in the resource.
    { type: "kubernetes:couchbase.com/v2:CouchbaseBackup", stateful: false },
    // Admin, application and metrics credentials: replaced, the servers and every client hold the old ones.
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    // Its reclaim policy keeps the volumes; a replaced class orphans them from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", stateful: false },
    { type: "kubernetes:core/v1:ServiceAccount", stateful: false },
    { type: "kubernetes:rbac.authorization.k8s.io/v1:Role", stateful: false },
    { type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
  ],
};
