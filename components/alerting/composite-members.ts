import type * as pulumi from "@pulumi/pulumi";

/** One critical alarm that a composite alarm pages for. */
export interface CompositeMember {
  /** The alarm's name (known at preview time): what the composite's rule names. */
  readonly name: string;
  /**
   * The alarm itself: the composite is created after it. CloudWatch refuses a rule naming a missing alarm ("Could not
   * save the composite alarm as alarms [...] in the alarm rule do not exist", reported in
   * https://github.com/awsdocs/aws-cloudformation-user-guide/issues/911; checked 2026-11-29), and a composite must be
   * deleted before the alarms it names (API Reference, DeleteAlarms, on composites that depend on an alarm).
   */
  readonly alarm: pulumi.Resource;
}

/**
 * The critical alarms of one group (an adapter's deployment) that page through one composite alarm instead of
 * paging on their own. `severityAlarms` adds each critical alarm it creates under an AlarmContext carrying this;
 * the composite reads the list once ({@link seal}) and any alarm added after that throws, so an alarm created
 * after the composites were built cannot silently lose its page.
 */
export class CompositeMembers {
  private readonly added: CompositeMember[] = [];
  private sealedBy: string | undefined;

  /**
   * @param group What the members belong to, e.g. the adapter key `postgres`.
   * @param compositeName Name of the composite alarm that will page for them (each member is tagged with it).
   */
  constructor(readonly group: string, readonly compositeName: string) {}

  add(member: CompositeMember): void {
    if (this.sealedBy !== undefined) {
      throw new Error(`critical alarm ${member.name} (${this.group}) was created after the composite alarm ${this.sealedBy} that pages for it: create every alarm before the composite alarms (stacks/program.ts)`);
    }
    this.added.push(member);
  }

  /** The members so far, in creation order; later additions throw. */
  seal(): readonly CompositeMember[] {
    this.sealedBy = this.compositeName;
    return [...this.added];
  }

  /** Members so far, without sealing (tests, the plan). */
  get members(): readonly CompositeMember[] {
    return [...this.added];
  }
}
