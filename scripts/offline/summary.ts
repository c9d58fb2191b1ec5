// The top of a plan: per adapter (and the foundation) its resources, protected names and monthly cost; the outputs.
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

const costCell = (s: AdapterSummary) => `${usd(s.monthlyUsd)}${s.unpriced > 0 ? ` (+ ${s.unpriced} not priced)` : ""}`;

export function summaryText(summaries: readonly AdapterSummary[], cost: CostReport): string[] {
  const lines = ["Summary by adapter (resources, protected, monthly cost estimate):"];
  for (const s of summaries) {
    if (s.resources === 0) {
      lines.push(`  ${s.key.padEnd(11)} not deployed (disabled)`);
      continue;
    }
    const prot = s.protectedNames.length > 0 ? `${s.protectedNames.length} protected: ${s.protectedNames.join(", ")}` : "none protected";
    const unpriced = s.unpriced > 0 ? ` (+ ${s.unpriced} not priced)` : "";
    lines.push(`  ${s.key.padEnd(11)} ${String(s.resources).padStart(4)} resources  ${usd(s.monthlyUsd).padStart(12)}/month${unpriced}  ${prot}`);
  }
  const total = summaries.reduce((n, s) => n + s.resources, 0);
  const prot = summaries.reduce((n, s) => n + s.protectedNames.length, 0);
  lines.push(`  ${"total".padEnd(11)} ${String(total).padStart(4)} resources  ${usd(cost.totalUsd).padStart(12)}/month  ${prot} protected`);
  return lines;
}

export function summaryMarkdown(summaries: readonly AdapterSummary[], cost: CostReport): string[] {
  const lines = ["### Summary by adapter", "", "| Adapter | Resources | Per month (estimate) | Protected |", "| --- | ---: | ---: | --- |"];
  for (const s of summaries) {
    if (s.resources === 0) {
      lines.push(`| \`${s.key}\` | — | — | not deployed (disabled) |`);
      continue;
    }
    const prot = s.protectedNames.length > 0 ? `${s.protectedNames.length}: ${s.protectedNames.map((n) => `\`${n}\``).join(", ")}` : "none";
    lines.push(`| \`${s.key}\` | ${s.resources} | ${costCell(s)} | ${prot} |`);
  }
  const total = summaries.reduce((n, s) => n + s.resources, 0);
  const prot = summaries.reduce((n, s) => n + s.protectedNames.length, 0);
  lines.push(`| **total** | **${total}** | **${usd(cost.totalUsd)}** | **${prot}** |`);
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
