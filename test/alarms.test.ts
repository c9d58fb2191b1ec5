import { describe, expect, it } from "vitest";
import { METRICS } from "../components/alerting";
import { ALERT_THRESHOLDS, type AlertThresholdKey, POSTGRES_POOL } from "../components/matrix";
import { ofType, type ProgramRun, type RegisteredResource, STACKS, stackRun } from "./harness";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

type Inputs = Record<string, unknown>;
type CatalogEntry = (typeof METRICS)[keyof typeof METRICS];

/** Size of each unit in its family's base, written out here so the check does not reuse the alerting code. */
const BASE: Record<string, number> = { seconds: 1, milliseconds: 1e-3, microseconds: 1e-6, bytes: 1, gibibytes: 1024 ** 3, percent: 1, count: 1 };

/** The catalog entry with this namespace, metric name and exactly these dimension keys. */
function catalogEntry(namespace: unknown, metricName: unknown, dimensions: unknown): CatalogEntry | undefined {
  const keys = Object.keys(dimensions ?? {}).sort().join(",");
  return Object.values(METRICS).find((m) => m.namespace === namespace && m.metricName === metricName && [...m.dimensions].sort().join(",") === keys);
}

/** The single metric a plain alarm watches, or every metric of a metric-math alarm. */
function watched(alarm: Inputs): { namespace: unknown; metricName: unknown; dimensions: unknown }[] {
  const queries = alarm.metricQueries as { metric?: { namespace: unknown; metricName: unknown; dimensions: unknown } }[] | undefined;
  return queries ? queries.flatMap((q) => (q.metric ? [q.metric] : [])) : [{ namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions }];
}

/**
 * What 100 % is for a percent threshold on an absolute metric, found from the resources themselves: the proxy
 * pool is max_connections (its target's parameter group) times the default target group's maxConnectionsPercent.
 */
const HUNDRED_PERCENT: Partial<Record<AlertThresholdKey, (run: ProgramRun, dimensions: Record<string, string>) => number>> = {
  postgresConnectionPoolUsage: (run, dimensions) => {
    const byProxy = (type: string) => ofType(run, type).filter((r) => r.inputs.dbProxyName === dimensions.ProxyName);
    const [targetGroup] = byProxy("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup");
    const [target] = byProxy("aws:rds/proxyTarget:ProxyTarget");
    const instance = ofType(run, "aws:rds/instance:Instance").find((i) => i.inputs.identifier === target.inputs.dbInstanceIdentifier);
    const group = ofType(run, "aws:rds/parameterGroup:ParameterGroup")
      .find((g) => String(instance?.inputs.parameterGroupName).startsWith(String(g.inputs.namePrefix)));
    const maxConnections = Number((group?.inputs.parameters as { name: string; value: string }[]).find((p) => p.name === "max_connections")?.value);
    const percent = (targetGroup.inputs.connectionPoolConfig as { maxConnectionsPercent: number }).maxConnectionsPercent;
    const pool = Math.floor((maxConnections * percent) / 100);
    // The proxy never opens more than the matrix allows.
    expect(pool).toBeGreaterThan(0);
    expect(pool).toBeLessThanOrEqual(POSTGRES_POOL.maxConnections);
    return pool;
  },
};

function expectClose(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: threshold ${actual}, expected ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe.each(STACKS)("every CloudWatch alarm of %s", (stack) => {
  const alarmsOf = async () => {
    const run = await stackRun(stack);
    return { run, alarms: ofType(run, ALARM) };
  };

  it("exists (the checks below are not vacuous)", async () => {
    const { alarms } = await alarmsOf();
    expect(alarms.length).toBeGreaterThan(0);
  });

  it("watches catalog metrics only: namespace, metric name and the exact dimension keys", async () => {
    const { alarms } = await alarmsOf();
    for (const a of alarms) {
      const metrics = watched(a.inputs);
      expect(metrics.length, a.name).toBeGreaterThan(0);
      for (const m of metrics) expect(catalogEntry(m.namespace, m.metricName, m.dimensions), `${a.name}: ${String(m.namespace)} ${String(m.metricName)} ${JSON.stringify(m.dimensions)}`).toBeDefined();
    }
  });

  it("notifies the warning topic on alarm and on recovery, with actions enabled (critical ones page through their composite: test/composite.test.ts)", async () => {
    const { run, alarms } = await alarmsOf();
    const topics = run.outputs.alertTopicArns as Record<string, string>;
    for (const a of alarms) {
      const severity = (a.inputs.tags as Record<string, string>).Severity;
      expect(["warning", "critical"], a.name).toContain(severity);
      expect(a.inputs.actionsEnabled, a.name).toBe(true);
      expect(a.inputs.alarmActions, a.name).toEqual([topics.warning]);
      expect(a.inputs.okActions, a.name).toEqual([topics.warning]);
    }
  });

  it("uses extendedStatistic (and no statistic) for percentiles, on metrics that have them", async () => {
    const { alarms } = await alarmsOf();
    for (const a of alarms.filter((x) => x.inputs.metricQueries === undefined)) {
      const entry = catalogEntry(a.inputs.namespace, a.inputs.metricName, a.inputs.dimensions);
      if (a.inputs.extendedStatistic !== undefined) {
        expect(a.inputs.statistic, a.name).toBeUndefined();
        expect(a.inputs.extendedStatistic, a.name).toMatch(/^p\d{1,2}(\.\d+)?$/);
        expect(entry?.percentiles, a.name).toBe(true);
      } else {
        expect(["Average", "Maximum", "Minimum", "Sum", "SampleCount"], a.name).toContain(a.inputs.statistic);
      }
    }
  });

  it(`has a unique name starting with "${stack}-"`, async () => {
    const { alarms } = await alarmsOf();
    const names = alarms.map((a) => String(a.inputs.name));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.startsWith(`${stack}-`), n).toBe(true);
  });

  it("takes a matrix threshold at exactly the matrix level, in the metric's unit", async () => {
    const { run, alarms } = await alarmsOf();
    const fromMatrix = alarms.filter((a) => String((a.inputs.tags as Record<string, string>).ThresholdSource).startsWith("matrix:"));
    expect(fromMatrix.length).toBeGreaterThan(0);
    const keysSeen = new Set<string>();
    for (const a of fromMatrix) expectMatrixLevel(run, a, keysSeen);
    // Every spec row of an adapter this stack deploys (its Fiber outputs are present) is alarmed on.
    const deployed = Object.values(ALERT_THRESHOLDS).filter((t) => t.adapter in run.outputs).map((t) => t.key);
    expect(deployed.length).toBeGreaterThan(0);
    expect([...keysSeen].sort()).toEqual(expect.arrayContaining(deployed));
  });
});

function expectMatrixLevel(run: ProgramRun, alarm: RegisteredResource, keysSeen: Set<string>): void {
  const tags = alarm.inputs.tags as Record<string, string>;
  const key = tags.ThresholdSource.slice("matrix:".length) as AlertThresholdKey;
  const spec = ALERT_THRESHOLDS[key];
  expect(spec, `${alarm.name}: unknown matrix key ${key}`).toBeDefined();
  keysSeen.add(key);
  const level = spec[tags.Severity as "warning" | "critical"];
  expect(alarm.inputs.metricQueries, `${alarm.name}: matrix thresholds on metric math need a rule here`).toBeUndefined();
  const entry = catalogEntry(alarm.inputs.namespace, alarm.inputs.metricName, alarm.inputs.dimensions);
  if (!entry) throw new Error(`${alarm.name}: not a catalog metric`);
  if (spec.statistic === "p95") expect(alarm.inputs.extendedStatistic, alarm.name).toBe("p95");
  let expected: number;
  if (spec.unit === "percent" && entry.unit !== "percent") {
    const hundred = HUNDRED_PERCENT[key];
    if (!hundred) throw new Error(`${alarm.name}: ${key} is a percentage of an absolute metric; say here what 100 % is`);
    expected = (level / 100) * hundred(run, alarm.inputs.dimensions as Record<string, string>);
  } else {
    expected = (level * BASE[spec.unit]) / BASE[entry.unit];
  }
  expectClose(Number(alarm.inputs.threshold), expected, alarm.name);
}
