import { type AlertRule, severityRules, stateRule, volumeUsedRules } from "../kubernetes/alert-rules";
import type { IngressFlow } from "../kubernetes/network-policy";
import type { NamespaceLabel } from "../kubernetes/labels";
import type { ThresholdSpec } from "../alerting/thresholds";
import { derivedLatencyP95 } from "../matrix/derived";
import { ARANGODB_PORT, EXPORTER_PORT } from "./defaults";
import type { DeploymentMode } from "./rules";

/** The matrix row's derived p95 latency (10-30 ms: warning 75, critical 150 ms), as a threshold spec. */
export function latencyThreshold(): ThresholdSpec {
  const t = derivedLatencyP95("arangodb");
  return { warning: t.warning, critical: t.critical, unit: "milliseconds", comparison: "above", source: t.source, percentile: "p95" };
}

export interface AlertInput {
  readonly namespace: string;
  readonly deployment: string;
  readonly mode: DeploymentMode;
  readonly agents: number;
}

/**
 * The ArangoDB rules of the PrometheusRule (the backup's come from S3Backup):
 * - p95 request time of the client-facing servers from arangod's histogram
 *   `arangodb_client_connection_statistics_total_time` ("Total time needed to answer a request", declared in arangod's
 *   request statistics with RequestStatisticsRequestTimeScale, bucket cuts 0.01, 0.05 ... 30: seconds; arangodb
 *   source read 2026-11-29; arangodb/go-driver's metrics test expects the name from every 3.8+ server), scraped
 *   through the operator's metrics sidecar; the levels are milliseconds, compared in seconds;
 * - agency leader lost (Cluster): the operator's `arangodb_operator_agency_cache_leaders` counts, per agent ID, the
 *   agents that name it leader; the agency is healthy when the leader has every agent's vote (kube-arangodb 1.4.4
 *   pkg/deployment/agency/cache.go health.Healthy), so no ID holding a majority means no leader;
 * - member not Ready for 10 minutes: `arangodb_operator_members_conditions{condition="Ready"}` (docs/generated/metrics);
 * - volumes filling: kubelet volume stats, the platform's `k8sVolumeUsedPercent`.
 * The operator's metrics come from its own endpoint (port 8528, docs/metrics.md): the cluster's Prometheus must
 * scrape the operator (its chart's ServiceMonitor), a prerequisite the README names.
 */
export function arangoAlertRules(i: AlertInput): AlertRule[] {
  const ns = `namespace="${i.namespace}"`;
  const clientPods = `pod=~"${i.deployment}-(sngl|crdn)-.*"`;
  const operator = `${ns}, name="${i.deployment}"`;
  const majority = Math.floor(i.agents / 2) + 1;
  return [
    ...severityRules(
      "ArangoDbLatencyP95",
      (ms) => `histogram_quantile(0.95, sum by (le) (rate(arangodb_client_connection_statistics_total_time_bucket{${ns}, ${clientPods}}[5m]))) > ${ms / 1000}`,
      latencyThreshold(),
      `ArangoDB ${i.namespace}/${i.deployment}: p95 time to answer a request is high`,
    ),
    ...(i.mode === "Cluster"
      ? [stateRule(
        "ArangoDbAgencyLeaderLost",
        `max by (namespace, name) (arangodb_operator_agency_cache_leaders{${operator}}) < ${majority}`,
        "critical", "5m",
        `ArangoDB ${i.namespace}/${i.deployment}: no agent holds a majority (${majority} of ${i.agents}) of the agency's leader votes; the cluster cannot commit metadata`,
      )]
      : []),
    stateRule(
      "ArangoDbMemberNotReady",
      `arangodb_operator_members_conditions{${operator}, condition="Ready"} == 0`,
      i.mode === "Single" ? "critical" : "warning", "10m",
      `ArangoDB ${i.namespace}/${i.deployment}: a member has not been Ready for 10 minutes`,
    ),
    ...volumeUsedRules("ArangoDbVolumeUsed", ns, `ArangoDB ${i.namespace}/${i.deployment}: a member's volume is filling`),
  ];
}

export interface FlowInput {
  readonly deployment: string;
  readonly operatorNamespace: string;
  readonly monitoringNamespace: string;
  readonly clientNamespaceLabel: NamespaceLabel;
  /** Labels of the provisioning Job's pods (it connects through the client Service). */
  readonly provisionPodLabels: Readonly<Record<string, string>>;
  /** Labels of the backup's pods (they dump through the client Service); none without backups. */
  readonly backupPodLabels?: Readonly<Record<string, string>>;
}

/** Every member: its peers, the operator (it drives members over the API port) and Prometheus (metrics sidecar). */
export function memberFlows(i: FlowInput): IngressFlow[] {
  return [
    { from: [{ podLabels: { arango_deployment: i.deployment } }], ports: [ARANGODB_PORT] },
    { from: [{ namespaceName: i.operatorNamespace }], ports: [ARANGODB_PORT] },
    { from: [{ namespaceName: i.monitoringNamespace }], ports: [EXPORTER_PORT] },
  ];
}

/** The client-facing servers (single server or coordinators), for the stack's own Jobs: provisioning and backup. */
export function jobFlows(i: FlowInput): IngressFlow[] {
  return [{
    from: [{ podLabels: i.provisionPodLabels }, ...(i.backupPodLabels ? [{ podLabels: i.backupPodLabels }] : [])],
    ports: [ARANGODB_PORT],
  }];
}

/**
 * The client-facing servers, for the labelled client namespaces. Its NetworkPolicy is created only once the
 * provisioning Job has succeeded: root has an empty password until the operator's bootstrap sets it after the
 * members are up, and the Job succeeds only with root's generated password, so apps cannot reach the servers
 * during that window.
 */
export function clientFlows(i: FlowInput): IngressFlow[] {
  return [{ from: [{ namespaceLabel: i.clientNamespaceLabel }], ports: [ARANGODB_PORT] }];
}
