import { describe, expect, it } from "vitest";
import {
  AlarmPair, alarmStatusWidgets, alarmTerm, anyInAlarmRule, COMPOSITE_LIMITS, CompositeMembers, CompositePaging, compositeProblems, childrenOfRule,
  groupMembers, pagingCompositeName, planPagingComposites, platformThreshold, resolvePagingCompositeArgs,
} from "../components/alerting";
import { runProgram } from "../scripts/offline/run-program";
import { ofType } from "./harness";

// CloudWatch API Reference, PutCompositeAlarm (checked 2026-11-29): at most 100 alarms in a rule, a rule of 1-10,240
// characters, a name of 1-255, at most 5 actions. Written out here as the oracle the component's constants must match.
const AWS = { children: 100, ruleLength: 10_240, nameLength: 255, actions: 5 };

const names = (n: number, width = 20) => Array.from({ length: n }, (_, i) => `a${String(i).padStart(width - 1, "0")}`);

describe("composite alarm limits", () => {
  it("are CloudWatch's", () => {
    expect(COMPOSITE_LIMITS).toMatchObject({ maxChildren: AWS.children, maxRuleLength: AWS.ruleLength, maxNameLength: AWS.nameLength, maxActions: AWS.actions });
  });
});

describe("rule expressions", () => {
  it("name each alarm in double quotes and OR them", () => {
    expect(alarmTerm("prod-x-critical")).toBe("ALARM(\"prod-x-critical\")");
    expect(anyInAlarmRule(["a", "b", "c"])).toBe("ALARM(\"a\") OR ALARM(\"b\") OR ALARM(\"c\")");
  });

  it("read back the names a rule refers to, whatever the state function", () => {
    expect(childrenOfRule("ALARM(\"a\") OR (OK(\"b\") AND INSUFFICIENT_DATA( \"c\" )) OR TRUE")).toEqual(["a", "b", "c"]);
  });

  it("keep every member in one group while it fits", () => {
    expect(groupMembers(names(100))).toEqual([names(100)]);
  });

  it("split at 100 alarms", () => {
    const groups = groupMembers(names(250));
    expect(groups.map((g) => g.length)).toEqual([100, 100, 50]);
    expect(groups.flat()).toEqual(names(250));
  });

  it("split where the rule would pass 10,240 characters, before 100 alarms", () => {
    // ALARM("<200 characters>") OR ... : 209 characters each plus 4 for " OR ".
    const long = names(60, 200);
    const groups = groupMembers(long);
    for (const g of groups) expect(anyInAlarmRule(g).length).toBeLessThanOrEqual(AWS.ruleLength);
    expect(groups[0].length).toBe(Math.floor((AWS.ruleLength + 4) / (9 + 200 + 4)));
    expect(groups.flat()).toEqual(long);
  });
});

describe("what CloudWatch would refuse", () => {
  it("accepts a plain OR of distinct alarms", () => {
    expect(compositeProblems("prod-x-paging", anyInAlarmRule(["a", "b"]), ["a", "b"])).toEqual([]);
  });

  it.each([
    ["a name over 255 characters", "n".repeat(256), ["a"], `composite alarm name ${"n".repeat(256)} is 256 characters; CloudWatch allows 1-255`],
    ["a rule over 10,240 characters", "c", names(50, 300), "the alarm rule of c is 15646 characters; CloudWatch allows 1-10240"],
    ["more than 100 alarms", "c", names(101, 5), "the alarm rule of c names 101 alarms; CloudWatch allows at most 100"],
    ["a name with a double quote", "c", ["a\"b"], "alarm names in a rule are double-quoted, so a\"b cannot be named in c"],
    ["an alarm named twice", "c", ["a", "a"], "the alarm rule of c names a more than once"],
    ["the composite itself", "c", ["c"], "composite alarm c names itself in its rule: a cycle CloudWatch stops evaluating"],
  ])("refuses %s", (_what, name, children, message) => {
    expect(compositeProblems(name, anyInAlarmRule(children), children)).toContain(message);
  });
});

describe("planPagingComposites", () => {
  it("plans one paging composite when the members fit one rule", () => {
    expect(planPagingComposites("prod-redis-paging", "redis", ["a", "b"], 100)).toEqual([
      { name: "prod-redis-paging", rule: "ALARM(\"a\") OR ALARM(\"b\")", children: ["a", "b"], pages: true },
    ]);
  });

  it("plans intermediate composites without actions past 100 members, and pages through one composite of them", () => {
    const planned = planPagingComposites("prod-redis-paging", "redis", names(230), 100);
    expect(planned.map((p) => [p.name, p.children.length, p.pages])).toEqual([
      ["prod-redis-paging-part-1", 100, false], ["prod-redis-paging-part-2", 100, false], ["prod-redis-paging-part-3", 30, false],
      ["prod-redis-paging", 3, true],
    ]);
    expect(planned[3].rule).toBe("ALARM(\"prod-redis-paging-part-1\") OR ALARM(\"prod-redis-paging-part-2\") OR ALARM(\"prod-redis-paging-part-3\")");
  });

  it("refuses a group without members", () => {
    expect(() => planPagingComposites("dev-x-paging", "x", [], 100)).toThrow("composite alarm dev-x-paging: x has no critical alarm to page for");
  });

  it("refuses a maxChildren outside 2-100", () => {
    expect(() => planPagingComposites("dev-x-paging", "x", ["a"], 101)).toThrow("composite alarm dev-x-paging: maxChildren is 101; allowed: an integer 2-100");
    expect(() => planPagingComposites("dev-x-paging", "x", ["a"], 1)).toThrow("composite alarm dev-x-paging: maxChildren is 1; allowed: an integer 2-100");
  });

  it("refuses more members than two levels hold", () => {
    expect(() => planPagingComposites("dev-x-paging", "x", names(7), 2)).toThrow("composite alarm dev-x-paging (x): 7 critical alarms need more than one level of intermediate composites");
  });

  it("refuses what CloudWatch refuses, naming the group", () => {
    expect(() => planPagingComposites("dev-x-paging", "x", ["a", "a"], 100)).toThrow("composite alarm dev-x-paging (x): the alarm rule of dev-x-paging names a more than once");
  });
});

describe("resolvePagingCompositeArgs", () => {
  it("defaults maxChildren to CloudWatch's 100 and keeps a given one", () => {
    const base = { name: "n", group: "g", members: [], pageTopicArn: "arn:aws:sns:eu-west-1:111111111111:crit" };
    expect(resolvePagingCompositeArgs(base).maxChildren).toBe(AWS.children);
    expect(resolvePagingCompositeArgs({ ...base, maxChildren: 10 }).maxChildren).toBe(10);
  });
});

describe("CompositeMembers", () => {
  it("refuses a member after the composite read them, naming both", () => {
    const members = new CompositeMembers("redis", "prod-redis-paging");
    members.add({ name: "a", alarm: {} as never });
    expect(members.seal().map((m) => m.name)).toEqual(["a"]);
    expect(() => members.add({ name: "late-critical", alarm: {} as never })).toThrow(
      "critical alarm late-critical (redis) was created after the composite alarm prod-redis-paging that pages for it: create every alarm before the composite alarms (stacks/program.ts)");
  });

  it("names a group's composite <env>-<group>-paging", () => {
    expect(pagingCompositeName("prod", "postgres")).toBe("prod-postgres-paging");
  });
});

describe("CompositePaging under mocks", () => {
  const topicArns = { warning: "arn:aws:sns:eu-west-1:111111111111:warn", critical: "arn:aws:sns:eu-west-1:111111111111:crit" };
  const late: string[] = [];
  const run = runProgram({
    stack: "dev",
    program: () => {
      const paging = new CompositePaging({ environment: "dev", topicArns });
      const pair = (group: string, subject: string, context = paging.contextFor(group)) => new AlarmPair({
        context, subject, metric: "rdsCpuUtilization",
        dimensions: { DBInstanceIdentifier: subject }, threshold: platformThreshold("rdsCpuUtilization"),
      });
      pair("postgres", "postgres-primary");
      pair("postgres", "postgres-replica-1");
      pair("redis", "redis-0001-001");
      for (let i = 1; i <= 101; i++) pair("memcache", `memcache-${String(i).padStart(4, "0")}`);
      paging.contextFor("quiet");
      const keptTooLong = paging.contextFor("postgres");
      paging.build("sparki-dev");
      for (const tooLate of [() => pair("postgres", "too-late", keptTooLong), () => paging.contextFor("other")]) {
        try {
          tooLate();
        } catch (error) {
          late.push((error as Error).message);
        }
      }
      return {};
    },
  });

  it("sends critical alarms to the warning topic, tagged with their composite; warning alarms unchanged", async () => {
    const alarms = ofType(await run, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const critical = alarms.find((a) => a.inputs.name === "dev-postgres-primary-rds-cpu-utilization-critical");
    expect(critical?.inputs).toMatchObject({ alarmActions: [topicArns.warning], okActions: [topicArns.warning], tags: { Severity: "critical", PagesThrough: "dev-postgres-paging" } });
    const warning = alarms.find((a) => a.inputs.name === "dev-postgres-primary-rds-cpu-utilization-warning");
    expect(warning?.inputs).toMatchObject({ alarmActions: [topicArns.warning], okActions: [topicArns.warning] });
    expect((warning?.inputs.tags as Record<string, string>).PagesThrough).toBeUndefined();
  });

  it("builds one composite per group with members, paging the critical topic, each a top-level component", async () => {
    const r = await run;
    const composites = ofType(r, "aws:cloudwatch/compositeAlarm:CompositeAlarm");
    expect(composites.filter((c) => !String(c.inputs.alarmName).startsWith("dev-memcache")).map((c) => c.inputs.alarmName).sort()).toEqual(["dev-postgres-paging", "dev-redis-paging"]);
    const postgres = composites.find((c) => c.inputs.alarmName === "dev-postgres-paging")!;
    expect(postgres.inputs).toMatchObject({
      alarmRule: "ALARM(\"dev-postgres-primary-rds-cpu-utilization-critical\") OR ALARM(\"dev-postgres-replica-1-rds-cpu-utilization-critical\")",
      alarmActions: [topicArns.critical], okActions: [topicArns.critical], actionsEnabled: true, tags: { Severity: "critical", PagesFor: "postgres" },
    });
    expect(postgres.options.dependsOn.map((d) => d.name).sort()).toEqual(["dev-postgres-primary-rds-cpu-utilization-critical", "dev-postgres-replica-1-rds-cpu-utilization-critical"]);
    expect(postgres.parent).toEqual({ type: "sparki:alerting:PagingCompositeAlarm", name: "sparki-dev-paging-postgres" });
    const component = r.resources.find((x) => x.name === "sparki-dev-paging-postgres");
    expect(component?.parent).toBeUndefined();
  });

  it("pages for 101 alarms through two intermediate composites without actions, created before it", async () => {
    const composites = ofType(await run, "aws:cloudwatch/compositeAlarm:CompositeAlarm").filter((c) => String(c.inputs.alarmName).startsWith("dev-memcache"));
    const byName = Object.fromEntries(composites.map((c) => [String(c.inputs.alarmName), c]));
    expect(Object.keys(byName).sort()).toEqual(["dev-memcache-paging", "dev-memcache-paging-part-1", "dev-memcache-paging-part-2"]);
    expect(byName["dev-memcache-paging"].inputs).toMatchObject({
      alarmRule: "ALARM(\"dev-memcache-paging-part-1\") OR ALARM(\"dev-memcache-paging-part-2\")", alarmActions: [topicArns.critical],
    });
    expect(byName["dev-memcache-paging"].options.dependsOn.map((d) => d.name).sort()).toEqual(["dev-memcache-paging-part-1", "dev-memcache-paging-part-2"]);
    for (const part of ["dev-memcache-paging-part-1", "dev-memcache-paging-part-2"]) {
      expect(byName[part].inputs.alarmActions, part).toBeUndefined();
      expect(byName[part].inputs.okActions, part).toBeUndefined();
    }
    expect(childrenOfRule(String(byName["dev-memcache-paging-part-1"].inputs.alarmRule))).toHaveLength(100);
    expect(childrenOfRule(String(byName["dev-memcache-paging-part-2"].inputs.alarmRule))).toEqual(["dev-memcache-0101-rds-cpu-utilization-critical"]);
  });

  it("throws for a critical alarm created after the composites, instead of leaving it paging nobody", async () => {
    await run;
    expect(late).toEqual([
      "critical alarm dev-too-late-rds-cpu-utilization-critical (postgres) was created after the composite alarm dev-postgres-paging that pages for it: create every alarm before the composite alarms (stacks/program.ts)",
      "composite paging: group other asked for an alarm context after the composite alarms were built",
    ]);
  });
});

describe("alarm status widgets", () => {
  const arns = (n: number, group: string) => Array.from({ length: n }, (_, i) => `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:${group}-${String(i).padStart(3, "0")}`);

  it("draw nothing without rows", () => {
    expect(alarmStatusWidgets([], "eu-west-1", 0)).toEqual({ widgets: [], height: 0 });
  });

  it("put the paging composites full width under a header, then each group's members three to a row, starting at y", () => {
    const { widgets, height } = alarmStatusWidgets([
      { title: "pages", alarmArns: arns(2, "p") }, { title: "a", alarmArns: arns(1, "a") }, { title: "b", alarmArns: arns(1, "b") },
      { title: "c", alarmArns: arns(1, "c") }, { title: "d", alarmArns: arns(1, "d") },
    ], "eu-west-1", 5);
    expect(widgets.map((w) => [w.type, w.x, w.y, w.width, w.height])).toEqual([
      ["text", 0, 5, 24, 1], ["alarm", 0, 6, 24, 3], ["alarm", 0, 9, 8, 6], ["alarm", 8, 9, 8, 6], ["alarm", 16, 9, 8, 6], ["alarm", 0, 15, 8, 6],
    ]);
    expect(height).toBe(1 + 3 + 2 * 6);
    expect(widgets[1]).toMatchObject({ properties: { title: "pages", region: "eu-west-1", alarms: arns(2, "p"), sortBy: "stateUpdatedTimestamp" } });
  });

  it("split a group of more than 100 alarms over numbered widgets", () => {
    const { widgets } = alarmStatusWidgets([{ title: "pages", alarmArns: arns(1, "p") }, { title: "redis", alarmArns: arns(150, "r") }], "eu-west-1", 0);
    const tiles = widgets.slice(2) as { properties: { title: string; alarms: string[] } }[];
    expect(tiles.map((t) => [t.properties.title, t.properties.alarms.length])).toEqual([["redis (1/2)", 100], ["redis (2/2)", 50]]);
  });
});
