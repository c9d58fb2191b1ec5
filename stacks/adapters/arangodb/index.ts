import type { Adapter } from "../contract";
import type { ArangoDbOutputs } from "./deploy";
import { ARANGODB_PROFILES, type ArangoDbProfile } from "./profiles";
import { ARANGODB_RULES } from "./rules";
import { type ArangoDbConfig, arangoDbSchema } from "./schema";
import { type ArangoDbSettings, arangoDbSettings } from "./settings";

/** ArangoDB on an existing Kubernetes cluster through the kube-arangodb operator (components/arangodb) for the Fiber `storage/arangodb` adapter. */
export const arangoDbAdapter: Adapter<ArangoDbConfig, ArangoDbProfile, ArangoDbSettings, ArangoDbOutputs> = {
  key: "arangodb",
  configKey: "arangodb",
  schema: arangoDbSchema,
  profiles: ARANGODB_PROFILES,
  settings: arangoDbSettings,
  enabled: (s) => s.enabled,
  rules: ARANGODB_RULES,
  loadDeploy: async () => (await import("./deploy")).deployArangoDb,
  resourceTypes: [
    { type: "sparki:arangodb:ArangoDb", stateful: false },
    { type: "sparki:kubernetes:S3Backup", stateful: false },
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it: the operator's members and their claims.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    // The operator's whole database: replaced, it is deleted and recreated empty (mode is immutable too).
    { type: "kubernetes:database.arangodb.com/v1:ArangoDeployment", stateful: true },
    // Root and app passwords, JWT secret, encryption key: a replaced encryption key leaves the data unreadable.
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    { type: "random:index/randomBytes:RandomBytes", stateful: true },
    // The idempotent provisioning Job (database, collection, the app's user): replaced, it runs again.
    { type: "kubernetes:batch/v1:Job", stateful: false },
    // Its reclaim policy keeps the volumes in prod; a replaced class orphans them from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
    { type: "kubernetes:batch/v1:CronJob", stateful: false },
    { type: "kubernetes:core/v1:ServiceAccount", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
  ],
};
