import { ADAPTERS } from "./adapters";
import { DERIVED_LATENCY_RULE, derivedLatencyP95, derivedRelationalThreshold } from "./derived";
import { ALERT_THRESHOLDS } from "./thresholds";
import type { AdapterRow, Range } from "./types";

const UNIT_SYMBOL = { milliseconds: "ms", percent: "%" } as const;

function range(r: Range | undefined, unit: string): string {
  if (!r) return "—";
  if (r.max === undefined) return `${r.min.toLocaleString("en-US")}+ ${unit}`;
  if (r.min === 0) return `< ${r.max} ${unit}`;
  return `${r.min}–${r.max} ${unit}`;
}

function throughput(row: AdapterRow): string {
  const t = row.throughputOpsPerSecond;
  return t === "unlimited" ? "unlimited" : range(t, "ops/s");
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The matrix as Markdown tables; docs/matrix.md embeds exactly this between its matrix markers. */
export function renderMatrixMarkdown(): string {
  const byTier = (tier: AdapterRow["tier"]) => ADAPTERS.filter((a) => a.tier === tier);
  const measured = (rows: AdapterRow[]) =>
    rows.map((a) => [
      a.name, a.kind, range(a.latencyMs, "ms"), throughput(a),
      a.durabilityPercent === undefined ? "—" : `${a.durabilityPercent} %`,
      a.useCases, a.priority ?? "—", a.fiberPackages.map((p) => `\`${p}\``).join(", "),
    ]);
  const header = ["Adapter", "Type", "Latency", "Throughput", "Durability", "Use case", "Priority", "Fiber package"];
  const thresholds = Object.values(ALERT_THRESHOLDS).map((t) => [
    t.metric, t.adapter, `${t.warning} ${UNIT_SYMBOL[t.unit]}`, `${t.critical} ${UNIT_SYMBOL[t.unit]}`, `\`${t.key}\``,
  ]);
  const derived = [
    ...(["badger", "mongodb", "memcache", "cassandra", "arangodb"] as const).map((key) => ({ key, figure: "Latency p95", t: derivedLatencyP95(key), rule: `${DERIVED_LATENCY_RULE.warningOverUpperBound} x the row's upper latency bound, critical ${DERIVED_LATENCY_RULE.criticalOverWarning} x warning (DERIVED_LATENCY_RULE)` })),
    ...(["mysql", "mssql"] as const).flatMap((key) => [
      { key, figure: "Latency p95", t: derivedRelationalThreshold(key, "latencyP95"), rule: "the spec's relational figures (derivedRelationalThreshold)" },
      { key, figure: "Connection Pool", t: derivedRelationalThreshold(key, "connectionPoolUsage"), rule: "the spec's relational figures (derivedRelationalThreshold)" },
    ]),
  ].map(({ key, figure, t, rule }) => [figure, key, `${t.warning} ${UNIT_SYMBOL[t.unit]}`, `${t.critical} ${UNIT_SYMBOL[t.unit]}`, rule, `\`${t.source}\``]);
  return [
    "**Primary adapters**", "", table(header, measured(byTier("primary"))), "",
    "**Secondary adapters**", "", table(header, measured(byTier("secondary"))), "",
    "**Supported but not primary**", "",
    table(["Adapter", "Type", "Rationale", "Fiber package"],
      byTier("supported").map((a) => [a.name, a.kind, a.useCases, `\`${a.fiberPackages[0]}\``])), "",
    "**Alerting thresholds**", "",
    table(["Metric", "Adapter", "Warning", "Critical", "Key in `components/matrix`"], thresholds), "",
    "**Derived thresholds** (rows the spec gives no alert figures for; tagged `derived:`, never `matrix:`)", "",
    table(["Metric", "Adapter", "Warning", "Critical", "Rule", "Source tag"], derived),
  ].join("\n");
}
