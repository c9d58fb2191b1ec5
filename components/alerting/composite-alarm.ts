import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CompositeMember } from "./composite-members";
import { anyInAlarmRule, COMPOSITE_LIMITS, compositeProblems, groupMembers } from "./composite-rule";

/** One paging composite alarm: the OR of a group's critical alarms. */
export interface PagingCompositeArgs {
  /** Name of the composite alarm, e.g. `prod-postgres-paging` (1-255 characters). No default. */
  readonly name: string;
  /** What pages, for the description and the `PagesFor` tag, e.g. the adapter key `postgres`. No default. */
  readonly group: string;
  /** The critical alarms it is in ALARM for (at least one), by name, in creation order. No default. */
  readonly members: readonly CompositeMember[];
  /** ARN of the topic that pages (the critical topic), notified on ALARM and on OK. No default. */
  readonly pageTopicArn: pulumi.Input<string>;
  /**
   * At most this many alarms per rule expression; past it (or past the rule's 10,240 characters) the members are
   * split into intermediate composites without actions and the paging composite ORs those.
   * Default: {@link COMPOSITE_LIMITS}.maxChildren (100, CloudWatch's limit).
   */
  readonly maxChildren?: number;
}

/** {@link PagingCompositeArgs} with every default applied. */
export type ResolvedPagingCompositeArgs = Required<PagingCompositeArgs>;

/** Applies the defaults of {@link PagingCompositeArgs}, once. */
export function resolvePagingCompositeArgs(args: PagingCompositeArgs): ResolvedPagingCompositeArgs {
  return { ...args, maxChildren: args.maxChildren ?? COMPOSITE_LIMITS.maxChildren };
}

/** One intermediate or paging composite as it will be registered: every name and rule known before registration. */
export interface PlannedComposite {
  readonly name: string;
  readonly rule: string;
  readonly children: readonly string[];
  /** Notifies the page topic (only the top composite does). */
  readonly pages: boolean;
}

/**
 * Names and rules of the composites for a group: one composite when the members fit one rule, else one
 * intermediate composite per fitting group (`<name>-part-<n>`) under the paging one. Throws, naming the group,
 * what CloudWatch would refuse.
 */
export function planPagingComposites(name: string, group: string, memberNames: readonly string[], maxChildren: number): PlannedComposite[] {
  if (memberNames.length === 0) throw new Error(`composite alarm ${name}: ${group} has no critical alarm to page for`);
  if (!Number.isInteger(maxChildren) || maxChildren < 2 || maxChildren > COMPOSITE_LIMITS.maxChildren) {
    throw new Error(`composite alarm ${name}: maxChildren is ${maxChildren}; allowed: an integer 2-${COMPOSITE_LIMITS.maxChildren}`);
  }
  const groups = groupMembers(memberNames, { maxChildren, maxRuleLength: COMPOSITE_LIMITS.maxRuleLength });
  const parts: PlannedComposite[] = groups.length === 1
    ? []
    : groups.map((children, i) => ({ name: `${name}-part-${i + 1}`, rule: anyInAlarmRule(children), children, pages: false }));
  const topChildren = groups.length === 1 ? groups[0] : parts.map((p) => p.name);
  const planned = [...parts, { name, rule: anyInAlarmRule(topChildren), children: topChildren, pages: true }];
  const problems = planned.flatMap((p) => compositeProblems(p.name, p.rule, p.children));
  if (groupMembers(topChildren, { maxChildren, maxRuleLength: COMPOSITE_LIMITS.maxRuleLength }).length > 1) {
    problems.push(`${memberNames.length} critical alarms need more than one level of intermediate composites`);
  }
  if (problems.length > 0) throw new Error(`composite alarm ${name} (${group}): ${problems.join("; ")}`);
  return planned;
}

/**
 * The composite alarm that pages for a group of critical alarms: in ALARM while any member is, notifying the page
 * topic on ALARM and on OK. The members keep notifying the warning topic, so the detail of each incident is there
 * while the page arrives once; a second member firing during the same incident changes nothing the pager sees.
 */
export class PagingCompositeAlarm extends pulumi.ComponentResource {
  /** The composite that pages. */
  readonly alarm: aws.cloudwatch.CompositeAlarm;
  readonly alarmName: string;
  /** What pages through it (an adapter key, or a stack-level group). */
  readonly group: string;
  /** Names of its critical members, for the dashboard. */
  readonly memberNames: readonly string[];

  /**
   * @param name Component name: `<base>-paging-<group>` puts it in its adapter's row of the plan summary
   * (scripts/offline/tree.ts attributes a top-level component by the adapter name it ends with).
   */
  constructor(name: string, input: PagingCompositeArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = resolvePagingCompositeArgs(input);
    const planned = planPagingComposites(args.name, args.group, args.members.map((m) => m.name), args.maxChildren);
    super("sparki:alerting:PagingCompositeAlarm", name, {}, opts);
    const created = new Map<string, pulumi.Resource>(args.members.map((m) => [m.name, m.alarm]));
    const register = (p: PlannedComposite): aws.cloudwatch.CompositeAlarm => {
      const description = p.pages
        ? `Pages once for ${args.group}: in ALARM while any of its ${args.members.length} critical alarms is. Each of them notifies the warning topic with the detail.`
        : `Part of ${args.name}: in ALARM while any of ${p.children.length} critical alarms of ${args.group} is. Pages through ${args.name}, never itself.`;
      const composite = new aws.cloudwatch.CompositeAlarm(p.name, {
        alarmName: p.name,
        alarmDescription: description.slice(0, COMPOSITE_LIMITS.maxDescriptionLength),
        alarmRule: p.rule,
        actionsEnabled: true,
        ...(p.pages ? { alarmActions: [args.pageTopicArn], okActions: [args.pageTopicArn] } : {}),
        tags: { Severity: "critical", PagesFor: args.group },
      }, { parent: this, dependsOn: p.children.map((c) => created.get(c)).filter((r): r is pulumi.Resource => r !== undefined) });
      created.set(p.name, composite);
      return composite;
    };
    planned.filter((p) => !p.pages).forEach(register);
    this.alarm = register(planned[planned.length - 1]);
    this.alarmName = args.name;
    this.group = args.group;
    this.memberNames = args.members.map((m) => m.name);
    this.registerOutputs({ alarmName: this.alarmName, alarmArn: this.alarm.arn });
  }
}
