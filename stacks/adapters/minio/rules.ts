import { topologyProblem } from "../../../components/minio/topology";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import { OBJECT_STORE_PROFILES } from "../s3/profiles";
import type { MinioProfile } from "./profiles";
import type { MinioConfig } from "./schema";
import type { MinioSettings } from "./settings";

type Rule = AdapterRule<MinioConfig, MinioProfile, MinioSettings>;

/** A tag and a digest only together; the default of the missing one is no answer (the absence is the problem). */
function imagePairing(config: MinioConfig, field: "image" | "clientImage"): Problem[] {
  const image = config[field];
  if (image?.tag !== undefined && image.digest === undefined) {
    return [{ path: [field, "digest"], message: `must be set together with ${field}.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored)`, defaultInEffect: undefined }];
  }
  if (image?.digest !== undefined && image.tag === undefined) {
    return [{ path: [field, "tag"], message: `must be set together with ${field}.digest (the default tag belongs to the default digest)`, defaultInEffect: undefined }];
  }
  return [];
}

/** The EBS CSI driver's role is needed exactly when the drives use the customer key, and must be in the key's account. */
const ebsCsiRole: Rule = ({ settings: s, scope }) => {
  const path = ["ebsCsiRoleArn"];
  if (s.ebsKmsStorageClass && s.ebsCsiRoleArn === undefined) {
    return [{
      path,
      message: "must name the IAM role of the cluster's EBS CSI driver when the drives use the customer-key StorageClass (ebsKmsStorageClass): "
        + "the key policy delegates to IAM, so without the policy this stack creates for that role no encrypted volume can be created",
    }];
  }
  if (!s.ebsKmsStorageClass && s.ebsCsiRoleArn !== undefined) {
    return [{ path, message: "only applies when the drives use the customer-key StorageClass (ebsKmsStorageClass: true); remove it or turn that on" }];
  }
  const account = s.ebsCsiRoleArn?.split(":")[4];
  const own = scope.env.accountId;
  if (account !== undefined && account !== own) {
    return [{ path, message: `must be a role in this stack's account ${own} (the KMS key policy delegates to IAM of its own account only)` }];
  }
  return [];
};

/** The audit archive keeps what the S3 side keeps: its days come from objectStore.auditArchive only. */
const auditArchiveFromS3: Rule = ({ config, settings }) => {
  const audit = config.lifecycle?.auditArchive;
  if (audit === undefined) return [];
  const s = settings.lifecycle.auditArchive;
  return (["expirationDays", "noncurrentExpirationDays"] as const).filter((field) => audit[field] !== undefined).map((field) => ({
    path: ["lifecycle", "auditArchive", field],
    message: `must not be set: MinIO's audit archive takes its days from sparki-storage:objectStore.auditArchive (now ${field} ${s[field]}) so both keep audit logs equally long; change it there`,
  }));
};

/** MinIO's build cache obeys the S3 tier's cap too (prod: the policy matrix-build-cache-expiry); only a MinIO override can break it. */
const buildCacheExpiry: Rule = ({ config, scope: { env } }) => {
  const most = OBJECT_STORE_PROFILES[env.profile.name].maxBuildCacheExpirationDays;
  const days = config.lifecycle?.buildCache?.expirationDays;
  return most !== undefined && days !== undefined && days > most
    ? [{ path: ["lifecycle", "buildCache", "expirationDays"], message: `must be at most ${most} (days) for profile "${env.profile.name}" (a build cache is rebuilt, never kept, on MinIO as on S3)` }]
    : [];
};

/** Rules of `sparki-storage:minio`; they apply only to a stack that deploys MinIO. */
export const MINIO_RULES: readonly Rule[] = [
  ({ settings: s }) => {
    const problem = topologyProblem(s.servers, s.drivesPerServer);
    return problem ? [{ path: [problem.field], message: problem.message }] : [];
  },

  ({ settings: s }) =>
    s.cpuLimitMillis < s.cpuMillis
      ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis})` }]
      : [],

  ({ config, settings: s, scope }) =>
    config.insecureHttp === true && !s.insecureHttpAllowed
      ? [{ path: ["insecureHttp"], message: `must not be true for profile "${scope.env.profile.name}" (S3 traffic must be encrypted in transit; issue the certificate into tlsSecretName instead)` }]
      : [],

  ({ config }) =>
    config.insecureHttp === true && config.tlsSecretName !== undefined
      ? [{ path: ["tlsSecretName"], message: "must not be set together with insecureHttp: true (plain HTTP uses no certificate); remove one" }]
      : [],

  ({ config, settings: s, scope }) =>
    s.contextRequired && config.context === undefined
      ? [{ path: ["context"], message: `must name the kubeconfig context of the target cluster for profile "${scope.env.profile.name}" (never deploy to whatever context is current)` }]
      : [],

  ({ config }) =>
    config.storageClass !== undefined && config.ebsKmsStorageClass === true
      ? [{ path: ["storageClass"], message: "must not be set together with ebsKmsStorageClass: true (that creates the drives' StorageClass); remove one" }]
      : [],

  // A claim without storageClassName is provisioned only from the cluster's default StorageClass
  // (https://kubernetes.io/docs/concepts/storage/dynamic-provisioning/#defaulting-behavior); where there is none,
  // "the storageClassName of that PVC remains unset until default becomes available", so the claim and the server
  // pod stay Pending (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#retroactive-default-storageclass-assignment;
  // both checked 2026-11-29). Whether a cluster has a default is not something this stack can see, so the drives
  // always name their class.
  ({ settings: s }) =>
    !s.ebsKmsStorageClass && s.storageClass === undefined
      ? [{
        path: ["storageClass"],
        message: "must name an existing StorageClass of the cluster for the drives when ebsKmsStorageClass is false "
          + "(e.g. gp2 on EKS, standard on kind, minikube or GKE; `kubectl get storageclass` lists them), or set ebsKmsStorageClass: true; "
          + "a claim without a class relies on the cluster's default StorageClass and stays Pending where there is none",
      }]
      : [],

  ebsCsiRole,

  auditArchiveFromS3,

  buildCacheExpiry,

  ({ config }) => [...imagePairing(config, "image"), ...imagePairing(config, "clientImage")],
];
