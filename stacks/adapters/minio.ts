import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { adapter } from "../../components/matrix";
import { type MinioBucket, MinioCluster } from "../../components/minio";
import { DATA_CLASS_KEYS, DATA_CLASSES } from "../../components/object-store/data-classes";
import { minioSettings } from "../config/minio";
import type { AdapterDeployment } from "../shared";

/** The providers already in `opts` (the AWS provider), as a list. */
function providersOf(opts: pulumi.ComponentResourceOptions): pulumi.ProviderResource[] {
  const { providers } = opts;
  if (providers === undefined) return [];
  return Array.isArray(providers) ? providers : Object.values(providers);
}

/**
 * MinIO on an existing Kubernetes cluster for the Fiber `storage/minio` adapter: one bucket per data class of
 * the S3 side, with the S3 side's expiry, and the audit archive locked like the S3 one. Outputs the in-cluster
 * endpoint, the bucket names, the name of the Secret holding the client credentials (never the credentials),
 * what a certificate must cover, and the policy the EBS CSI driver's role needs for customer-key drives.
 */
export const deployMinio: AdapterDeployment = ({ env, opts, baseName, key }) => {
  const s = minioSettings(env.name, env.project);
  if (!s.enabled) return undefined;

  // Only reads a kubeconfig (path or ambient KUBECONFIG) and context: the stack never creates the cluster.
  const provider = new k8s.Provider(`${baseName}-kubernetes`, {
    kubeconfig: s.kubeconfig,
    context: s.context,
    enableServerSideApply: true,
  });

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
  }, { ...opts, providers: [...providersOf(opts), provider] });

  return {
    outputKey: "minio",
    outputs: {
      fiberPackages: adapter("minio").fiberPackages,
      endpoint: minio.endpoint,
      tls: minio.tls,
      // For issuing the servers' certificate: the Secret to issue it into and the names it must cover.
      ...(minio.tls ? { tlsSecretName: minio.tlsSecretName, tlsDnsNames: minio.tlsDnsNames } : {}),
      namespace: minio.namespace,
      buckets: Object.fromEntries(DATA_CLASS_KEYS.map((k, i) => [k, buckets[i].name])),
      secretName: minio.clientSecretName,
      erasure: { servers: minio.layout.servers, drivesPerServer: minio.layout.drivesPerServer, setSize: minio.layout.setSize, parity: minio.layout.parity },
      ...(minio.ebsCsiKmsPolicy && ebsEncryption
        ? { ebsCsiKmsPolicy: { arn: minio.ebsCsiKmsPolicy.arn, attachToRoleArn: ebsEncryption.csiDriverRoleArn } }
        : {}),
    },
  };
};
