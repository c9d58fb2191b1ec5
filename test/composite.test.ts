import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { ALARM_COMPOSITE_POLICIES } from "../policy/alarms-composite";
import { everyStack, type StackRef } from "../scripts/offline/stack-files";
import { adapterGroups, FOUNDATION } from "../scripts/offline/tree";
import { ADAPTER_REGISTRY } from "../stacks/adapters/registry";
import { capturedRun, KNOWN_AFTER_APPLY, ofType, type ProgramRun, type RegisteredResource } from "./harness";
import { runPack } from "./policy-harness";

const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";

const tagsOf = (r: RegisteredResource) => (r.inputs.tags ?? {}) as Record<string, string>;
const isCritical = (r: RegisteredResource) => r.type === METRIC_ALARM && tagsOf(r).Severity === "critical";

/** The alarm names an AlarmRule refers to, read with the documented `ALARM("name")` syntax (CloudWatch User Guide, "Combining alarms"). */
function namedIn(rule: unknown): string[] {
  return [...String(rule).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
}

/**
 * Which paging group each resource belongs to: its adapter (registry key) as the plan's summary groups them, or
 * `platform` for the foundation's (the stack's own alarms page through `<env>-platform-paging`).
 */
function ownerOf(run: ProgramRun): Map<RegisteredResource, string> {
  return new Map(adapterGroups(run).flatMap((g) => g.resources.map((r) => [r, g.key === FOUNDATION ? "platform" : g.key] as const)));
}

const label = (ref: StackRef) => (ref.stackDir ? `${basename(ref.stackDir)}/${ref.stack}` : ref.stack);
const STACK_REFS = everyStack().map((ref) => ({ ...ref, label: label(ref) }));

describe.each(STACK_REFS)("paging that pages once in $label", (ref) => {
  const run = () => capturedRun(ref);
  const pagingOf = (r: ProgramRun) => ofType(r, COMPOSITE).filter((c) => (c.inputs.alarmActions as unknown[] | undefined)?.length);

  it("has one paging composite <env>-<group>-paging per group of critical alarms: each adapter with any (in its plan row), or a stack-level group", async () => {
    const r = await run();
    const env = String((r.outputs.environment as { name: string }).name);
    const owner = ownerOf(r);
    const paging = pagingOf(r);
    const names = paging.map((c) => String(c.inputs.alarmName));
    expect(new Set(names).size).toBe(names.length);
    expect([...new Set(r.resources.filter(isCritical).map((a) => tagsOf(a).PagesThrough))].sort()).toEqual([...names].sort());
    for (const c of paging) {
      const group = tagsOf(c).PagesFor;
      expect(c.inputs.alarmName).toBe(`${env}-${group}-paging`);
      // An adapter's composite is in its plan row; a stack-level group's (platform, disaster-recovery) in the foundation's.
      const adapter = ADAPTER_REGISTRY.some((a) => a.key === group);
      expect(owner.get(c), String(c.inputs.alarmName)).toBe(adapter ? group : "platform");
    }
    // A critical alarm the plan puts in an adapter's row pages through that adapter's composite. (A component an
    // adapter's deployment registers at the top level, e.g. PostgreSQL's audit archive, is in the foundation's row.)
    for (const a of r.resources.filter((x) => isCritical(x) && owner.get(x) !== "platform")) {
      expect(tagsOf(a).PagesThrough, a.name).toBe(`${env}-${owner.get(a)}-paging`);
    }
  });

  it("ORs exactly the critical alarms that name it, each once, and waits for each alarm it names", async () => {
    const r = await run();
    const composites = ofType(r, COMPOSITE);
    const byName = new Map(composites.map((c) => [String(c.inputs.alarmName), c]));
    // Members of a paging composite, through intermediate composites when a group has more than one rule's worth.
    const members = (c: RegisteredResource): string[] => namedIn(c.inputs.alarmRule).flatMap((n) => (byName.has(n) ? members(byName.get(n)!) : [n]));
    for (const c of pagingOf(r)) {
      const expected = r.resources.filter((a) => isCritical(a) && tagsOf(a).PagesThrough === c.inputs.alarmName).map((a) => String(a.inputs.name));
      expect(members(c).sort(), String(c.inputs.alarmName)).toEqual(expected.sort());
      expect(String(c.inputs.alarmRule)).toMatch(/^ALARM\("[^"]+"\)( OR ALARM\("[^"]+"\))*$/);
    }
    // "All the underlying alarms in your composite alarm must be in the same account and the same Region" (CloudWatch
    // User Guide, "Combining alarms", checked 2026-11-29): every member uses the composite's provider.
    for (const c of pagingOf(r)) {
      const other = members(c).map((n) => r.resources.find((x) => x.type === METRIC_ALARM && x.inputs.name === n)!).filter((a) => a.provider !== c.provider);
      expect(other.map((a) => a.name), String(c.inputs.alarmName)).toEqual([]);
    }
    for (const c of composites) {
      const waits = new Set(c.options.dependsOn.map((d) => d.name));
      const missing = namedIn(c.inputs.alarmRule).filter((n) => {
        const child = r.resources.find((x) => (x.type === METRIC_ALARM && x.inputs.name === n) || (x.type === COMPOSITE && x.inputs.alarmName === n));
        return !child || !waits.has(child.name);
      });
      expect(missing, String(c.inputs.alarmName)).toEqual([]);
    }
  });

  it("pages the critical topic on ALARM and on OK; the members tell the warning topic", async () => {
    const r = await run();
    const topics = r.outputs.alertTopicArns as { warning: string; critical: string };
    for (const c of pagingOf(r)) {
      expect(c.inputs, String(c.inputs.alarmName)).toMatchObject({ actionsEnabled: true, alarmActions: [topics.critical], okActions: [topics.critical], tags: { Severity: "critical" } });
    }
    for (const a of r.resources.filter(isCritical)) {
      expect(a.inputs.alarmActions, a.name).toEqual([topics.warning]);
      expect(a.inputs.okActions, a.name).toEqual([topics.warning]);
    }
    // No CloudWatch alarm but the composites reaches the critical topic.
    expect(ofType(r, METRIC_ALARM).filter((a) => JSON.stringify([a.inputs.alarmActions, a.inputs.okActions]).includes(topics.critical)).map((a) => a.name)).toEqual([]);
  });

  it("passes the paging policies", async () => {
    const pack = await runPack(await run(), { all: "mandatory" }, ALARM_COMPOSITE_POLICIES);
    expect(pack.violations).toEqual([]);
    expect(pack.couldNotRun).toEqual([]);
  });
});

describe("composite alarms in a preview", () => {
  it.each(["dev", "prod"])("%s: names, rules and dependencies are known before any ARN is", async (stack) => {
    const preview = await capturedRun({ stack }, true);
    const composites = ofType(preview, COMPOSITE);
    expect(composites.length).toBeGreaterThan(0);
    for (const c of composites) {
      expect(c.inputs.alarmName, c.name).not.toBe(KNOWN_AFTER_APPLY);
      expect(namedIn(c.inputs.alarmRule).length, c.name).toBeGreaterThan(0);
      expect(c.options.dependsOn.length, c.name).toBe(namedIn(c.inputs.alarmRule).length);
    }
  });
});

describe("composite alarms in dev and prod", () => {
  it.each([
    ["dev", ["postgres", "redis", "s3"]],
    // Prod also copies to a second Region (disasterRecovery), whose replication alarms page through their own composite.
    ["prod", ["disaster-recovery", "postgres", "redis", "s3"]],
  ] as const)("%s pages once per group: %j", async (stack, groups) => {
    const r = await capturedRun({ stack });
    const paging = ofType(r, COMPOSITE).filter((c) => (c.inputs.alarmActions as unknown[] | undefined)?.length);
    expect(paging.map((c) => c.inputs.alarmName).sort()).toEqual(groups.map((g) => `${stack}-${g}-paging`));
    // An incident in prod's Redis (several nodes, several watches each) is many critical alarms and one page.
    const redis = paging.find((c) => c.inputs.alarmName === `${stack}-redis-paging`)!;
    expect(namedIn(redis.inputs.alarmRule).length).toBeGreaterThan(stack === "prod" ? 10 : 3);
  });
});

describe("the paging rows of the dashboard", () => {
  it.each(["dev", "prod"])("%s: the composites first, then every critical alarm, by ARN, in alarm status widgets", async (stack) => {
    const r = await capturedRun({ stack });
    const [dashboard] = ofType(r, "aws:cloudwatch/dashboard:Dashboard");
    const widgets = (JSON.parse(String(dashboard.inputs.dashboardBody)) as { widgets: { type: string; y: number; properties: { title?: string; alarms?: string[] } }[] }).widgets;
    const alarmWidgets = widgets.filter((w) => w.type === "alarm");
    const prefix = `arn:aws:cloudwatch:${String((r.outputs.environment as { region: string }).region)}:`;
    const composites = ofType(r, COMPOSITE).filter((c) => (c.inputs.alarmActions as unknown[] | undefined)?.length);
    expect(alarmWidgets[0].properties.alarms?.map((a) => a.split(":alarm:")[1]).sort()).toEqual(composites.map((c) => String(c.inputs.alarmName)).sort());
    const shown = alarmWidgets.slice(1).flatMap((w) => w.properties.alarms ?? []);
    const critical = r.resources.filter(isCritical).map((a) => String(a.inputs.name));
    expect(shown.map((a) => a.split(":alarm:")[1]).sort()).toEqual(critical.sort());
    for (const a of shown) expect(a.startsWith(prefix), a).toBe(true);
    // The paging rows come before the first graph.
    expect(Math.max(...alarmWidgets.map((w) => w.y))).toBeLessThan(Math.min(...widgets.filter((w) => w.type === "metric").map((w) => w.y)));
  });
});
