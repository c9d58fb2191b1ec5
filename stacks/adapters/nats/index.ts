import type { Adapter } from "../contract";
import type { NatsOutputs } from "./deploy";
import { NATS_PROFILES, type NatsProfile } from "./profiles";
import { NATS_RULES } from "./rules";
import { type NatsConfig, natsSchema } from "./schema";
import { type NatsSettings, natsSettings } from "./settings";

/** NATS JetStream on an existing Kubernetes cluster (components/nats) for the Fiber `storage/nats` adapter. */
export const natsAdapter: Adapter<NatsConfig, NatsProfile, NatsSettings, NatsOutputs> = {
  key: "nats",
  configKey: "nats",
  schema: natsSchema,
  profiles: NATS_PROFILES,
  settings: natsSettings,
  enabled: (s) => s.enabled,
  rules: NATS_RULES,
  loadDeploy: async () => (await import("./deploy")).deployNats,
  resourceTypes: [
    { type: "sparki:nats:NatsCluster", stateful: false },
    { type: "sparki:kubernetes:S3Backup", stateful: false },
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it, the JetStream claims included.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    { type: "kubernetes:apps/v1:StatefulSet", stateful: true },
    // Credentials and the server configuration holding their hashes: replaced, every client holds the old ones.
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    // Its reclaim policy keeps the volumes; a replaced class orphans them from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:core/v1:Service", stateful: false },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:policy/v1:PodDisruptionBudget", stateful: false },
    // Creates the bucket only when it is missing; a re-run never touches the data.
    { type: "kubernetes:batch/v1:Job", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PodMonitor", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
    { type: "kubernetes:batch/v1:CronJob", stateful: false },
    { type: "kubernetes:core/v1:ServiceAccount", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
  ],
};
