import {
  type ContainerImage, DEFAULT_TLS_SECRET_NAME, IMAGE_PATTERNS, MAX_DRIVES_PER_SERVER, MAX_SERVERS, MINIO_CLIENT_IMAGE, MINIO_SERVER_IMAGE,
  type MinioObjectLock,
} from "../../components/minio";
import { DATA_CLASS_KEYS, type DataClassKey } from "../../components/object-store/data-classes";
import { PROFILES } from "../profiles";
import { objectStoreSettings } from "./object-store";
import { flag, intRange, matching, section } from "./rules";
import type { ProjectConfig } from "./schema";

const MAX_DAYS = 36_500;
const dnsLabel = matching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a DNS label (lowercase letters, digits and '-', at most 63 characters)");
const objectName = matching(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "a Kubernetes object name (lowercase letters, digits, '-' and '.')");

const imageSchema = section({
  registry: matching(IMAGE_PATTERNS.registry, "a registry host such as quay.io or 123456789012.dkr.ecr.eu-west-1.amazonaws.com").optional(),
  repository: matching(IMAGE_PATTERNS.repository, "a repository path such as minio/minio").optional(),
  tag: matching(IMAGE_PATTERNS.tag, "an image tag such as RELEASE.2025-09-07T16-13-09Z").optional(),
  digest: matching(IMAGE_PATTERNS.digest, "an image digest sha256:<64 lowercase hex digits>").optional(),
});

const expiry = section({
  expirationDays: intRange(1, MAX_DAYS).optional(),
  noncurrentExpirationDays: intRange(1, MAX_DAYS).optional(),
});

/** `sparki-storage:minio`: every field optional; what is absent comes from the profile (stacks/profiles.ts). */
export const minioSchema = section({
  enabled: flag().optional(),
  // A path only: a kubeconfig's contents are credentials and never belong in plain config.
  kubeconfig: matching(/^(?![\s\S]*\b(apiVersion|clusters|users|contexts)\s*:)[^\r\n]{1,1024}$/,
    "a path to a kubeconfig file, never its contents (a kubeconfig holds credentials)").optional(),
  context: matching(/^\S{1,253}$/, "a kubeconfig context name").optional(),
  namespace: dnsLabel.optional(),
  clusterDomain: objectName.optional(),
  servers: intRange(1, MAX_SERVERS).optional(),
  drivesPerServer: intRange(1, MAX_DRIVES_PER_SERVER).optional(),
  volumeSizeGiB: intRange(1, 16_384).optional(),
  storageClass: objectName.optional(),
  ebsKmsStorageClass: flag().optional(),
  ebsCsiRoleArn: matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    "an IAM role ARN such as arn:aws:iam::123456789012:role/ebs-csi-driver").optional(),
  cpuMillis: intRange(50, 64_000).optional(),
  cpuLimitMillis: intRange(50, 64_000).optional(),
  memoryMiB: intRange(256, 262_144).optional(),
  tlsSecretName: objectName.optional(),
  insecureHttp: flag().optional(),
  clientNamespaceLabel: matching(/^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/,
    "a label key=value such as storage.sparki.io/minio-client=true").optional(),
  monitoringNamespace: dnsLabel.optional(),
  image: imageSchema.optional(),
  clientImage: imageSchema.optional(),
  lifecycle: section({
    artifacts: expiry.optional(),
    deploymentLogs: expiry.optional(),
    testReports: expiry.optional(),
    configBackups: expiry.optional(),
    auditArchive: expiry.optional(),
    buildCache: expiry.optional(),
  }).optional(),
});

export type MinioConfig = ReturnType<typeof minioSchema.parse>;

/** Expiry of one data class's MinIO bucket, days (MinIO ILM has no storage-class transitions): the S3 side's unless overridden. */
export interface MinioExpiry {
  readonly expirationDays: number;
  readonly noncurrentExpirationDays: number;
}

/** What a profile means for MinIO before config overrides it. */
export interface MinioProfile {
  /** Deploy MinIO at all. */
  readonly enabled: boolean;
  /** Server pods: 1, or >= 4 for a distributed erasure-coded pool. */
  readonly servers: number;
  readonly drivesPerServer: number;
  /** Size of each drive, GiB. */
  readonly volumeSizeGiB: number;
  /** CPU request / limit per server, millicores; memory request = limit, MiB. */
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  /** Put the drives on a gp3 EBS StorageClass encrypted with the environment's KMS key (EKS with the EBS CSI driver). */
  readonly ebsKmsStorageClass: boolean;
  /** A stack file may opt out of TLS (`insecureHttp: true`); the profile itself never does. */
  readonly insecureHttpAllowed: boolean;
  /** Config must name the kubeconfig context: never deploy to whatever cluster happens to be current. */
  readonly contextRequired: boolean;
}

/**
 * MinIO's settings for one stack: config where given, the profile otherwise. Expiry and the audit archive's
 * Object Lock come from the S3 side's settings (objectStore config over the profile), so the two cannot drift.
 */
export interface MinioSettings extends Omit<MinioProfile, "insecureHttpAllowed" | "contextRequired"> {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly clusterDomain?: string;
  readonly storageClass?: string;
  /** IAM role of the cluster's EBS CSI driver; required with `ebsKmsStorageClass`. */
  readonly ebsCsiRoleArn?: string;
  /** Plain HTTP: an explicit opt-out in the stack file. */
  readonly insecureHttp: boolean;
  /** Secret with the servers' certificate; undefined for plain HTTP. */
  readonly tlsSecretName?: string;
  readonly clientNamespaceLabel?: { readonly key: string; readonly value: string };
  readonly monitoringNamespace?: string;
  readonly image: ContainerImage;
  readonly clientImage: ContainerImage;
  readonly lifecycle: Readonly<Record<DataClassKey, MinioExpiry>>;
  /** Object Lock of the audit archive bucket: the S3 audit archive's mode and retention. */
  readonly auditObjectLock: MinioObjectLock;
}

function splitLabel(label: string | undefined): MinioSettings["clientNamespaceLabel"] {
  if (label === undefined) return undefined;
  const at = label.indexOf("=");
  return { key: label.slice(0, at), value: label.slice(at + 1) };
}

/** Data classes whose MinIO expiry may differ from S3 (all but the audit archive, whose retention is a compliance fact). */
export const MINIO_LIFECYCLE_OVERRIDABLE: readonly DataClassKey[] = DATA_CLASS_KEYS.filter((k) => k !== "auditArchive");

export function minioSettings(stack: string, project: ProjectConfig): MinioSettings {
  const defaults = PROFILES[project.profile].minio;
  const c = project.minio;
  const s3 = objectStoreSettings(stack, project.accountId, project.objectStore, PROFILES[project.profile]);
  const lifecycle = Object.fromEntries(DATA_CLASS_KEYS.map((k) => {
    const fromS3 = { expirationDays: s3.lifecycle[k].expirationDays, noncurrentExpirationDays: s3.lifecycle[k].noncurrentExpirationDays };
    return [k, MINIO_LIFECYCLE_OVERRIDABLE.includes(k) ? { ...fromS3, ...c.lifecycle?.[k] } : fromS3];
  })) as Record<DataClassKey, MinioExpiry>;
  const insecureHttp = c.insecureHttp ?? false;
  return {
    enabled: c.enabled ?? defaults.enabled,
    kubeconfig: c.kubeconfig,
    context: c.context,
    namespace: c.namespace,
    clusterDomain: c.clusterDomain,
    servers: c.servers ?? defaults.servers,
    drivesPerServer: c.drivesPerServer ?? defaults.drivesPerServer,
    volumeSizeGiB: c.volumeSizeGiB ?? defaults.volumeSizeGiB,
    storageClass: c.storageClass,
    // An explicit existing StorageClass replaces the one the profile would create.
    ebsKmsStorageClass: c.ebsKmsStorageClass ?? (c.storageClass === undefined && defaults.ebsKmsStorageClass),
    ebsCsiRoleArn: c.ebsCsiRoleArn,
    cpuMillis: c.cpuMillis ?? defaults.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? defaults.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? defaults.memoryMiB,
    insecureHttp,
    tlsSecretName: insecureHttp ? c.tlsSecretName : (c.tlsSecretName ?? DEFAULT_TLS_SECRET_NAME),
    clientNamespaceLabel: splitLabel(c.clientNamespaceLabel),
    monitoringNamespace: c.monitoringNamespace,
    image: { ...MINIO_SERVER_IMAGE, ...c.image },
    clientImage: { ...MINIO_CLIENT_IMAGE, ...c.clientImage },
    lifecycle,
    auditObjectLock: { mode: s3.auditLockMode, retentionDays: s3.auditRetentionDays },
  };
}
