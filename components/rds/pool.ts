import { POSTGRES_POOL } from "../matrix";

/** RDS Proxy connection-pool settings, which RDS expresses as percentages of the target's `max_connections`. */
export interface ProxyPool {
  /** `maxConnectionsPercent` of the default target group, percent of max_connections. */
  readonly maxConnectionsPercent: number;
  /** `maxIdleConnectionsPercent`, percent of max_connections; at most maxConnectionsPercent. */
  readonly maxIdleConnectionsPercent: number;
  /** Connections the proxy may open at most: what pool-usage alarms measure against, connections. */
  readonly poolSize: number;
}

/**
 * The matrix pools 20-100 connections, at most 100. Percentages round down for the ceiling, so the proxy
 * never opens more than the matrix maximum, and up for the idle floor, so it keeps at least the matrix minimum
 * warm (never more than the ceiling).
 */
export function proxyPool(maxConnections: number, pool: { readonly minConnections: number; readonly maxConnections: number } = POSTGRES_POOL): ProxyPool {
  if (!Number.isInteger(maxConnections) || maxConnections < pool.maxConnections) {
    throw new Error(`max_connections (${maxConnections}) must be an integer of at least the pool size (${pool.maxConnections})`);
  }
  const maxConnectionsPercent = Math.floor((pool.maxConnections * 100) / maxConnections);
  if (maxConnectionsPercent < 1) {
    throw new Error(`max_connections (${maxConnections}) is so large that 1 % of it exceeds the pool size (${pool.maxConnections})`);
  }
  const maxIdleConnectionsPercent = Math.min(maxConnectionsPercent, Math.ceil((pool.minConnections * 100) / maxConnections));
  return { maxConnectionsPercent, maxIdleConnectionsPercent, poolSize: Math.floor((maxConnections * maxConnectionsPercent) / 100) };
}
