/**
 * What CloudWatch accepts in a composite alarm, and the rule expressions built within it. Pure: no resource here.
 *
 * Source of every limit: CloudWatch API Reference, PutCompositeAlarm,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html (checked 2026-11-29):
 * "The rule expression of a composite alarm can include as many as 100 underlying alarms. Any single alarm can be
 * included in the rule expressions of as many as 150 composite alarms."; AlarmRule length 1..10240; AlarmName
 * length 1..255; AlarmDescription 0..1024; AlarmActions / OKActions at most 5 each; actions notify SNS, invoke
 * Lambda, or create Systems Manager OpsItems / incidents (no EC2 or Auto Scaling actions).
 * CloudWatch User Guide, "Combining alarms",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html (checked 2026-11-29):
 * every underlying alarm is in the composite's account and Region; ALARM("alarm-name or alarm-ARN").
 */
export const COMPOSITE_LIMITS = {
  /** Underlying alarms one rule expression may name. */
  maxChildren: 100,
  /** Composite alarms one alarm may be named in. */
  maxParentsPerAlarm: 150,
  /** Characters of AlarmRule. */
  maxRuleLength: 10_240,
  /** Characters of AlarmName. */
  maxNameLength: 255,
  /** Characters of AlarmDescription. */
  maxDescriptionLength: 1_024,
  /** ARNs in AlarmActions (and in OKActions). */
  maxActions: 5,
} as const;

export const COMPOSITE_SOURCE = "CloudWatch API Reference, PutCompositeAlarm; CloudWatch User Guide, \"Combining alarms\"";

/** `ALARM("<name>")`: true while the named alarm is in ALARM. */
export function alarmTerm(name: string): string {
  return `ALARM("${name}")`;
}

/** The rule of a composite that is in ALARM while any of `names` is: `ALARM("a") OR ALARM("b") ...`. */
export function anyInAlarmRule(names: readonly string[]): string {
  return names.map(alarmTerm).join(" OR ");
}

/**
 * Splits member names into groups whose OR rule stays within both limits (children and rule length), in order.
 * One group when everything fits; otherwise each group becomes an intermediate composite, and the paging
 * composite ORs the groups (a composite may name composites).
 */
export function groupMembers(names: readonly string[], limits: { maxChildren: number; maxRuleLength: number } = COMPOSITE_LIMITS): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const name of names) {
    const next = [...current, name];
    if (current.length > 0 && (next.length > limits.maxChildren || anyInAlarmRule(next).length > limits.maxRuleLength)) {
      groups.push(current);
      current = [name];
    } else {
      current = next;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Why CloudWatch would refuse a composite with this name and rule, as sentences; none when it accepts it. */
export function compositeProblems(name: string, rule: string, children: readonly string[]): string[] {
  const problems: string[] = [];
  if (name.length < 1 || name.length > COMPOSITE_LIMITS.maxNameLength) {
    problems.push(`composite alarm name ${name} is ${name.length} characters; CloudWatch allows 1-${COMPOSITE_LIMITS.maxNameLength}`);
  }
  if (rule.length < 1 || rule.length > COMPOSITE_LIMITS.maxRuleLength) {
    problems.push(`the alarm rule of ${name} is ${rule.length} characters; CloudWatch allows 1-${COMPOSITE_LIMITS.maxRuleLength}`);
  }
  if (children.length > COMPOSITE_LIMITS.maxChildren) {
    problems.push(`the alarm rule of ${name} names ${children.length} alarms; CloudWatch allows at most ${COMPOSITE_LIMITS.maxChildren}`);
  }
  const quoted = children.filter((c) => c.includes("\""));
  if (quoted.length > 0) problems.push(`alarm names in a rule are double-quoted, so ${quoted.join(", ")} cannot be named in ${name}`);
  const repeated = children.filter((c, i) => children.indexOf(c) !== i);
  if (repeated.length > 0) problems.push(`the alarm rule of ${name} names ${[...new Set(repeated)].join(", ")} more than once`);
  if (children.includes(name)) problems.push(`composite alarm ${name} names itself in its rule: a cycle CloudWatch stops evaluating`);
  return problems;
}

/** The alarm names an `ALARM("..")`/`OK("..")`/`INSUFFICIENT_DATA("..")` rule refers to, in order (policies read registered rules back). */
export function childrenOfRule(rule: string): string[] {
  return [...rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*"([^"]*)"\s*\)/g)].map((m) => m[1]);
}
