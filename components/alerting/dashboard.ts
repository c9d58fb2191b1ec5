import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DimensionsOf, METRICS, type MetricKey } from "./catalog";
import { alarmStatusWidgets, type AlarmStatusRow } from "./composite-dashboard";
import type { ThresholdSpec } from "./thresholds";
import { convertThreshold } from "./units";

/** One graph: a catalog metric, optionally with the warning/critical levels drawn on it. */
export interface GraphOf<K extends MetricKey> {
  /** Widget title. No default. */
  readonly title: string;
  /** Catalog metric graphed. No default. */
  readonly metric: K;
  /** Values of the metric's catalog dimensions. No default. */
  readonly dimensions: DimensionsOf<K>;
  /** Levels drawn as horizontal annotations, in the threshold's own (human) unit. Default: none (no annotation). */
  readonly threshold?: ThresholdSpec;
  /** For percent thresholds on absolute metrics: what 100 % is (same meaning as in AlarmPair). Default: none. */
  readonly percentOf?: { readonly value: number; readonly unit: ThresholdSpec["unit"] };
}

/** A graph of any catalog metric; `metric` decides which dimensions it needs. */
export type DashboardGraph = { [K in MetricKey]: GraphOf<K> }[MetricKey];

/** A titled row of graphs, one per component. */
export interface DashboardSection {
  /** Row header, e.g. `Valkey/Redis sparki-<stack>-redis (valkey 8.1)`. No default. */
  readonly title: string;
  /** Graphs of the row, three per line, in order. No default. */
  readonly graphs: readonly DashboardGraph[];
}

const WIDTH = 8;
const HEIGHT = 6;
const COLORS = { warning: "#ff7f0e", critical: "#d62728" } as const;

/**
 * The graph in the unit people read: a seconds metric with a millisecond threshold is drawn as `m1 * 1000`
 * labelled ms, so the annotation and the line share an axis.
 */
function displayUnit(graph: DashboardGraph): { unit: string; factor: number } {
  const metricUnit = METRICS[graph.metric].unit;
  const t = graph.threshold;
  if (!t || graph.percentOf || t.unit === "percent" || t.unit === metricUnit) return { unit: t?.unit ?? metricUnit, factor: 1 };
  return { unit: t.unit, factor: convertThreshold(1, metricUnit, t.unit as typeof metricUnit) };
}

const SYMBOL: Record<string, string> = { milliseconds: "ms", seconds: "s", microseconds: "µs", percent: "%", bytes: "B", count: "", gibibytes: "GiB" };

function widget(graph: DashboardGraph, region: string, dims: Record<string, string>, x: number, y: number): Record<string, unknown> {
  const def = METRICS[graph.metric];
  const stat = graph.threshold?.percentile ?? def.statistic;
  const { unit, factor } = displayUnit(graph);
  const dimensionPairs = Object.entries(dims).flat();
  const metrics: unknown[][] = factor === 1
    ? [[def.namespace, def.metricName, ...dimensionPairs, { stat, label: `${def.metricName} ${stat}` }]]
    : [
        [{ expression: `m1 * ${factor}`, label: `${def.metricName} ${stat} (${SYMBOL[unit]})`, id: "e1" }],
        [def.namespace, def.metricName, ...dimensionPairs, { stat, id: "m1", visible: false }],
      ];
  const t = graph.threshold;
  // A share of something (free storage as % of allocated) is drawn where the alarm fires: in the metric's unit.
  const percentOf = graph.percentOf;
  const level = (severity: "warning" | "critical") =>
    t && percentOf ? convertThreshold((t[severity] * percentOf.value) / 100, percentOf.unit, def.unit) : t?.[severity];
  const annotationUnit = percentOf ? SYMBOL[def.unit] : SYMBOL[unit];
  const horizontal = t
    ? (["warning", "critical"] as const).map((severity) => ({
        label: `${severity} ${t[severity]} ${SYMBOL[t.unit]}`.trim(), value: level(severity), color: COLORS[severity],
        ...(t.comparison === "below" ? { fill: "below" } : {}),
      }))
    : [];
  return {
    type: "metric", x, y, width: WIDTH, height: HEIGHT,
    properties: {
      title: graph.title, region, view: "timeSeries", stacked: false, period: 60, metrics,
      yAxis: { left: { label: annotationUnit || def.unit, showUnits: false } },
      ...(horizontal.length > 0 ? { annotations: { horizontal } } : {}),
    },
  };
}

/** CloudWatch dashboard JSON: the paging rows first when given (components/alerting/composite-dashboard.ts), then per section a text header and its graphs, three to a row. */
export function dashboardBody(
  region: string, sections: ReadonlyArray<{ title: string; graphs: ReadonlyArray<DashboardGraph & { resolvedDimensions: Record<string, string> }> }>, alarmStatus: readonly AlarmStatusRow[] = [],
): string {
  const widgets: Record<string, unknown>[] = [];
  let y = 0;
  const paging = alarmStatusWidgets(alarmStatus, region, y);
  widgets.push(...paging.widgets);
  y += paging.height;
  for (const section of sections) {
    widgets.push({ type: "text", x: 0, y, width: 24, height: 1, properties: { markdown: `## ${section.title}` } });
    y += 1;
    section.graphs.forEach((graph, i) => {
      widgets.push(widget(graph, region, graph.resolvedDimensions, (i % 3) * WIDTH, y + Math.floor(i / 3) * HEIGHT));
    });
    y += Math.ceil(section.graphs.length / 3) * HEIGHT;
  }
  return JSON.stringify({ widgets });
}

export interface StorageDashboardArgs {
  /** Environment (stack) name; the dashboard is `sparki-<environment>-storage`. No default. */
  readonly environment: string;
  /** Region of the metrics. No default. */
  readonly region: string;
  /** One section per component, in display order. No default. */
  readonly sections: readonly DashboardSection[];
  /** Alarm status rows drawn first: the paging composites and each group's critical alarms. Default: none. */
  readonly alarmStatus?: pulumi.Input<readonly AlarmStatusRow[]>;
}

/** One CloudWatch dashboard per environment: the matrix metrics with their thresholds drawn in. */
export class StorageDashboard extends pulumi.ComponentResource {
  readonly dashboardName: string;

  constructor(name: string, args: StorageDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sparki:alerting:StorageDashboard", name, {}, opts);
    this.dashboardName = `sparki-${args.environment}-storage`;
    const resolved = pulumi.all(args.sections.map((section) =>
      pulumi.all(section.graphs.map((graph) =>
        pulumi.output(graph.dimensions as Record<string, pulumi.Input<string>>).apply((d) => ({ ...graph, resolvedDimensions: d })),
      )).apply((graphs) => ({ title: section.title, graphs })),
    ));
    new aws.cloudwatch.Dashboard(name, {
      dashboardName: this.dashboardName,
      dashboardBody: pulumi.all([resolved, pulumi.output(args.alarmStatus ?? [])]).apply(([sections, status]) => dashboardBody(args.region, sections, status)),
    }, { parent: this });
    this.registerOutputs({ dashboardName: this.dashboardName });
  }
}
