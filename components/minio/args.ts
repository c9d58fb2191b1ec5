import { bucketProblems, type MinioBucket } from "./buckets";
import { type EbsEncryption, ebsEncryptionProblems } from "./ebs-encryption";
import { type ContainerImage, imageProblems, MINIO_CLIENT_IMAGE, MINIO_SERVER_IMAGE } from "./image";
import { DNS_LABEL, DNS_SUBDOMAIN, isValidLabel, type NamespaceLabel } from "../kubernetes/labels";
import { type ErasureLayout, topologyProblem, erasureLayout } from "./topology";

/** Secret the servers read their certificate from unless another one is named. */
export const DEFAULT_TLS_SECRET_NAME = "minio-tls";

export interface MinioClusterArgs {
  /** Namespace the component creates for MinIO (a DNS label). No default. */
  readonly namespace: string;
  /** Server pods: 1 (single server) or 4..32 (distributed, erasure-coded `{0...N}` pool). Default: 1 (count). */
  readonly servers?: number;
  /** Drives (PersistentVolumeClaims) per server: 1, or 4..16 on a single server; 1..16 when distributed. Default: 1 (count). */
  readonly drivesPerServer?: number;
  /** Size of each drive, 1..16384. Default: 10 (GiB). */
  readonly volumeSizeGiB?: number;
  /** Existing StorageClass of the drives (excludes `ebsEncryption`). Default: none (the cluster default, or the class made for `ebsEncryption`). */
  readonly storageClassName?: string;
  /**
   * Creates a gp3 EBS StorageClass encrypted with a customer-managed KMS key, puts every drive on it, and
   * creates the IAM policy the EBS CSI driver's role needs for that key. Default: none.
   */
  readonly ebsEncryption?: EbsEncryption;
  /** CPU request per server, 50..64000. Default: 250 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit per server, `cpuMillis`..64000. Default: 1000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request and limit per server, 256..262144. Default: 1024 (MiB). */
  readonly memoryMiB?: number;
  /** Server image, pinned by digest. Default: {@link MINIO_SERVER_IMAGE}. */
  readonly image?: ContainerImage;
  /** `mc` image of the bucket provisioning Job, pinned by digest. Default: {@link MINIO_CLIENT_IMAGE}. */
  readonly clientImage?: ContainerImage;
  /**
   * kubernetes.io/tls Secret in the namespace (tls.crt, tls.key, ca.crt) the servers serve HTTPS with; the
   * certificate must cover `tlsDnsNames`. Must not be set with `insecureHttp`. Default: `minio-tls`.
   */
  readonly tlsSecretName?: string;
  /** Opt out of TLS: the servers, peers and the provisioning Job speak plain HTTP. Default: false (HTTPS). */
  readonly insecureHttp?: boolean;
  /** Cluster DNS domain used in the endpoint, the server pool and `tlsDnsNames`. Default: `cluster.local`. */
  readonly clusterDomain?: string;
  /** Namespaces carrying this label may call the S3 API. Default: `storage.sparki.io/minio-client=true`. */
  readonly clientNamespaceLabel?: NamespaceLabel;
  /** Namespace of the Prometheus that scrapes the metrics endpoints (a DNS label). Default: `monitoring`. */
  readonly monitoringNamespace?: string;
  /** Buckets, their expiry rules and Object Lock. No default; at least one. */
  readonly buckets: readonly MinioBucket[];
  /** Pulumi `protect` on the namespace, StatefulSet, root credentials and StorageClass, and drives kept on delete. Default: false. */
  readonly protect?: boolean;
}

/** The arguments that have a fixed default, and that default (each documented on {@link MinioClusterArgs}). */
export const MINIO_DEFAULTS = {
  servers: 1,
  drivesPerServer: 1,
  volumeSizeGiB: 10,
  cpuMillis: 250,
  cpuLimitMillis: 1000,
  memoryMiB: 1024,
  image: MINIO_SERVER_IMAGE,
  clientImage: MINIO_CLIENT_IMAGE,
  clusterDomain: "cluster.local",
  clientNamespaceLabel: { key: "storage.sparki.io/minio-client", value: "true" },
  monitoringNamespace: "monitoring",
  insecureHttp: false,
  protect: false,
} as const satisfies Partial<MinioClusterArgs>;

/** Every argument with its default applied, plus the erasure layout. `tlsSecretName` is undefined for plain HTTP. */
export interface ResolvedMinioArgs extends Required<Omit<MinioClusterArgs, "storageClassName" | "ebsEncryption" | "tlsSecretName">> {
  readonly storageClassName?: string;
  readonly ebsEncryption?: EbsEncryption;
  readonly tlsSecretName?: string;
  readonly layout: ErasureLayout;
}

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

/** Applies defaults and checks every argument; throws one Error listing all problems. */
export function resolveMinioArgs(name: string, args: MinioClusterArgs): ResolvedMinioArgs {
  const d = MINIO_DEFAULTS;
  const resolved = {
    ...args,
    servers: args.servers ?? d.servers,
    drivesPerServer: args.drivesPerServer ?? d.drivesPerServer,
    volumeSizeGiB: args.volumeSizeGiB ?? d.volumeSizeGiB,
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    image: args.image ?? d.image,
    clientImage: args.clientImage ?? d.clientImage,
    clusterDomain: args.clusterDomain ?? d.clusterDomain,
    clientNamespaceLabel: args.clientNamespaceLabel ?? d.clientNamespaceLabel,
    monitoringNamespace: args.monitoringNamespace ?? d.monitoringNamespace,
    insecureHttp: args.insecureHttp ?? d.insecureHttp,
    // Plain HTTP uses no certificate, so there is no Secret to default to.
    tlsSecretName: args.insecureHttp === true ? args.tlsSecretName : (args.tlsSecretName ?? DEFAULT_TLS_SECRET_NAME),
    protect: args.protect ?? d.protect,
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
    ...(resolved.storageClassName !== undefined && resolved.ebsEncryption !== undefined ? ["storageClassName and ebsEncryption exclude each other"] : []),
    ...(resolved.ebsEncryption ? ebsEncryptionProblems(resolved.ebsEncryption) : []),
    ...(resolved.insecureHttp && resolved.tlsSecretName !== undefined ? ["tlsSecretName and insecureHttp exclude each other (plain HTTP uses no certificate)"] : []),
    ...[resolved.storageClassName, resolved.tlsSecretName, resolved.clusterDomain]
      .filter((v): v is string => v !== undefined && !DNS_SUBDOMAIN.test(v)).map((v) => `"${v}" must be a DNS subdomain`),
    ...(isValidLabel(resolved.clientNamespaceLabel)
      ? [] : [`clientNamespaceLabel ${resolved.clientNamespaceLabel.key}=${resolved.clientNamespaceLabel.value} is not a valid label`]),
    ...bucketProblems(resolved.buckets),
  ];
  if (problems.length > 0) throw new Error(`MinioCluster ${name}: ${problems.join("; ")}`);
  return { ...resolved, layout: erasureLayout(resolved.servers, resolved.drivesPerServer) };
}
