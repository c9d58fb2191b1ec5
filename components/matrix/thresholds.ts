import type { AlertThreshold } from "./types";

/** The spec's "Alerting Thresholds" table. The only place these numbers are written down. */
export const ALERT_THRESHOLDS = {
  postgresLatencyP95: {
    key: "postgresLatencyP95", metric: "Latency p95", adapter: "postgres",
    unit: "milliseconds", warning: 50, critical: 100, statistic: "p95",
  },
  redisLatencyP95: {
    key: "redisLatencyP95", metric: "Latency p95", adapter: "redis",
    unit: "milliseconds", warning: 5, critical: 10, statistic: "p95",
  },
  redisMemoryUsage: {
    key: "redisMemoryUsage", metric: "Memory Usage", adapter: "redis",
    unit: "percent", warning: 80, critical: 95, statistic: "current",
  },
  postgresConnectionPoolUsage: {
    key: "postgresConnectionPoolUsage", metric: "Connection Pool", adapter: "postgres",
    unit: "percent", warning: 80, critical: 95, statistic: "current",
  },
} as const satisfies Record<AlertThreshold["key"], AlertThreshold>;

export type AlertThresholdKey = keyof typeof ALERT_THRESHOLDS;

/** Connection pooling numbers from the PostgreSQL section: "Connection pooling (20-100 connections)", "max 100". */
export const POSTGRES_POOL = {
  minConnections: 20,
  maxConnections: 100,
} as const;

/** Object storage: "Use multipart uploads for large files (>100MB)". */
export const MULTIPART_THRESHOLD_MEGABYTES = 100;
