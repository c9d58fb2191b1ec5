import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
  AlarmPair, alarmLevel, convertThreshold, dashboardBody, DEFAULT_EVALUATION, matrixThreshold, METRICS,
  platformThreshold, RateAlarmPair, severityAlarms, StorageDashboard, topicPolicyDocument,
} from "../components/alerting";
import { keyPolicyDocument, KEY_SERVICE_PUBLISHERS } from "../components/kms";
import { ALERT_THRESHOLDS } from "../components/matrix";
import { runProgram } from "../scripts/offline/run-program";
import { json, ofType } from "./harness";

describe("threshold unit conversion (once, exactly)", () => {
  it.each([
    [50, "milliseconds", "seconds", 0.05],
    [100, "milliseconds", "seconds", 0.1],
    [0.1, "milliseconds", "seconds", 0.0001],
    [5, "milliseconds", "microseconds", 5000],
    [10, "milliseconds", "microseconds", 10000],
    [0.3, "seconds", "milliseconds", 300],
    [0.7, "milliseconds", "microseconds", 700],
    [80, "percent", "percent", 80],
    [0.1, "percent", "percent", 0.1],
    [2, "gibibytes", "bytes", 2147483648],
  ] as const)("%s %s is %s %s", (value, from, to, expected) => {
    expect(convertThreshold(value, from, to)).toBe(expected);
  });

  it("refuses to convert across families (ms threshold on a percent metric)", () => {
    expect(() => convertThreshold(50, "milliseconds", "percent")).toThrow(/cannot convert a threshold in milliseconds to a metric in percent/);
  });

  it("turns the matrix's PostgreSQL p95 (50/100 ms) into seconds and Redis p95 (5/10 ms) into microseconds", () => {
    const pg = matrixThreshold("postgresLatencyP95");
    expect([alarmLevel("rdsReadLatency", pg, "warning"), alarmLevel("rdsReadLatency", pg, "critical")]).toEqual([0.05, 0.1]);
    const redis = matrixThreshold("redisLatencyP95");
    expect([alarmLevel("cacheReadLatency", redis, "warning"), alarmLevel("cacheReadLatency", redis, "critical")]).toEqual([5000, 10000]);
  });

  it("applies a percent threshold to an absolute metric through percentOf (80/95 % of a 100-connection pool)", () => {
    const pool = matrixThreshold("postgresConnectionPoolUsage");
    const of = { value: 100, unit: "count" } as const;
    expect([alarmLevel("proxyDatabaseConnections", pool, "warning", of), alarmLevel("proxyDatabaseConnections", pool, "critical", of)]).toEqual([80, 95]);
  });
});

describe("metric catalog", () => {
  it("names the AWS page every AWS metric's unit and dimensions were checked against, and the file documenting each custom one", () => {
    const metrics = Object.entries(METRICS);
    expect(metrics.length).toBeGreaterThan(0);
    for (const [key, m] of metrics) {
      expect(m.dimensions.length, key).toBeGreaterThan(0);
      const publishedByAws = m.namespace.startsWith("AWS/") || m.metricName.startsWith("disk_");
      expect(m.source, key).toMatch(publishedByAws ? /^https:\/\/docs\.aws\.amazon\.com\// : /^components\/[a-z-]+\/[a-z-]+\.ts /);
    }
  });

  it("has the units CloudWatch reports (RDS latency in seconds, ElastiCache latency in microseconds)", () => {
    expect(METRICS.rdsReadLatency.unit).toBe("seconds");
    expect(METRICS.cacheReadLatency.unit).toBe("microseconds");
    expect(METRICS.cacheMemoryUsage.unit).toBe("percent");
    expect(METRICS.rdsFreeStorageSpace.unit).toBe("bytes");
  });

  it("makes a misspelt metric a compile error", () => {
    // @ts-expect-error "rdsReadLatncy" is not a catalog key: tsc (npm run typecheck) fails if this compiles.
    const misspelt: keyof typeof METRICS = "rdsReadLatncy";
    expect(misspelt in METRICS).toBe(false);
  });
});

describe("AlarmPair under mocks", () => {
  const topicArns = { warning: "arn:aws:sns:eu-west-1:111111111111:warn", critical: "arn:aws:sns:eu-west-1:111111111111:crit" };
  const run = runProgram({
    stack: "dev",
    program: () => {
      new AlarmPair({
        context: { environment: "dev", topicArns, evaluation: { critical: { evaluationPeriods: 10 } } },
        subject: "postgres-primary",
        metric: "rdsReadLatency",
        dimensions: { DBInstanceIdentifier: "sparki-dev-postgres" },
        threshold: matrixThreshold("postgresLatencyP95"),
      });
      new AlarmPair({
        context: { environment: "dev", topicArns },
        subject: "postgres-primary",
        metric: "rdsFreeStorageSpace",
        dimensions: { DBInstanceIdentifier: "sparki-dev-postgres" },
        threshold: platformThreshold("rdsFreeStoragePercent"),
        percentOf: { value: 20, unit: "gibibytes" },
      });
      return {};
    },
  });

  it("registers a warning and a critical alarm named <env>-<subject>-<metric>-<severity>", async () => {
    const names = ofType(await run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.name).sort();
    expect(names).toEqual([
      "dev-postgres-primary-rds-free-storage-space-critical", "dev-postgres-primary-rds-free-storage-space-warning",
      "dev-postgres-primary-rds-read-latency-p95-critical", "dev-postgres-primary-rds-read-latency-p95-warning",
    ]);
  });

  it("uses extendedStatistic p95 (never statistic) and the threshold in seconds", async () => {
    const alarms = ofType(await run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.metricName === "ReadLatency");
    for (const a of alarms) {
      expect(a.inputs.extendedStatistic).toBe("p95");
      expect(a.inputs.statistic).toBeUndefined();
      expect(a.inputs).toMatchObject({ namespace: "AWS/RDS", dimensions: { DBInstanceIdentifier: "sparki-dev-postgres" }, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching", actionsEnabled: true });
    }
    const bySeverity = Object.fromEntries(alarms.map((a) => [(a.inputs.tags as Record<string, string>).Severity, a.inputs]));
    expect(bySeverity.warning).toMatchObject({ threshold: ALERT_THRESHOLDS.postgresLatencyP95.warning / 1000, alarmActions: [topicArns.warning], okActions: [topicArns.warning] });
    expect(bySeverity.critical).toMatchObject({ threshold: 0.1, alarmActions: [topicArns.critical], okActions: [topicArns.critical] });
    expect(bySeverity.warning).toMatchObject({ period: DEFAULT_EVALUATION.warning.periodSeconds, evaluationPeriods: 3, datapointsToAlarm: 2 });
    expect(bySeverity.critical).toMatchObject({ period: 60, evaluationPeriods: 10, datapointsToAlarm: 3 });
    expect((bySeverity.critical.tags as Record<string, string>).ThresholdSource).toBe("matrix:postgresLatencyP95");
  });

  it("alarms on free storage below a share of allocated storage, in bytes, keeping its state through silence (create, stopped dev)", async () => {
    const alarms = ofType(await run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.metricName === "FreeStorageSpace");
    const levels = Object.fromEntries(alarms.map((a) => [(a.inputs.tags as Record<string, string>).Severity, a.inputs.threshold]));
    expect(levels).toEqual({ warning: 0.2 * 20 * 1024 ** 3, critical: 0.1 * 20 * 1024 ** 3 });
    for (const a of alarms) expect(a.inputs).toMatchObject({ statistic: "Minimum", comparisonOperator: "LessThanThreshold", treatMissingData: "missing" });
  });

  it("refuses a percentile threshold on a metric without percentiles, before registering anything", () => {
    expect(() => new AlarmPair({
      context: { environment: "dev", topicArns }, subject: "x", metric: "rdsCpuUtilization",
      dimensions: { DBInstanceIdentifier: "db" }, threshold: matrixThreshold("postgresLatencyP95"),
    })).toThrow(/CPUUtilization has no percentile statistics/);
  });
});

describe("dashboard", () => {
  const body = JSON.parse(dashboardBody("eu-west-1", [{
    title: "PostgreSQL",
    graphs: [
      { title: "Read latency p95", metric: "rdsReadLatency", dimensions: { DBInstanceIdentifier: "db" }, resolvedDimensions: { DBInstanceIdentifier: "db" }, threshold: matrixThreshold("postgresLatencyP95") },
      { title: "Cache memory", metric: "cacheMemoryUsage", dimensions: { CacheClusterId: "c-001" }, resolvedDimensions: { CacheClusterId: "c-001" }, threshold: matrixThreshold("redisMemoryUsage") },
    ],
  }])) as { widgets: { type: string; properties: Record<string, unknown> }[] };

  it("draws a seconds metric in milliseconds with the matrix levels as annotations", () => {
    const latency = body.widgets.find((w) => w.properties.title === "Read latency p95");
    expect(latency?.properties.metrics).toEqual([
      [{ expression: "m1 * 1000", label: "ReadLatency p95 (ms)", id: "e1" }],
      ["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", "db", { stat: "p95", id: "m1", visible: false }],
    ]);
    expect((latency?.properties.annotations as { horizontal: { label: string; value: number }[] }).horizontal.map((h) => [h.label, h.value]))
      .toEqual([["warning 50 ms", 50], ["critical 100 ms", 100]]);
  });

  it("draws percentages as they are, with a section header", () => {
    expect(body.widgets[0]).toMatchObject({ type: "text", properties: { markdown: "## PostgreSQL" } });
    const memory = body.widgets.find((w) => w.properties.title === "Cache memory");
    expect((memory?.properties.annotations as { horizontal: { value: number }[] }).horizontal.map((h) => h.value)).toEqual([80, 95]);
  });

  it("registers one dashboard per environment under mocks", async () => {
    const run = await runProgram({
      stack: "dev",
      program: () => {
        new StorageDashboard("dash", { environment: "dev", region: "eu-west-1", sections: [{ title: "Redis", graphs: [{ title: "Memory", metric: "cacheMemoryUsage", dimensions: { CacheClusterId: "r-001" }, threshold: matrixThreshold("redisMemoryUsage") }] }] });
        return {};
      },
    });
    const [dashboard] = ofType(run, "aws:cloudwatch/dashboard:Dashboard");
    expect(dashboard.inputs.dashboardName).toBe("sparki-dev-storage");
    expect(json<{ widgets: unknown[] }>(dashboard.inputs.dashboardBody).widgets).toHaveLength(2);
  });
});

describe("dashboard levels for a share of a capacity", () => {
  it("draws free storage below 20/10 % of 20 GiB at the byte values the alarm uses", () => {
    const body = JSON.parse(dashboardBody("eu-west-1", [{
      title: "PostgreSQL",
      graphs: [{ title: "Free storage", metric: "rdsFreeStorageSpace", dimensions: { DBInstanceIdentifier: "db" }, resolvedDimensions: { DBInstanceIdentifier: "db" }, threshold: platformThreshold("rdsFreeStoragePercent"), percentOf: { value: 20, unit: "gibibytes" } }],
    }])) as { widgets: { properties: { annotations?: { horizontal: { value: number }[] } } }[] };
    const levels = body.widgets[1].properties.annotations?.horizontal.map((h) => h.value);
    const alarmLevels = (["warning", "critical"] as const).map((s) => alarmLevel("rdsFreeStorageSpace", platformThreshold("rdsFreeStoragePercent"), s, { value: 20, unit: "gibibytes" }));
    expect(levels).toEqual(alarmLevels);
    expect(levels).toEqual([0.2 * 20 * 1024 ** 3, 0.1 * 20 * 1024 ** 3]);
  });
});

describe("one helper builds every alarm pair: naming, actions, tags and evaluation merge", () => {
  const topicArns = { warning: "arn:aws:sns:eu-west-1:111111111111:warn", critical: "arn:aws:sns:eu-west-1:111111111111:crit" };
  const run = runProgram({
    stack: "dev",
    program: () => {
      const parent = new pulumi.ComponentResource("sparki:test:Parent", "parent", {});
      severityAlarms({
        context: { environment: "dev", topicArns, evaluation: { warning: { datapointsToAlarm: 1 } } },
        base: "dev-thing-metric",
        threshold: { ...platformThreshold("rdsFreeStoragePercent"), source: "platform:test" },
        metricTag: "rdsFreeStorageSpace",
        measure: (severity, evaluation) => ({ namespace: "AWS/RDS", metricName: "FreeStorageSpace", statistic: "Minimum", threshold: severity === "warning" ? 2 : 1, period: evaluation.periodSeconds }),
      }, parent);
      new RateAlarmPair({
        context: { environment: "dev", topicArns, evaluation: { critical: { periodSeconds: 120, evaluationPeriods: 4 } } },
        subject: "artifacts", metric: "s3ClientErrors", of: "s3AllRequests",
        dimensions: { BucketName: "b", FilterId: "f" }, threshold: platformThreshold("s3ClientErrorRatePercent"),
      });
      return {};
    },
  });
  const alarms = async (prefix: string) => ofType(await run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => String(a.inputs.name).startsWith(prefix));

  it("names <base>-<severity>, notifies the severity's topic on alarm and OK, tags Severity/ThresholdSource/Metric", async () => {
    const [warning, critical] = (await alarms("dev-thing-metric")).sort((a, b) => String(b.inputs.name).localeCompare(String(a.inputs.name)));
    expect(warning.inputs).toMatchObject({
      name: "dev-thing-metric-warning", comparisonOperator: "LessThanThreshold", actionsEnabled: true,
      alarmActions: [topicArns.warning], okActions: [topicArns.warning], threshold: 2,
      tags: { Severity: "warning", ThresholdSource: "platform:test", Metric: "rdsFreeStorageSpace" },
      // The override replaces one field; the others keep the defaults.
      period: 300, evaluationPeriods: 3, datapointsToAlarm: 1,
    });
    expect(critical.inputs).toMatchObject({
      name: "dev-thing-metric-critical", alarmActions: [topicArns.critical], okActions: [topicArns.critical], threshold: 1,
      period: 60, evaluationPeriods: 5, datapointsToAlarm: 3, tags: { Severity: "critical" },
    });
  });

  it("gives a rate pair the same naming, actions, tags and merge, with the period inside its metric queries", async () => {
    const rate = await alarms("dev-artifacts-s3-client-errors-rate");
    expect(rate.map((a) => a.inputs.name).sort()).toEqual(["dev-artifacts-s3-client-errors-rate-critical", "dev-artifacts-s3-client-errors-rate-warning"]);
    const critical = rate.find((a) => String(a.inputs.name).endsWith("critical"));
    expect(critical?.inputs).toMatchObject({
      alarmActions: [topicArns.critical], okActions: [topicArns.critical], actionsEnabled: true, comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 4, datapointsToAlarm: 3, treatMissingData: "notBreaching", threshold: 20,
      tags: { Severity: "critical", ThresholdSource: "platform:s3ClientErrorRatePercent", Metric: "s3ClientErrors/s3AllRequests" },
    });
    expect(critical?.inputs).not.toHaveProperty("period");
    const queries = critical?.inputs.metricQueries as { metric?: { period: number } }[];
    expect(queries.flatMap((q) => (q.metric ? [q.metric.period] : []))).toEqual([120, 120]);
  });
});

describe("who may publish to the encrypted alert topics", () => {
  const scope = { accountId: "111111111111", region: "eu-west-1" };
  type Statement = { Sid: string; Principal: { Service?: string | string[] }; Action: string | string[]; Condition?: unknown };
  const services = (s: Statement) => [s.Principal.Service ?? []].flat();
  const keyStatements = (keyPolicyDocument(scope) as { Statement: Statement[] }).Statement;
  const keyStatementOf = (service: string) => keyStatements.filter((s) => services(s).includes(service));

  it("are CloudWatch alarms, EventBridge rules and RDS event subscriptions; no longer ElastiCache (it cannot use an encrypted topic)", () => {
    expect([...KEY_SERVICE_PUBLISHERS]).toEqual(["cloudwatch.amazonaws.com", "events.amazonaws.com", "events.rds.amazonaws.com"]);
    const publish = (topicPolicyDocument("arn:aws:sns:eu-west-1:111111111111:t", scope) as { Statement: Statement[] }).Statement
      .find((s) => s.Sid === "AccountServicesPublish");
    expect(publish && services(publish)).toEqual([...KEY_SERVICE_PUBLISHERS]);
    expect(publish?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111111111111" } });
  });

  it("may each encrypt messages with the key: CloudWatch and EventBridge without a condition KMS may not evaluate", () => {
    for (const service of KEY_SERVICE_PUBLISHERS) {
      expect(keyStatementOf(service), service).toEqual([expect.objectContaining({ Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" })]);
    }
    expect(keyStatementOf("cloudwatch.amazonaws.com")[0].Condition).toBeUndefined();
    expect(keyStatementOf("events.amazonaws.com")[0].Condition).toBeUndefined();
    expect(keyStatementOf("events.rds.amazonaws.com")[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111111111111" } });
    expect(keyStatements.flatMap(services)).not.toContain("elasticache.amazonaws.com");
  });
});
