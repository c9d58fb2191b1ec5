import type * as pulumi from "@pulumi/pulumi";
import { bucketProblems, type MinioBucket } from "./buckets";
import { type ContainerImage, imageProblems, MINIO_CLIENT_IMAGE, MINIO_SERVER_IMAGE } from "./image";
import type { NamespaceLabel } from "./policies";
import { type ErasureLayout, topologyProblem, erasureLayout } from "./topology";

export interface MinioClusterArgs {
  /** Namespace the component creates for MinIO (a DNS label). No default. */
  readonly namespace: string;
  /** Server pods: 1 (single server) or 4..32 (distributed, erasure-coded `{0...N}` pool). Default: 1 (count). */
  readonly servers?: number;
  /** Drives (PersistentVolumeClaims) per server: 1, or 4..16 on a single server; 1..16 when distributed. Default: 1 (count). */
  readonly drivesPerServer?: number;
  /** Size of each drive. Default: 10 (GiB). */
  readonly volumeSizeGiB?: number;
  /** Existing StorageClass of the drives. Default: none (the cluster default, or the class made for `ebsKmsKeyArn`). */
  readonly storageClassName?: string;
  /** When set, creates a gp3 EBS StorageClass encrypted with this KMS key and puts every drive on it. Default: none. */
  readonly ebsKmsKeyArn?: pulumi.Input<string>;
  /** CPU request per server. Default: 250 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit per server, at least `cpuMillis`. Default: 1000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request and limit per server. Default: 1024 (MiB). */
  readonly memoryMiB?: number;
  /** Server image, pinned by digest. Default: {@link MINIO_SERVER_IMAGE}. */
  readonly image?: ContainerImage;
  /** `mc` image of the bucket provisioning Job, pinned by digest. Default: {@link MINIO_CLIENT_IMAGE}. */
  readonly clientImage?: ContainerImage;
  /** kubernetes.io/tls Secret in the namespace (tls.crt, tls.key, ca.crt); the servers then speak https. Default: none (http). */
  readonly tlsSecretName?: string;
  /** Cluster DNS domain used in the endpoint and the server pool. Default: `cluster.local`. */
  readonly clusterDomain?: string;
  /** Namespaces carrying this label may call the S3 API. Default: `storage.sparki.io/minio-client=true`. */
  readonly clientNamespaceLabel?: NamespaceLabel;
  /** Namespace of the Prometheus that scrapes the metrics endpoints. Default: `monitoring`. */
  readonly monitoringNamespace?: string;
  /** Buckets and their expiry rules. No default; at least one. */
  readonly buckets: readonly MinioBucket[];
  /** Pulumi `protect` on the namespace, StatefulSet, root credentials and StorageClass, and drives kept on delete. Default: false. */
  readonly protect?: boolean;
}

/** Every argument with its default applied, plus the erasure layout. */
export interface ResolvedMinioArgs extends Required<Omit<MinioClusterArgs, "storageClassName" | "ebsKmsKeyArn" | "tlsSecretName">> {
  readonly storageClassName?: string;
  readonly ebsKmsKeyArn?: pulumi.Input<string>;
  readonly tlsSecretName?: string;
  readonly layout: ErasureLayout;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

/** Applies defaults and checks every argument; throws one Error listing all problems. */
export function resolveMinioArgs(name: string, args: MinioClusterArgs): ResolvedMinioArgs {
  const resolved = {
    ...args,
    servers: args.servers ?? 1,
    drivesPerServer: args.drivesPerServer ?? 1,
    volumeSizeGiB: args.volumeSizeGiB ?? 10,
    cpuMillis: args.cpuMillis ?? 250,
    cpuLimitMillis: args.cpuLimitMillis ?? 1000,
    memoryMiB: args.memoryMiB ?? 1024,
    image: args.image ?? MINIO_SERVER_IMAGE,
    clientImage: args.clientImage ?? MINIO_CLIENT_IMAGE,
    clusterDomain: args.clusterDomain ?? "cluster.local",
    clientNamespaceLabel: args.clientNamespaceLabel ?? { key: "storage.sparki.io/minio-client", value: "true" },
    monitoringNamespace: args.monitoringNamespace ?? "monitoring",
    protect: args.protect ?? false,
  };
  const topology = topologyProblem(resolved.servers, resolved.drivesPerServer);
  const problems = [
    ...(DNS_LABEL.test(resolved.namespace) ? [] : [`namespace "${resolved.namespace}" must be a DNS label`]),
    ...(DNS_LABEL.test(resolved.monitoringNamespace) ? [] : [`monitoringNamespace "${resolved.monitoringNamespace}" must be a DNS label`]),
    ...(topology ? [`${topology.field} ${topology.message}, got ${resolved[topology.field]}`] : []),
    ...integerProblem("volumeSizeGiB", resolved.volumeSizeGiB, 1, 16_384),
    ...integerProblem("cpuMillis", resolved.cpuMillis, 50, 64_000),
    ...integerProblem("cpuLimitMillis", resolved.cpuLimitMillis, resolved.cpuMillis, 64_000),
    ...integerProblem("memoryMiB", resolved.memoryMiB, 256, 262_144),
    ...imageProblems(resolved.image).map((p) => `image ${p}`),
    ...imageProblems(resolved.clientImage).map((p) => `clientImage ${p}`),
    ...(resolved.storageClassName !== undefined && resolved.ebsKmsKeyArn !== undefined ? ["storageClassName and ebsKmsKeyArn exclude each other"] : []),
    ...[resolved.storageClassName, resolved.tlsSecretName, resolved.clusterDomain]
      .filter((v): v is string => v !== undefined && !DNS_SUBDOMAIN.test(v)).map((v) => `"${v}" must be a DNS subdomain`),
    ...(LABEL_KEY.test(resolved.clientNamespaceLabel.key) && LABEL_VALUE.test(resolved.clientNamespaceLabel.value)
      ? [] : [`clientNamespaceLabel ${resolved.clientNamespaceLabel.key}=${resolved.clientNamespaceLabel.value} is not a valid label`]),
    ...bucketProblems(resolved.buckets),
  ];
  if (problems.length > 0) throw new Error(`MinioCluster ${name}: ${problems.join("; ")}`);
  return { ...resolved, layout: erasureLayout(resolved.servers, resolved.drivesPerServer) };
}
