import type * as k8s from "@pulumi/kubernetes";
import { CLUSTER_METRICS_PATH, scrapeAnnotations } from "./metrics";
import { API_PORT, type ClusterAddress, MINIO_NAMES, objectLabels, selectorLabels } from "./names";

const apiPort = { name: "api", port: API_PORT, targetPort: "api", protocol: "TCP" };

/**
 * Headless Service giving every server pod its stable DNS name (`minio-0.minio-hl...`), which the `{0...N}`
 * server pool expands to. Not-ready pods are published: peers must find each other before any is ready.
 */
export function headlessService(instance: string, address: ClusterAddress): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: MINIO_NAMES.headlessService, namespace: address.namespace, labels: objectLabels(instance, "server") },
    spec: {
      clusterIP: "None",
      publishNotReadyAddresses: true,
      selector: selectorLabels(instance, "server"),
      ports: [apiPort],
    },
  };
}

/** ClusterIP Service clients use (the endpoint in the Fiber outputs); it also carries the cluster-metrics scrape. */
export function clientService(instance: string, address: ClusterAddress): k8s.core.v1.ServiceArgs {
  return {
    metadata: {
      name: MINIO_NAMES.clientService,
      namespace: address.namespace,
      labels: objectLabels(instance, "server"),
      annotations: scrapeAnnotations(CLUSTER_METRICS_PATH, address.tls),
    },
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(instance, "server"),
      ports: [apiPort],
    },
  };
}
