import type * as k8s from "@pulumi/kubernetes";
import { type AlertRule, severityRules, stateRule, volumeUsedRules } from "../kubernetes/alert-rules";
import { platformThreshold } from "../alerting/thresholds";
import { expectedRoutes, ROUTE_POOL_SIZE } from "./config";
import { NATS_NAMES, objectLabels, selectorLabels } from "./names";

/**
 * A prometheus-operator PodMonitor for the exporter sidecars
 * (https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PodMonitor, checked
 * 2026-11-29): kube-prometheus-stack's Prometheus selects it by `release: <name>` as it does the rules. Prometheus
 * then labels every series with `namespace` and `pod`, which the rules select on.
 */
export function podMonitor(instance: string, namespace: string, prometheusRelease: string | undefined): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: {
      name: NATS_NAMES.podMonitor, namespace,
      labels: { ...objectLabels(instance, "server"), ...(prometheusRelease ? { release: prometheusRelease } : {}) },
    },
    spec: {
      selector: { matchLabels: selectorLabels(instance, "server") },
      podMetricsEndpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }],
    },
  };
}

export interface NatsRulesInput {
  readonly namespace: string;
  readonly nodes: number;
  /** The KV bucket's stream, `KV_<bucket>`. */
  readonly stream: string;
  /** Replicas the stack states for the bucket (KvBucketSpec.replicas). */
  readonly replicas: number;
}

/**
 * The workload's alert rules from the exporter's metrics (names from prometheus-nats-exporter collector/jsz.go and
 * the `gnatsd_varz_*` mapping of /varz, checked 2026-11-29) and the kubelet's volume statistics. The matrix row of
 * NATS ("Event streaming (future)") gives no latency or throughput, and the server publishes no request latency, so
 * there is no latency rule; the storage, route and leadership rules below watch what fails first.
 */
export function natsAlertRules(input: NatsRulesInput): AlertRule[] {
  const ns = `namespace="${input.namespace}"`;
  const claims = `persistentvolumeclaim=~"data-${NATS_NAMES.statefulSet}-[0-9]+"`;
  return [
    // Every server reports the meta leader it sees; a non-clustered server reports itself (is_meta_leader="true").
    // No series saying "true" means JetStream has no meta leader: no stream can be created, changed or placed.
    stateRule("NatsJetStreamMetaLeaderMissing", `absent(jetstream_server_total_streams{${ns}, is_meta_leader="true"})`, "critical", "5m",
      `JetStream in ${input.namespace} has no meta leader (or no server's metrics reach Prometheus)`),
    // The bucket's stream has no leader: every Get and Set of the Fiber adapter fails.
    stateRule("NatsKvStreamLeaderMissing", `absent(jetstream_stream_total_messages{${ns}, stream_name="${input.stream}", is_stream_leader="true"})`, "critical", "5m",
      `The KV stream ${input.stream} in ${input.namespace} has no leader: the Fiber storage cannot read or write`),
    ...severityRules(
      "NatsJetStreamStorageUsed",
      (level) => `100 * max by (pod) (jetstream_server_total_message_bytes{${ns}}) / max by (pod) (jetstream_server_max_storage{${ns}}) > ${level}`,
      platformThreshold("natsJetStreamStorageUsedPercent"),
      `A NATS server in ${input.namespace} is filling its JetStream max_file_store; at the limit writes fail: raise jetStreamMaxFileStoreGiB (expand the claims and set expandedVolumeSizeGiB first if it is at the claim size)`,
    ),
    ...severityRules(
      "NatsSlowConsumers",
      (level) => `sum by (pod) (increase(gnatsd_varz_slow_consumers{${ns}}[5m])) > ${level}`,
      platformThreshold("natsSlowConsumers"),
      `A NATS server in ${input.namespace} is dropping clients that cannot keep up (slow consumers)`,
    ),
    ...severityRules(
      "NatsServerRestarts",
      (level) => `max by (pod) (increase(kube_pod_container_status_restarts_total{${ns}, container="nats"}[1h])) > ${level}`,
      platformThreshold("k8sPodRestarts"),
      `A NATS server in ${input.namespace} restarted repeatedly in the last hour (crash loop: memory, a corrupt store, a bad certificate)`,
    ),
    // Per peer: the pool of ROUTE_POOL_SIZE plus the system account's pinned route (config.ts expectedRoutes has the source).
    ...(input.nodes > 1 ? [stateRule(
      "NatsRoutesMissing",
      `min by (pod) (gnatsd_varz_routes{${ns}}) < ${expectedRoutes(input.nodes)}`,
      "warning", "10m",
      `A NATS server in ${input.namespace} has fewer than ${expectedRoutes(input.nodes)} routes (${input.nodes - 1} peers x (pool of ${ROUTE_POOL_SIZE} + 1 system account route)): it lost a peer`,
    )] : []),
    // Each server's /jsz lists only the streams it holds a replica of (nats-server server/monitor.go accountDetail walks
    // the account's local streams; a server creates a stream only when it is in its Raft group, jetstream_cluster.go
    // processStreamAssignment `isMember`), and the exporter has no replicas metric (collector/jsz.go v0.11.0), so the
    // servers reporting the stream are its replicas. Fewer than the stack states: the bucket was created on fewer
    // servers (the Job leaves an existing bucket as it is) or a replica is lost; `nats stream edit --replicas` fixes the first.
    ...(input.replicas > 1 ? [stateRule(
      "NatsKvReplicasMissing",
      `count(jetstream_stream_total_messages{${ns}, stream_name="${input.stream}"}) < ${input.replicas}`,
      "warning", "15m",
      `The KV stream ${input.stream} in ${input.namespace} has fewer than the ${input.replicas} replicas the stack states (created before nodes grew, or a replica lost): nats stream edit ${input.stream} --replicas ${input.replicas}`,
    )] : []),
    ...volumeUsedRules(
      "NatsVolumeUsed", `${ns}, ${claims}`,
      `A NATS JetStream volume in ${input.namespace} is filling; expand its claim online (the StorageClass allows expansion), then set expandedVolumeSizeGiB (it raises the JetStream cap)`,
    ),
  ];
}
