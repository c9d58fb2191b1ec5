import type { z } from "zod";
import { DEFAULT_TLS_SECRET_NAME, MINIO_DEFAULTS } from "../../../components/minio/args";
import { type ContainerImage, IMAGE_PATTERNS, MINIO_CLIENT_IMAGE, MINIO_SERVER_IMAGE } from "../../../components/minio/image";
import { MAX_DRIVES_PER_SERVER, MAX_SERVERS } from "../../../components/minio/topology";
import { DATA_CLASS_KEYS, type DataClassKey } from "../../../components/object-store/data-classes";
import { MAX_LIFECYCLE_DAYS } from "../../../components/object-store/lifecycle";
import { documented } from "../../config/docs";
import { PROD_POLICY } from "../../config/prod-policy";
import { dnsLabel, flag, intRange, kubeconfigPath, kubeContext, matching, section } from "../../config/rules";

const objectName = matching(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "a Kubernetes object name (lowercase letters, digits, '-' and '.')");

/** Data classes whose MinIO expiry may differ from S3 (all but the audit archive, whose retention is a compliance fact). */
export const MINIO_LIFECYCLE_OVERRIDABLE: readonly DataClassKey[] = DATA_CLASS_KEYS.filter((k) => k !== "auditArchive");

/** "`quay.io`, `minio/minio`, `RELEASE…`, its digest". */
const imageDefault = (image: ContainerImage) => `\`${image.registry}\`, \`${image.repository}\`, \`${image.tag}\`, its digest`;

/** One image's four fields, documented as one configuration-reference row. */
function imageSchema(doc: { readonly type: string; readonly default: string; readonly description: string }) {
  return section({
    registry: documented(matching(IMAGE_PATTERNS.registry, "a registry host such as quay.io or 123456789012.dkr.ecr.eu-west-1.amazonaws.com").optional(), doc),
    repository: documented(matching(IMAGE_PATTERNS.repository, "a repository path such as minio/minio").optional(), doc),
    tag: documented(matching(IMAGE_PATTERNS.tag, "an image tag such as RELEASE.2025-09-07T16-13-09Z").optional(), doc),
    digest: documented(matching(IMAGE_PATTERNS.digest, "an image digest sha256:<64 lowercase hex digits>").optional(), doc),
  });
}

const classes = MINIO_LIFECYCLE_OVERRIDABLE.map((k) => `\`${k}\``).join(", ");
const expiry = section({
  expirationDays: documented(intRange(1, MAX_LIFECYCLE_DAYS).optional(), {
    type: `integer days 1..${MAX_LIFECYCLE_DAYS}`,
    default: "the S3 side's `objectStore.<class>.expirationDays` (stack files: dev 60, 30, 7, 30, 30, 3; prod 365, 730, 90, 365, 2557, 30)",
    description: `Days after creation a current object expires (MinIO ILM). \`<class>\`: ${classes}; never \`auditArchive\` (refused: it always follows \`objectStore.auditArchive\`); prod's \`buildCache\` at most ${PROD_POLICY.buildCacheMaxExpirationDays}.`,
  }),
  noncurrentExpirationDays: documented(intRange(1, MAX_LIFECYCLE_DAYS).optional(), {
    type: `integer days 1..${MAX_LIFECYCLE_DAYS}`,
    default: "the S3 side's `objectStore.<class>.noncurrentExpirationDays`",
    description: "Days a noncurrent version is kept (versioned buckets); same classes as above.",
  }),
});

const millicores = { type: "integer millicores 50..64000", description: "CPU request / limit per server; the limit is at least the request." };

/** `sparki-storage:minio`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const minioSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy MinIO at all (off: no Kubernetes provider, objects, output or MinIO rules)." }),
  kubeconfig: documented(kubeconfigPath.optional(), {
    type: "file path",
    default: "— (ambient `KUBECONFIG` / `~/.kube/config`)",
    description: "Kubeconfig of the target cluster; a path only, never its contents (credentials).",
  }),
  context: documented(kubeContext.optional(), {
    type: "kubeconfig context name",
    default: "— (current context); prod requires it",
    description: "Context of the target cluster (stack files: `sparki-dev`, `sparki-prod`).",
  }),
  namespace: documented(dnsLabel.optional(), { type: "DNS label", default: "`sparki-<stack>-minio`", description: "Namespace the stack creates for MinIO." }),
  clusterDomain: documented(objectName.optional(), { type: "DNS name", description: "Cluster DNS domain in the endpoint and the server pool." }),
  servers: documented(intRange(1, MAX_SERVERS).optional(), {
    type: `integer 1..${MAX_SERVERS}: 1 or ≥ 4`,
    description: "Server pods; ≥ 4 is a distributed erasure-coded pool.",
  }),
  drivesPerServer: documented(intRange(1, MAX_DRIVES_PER_SERVER).optional(), {
    type: `integer 1..${MAX_DRIVES_PER_SERVER} (one server: 1 or ≥ 4)`,
    description: "Drives (PVCs) per server; with `servers` it must form erasure sets of ≤ 16 drives.",
  }),
  volumeSizeGiB: documented(intRange(1, 16_384).optional(), { type: "integer GiB 1..16384", description: "Size of each drive." }),
  storageClass: documented(objectName.optional(), {
    type: "Kubernetes object name",
    default: "— ; required unless `ebsKmsStorageClass` is true (dev stack file: `standard`)",
    description: "Existing StorageClass of the drives; replaces the profile's EBS class. Never the cluster's default class: MinIO with neither this nor `ebsKmsStorageClass` is refused (`…minio.storageClass must name an existing StorageClass of the cluster for the drives when ebsKmsStorageClass is false …, got nothing`).",
  }),
  ebsKmsStorageClass: documented(flag().optional(), {
    type: "boolean",
    default: "dev `false` (stack file: explicit exception, with `storageClass`), prod `true` (unless `storageClass` is set)",
    description: "Create a gp3 EBS StorageClass encrypted with the environment's KMS key for the drives (EKS), and the IAM policy its EBS CSI driver needs.",
  }),
  ebsCsiRoleArn: documented(matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    "an IAM role ARN such as arn:aws:iam::123456789012:role/ebs-csi-driver").optional(), {
    type: "IAM role ARN in the stack's account",
    default: "— ; required with `ebsKmsStorageClass` (prod stack file: `arn:aws:iam::222222222222:role/sparki-prod-ebs-csi-driver`)",
    description: "Role of the cluster's EBS CSI driver: the policy `sparki-<env>-minio-ebs-csi-kms` is made for it (attach it, see [encrypted drives](components.md#minio-on-kubernetes-componentsminio-fiber-storageminio)). Refused without `ebsKmsStorageClass`.",
  }),
  cpuMillis: documented(intRange(50, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(50, 64_000).optional(), millicores),
  memoryMiB: documented(intRange(256, 262_144).optional(), { type: "integer MiB 256..262144", description: "Memory request = limit per server." }),
  tlsSecretName: documented(objectName.optional(), {
    type: "Kubernetes object name",
    default: `\`${DEFAULT_TLS_SECRET_NAME}\` (none with \`insecureHttp\`)`,
    description: "`kubernetes.io/tls` Secret (`tls.crt`, `tls.key`, `ca.crt`) in the MinIO namespace the servers serve HTTPS with.",
  }),
  insecureHttp: documented(flag().optional(), {
    type: "boolean",
    default: `\`${String(MINIO_DEFAULTS.insecureHttp)}\`; dev stack file \`true\` (explicit exception); prod refuses \`true\``,
    description: "Opt out of TLS: servers, peers and the provisioning Job speak plain HTTP. Excludes `tlsSecretName`.",
  }),
  clientNamespaceLabel: documented(matching(/^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/,
    "a label key=value such as storage.sparki.io/minio-client=true").optional(), {
    type: "`key=value`",
    default: `\`${MINIO_DEFAULTS.clientNamespaceLabel.key}=${MINIO_DEFAULTS.clientNamespaceLabel.value}\``,
    description: "Namespaces with this label may call the S3 API.",
  }),
  monitoringNamespace: documented(dnsLabel.optional(), { type: "DNS label", description: "Namespace of the Prometheus that scrapes MinIO." }),
  image: imageSchema({
    type: "registry host, path, tag, `sha256:<64 hex>`",
    default: imageDefault(MINIO_SERVER_IMAGE),
    description: "Server image; `tag` and `digest` only together.",
  }).optional(),
  clientImage: imageSchema({ type: "as above", default: imageDefault(MINIO_CLIENT_IMAGE), description: "`mc` image of the provisioning Job." }).optional(),
  lifecycle: documented(section({
    artifacts: expiry.optional(),
    deploymentLogs: expiry.optional(),
    testReports: expiry.optional(),
    configBackups: expiry.optional(),
    auditArchive: expiry.optional(),
    buildCache: expiry.optional(),
  }), { description: "MinIO expiry per data class.", each: "<class>" }).optional(),
}), {
  description: "MinIO on an existing Kubernetes cluster (kubeconfig is a path, never its contents); lifecycle.<dataClass> may shorten expiry, except auditArchive, which follows objectStore. Absent fields take the profile default.",
});

export type MinioConfig = z.infer<typeof minioSchema>;
