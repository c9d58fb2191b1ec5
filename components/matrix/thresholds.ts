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

/** Unit of a threshold as people state it; alarms convert it once into the metric's CloudWatch unit. */
export type AlarmThresholdUnit = "milliseconds" | "seconds" | "microseconds" | "percent" | "count" | "bytes" | "gibibytes";

/**
 * Alarm levels the spec does not state but a platform team runs with. Kept beside the spec's table so every
 * alarm number lives in one module; `source` in the docs and alarm tags says which is which.
 */
export interface PlatformThreshold {
  readonly warning: number;
  readonly critical: number;
  readonly unit: AlarmThresholdUnit;
  /** "above": alarm when the metric exceeds the level; "below": when it falls under it. */
  readonly comparison: "above" | "below";
  /** Why this number. */
  readonly rationale: string;
}

export const PLATFORM_THRESHOLDS = {
  rdsCpuUtilization: { warning: 80, critical: 95, unit: "percent", comparison: "above", rationale: "sustained CPU saturation precedes latency breaches" },
  rdsFreeStoragePercent: { warning: 20, critical: 10, unit: "percent", comparison: "below", rationale: "share of allocated storage; autoscaling grows it at 10 % free, so critical means autoscaling is capped or stuck" },
  rdsFreeableMemoryPercent: { warning: 10, critical: 5, unit: "percent", comparison: "below", rationale: "share of instance memory; below it the engine swaps" },
  rdsReplicaLag: { warning: 30, critical: 300, unit: "seconds", comparison: "above", rationale: "replica reads older than this serve stale pipeline state" },
  rdsMaximumUsedTransactionIds: { warning: 1_000_000_000, critical: 1_500_000_000, unit: "count", comparison: "above", rationale: "wraparound shutdown at 2^31 (~2.1 billion); vacuum must freeze first" },
  rdsDiskQueueDepth: { warning: 20, critical: 64, unit: "count", comparison: "above", rationale: "queued I/O that gp3 baseline IOPS cannot drain" },
  docdbCpuUtilization: { warning: 80, critical: 95, unit: "percent", comparison: "above", rationale: "DocumentDB instance CPU: as RDS's, sustained saturation precedes latency breaches" },
  docdbFreeableMemoryPercent: { warning: 10, critical: 5, unit: "percent", comparison: "below", rationale: "share of the instance class's memory (components/documentdb/instance-classes.ts); below it the working set no longer fits the buffer cache and reads go to storage" },
  docdbConnectionsPercent: { warning: 80, critical: 95, unit: "percent", comparison: "above", rationale: "share of the instance class's connection limit (DocumentDB refuses connections past it); the matrix's pool levels (80/95) applied to DocumentDB's per-class limit" },
  docdbReplicaLag: { warning: 1_000, critical: 10_000, unit: "milliseconds", comparison: "above", rationale: "DocumentDB replicas share the cluster volume and normally lag well under 100 ms; a second means a replica is overloaded, and a failover to it would serve stale reads" },
  cacheEngineCpuUtilization: { warning: 70, critical: 90, unit: "percent", comparison: "above", rationale: "the engine thread is single-threaded: saturation means queueing" },
  cacheEvictions: { warning: 100, critical: 1_000, unit: "count", comparison: "above", rationale: "per period; keys with TTLs should expire before they are evicted" },
  cacheCurrConnections: { warning: 5_000, critical: 10_000, unit: "count", comparison: "above", rationale: "well under the 65,000 per-node limit; a leak shows long before" },
  cacheReplicationLag: { warning: 1, critical: 10, unit: "seconds", comparison: "above", rationale: "replicas serving reads must stay near-real-time" },
  memcacheCpuUtilization: { warning: 80, critical: 90, unit: "percent", comparison: "above", rationale: "Memcached is multi-threaded, so host CPU is the measure; AWS's guidance for Memcached nodes is to scale up or out past 90 %" },
  memcacheEvictions: { warning: 100, critical: 1_000, unit: "count", comparison: "above", rationale: "per period, per node: unexpired items pushed out for space mean the working set outgrew the cluster, and misses fall through to the database" },
  memcacheConnectionsPercent: { warning: 50, critical: 80, unit: "percent", comparison: "above", rationale: "share of max_simultaneous_connections (65,000 per node, fixed); Fiber's gomemcache client keeps 2 idle connections per server, so climbing toward the limit is a leak" },
  memcacheSwapUsage: { warning: 52_428_800, critical: 268_435_456, unit: "bytes", comparison: "above", rationale: "AWS: swap on a Memcached node should stay under 50 MB (warning); 256 MiB means the host pages cache memory and latency leaves the sub-millisecond range; raise memcached_connections_overhead or the node size" },
  s3ServerErrors: { warning: 5, critical: 50, unit: "count", comparison: "above", rationale: "5xx per period; the Fiber adapter retries, a burst means an outage" },
  s3ClientErrorRatePercent: { warning: 5, critical: 20, unit: "percent", comparison: "above", rationale: "4xx as a share of requests: denied or missing keys after a deploy" },
  s3ReplicationLatency: { warning: 900, critical: 3600, unit: "seconds", comparison: "above", rationale: "age of the oldest object not yet in the recovery Region's replica: 15 minutes is what S3 Replication Time Control promises for 99.99 % of objects (S3 User Guide, checked 2026-11-29), so past it the recovery point the README states is already missed; an hour means replication is stuck (role, key or bucket policy)" },
  s3ReplicationFailedOperations: { warning: 0, critical: 5, unit: "count", comparison: "above", rationale: "objects S3 gave up replicating in a period; S3 does not retry them (re-drive with S3 Batch Replication), so each one is a version missing from the recovery Region" },
  eventsFailedInvocations: { warning: 0, critical: 5, unit: "count", comparison: "above", rationale: "per period; every failed delivery is an event notification nobody received" },
  kvDiskUsedPercent: { warning: 60, critical: 75, unit: "percent", comparison: "above", rationale: "an LSM store reclaims space by writing before it deletes (compaction, value-log GC): past ~75 % a full rewrite no longer fits and the disk fills for good" },
  kvInodesFree: { warning: 50_000, critical: 10_000, unit: "count", comparison: "below", rationale: "free inodes on the KV volume; LSM files are MBs each, so running low means something else writes small files there" },
  kvSpaceAmplificationPercent: { warning: 200, critical: 300, unit: "percent", comparison: "above", rationale: "bytes on disk over live bytes: the LSM (or value log) grows while live data does not, i.e. compaction or GC is not reclaiming" },
  k8sVolumeUsedPercent: { warning: 75, critical: 90, unit: "percent", comparison: "above", rationale: "share of a Kubernetes workload's PersistentVolume in use (kubelet_volume_stats_*): the volume can be expanded online (the StorageClasses allow expansion), which takes minutes; at 90 % a write burst or compaction fills it first" },
  k8sPodRestarts: { warning: 2, critical: 5, unit: "count", comparison: "above", rationale: "container restarts of a Kubernetes storage server in the last hour (kube-state-metrics kube_pod_container_status_restarts_total): one restart is a node event or an upgrade, more mean a crash loop (out of memory, a corrupt volume, a bad certificate) and, for a single-replica server, an outage each time" },
  k8sBackupMissedRuns: { warning: 2, critical: 3, unit: "count", comparison: "above", rationale: "schedule intervals since a backup CronJob last succeeded (kube-state-metrics kube_cronjob_status_last_successful_time): one missed run can be a node drain, two in a row mean the newest restorable copy is older than the recovery point the schedule promises" },
  couchbaseBucketMemoryUsedPercent: { warning: 85, critical: 95, unit: "percent", comparison: "above", rationale: "a Couchbase bucket's memory use (kv_mem_used_bytes) as a share of its quota (kv_ep_max_size): 85 % is the bucket's default high watermark, where the server starts ejecting values to disk (CouchbaseBucket memoryHighWatermark default 85); at 95 % there is almost no room left and writes start failing with temporary out-of-memory errors the Fiber adapter returns to the caller" },
  couchbaseDiskQueueItems: { warning: 100_000, critical: 1_000_000, unit: "count", comparison: "above", rationale: "items in a Couchbase bucket's disk write queue on one server (kv_ep_diskqueue_items), held for 15 (5) minutes: the disk is not keeping up, writes live only in memory (lost with the node when there are no replicas) and the server eventually throttles clients; a healthy queue drains to near zero between bursts" },
  couchbaseReplicationBacklogItems: { warning: 10_000, critical: 100_000, unit: "count", comparison: "above", rationale: "items a Couchbase server has not yet sent to its bucket's replicas (kv_dcp_items_remaining, connection_type replication), held for 15 (5) minutes: a failover would lose them, and durable (majority) writes wait on the same streams" },
  clickhouseReplicaDelaySeconds: { warning: 60, critical: 300, unit: "seconds", comparison: "above", rationale: "how far the most lagging ReplicatedMergeTree table of a ClickHouse replica is behind (ReplicasMaxAbsoluteDelay, exported by the Altinity operator as chi_clickhouse_metric_ReplicasMaxAbsoluteDelay): the operator's own rule fires at 300 s (deploy/prometheus/prometheus-alert-rules-clickhouse.yaml, read 2026-11-29); a Fiber read through the one Service may land on the lagging replica and miss a key written a minute ago, so a minute is worth a look" },
  clickhousePartsPerPartition: { warning: 1000, critical: 2400, unit: "count", comparison: "above", rationale: "active parts in the busiest partition of a ClickHouse MergeTree table (MaxPartCountForPartition): at parts_to_delay_insert (default 1000) inserts are slowed, at parts_to_throw_insert (default 3000) they are refused with TOO_MANY_PARTS (https://clickhouse.com/docs/operations/settings/merge-tree-settings, checked 2026-11-29); the Fiber adapter inserts one row per Set, so merges falling behind show here first; critical at 80 % of the refusal level" },
  natsJetStreamStorageUsedPercent: { warning: 75, critical: 90, unit: "percent", comparison: "above", rationale: "bytes a NATS server's JetStream stores as a share of its max_file_store (prometheus-nats-exporter jetstream_server_total_message_bytes / jetstream_server_max_storage): at the limit JetStream refuses new messages, so the Fiber adapter's Set fails; the KV bucket keeps expired keys until they are read (the adapter deletes on read), so growth does not stop by itself; the same levels as k8sVolumeUsedPercent, whose volume sits 20 % above the limit" },
  natsSlowConsumers: { warning: 0, critical: 10, unit: "count", comparison: "above", rationale: "clients a NATS server disconnected as slow consumers in 5 minutes (gnatsd_varz_slow_consumers): each one is a client whose pending data outgrew the server's buffer and was dropped, so any at all is worth a look and ten in 5 minutes means an overloaded consumer or server" },
  keyspacesThrottleEvents: { warning: 10, critical: 100, unit: "count", comparison: "above", rationale: "Amazon Keyspaces read or write throttle events per period on an on-demand table: on-demand absorbs up to twice the previous peak at once, so throttles mean a step beyond that or a hot partition (per-partition limits); the driver retries a few (MaxRetries 3), a hundred a period reach users" },
  keyspacesSystemErrors: { warning: 0, critical: 10, unit: "count", comparison: "above", rationale: "Amazon Keyspaces ServerErrors per period: the service's own failures, never the client's; the driver retries single ones, so any in two of three periods is worth a look and ten a period is an outage" },
  dynamodbRequestLatency: { warning: 10, critical: 25, unit: "milliseconds", comparison: "above", rationale: "DynamoDB's average server-side latency of one operation on the Fiber table (SuccessfulRequestLatency documents no percentiles, so not p95): AWS designs DynamoDB for single-digit milliseconds, so an average past 10 ms is outside its normal range and 25 ms is a service-side slowdown every request feels; the matrix row gives no latency to derive from" },
  dynamodbThrottleEvents: { warning: 10, critical: 100, unit: "count", comparison: "above", rationale: "read or write throttle events per period on the on-demand Fiber table: on-demand absorbs up to twice the previous peak at once, so throttles mean a step beyond that, a hot key (per-partition limits) or the configured on-demand cap; the adapter's SDK retries (MaxAttempts 3), a hundred a period reach users" },
  dynamodbSystemErrors: { warning: 0, critical: 10, unit: "count", comparison: "above", rationale: "DynamoDB SystemErrors (HTTP 500) per period and operation: the service's own failures, never the client's; the SDK retries single ones, so any in two of three periods is worth a look and ten a period is an outage" },
  etcdDbQuotaUsedPercent: { warning: 70, critical: 85, unit: "percent", comparison: "above", rationale: "an etcd member's database file as a share of its backend quota (etcd_mvcc_db_total_size_in_bytes / etcd_server_quota_backend_bytes): at 100 % etcd raises the NOSPACE alarm and refuses every write until the keyspace is compacted, defragmented and the alarm disarmed (https://etcd.io/docs/v3.6/op-guide/maintenance/#space-quota); the daily defragmentation gives back what hourly compaction frees, so 70 % means live data grows toward the quota and 85 % leaves one burst before writes stop" },
  etcdLeaderChanges: { warning: 3, critical: 6, unit: "count", comparison: "above", rationale: "leader changes an etcd member saw in the last hour (etcd_server_leader_changes_seen_total): a rolling restart of three members causes up to three; more mean members miss heartbeats (slow disk, CPU throttling, network) and every change stalls writes for an election timeout" },
  etcdProposalsFailed: { warning: 5, critical: 50, unit: "count", comparison: "above", rationale: "raft proposals an etcd member saw fail in 15 minutes (etcd_server_proposals_failed_total): failures come from leader elections and lost quorum, so a few around a restart are normal and fifty mean writes are being refused" },
  cloudflareKvLatency: { warning: 300, critical: 1_000, unit: "milliseconds", comparison: "above", rationale: "p95 of the application's storage/cloudflarekv calls (Sparki/CloudflareKV OperationLatency): each is an HTTPS request from AWS to Cloudflare's REST API, not a Worker binding, so an internet round trip to the API's central store; the matrix row (Distributed Cache, edge caching) gives no figure. 300 ms is several round trips slower than usual; at 1 s a cache read costs more than the database read it saves" },
  cloudflareKvErrors: { warning: 0, critical: 20, unit: "count", comparison: "above", rationale: "failed storage/cloudflarekv calls per period (Sparki/CloudflareKV OperationErrors; the adapter does not retry). An expired token, a token used from an address outside its client ranges, or a rate limit fails every call with a 4xx: any error is worth a look, twenty per period is an outage of the cache. A Get of a missing key is a miss, not an error (the application must not count the adapter's 404)" },
  firestoreRequestLatencyP95: { warning: 100, critical: 250, unit: "milliseconds", comparison: "above", rationale: "p95 of Firestore's own request latency on the Fiber database (firestore.googleapis.com/api/request_latencies, measured at Google's frontend): the adapter's single-document get, set and delete normally take tens of milliseconds there, so 100 ms means the database is slowing down and 250 ms is felt on every request, before the AWS-to-Google round trip this metric does not include; the matrix row \"Google Cloud only\" gives no latency to derive from" },
  firestoreServerErrors: { warning: 0, critical: 10, unit: "count", comparison: "above", rationale: "Firestore API requests on the Fiber database answered INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED or UNKNOWN per 5 minutes (firestore.googleapis.com/api/request_count by response_code): the service's own failures, never the client's; the Go client retries single ones, so any is worth a look and ten in 5 minutes reach users" },
  azureBlobAvailabilityPercent: { warning: 99.9, critical: 99, unit: "percent", comparison: "below", rationale: "Azure Monitor Availability of the Fiber storage account (Microsoft.Storage/storageAccounts, percent of requests that succeeded, averaged over the window; no data, no alert): the Azure Storage SLA promises 99.9 % of requests to LRS and ZRS hot-tier accounts and credits 10 % below it and 25 % below 99 % (Service Level Agreements for Online Services, https://www.microsoft.com/licensing/docs/view/Service-Level-Agreements-SLA-for-Online-Services, checked 2026-11-29; credit tiers from memory, unverified), so warning at the SLA and critical at its second credit tier" },
  auditArchiveDataFreshness: { warning: 1_800, critical: 7_200, unit: "seconds", comparison: "above", rationale: "age of the oldest audit record Firehose has not yet written to the archive bucket (DeliveryToS3.DataFreshness): a healthy stream delivers within its buffer interval (at most 900 s, the Firehose maximum), so 30 minutes means S3 delivery has been failing for a quarter of an hour; Firehose retries S3 for 24 hours and then drops the data, so 2 hours pages with 22 hours left to repair (components/audit-archive)" },
  auditArchiveDeliveryErrors: { warning: 0, critical: 100, unit: "count", comparison: "above", rationale: "audit log events CloudWatch Logs failed to forward to the archive stream per period (AWS/Logs DeliveryErrors of the subscription): each one is an audit event not on its way to the Object Lock bucket; they stay in the source log group for its retention and can be exported from there, so any is worth a look and a hundred a period means the stream or its role is broken (components/audit-archive)" },
} as const satisfies Record<string, PlatformThreshold>;

export type PlatformThresholdKey = keyof typeof PLATFORM_THRESHOLDS;
