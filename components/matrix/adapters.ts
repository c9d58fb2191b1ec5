import type { AdapterRow } from "./types";

/**
 * Every adapter row of the integration matrix (shared/spec/storage-adapters-integration-matrix.txt, v1.0).
 * Ranges transcribe the spec: "10K+ qps" is { min: 10000 }, "5-20ms" is { min: 5, max: 20 }, "<1ms" is { min: 0, max: 1 }.
 */
const MEASURED = [
  // Primary adapters (in production)
  {
    key: "postgres", name: "PostgreSQL", tier: "primary", kind: "Relational DB",
    latencyMs: { min: 5, max: 20 }, throughputOpsPerSecond: { min: 10_000 }, durabilityPercent: 99.99,
    useCases: "Primary data store (users, projects, pipelines, builds, deployments)", priority: "P0",
    fiberPackages: ["storage/postgres"],
  },
  {
    key: "redis", name: "Redis", tier: "primary", kind: "In-Memory Cache",
    latencyMs: { min: 0, max: 1 }, throughputOpsPerSecond: { min: 100_000 }, durabilityPercent: 99.9,
    useCases: "Session caching, permission cache, build logs, rate limiting", priority: "P0",
    fiberPackages: ["storage/redis", "storage/valkey"],
  },
  {
    key: "s3", name: "S3 (AWS)", tier: "primary", kind: "Object Storage",
    latencyMs: { min: 50, max: 200 }, throughputOpsPerSecond: "unlimited", durabilityPercent: 99.999999,
    useCases: "Build artifacts, deployment logs, long-term storage", priority: "P0",
    fiberPackages: ["storage/s3", "storage/minio"],
  },
  {
    key: "badger", name: "Badger", tier: "primary", kind: "Embedded KV",
    latencyMs: { min: 1, max: 5 }, throughputOpsPerSecond: { min: 100_000 }, durabilityPercent: 99,
    useCases: "Local build state, temporary caching (edge deployments)", priority: "P1",
    fiberPackages: ["storage/badger"],
  },
  // Secondary adapters (extended support)
  {
    key: "mongodb", name: "MongoDB", tier: "secondary", kind: "Document DB",
    latencyMs: { min: 5, max: 15 }, throughputOpsPerSecond: { min: 10_000 },
    useCases: "Alternative: build metadata, pipeline configs", priority: "P2", fiberPackages: ["storage/mongodb"],
  },
  {
    key: "surrealdb", name: "SurrealDB", tier: "secondary", kind: "Multi-model",
    latencyMs: { min: 10, max: 30 }, throughputOpsPerSecond: { min: 5_000 },
    useCases: "Time-series metrics, real-time collaboration", priority: "P2", fiberPackages: ["storage/surrealdb"],
  },
  {
    key: "memcache", name: "Memcache", tier: "secondary", kind: "Cache",
    latencyMs: { min: 0, max: 1 }, throughputOpsPerSecond: { min: 10_000 },
    useCases: "High-performance distributed caching", priority: "P2", fiberPackages: ["storage/memcache"],
  },
  {
    key: "cassandra", name: "Cassandra", tier: "secondary", kind: "Distributed DB",
    latencyMs: { min: 10, max: 50 }, throughputOpsPerSecond: { min: 100_000 },
    useCases: "Audit logs at massive scale", priority: "P3", fiberPackages: ["storage/cassandra"],
  },
  {
    key: "arangodb", name: "ArangoDB", tier: "secondary", kind: "Graph DB",
    latencyMs: { min: 10, max: 30 }, throughputOpsPerSecond: { min: 5_000 },
    useCases: "Workflow dependency graphs, relationship queries", priority: "P3", fiberPackages: ["storage/arangodb"],
  },
  {
    key: "minio", name: "MinIO", tier: "secondary", kind: "S3-Compatible",
    latencyMs: { min: 50, max: 100 }, throughputOpsPerSecond: "unlimited",
    useCases: "Self-hosted S3 alternative", priority: "P1", fiberPackages: ["storage/minio"],
  },
] as const satisfies readonly AdapterRow[];

/** Supported but not primary: the spec gives a rationale instead of numbers. [key, name, type, rationale, Fiber package] */
const SUPPORTED = [
  ["mysql", "MySQL", "Relational", "PostgreSQL preferred for performance", "storage/mysql"],
  ["mssql", "MSSQL", "Relational", "Enterprise option if required", "storage/mssql"],
  ["dynamodb", "DynamoDB", "NoSQL", "AWS-only, higher costs", "storage/dynamodb"],
  ["firestore", "Firestore", "NoSQL", "Google Cloud only", "storage/firestore"],
  ["couchbase", "Couchbase", "Document DB", "Enterprise option", "storage/couchbase"],
  ["neo4j", "Neo4j", "Graph DB", "Specialized use case", "storage/neo4j"],
  ["etcd", "Etcd", "Key-Value", "Kubernetes configuration only", "storage/etcd"],
  ["leveldb", "LevelDB", "Embedded KV", "Single-instance limitation", "storage/leveldb"],
  ["pebble", "Pebble", "Embedded KV", "Go-native alternative to Badger", "storage/pebble"],
  ["nats", "Nats", "Message Queue", "Event streaming (future)", "storage/nats"],
  ["clickhouse", "Clickhouse", "Analytics DB", "Time-series/analytics (future)", "storage/clickhouse"],
  // The spec lists SurrealDB twice (secondary and here); the key keeps both rows distinct.
  ["surrealdb-future", "SurrealDB", "Multi-model", "Future real-time collaboration", "storage/surrealdb"],
  ["azureblob", "Azure Blob", "Object Storage", "Multi-cloud option", "storage/azureblob"],
  ["cloudflarekv", "Cloudflare KV", "Distributed Cache", "Edge caching (future)", "storage/cloudflarekv"],
] as const satisfies ReadonlyArray<readonly [string, string, string, string, string]>;

/** Key of a row of the matrix: a typo in a stack adapter's `key` does not compile. */
export type MatrixAdapterKey = (typeof MEASURED)[number]["key"] | (typeof SUPPORTED)[number][0];

export const ADAPTERS: readonly AdapterRow[] = [
  ...MEASURED,
  ...SUPPORTED.map(([key, name, kind, rationale, fiberPackage]): AdapterRow => ({
    key, name, tier: "supported", kind, useCases: rationale, fiberPackages: [fiberPackage],
  })),
];

export function adapter(key: MatrixAdapterKey): AdapterRow {
  const row = ADAPTERS.find((a) => a.key === key);
  if (!row) throw new Error(`unknown matrix adapter "${key}"`);
  return row;
}
