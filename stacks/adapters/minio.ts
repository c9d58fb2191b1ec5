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
 * the S3 side, with ILM expiry. Outputs the in-cluster endpoint, the bucket names and the name of the Secret
 * holding the client credentials; never the credentials.
 */
export const deployMinio: AdapterDeployment = ({ env, opts, baseName, key }) => {
  const s = minioSettings(env.project);
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
  }));

  const minio = new MinioCluster(`${baseName}-minio`, {
    namespace: s.namespace ?? `${baseName}-minio`,
    servers: s.servers,
    drivesPerServer: s.drivesPerServer,
    volumeSizeGiB: s.volumeSizeGiB,
    storageClassName: s.storageClass,
    ebsKmsKeyArn: s.ebsKmsStorageClass ? key.arn : undefined,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    image: s.image,
    clientImage: s.clientImage,
    tlsSecretName: s.tlsSecretName,
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
      tls: s.tlsSecretName !== undefined,
      namespace: minio.namespace,
      buckets: Object.fromEntries(DATA_CLASS_KEYS.map((k, i) => [k, buckets[i].name])),
      secretName: minio.clientSecretName,
      erasure: { servers: minio.layout.servers, drivesPerServer: minio.layout.drivesPerServer, setSize: minio.layout.setSize, parity: minio.layout.parity },
    },
  };
};
