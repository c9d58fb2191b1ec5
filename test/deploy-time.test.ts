import { describe, expect, it } from "vitest";
import { ancestors, deployTime } from "../scripts/offline/deploy-time/critical-path";
import { DURATIONS, SETUP_SECONDS } from "../scripts/offline/deploy-time/durations";
import { deployGraph, type DurationOf, keyOf, tableDuration } from "../scripts/offline/deploy-time/graph";
import { formatDuration } from "../scripts/offline/deploy-time/render";
import { stackRun } from "./harness";
import { ref, resource, runOf } from "./hand-built";

const T = "test:index/thing:Thing";
const thing = (name: string, more: Parameters<typeof resource>[3] = {}) => resource(T, name, {}, more);
/** Durations by name, so the arithmetic does not depend on the table. */
const seconds = (table: Record<string, number>): DurationOf => (r) => ({ seconds: table[r.name] ?? 0, variant: "", listed: true });
const names = (steps: readonly { name: string }[]) => steps.map((s) => s.name);
/** One preview run per stack for the whole file, as `npm run plan` does. */
const plans = { dev: stackRun("dev", true), prod: stackRun("prod", true) };

describe("critical path arithmetic on hand-built graphs", () => {
  it("takes the longest chain of data edges, parallel branches overlapping", () => {
    const a = thing("a");
    const b = thing("b", { dependencies: [ref(a)] });
    const c = thing("c", { dependencies: [ref(b)] });
    const d = thing("d");
    const report = deployTime(runOf(a, b, c, d), seconds({ a: 5, b: 10, c: 3, d: 17 }));
    expect(report.totalSeconds).toBe(18);
    expect(names(report.critical)).toEqual(["a", "b", "c"]);
    expect(report.critical.map((s) => [s.startSeconds, s.finishSeconds])).toEqual([[0, 5], [5, 15], [15, 18]]);
    expect(report.floorSeconds).toBe(18);
  });

  it("counts a dependsOn onto a slow resource in the total but not in the floor, and names it", () => {
    const db = thing("db");
    const alarm = thing("alarm", { dependsOn: [ref(db)] });
    const report = deployTime(runOf(db, alarm), seconds({ db: 600, alarm: 2 }));
    expect(report.totalSeconds).toBe(602);
    expect(report.floorSeconds).toBe(600);
    expect(report.addedEdges).toEqual([{ from: keyOf(db), to: keyOf(alarm), kind: "dependsOn", inherent: false }]);
    expect(report.orderingOnlyWaits).toEqual([{ resource: keyOf(alarm), waitsOn: [keyOf(db)] }]);
  });

  it("treats a dependsOn onto a setup resource as inherent (floor == total)", () => {
    const logs = thing("logs");
    const db = thing("db", { dependsOn: [ref(logs)] });
    const report = deployTime(runOf(logs, db), seconds({ logs: SETUP_SECONDS, db: 600 }));
    expect([report.totalSeconds, report.floorSeconds]).toEqual([600 + SETUP_SECONDS, 600 + SETUP_SECONDS]);
    expect(report.addedEdges).toEqual([]);
  });

  it("expands a dependency on a component to every custom resource below it", () => {
    const component = resource("test:index:Component", "component", {}, { custom: false });
    const inner = resource("test:index:Component", "inner", {}, { custom: false, parent: ref(component) });
    const fast = thing("fast", { parent: ref(component) });
    const slow = thing("slow", { parent: ref(inner) });
    const byData = thing("byData", { dependencies: [ref(component)] });
    const byOrder = thing("byOrder", { dependsOn: [ref(component)] });
    const durations = seconds({ fast: 10, slow: 300, byData: 1, byOrder: 1 });
    const graph = deployGraph(runOf(component, inner, fast, slow, byData, byOrder), durations);
    expect([...ancestors(graph, keyOf(byData))].sort()).toEqual([keyOf(fast), keyOf(slow)]);
    expect([...ancestors(graph, keyOf(byOrder))].sort()).toEqual([keyOf(fast), keyOf(slow)]);
    expect(graph.nodes.has(keyOf(component))).toBe(false); // components take no time
    expect(deployTime(runOf(component, inner, fast, slow, byData, byOrder), durations).totalSeconds).toBe(301);
  });

  it("makes a child wait for a custom parent, as added serialisation when the parent is slow", () => {
    const parent = thing("parent");
    const child = thing("child", { parent: ref(parent) });
    const report = deployTime(runOf(parent, child), seconds({ parent: 120, child: 5 }));
    expect(report.totalSeconds).toBe(125);
    expect(report.floorSeconds).toBe(120);
    expect(report.critical.at(-1)).toMatchObject({ name: "child", after: "parent" });
  });

  it("keeps the strongest reason when a pair has several edges", () => {
    const db = thing("db");
    const user = thing("user", { dependencies: [ref(db)], dependsOn: [ref(db)] });
    const report = deployTime(runOf(db, user), seconds({ db: 600, user: 1 }));
    expect(report.floorSeconds).toBe(601);
    expect(report.critical.at(-1)?.after).toBe("data");
  });

  it("refuses a dependency cycle", () => {
    const a = thing("a", { dependencies: [{ type: T, name: "b" }] });
    const b = thing("b", { dependencies: [ref(a)] });
    expect(() => deployTime(runOf(a, b), seconds({ a: 1, b: 1 }))).toThrow(/dependency cycle/);
  });
});

describe("the durations table", () => {
  const time = (type: string, inputs: Record<string, unknown>) => tableDuration(resource(type, "x", inputs));
  const RDS = "aws:rds/instance:Instance";

  // The table's numbers are estimates (each with its basis); what is tested is how they follow the inputs.
  it("picks the variant from the inputs: a Multi-AZ primary takes longer than a single-AZ one", () => {
    expect(time(RDS, { multiAz: true }).variant).toBe("Multi-AZ primary");
    expect(time(RDS, { multiAz: false }).variant).toBe("single-AZ primary");
    expect(time(RDS, { replicateSourceDb: "sparki-prod-postgres", multiAz: false }).variant).toBe("read replica");
    expect(time(RDS, { multiAz: true }).seconds).toBeGreaterThan(time(RDS, { multiAz: false }).seconds);
  });

  it("keys an RDS primary by engine: SQL Server takes longer than PostgreSQL or MySQL of the same shape", () => {
    for (const multiAz of [false, true]) {
      const neutral = time(RDS, { engine: "postgres", multiAz });
      expect(time(RDS, { engine: "mysql", multiAz })).toEqual(neutral);
      for (const engine of ["sqlserver-ex", "sqlserver-web", "sqlserver-se", "sqlserver-ee"]) {
        const sqlServer = time(RDS, { engine, multiAz });
        expect(sqlServer.variant, engine).toBe(multiAz ? "SQL Server Multi-AZ primary" : "SQL Server single-AZ primary");
        expect(sqlServer.seconds, engine).toBeGreaterThan(neutral.seconds);
      }
    }
    // A replica names no engine (it runs its source's): one replica figure for every engine.
    expect(time(RDS, { replicateSourceDb: "sparki-mssql-prod-mssql", multiAz: false }).variant).toBe("read replica");
  });

  it("lists the MySQL option group as a quick API call", () => {
    expect(time("aws:rds/optionGroup:OptionGroup", { namePrefix: "x-", engineName: "mysql" })).toMatchObject({ listed: true });
    expect(time("aws:rds/optionGroup:OptionGroup", {}).seconds).toBeLessThanOrEqual(SETUP_SECONDS);
  });

  it("grows with ElastiCache shards and with ordered StatefulSet pods, not with parallel ones", () => {
    const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
    expect(time(RG, { clusterMode: "enabled", numNodeGroups: 4 }).seconds).toBeGreaterThan(time(RG, { clusterMode: "enabled", numNodeGroups: 2 }).seconds);
    const STS = "kubernetes:apps/v1:StatefulSet";
    const parallel = (replicas: number) => time(STS, { spec: { replicas, podManagementPolicy: "Parallel" } }).seconds;
    const ordered = (replicas: number) => time(STS, { spec: { replicas } }).seconds;
    expect(parallel(4)).toBe(parallel(1));
    expect(ordered(3)).toBe(3 * ordered(1));
  });

  it("gives every variant a basis, and an unlisted type a reported default", () => {
    for (const [type, variants] of Object.entries(DURATIONS)) {
      for (const v of variants) expect(v.basis.note.length, type).toBeGreaterThan(10);
      expect(variants.slice(0, -1).every((v) => v.when !== undefined), `${type}: only the last variant may lack a condition`).toBe(true);
    }
    expect(time("aws:newservice/thing:Thing", {})).toEqual({ seconds: 10, variant: "not in the table", listed: false });
    const report = deployTime(runOf(resource("aws:newservice/thing:Thing", "x")));
    expect(report.unlistedTypes).toEqual(["aws:newservice/thing:Thing"]);
  });

  it("formats durations for people", () => {
    expect([formatDuration(45), formatDuration(60), formatDuration(22 * 60 + 7), formatDuration(3720)]).toEqual(["45 s", "1 min", "22 min 07 s", "1 h 02 min"]);
  });
});

describe.each(["dev", "prod"] as const)("deploy time of the real %s stack", (stack) => {
  const plan = plans[stack];
  const DATABASES = new Set(["aws:rds/instance:Instance", "aws:rds/proxy:Proxy", "aws:elasticache/replicationGroup:ReplicationGroup"]);

  it("has a critical path equal to its floor: the stack adds no serialisation", async () => {
    const report = deployTime(await plan);
    expect(report.addedEdges).toEqual([]);
    expect(report.totalSeconds).toBe(report.floorSeconds);
    expect(report.unlistedTypes).toEqual([]);
  });

  it("never makes dashboards, buckets or Kubernetes objects wait on a database unless they use its outputs", async () => {
    const run = await plan;
    const graph = deployGraph(run);
    const checked = run.resources.filter((r) => r.custom && /^(aws:cloudwatch\/dashboard|aws:s3\/|kubernetes:)/.test(r.type));
    expect(checked.length).toBeGreaterThan(20);
    for (const r of checked) {
      const databases = (filter?: (e: { kind: string }) => boolean) =>
        [...ancestors(graph, keyOf(r), filter)].filter((k) => DATABASES.has(graph.nodes.get(k)!.resource.type)).sort();
      expect(databases(), r.name).toEqual(databases((e) => e.kind === "data"));
    }
  });

  it("makes each alarm wait for the database it watches and for no other", async () => {
    const run = await plan;
    const graph = deployGraph(run);
    const alarms = run.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    const watches = (alarm: (typeof alarms)[number], db: (typeof run.resources)[number]) => {
      const dimensions = (alarm.inputs.dimensions ?? {}) as Record<string, string>;
      return db.inputs.identifier === dimensions.DBInstanceIdentifier
        || (typeof dimensions.CacheClusterId === "string" && dimensions.CacheClusterId.startsWith(`${String(db.inputs.replicationGroupId)}-`))
        || (dimensions.ProxyName !== undefined && db.inputs.name === dimensions.ProxyName);
    };
    let waiting = 0;
    for (const alarm of alarms) {
      // Direct ordering edges: what the alarm itself was told to wait for (a proxy target stands for its proxy).
      const ordered = [...graph.edges.values()].filter((e) => e.to === keyOf(alarm) && e.kind === "dependsOn").map((e) => graph.nodes.get(e.from)!.resource);
      const databases = ordered.flatMap((r) => r.type === "aws:rds/proxyTarget:ProxyTarget"
        ? run.resources.filter((p) => p.type === "aws:rds/proxy:Proxy" && p.inputs.name === r.inputs.dbProxyName)
        : DATABASES.has(r.type) ? [r] : []);
      for (const db of databases) expect(watches(alarm, db), `${alarm.name} waits for ${db.name}`).toBe(true);
      waiting += databases.length > 0 ? 1 : 0;
    }
    expect(waiting).toBeGreaterThan(20);
  });

  it("creates read replicas in parallel: none waits for another", async () => {
    const run = await plan;
    const graph = deployGraph(run);
    const replicas = run.resources.filter((r) => r.type === "aws:rds/instance:Instance" && typeof r.inputs.replicateSourceDb === "string");
    expect(replicas.length).toBe(stack === "prod" ? 2 : 0);
    for (const replica of replicas) {
      const waitsFor = [...ancestors(graph, keyOf(replica))];
      expect(waitsFor.filter((k) => replicas.some((other) => keyOf(other) === k))).toEqual([]);
    }
  });
});

describe("prod's critical chain", () => {
  it("is the Multi-AZ primary then a read replica, about 36 minutes", async () => {
    const report = deployTime(await plans.prod);
    const slow = report.critical.filter((s) => s.seconds > SETUP_SECONDS).map((s) => s.variant);
    expect(slow).toEqual(["Multi-AZ primary", "read replica"]);
    expect(report.totalSeconds).toBeGreaterThan(35 * 60);
    expect(report.totalSeconds).toBeLessThan(37 * 60);
  });
});
