import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { childrenOfRule, COMPOSITE_LIMITS, COMPOSITE_SOURCE } from "../components/alerting/composite-rule";
import { baseline, engineRule } from "./lib/controls";
import { definitely, read } from "./lib/values";

/**
 * Paging that pages once (components/alerting/composite-paging.ts): critical alarms page through composite alarms,
 * never on their own; and what CloudWatch refuses in a composite alarm.
 */

const CHECKED = "2026-11-29";

/** A value when known (a string, or an array of known strings); undefined while any part is unknown (preview). */
function knownString(get: () => unknown): string | undefined {
  const r = read(get);
  return r.known && typeof r.value === "string" ? r.value : undefined;
}
function knownStrings(get: () => unknown): string[] | undefined {
  // Every item is read inside `read`: an item unknown during preview throws when touched.
  const r = read(() => {
    const value = get();
    if (value === undefined) return [];
    return Array.isArray(value) ? value.map((v: unknown) => (typeof v === "string" ? v : undefined)) : [undefined];
  });
  if (!r.known) return undefined;
  const strings = r.value.filter((v): v is string => v !== undefined);
  return strings.length === r.value.length ? strings : undefined;
}

interface Composite {
  readonly resource: PolicyResource;
  readonly name: string | undefined;
  readonly rule: string | undefined;
  readonly actions: string[] | undefined;
  /** False when `actionsEnabled: false`: CloudWatch then runs none of its actions, so it pages nobody. */
  readonly actionsEnabled: boolean;
}

function compositesOf(resources: readonly PolicyResource[]): Composite[] {
  return resources.filter((r) => r.isType(aws.cloudwatch.CompositeAlarm)).map((resource) => {
    const c = resource.asType(aws.cloudwatch.CompositeAlarm);
    return {
      resource,
      name: knownString(() => c?.alarmName),
      rule: knownString(() => c?.alarmRule),
      actions: knownStrings(() => c?.alarmActions),
      actionsEnabled: !definitely(() => c?.actionsEnabled === false),
    };
  });
}

/** Names of the alarms whose ALARM state reaches a composite that notifies someone, through any chain of composites. */
function pagedNames(composites: readonly Composite[]): { names: Set<string>; pageActions: Set<string> } {
  const byName = new Map(composites.filter((c) => c.name !== undefined).map((c) => [c.name!, c]));
  const names = new Set<string>();
  const pageActions = new Set<string>();
  const visit = (c: Composite, seen: Set<string>) => {
    for (const child of childrenOfRule(c.rule ?? "")) {
      if (seen.has(child)) continue;
      seen.add(child);
      names.add(child);
      const nested = byName.get(child);
      if (nested) visit(nested, seen);
    }
  };
  // "ActionsEnabled: Indicates whether actions should be executed during any changes to the alarm state of the
  // composite alarm" (CloudWatch API Reference, PutCompositeAlarm; checked 2026-11-29): a disabled one pages nobody.
  for (const c of composites.filter((x) => (x.actions ?? []).length > 0 && x.actionsEnabled)) {
    (c.actions ?? []).forEach((a) => pageActions.add(a));
    visit(c, new Set());
  }
  return { names, pageActions };
}

export const criticalPagesOnce: StackValidationPolicy = {
  name: "alarms-composite-pages-once",
  ...baseline("Sparki baseline: paging", "Every critical CloudWatch alarm pages through a composite alarm and never notifies the paging topic itself, so one incident pages once.", "medium",
    "Create alarms with components/alerting under the stack's alarm context (stacks/program.ts hands each adapter one from CompositePaging): critical alarms then notify the warning topic and join their adapter's composite."),
  validateStack: (args, report) => {
    const critical = args.resources.filter((r) => r.isType(aws.cloudwatch.MetricAlarm)
      && knownString(() => r.asType(aws.cloudwatch.MetricAlarm)?.tags?.Severity) === "critical");
    if (critical.length === 0) args.notApplicable("no critical CloudWatch alarms");
    const composites = compositesOf(args.resources);
    // A name or rule still unknown (preview) proves nothing either way.
    if (composites.some((c) => c.name === undefined || c.rule === undefined || c.actions === undefined)) return;
    const { names, pageActions } = pagedNames(composites);
    for (const alarm of critical) {
      const a = alarm.asType(aws.cloudwatch.MetricAlarm);
      const name = knownString(() => a?.name);
      const actions = knownStrings(() => a?.alarmActions);
      if (name === undefined || actions === undefined) continue;
      if (!names.has(name)) report(`critical alarm ${name} is in no composite alarm that pages: add it to its adapter's composite (components/alerting CompositePaging).`, alarm.urn);
      const direct = actions.filter((x) => pageActions.has(x));
      if (direct.length > 0) report(`critical alarm ${name} notifies ${direct.join(", ")} itself, which its composite alarm pages: it would page a second time for the same incident. Send it to the warning topic.`, alarm.urn);
    }
  },
};

/** What CloudWatch would refuse in one composite alarm (names, rule, actions), given the alarm names the stack creates. */
export function compositeAlarmProblems(c: { name?: string; rule?: string; actions?: readonly string[]; okActions?: readonly string[] }, stackAlarmNames?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const label = c.name ?? "composite alarm";
  if (c.name !== undefined && (c.name.length < 1 || c.name.length > COMPOSITE_LIMITS.maxNameLength)) problems.push(`alarmName is ${c.name.length} characters (1-${COMPOSITE_LIMITS.maxNameLength})`);
  if (c.rule !== undefined) {
    const children = childrenOfRule(c.rule);
    if (c.rule.length < 1 || c.rule.length > COMPOSITE_LIMITS.maxRuleLength) problems.push(`alarmRule is ${c.rule.length} characters (1-${COMPOSITE_LIMITS.maxRuleLength})`);
    if (new Set(children).size > COMPOSITE_LIMITS.maxChildren) problems.push(`alarmRule names ${new Set(children).size} alarms (at most ${COMPOSITE_LIMITS.maxChildren})`);
    if (c.name !== undefined && children.includes(c.name)) problems.push("alarmRule names the composite itself (a cycle)");
    const missing = stackAlarmNames ? children.filter((n) => !stackAlarmNames.has(n)) : [];
    if (missing.length > 0) problems.push(`alarmRule names ${missing.join(", ")}, which the stack does not create`);
  }
  for (const [field, list] of [["alarmActions", c.actions], ["okActions", c.okActions]] as const) {
    if (list === undefined) continue;
    if (list.length > COMPOSITE_LIMITS.maxActions) problems.push(`${field} lists ${list.length} actions (at most ${COMPOSITE_LIMITS.maxActions})`);
    const other = list.filter((arn) => !/^arn:aws[a-z-]*:(sns|lambda|ssm|ssm-incidents):/.test(arn));
    if (other.length > 0) problems.push(`${field} has ${other.join(", ")}: a composite alarm only notifies SNS, invokes Lambda or opens Systems Manager OpsItems/incidents`);
  }
  return problems.length > 0 ? [`${label}: ${problems.join("; ")}`] : [];
}

export const compositeAlarmRule: StackValidationPolicy = {
  name: "engine-composite-alarm-rule",
  ...engineRule(COMPOSITE_SOURCE, CHECKED,
    `A composite alarm's name is 1-${COMPOSITE_LIMITS.maxNameLength} characters, its rule 1-${COMPOSITE_LIMITS.maxRuleLength} characters naming at most ${COMPOSITE_LIMITS.maxChildren} alarms that exist (not itself), each created before it; at most ${COMPOSITE_LIMITS.maxActions} actions per state, SNS, Lambda or Systems Manager only.`,
    "Build composites with components/alerting PagingCompositeAlarm: it splits members into intermediate composites past 100 alarms or 10,240 characters and waits for every member."),
  validateStack: (args, report) => {
    const composites = args.resources.filter((r) => r.isType(aws.cloudwatch.CompositeAlarm));
    if (composites.length === 0) args.notApplicable("no composite alarms");
    const alarmNameOf = new Map<string, PolicyResource>();
    for (const r of args.resources) {
      const name = r.isType(aws.cloudwatch.MetricAlarm) ? knownString(() => r.asType(aws.cloudwatch.MetricAlarm)?.name)
        : r.isType(aws.cloudwatch.CompositeAlarm) ? knownString(() => r.asType(aws.cloudwatch.CompositeAlarm)?.alarmName) : undefined;
      if (name !== undefined) alarmNameOf.set(name, r);
    }
    for (const resource of composites) {
      const c = resource.asType(aws.cloudwatch.CompositeAlarm);
      const name = knownString(() => c?.alarmName);
      const rule = knownString(() => c?.alarmRule);
      const found = compositeAlarmProblems({ name, rule, actions: knownStrings(() => c?.alarmActions), okActions: knownStrings(() => c?.okActions) }, new Set(alarmNameOf.keys()));
      // CloudWatch checks the named alarms when the composite is created: each must be created first.
      const early = (rule === undefined ? [] : childrenOfRule(rule)).filter((child) => {
        const member = alarmNameOf.get(child);
        return member !== undefined && member !== resource && !resource.dependencies.includes(member);
      });
      if (early.length > 0) found.push(`${name ?? "composite alarm"}: does not wait for ${early.join(", ")}, which its rule names (add them to dependsOn)`);
      for (const message of found) report(`${message}.`, resource.urn);
    }
  },
};

export const ALARM_COMPOSITE_POLICIES = [criticalPagesOnce, compositeAlarmRule];
