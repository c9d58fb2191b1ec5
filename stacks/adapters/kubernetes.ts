// Imported only by the deploy.ts of adapters that run on Kubernetes: it loads @pulumi/kubernetes.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { KubernetesWorkloadArgs } from "../../components/kubernetes/workload";
import type { SharedBlocks } from "../shared";
import type { KubernetesHostingSettings } from "./kubernetes-hosting";

/** The cluster an adapter deploys to: a kubeconfig path (or the ambient KUBECONFIG) and a context. */
export interface ClusterAccess {
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** The providers already in `opts` (the AWS provider), as a list. */
function providersOf(opts: pulumi.ComponentResourceOptions): pulumi.ProviderResource[] {
  const { providers } = opts;
  if (providers === undefined) return [];
  return Array.isArray(providers) ? providers : Object.values(providers);
}

/**
 * `opts` with a Kubernetes provider added beside the AWS one. The provider only reads a kubeconfig and a context:
 * the stack never creates the cluster.
 */
export function withKubernetesProvider(name: string, cluster: ClusterAccess, opts: pulumi.ComponentResourceOptions): pulumi.ComponentResourceOptions {
  const provider = new k8s.Provider(name, { kubeconfig: cluster.kubeconfig, context: cluster.context, enableServerSideApply: true });
  return { ...opts, providers: [...providersOf(opts), provider] };
}

/**
 * The component arguments every Kubernetes workload shares, from an adapter's hosting settings and the stack's
 * blocks: the stack key for the StorageClass, the configBackups bucket for backups, prod's protect.
 */
export function workloadArgs(h: KubernetesHostingSettings, { env, key }: SharedBlocks): KubernetesWorkloadArgs {
  return {
    namespace: h.namespace,
    storageClassName: h.storageClass,
    // The hosting rules guarantee the role whenever the StorageClass uses the customer key.
    ebsEncryption: h.ebsKmsStorageClass && h.ebsCsiRoleArn !== undefined
      ? { kmsKeyArn: key.arn, region: env.region, csiDriverRoleArn: h.ebsCsiRoleArn } : undefined,
    clusterDomain: h.clusterDomain,
    clientNamespaceLabel: h.clientNamespaceLabel,
    monitoringNamespace: h.monitoringNamespace,
    prometheusRelease: h.prometheusRelease,
    tlsSecretName: h.tlsSecretName,
    backup: h.backup.enabled && h.backup.oidcProviderArn !== undefined
      ? {
        target: { bucketName: h.backup.bucketName, bucketArn: h.backup.bucketArn, prefix: h.backup.prefix, kmsKeyArn: key.arn, region: env.region },
        oidcProviderArn: h.backup.oidcProviderArn,
        schedule: h.backup.schedule,
        intervalSeconds: h.backup.intervalHours * 3600,
      }
      : undefined,
    protect: env.profile.protectStatefulResources,
  };
}
