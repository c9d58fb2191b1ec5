import type * as pulumi from "@pulumi/pulumi";
import { PagingCompositeAlarm, planPagingComposites } from "./composite-alarm";
import { COMPOSITE_LIMITS } from "./composite-rule";
import { CompositeMembers } from "./composite-members";
import type { AlarmContext } from "./severity-alarms";

/** `<env>-<group>-paging`: the composite alarm that pages for a group's critical alarms. */
export function pagingCompositeName(environment: string, group: string): string {
  return `${environment}-${group}-paging`;
}

/**
 * Paging that pages once: hands each group (an adapter's deployment, or the platform's own alarms) an alarm context
 * whose critical alarms join that group's composite, then builds one composite alarm per group that has any. The
 * groups are whatever the stack deploys, so an adapter added to the registry (opt-in or not) pages through its own
 * composite without a list to keep.
 */
export class CompositePaging {
  private readonly groups = new Map<string, CompositeMembers>();
  private built = false;

  /** @param base The environment's alarm context: its critical topic is what the composites page. */
  constructor(private readonly base: AlarmContext) {}

  /** The alarm context of one group: the base context whose critical alarms page through the group's composite. */
  contextFor(group: string): AlarmContext {
    if (this.built) throw new Error(`composite paging: group ${group} asked for an alarm context after the composite alarms were built`);
    let members = this.groups.get(group);
    if (!members) {
      members = new CompositeMembers(group, pagingCompositeName(this.base.environment, group));
      this.groups.set(group, members);
    }
    return { ...this.base, composite: members };
  }

  /** `blocks` with the group's alarm context in place of its own (any object carrying `alarms`). */
  blocksFor<T extends { readonly alarms: AlarmContext }>(blocks: T, group: string): T {
    return { ...blocks, alarms: this.contextFor(group) };
  }

  /** The groups with members so far, and their member names (the plan, tests). */
  get membership(): ReadonlyMap<string, readonly string[]> {
    return new Map([...this.groups].filter(([, m]) => m.members.length > 0).map(([g, m]) => [g, m.members.map((x) => x.name)]));
  }

  /**
   * One paging composite per group with critical alarms, each a top-level component `<baseName>-paging-<group>`;
   * seals every group, so a critical alarm created afterwards throws instead of paging nobody. Call it after every
   * alarm exists. Every name and rule is checked before the first composite is registered.
   */
  build(baseName: string, opts?: pulumi.ComponentResourceOptions): ReadonlyMap<string, PagingCompositeAlarm> {
    this.built = true;
    const groups = [...this.groups.values()]
      .map((g) => ({ group: g.group, name: g.compositeName, members: g.seal() }))
      .filter((g) => g.members.length > 0);
    for (const g of groups) planPagingComposites(g.name, g.group, g.members.map((m) => m.name), COMPOSITE_LIMITS.maxChildren);
    return new Map(groups.map((g) => [g.group, new PagingCompositeAlarm(`${baseName}-paging-${g.group}`, {
      name: g.name, group: g.group, members: g.members, pageTopicArn: this.base.topicArns.critical,
    }, opts)]));
  }
}
