import { platformThreshold } from "../alerting/thresholds";
import { type AlertRule, severityRules, stateRule, volumeUsedRules } from "../kubernetes/alert-rules";
import { SURREALDB_NAMES } from "./names";

/** The claim the StatefulSet's single pod gets: `<template>-<statefulset>-0`. */
export const DATA_CLAIM = `${SURREALDB_NAMES.dataVolume}-${SURREALDB_NAMES.statefulSet}-0`;
/** The single pod. */
export const SERVER_POD = `${SURREALDB_NAMES.statefulSet}-0`;

/**
 * Why there is no latency rule (the matrix row gives 10-30 ms, so derivedLatencyP95("surrealdb") would apply): since
 * 3.1 SurrealDB serves Prometheus text at `GET /metrics`, but an anonymous scraper only gets the PUBLIC_METRICS
 * allowlist, "bounded to non-attributable process signals"; the request and statement families carry tenant labels
 * and need root credentials (surrealdb-server 3.1.4 src/observe/handler.rs and public.rs on docs.rs;
 * https://surrealdb.com/docs/manage/observability/metrics; both checked 2026-11-29). Handing the root password to
 * the cluster's Prometheus would undo least privilege, and the older `rpc.server.duration` histogram (ms) is OTLP
 * push only. A latency rule needs a collector this stack does not run; see docs/components.md.
 */
export const LATENCY_RULE_OMITTED = "request latency metrics need root credentials on /metrics or an OTLP collector";

/**
 * cert-manager's certificate gauges, labelled with the Certificate's `name` and `namespace`:
 * `certmanager_certificate_expiration_timestamp_seconds` (notAfter) and `certmanager_certificate_renewal_timestamp_seconds`
 * (when cert-manager will renew) (https://pkg.go.dev/github.com/jetstack/cert-manager@v1.6.3/pkg/metrics, checked
 * 2026-11-29). The stack does not create the Certificate: the rules assume it is named like the Secret it issues into
 * (`tlsSecretName`), as docs/components.md asks. Without cert-manager's metrics in Prometheus they never fire.
 * - renewal overdue by an hour: cert-manager failed to renew (warning; the old certificate still works);
 * - less than half of the renewal window (notAfter - renewal time, by default a third of the lifetime) left:
 *   renewal has failed for a long time and the served certificate is next (critical).
 * Neither sees the certificate the server SERVES, which stays the old one until the pod restarts (statefulset.ts
 * RELOADER_SECRET_ANNOTATION): the Secret is what can be measured.
 */
export function certificateRules(namespace: string, certificate: string): AlertRule[] {
  const sel = `namespace="${namespace}", name="${certificate}"`;
  const expiry = `certmanager_certificate_expiration_timestamp_seconds{${sel}}`;
  const renewal = `certmanager_certificate_renewal_timestamp_seconds{${sel}}`;
  return [
    stateRule("SurrealDbCertificateRenewalOverdue", `time() - ${renewal} > 3600`, "warning", "15m",
      `${namespace}/${certificate}: cert-manager has not renewed the SurrealDB server certificate an hour past its renewal time`),
    stateRule("SurrealDbCertificateExpiring", `(${expiry} - time()) < 0.5 * (${expiry} - ${renewal})`, "critical", "15m",
      `${namespace}/${certificate}: the SurrealDB server certificate expires within half its renewal window; clients fail when it does`),
  ];
}

/**
 * The rules of the server: data volume filling (platform k8sVolumeUsedPercent, kubelet volume stats), restarts
 * (platform k8sPodRestarts, kube-state-metrics), the single replica not ready (clients have no server at all), the
 * server certificate's renewal ({@link certificateRules}), plus the backup's missed-run rules when there is a backup.
 */
export function surrealDbAlertRules(namespace: string, tlsSecretName: string, backupRules: readonly AlertRule[]): AlertRule[] {
  const claim = `namespace="${namespace}", persistentvolumeclaim="${DATA_CLAIM}"`;
  const pod = `namespace="${namespace}", pod="${SERVER_POD}", container="surrealdb"`;
  return [
    ...volumeUsedRules("SurrealDbVolumeUsed", claim, `${namespace}/${DATA_CLAIM}: SurrealDB's RocksDB volume is filling (compaction needs free room)`),
    ...severityRules("SurrealDbRestarts",
      (l) => `increase(kube_pod_container_status_restarts_total{${pod}}[1h]) > ${l}`,
      platformThreshold("k8sPodRestarts"), `${namespace}/${SERVER_POD} restarted repeatedly in the last hour`),
    stateRule("SurrealDbNotReady",
      `kube_statefulset_status_replicas_ready{namespace="${namespace}", statefulset="${SURREALDB_NAMES.statefulSet}"} < 1`,
      "critical", "5m", `${namespace}/${SURREALDB_NAMES.statefulSet} has no ready server: a single replica, so the Fiber adapter cannot connect`),
    ...certificateRules(namespace, tlsSecretName),
    ...backupRules,
  ];
}
