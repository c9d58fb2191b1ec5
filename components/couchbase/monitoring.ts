import { platformThreshold } from "../alerting/thresholds";
import { type AlertRule, backupMissedRules, severityRules, stateRule, volumeUsedRules } from "../kubernetes/alert-rules";
import type { NamespaceLabel } from "../kubernetes/labels";
import type * as k8s from "@pulumi/kubernetes";
import { type IngressFlow, ingressPolicy } from "../kubernetes/network-policy";
import { couchbaseNames, METRICS_PORT, serverPodLabels } from "./spec";

/**
 * Ports an SDK client uses over TLS: 11207 (key-value), 18091 (cluster management, also what `Ping` and bucket
 * management reach), 18092-18096 (views, query, search, analytics, eventing), the TLS ports of
 * https://docs.couchbase.com/server/current/install/install-ports.html (checked 2026-11-29) and of the operator's
 * Services (pkg/util/k8sutil/services.go). The plain-text ports are never admitted to clients.
 */
export const CLIENT_TLS_PORTS = [11207, 18091, 18092, 18093, 18094, 18095, 18096] as const;

/**
 * Every port a Couchbase Server pod listens on, as the operator declares them on its containers and peer Service
 * (`allTheThings` in pkg/util/k8sutil/services.go, read 2026-11-29): what the servers use between themselves
 * (cluster manager, services, node-to-node TLS) and what the operator reaches.
 */
const SERVER_PORT_RANGES: readonly (readonly [number, number])[] = [
  [4369, 4369], [8091, 8096], [9100, 9105], [9110, 9118], [9120, 9122], [9130, 9130], [9140, 9140], [9999, 9999],
  [11206, 11207], [11209, 11210], [18091, 18096], [19102, 19102], [19130, 19130], [21100, 21100], [21150, 21150],
];
export const SERVER_PORTS: readonly number[] = SERVER_PORT_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, k) => from + k));

export interface FlowInput {
  readonly cluster: string;
  readonly operatorNamespace: string;
  readonly monitoringNamespace: string;
  readonly clientNamespaceLabel: NamespaceLabel;
  /** Labels of the backup jobs' pods (the operator adds `couchbase_backup: <backup>`); none without backups. */
  readonly backupPodLabels?: Readonly<Record<string, string>>;
}

/** Every TCP port (`endPort`, stable since Kubernetes 1.25): what the servers and the operator may use between themselves. */
export const ALL_TCP_PORTS = { protocol: "TCP", port: 1, endPort: 65_535 } as const;

/**
 * The servers' NetworkPolicy: {@link serverFlows} through the shared `ingressPolicy` block, with the first flow (the
 * other servers and the operator) admitted on every TCP port. Couchbase's own example policy lets server pods reach
 * each other, and the operator reach them, on every port (couchbase/couchbase-operator
 * docs/dev/examples/kubernetes/network-policies.yaml, `couchbase-namespace-policy` and `couchbase-operator-policy`,
 * read 2026-11-29), and its node-to-node set includes the range 21100-21299 beyond what the operator's Service lists
 * ("Internal data ports 21100 to 21299", https://docs.couchbase.com/server/current/install/install-ports.html,
 * checked 2026-11-29): a narrower list can break rebalance and failover. Clients, backup jobs and monitoring keep
 * their port lists.
 */
export function serverNetworkPolicy(i: FlowInput & { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> }): k8s.networking.v1.NetworkPolicyArgs {
  const built = ingressPolicy({ name: i.name, namespace: i.namespace, labels: i.labels, podSelector: serverPodLabels(i.cluster), flows: serverFlows(i) });
  const spec = built.spec as { podSelector: unknown; policyTypes: string[]; ingress: { from: unknown[]; ports: unknown[] }[] };
  const [peers, ...others] = spec.ingress;
  return { ...built, spec: { ...spec, ingress: [{ from: peers.from, ports: [{ ...ALL_TCP_PORTS }] }, ...others] } } as k8s.networking.v1.NetworkPolicyArgs;
}

/**
 * Who may reach the Couchbase Server pods (everything else is denied): the other servers on every port, the
 * operator on every port (Couchbase's example policy admits all of the operator's traffic,
 * docs/dev/examples/kubernetes/network-policies.yaml), labelled client namespaces and the backup jobs on the TLS
 * client ports, and the monitoring namespace on the HTTPS metrics port.
 */
export function serverFlows(i: FlowInput): IngressFlow[] {
  return [
    // Its ports are replaced by every TCP port in serverNetworkPolicy; SERVER_PORTS keeps the block's "at least one port".
    { from: [{ podLabels: serverPodLabels(i.cluster) }, { namespaceName: i.operatorNamespace }], ports: SERVER_PORTS },
    { from: [{ namespaceLabel: i.clientNamespaceLabel }], ports: CLIENT_TLS_PORTS },
    ...(i.backupPodLabels ? [{ from: [{ podLabels: i.backupPodLabels }], ports: CLIENT_TLS_PORTS }] : []),
    { from: [{ namespaceName: i.monitoringNamespace }], ports: [METRICS_PORT] },
  ];
}

export interface AlertInput {
  readonly namespace: string;
  readonly cluster: string;
  readonly servers: number;
  readonly replicas: number;
  /** Seconds between two scheduled backups; none without backups. */
  readonly backupIntervalSeconds?: number;
}

/**
 * The Couchbase rules of the PrometheusRule. The matrix gives Couchbase no latency or throughput figure (its row
 * says only "Enterprise option"), so there is no latency rule: these watch health and capacity instead, from
 * Couchbase Server's own Prometheus metrics (7.0+, /metrics on 8091/18091; names from the Data Service metrics
 * reference, https://docs.couchbase.com/server/current/metrics-reference/data-service-metrics.html, checked
 * 2026-11-29), kube-state-metrics and the kubelet:
 * - a server not Ready (the operator's readiness probe and gate, kube_pod_status_ready) and a scrape that fails (`up`);
 * - bucket memory: `kv_mem_used_bytes` over the bucket quota `kv_ep_max_size` ("Memory quota (in bytes) for this bucket");
 * - the disk write queue `kv_ep_diskqueue_items` ("Total items in disk queue");
 * - with replicas, the replication backlog `kv_dcp_items_remaining{connection_type="replication"}`;
 * - volumes filling (kubelet_volume_stats_*, `k8sVolumeUsedPercent`);
 * - with backups, the operator's backup CronJob: runs missed (`k8sBackupMissedRuns`) and failed jobs.
 */
export function couchbaseAlertRules(i: AlertInput): AlertRule[] {
  const names = couchbaseNames(i.cluster);
  const ns = `namespace="${i.namespace}"`;
  const scraped = `${ns}, service="${names.peerService}"`;
  const pods = `${ns}, pod=~"${i.cluster}-[0-9]+"`;
  const what = `Couchbase ${i.namespace}/${i.cluster}`;
  const cronJob = `${ns}, cronjob="${names.backupCronJob}"`;
  const interval = i.backupIntervalSeconds;
  return [
    stateRule("CouchbaseServerNotReady", `kube_pod_status_ready{${pods}, condition="true"} == 0`, i.servers === 1 ? "critical" : "warning", "10m",
      `${what}: a server pod has not been Ready for 10 minutes${i.servers === 1 ? " (the only server: the bucket is unavailable)" : ""}`),
    stateRule("CouchbaseMetricsDown", `up{${scraped}} == 0`, "warning", "10m",
      `${what}: a server's /metrics cannot be scraped (server down, or the metrics user or TLS of the scrape broken)`),
    ...(i.servers > 1
      ? [stateRule("CouchbaseServersDown", `count(kube_pod_status_ready{${pods}, condition="true"} == 1) < ${i.servers - 1} or absent(kube_pod_status_ready{${pods}, condition="true"} == 1)`, "critical", "5m",
        `${what}: more than one of ${i.servers} servers is down; auto-failover handles one at a time`)]
      : []),
    ...severityRules("CouchbaseBucketMemory",
      (percent) => `100 * max by (bucket, pod) (kv_mem_used_bytes{${scraped}}) / max by (bucket, pod) (kv_ep_max_size{${scraped}}) > ${percent}`,
      platformThreshold("couchbaseBucketMemoryUsedPercent"), `${what}: a bucket's memory use is near its quota`),
    ...severityRules("CouchbaseDiskQueue",
      (items) => `sum by (bucket, pod) (kv_ep_diskqueue_items{${scraped}}) > ${items}`,
      platformThreshold("couchbaseDiskQueueItems"), `${what}: writes are queueing for disk`),
    ...(i.replicas > 0
      ? severityRules("CouchbaseReplicationBacklog",
        (items) => `sum by (bucket, pod) (kv_dcp_items_remaining{${scraped}, connection_type="replication"}) > ${items}`,
        platformThreshold("couchbaseReplicationBacklogItems"), `${what}: replicas are falling behind`)
      : []),
    ...volumeUsedRules("CouchbaseVolumeUsed", `${ns}, persistentvolumeclaim=~"${i.cluster}-[0-9]+-.*"`, `${what}: a server's volume is filling`),
    ...(interval === undefined ? [] : [
      ...backupMissedRules("CouchbaseBackupMissed", cronJob, interval, `${what}: no backup to S3 has completed for several scheduled runs`),
      stateRule("CouchbaseBackupJobFailed", `kube_job_status_failed{${ns}, job_name=~"${names.backupCronJob}-.*"} > 0`, "warning", "5m",
        `${what}: a backup job to S3 failed (the CouchbaseBackup's status.failed says why)`),
    ]),
  ];
}
