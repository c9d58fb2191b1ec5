import { METRICS } from "../alerting/catalog";

/**
 * The one custom metric of the Memcache row. ElastiCache publishes no request latency for node-based Memcached
 * clusters (SuccessfulReadRequestLatency / SuccessfulWriteRequestLatency exist for serverless caches only: ElastiCache
 * User Guide, "Metrics for Memcached" and "Serverless cache metrics", read 2026-11-29), so the matrix's "<1 ms" can only
 * be watched from the client side. The Fiber adapter (gofiber/storage memcache, on bradfitz/gomemcache) has no hooks:
 * the application wraps its Storage calls, times each one and publishes
 *
 *   namespace `Sparki/Memcache`, metric `OperationLatency`, unit `Milliseconds`, dimension `CacheClusterId` = the
 *   cluster ID the stack outputs (memcache.clusterId), one value per call (or statistic sets per 10-60 s; EMF works).
 *
 * The alarm takes its p95 and treats missing data as not breaching: until the application publishes, it stays quiet.
 */
export const MEMCACHE_LATENCY_METRIC = {
  namespace: METRICS.memcacheOperationLatency.namespace,
  metricName: METRICS.memcacheOperationLatency.metricName,
  unit: "Milliseconds",
  dimensions: METRICS.memcacheOperationLatency.dimensions,
} as const;
