import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow } from "../../../components/matrix";
import { type MinioBucket, MinioCluster } from "../../../components/minio";
import { DATA_CLASS_KEYS, DATA_CLASSES } from "../../../components/object-store/data-classes";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider } from "../kubernetes";
import type { MinioSettings } from "./settings";

/** Stack output `minio`. */
export interface MinioOutputs {
  readonly fiberPackages: readonly string[];
  readonly endpoint: string;
  readonly tls: boolean;
  /** With TLS only: the Secret to issue the servers' certificate into and the names it must cover. */
  readonly tlsSecretName?: string;
  readonly tlsDnsNames?: readonly string[];
  readonly namespace: string;
  readonly buckets: Readonly<Record<string, string>>;
  /** Secret holding the client credentials (never the credentials). */
  readonly secretName: string;
  readonly erasure: { readonly servers: number; readonly drivesPerServer: number; readonly setSize: number; readonly parity: number };
  /** With customer-key drives only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
}

/**
 * MinIO on an existing Kubernetes cluster for the Fiber `storage/minio` adapter: one bucket per data class of
 * the S3 side, with the S3 side's expiry, and the audit archive locked like the S3 one. Outputs the in-cluster
 * endpoint, the bucket names, the name of the Secret holding the client credentials (never the credentials),
 * what a certificate must cover, and the policy the EBS CSI driver's role needs for customer-key drives.
 */
export function deployMinio(s: MinioSettings, { env, opts, baseName, key }: SharedBlocks): Deployed<MinioOutputs> {

  const buckets: MinioBucket[] = DATA_CLASS_KEYS.map((k) => ({
    name: `${baseName}-${DATA_CLASSES[k].slug}`,
    versioned: DATA_CLASSES[k].versioned,
    appendOnly: DATA_CLASSES[k].appendOnly,
    expireDays: s.lifecycle[k].expirationDays,
    noncurrentExpireDays: s.lifecycle[k].noncurrentExpirationDays,
    objectLock: DATA_CLASSES[k].objectLock ? s.auditObjectLock : undefined,
  }));
  // The config rules guarantee the role whenever the StorageClass uses the customer key.
  const ebsEncryption = s.ebsKmsStorageClass && s.ebsCsiRoleArn !== undefined
    ? { kmsKeyArn: key.arn, region: env.region, csiDriverRoleArn: s.ebsCsiRoleArn }
    : undefined;

  const minio = new MinioCluster(`${baseName}-minio`, {
    namespace: s.namespace ?? `${baseName}-minio`,
    servers: s.servers,
    drivesPerServer: s.drivesPerServer,
    volumeSizeGiB: s.volumeSizeGiB,
    storageClassName: s.storageClass,
    ebsEncryption,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    image: s.image,
    clientImage: s.clientImage,
    tlsSecretName: s.tlsSecretName,
    insecureHttp: s.insecureHttp,
    clusterDomain: s.clusterDomain,
    clientNamespaceLabel: s.clientNamespaceLabel,
    monitoringNamespace: s.monitoringNamespace,
    buckets,
    protect: env.profile.protectStatefulResources,
  }, withKubernetesProvider(`${baseName}-kubernetes`, s, opts));

  const { fiberPackages } = matrixRow("minio");
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      endpoint: minio.endpoint,
      tls: minio.tls,
      ...(minio.tls ? { tlsSecretName: minio.tlsSecretName, tlsDnsNames: minio.tlsDnsNames } : {}),
      namespace: minio.namespace,
      buckets: Object.fromEntries(DATA_CLASS_KEYS.map((k, i) => [k, buckets[i].name])),
      secretName: minio.clientSecretName,
      erasure: { servers: minio.layout.servers, drivesPerServer: minio.layout.drivesPerServer, setSize: minio.layout.setSize, parity: minio.layout.parity },
      ...(minio.ebsCsiKmsPolicy && ebsEncryption
        ? { ebsCsiKmsPolicy: { arn: minio.ebsCsiKmsPolicy.arn, attachToRoleArn: ebsEncryption.csiDriverRoleArn } }
        : {}),
    },
    dashboard: [],
  };
}
