import { platformThreshold } from "../alerting/thresholds";
import { type AlertRule, severityRules, stateRule, volumeUsedRules } from "../kubernetes/alert-rules";
import { CLICKHOUSE_NAMES, keeperHostName } from "./names";

/**
 * Why there is no latency rule: the matrix row for ClickHouse is a "supported" row with a rationale ("Time-series/
 * analytics (future)") and no latency or throughput figure, so derivedLatencyP95 has nothing to derive from and no
 * threshold is invented (spec/storage-adapters-integration-matrix.txt; components/matrix/adapters.ts SUPPORTED).
 */
export const LATENCY_RULE_OMITTED = "the matrix gives no latency for ClickHouse";

/**
 * The rules. Server metrics come from the Altinity operator's exporter (`chi_clickhouse_metric_*`,
 * `chi_clickhouse_event_*`, labelled `chi`, `namespace` and `hostname`; scraped from the operator's pod, so Prometheus
 * renames `namespace` to `exported_namespace` as the operator's own rules read it: deploy/prometheus/
 * prometheus-alert-rules-clickhouse.yaml, pkg/metrics/operator/labels.go, read 2026-11-29):
 * replication delay and parts per partition against platform thresholds, read-only replicas and rejected inserts as
 * states, the exporter seeing no server at all; volumes (kubelet volume stats, platform k8sVolumeUsedPercent), Keeper
 * quorum (kube-state-metrics), plus the backup's missed-run rules.
 */
export function clickHouseAlertRules(namespace: string, keeperReplicas: number, backupRules: readonly AlertRule[]): AlertRule[] {
  const chi = `chi="${CLICKHOUSE_NAMES.installation}", exported_namespace="${namespace}"`;
  const claims = `namespace="${namespace}", persistentvolumeclaim=~"${CLICKHOUSE_NAMES.dataVolume}-ch[ik]-${CLICKHOUSE_NAMES.installation}-${CLICKHOUSE_NAMES.cluster}-.*"`;
  const quorum = Math.floor(keeperReplicas / 2) + 1;
  const keeperSets = `namespace="${namespace}", statefulset=~"${keeperHostName(0).replace(/-0$/, "")}-.*"`;
  return [
    ...severityRules("ClickHouseReplicaDelay",
      (l) => `max by (hostname) (chi_clickhouse_metric_ReplicasMaxAbsoluteDelay{${chi}}) > ${l}`,
      platformThreshold("clickhouseReplicaDelaySeconds"), `${namespace}: a ClickHouse replica is behind on replication`),
    ...severityRules("ClickHousePartsPerPartition",
      (l) => `max by (hostname) (chi_clickhouse_metric_MaxPartCountForPartition{${chi}}) > ${l}`,
      platformThreshold("clickhousePartsPerPartition"), `${namespace}: parts of one partition approach parts_to_throw_insert (inserts are delayed, then refused)`),
    stateRule("ClickHouseReadonlyReplica", `max by (hostname) (chi_clickhouse_metric_ReadonlyReplica{${chi}}) > 0`,
      "critical", "5m", `${namespace}: a replica's tables are read-only (Keeper session lost or not configured): the Fiber adapter's writes fail there`),
    stateRule("ClickHouseRejectedInserts", `sum by (hostname) (increase(chi_clickhouse_event_RejectedInserts{${chi}}[5m])) > 0`,
      "critical", "1m", `${namespace}: ClickHouse refused INSERTs (too many parts): the Fiber adapter's Set calls fail`),
    stateRule("ClickHouseMetricsAbsent", `absent(chi_clickhouse_metric_Uptime{${chi}})`,
      "warning", "30m", `${namespace}: the operator exports no metrics for installation ${CLICKHOUSE_NAMES.installation} (servers down, or the operator's metrics not scraped); the other ClickHouse rules see nothing`),
    ...volumeUsedRules("ClickHouseVolumeUsed", claims, `${namespace}: a ClickHouse or Keeper volume is filling (merges need free room)`),
    stateRule("ClickHouseKeeperQuorum", `sum(kube_statefulset_status_replicas_ready{${keeperSets}}) < ${quorum}`,
      "critical", "5m", `${namespace}: fewer than ${quorum} of ${keeperReplicas} Keeper members are ready: replicated tables turn read-only`),
    ...backupRules,
  ];
}
