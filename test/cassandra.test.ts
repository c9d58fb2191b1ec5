import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun, json, ofType, one, type ProgramRun, stackRun } from "./harness";

/**
 * Amazon Keyspaces for the Fiber `storage/cassandra` adapter (components/keyspaces; adapter stacks/adapters/cassandra)
 * as examples/cassandra/Pulumi.cassandra-{dev,prod}.yaml register it. The figures below are written from the stack
 * files, the Fiber adapter's source and the AWS pages named beside them (read 2026-11-29), not read from the program.
 */

const DIR = join(REPO_ROOT, "examples", "cassandra");
// Keyspaces API Reference, CreateKeyspace: "In an AWS account, keyspace names must be unique within each Region"; both
// stack files deploy to 555555555555 in eu-west-1, so each stack names its own keyspace: sparki_<stack>, '-' as '_'.
const EXAMPLES = [
  { stack: "cassandra-dev", profile: "dev", protect: false, defaultTtl: undefined as number | undefined, keyspace: "sparki_cassandra_dev" },
  // Pulumi.cassandra-prod.yaml: defaultTtlSeconds 2592000 (30 days).
  { stack: "cassandra-prod", profile: "prod", protect: true, defaultTtl: 2_592_000 as number | undefined, keyspace: "sparki_cassandra_prod" },
] as const;

const KEYSPACE = "aws:keyspaces/keyspace:Keyspace";
const TABLE = "aws:keyspaces/table:Table";
const POLICY = "aws:iam/policy:Policy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ACCOUNT = "555555555555";
const REGION = "eu-west-1";

// gofiber/storage cassandra (8c8f561): ConfigDefault Keyspace "gofiber" (not used: not unique), Table "kv_store"; createDataTable's schema.
const ADAPTER = { keyspace: "gofiber", table: "kv_store" };
const COLUMNS = [{ name: "key", type: "text" }, { name: "value", type: "blob" }, { name: "expires_at", type: "timestamp" }];
// Keyspaces "Service endpoints": cassandra.<region>.amazonaws.com, TLS on port 9142.
const ENDPOINT = "cassandra.eu-west-1.amazonaws.com";
const tableArnOf = (keyspace: string) => `arn:aws:cassandra:${REGION}:${ACCOUNT}:/keyspace/${keyspace}/table/kv_store`;
const SYSTEM_ARN = `arn:aws:cassandra:${REGION}:${ACCOUNT}:/keyspace/system*`;
// Matrix row Cassandra "10-50ms"; derived rule (applied to the Average, see below): warning 2.5 x the upper bound (PostgreSQL 50 over 20 ms), critical 2 x warning.
const LATENCY_MS = { warning: 125, critical: 250 };

const runOf = (stack: string) => capturedRun({ stack, stackDir: DIR });
const outputsOf = (run: ProgramRun) => run.outputs.cassandra as Record<string, unknown>;
const keyspacesAlarms = (run: ProgramRun) => ofType(run, ALARM).filter((a) => a.name.includes("-cassandra-"));
interface Statement { Sid?: string; Effect: string; Action: string[]; Resource: string[]; Condition?: unknown }

describe("Keyspaces names per stack", () => {
  it("gives the dev and prod examples distinct keyspaces (they share an account and region), never the adapter's gofiber", async () => {
    const names = await Promise.all(EXAMPLES.map(async (ex) => one(await runOf(ex.stack), KEYSPACE).inputs.name));
    expect(names).toEqual(EXAMPLES.map((ex) => ex.keyspace));
    expect(new Set(names).size).toBe(EXAMPLES.length);
    expect(names).not.toContain(ADAPTER.keyspace);
  });
});

describe.each(EXAMPLES)("Keyspaces of $stack", (ex) => {
  const TABLE_ARN = tableArnOf(ex.keyspace);

  it("creates the stack's keyspace, single-region, before the adapter can create a SimpleStrategy one", async () => {
    const run = await runOf(ex.stack);
    const keyspace = one(run, KEYSPACE);
    expect(keyspace.inputs).toMatchObject({ name: ex.keyspace, replicationSpecification: { replicationStrategy: "SINGLE_REGION" } });
    expect((keyspace.inputs.replicationSpecification as Record<string, unknown>).regionLists).toBeUndefined();
    expect(keyspace.options.protect ?? false).toBe(ex.protect);
  });

  it("creates the adapter's table with its exact schema, TTL on, on-demand, PITR and the stack key", async () => {
    const run = await runOf(ex.stack);
    const table = one(run, TABLE);
    expect(table.inputs).toMatchObject({
      keyspaceName: ex.keyspace, tableName: ADAPTER.table,
      schemaDefinition: { columns: COLUMNS, partitionKeys: [{ name: "key" }] },
      capacitySpecification: { throughputMode: "PAY_PER_REQUEST" },
      encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: run.outputs.kmsKeyArn },
      pointInTimeRecovery: { status: "ENABLED" },
      ttl: { status: "ENABLED" },
    });
    const schema = table.inputs.schemaDefinition as Record<string, unknown>;
    expect(schema.clusteringKeys).toBeUndefined();
    const capacity = table.inputs.capacitySpecification as Record<string, unknown>;
    expect([capacity.readCapacityUnits, capacity.writeCapacityUnits]).toEqual([undefined, undefined]);
    expect(table.inputs.defaultTimeToLive).toBe(ex.defaultTtl);
    expect(table.options.protect ?? false).toBe(ex.protect);
    expect(String(run.outputs.kmsKeyArn)).toMatch(/^arn:aws:kms:eu-west-1:555555555555:key\//);
  });

  it("grants the application exactly the adapter's statements on this one table", async () => {
    const run = await runOf(ex.stack);
    const policy = one(run, POLICY, `sparki-${ex.stack}-cassandra-access`);
    const statements = json<{ Statement: Statement[] }>(policy.inputs.policy).Statement;
    expect(statements).toEqual([
      { Sid: "ReadWriteTheAdaptersTable", Effect: "Allow", Action: ["cassandra:Select", "cassandra:Modify"], Resource: [TABLE_ARN] },
      { Sid: "ReadSystemTablesAtConnect", Effect: "Allow", Action: ["cassandra:Select"], Resource: [SYSTEM_ARN] },
      { Sid: "AdapterCreateTableIfNotExists", Effect: "Allow", Action: ["cassandra:Create"], Resource: [TABLE_ARN] },
      {
        Sid: "UseStackKeyThroughKeyspaces", Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: [run.outputs.kmsKeyArn],
        Condition: { StringEquals: { "kms:ViaService": "cassandra.eu-west-1.amazonaws.com" } },
      },
    ]);
    const actions = statements.flatMap((s) => s.Action);
    expect(actions.filter((a) => ["cassandra:Drop", "cassandra:Alter", "cassandra:*"].includes(a) || a === "*")).toEqual([]);
    // Nothing reaches another table or the keyspace as such (its ARN ends in "/").
    expect(statements.flatMap((s) => s.Resource).filter((r) => r.startsWith("arn:aws:cassandra") && r !== TABLE_ARN && r !== SYSTEM_ARN)).toEqual([]);
  });

  it("outputs what the adapter connects with: endpoint, TLS port, names, LOCAL_QUORUM, SigV4 and the policy; no secret", async () => {
    const run = await runOf(ex.stack);
    const out = outputsOf(run);
    expect(out).toMatchObject({
      fiberPackages: ["storage/cassandra"], endpoint: ENDPOINT, port: 9142, tls: true, region: REGION,
      // The application sets the adapter's Config.Keyspace from this output.
      keyspace: ex.keyspace, table: ADAPTER.table, consistency: "LOCAL_QUORUM", authentication: "sigv4",
    });
    expect(out.consistency).not.toBe("QUORUM");
    // The policy is auto-named from its logical name (a random suffix in AWS, a hash in the mocks).
    expect(String(out.accessPolicyArn)).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:policy/sparki-${ex.stack}-cassandra-access-[0-9a-f]+$`));
    expect(String(out.tableArn)).toBe(TABLE_ARN);
    expect(JSON.stringify(out)).not.toMatch(/password|secret/i);
  });

  // No Keyspaces page lists a percentile statistic for SuccessfulRequestLatency, and CloudWatch computes percentiles
  // only from raw values or statistic sets with SampleCount 1 or Min = Max (GetMetricStatistics): the Average.
  it("alarms on average latency of SELECT, INSERT and DELETE at the derived 125/250 ms, in the metric's milliseconds", async () => {
    const run = await runOf(ex.stack);
    const latency = keyspacesAlarms(run).filter((a) => a.inputs.metricName === "SuccessfulRequestLatency");
    expect(latency).toHaveLength(6);
    for (const operation of ["SELECT", "INSERT", "DELETE"]) {
      const pair = latency.filter((a) => (a.inputs.dimensions as Record<string, string>).Operation === operation);
      expect(pair.map((a) => [(a.inputs.tags as Record<string, string>).Severity, a.inputs.threshold]).sort()).toEqual([
        ["critical", LATENCY_MS.critical], ["warning", LATENCY_MS.warning],
      ]);
      for (const alarm of pair) {
        expect(alarm.inputs).toMatchObject({
          namespace: "AWS/Cassandra", statistic: "Average", comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching",
          dimensions: { Keyspace: ex.keyspace, TableName: ADAPTER.table, Operation: operation },
          tags: { ThresholdSource: "derived:cassandraLatencyP95" },
        });
        expect(alarm.inputs.extendedStatistic).toBeUndefined();
        expect(alarm.name).not.toMatch(/p95/);
      }
    }
  });

  it("alarms on read and write throttles and system errors over the table, at the platform levels, silent without traffic", async () => {
    const run = await runOf(ex.stack);
    const levels: Record<string, Record<string, number>> = {};
    for (const alarm of keyspacesAlarms(run).filter((a) => a.inputs.metricName === undefined && !a.name.includes("-exceeded-"))) {
      const [query] = alarm.inputs.metricQueries as { expression: string }[];
      const metric = new RegExp(`^SELECT SUM\\((\\w+)\\) FROM "AWS/Cassandra" WHERE Keyspace = '${ex.keyspace}' AND TableName = 'kv_store'$`).exec(query.expression)?.[1];
      expect(metric, query.expression).toBeDefined();
      expect(alarm.inputs.treatMissingData).toBe("notBreaching");
      const tags = alarm.inputs.tags as Record<string, string>;
      levels[metric!] = { ...levels[metric!], [tags.Severity]: Number(alarm.inputs.threshold) };
    }
    // components/matrix PLATFORM_THRESHOLDS keyspacesThrottleEvents 10/100 and keyspacesSystemErrors 0/10, per period.
    expect(levels).toEqual({
      ReadThrottleEvents: { warning: 10, critical: 100 },
      WriteThrottleEvents: { warning: 10, critical: 100 },
      SystemErrors: { warning: 0, critical: 10 },
    });
  });

  // Keyspaces "Troubleshooting capacity management errors": on an on-demand table, storage-partition and per-connection
  // throttling are their own metrics, not Read/WriteThrottleEvents. Their dimensions are not verified: no filter.
  it("alarms on storage-partition and per-connection throttling over the account and region, at the throttle levels, silent without traffic", async () => {
    const run = await runOf(ex.stack);
    const levels: Record<string, Record<string, number>> = {};
    for (const alarm of keyspacesAlarms(run).filter((a) => a.name.includes("-exceeded-"))) {
      const [query] = alarm.inputs.metricQueries as { expression: string }[];
      const metric = /^SELECT SUM\((\w+)\) FROM "AWS\/Cassandra"$/.exec(query.expression)?.[1];
      expect(metric, query.expression).toBeDefined();
      expect(alarm.inputs).toMatchObject({ treatMissingData: "notBreaching", comparisonOperator: "GreaterThanThreshold" });
      expect(String(alarm.inputs.alarmDescription)).toContain("account and region");
      const tags = alarm.inputs.tags as Record<string, string>;
      expect(tags).toMatchObject({ ThresholdSource: "platform:keyspacesThrottleEvents", Metric: `keyspaces${metric}` });
      levels[metric!] = { ...levels[metric!], [tags.Severity]: Number(alarm.inputs.threshold) };
    }
    expect(levels).toEqual({
      StoragePartitionThroughputCapacityExceeded: { warning: 10, critical: 100 },
      PerConnectionRequestRateExceeded: { warning: 10, critical: 100 },
    });
    expect(keyspacesAlarms(run).map((a) => a.name).filter((n) => n.includes("-exceeded-")).sort()).toEqual([
      `${ex.stack}-cassandra-per-connection-request-rate-exceeded-critical`, `${ex.stack}-cassandra-per-connection-request-rate-exceeded-warning`,
      `${ex.stack}-cassandra-storage-partition-throughput-exceeded-critical`, `${ex.stack}-cassandra-storage-partition-throughput-exceeded-warning`,
    ]);
  });

  it("waits for the table before creating its alarms (a fresh table publishes nothing)", async () => {
    const run = await runOf(ex.stack);
    const table = one(run, TABLE);
    const alarms = keyspacesAlarms(run);
    expect(alarms).toHaveLength(16);
    for (const alarm of alarms) expect(alarm.options.dependsOn?.some((d) => d.type === TABLE && d.name === table.name), alarm.name).toBe(true);
  });
});

describe("Keyspaces is opt-in", () => {
  it.each(["dev", "prod"] as const)("registers nothing of it in the root %s stack", async (stack) => {
    const run = await stackRun(stack);
    expect(run.resources.filter((r) => r.type.startsWith("aws:keyspaces/") || r.type.startsWith("sparki:keyspaces:"))).toEqual([]);
    expect(run.outputs.cassandra).toBeUndefined();
  });
});
