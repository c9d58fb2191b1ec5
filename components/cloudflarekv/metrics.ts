import { METRICS } from "../alerting/catalog";

/**
 * The custom metrics of the Cloudflare KV row. Cloudflare keeps Workers KV analytics (operations, latency) in its
 * GraphQL Analytics API and offers no Workers KV alert type among its notifications (https://developers.cloudflare.com/kv/observability/metrics-analytics/
 * and https://developers.cloudflare.com/notifications/notification-available/, checked 2026-11-29): nothing AWS can alarm
 * on. The Fiber adapter has no hooks, so the application wraps its Storage calls, times each one and publishes
 *
 *   namespace `Sparki/CloudflareKV`, dimension `NamespaceId` = the namespace ID the stack outputs (cloudflarekv.namespaceId):
 *   - `OperationLatency`, unit `Milliseconds`, one value per call (or statistic sets per 10-60 s; EMF works);
 *   - `OperationErrors`, unit `Count`, 1 per failed call, where a Get answered 404 (a missing key) is a miss, not an error.
 *
 * Both alarms treat missing data as not breaching: until the application publishes, they stay quiet.
 */
export const CLOUDFLARE_KV_METRICS = {
  latency: { namespace: METRICS.cloudflareKvOperationLatency.namespace, metricName: METRICS.cloudflareKvOperationLatency.metricName, unit: "Milliseconds", dimensions: METRICS.cloudflareKvOperationLatency.dimensions },
  errors: { namespace: METRICS.cloudflareKvOperationErrors.namespace, metricName: METRICS.cloudflareKvOperationErrors.metricName, unit: "Count", dimensions: METRICS.cloudflareKvOperationErrors.dimensions },
} as const;
