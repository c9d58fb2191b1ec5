// Imported only by the deploy.ts of adapters that run on Kubernetes: it loads @pulumi/kubernetes.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

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
