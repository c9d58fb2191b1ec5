import { objectLabels as workloadObjectLabels, selectorLabels as workloadSelectorLabels } from "../kubernetes/labels";
import { serviceDnsNames } from "../kubernetes/tls";

/**
 * Names of the Kubernetes objects inside the MinIO namespace. The namespace itself is per environment, so the
 * names inside it can be fixed and short (they appear in DNS names and in the server pool URL).
 */
export const MINIO_NAMES = {
  statefulSet: "minio",
  headlessService: "minio-hl",
  clientService: "minio",
  rootSecret: "minio-root-credentials",
  clientSecret: "minio-client-credentials",
  provisioningConfig: "minio-provisioning",
  provisioningJobPrefix: "minio-provision",
  disruptionBudget: "minio",
  networkPolicy: "minio-api-ingress",
} as const;

/** The S3 API port; MinIO servers also talk to each other on it. */
export const API_PORT = 9000;

/** Keys of the root and client credential Secrets. */
export const SECRET_KEYS = {
  rootUser: "MINIO_ROOT_USER",
  rootPassword: "MINIO_ROOT_PASSWORD",
  accessKey: "accessKey",
  secretKey: "secretKey",
} as const;

export type MinioRole = "server" | "provisioner";

/** Labels that select the pods of one role of one MinIO instance. */
export function selectorLabels(instance: string, role: MinioRole): Record<string, string> {
  return workloadSelectorLabels("minio", instance, role);
}

/** Selector labels plus the ownership labels every object carries. */
export function objectLabels(instance: string, role: MinioRole): Record<string, string> {
  return workloadObjectLabels("minio", instance, role);
}

export interface ClusterAddress {
  /** Namespace of the MinIO objects. */
  readonly namespace: string;
  /** Kubernetes cluster DNS domain, e.g. `cluster.local`. */
  readonly clusterDomain: string;
  /** Whether the servers speak TLS (https) on the API port. */
  readonly tls: boolean;
}

export function scheme(address: ClusterAddress): "http" | "https" {
  return address.tls ? "https" : "http";
}

/** The in-cluster S3 endpoint clients use (the client Service). */
export function endpointUrl(address: ClusterAddress): string {
  return `${scheme(address)}://${MINIO_NAMES.clientService}.${address.namespace}.svc.${address.clusterDomain}:${API_PORT}`;
}

/** DNS names a TLS certificate for the servers must cover (client Service and every server pod). */
export function tlsDnsNames(address: ClusterAddress): string[] {
  return serviceDnsNames(MINIO_NAMES.clientService, address.namespace, address.clusterDomain, MINIO_NAMES.headlessService);
}
