import type { KvEngine } from "./engines";

/** Namespace of every metric about the agents' KV volumes (CloudWatch agent and the application alike). */
export const KV_NAMESPACE = "Sparki/EmbeddedKV";

/**
 * The metrics the alarms read, documented for whoever runs the agents. `disk_*` come from the CloudWatch agent's
 * disk plugin with the configuration this component writes to SSM; the other two the agent publishes with
 * PutMetricData (which its role allows for this namespace only) from its engine's own numbers.
 */
export const KV_METRICS = {
  diskUsedPercent: { name: "disk_used_percent", unit: "Percent", dimensions: ["InstanceId", "path", "fstype"], publisher: "CloudWatch agent (disk plugin)" },
  diskInodesFree: { name: "disk_inodes_free", unit: "Count", dimensions: ["InstanceId", "path", "fstype"], publisher: "CloudWatch agent (disk plugin)" },
  spaceAmplificationPercent: {
    name: "SpaceAmplificationPercent", unit: "Percent", dimensions: ["Engine", "InstanceId"],
    publisher: "the agent, every minute: bytes of the KV directory over live bytes x 100 (Badger: lsm+vlog from db.Size() over the live estimate; LevelDB/Pebble: directory size over the sum of live table sizes)",
  },
  operationLatency: {
    name: "OperationLatency", unit: "Milliseconds", dimensions: ["Engine"],
    publisher: "the agent, per Get/Set/Delete through the Fiber adapter, as values (not averages) so CloudWatch can compute p95; no InstanceId dimension, so one metric covers every agent",
  },
} as const;

/** Prometheus names of the same signals on Kubernetes (kubelet volume stats; the application's own metrics). */
export const KV_PROMETHEUS = {
  usedBytes: "kubelet_volume_stats_used_bytes",
  capacityBytes: "kubelet_volume_stats_capacity_bytes",
  inodesFree: "kubelet_volume_stats_inodes_free",
  spaceAmplificationPercent: "sparki_kv_space_amplification_percent",
  latencySecondsBucket: "sparki_kv_operation_latency_seconds_bucket",
} as const;

/**
 * CloudWatch agent configuration (the `-c ssm:<parameter>` form of amazon-cloudwatch-agent-ctl fetch-config):
 * disk and inode use of the KV path only, every 60 s, with the instance ID appended so each agent is its own series.
 */
export function cloudWatchAgentConfig(dataPath: string): Record<string, unknown> {
  return {
    agent: { metrics_collection_interval: 60, run_as_user: "cwagent" },
    metrics: {
      namespace: KV_NAMESPACE,
      append_dimensions: { InstanceId: "${aws:InstanceId}" },
      metrics_collected: {
        disk: { resources: [dataPath], measurement: ["used_percent", "inodes_free"], drop_device: true },
      },
    },
  };
}

/**
 * Metrics Insights query over every agent (no instance is named: agents launched later join by themselves), one
 * series per instance. Identifiers are double-quoted (`PATH` is a reserved word), and an alarm over several series
 * needs both GROUP BY and ORDER BY (CloudWatch User Guide, "Create a CloudWatch alarm based on a Metrics Insights query").
 */
export function fleetQuery(fn: "MAX" | "MIN", metric: string, where: Record<string, string>): string {
  const filter = Object.entries(where).map(([k, v]) => `"${k}" = '${v}'`).join(" AND ");
  return `SELECT ${fn}("${metric}") FROM "${KV_NAMESPACE}" WHERE ${filter} GROUP BY "InstanceId" ORDER BY ${fn}() ${fn === "MAX" ? "DESC" : "ASC"}`;
}

export const engineDimension = (engine: KvEngine) => ({ Engine: engine });
