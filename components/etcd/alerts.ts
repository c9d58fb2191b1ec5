import { type AlertRule, severityRules, stateRule } from "../kubernetes/alert-rules";
import { platformThreshold } from "../alerting/thresholds";
import { ETCD_NAMES } from "./names";

/**
 * etcd's own metrics (server/etcdserver/metrics.go, server/storage/metrics.go, server/storage/mvcc/metrics.go,
 * v3.6.6, checked 2026-11-29) and the kubelet's volume statistics. The matrix gives etcd no latency or
 * throughput ("Kubernetes configuration only"), so there is no latency rule, derived or otherwise.
 */
export const ETCD_METRICS = {
  hasLeader: "etcd_server_has_leader",
  leaderChanges: "etcd_server_leader_changes_seen_total",
  proposalsFailed: "etcd_server_proposals_failed_total",
  dbTotalSize: "etcd_mvcc_db_total_size_in_bytes",
  quotaBackend: "etcd_server_quota_backend_bytes",
  volumeUsed: "kubelet_volume_stats_used_bytes",
  volumeCapacity: "kubelet_volume_stats_capacity_bytes",
} as const;

/**
 * How long no member may report `etcd_server_has_leader` before EtcdMetricsAbsent fires: a fresh deploy waits for
 * its certificate, volumes and images, then for Prometheus to load the PodMonitor (kube-prometheus-stack reloads
 * its configuration within a few minutes); 30 minutes stays quiet through that and still pages within the hour.
 */
export const METRICS_ABSENT_FOR = "30m";

/** The alert rules of one cluster (plus the backup's, which the S3Backup returns). */
export function etcdAlertRules(namespace: string): AlertRule[] {
  const m = ETCD_METRICS;
  const ns = `namespace="${namespace}"`;
  const claims = `${ns}, persistentvolumeclaim=~"data-${ETCD_NAMES.statefulSet}-[0-9]+"`;
  return [
    stateRule("EtcdNoLeader", `max by (pod) (${m.hasLeader}{${ns}}) == 0`, "critical", "1m",
      `an etcd member of ${namespace} has no leader: it serves no writes and no linearizable reads`),
    // Every other rule fires on series that exist: with no member scraped (all down, or the PodMonitor not
    // selected by Prometheus) they stay silent, so the absence itself pages.
    stateRule("EtcdMetricsAbsent", `absent(${m.hasLeader}{${ns}})`, "critical", METRICS_ABSENT_FOR,
      `no etcd member of ${namespace} reports metrics: all members are down, or Prometheus does not scrape the PodMonitor (check its release label); every other etcd alert is blind meanwhile`),
    ...severityRules("EtcdLeaderChanges", (n) => `max by (pod) (increase(${m.leaderChanges}{${ns}}[1h])) > ${n}`,
      platformThreshold("etcdLeaderChanges"), `etcd in ${namespace} keeps electing new leaders (changes in the last hour)`),
    ...severityRules("EtcdProposalsFailed", (n) => `max by (pod) (increase(${m.proposalsFailed}{${ns}}[15m])) > ${n}`,
      platformThreshold("etcdProposalsFailed"), `etcd in ${namespace} is refusing writes (failed proposals in 15 minutes)`),
    ...severityRules("EtcdDatabaseQuotaUsed", (p) => `max by (pod) (100 * ${m.dbTotalSize}{${ns}} / ${m.quotaBackend}{${ns}}) > ${p}`,
      platformThreshold("etcdDbQuotaUsedPercent"), `etcd's database in ${namespace} approaches its backend quota; at 100 % every write is refused (NOSPACE)`),
    ...severityRules("EtcdVolumeUsed", (p) => `max by (persistentvolumeclaim) (100 * ${m.volumeUsed}{${claims}} / ${m.volumeCapacity}{${claims}}) > ${p}`,
      platformThreshold("k8sVolumeUsedPercent"), `an etcd member's volume in ${namespace} is filling`),
  ];
}
