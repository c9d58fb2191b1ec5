// The component's pure modules, not its index: the index loads @pulumi/kubernetes, which only deploy.ts may need.
import { DEFAULT_TLS_SECRET_NAME, MINIO_DEFAULTS } from "../../../components/minio/args";
import type { MinioObjectLock } from "../../../components/minio/buckets";
import type { ContainerImage } from "../../../components/minio/image";
import type { NamespaceLabel } from "../../../components/minio/policies";
import { DATA_CLASS_KEYS, type DataClassKey } from "../../../components/object-store/data-classes";
import type { StackScope } from "../contract";
import { s3Adapter } from "../s3";
import type { MinioProfile } from "./profiles";
import { type MinioConfig, MINIO_LIFECYCLE_OVERRIDABLE } from "./schema";

/** Expiry of one data class's MinIO bucket, days (MinIO ILM has no storage-class transitions): the S3 side's unless overridden. */
export interface MinioExpiry {
  readonly expirationDays: number;
  readonly noncurrentExpirationDays: number;
}

/**
 * What the stack deploys on Kubernetes: its config over the tier over the component's defaults. Expiry and the
 * audit archive's Object Lock come from the S3 side's settings (objectStore config over its tier), so the two
 * cannot drift.
 */
export interface MinioSettings {
  readonly enabled: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Undefined: `sparki-<stack>-minio` (the deployment names it). */
  readonly namespace?: string;
  readonly clusterDomain: string;
  readonly servers: number;
  readonly drivesPerServer: number;
  readonly volumeSizeGiB: number;
  readonly storageClass?: string;
  readonly ebsKmsStorageClass: boolean;
  /** IAM role of the cluster's EBS CSI driver; required with `ebsKmsStorageClass`. */
  readonly ebsCsiRoleArn?: string;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  /** Plain HTTP: an explicit opt-out in the stack file. */
  readonly insecureHttp: boolean;
  /** Secret with the servers' certificate; undefined for plain HTTP. */
  readonly tlsSecretName?: string;
  readonly clientNamespaceLabel: NamespaceLabel;
  readonly monitoringNamespace: string;
  readonly image: ContainerImage;
  readonly clientImage: ContainerImage;
  readonly lifecycle: Readonly<Record<DataClassKey, MinioExpiry>>;
  /** Object Lock of the audit archive bucket: the S3 audit archive's mode and retention. */
  readonly auditObjectLock: MinioObjectLock;
  readonly insecureHttpAllowed: boolean;
  readonly contextRequired: boolean;
}

function splitLabel(label: string): NamespaceLabel {
  const at = label.indexOf("=");
  return { key: label.slice(0, at), value: label.slice(at + 1) };
}

export function minioSettings(c: MinioConfig, profile: MinioProfile, scope: StackScope): MinioSettings {
  const d = MINIO_DEFAULTS;
  const s3 = scope.settingsOf(s3Adapter);
  const lifecycle = Object.fromEntries(DATA_CLASS_KEYS.map((k) => {
    const fromS3 = { expirationDays: s3.lifecycle[k].expirationDays, noncurrentExpirationDays: s3.lifecycle[k].noncurrentExpirationDays };
    return [k, MINIO_LIFECYCLE_OVERRIDABLE.includes(k) ? { ...fromS3, ...c.lifecycle?.[k] } : fromS3];
  })) as Record<DataClassKey, MinioExpiry>;
  const insecureHttp = c.insecureHttp ?? d.insecureHttp;
  return {
    enabled: c.enabled ?? profile.enabled,
    kubeconfig: c.kubeconfig,
    context: c.context,
    namespace: c.namespace,
    clusterDomain: c.clusterDomain ?? d.clusterDomain,
    servers: c.servers ?? profile.servers ?? d.servers,
    drivesPerServer: c.drivesPerServer ?? profile.drivesPerServer ?? d.drivesPerServer,
    volumeSizeGiB: c.volumeSizeGiB ?? profile.volumeSizeGiB ?? d.volumeSizeGiB,
    storageClass: c.storageClass,
    // An explicit existing StorageClass replaces the one the tier would create.
    ebsKmsStorageClass: c.ebsKmsStorageClass ?? (c.storageClass === undefined && profile.ebsKmsStorageClass),
    ebsCsiRoleArn: c.ebsCsiRoleArn,
    cpuMillis: c.cpuMillis ?? profile.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? profile.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? profile.memoryMiB ?? d.memoryMiB,
    insecureHttp,
    tlsSecretName: insecureHttp ? c.tlsSecretName : (c.tlsSecretName ?? DEFAULT_TLS_SECRET_NAME),
    clientNamespaceLabel: c.clientNamespaceLabel === undefined ? d.clientNamespaceLabel : splitLabel(c.clientNamespaceLabel),
    monitoringNamespace: c.monitoringNamespace ?? d.monitoringNamespace,
    image: { ...d.image, ...c.image },
    clientImage: { ...d.clientImage, ...c.clientImage },
    lifecycle,
    auditObjectLock: { mode: s3.auditLockMode, retentionDays: s3.auditRetentionDays },
    insecureHttpAllowed: profile.insecureHttpAllowed,
    contextRequired: profile.contextRequired,
  };
}
