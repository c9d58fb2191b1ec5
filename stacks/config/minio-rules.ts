import { topologyProblem } from "../../components/minio";
import { PROFILES } from "../profiles";
import type { Context, Problem, Rule } from "./cross-field";
import { minioSettings } from "./minio";
import type { ProjectConfig } from "./schema";

/** Rules apply only to a stack that deploys MinIO. */
function whenEnabled(check: (project: ProjectConfig, context: Context) => Problem[]): Rule {
  return (context) => (minioSettings(context.stack, context.project).enabled ? check(context.project, context) : []);
}

function imagePairing(project: ProjectConfig, field: "image" | "clientImage"): Problem[] {
  const image = project.minio[field];
  if (image?.tag !== undefined && image.digest === undefined) {
    return [{ path: ["minio", field, "digest"], message: `must be set together with ${field}.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored)` }];
  }
  if (image?.digest !== undefined && image.tag === undefined) {
    return [{ path: ["minio", field, "tag"], message: `must be set together with ${field}.digest (the default tag belongs to the default digest)` }];
  }
  return [];
}

/** The EBS CSI driver's role is needed exactly when the drives use the customer key, and must be in the key's account. */
function ebsCsiRole(project: ProjectConfig, { stack }: Context): Problem[] {
  const s = minioSettings(stack, project);
  const path = ["minio", "ebsCsiRoleArn"];
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
  if (account !== undefined && account !== project.accountId) {
    return [{ path, message: `must be a role in this stack's account ${project.accountId} (the KMS key policy delegates to IAM of its own account only)` }];
  }
  return [];
}

/** The audit archive keeps what the S3 side keeps: its days come from objectStore.auditArchive only. */
function auditArchiveFromS3(project: ProjectConfig, { stack }: Context): Problem[] {
  const audit = project.minio.lifecycle?.auditArchive;
  if (audit === undefined) return [];
  const s = minioSettings(stack, project).lifecycle.auditArchive;
  return (["expirationDays", "noncurrentExpirationDays"] as const).filter((field) => audit[field] !== undefined).map((field) => ({
    path: ["minio", "lifecycle", "auditArchive", field],
    message: `must not be set: MinIO's audit archive takes its days from sparki-storage:objectStore.auditArchive (now ${field} ${s[field]}) so both keep audit logs equally long; change it there`,
  }));
}

export const minioRules: readonly Rule[] = [
  whenEnabled((project, { stack }) => {
    const s = minioSettings(stack, project);
    const problem = topologyProblem(s.servers, s.drivesPerServer);
    return problem ? [{ path: ["minio", problem.field], message: problem.message }] : [];
  }),

  whenEnabled((project, { stack }) => {
    const s = minioSettings(stack, project);
    return s.cpuLimitMillis < s.cpuMillis
      ? [{ path: ["minio", "cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis})` }]
      : [];
  }),

  whenEnabled((project) =>
    project.minio.insecureHttp === true && !PROFILES[project.profile].minio.insecureHttpAllowed
      ? [{ path: ["minio", "insecureHttp"], message: `must not be true for profile "${project.profile}" (S3 traffic must be encrypted in transit; issue the certificate into tlsSecretName instead)` }]
      : []),

  whenEnabled((project) =>
    project.minio.insecureHttp === true && project.minio.tlsSecretName !== undefined
      ? [{ path: ["minio", "tlsSecretName"], message: "must not be set together with insecureHttp: true (plain HTTP uses no certificate); remove one" }]
      : []),

  whenEnabled((project) =>
    PROFILES[project.profile].minio.contextRequired && project.minio.context === undefined
      ? [{ path: ["minio", "context"], message: `must name the kubeconfig context of the target cluster for profile "${project.profile}" (never deploy to whatever context is current)` }]
      : []),

  whenEnabled((project) =>
    project.minio.storageClass !== undefined && project.minio.ebsKmsStorageClass === true
      ? [{ path: ["minio", "storageClass"], message: "must not be set together with ebsKmsStorageClass: true (that creates the drives' StorageClass); remove one" }]
      : []),

  // A claim without storageClassName is provisioned only from the cluster's default StorageClass
  // (https://kubernetes.io/docs/concepts/storage/dynamic-provisioning/#defaulting-behavior); where there is none,
  // "the storageClassName of that PVC remains unset until default becomes available", so the claim and the server
  // pod stay Pending (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#retroactive-default-storageclass-assignment;
  // both checked 2026-11-29). Whether a cluster has a default is not something this stack can see, so the drives
  // always name their class.
  whenEnabled((project, { stack }) => {
    const s = minioSettings(stack, project);
    return !s.ebsKmsStorageClass && s.storageClass === undefined
      ? [{
        path: ["minio", "storageClass"],
        message: "must name an existing StorageClass of the cluster for the drives when ebsKmsStorageClass is false "
          + "(e.g. gp2 on EKS, standard on kind, minikube or GKE; `kubectl get storageclass` lists them), or set ebsKmsStorageClass: true; "
          + "a claim without a class relies on the cluster's default StorageClass and stays Pending where there is none",
      }]
      : [];
  }),

  whenEnabled(ebsCsiRole),

  whenEnabled(auditArchiveFromS3),

  whenEnabled((project) => [...imagePairing(project, "image"), ...imagePairing(project, "clientImage")]),
];
