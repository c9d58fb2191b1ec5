import { topologyProblem } from "../../components/minio";
import { PROFILES } from "../profiles";
import type { Problem, Rule } from "./cross-field";
import { minioSettings } from "./minio";
import type { ProjectConfig } from "./schema";

/** Rules apply only to a stack that deploys MinIO. */
function whenEnabled(check: (project: ProjectConfig) => Problem[]): Rule {
  return ({ project }) => (minioSettings(project).enabled ? check(project) : []);
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

export const minioRules: readonly Rule[] = [
  whenEnabled((project) => {
    const s = minioSettings(project);
    const problem = topologyProblem(s.servers, s.drivesPerServer);
    return problem ? [{ path: ["minio", problem.field], message: problem.message }] : [];
  }),

  whenEnabled((project) => {
    const s = minioSettings(project);
    return s.cpuLimitMillis < s.cpuMillis
      ? [{ path: ["minio", "cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis})` }]
      : [];
  }),

  whenEnabled((project) =>
    PROFILES[project.profile].minio.tlsRequired && project.minio.tlsSecretName === undefined
      ? [{ path: ["minio", "tlsSecretName"], message: `must name the kubernetes.io/tls Secret (tls.crt, tls.key, ca.crt) of the MinIO servers for profile "${project.profile}" (S3 traffic must be encrypted in transit)` }]
      : []),

  whenEnabled((project) =>
    PROFILES[project.profile].minio.contextRequired && project.minio.context === undefined
      ? [{ path: ["minio", "context"], message: `must name the kubeconfig context of the target cluster for profile "${project.profile}" (never deploy to whatever context is current)` }]
      : []),

  whenEnabled((project) =>
    project.minio.storageClass !== undefined && project.minio.ebsKmsStorageClass === true
      ? [{ path: ["minio", "storageClass"], message: "must not be set together with ebsKmsStorageClass: true (that creates the drives' StorageClass); remove one" }]
      : []),

  whenEnabled((project) => [...imagePairing(project, "image"), ...imagePairing(project, "clientImage")]),
];
