import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { ALARM_COMPOSITE_POLICIES, compositeAlarmRule, criticalPagesOnce } from "../policy/alarms-composite";
import { POLICIES } from "../policy/policies";
import { checkStack, pulumiType, type StackInput, UNKNOWN } from "./policy-harness";

const ALARM = pulumiType(aws.cloudwatch.MetricAlarm);
const COMPOSITE = pulumiType(aws.cloudwatch.CompositeAlarm);
const WARN = "arn:aws:sns:eu-west-1:111111111111:sparki-prod-alerts-warning";
const PAGE = "arn:aws:sns:eu-west-1:111111111111:sparki-prod-alerts-critical";

const alarm = (name: string, severity: "warning" | "critical", actions: unknown[] = [WARN]): StackInput => ({
  type: ALARM, name, urn: `urn:${name}`, props: { name, alarmActions: actions, okActions: actions, actionsEnabled: true, tags: { Severity: severity } },
});
const composite = (name: string, members: readonly string[], props: Record<string, unknown> = {}, dependsOn: readonly string[] = members): StackInput => ({
  type: COMPOSITE, name, urn: `urn:${name}`, dependsOnNames: [...dependsOn],
  props: { alarmName: name, alarmRule: members.map((m) => `ALARM("${m}")`).join(" OR "), alarmActions: [PAGE], okActions: [PAGE], actionsEnabled: true, ...props },
});

/** A healthy stack: two critical members (one through an intermediate composite) and a warning alarm. */
const healthy = (): StackInput[] => [
  alarm("a-critical", "critical"), alarm("b-critical", "critical"), alarm("a-warning", "warning"),
  composite("prod-x-paging-part-1", ["b-critical"], { alarmActions: undefined, okActions: undefined }),
  composite("prod-x-paging", ["a-critical", "prod-x-paging-part-1"]),
];

describe("alarms-composite-pages-once", () => {
  it("passes critical alarms that page through a composite, directly or through an intermediate one", async () => {
    expect(await checkStack(criticalPagesOnce, healthy())).toMatchObject({ violations: [] });
  });

  it("fails a critical alarm in no paging composite", async () => {
    const stack = [...healthy(), alarm("c-critical", "critical")];
    expect((await checkStack(criticalPagesOnce, stack)).violations).toEqual([
      "critical alarm c-critical is in no composite alarm that pages: add it to its adapter's composite (components/alerting CompositePaging).",
    ]);
  });

  it("fails a critical alarm that only an intermediate composite without actions names, and no paging composite reaches", async () => {
    const stack = [alarm("a-critical", "critical"), composite("lonely-part", ["a-critical"], { alarmActions: undefined }), composite("prod-x-paging", ["b"])];
    expect((await checkStack(criticalPagesOnce, stack)).violations).toEqual([
      "critical alarm a-critical is in no composite alarm that pages: add it to its adapter's composite (components/alerting CompositePaging).",
    ]);
  });

  it("fails a critical member that also notifies the paging topic itself (the stack before composites: every critical alarm paged)", async () => {
    const stack = [alarm("a-critical", "critical", [PAGE]), composite("prod-x-paging", ["a-critical"])];
    expect((await checkStack(criticalPagesOnce, stack)).violations).toEqual([
      `critical alarm a-critical notifies ${PAGE} itself, which its composite alarm pages: it would page a second time for the same incident. Send it to the warning topic.`,
    ]);
  });

  it("fails a critical alarm whose only paging composite has its actions disabled (actionsEnabled: false runs no action)", async () => {
    const stack = [alarm("a-critical", "critical"), composite("prod-x-paging", ["a-critical"], { actionsEnabled: false })];
    expect((await checkStack(criticalPagesOnce, stack)).violations).toEqual([
      "critical alarm a-critical is in no composite alarm that pages: add it to its adapter's composite (components/alerting CompositePaging).",
    ]);
  });

  it("fails every critical alarm of a stack without composites", async () => {
    const stack = [alarm("a-critical", "critical", [PAGE])];
    expect((await checkStack(criticalPagesOnce, stack)).violations).toEqual([
      "critical alarm a-critical is in no composite alarm that pages: add it to its adapter's composite (components/alerting CompositePaging).",
    ]);
  });

  it("judges nothing while a composite's rule or a member's actions are unknown (preview)", async () => {
    expect((await checkStack(criticalPagesOnce, [alarm("a-critical", "critical", [UNKNOWN]), composite("prod-x-paging", ["a-critical"])])).violations).toEqual([]);
    expect((await checkStack(criticalPagesOnce, [alarm("a-critical", "critical"), composite("prod-x-paging", ["a-critical"], { alarmRule: UNKNOWN })])).violations).toEqual([]);
  });

  it("is not applicable without critical alarms", async () => {
    expect((await checkStack(criticalPagesOnce, [alarm("a-warning", "warning")])).notApplicable).toBe("no critical CloudWatch alarms");
  });
});

describe("engine-composite-alarm-rule (counterexamples)", () => {
  it("passes composites that name alarms the stack creates first", async () => {
    expect(await checkStack(compositeAlarmRule, healthy())).toMatchObject({ violations: [] });
  });

  const many = (n: number) => Array.from({ length: n }, (_, i) => `m-${String(i).padStart(3, "0")}-critical`);

  it.each([
    ["a name over 255 characters", [alarm("a", "critical"), composite("n".repeat(256), ["a"])], `${"n".repeat(256)}: alarmName is 256 characters (1-255).`],
    ["a rule over 10,240 characters", [...many(100).map((m) => alarm(`${m}${"x".repeat(100)}`, "critical")), composite("c", many(100).map((m) => `${m}${"x".repeat(100)}`))],
      "c: alarmRule is 12696 characters (1-10240)."],
    ["101 alarms in a rule", [...many(101).map((m) => alarm(m, "critical")), composite("c", many(101))], "c: alarmRule names 101 alarms (at most 100)."],
    ["the composite in its own rule", [alarm("a", "critical"), composite("c", ["a", "c"], {}, ["a"])], "c: alarmRule names the composite itself (a cycle)."],
    ["an alarm the stack does not create", [composite("c", ["gone"])], "c: alarmRule names gone, which the stack does not create."],
    ["six alarm actions", [alarm("a", "critical"), composite("c", ["a"], { alarmActions: Array.from({ length: 6 }, (_, i) => `${PAGE}-${i}`) })], "c: alarmActions lists 6 actions (at most 5)."],
    ["an EC2 action", [alarm("a", "critical"), composite("c", ["a"], { okActions: ["arn:aws:automate:eu-west-1:ec2:stop"] })],
      "c: okActions has arn:aws:automate:eu-west-1:ec2:stop: a composite alarm only notifies SNS, invokes Lambda or opens Systems Manager OpsItems/incidents."],
    ["a member it does not wait for", [alarm("a", "critical"), alarm("b", "critical"), composite("c", ["a", "b"], {}, ["a"])],
      "c: does not wait for b, which its rule names (add them to dependsOn)."],
  ])("fails %s", async (_what, stack, message) => {
    expect((await checkStack(compositeAlarmRule, stack)).violations).toContain(message);
  });

  it("judges nothing it cannot read while values are unknown (preview)", async () => {
    const stack = [alarm("a", "critical"), composite("c", ["a"], { alarmRule: UNKNOWN, alarmActions: [UNKNOWN] })];
    expect((await checkStack(compositeAlarmRule, stack)).violations).toEqual([]);
  });

  it("is not applicable without composite alarms", async () => {
    expect((await checkStack(compositeAlarmRule, [alarm("a", "critical")])).notApplicable).toBe("no composite alarms");
  });
});

describe("the paging policies in the pack", () => {
  it("are registered, the engine rule tagged as one", () => {
    const names = POLICIES.map((p) => p.name);
    expect(ALARM_COMPOSITE_POLICIES.map((p) => p.name).filter((n) => !names.includes(n))).toEqual([]);
    expect(compositeAlarmRule.tags).toContain("engine-rule");
    expect(compositeAlarmRule.description).toMatch(/^\[Engine rule\] .+ \(.+; checked \d{4}-\d{2}-\d{2}\)$/);
  });
});
