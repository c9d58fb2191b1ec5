import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { convertThreshold, platformThreshold, type Severity, type ThresholdSpec } from "../alerting";

/**
 * Cloud Monitoring alert policies of the Fiber database, from the matrix module's platform thresholds (the row
 * "Firestore | NoSQL | Google Cloud only" gives no figures). Metrics of the monitored resource
 * `firestore.googleapis.com/Database`, labelled by database_id (https://cloud.google.com/firestore/docs/understand-performance-monitoring,
 * checked 2026-11-29).
 */

/** `api/request_latencies` is a distribution in seconds (Datadog's Firestore integration shows it "as second"; Google's metric list not re-read: unverified). */
export const LATENCY_METRIC = { type: "firestore.googleapis.com/api/request_latencies", unit: "seconds" } as const;
export const REQUEST_COUNT_METRIC = { type: "firestore.googleapis.com/api/request_count", unit: "count" } as const;
/** gRPC codes that are the service's own failures (never the caller's). */
export const SERVER_ERROR_CODES = ["INTERNAL", "UNAVAILABLE", "DEADLINE_EXCEEDED", "UNKNOWN"] as const;

export function firestoreThresholds(): Readonly<Record<"latency" | "serverErrors", ThresholdSpec>> {
  return { latency: platformThreshold("firestoreRequestLatencyP95"), serverErrors: platformThreshold("firestoreServerErrors") };
}

const SEVERITIES: readonly Severity[] = ["warning", "critical"];
/** How long a condition must hold before it opens an incident: 5 minutes, as the CloudWatch alarms' default 3 of 5 one-minute periods roughly. */
export const CONDITION_DURATION = "300s";

export interface FirestoreAlertArgs {
  readonly environment: string;
  readonly projectId: string;
  readonly databaseId: string;
  readonly emails: Readonly<Record<Severity, readonly string[]>>;
  /** The database: policies wait for it. */
  readonly database: pulumi.Resource;
  /** The Cloud Monitoring API's enablement. */
  readonly monitoringApi: pulumi.Resource;
}

const databaseFilter = (databaseId: string, metricType: string) =>
  `resource.type = "firestore.googleapis.com/Database" AND resource.labels.database_id = "${databaseId}" AND metric.type = "${metricType}"`;

/** The filter of the server-error condition. */
export function serverErrorFilter(databaseId: string): string {
  return `${databaseFilter(databaseId, REQUEST_COUNT_METRIC.type)} AND metric.labels.response_code = one_of(${SERVER_ERROR_CODES.map((c) => `"${c}"`).join(", ")})`;
}

export function latencyFilter(databaseId: string): string {
  return databaseFilter(databaseId, LATENCY_METRIC.type);
}

/** Email notification channels per severity and one alert policy per metric and severity. */
export function firestoreAlerts(args: FirestoreAlertArgs, name: string, parent: pulumi.Resource): { policies: gcp.monitoring.AlertPolicy[]; channels: gcp.monitoring.NotificationChannel[] } {
  const t = firestoreThresholds();
  const opts = { parent, dependsOn: [args.database, args.monitoringApi] };
  const channels: gcp.monitoring.NotificationChannel[] = [];
  const policies: gcp.monitoring.AlertPolicy[] = [];
  for (const severity of SEVERITIES) {
    const own = args.emails[severity].map((email, i) => new gcp.monitoring.NotificationChannel(`${name}-${severity}-email-${i + 1}`, {
      project: args.projectId, type: "email", displayName: `${args.environment} ${severity} ${email}`, labels: { email_address: email }, enabled: true,
    }, opts));
    channels.push(...own);
    const common = {
      project: args.projectId, combiner: "OR", enabled: true, severity: severity.toUpperCase(),
      notificationChannels: own.map((c) => c.name), userLabels: { environment: args.environment.toLowerCase(), severity, "fiber-adapter": "firestore" },
      alertStrategy: { autoClose: "1800s" },
    };
    policies.push(new gcp.monitoring.AlertPolicy(`${name}-latency-p95-${severity}`, {
      ...common,
      displayName: `${args.environment} firestore ${args.databaseId} request latency p95 ${severity}`,
      documentation: { mimeType: "text/markdown", content: `p95 Firestore request latency on ${args.databaseId} above ${t.latency[severity]} ms (${t.latency.source}). Check Firestore status and hot keys.` },
      conditions: [{
        displayName: `request latency p95 > ${t.latency[severity]} ms`,
        conditionThreshold: {
          filter: latencyFilter(args.databaseId), comparison: "COMPARISON_GT", duration: CONDITION_DURATION,
          thresholdValue: convertThreshold(t.latency[severity], t.latency.unit, LATENCY_METRIC.unit),
          aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_PERCENTILE_95", groupByFields: ["resource.labels.database_id"] }],
          // No requests means no latency samples: an idle or fresh database does not alert.
          evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
        },
      }],
    }, opts));
    policies.push(new gcp.monitoring.AlertPolicy(`${name}-server-errors-${severity}`, {
      ...common,
      displayName: `${args.environment} firestore ${args.databaseId} server errors ${severity}`,
      documentation: { mimeType: "text/markdown", content: `More than ${t.serverErrors[severity]} Firestore requests on ${args.databaseId} failed with ${SERVER_ERROR_CODES.join("/")} in 5 minutes (${t.serverErrors.source}).` },
      conditions: [{
        displayName: `server errors per 5 min > ${t.serverErrors[severity]}`,
        conditionThreshold: {
          filter: serverErrorFilter(args.databaseId), comparison: "COMPARISON_GT", duration: "0s",
          thresholdValue: t.serverErrors[severity],
          aggregations: [{ alignmentPeriod: "300s", perSeriesAligner: "ALIGN_SUM", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.labels.database_id"] }],
          evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
        },
      }],
    }, opts));
  }
  return { policies, channels };
}

/** A Cloud Monitoring dashboard of the database (the stack's CloudWatch dashboard cannot show Google metrics). */
export function firestoreDashboardJson(environment: string, databaseId: string): string {
  const t = firestoreThresholds();
  const chart = (title: string, filter: string, aligner: string, reducer: string, period: string, threshold: number) => ({
    title,
    xyChart: {
      dataSets: [{ timeSeriesQuery: { timeSeriesFilter: { filter, aggregation: { alignmentPeriod: period, perSeriesAligner: aligner, crossSeriesReducer: reducer } } }, plotType: "LINE" }],
      thresholds: [{ value: threshold }],
    },
  });
  return JSON.stringify({
    displayName: `${environment} Firestore ${databaseId} (Fiber storage/firestore)`,
    gridLayout: {
      columns: "2",
      widgets: [
        chart("Request latency p95 (s)", latencyFilter(databaseId), "ALIGN_DELTA", "REDUCE_PERCENTILE_95", "60s", convertThreshold(t.latency.warning, t.latency.unit, LATENCY_METRIC.unit)),
        chart("Server errors per 5 min", serverErrorFilter(databaseId), "ALIGN_SUM", "REDUCE_SUM", "300s", t.serverErrors.critical),
      ],
    },
  });
}
