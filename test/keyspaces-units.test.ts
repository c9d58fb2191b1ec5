import { describe, expect, it } from "vitest";
import {
  ADAPTER_DEFAULT_KEYSPACE, ADAPTER_DEFAULT_TABLE, ADAPTER_TABLE, defaultKeyspaceName, KEYSPACES_CONSISTENCY, KEYSPACES_DEFAULTS, KEYSPACES_PORT,
  keyspacesEndpoint, keyspacesProblems, MAX_TTL_SECONDS, resolveKeyspacesArgs, UNSUPPORTED_CONSISTENCY,
} from "../components/keyspaces/args";
import { accountSumQuery, CAPACITY_EVENT_METRICS, keyspacesLatencyThreshold, tableSumQuery } from "../components/keyspaces/alarms";
import { STACK_NAME_MAX, validStackName } from "../stacks/config/stack-name";

/**
 * components/keyspaces' pure parts against facts written down independently (read 2026-11-29):
 * - gofiber/storage cassandra (8c8f561): ConfigDefault Keyspace "gofiber", Table "kv_store", Consistency gocql.Quorum;
 *   createDataTable `key text PRIMARY KEY, value blob, expires_at timestamp`; maxTTLSeconds 20 years.
 * - Keyspaces consistency page: writes LOCAL_QUORUM only; QUORUM "not supported ... will result in exceptions".
 * - Keyspaces service endpoints: cassandra.<region>.amazonaws.com, port 9142 (TLS).
 * - Matrix Cassandra "10-50ms"; derived rule: 2.5 x upper bound = 125 ms warning, 2 x = 250 ms critical.
 * - Keyspaces API Reference, CreateKeyspace: "In an AWS account, keyspace names must be unique within each Region".
 * - Keyspaces "Troubleshooting capacity management errors": StoragePartitionThroughputCapacityExceeded and
 *   PerConnectionRequestRateExceeded, separate from Read/WriteThrottleEvents.
 */

const ORACLE = {
  adapterDefaults: { keyspace: "gofiber", table: "kv_store" },
  adapterDefaultConsistency: "QUORUM",
  twentyYearsSeconds: 20 * 365 * 24 * 60 * 60,
  endpoint: "cassandra.eu-west-1.amazonaws.com",
  port: 9142,
  latencyMs: { warning: 125, critical: 250 },
};

const base = { kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k", region: "eu-west-1", accountId: "111111111111", alarms: { environment: "t", topicArns: { warning: "w", critical: "c" } } };

describe("components/keyspaces facts", () => {
  it("know the Fiber adapter's own keyspace and table, default to its table and its exact schema, and never to its keyspace", () => {
    expect([ADAPTER_DEFAULT_KEYSPACE, ADAPTER_DEFAULT_TABLE]).toEqual([ORACLE.adapterDefaults.keyspace, ORACLE.adapterDefaults.table]);
    expect(KEYSPACES_DEFAULTS.tableName).toBe(ORACLE.adapterDefaults.table);
    expect(KEYSPACES_DEFAULTS).not.toHaveProperty("keyspaceName");
    expect(ADAPTER_TABLE).toEqual({ partitionKey: "key", columns: [{ name: "key", type: "text" }, { name: "value", type: "blob" }, { name: "expires_at", type: "timestamp" }] });
  });

  it("tell LOCAL_QUORUM, and know the adapter's default QUORUM is refused", () => {
    expect(KEYSPACES_CONSISTENCY).toBe("LOCAL_QUORUM");
    expect(UNSUPPORTED_CONSISTENCY).toContain(ORACLE.adapterDefaultConsistency);
    expect(UNSUPPORTED_CONSISTENCY).not.toContain(KEYSPACES_CONSISTENCY);
  });

  it("connect to the regional endpoint on the TLS port; the longest TTL is the adapter's 20-year clamp", () => {
    expect([keyspacesEndpoint("eu-west-1"), KEYSPACES_PORT]).toEqual([ORACLE.endpoint, ORACLE.port]);
    expect(keyspacesEndpoint("cn-north-1")).toBe("cassandra.cn-north-1.amazonaws.com.cn");
    expect(MAX_TTL_SECONDS).toBe(ORACLE.twentyYearsSeconds);
  });

  it("derive the latency levels from the matrix row and apply them to the Average (no percentile is documented for Keyspaces)", () => {
    expect(keyspacesLatencyThreshold()).toEqual({ ...ORACLE.latencyMs, unit: "milliseconds", comparison: "above", source: "derived:cassandraLatencyP95" });
    expect(keyspacesLatencyThreshold()).not.toHaveProperty("percentile");
  });

  it("sum the capacity events whose dimensions are not verified over the account and region, naming no dimension", () => {
    expect(CAPACITY_EVENT_METRICS.map(accountSumQuery)).toEqual([
      `SELECT SUM(StoragePartitionThroughputCapacityExceeded) FROM "AWS/Cassandra"`,
      `SELECT SUM(PerConnectionRequestRateExceeded) FROM "AWS/Cassandra"`,
    ]);
  });

  it("sum table-wide counts over every dimension set Keyspaces publishes them with", () => {
    expect(tableSumQuery("keyspacesSystemErrors", "gofiber", "kv_store")).toBe(`SELECT SUM(SystemErrors) FROM "AWS/Cassandra" WHERE Keyspace = 'gofiber' AND TableName = 'kv_store'`);
  });
});

describe("keyspacesProblems and resolveKeyspacesArgs", () => {
  const ok = { keyspaceName: "gofiber", tableName: "kv_store", defaultTtlSeconds: 0 };
  it("accept the adapter's names, 48 characters and the 20-year TTL", () => {
    expect(keyspacesProblems(ok)).toEqual([]);
    expect(keyspacesProblems({ ...ok, tableName: "t".repeat(48), defaultTtlSeconds: MAX_TTL_SECONDS })).toEqual([]);
  });

  it.each([
    ["upper case (CQL folds unquoted names)", { keyspaceName: "Gofiber" }, "keyspaceName"],
    ["49 characters", { tableName: "t".repeat(49) }, "tableName"],
    ["a leading underscore", { tableName: "_t" }, "tableName"],
    ["Keyspaces' system prefix", { keyspaceName: "system_x" }, "keyspaceName"],
    ["a TTL past 20 years", { defaultTtlSeconds: MAX_TTL_SECONDS + 1 }, "defaultTtlSeconds"],
    ["a negative TTL", { defaultTtlSeconds: -1 }, "defaultTtlSeconds"],
  ])("refuse %s", (_case, change, field) => {
    expect(keyspacesProblems({ ...ok, ...change }).map(([f]) => f)).toEqual([field]);
  });

  it("throw one error naming every problem, before anything is registered", () => {
    expect(() => resolveKeyspacesArgs({ ...base, keyspaceName: "Bad", tableName: "-", defaultTtlSeconds: -5, accountId: "1" })).toThrow(
      /^KeyspacesStore: keyspaceName must be .*, got "Bad"; tableName must be .*, got "-"; defaultTtlSeconds must be .*, got -5; accountId must be a 12-digit AWS account ID, got "1"$/,
    );
  });

  it("apply every default once, and keep the keyspace name it is given", () => {
    expect(resolveKeyspacesArgs({ ...base, keyspaceName: "sparki_t" })).toMatchObject({ keyspaceName: "sparki_t", tableName: "kv_store", defaultTtlSeconds: 0, pointInTimeRecovery: true, protect: false });
  });
});

describe("defaultKeyspaceName: one keyspace per stack (names are unique per account and region)", () => {
  it("turns the stack name's hyphens into underscores under a sparki_ prefix", () => {
    expect(defaultKeyspaceName("cassandra-dev")).toBe("sparki_cassandra_dev");
    expect(defaultKeyspaceName("prod")).toBe("sparki_prod");
    expect(defaultKeyspaceName("cassandra-dev")).not.toBe(defaultKeyspaceName("cassandra-prod"));
  });

  it("gives a name Keyspaces and the adapter accept for the longest and the oddest valid stack names", () => {
    for (const stack of ["a".repeat(STACK_NAME_MAX), `s${"-9".repeat((STACK_NAME_MAX - 1) / 2)}`, "system", "eu-prod-2"]) {
      expect(validStackName(stack), stack).toBe(true);
      const name = defaultKeyspaceName(stack);
      expect(name.length, name).toBeLessThanOrEqual(48);
      expect(keyspacesProblems({ keyspaceName: name, tableName: "kv_store", defaultTtlSeconds: 0 }), name).toEqual([]);
    }
    expect(defaultKeyspaceName("a".repeat(STACK_NAME_MAX))).toHaveLength(7 + STACK_NAME_MAX);
  });
});
