import type * as pulumi from "@pulumi/pulumi";
import { type AlarmContext, AlarmPair, type DashboardGraph, type DashboardSection, platformThreshold, type ThresholdSpec } from "../alerting";
import { derivedLatencyP95 } from "../matrix";
import { MEMCACHED_MAX_CONNECTIONS } from "./engines";

type NodeMetric = "memcacheCpuUtilization" | "memcacheEvictions" | "memcacheCurrConnections" | "memcacheSwapUsage";

interface NodeWatch {
  readonly metric: NodeMetric;
  readonly title: string;
  readonly threshold: ThresholdSpec;
  /** For percent thresholds on absolute metrics: what 100 % is. */
  readonly percentOf?: { readonly value: number; readonly unit: ThresholdSpec["unit"] };
}

/**
 * What every node is watched for, all platform thresholds from components/matrix (the matrix gives Memcache no alert
 * figures): CPU (Memcached is multi-threaded: host CPU), evictions, connections as a share of the fixed 65,000, and swap.
 *
 * No FreeableMemory alarm: memcached allocates slabs up to max_cache_memory, which is the whole node type's memory
 * (ElastiCache "Memcached node-type specific parameters": cache.r6g.large 13387 MB, cache.t4g.micro 512 MB), and never
 * hands them back, so a warm cache (the normal state: a full cache evicts) sits near zero FreeableMemory for good and
 * any threshold on it would stay in ALARM on every healthy node. Memory pressure shows as SwapUsage (the host pages
 * cache memory) and Evictions (the working set outgrew the cluster), both alarmed here.
 */
export const MEMCACHED_NODE_WATCHES: readonly NodeWatch[] = [
  { metric: "memcacheCpuUtilization", title: "CPU", threshold: platformThreshold("memcacheCpuUtilization") },
  { metric: "memcacheEvictions", title: "evictions", threshold: platformThreshold("memcacheEvictions") },
  {
    metric: "memcacheCurrConnections", title: "connections", threshold: platformThreshold("memcacheConnectionsPercent"),
    percentOf: { value: MEMCACHED_MAX_CONNECTIONS, unit: "count" },
  },
  { metric: "memcacheSwapUsage", title: "swap", threshold: platformThreshold("memcacheSwapUsage") },
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
}

/** A warning/critical pair per node and watch, plus the cluster's client-side p95 latency; all wait for the cluster. */
export function memcachedAlarms(a: MemcachedAlarmArgs, cluster: pulumi.Resource, parent: pulumi.Resource): AlarmPair<NodeMetric | "memcacheOperationLatency">[] {
  const nodes = a.nodeIds.flatMap((nodeId) => MEMCACHED_NODE_WATCHES.map((w): AlarmPair<NodeMetric> => new AlarmPair({
    context: a.context,
    subject: `${a.subjectPrefix}-${nodeId}`,
    metric: w.metric,
    dimensions: { CacheClusterId: a.clusterId, CacheNodeId: nodeId },
    threshold: w.threshold,
    ...(w.percentOf ? { percentOf: w.percentOf } : {}),
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
      ...(w.percentOf ? { percentOf: w.percentOf } : {}),
    }))),
  ];
  return { title, graphs };
}
