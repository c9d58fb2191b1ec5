import type * as pulumi from "@pulumi/pulumi";
import {
  type AlarmContext, AlarmPair, type DashboardSection, matrixThreshold, platformThreshold,
  type ThresholdSpec,
} from "../alerting";
import type { MemberNode } from "./naming";

type NodeMetric =
  | "cacheReadLatency" | "cacheWriteLatency" | "cacheMemoryUsage" | "cacheEngineCpuUtilization"
  | "cacheEvictions" | "cacheCurrConnections" | "cacheReplicationLag";

interface NodeWatch {
  /** Catalog metric, per node (`CacheClusterId`). */
  readonly metric: NodeMetric;
  /** Graph title after the node suffix. */
  readonly title: string;
  /** Warning and critical levels, unit and source. */
  readonly threshold: ThresholdSpec;
  /** Only on nodes of shards with replicas. Default: false. */
  readonly replicatedOnly?: boolean;
}

/**
 * What every node is watched for. Latency and memory are the matrix's numbers (latency p95 5/10 ms, which
 * AlarmPair turns into the metric's microseconds); the rest are platform defaults from components/matrix.
 * ReplicationLag is watched on every node of a replicated shard, not only on today's replicas: failover moves
 * the roles, and a primary publishes no ReplicationLag (missing data is not breaching).
 */
export const NODE_WATCHES: readonly NodeWatch[] = [
  { metric: "cacheReadLatency", title: "read latency", threshold: matrixThreshold("redisLatencyP95") },
  { metric: "cacheWriteLatency", title: "write latency", threshold: matrixThreshold("redisLatencyP95") },
  { metric: "cacheMemoryUsage", title: "memory used", threshold: matrixThreshold("redisMemoryUsage") },
  { metric: "cacheEngineCpuUtilization", title: "engine CPU", threshold: platformThreshold("cacheEngineCpuUtilization") },
  { metric: "cacheEvictions", title: "evictions", threshold: platformThreshold("cacheEvictions") },
  { metric: "cacheCurrConnections", title: "connections", threshold: platformThreshold("cacheCurrConnections") },
  { metric: "cacheReplicationLag", title: "replication lag", threshold: platformThreshold("cacheReplicationLag"), replicatedOnly: true },
];

/** The watches that apply to one node. */
export function watchesFor(node: MemberNode): NodeWatch[] {
  return NODE_WATCHES.filter((w) => !w.replicatedOnly || node.replicated);
}

/**
 * A warning/critical alarm pair per node and watch; subjects are `<prefix>-<node suffix>`, e.g. `redis-0001-002`.
 * The alarms wait for `group`, so none judges a node ElastiCache is still creating.
 */
export function nodeAlarms(context: AlarmContext, subjectPrefix: string, nodes: readonly MemberNode[], group: pulumi.Resource, parent: pulumi.Resource): AlarmPair<NodeMetric>[] {
  return nodes.flatMap((node) => watchesFor(node).map((watch) => new AlarmPair({
    context,
    subject: `${subjectPrefix}-${node.suffix}`,
    metric: watch.metric,
    dimensions: { CacheClusterId: node.cacheClusterId },
    threshold: watch.threshold,
    watched: [group],
  }, { parent })));
}

/** The dashboard row: one graph per node and watch, with the alarm levels drawn in. */
export function nodeDashboard(title: string, nodes: readonly MemberNode[]): DashboardSection {
  const graphs = nodes.flatMap((node) => watchesFor(node).map((watch) => ({
    title: `${node.suffix} ${watch.title}`,
    metric: watch.metric,
    dimensions: { CacheClusterId: node.cacheClusterId },
    threshold: watch.threshold,
  })));
  return { title, graphs };
}
