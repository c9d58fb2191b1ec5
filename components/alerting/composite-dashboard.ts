import { type AccountScope, partitionOf } from "../common/aws";
import type { PagingCompositeAlarm } from "./composite-alarm";

/** One row of alarm status tiles on the dashboard: a title and the alarms it shows, by ARN. */
export interface AlarmStatusRow {
  /** Widget title, e.g. `postgres: critical alarms (warning topic)`. No default. */
  readonly title: string;
  /** ARNs of the alarms shown (metric or composite). No default. */
  readonly alarmArns: readonly string[];
}

/**
 * Alarms one alarm status widget is given at most. CloudWatch API Reference, "Dashboard Body Structure and Syntax",
 * alarm widget `alarms`, https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 * (checked 2026-11-29 through its copy in the Pulumi awsx reference, AlarmWidgetArgs.alarms: "An array of alarm ARNs
 * to include in the widget. The array can have 1-100 ARNs.", https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/awsx/interfaces/classic.cloudwatch.AlarmWidgetArgs.html).
 */
export const ALARM_WIDGET_MAX_ALARMS = 100;

const WIDTH = 8;
const HEIGHT = 6;

/**
 * The paging section of the dashboard: a header, then the paging composites in one full-width widget, then each
 * group's critical members (no longer paging on their own, still shown), three widgets to a row, at most 100 alarms
 * each. Alarms in ALARM sort first (`sortBy: stateUpdatedTimestamp`). Returns the widgets and the height they take.
 */
export function alarmStatusWidgets(rows: readonly AlarmStatusRow[], region: string, y: number): { widgets: Record<string, unknown>[]; height: number } {
  const tiles = rows.flatMap((row) => {
    const parts = Math.ceil(row.alarmArns.length / ALARM_WIDGET_MAX_ALARMS);
    return Array.from({ length: parts }, (_, i) => ({
      title: parts > 1 ? `${row.title} (${i + 1}/${parts})` : row.title,
      alarms: [...row.alarmArns].slice(i * ALARM_WIDGET_MAX_ALARMS, (i + 1) * ALARM_WIDGET_MAX_ALARMS).sort(),
    }));
  });
  if (tiles.length === 0) return { widgets: [], height: 0 };
  const widget = (t: { title: string; alarms: string[] }, x: number, at: number, width: number, height: number) => ({
    type: "alarm", x, y: at, width, height, properties: { title: t.title, region, alarms: t.alarms, sortBy: "stateUpdatedTimestamp" },
  });
  const [pages, ...members] = tiles;
  const widgets: Record<string, unknown>[] = [
    { type: "text", x: 0, y, width: 24, height: 1, properties: { markdown: "## Paging: one composite alarm per group pages once; its critical alarms tell the warning topic" } },
    widget(pages, 0, y + 1, 24, 3),
    ...members.map((t, i) => widget(t, (i % 3) * WIDTH, y + 4 + Math.floor(i / 3) * HEIGHT, WIDTH, HEIGHT)),
  ];
  return { widgets, height: 4 + Math.ceil(members.length / 3) * HEIGHT };
}

/**
 * An alarm's ARN from its name: `arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>` (CloudWatch User Guide,
 * "Actions, resources, and condition keys for Amazon CloudWatch", alarm resource type; checked 2026-11-29). Known at
 * preview, and the dashboard does not wait for the alarms (nor, through them, for the databases they watch).
 */
export function alarmArn(scope: AccountScope, name: string): string {
  return `arn:${partitionOf(scope.region)}:cloudwatch:${scope.region}:${scope.accountId}:alarm:${name}`;
}

/** The rows {@link alarmStatusWidgets} draws for built composites: first the paging composites, then each group's members. */
export function pagingStatusRows(composites: ReadonlyMap<string, PagingCompositeAlarm>, scope: AccountScope): AlarmStatusRow[] {
  const list = [...composites.values()];
  if (list.length === 0) return [];
  return [
    { title: "Paging composite alarms (critical topic)", alarmArns: list.map((c) => alarmArn(scope, c.alarmName)) },
    ...list.map((c) => ({ title: `${c.group}: critical alarms (warning topic)`, alarmArns: c.memberNames.map((n) => alarmArn(scope, n)) })),
  ];
}
