import { API_PORT } from "./names";

/** Per-server metrics (drives, CPU, memory, network of that pod). */
export const NODE_METRICS_PATH = "/minio/v2/metrics/node";
/** Cluster-wide metrics (capacity, buckets, usage); one server answers for all. */
export const CLUSTER_METRICS_PATH = "/minio/v2/metrics/cluster";

/**
 * `prometheus.io/*` annotations, the convention Prometheus' `kubernetes_sd_configs` relabelling examples (and
 * most cluster setups without the Prometheus Operator) read. They need no CRD, so they work on any cluster and
 * validate against the core Kubernetes schema; a ServiceMonitor would need the operator's CRD installed.
 */
export function scrapeAnnotations(path: string, tls: boolean): Record<string, string> {
  return {
    "prometheus.io/scrape": "true",
    "prometheus.io/port": String(API_PORT),
    "prometheus.io/path": path,
    "prometheus.io/scheme": tls ? "https" : "http",
  };
}
