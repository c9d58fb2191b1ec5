import type { Adapter } from "../contract";
import type { MinioOutputs } from "./deploy";
import { MINIO_PROFILES, type MinioProfile } from "./profiles";
import { MINIO_RULES } from "./rules";
import { type MinioConfig, minioSchema } from "./schema";
import { type MinioSettings, minioSettings } from "./settings";

/** MinIO on an existing Kubernetes cluster (components/minio) for the Fiber `storage/minio` adapter. */
export const minioAdapter: Adapter<MinioConfig, MinioProfile, MinioSettings, MinioOutputs> = {
  key: "minio",
  configKey: "minio",
  schema: minioSchema,
  profiles: MINIO_PROFILES,
  settings: minioSettings,
  enabled: (s) => s.enabled,
  rules: MINIO_RULES,
  loadDeploy: async () => (await import("./deploy")).deployMinio,
  resourceTypes: [
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it, the drives' claims included.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    { type: "kubernetes:apps/v1:StatefulSet", stateful: true },
    // Root and client credentials: replaced, the servers and every client hold the old ones.
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomString:RandomString", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    // Its reclaim policy keeps the drives' EBS volumes; a replaced class orphans them from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:core/v1:Service", stateful: false },
    { type: "kubernetes:core/v1:ConfigMap", stateful: false },
    { type: "kubernetes:batch/v1:Job", stateful: false },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:policy/v1:PodDisruptionBudget", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
  ],
};
