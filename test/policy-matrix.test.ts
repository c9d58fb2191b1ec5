import { describe, expect, it } from "vitest";
import {
  alarmThresholdsFollowMatrix, archivesTransitionToGlacier, buildCacheExpires, MATRIX_POLICIES, postgresHighAvailability,
} from "../policy/matrix";
import { bucketWithSides, primary, replica, T, TOPIC_ARN } from "./policy-fixtures";
import { checkResource, checkStack, type StackInput, UNKNOWN } from "./policy-harness";

describe("matrix-postgres-ha", () => {
  const db = (name: string, props: Record<string, unknown>): StackInput => ({ type: T.instance, name, props });
  const ha = [db("primary", primary()), db("replica-1", replica(1)), db("replica-2", replica(2))];
  const run = async (inputs: StackInput[], config?: Record<string, unknown>) => (await checkStack(postgresHighAvailability, inputs, config)).violations;

  it("passes a Multi-AZ primary with two read replicas", async () => {
    expect(await run(ha)).toEqual([]);
  });

  it("fails a single-AZ primary, too few replicas, or both", async () => {
    expect(await run([db("primary", { ...primary(), multiAz: false }), ...ha.slice(1)])).toEqual([
      "PostgreSQL sparki-dev-postgres: the matrix asks for master-replica replication with automatic failover: >= 2 read replicas and Multi-AZ; found 2 replica(s), multiAz off.",
    ]);
    expect(await run(ha.slice(0, 2))).toEqual([
      "PostgreSQL sparki-dev-postgres: the matrix asks for master-replica replication with automatic failover: >= 2 read replicas and Multi-AZ; found 1 replica(s), multiAz on.",
    ]);
    expect(await run([db("primary", { ...primary(), multiAz: false })], { minimumReplicas: 3 })).toEqual([
      "PostgreSQL sparki-dev-postgres: the matrix asks for master-replica replication with automatic failover: >= 3 read replicas and Multi-AZ; found 0 replica(s), multiAz off.",
    ]);
  });

  it("counts only a primary's own replicas when there are several primaries", async () => {
    const other = db("other", { ...primary(), identifier: "sparki-dev-analytics" });
    const viaArn = db("replica-3", replica(3, "arn:aws:rds:eu-west-1:111111111111:db:sparki-dev-analytics"));
    expect(await run([...ha, other, viaArn])).toEqual([
      "PostgreSQL sparki-dev-analytics: the matrix asks for master-replica replication with automatic failover: >= 2 read replicas and Multi-AZ; found 1 replica(s), multiAz on.",
    ]);
  });

  it("does not count replicas of a MySQL or SQL Server primary (judged by their source's engine) towards PostgreSQL", async () => {
    const mysql = db("mysql", { ...primary(), identifier: "sparki-dev-mysql", engine: "mysql" });
    const mysqlReplicas = [db("mysql-replica-1", replica(1, "sparki-dev-mysql")), db("mysql-replica-2", replica(2, "sparki-dev-mysql"))];
    expect(await run([ha[0], mysql, ...mysqlReplicas])).toEqual([
      "PostgreSQL sparki-dev-postgres: the matrix asks for master-replica replication with automatic failover: >= 2 read replicas and Multi-AZ; found 0 replica(s), multiAz on.",
    ]);
    expect(await run([...ha, mysql, ...mysqlReplicas])).toEqual([]);
  });

  it("does not accuse values unknown during preview, and ignores other engines", async () => {
    expect(await run([db("primary", { ...primary(), multiAz: UNKNOWN, identifier: UNKNOWN }), ...ha.slice(1)])).toEqual([]);
    const mysql = db("mysql", { ...primary(), engine: "mysql", multiAz: false });
    expect((await checkStack(postgresHighAvailability, [mysql])).notApplicable).toBe("no PostgreSQL primary");
  });
});

describe("matrix-alarm-thresholds", () => {
  /** An alarm as components/alerting AlarmPair creates it. */
  const alarm = (props: Record<string, unknown>): Record<string, unknown> => ({
    actionsEnabled: true, alarmActions: [TOPIC_ARN], okActions: [TOPIC_ARN], comparisonOperator: "GreaterThanThreshold", ...props,
  });
  const latency = alarm({
    namespace: "AWS/RDS", metricName: "ReadLatency", extendedStatistic: "p95", threshold: 0.05,
    alarmDescription: "warning: ReadLatency > 50 milliseconds (0.05 seconds) on postgres-primary; source matrix:postgresLatencyP95",
    tags: { Severity: "warning", ThresholdSource: "matrix:postgresLatencyP95", Metric: "rdsReadLatency" },
  });
  const cache = alarm({
    namespace: "AWS/ElastiCache", metricName: "SuccessfulReadRequestLatency", extendedStatistic: "p95", threshold: 10000,
    tags: { Severity: "critical", ThresholdSource: "matrix:redisLatencyP95", Metric: "cacheReadLatency" },
  });
  const pool = alarm({
    namespace: "AWS/RDS", metricName: "DatabaseConnectionsCurrentlyBorrowed", statistic: "Maximum", threshold: 95,
    alarmDescription: "critical: DatabaseConnectionsCurrentlyBorrowed > 95 % of 100 count (95 count) on postgres-proxy; source matrix:postgresConnectionPoolUsage",
    tags: { Severity: "critical", ThresholdSource: "matrix:postgresConnectionPoolUsage", Metric: "proxyDatabaseConnectionsBorrowed" },
  });
  const storage = alarm({
    namespace: "AWS/RDS", metricName: "FreeStorageSpace", statistic: "Minimum", threshold: 42949672960, comparisonOperator: "LessThanThreshold",
    alarmDescription: "warning: FreeStorageSpace < 20 % of 200 gibibytes (42949672960 bytes) on postgres-primary; source platform:rdsFreeStoragePercent",
    tags: { Severity: "warning", ThresholdSource: "platform:rdsFreeStoragePercent", Metric: "rdsFreeStorageSpace" },
  });
  const rate = alarm({
    threshold: 20,
    metricQueries: [
      { id: "numerator", returnData: false, metric: { namespace: "AWS/S3", metricName: "4xxErrors", stat: "Sum", period: 60 } },
      { id: "denominator", returnData: false, metric: { namespace: "AWS/S3", metricName: "AllRequests", stat: "Sum", period: 60 } },
      { id: "rate", expression: "100 * FILL(numerator, 0) / denominator", returnData: true },
    ],
    tags: { Severity: "critical", ThresholdSource: "platform:s3ClientErrorRatePercent", Metric: "s3ClientErrors/s3AllRequests" },
  });
  const run = async (props: Record<string, unknown>) => {
    const outcome = await checkResource(alarmThresholdsFollowMatrix, { type: T.alarm, props });
    expect(outcome.unknownError).toBeUndefined();
    return outcome.violations;
  };

  it("passes matrix thresholds converted into the metric's unit (50 ms -> 0.05 s, 10 ms -> 10000 µs, 95 % of 100 connections, 20 % of 200 GiB)", async () => {
    for (const props of [latency, cache, pool, storage, rate]) expect(await run(props)).toEqual([]);
  });

  it("fails a threshold left in the spec's unit", async () => {
    expect(await run({ ...latency, threshold: 50 })).toEqual([
      "threshold is 50: matrix:postgresLatencyP95 sets warning at 50 milliseconds, which is 0.05 in the metric's unit (seconds).",
    ]);
    expect(await run({ ...cache, threshold: 10 })).toEqual([
      "threshold is 10: matrix:redisLatencyP95 sets critical at 10 milliseconds, which is 10000 in the metric's unit (microseconds).",
    ]);
  });

  it("fails an alarm without the tags that trace its threshold", async () => {
    expect(await run({ ...latency, tags: { Severity: "warning" } })).toEqual([
      "tags Severity, ThresholdSource and Metric are required: create alarms with components/alerting (AlarmPair, RateAlarmPair) so every threshold traces back to the matrix or PLATFORM_THRESHOLDS.",
    ]);
  });

  it("fails unknown sources, metrics and severities", async () => {
    const tags = latency.tags as Record<string, string>;
    expect(await run({ ...latency, tags: { ...tags, ThresholdSource: "matrix:postgresLatencyP99" } }))
      .toEqual(["tag ThresholdSource \"matrix:postgresLatencyP99\" names no threshold in components/matrix (matrix:<key>, platform:<key> or derived:<adapter>LatencyP95)."]);
    // The derived rule applies to a row with a bounded latency range only (S3's 50-200 ms has one; DynamoDB's row none).
    expect(await run({ ...latency, tags: { ...tags, ThresholdSource: "derived:dynamodbLatencyP95" } }))
      .toEqual(["tag ThresholdSource \"derived:dynamodbLatencyP95\" names no threshold in components/matrix (matrix:<key>, platform:<key> or derived:<adapter>LatencyP95)."]);
    expect(await run({ ...latency, tags: { ...tags, Metric: "rdsReadLatncy" } }))
      .toEqual(["tag Metric \"rdsReadLatncy\" names no metric of the components/alerting catalog."]);
    expect(await run({ ...latency, tags: { ...tags, Severity: "info" } }))
      .toEqual(["tag Severity is \"info\": it must be warning or critical."]);
  });

  it("fails a metric other than the tag's, a wrong direction and a missing percentile", async () => {
    expect(await run({ ...latency, metricName: "WriteLatency" }))
      .toEqual(["namespace/metricName are AWS/RDS/WriteLatency but tag Metric rdsReadLatency is AWS/RDS/ReadLatency."]);
    expect(await run({ ...latency, comparisonOperator: "LessThanThreshold" }))
      .toEqual(["comparisonOperator is LessThanThreshold: matrix:postgresLatencyP95 alarms when the metric is above the level."]);
    expect(await run({ ...latency, extendedStatistic: undefined, statistic: "Average" }))
      .toEqual(["extendedStatistic is not set: matrix:postgresLatencyP95 is a p95 threshold."]);
  });

  it("fails a percentage of an unstated base, and a pool outside the matrix's 20-100 connections", async () => {
    expect(await run({ ...pool, alarmDescription: "critical: pool" })).toEqual([
      "matrix:postgresConnectionPoolUsage is a percentage but DatabaseConnectionsCurrentlyBorrowed is in count: alarmDescription must state what 100 % is (\"% of <value> <unit>\").",
    ]);
    expect(await run({ ...pool, threshold: 190, alarmDescription: "critical: DatabaseConnectionsCurrentlyBorrowed > 95 % of 200 count (190 count)" }))
      .toEqual(["the pool is 200 connections: the matrix sizes pools at 20-100."]);
  });

  it("takes PostgreSQL's figures for the relational rows without their own (derived:mysql..., derived:mssql...), and no other row", async () => {
    const latencyTags = latency.tags as Record<string, string>;
    expect(await run({ ...latency, tags: { ...latencyTags, ThresholdSource: "derived:mysqlLatencyP95" } })).toEqual([]);
    expect(await run({ ...latency, threshold: 0.1, tags: { ...latencyTags, ThresholdSource: "derived:mssqlLatencyP95" } })).toEqual([
      "threshold is 0.1: derived:mssqlLatencyP95 sets warning at 50 milliseconds, which is 0.05 in the metric's unit (seconds).",
    ]);
    const poolTags = pool.tags as Record<string, string>;
    expect(await run({ ...pool, tags: { ...poolTags, ThresholdSource: "derived:mysqlConnectionPoolUsage" } })).toEqual([]);
    // A row with figures of its own (postgres) or that is not relational (redis) has no derived pool threshold.
    for (const source of ["derived:postgresConnectionPoolUsage", "derived:redisConnectionPoolUsage"]) {
      expect(await run({ ...pool, tags: { ...poolTags, ThresholdSource: source } }))
        .toEqual([`tag ThresholdSource "${source}" names no threshold in components/matrix (matrix:<key>, platform:<key> or derived:<adapter>LatencyP95).`]);
    }
  });

  it("measures a pool without a proxy (SQL Server) against the engine's ceiling, which must hold the matrix's whole pool", async () => {
    const connections = alarm({
      namespace: "AWS/RDS", metricName: "DatabaseConnections", statistic: "Maximum", threshold: 200,
      alarmDescription: "warning: DatabaseConnections > 80 % of 250 count (200 count) on mssql-primary; source derived:mssqlConnectionPoolUsage",
      tags: { Severity: "warning", ThresholdSource: "derived:mssqlConnectionPoolUsage", Metric: "rdsDatabaseConnections" },
    });
    expect(await run(connections)).toEqual([]);
    expect(await run({ ...connections, threshold: 64, alarmDescription: "warning: DatabaseConnections > 80 % of 80 count (64 count)" }))
      .toEqual(["the connection ceiling is 80: the engine must admit the matrix's whole pool (100 connections)."]);
  });

  it("fails a rate alarm whose threshold is not the percentage itself, or that reads other metrics than its tag", async () => {
    expect(await run({ ...rate, threshold: 0.2 })).toEqual([
      "threshold is 0.2: platform:s3ClientErrorRatePercent sets critical at 20 percent, which is 20 in the metric's unit (percent).",
    ]);
    const queries = rate.metricQueries as Record<string, unknown>[];
    const misread = [{ ...queries[0], metric: { namespace: "AWS/S3", metricName: "5xxErrors", stat: "Sum", period: 60 } }, queries[1], queries[2]];
    expect(await run({ ...rate, metricQueries: misread })).toEqual([
      "metricQueries read 5xxErrors, AllRequests but tag Metric s3ClientErrors/s3AllRequests is 4xxErrors / AllRequests.",
    ]);
  });

  it("does not accuse thresholds or tags unknown during preview", async () => {
    expect(await run({ ...latency, threshold: UNKNOWN, metricName: UNKNOWN })).toEqual([]);
    expect(await run({ ...latency, tags: UNKNOWN })).toEqual([]);
  });

  it("ignores resources other than metric alarms", async () => {
    expect((await checkResource(alarmThresholdsFollowMatrix, { type: T.topic, props: {} })).notApplicable).toBe("not a CloudWatch metric alarm");
  });
});

describe("matrix-archive-glacier", () => {
  const glacierRules = (storageClass: string, filter: Record<string, unknown> = {}) => [{
    id: "all", status: "Enabled", filter, transitions: [{ days: 30, storageClass }], expiration: { days: 730 },
    noncurrentVersionExpiration: { noncurrentDays: 30 },
  }];
  const run = async (inputs: StackInput[], config?: Record<string, unknown>) => {
    const outcome = await checkStack(archivesTransitionToGlacier, inputs, config);
    expect(outcome.unknownError).toBeUndefined();
    return outcome.violations;
  };

  it("passes log and archive buckets moving to GLACIER, DEEP_ARCHIVE or GLACIER_IR", async () => {
    expect(await run([
      ...bucketWithSides("sparki-prod-1-deployment-logs", { dataClass: "deploymentLogs", rules: glacierRules("GLACIER") }),
      ...bucketWithSides("sparki-prod-1-audit-archive", { dataClass: "auditArchive", rules: glacierRules("DEEP_ARCHIVE") }),
      ...bucketWithSides("sparki-prod-1-artifacts", { dataClass: "artifacts" }),
    ])).toEqual([]);
  });

  it("fails one that only expires, one that stops at STANDARD_IA, and one whose Glacier rule covers a prefix only", async () => {
    const message = (name: string) => `bucket ${name} (deploymentLogs): no enabled whole-bucket lifecycle rule transitions to GLACIER_IR, GLACIER, DEEP_ARCHIVE; the matrix archives old logs to Glacier.`;
    expect(await run(bucketWithSides("logs", { dataClass: "deploymentLogs" }))).toEqual([message("logs")]);
    expect(await run(bucketWithSides("logs", { dataClass: "deploymentLogs", rules: glacierRules("STANDARD_IA") }))).toEqual([message("logs")]);
    expect(await run(bucketWithSides("logs", { dataClass: "deploymentLogs", rules: glacierRules("GLACIER", { prefix: "2024/" }) }))).toEqual([message("logs")]);
  });

  it("recognises the data class by bucket-name suffix when the bucket has no DataClass tag", async () => {
    expect(await run(bucketWithSides("sparki-dev-1-audit-archive"))).toEqual([
      "bucket sparki-dev-1-audit-archive (auditArchive): no enabled whole-bucket lifecycle rule transitions to GLACIER_IR, GLACIER, DEEP_ARCHIVE; the matrix archives old logs to Glacier.",
    ]);
  });

  it("takes the data classes from policy config", async () => {
    expect(await run(bucketWithSides("logs", { dataClass: "deploymentLogs" }), { dataClasses: ["auditArchive"] })).toEqual([]);
  });

  it("proves nothing while lifecycles cannot be linked to buckets (preview) or rules are unknown", async () => {
    const unlinked = bucketWithSides("logs", { dataClass: "deploymentLogs" }).map((r) => (r.type === T.lifecycle ? { ...r, props: { ...r.props, bucket: UNKNOWN } } : r));
    expect(await run(unlinked)).toEqual([]);
    expect(await run(bucketWithSides("logs", { dataClass: "deploymentLogs", rules: [{ id: "all", status: "Enabled", transitions: UNKNOWN }] }))).toEqual([]);
  });
});

describe("matrix-build-cache-expiry", () => {
  const cache = (rules?: Record<string, unknown>[]) => bucketWithSides("sparki-dev-1-build-cache", { dataClass: "buildCache", versioned: false, ...(rules ? { rules } : {}) });
  const run = async (inputs: StackInput[], config?: Record<string, unknown>) => (await checkStack(buildCacheExpires, inputs, config)).violations;

  it("passes a cache that expires within 90 days", async () => {
    expect(await run(cache())).toEqual([]);
  });

  it("fails a cache that never expires and one kept longer than the maximum", async () => {
    expect(await run(cache([{ id: "keep", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 1 } }])))
      .toEqual(["bucket sparki-dev-1-build-cache: no enabled whole-bucket lifecycle rule expires objects; a build cache must expire within 90 days."]);
    expect(await run(cache([{ id: "year", status: "Enabled", expiration: { days: 365 } }])))
      .toEqual(["bucket sparki-dev-1-build-cache: objects expire after 365 days; a build cache must expire within 90 days."]);
    expect(await run(cache(), { maximumDays: 14 }))
      .toEqual(["bucket sparki-dev-1-build-cache: objects expire after 30 days; a build cache must expire within 14 days."]);
  });

  it("does not accuse an expiry unknown during preview; not applicable without a cache bucket", async () => {
    expect(await run(cache([{ id: "x", status: "Enabled", expiration: { days: UNKNOWN } }]))).toEqual([]);
    expect((await checkStack(buildCacheExpires, bucketWithSides("sparki-dev-1-artifacts"))).notApplicable).toBe("no build cache bucket");
  });
});

it("every matrix policy has cases here", () => {
  expect(MATRIX_POLICIES.map((p) => p.name)).toEqual(["matrix-postgres-ha", "matrix-alarm-thresholds", "matrix-archive-glacier", "matrix-build-cache-expiry"]);
});
