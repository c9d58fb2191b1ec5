import type * as pulumi from "@pulumi/pulumi";
import { type AlarmContext, AlarmPair, type DashboardGraph, type DashboardSection, platformThreshold, type ThresholdSpec } from "../alerting";
import { derivedLatencyP95 } from "../matrix";
import { MEMCACHED_MAX_CONNECTIONS } from "./engines";

type NodeMetric = "memcacheCpuUtilization" | "memcacheEvictions" | "memcacheCurrConnections" | "memcacheSwapUsage" | "memcacheFreeableMemory";

interface NodeWatch {
  readonly metric: NodeMetric;
  readonly title: string;
  readonly threshold: ThresholdSpec;
  /** For percent thresholds on absolute metrics: what 100 % is. */
  readonly percentOf?: (memoryGiB: number) => { readonly value: number; readonly unit: ThresholdSpec["unit"] };
}

/**
 * What every node is watched for, all platform thresholds from components/matrix (the matrix gives Memcache no alert
 * figures): CPU (Memcached is multi-threaded: host CPU), evictions, connections as a share of the fixed 65,000, swap,
 * and free host memory as a share of the node type's memory.
 */
export const MEMCACHED_NODE_WATCHES: readonly NodeWatch[] = [
  { metric: "memcacheCpuUtilization", title: "CPU", threshold: platformThreshold("memcacheCpuUtilization") },
  { metric: "memcacheEvictions", title: "evictions", threshold: platformThreshold("memcacheEvictions") },
  {
    metric: "memcacheCurrConnections", title: "connections", threshold: platformThreshold("memcacheConnectionsPercent"),
    percentOf: () => ({ value: MEMCACHED_MAX_CONNECTIONS, unit: "count" }),
  },
  { metric: "memcacheSwapUsage", title: "swap", threshold: platformThreshold("memcacheSwapUsage") },
  {
    metric: "memcacheFreeableMemory", title: "freeable memory", threshold: platformThreshold("memcacheFreeableMemoryPercent"),
    percentOf: (memoryGiB) => ({ value: memoryGiB, unit: "gibibytes" }),
  },
];

/** The matrix's "<1 ms" for Memcache as a derived p95 threshold (components/matrix derivedLatencyP95: 2.5 / 5 ms). */
export function memcacheLatencyThreshold(): ThresholdSpec {
  const t = derivedLatencyP95("memcache");
  return { warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source, percentile: "p95" };
}

export interface MemcachedAlarmArgs {
  readonly context: AlarmContext;
  /** Alarm subjects are `<prefix>-<node id>`, e.g. `memcache-0002`. */
  readonly subjectPrefix: string;
  readonly clusterId: string;
  readonly nodeIds: readonly string[];
  /** Memory of one node, GiB (100 % of the freeable-memory threshold). */
  readonly memoryGiB: number;
}

/** A warning/critical pair per node and watch, plus the cluster's client-side p95 latency; all wait for the cluster. */
export function memcachedAlarms(a: MemcachedAlarmArgs, cluster: pulumi.Resource, parent: pulumi.Resource): AlarmPair<NodeMetric | "memcacheOperationLatency">[] {
  const nodes = a.nodeIds.flatMap((nodeId) => MEMCACHED_NODE_WATCHES.map((w): AlarmPair<NodeMetric> => new AlarmPair({
    context: a.context,
    subject: `${a.subjectPrefix}-${nodeId}`,
    metric: w.metric,
    dimensions: { CacheClusterId: a.clusterId, CacheNodeId: nodeId },
    threshold: w.threshold,
    ...(w.percentOf ? { percentOf: w.percentOf(a.memoryGiB) } : {}),
    watched: [cluster],
  }, { parent })));
  const latency = new AlarmPair({
    context: a.context, subject: a.subjectPrefix, metric: "memcacheOperationLatency",
    dimensions: { CacheClusterId: a.clusterId }, threshold: memcacheLatencyThreshold(), watched: [cluster],
  }, { parent });
  return [...nodes, latency];
}

/** The dashboard row: the cluster's p95 latency, then one graph per node and watch, with the alarm levels drawn in. */
export function memcachedDashboard(title: string, a: Omit<MemcachedAlarmArgs, "context" | "subjectPrefix">): DashboardSection {
  const graphs: DashboardGraph[] = [
    { title: "operation latency p95 (application)", metric: "memcacheOperationLatency", dimensions: { CacheClusterId: a.clusterId }, threshold: memcacheLatencyThreshold() },
    ...a.nodeIds.flatMap((nodeId) => MEMCACHED_NODE_WATCHES.map((w): DashboardGraph => ({
      title: `${nodeId} ${w.title}`,
      metric: w.metric,
      dimensions: { CacheClusterId: a.clusterId, CacheNodeId: nodeId },
      threshold: w.threshold,
      ...(w.percentOf ? { percentOf: w.percentOf(a.memoryGiB) } : {}),
    }))),
  ];
  return { title, graphs };
}
