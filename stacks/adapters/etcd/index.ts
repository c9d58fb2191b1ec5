import type { Adapter } from "../contract";
import type { EtcdOutputs } from "./deploy";
import { ETCD_PROFILES, type EtcdProfile } from "./profiles";
import { ETCD_RULES } from "./rules";
import { type EtcdConfig, etcdSchema } from "./schema";
import { type EtcdSettings, etcdSettings } from "./settings";

/** A separate etcd cluster on an existing Kubernetes cluster (components/etcd) for the Fiber `storage/etcd` adapter. */
export const etcdAdapter: Adapter<EtcdConfig, EtcdProfile, EtcdSettings, EtcdOutputs> = {
  key: "etcd",
  configKey: "etcd",
  schema: etcdSchema,
  profiles: ETCD_PROFILES,
  settings: etcdSettings,
  enabled: (s) => s.enabled,
  rules: ETCD_RULES,
  loadDeploy: async () => (await import("./deploy")).deployEtcd,
  resourceTypes: [
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it, the members' claims included.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    { type: "kubernetes:apps/v1:StatefulSet", stateful: true },
    // Root and application credentials: replaced, etcd and every client hold the old ones.
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    // Its reclaim policy keeps the volumes; a replaced class orphans them from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:core/v1:Service", stateful: false },
    { type: "kubernetes:batch/v1:Job", stateful: false },
    { type: "kubernetes:batch/v1:CronJob", stateful: false },
    { type: "kubernetes:core/v1:ServiceAccount", stateful: false },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:policy/v1:PodDisruptionBudget", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PodMonitor", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "sparki:kubernetes:S3Backup", stateful: false },
    { type: "sparki:etcd:EtcdCluster", stateful: false },
  ],
};
