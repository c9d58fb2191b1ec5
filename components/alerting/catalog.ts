import type * as pulumi from "@pulumi/pulumi";

/** Units CloudWatch reports these metrics in. Alarm thresholds must be in the same unit. */
export type CloudWatchUnit = "seconds" | "milliseconds" | "microseconds" | "percent" | "bytes" | "count";

/** How an alarm treats periods without data. */
export type MissingData = "notBreaching" | "breaching" | "ignore" | "missing";

export interface MetricDefinition {
  /** CloudWatch namespace, e.g. `AWS/RDS`. No default. */
  readonly namespace: string;
  /** CloudWatch metric name, e.g. `ReadLatency`. No default. */
  readonly metricName: string;
  /** Dimension keys, exactly as CloudWatch publishes them (a different set is a different metric). No default. */
  readonly dimensions: readonly string[];
  /** Unit CloudWatch reports the metric in; alarm levels are converted into it. No default. */
  readonly unit: CloudWatchUnit;
  /** Percentile statistics (p95) are available; otherwise alarms use a plain statistic. No default. */
  readonly percentiles: boolean;
  /** Statistic for alarms that are not percentiles. No default. */
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum";
  /** Missing-data treatment (see {@link METRICS} for why per kind of metric). No default. */
  readonly missingData: MissingData;
  /** AWS documentation page the unit and dimensions were checked against. No default. */
  readonly source: string;
  /**
   * The shortest period the metric can be judged on, in seconds, when the service publishes it less often than the
   * critical alarm's one-minute periods would need (default: each severity's own period).
   */
  readonly minimumPeriodSeconds?: number;
}

const RDS_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html";
const PROXY_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.monitoring.html";
const CACHE_DOC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html";
const EVENTS_DOC = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html";
const CW_AGENT_DOC = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/metrics-collected-by-CloudWatch-agent.html";
const S3_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html";

/**
 * Every CloudWatch metric the stack alarms on or graphs. Alarm code names entries by key, so a misspelt metric,
 * namespace or dimension does not compile.
 *
 * Missing data: latency and utilisation are `notBreaching` (an idle node publishes nothing and is healthy);
 * error counts are `notBreaching` (no requests, no errors); RDS free storage, free memory and replica lag are
 * `missing` (the alarm keeps its state): an instance being created, or a dev instance that is stopped, publishes
 * nothing, and `breaching` would page for it (CloudWatch User Guide, "Configuring how CloudWatch alarms treat
 * missing data"). No metric here is `breaching`: silence from a failed instance is reported by the RDS failure
 * and failover events, which page on their own (components/rds/events.ts).
 */
export const METRICS = {
  // AWS/RDS, per DB instance (RDS_DOC: "Amazon CloudWatch metrics for Amazon RDS").
  rdsReadLatency: { namespace: "AWS/RDS", metricName: "ReadLatency", dimensions: ["DBInstanceIdentifier"], unit: "seconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: RDS_DOC },
  rdsWriteLatency: { namespace: "AWS/RDS", metricName: "WriteLatency", dimensions: ["DBInstanceIdentifier"], unit: "seconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: RDS_DOC },
  rdsReplicaLag: { namespace: "AWS/RDS", metricName: "ReplicaLag", dimensions: ["DBInstanceIdentifier"], unit: "seconds", percentiles: false, statistic: "Maximum", missingData: "missing", source: RDS_DOC },
  rdsCpuUtilization: { namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: ["DBInstanceIdentifier"], unit: "percent", percentiles: false, statistic: "Average", missingData: "notBreaching", source: RDS_DOC },
  rdsFreeStorageSpace: { namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: ["DBInstanceIdentifier"], unit: "bytes", percentiles: false, statistic: "Minimum", missingData: "missing", source: RDS_DOC },
  rdsFreeableMemory: { namespace: "AWS/RDS", metricName: "FreeableMemory", dimensions: ["DBInstanceIdentifier"], unit: "bytes", percentiles: false, statistic: "Minimum", missingData: "missing", source: RDS_DOC },
  rdsDiskQueueDepth: { namespace: "AWS/RDS", metricName: "DiskQueueDepth", dimensions: ["DBInstanceIdentifier"], unit: "count", percentiles: false, statistic: "Average", missingData: "notBreaching", source: RDS_DOC },
  rdsDatabaseConnections: { namespace: "AWS/RDS", metricName: "DatabaseConnections", dimensions: ["DBInstanceIdentifier"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: RDS_DOC },
  rdsMaximumUsedTransactionIds: { namespace: "AWS/RDS", metricName: "MaximumUsedTransactionIDs", dimensions: ["DBInstanceIdentifier"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: RDS_DOC },
  // AWS/DocDB, per instance (DBInstanceIdentifier), Amazon DocumentDB Developer Guide "Monitoring Amazon DocumentDB with
  // CloudWatch" (https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html, read 2026-11-29; units of
  // ReadLatency/WriteLatency and DBInstanceReplicaLag as milliseconds and percentile support not re-read: unverified).
  // Free memory and replica lag are `missing` like RDS's: an instance being created publishes nothing.
  docdbCpuUtilization: { namespace: "AWS/DocDB", metricName: "CPUUtilization", dimensions: ["DBInstanceIdentifier"], unit: "percent", percentiles: false, statistic: "Average", missingData: "notBreaching", source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html" },
  docdbFreeableMemory: { namespace: "AWS/DocDB", metricName: "FreeableMemory", dimensions: ["DBInstanceIdentifier"], unit: "bytes", percentiles: false, statistic: "Minimum", missingData: "missing", source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html" },
  docdbDatabaseConnections: { namespace: "AWS/DocDB", metricName: "DatabaseConnectionsMax", dimensions: ["DBInstanceIdentifier"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html" },
  docdbReplicaLag: { namespace: "AWS/DocDB", metricName: "DBInstanceReplicaLag", dimensions: ["DBInstanceIdentifier"], unit: "milliseconds", percentiles: false, statistic: "Maximum", missingData: "missing", source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html" },
  docdbReadLatency: { namespace: "AWS/DocDB", metricName: "ReadLatency", dimensions: ["DBInstanceIdentifier"], unit: "milliseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html" },
  docdbWriteLatency: { namespace: "AWS/DocDB", metricName: "WriteLatency", dimensions: ["DBInstanceIdentifier"], unit: "milliseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html" },
  // RDS Proxy, namespace AWS/RDS (PROXY_DOC: dimension sets ProxyName; ProxyName+TargetGroup+Target; ProxyName+TargetGroup+TargetRole).
  proxyClientConnections: { namespace: "AWS/RDS", metricName: "ClientConnections", dimensions: ["ProxyName"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: PROXY_DOC },
  proxyDatabaseConnections: { namespace: "AWS/RDS", metricName: "DatabaseConnections", dimensions: ["ProxyName", "TargetGroup", "TargetRole"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: PROXY_DOC },
  proxyDatabaseConnectionsBorrowed: { namespace: "AWS/RDS", metricName: "DatabaseConnectionsCurrentlyBorrowed", dimensions: ["ProxyName", "TargetGroup", "TargetRole"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: PROXY_DOC },
  // AWS/ElastiCache, per node: each member cluster of a replication group holds one node (CACHE_DOC).
  cacheReadLatency: { namespace: "AWS/ElastiCache", metricName: "SuccessfulReadRequestLatency", dimensions: ["CacheClusterId"], unit: "microseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: CACHE_DOC },
  cacheWriteLatency: { namespace: "AWS/ElastiCache", metricName: "SuccessfulWriteRequestLatency", dimensions: ["CacheClusterId"], unit: "microseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: CACHE_DOC },
  cacheMemoryUsage: { namespace: "AWS/ElastiCache", metricName: "DatabaseMemoryUsagePercentage", dimensions: ["CacheClusterId"], unit: "percent", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: CACHE_DOC },
  cacheEngineCpuUtilization: { namespace: "AWS/ElastiCache", metricName: "EngineCPUUtilization", dimensions: ["CacheClusterId"], unit: "percent", percentiles: false, statistic: "Average", missingData: "notBreaching", source: CACHE_DOC },
  cacheEvictions: { namespace: "AWS/ElastiCache", metricName: "Evictions", dimensions: ["CacheClusterId"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: CACHE_DOC },
  cacheCurrConnections: { namespace: "AWS/ElastiCache", metricName: "CurrConnections", dimensions: ["CacheClusterId"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: CACHE_DOC },
  cacheReplicationLag: { namespace: "AWS/ElastiCache", metricName: "ReplicationLag", dimensions: ["CacheClusterId"], unit: "seconds", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: CACHE_DOC },
  // AWS/ElastiCache, Memcached: per node of a cache cluster (dimensions CacheClusterId + CacheNodeId). Host-level metrics
  // (CPUUtilization, FreeableMemory, SwapUsage): CacheMetrics.HostLevel.html; engine metrics: CacheMetrics.Memcached.html.
  // An idle or newly created node publishes nothing and is healthy: notBreaching throughout.
  memcacheCpuUtilization: { namespace: "AWS/ElastiCache", metricName: "CPUUtilization", dimensions: ["CacheClusterId", "CacheNodeId"], unit: "percent", percentiles: false, statistic: "Average", missingData: "notBreaching", source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.HostLevel.html" },
  memcacheSwapUsage: { namespace: "AWS/ElastiCache", metricName: "SwapUsage", dimensions: ["CacheClusterId", "CacheNodeId"], unit: "bytes", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.HostLevel.html" },
  memcacheEvictions: { namespace: "AWS/ElastiCache", metricName: "Evictions", dimensions: ["CacheClusterId", "CacheNodeId"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Memcached.html" },
  memcacheCurrConnections: { namespace: "AWS/ElastiCache", metricName: "CurrConnections", dimensions: ["CacheClusterId", "CacheNodeId"], unit: "count", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Memcached.html" },
  // Sparki/Memcache: ElastiCache publishes no latency for node-based Memcached (SuccessfulRead/WriteRequestLatency are
  // serverless-only); the application times its storage calls and publishes this (components/memcached/metrics.ts).
  memcacheOperationLatency: { namespace: "Sparki/Memcache", metricName: "OperationLatency", dimensions: ["CacheClusterId"], unit: "milliseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: "components/memcached/metrics.ts (published by the application)" },
  // AWS/S3 request metrics: published only for a bucket metrics configuration, under its FilterId (S3_DOC).
  s3ClientErrors: { namespace: "AWS/S3", metricName: "4xxErrors", dimensions: ["BucketName", "FilterId"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: S3_DOC },
  s3ServerErrors: { namespace: "AWS/S3", metricName: "5xxErrors", dimensions: ["BucketName", "FilterId"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: S3_DOC },
  s3AllRequests: { namespace: "AWS/S3", metricName: "AllRequests", dimensions: ["BucketName", "FilterId"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: S3_DOC },
  s3FirstByteLatency: { namespace: "AWS/S3", metricName: "FirstByteLatency", dimensions: ["BucketName", "FilterId"], unit: "milliseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: S3_DOC },
  // AWS/S3 replication metrics: published in the source bucket's Region for a replication rule with metrics (or RTC) on,
  // per source bucket, destination bucket and rule (S3 User Guide, "Monitoring progress with replication metrics",
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html, checked 2026-11-29). No replication going
  // on publishes nothing, which is healthy.
  s3ReplicationLatency: { namespace: "AWS/S3", metricName: "ReplicationLatency", dimensions: ["SourceBucket", "DestinationBucket", "RuleId"], unit: "seconds", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html" },
  s3ReplicationFailedOperations: { namespace: "AWS/S3", metricName: "OperationsFailedReplication", dimensions: ["SourceBucket", "DestinationBucket", "RuleId"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html" },
  // AWS/Events, per rule: deliveries to a target that failed for good (EVENTS_DOC).
  eventsFailedInvocations: { namespace: "AWS/Events", metricName: "FailedInvocations", dimensions: ["RuleName"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: EVENTS_DOC },
  // Sparki/EmbeddedKV: the deployment agents' KV volumes (components/embedded-kv/metrics.ts documents each). No agent
  // publishing yet is healthy, not breaching. disk_* are the CloudWatch agent's disk plugin (CW_AGENT_DOC).
  kvDiskUsedPercent: { namespace: "Sparki/EmbeddedKV", metricName: "disk_used_percent", dimensions: ["InstanceId", "path", "fstype"], unit: "percent", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: CW_AGENT_DOC },
  kvInodesFree: { namespace: "Sparki/EmbeddedKV", metricName: "disk_inodes_free", dimensions: ["InstanceId", "path", "fstype"], unit: "count", percentiles: false, statistic: "Minimum", missingData: "notBreaching", source: CW_AGENT_DOC },
  kvSpaceAmplificationPercent: { namespace: "Sparki/EmbeddedKV", metricName: "SpaceAmplificationPercent", dimensions: ["Engine", "InstanceId"], unit: "percent", percentiles: false, statistic: "Maximum", missingData: "notBreaching", source: "components/embedded-kv/metrics.ts (published by the agent)" },
  kvOperationLatency: { namespace: "Sparki/EmbeddedKV", metricName: "OperationLatency", dimensions: ["Engine"], unit: "milliseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: "components/embedded-kv/metrics.ts (published by the agent)" },
  // AWS/Cassandra (Amazon Keyspaces), per table and CQL operation, every minute (Keyspaces Developer Guide, "Amazon Keyspaces
  // metrics and dimensions", https://docs.aws.amazon.com/keyspaces/latest/devguide/metrics-dimensions.html, read 2026-11-29):
  // latency in milliseconds, error and throttle events in counts. No traffic (a fresh deploy) publishes nothing: not breaching.
  // SuccessfulRequestLatency: no Keyspaces page read lists a percentile among its statistics, and CloudWatch computes
  // percentiles only from raw values or statistic sets with SampleCount 1 or Min = Max (GetMetricStatistics): Average.
  keyspacesLatency: { namespace: "AWS/Cassandra", metricName: "SuccessfulRequestLatency", dimensions: ["Keyspace", "TableName", "Operation"], unit: "milliseconds", percentiles: false, statistic: "Average", missingData: "notBreaching", source: "https://docs.aws.amazon.com/keyspaces/latest/devguide/metrics-dimensions.html" },
  keyspacesSystemErrors: { namespace: "AWS/Cassandra", metricName: "SystemErrors", dimensions: ["Keyspace", "TableName", "Operation"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/keyspaces/latest/devguide/metrics-dimensions.html" },
  keyspacesUserErrors: { namespace: "AWS/Cassandra", metricName: "UserErrors", dimensions: ["Keyspace", "TableName", "Operation"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/keyspaces/latest/devguide/metrics-dimensions.html" },
  keyspacesReadThrottleEvents: { namespace: "AWS/Cassandra", metricName: "ReadThrottleEvents", dimensions: ["Keyspace", "TableName", "Operation"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/keyspaces/latest/devguide/metrics-dimensions.html" },
  keyspacesWriteThrottleEvents: { namespace: "AWS/Cassandra", metricName: "WriteThrottleEvents", dimensions: ["Keyspace", "TableName", "Operation"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/keyspaces/latest/devguide/metrics-dimensions.html" },
  // Capacity events of on-demand tables that are not Read/WriteThrottleEvents (Keyspaces Developer Guide, "Troubleshooting
  // capacity management errors"). Their DIMENSIONS ARE NOT VERIFIED: the AWS per-metric text could not be read; the
  // list below is third-party (Dynatrace's AWS/Cassandra metric ids "...By.Keyspace.Operation.TableName"). The alarms
  // (components/keyspaces/alarms.ts) therefore query them with no dimension filter, over the account and region.
  keyspacesStoragePartitionThroughputCapacityExceeded: { namespace: "AWS/Cassandra", metricName: "StoragePartitionThroughputCapacityExceeded", dimensions: ["Keyspace", "TableName", "Operation"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/keyspaces/latest/devguide/troubleshooting.serverless.html" },
  keyspacesPerConnectionRequestRateExceeded: { namespace: "AWS/Cassandra", metricName: "PerConnectionRequestRateExceeded", dimensions: ["Keyspace", "TableName", "Operation"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/keyspaces/latest/devguide/troubleshooting.serverless.html" },
  // AWS/DynamoDB, every minute (DynamoDB Developer Guide, "DynamoDB Metrics and dimensions",
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html, read 2026-11-29):
  // SuccessfulRequestLatency in milliseconds per TableName+Operation, statistics Minimum/Maximum/Sum/Average/SampleCount
  // (no percentiles documented: alarms use Average); SystemErrors (HTTP 500) per TableName+Operation; Read/WriteThrottleEvents
  // per TableName (the table, not its indexes), counts. UserErrors has no table dimension (account and region): not used.
  // No traffic (a fresh deploy, an idle dev table) publishes nothing: not breaching.
  dynamodbRequestLatency: { namespace: "AWS/DynamoDB", metricName: "SuccessfulRequestLatency", dimensions: ["TableName", "Operation"], unit: "milliseconds", percentiles: false, statistic: "Average", missingData: "notBreaching", source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html" },
  dynamodbSystemErrors: { namespace: "AWS/DynamoDB", metricName: "SystemErrors", dimensions: ["TableName", "Operation"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html" },
  dynamodbReadThrottleEvents: { namespace: "AWS/DynamoDB", metricName: "ReadThrottleEvents", dimensions: ["TableName"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html" },
  dynamodbWriteThrottleEvents: { namespace: "AWS/DynamoDB", metricName: "WriteThrottleEvents", dimensions: ["TableName"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html" },
  // Sparki/CloudflareKV: Cloudflare publishes Workers KV analytics (GraphQL Analytics API) but no alerting metric AWS can
  // read; the application times and counts its storage/cloudflarekv calls and publishes these (components/cloudflarekv/metrics.ts).
  cloudflareKvOperationLatency: { namespace: "Sparki/CloudflareKV", metricName: "OperationLatency", dimensions: ["NamespaceId"], unit: "milliseconds", percentiles: true, statistic: "Average", missingData: "notBreaching", source: "components/cloudflarekv/metrics.ts (published by the application)" },
  cloudflareKvOperationErrors: { namespace: "Sparki/CloudflareKV", metricName: "OperationErrors", dimensions: ["NamespaceId"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "components/cloudflarekv/metrics.ts (published by the application)" },
  // AWS/Firehose, per delivery stream (Firehose Developer Guide, "Monitor with CloudWatch metrics",
  // https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html, checked 2026-11-29):
  // DeliveryToS3.DataFreshness is the age, in seconds, of the oldest record not yet delivered to S3. Nothing in flight
  // publishes nothing and is healthy: not breaching (components/audit-archive).
  // Judged on five-minute periods: whether Firehose publishes it every minute is not documented, and one point per
  // five minutes would never make three breaching one-minute periods (the critical alarm would stay silent).
  firehoseS3DataFreshness: { namespace: "AWS/Firehose", metricName: "DeliveryToS3.DataFreshness", dimensions: ["DeliveryStreamName"], unit: "seconds", percentiles: false, statistic: "Maximum", missingData: "notBreaching", minimumPeriodSeconds: 300, source: "https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html" },
  // AWS/Logs, per subscription filter: log events CloudWatch Logs failed to forward to the destination (CloudWatch Logs
  // User Guide, "CloudWatch Logs metrics", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html,
  // checked 2026-11-29; dimensions LogGroupName + DestinationType + FilterName). No errors publish nothing: not breaching.
  logsSubscriptionDeliveryErrors: { namespace: "AWS/Logs", metricName: "DeliveryErrors", dimensions: ["LogGroupName", "DestinationType", "FilterName"], unit: "count", percentiles: false, statistic: "Sum", missingData: "notBreaching", source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html" },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;

/** The dimension map a metric needs: exactly its catalog keys. */
export type DimensionsOf<K extends MetricKey> = { readonly [D in (typeof METRICS)[K]["dimensions"][number]]: pulumi.Input<string> };
