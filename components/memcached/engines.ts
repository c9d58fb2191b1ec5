import { NODE_TYPE_FAMILIES } from "../redis/node-types";

/**
 * Memcached versions this stack creates, each with the parameter group family it needs (ElastiCache refuses a
 * cluster whose parameter group is of another family). All are 1.6.x, family `memcached1.6`; 1.6.12 is the first
 * with in-transit encryption (unused here: see MEMCACHE_PLAINTEXT_EXCEPTION). Older 1.5/1.4 are left out on purpose.
 * Source: ElastiCache for Memcached User Guide, "Supported ElastiCache for Memcached versions"
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/mem-ug/supported-engine-versions-mc.html, read 2026-11-29).
 */
export const MEMCACHED_ENGINE_VERSIONS: Readonly<Record<string, string>> = {
  "1.6.22": "memcached1.6",
  "1.6.17": "memcached1.6",
  "1.6.12": "memcached1.6",
};
export const MEMCACHED_VERSIONS_SOURCE = "ElastiCache for Memcached User Guide, \"Supported ElastiCache for Memcached versions\"";

/** The newest version ElastiCache offers for Memcached (read 2026-11-29). */
export const DEFAULT_MEMCACHED_VERSION = "1.6.22";

/** The parameter group family of a version, or undefined for a version the table does not list. */
export function memcachedParameterFamily(engineVersion: string): string | undefined {
  return MEMCACHED_ENGINE_VERSIONS[engineVersion];
}

/** What is wrong with a version (phrased to follow its name), or undefined. */
export function memcachedVersionProblem(engineVersion: string): string | undefined {
  if (memcachedParameterFamily(engineVersion) !== undefined) return undefined;
  return `must be one of ${Object.keys(MEMCACHED_ENGINE_VERSIONS).map((v) => `"${v}"`).join(", ")} (parameter group family memcached1.6; ${MEMCACHED_VERSIONS_SOURCE})`;
}

/**
 * Node type families ElastiCache lists for Memcached that this stack creates (ElastiCache for Memcached User Guide,
 * "Supported node types", read 2026-11-29: M6g, M5, T4g, T3, T2, R6g, R5 current generation; M6g/R6g/T4g need
 * Memcached 1.5.16+, which every listed version is). M7g/R7g are listed for Valkey/Redis OSS but were not found on the
 * Memcached page: left out until verified. Previous generations (T1, M1-M4, R3, R4, C1) are refused.
 */
export const MEMCACHED_NODE_FAMILIES = ["t2", "t3", "t4g", "m5", "m6g", "r5", "r6g"] as const;
export const MEMCACHED_NODE_TYPES_SOURCE = "ElastiCache for Memcached User Guide, \"Supported node types\"";

/** Memory of one node of a listed Memcached node type, GiB (the same EC2 sizes as components/redis/node-types.ts); undefined otherwise. */
export function memcachedNodeMemoryGiB(nodeType: string): number | undefined {
  const match = /^cache\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(nodeType);
  if (!match || !(MEMCACHED_NODE_FAMILIES as readonly string[]).includes(match[1])) return undefined;
  return NODE_TYPE_FAMILIES[match[1]]?.memoryGiB[match[2]];
}

/** What is wrong with a node type for Memcached (phrased to follow its name), or undefined. */
export function memcachedNodeTypeProblem(nodeType: string): string | undefined {
  if (memcachedNodeMemoryGiB(nodeType) !== undefined) return undefined;
  const sizes = MEMCACHED_NODE_FAMILIES.map((f) => `${f} (${Object.keys(NODE_TYPE_FAMILIES[f].memoryGiB).join(", ")})`).join("; ");
  return `must be a current-generation Memcached node type cache.<family>.<size>: ${sizes} (${MEMCACHED_NODE_TYPES_SOURCE})`;
}

/**
 * Nodes in one Memcached cluster: 1..40 (CreateCacheCluster, NumCacheNodes: "For clusters running Memcached, this
 * value must be between 1 and 40"; more needs a limit increase). ElastiCache API Reference, read 2026-11-29.
 */
export const MAX_MEMCACHED_NODES = 40;
export const MAX_MEMCACHED_NODES_SOURCE = "ElastiCache API Reference, CreateCacheCluster, NumCacheNodes";

/**
 * `max_simultaneous_connections`: 65,000 per node, a fixed (not modifiable) Memcached parameter ("Memcached 1.4.5
 * supported parameters", ElastiCache for Memcached User Guide; the value is from that table, its "Modifiable: No"
 * not re-read on 2026-11-29). The connection alarm is a share of it.
 */
export const MEMCACHED_MAX_CONNECTIONS = 65_000;
