// The component's defaults, pure (no provider SDK): the stack's schema and settings read them.
import { NEO4J_IMAGE } from "./image";
import { FIBER_DEFAULT_NODE } from "./names";

/**
 * Why one server: the Community Edition is "suitable for single-instance deployments", and the Enterprise Edition adds
 * "a clustering architecture and online backup functionality" (https://neo4j.com/docs/operations-manual/current/introduction/,
 * checked 2026-11-29; online backup: https://neo4j.com/docs/operations-manual/5/backup-restore/online-backup/).
 * Several Community pods on their own volumes would be independent databases, not replicas.
 */
export const COMMUNITY_SINGLE_INSTANCE = "Neo4j Community Edition runs one server: clustering and online backup need Enterprise Edition (https://neo4j.com/docs/operations-manual/current/introduction/)";

/** The arguments with a fixed default, and that default (each documented on Neo4jArgs, args.ts). */
export const NEO4J_DEFAULTS = {
  image: NEO4J_IMAGE,
  replicas: 1,
  volumeSizeGiB: 10,
  cpuMillis: 500,
  cpuLimitMillis: 2000,
  memoryMiB: 2048,
  nodeLabel: FIBER_DEFAULT_NODE,
} as const;

/**
 * The least memory (request = limit) a server gets, MiB: Neo4j's documented minimum, "Memory: 2GB minimum, 16GB or
 * more recommended" even for personal use and development
 * (https://neo4j.com/docs/operations-manual/current/installation/requirements/, checked 2026-11-29). Below it the
 * half-heap, quarter-page-cache split (config.ts memorySettings) leaves too little for AlwaysPreTouch, Netty's direct
 * buffers and metaspace, and the pod is OOM-killed.
 */
export const MIN_MEMORY_MIB = 2048;

/** Days of transaction logs the server keeps (crash recovery; not a backup). */
export const TX_LOG_RETENTION_DAYS = 2;
