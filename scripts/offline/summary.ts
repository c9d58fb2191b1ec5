// The top of a plan: per adapter (and the foundation) its resources, protected names and monthly cost; the outputs.
import type { Comparison } from "./base/diff";
import type { CostReport } from "./cost/estimate";
import { usd } from "./cost/render";
import { KNOWN_AFTER_APPLY, type ProgramRun, SECRET_VALUE } from "./run-program";
import { type AdapterGroup, keyOf } from "./tree";

export interface AdapterSummary {
  /** Registry key, or `foundation`. */
  readonly key: string;
  readonly resources: number;
  readonly protectedNames: readonly string[];
  readonly monthlyUsd: number;
  /** Resources of the group the estimate could not price (never counted as $0). */
  readonly unpriced: number;
}

export function adapterSummaries(groups: readonly AdapterGroup[], cost: CostReport): AdapterSummary[] {
  const groupOf = new Map(groups.flatMap((g) => g.resources.map((r) => [keyOf(r), g.key] as const)));
  const usdOf = new Map<string, number>();
  for (const l of cost.lines) {
    const g = groupOf.get(keyOf({ type: l.type, name: l.resource }));
    if (g) usdOf.set(g, (usdOf.get(g) ?? 0) + l.monthlyUsd);
  }
  const unpricedOf = new Map<string, Set<string>>();
  for (const u of cost.unpriced) {
    const g = groupOf.get(keyOf({ type: u.type, name: u.resource }));
    if (g) unpricedOf.set(g, (unpricedOf.get(g) ?? new Set()).add(keyOf({ type: u.type, name: u.resource })));
  }
  return groups.map((g) => ({
    key: g.key,
    resources: g.resources.length,
    protectedNames: g.resources.filter((r) => r.options.protect).map((r) => r.name),
    monthlyUsd: usdOf.get(g.key) ?? 0,
    unpriced: unpricedOf.get(g.key)?.size ?? 0,
  }));
}

/** Each adapter's monthly cost in the base plan, when the plan was compared with one that has them. */
interface BaseCosts {
  readonly ref: string;
  readonly usd: ReadonlyMap<string, number>;
}

function baseCosts(comparison: Comparison | undefined): BaseCosts | undefined {
  if (!comparison || "error" in comparison || !comparison.diff.adapterCostUsd) return undefined;
  return { ref: comparison.ref, usd: new Map(Object.entries(comparison.diff.adapterCostUsd).map(([k, v]) => [k, v.before])) };
}

/** `+$12.30`, `-$4.00`, `±$0.00`: the change of an adapter's monthly cost against the base. */
export function costChange(before: number, after: number): string {
  const delta = after - before;
  if (Math.abs(delta) < 0.005) return "±$0.00";
  return `${delta > 0 ? "+" : "-"}${usd(Math.abs(delta))}`;
}

/** The change column: against the base's figure for the adapter (new in this plan when the base lacks it). */
function changeOf(s: AdapterSummary, base: BaseCosts | undefined): string {
  if (!base) return "";
  const before = base.usd.get(s.key);
  return before === undefined ? "new" : costChange(before, s.monthlyUsd);
}

const costCell = (s: AdapterSummary) => `${usd(s.monthlyUsd)}${s.unpriced > 0 ? ` (+ ${s.unpriced} not priced)` : ""}`;

/** How the cost column is headed: a stack outside the price region is not priced, only shown at the price region's prices. */
const costHeading = (cost: CostReport) => (cost.pricedForRegion ? "monthly cost estimate" : `NOT PRICED for ${cost.region}: ${cost.priceRegion} prices`);

/**
 * Adapters of the base that this plan no longer has (removed or renamed): their cost left with them. With `base`, one
 * line each; without, nothing.
 */
function goneAdapters(summaries: readonly AdapterSummary[], base: BaseCosts | undefined): [string, number][] {
  if (!base) return [];
  const now = new Set(summaries.map((s) => s.key));
  return [...base.usd.entries()].filter(([key, before]) => !now.has(key) && before > 0);
}

export function summaryText(summaries: readonly AdapterSummary[], cost: CostReport, comparison?: Comparison): string[] {
  const base = baseCosts(comparison);
  const lines = [`Summary by adapter (resources, protected, ${costHeading(cost)}${base ? `, change against ${base.ref}` : ""}):`];
  const gone = goneAdapters(summaries, base);
  const width = Math.max(11, ...summaries.map((s) => s.key.length), ...gone.map(([key]) => key.length)); // one column for every name
  for (const s of summaries) {
    if (s.resources === 0) {
      lines.push(`  ${s.key.padEnd(width)} not deployed (disabled)${base && (base.usd.get(s.key) ?? 0) > 0 ? `  ${costChange(base.usd.get(s.key)!, 0)}/month` : ""}`);
      continue;
    }
    const prot = s.protectedNames.length > 0 ? `${s.protectedNames.length} protected: ${s.protectedNames.join(", ")}` : "none protected";
    const unpriced = s.unpriced > 0 ? ` (+ ${s.unpriced} not priced)` : "";
    const change = base ? ` ${changeOf(s, base).padStart(11)}` : "";
    lines.push(`  ${s.key.padEnd(width)} ${String(s.resources).padStart(4)} resources  ${usd(s.monthlyUsd).padStart(12)}/month${change}${unpriced}  ${prot}`);
  }
  for (const [key, before] of gone) lines.push(`  ${key.padEnd(width)} removed  ${costChange(before, 0)}/month`);
  const total = summaries.reduce((n, s) => n + s.resources, 0);
  const prot = summaries.reduce((n, s) => n + s.protectedNames.length, 0);
  const totalChange = comparison && !("error" in comparison) && comparison.diff.costUsd ? ` ${costChange(comparison.diff.costUsd.before, cost.totalUsd).padStart(11)}` : "";
  lines.push(`  ${"total".padEnd(width)} ${String(total).padStart(4)} resources  ${usd(cost.totalUsd).padStart(12)}/month${totalChange}  ${prot} protected`);
  return lines;
}

export function summaryMarkdown(summaries: readonly AdapterSummary[], cost: CostReport, comparison?: Comparison): string[] {
  const base = baseCosts(comparison);
  const heading = cost.pricedForRegion ? "Per month (estimate)" : `Per month (NOT PRICED for ${cost.region}: ${cost.priceRegion} prices)`;
  const lines = base
    ? ["### Summary by adapter", "", `| Adapter | Resources | ${heading} | Change against \`${base.ref}\` | Protected |`, "| --- | ---: | ---: | ---: | --- |"]
    : ["### Summary by adapter", "", `| Adapter | Resources | ${heading} | Protected |`, "| --- | ---: | ---: | --- |"];
  const change = (cell: string) => (base ? ` ${cell} |` : "");
  for (const s of summaries) {
    if (s.resources === 0) {
      const before = base?.usd.get(s.key) ?? 0;
      lines.push(`| \`${s.key}\` | — | — |${change(before > 0 ? costChange(before, 0) : "—")} not deployed (disabled) |`);
      continue;
    }
    const prot = s.protectedNames.length > 0 ? `${s.protectedNames.length}: ${s.protectedNames.map((n) => `\`${n}\``).join(", ")}` : "none";
    lines.push(`| \`${s.key}\` | ${s.resources} | ${costCell(s)} |${change(changeOf(s, base))} ${prot} |`);
  }
  for (const [key, before] of goneAdapters(summaries, base)) lines.push(`| \`${key}\` | — | — |${change(costChange(before, 0))} removed |`);
  const total = summaries.reduce((n, s) => n + s.resources, 0);
  const prot = summaries.reduce((n, s) => n + s.protectedNames.length, 0);
  const totalChange = comparison && !("error" in comparison) && comparison.diff.costUsd ? costChange(comparison.diff.costUsd.before, cost.totalUsd) : "—";
  lines.push(`| **total** | **${total}** | **${usd(cost.totalUsd)}** |${change(`**${totalChange}**`)} **${prot}** |`);
  return lines;
}

/** How many leaves the outputs have, how many are known only after apply, and how many are secret. */
export function outputCounts(outputs: unknown): { values: number; unknown: number; secret: number } {
  const counts = { values: 0, unknown: 0, secret: 0 };
  const visit = (v: unknown) => {
    if (v !== null && typeof v === "object") {
      Object.values(v).forEach(visit);
      return;
    }
    counts.values += 1;
    if (v === KNOWN_AFTER_APPLY) counts.unknown += 1;
    if (v === SECRET_VALUE) counts.secret += 1;
  };
  visit(outputs);
  return counts;
}

export function outputsHeadline(run: ProgramRun): string {
  const c = outputCounts(run.outputs);
  return `Outputs: ${c.values} values (${c.unknown} known after apply, ${c.secret} secret)`;
}
