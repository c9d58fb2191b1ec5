import { platformThreshold } from "../alerting/thresholds";
import { type AlertRule, severityRules, stateRule, volumeUsedRules } from "../kubernetes/alert-rules";
import { NEO4J_NAMES } from "./names";

/** The claim the StatefulSet's single pod gets: `<template>-<statefulset>-0`. */
export const DATA_CLAIM = `${NEO4J_NAMES.dataVolume}-${NEO4J_NAMES.statefulSet}-0`;
/** The single pod. */
export const SERVER_POD = `${NEO4J_NAMES.statefulSet}-0`;

/**
 * Why no rule reads Neo4j's own metrics: Community Edition has none to scrape. The metrics framework and its
 * Prometheus endpoint (`server.metrics.prometheus.*`) are Enterprise Edition only: "Metrics reporting is an
 * Enterprise feature" (Neo4j Knowledge Base, https://neo4j.com/developer/kb/tags/metrics, checked 2026-11-29), and the
 * image's entrypoint says "metrics is enterprise only" and sets a metrics directory for Enterprise only
 * (docker-image-src/5/coredb/docker-entrypoint.sh, read 2026-11-29).
 * So no latency, page-cache or transaction rule: the rules watch what kubelet and kube-state-metrics see.
 */
export const METRICS_OMITTED = "Neo4j Community Edition exposes no metrics (the Prometheus endpoint is Enterprise only)";

/**
 * Days before the server certificate's expiry at which the expiry rules fire, warning and critical. cert-manager
 * renews at 2/3 of a certificate's life by default (30 days before expiry for a 90-day certificate), so with 14 days
 * left renewal has failed for over two weeks; 3 days is the last chance to renew and restart by hand. For certificates
 * shorter than about 45 days lower these (the warning would otherwise fire before every renewal).
 */
export const CERT_EXPIRY_DAYS = { warning: 14, critical: 3 } as const;

/**
 * Certificate expiry from cert-manager's own metric `certmanager_certificate_expiration_timestamp_seconds{name,
 * namespace}` ("The date after which the certificate expires. Expressed as a Unix Epoch Time",
 * https://pkg.go.dev/github.com/jetstack/cert-manager@v1.6.3/pkg/metrics, checked 2026-11-29): every Certificate in
 * the server's namespace (one Neo4j per namespace; its only Certificate issues the TLS Secret). It catches a renewal
 * that failed; a renewal that succeeded but was not loaded (no Reloader, statefulset.ts RELOADER_SECRET_ANNOTATION)
 * is not visible here. Needs cert-manager's metrics scraped by the same Prometheus.
 */
function certificateExpiryRules(namespace: string): AlertRule[] {
  const remaining = `(certmanager_certificate_expiration_timestamp_seconds{namespace="${namespace}"} - time())`;
  return (["warning", "critical"] as const).map((severity) => stateRule(
    `Neo4jCertificateExpiring${severity === "warning" ? "Warning" : "Critical"}`,
    `${remaining} < ${CERT_EXPIRY_DAYS[severity]} * 86400`,
    severity, severity === "warning" ? "1h" : "5m",
    `${namespace}: the Neo4j server certificate expires in less than ${CERT_EXPIRY_DAYS[severity]} days; Bolt (neo4j+s) and the backup fail at expiry`,
  ));
}

/**
 * The rules of the server: data volume filling (platform k8sVolumeUsedPercent, kubelet volume stats), restarts
 * (platform k8sPodRestarts, kube-state-metrics), Bolt unavailable (the readiness probe is a TCP connect to Bolt 7687,
 * so a StatefulSet with no ready replica is a failing Bolt probe: kube-state-metrics
 * kube_statefulset_status_replicas_ready), the server certificate expiring (cert-manager's metric), plus the
 * backup's missed-run rules when there is a backup.
 */
export function neo4jAlertRules(namespace: string, backupRules: readonly AlertRule[]): AlertRule[] {
  const claim = `namespace="${namespace}", persistentvolumeclaim="${DATA_CLAIM}"`;
  const pod = `namespace="${namespace}", pod="${SERVER_POD}", container="neo4j"`;
  return [
    ...volumeUsedRules("Neo4jVolumeUsed", claim, `${namespace}/${DATA_CLAIM}: Neo4j's store and transaction logs are filling the volume`),
    ...severityRules("Neo4jRestarts",
      (l) => `increase(kube_pod_container_status_restarts_total{${pod}}[1h]) > ${l}`,
      platformThreshold("k8sPodRestarts"), `${namespace}/${SERVER_POD} restarted repeatedly in the last hour`),
    stateRule("Neo4jBoltUnavailable",
      `kube_statefulset_status_replicas_ready{namespace="${namespace}", statefulset="${NEO4J_NAMES.statefulSet}"} < 1`,
      "critical", "5m", `${namespace}/${NEO4J_NAMES.statefulSet}: the Bolt probe (TCP 7687) fails on the only server, so the Fiber adapter cannot connect`),
    ...certificateExpiryRules(namespace),
    ...backupRules,
  ];
}
