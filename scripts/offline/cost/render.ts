import type { CostLine, CostReport, Unpriced } from "./estimate";

// One formatter each: toLocaleString builds a new one per call, which a plan of prod paid about 10 ms for.
const DOLLARS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const QUANTITY = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export const usd = (n: number) => `$${DOLLARS.format(n)}`;
/** Unit prices keep their precision: $0.0165, $0.00099. */
function unitUsd(n: number): string {
  if (n >= 1 || n === 0) return usd(n);
  const text = String(Number(n.toPrecision(3)));
  return `$${(text.split(".")[1] ?? "").length < 2 ? n.toFixed(2) : text}`;
}
const qty = (n: number) => QUANTITY.format(n);
const CHECK_MARK: Record<CostLine["check"], string> = { region: "", "other-region": " ¹", unverified: " ²" };

export const COST_CAVEAT = "An estimate, not a quote: on-demand list prices, 730 h/month, no free tier, discounts or tax. Usage (stored GB, "
  + "log GB, traffic, requests, backup change rate, key age) comes from sparki-storage:costAssumptions: stated assumptions, not measurements (README: Cost estimate).";

/** The total, in the stack's region; a stack outside the price file's region says whose prices it is priced at. */
export function headline(report: CostReport): string {
  if (!report.pricedForRegion) {
    return `NOT PRICED for ${report.region}: the price file holds ${report.priceRegion}'s prices only (of ${report.pricesTaken}); `
      + `at those the stack would cost ≈ ${usd(report.totalUsd)} per month, which is not its cost in ${report.region}`;
  }
  const percent = (usdPart: number) => (report.totalUsd > 0 ? Math.round((usdPart / report.totalUsd) * 100) : 0);
  const seenElsewhere = report.lines.filter((l) => l.check === "other-region").reduce((n, l) => n + l.monthlyUsd, 0);
  const split = seenElsewhere > 0 ? `: ${percent(seenElsewhere)} % seen for another region only` : "";
  return `≈ ${usd(report.totalUsd)} per month in ${report.region} (prices of ${report.pricesTaken}; ${percent(report.unverifiedUsd)} % of it on prices not verified for the region${split})`;
}

const KIND_LABEL: Record<Unpriced["kind"], string> = {
  "unknown-type": "unknown resource type",
  "unknown-sku": "unknown SKU",
  "usage-not-assumed": "usage not assumed",
  "cluster-billed": "billed to the Kubernetes cluster",
};

/** Unpriced items grouped by kind and reason, so 40 identical Kubernetes objects take one line. */
function groupedUnpriced(report: CostReport): { kind: Unpriced["kind"]; reason: string; resources: string[] }[] {
  const groups = new Map<string, { kind: Unpriced["kind"]; reason: string; resources: string[] }>();
  for (const u of report.unpriced) {
    const id = `${u.kind}|${u.reason}`;
    const group = groups.get(id) ?? { kind: u.kind, reason: u.reason, resources: [] };
    group.resources.push(u.resource);
    groups.set(id, group);
  }
  return [...groups.values()];
}

interface Row {
  readonly resources: string[];
  readonly line: CostLine;
  quantity: number;
  monthlyUsd: number;
}

/** Lines that differ only by resource (40 alarms) become one row, most expensive first. */
export function groupLines(lines: readonly CostLine[]): Row[] {
  const rows = new Map<string, Row>();
  for (const l of lines) {
    const id = [l.type, l.item, l.unit, l.unitUsd, l.check].join("|");
    const row = rows.get(id) ?? { resources: [], line: l, quantity: 0, monthlyUsd: 0 };
    row.resources.push(l.resource);
    row.quantity += l.quantity;
    row.monthlyUsd += l.monthlyUsd;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => b.monthlyUsd - a.monthlyUsd);
}

const who = (row: Row, code: (s: string) => string) =>
  row.resources.length === 1 ? code(row.resources[0]) : `${row.resources.length} x, e.g. ${code(row.resources[0])}`;

/** Lines summed per resource type, most expensive first. */
function byType(report: CostReport): [string, number][] {
  const sums = new Map<string, number>();
  for (const l of report.lines) sums.set(l.type, (sums.get(l.type) ?? 0) + l.monthlyUsd);
  return [...sums.entries()].sort(([, a], [, b]) => b - a);
}

/** Each price page behind the lines: the dollars resting on it, the dates its prices were taken and how far they were checked. */
export function priceSources(report: CostReport): { page: string; usd: number; dates: string[]; checks: CostLine["check"][] }[] {
  const pages = new Map<string, { page: string; usd: number; dates: Set<string>; checks: Set<CostLine["check"]> }>();
  for (const l of report.lines) {
    if (!l.source) continue;
    const entry = pages.get(l.source.page) ?? { page: l.source.page, usd: 0, dates: new Set<string>(), checks: new Set<CostLine["check"]>() };
    entry.usd += l.monthlyUsd;
    entry.dates.add(l.source.date);
    entry.checks.add(l.check);
    pages.set(l.source.page, entry);
  }
  return [...pages.values()].sort((a, b) => b.usd - a.usd).map((e) => ({ page: e.page, usd: e.usd, dates: [...e.dates].sort(), checks: [...e.checks].sort() }));
}

const sourceLine = (s: ReturnType<typeof priceSources>[number]) => `${s.page} (${s.dates.join(", ")}; ${s.checks.map((c) => (c === "region" ? `checked for the region` : c)).join(", ")})`;

export function costText(report: CostReport): string[] {
  const lines = [`Monthly cost (estimate): ${headline(report)}`];
  for (const [type, sum] of byType(report)) lines.push(`  ${usd(sum).padStart(12)}  ${type}`);
  lines.push("  items:");
  for (const row of groupLines(report.lines)) {
    const l = row.line;
    lines.push(`    ${usd(row.monthlyUsd).padStart(12)}  ${who(row, (s) => s)}: ${l.item}, ${qty(row.quantity)} ${l.unit} x ${unitUsd(l.unitUsd)}${l.check === "region" ? "" : ` (${l.check})`}`);
  }
  for (const g of groupedUnpriced(report)) lines.push(`  NOT PRICED (${KIND_LABEL[g.kind]}): ${g.reason} [${g.resources.length}: ${g.resources.slice(0, 3).join(", ")}${g.resources.length > 3 ? ", ..." : ""}]`);
  lines.push("  price sources (page, date taken or checked, how far checked):");
  for (const s of priceSources(report)) lines.push(`    ${usd(s.usd).padStart(12)}  ${sourceLine(s)}`);
  lines.push(`  ${COST_CAVEAT}`);
  return lines;
}

/**
 * Characters the Markdown plan's item rows may take: the most expensive rows first, the rest summed per resource type
 * (the usage drivers add many cents-sized rows). The plan shares GitHub's comment limit with the resource trees.
 */
export const MARKDOWN_ROWS_MAX_CHARS = 2_500;

export function costMarkdown(report: CostReport): string[] {
  const lines = [
    "### Monthly cost (estimate)",
    "",
    `**${headline(report)}**`,
    "",
    "| Resource | Item | Quantity | Unit price | Per month |",
    "| --- | --- | ---: | ---: | ---: |",
  ];
  const rows = groupLines(report.lines);
  const rowText = (row: Row) => {
    const l = row.line;
    return `| ${who(row, (x) => `\`${x}\``)} | ${l.item}${CHECK_MARK[l.check]} | ${qty(row.quantity)} ${l.unit} | ${unitUsd(l.unitUsd)} | ${usd(row.monthlyUsd)} |`;
  };
  let used = 0;
  const shown = rows.findIndex((row) => (used += rowText(row).length + 1) > MARKDOWN_ROWS_MAX_CHARS);
  const cut = shown === -1 ? rows.length : shown;
  lines.push(...rows.slice(0, cut).map(rowText));
  const rest = rows.slice(cut);
  if (rest.length > 0) {
    const types = new Set(rest.map((r) => r.line.type)).size;
    lines.push(`| ${types} resource type${types > 1 ? "s" : ""} | ${rest.length} smaller item${rest.length > 1 ? "s" : ""} (the text plan lists them) | | | ${usd(rest.reduce((n, r) => n + r.monthlyUsd, 0))} |`);
  }
  lines.push(`| **Total** | | | | **${usd(report.totalUsd)}** |`);
  const unpriced = groupedUnpriced(report);
  if (unpriced.length > 0) {
    lines.push("", "**Not priced** (never counted as $0):", "");
    for (const g of unpriced) lines.push(`- ${KIND_LABEL[g.kind]}: ${g.reason} (${g.resources.length}: ${g.resources.slice(0, 3).map((r) => `\`${r}\``).join(", ")}${g.resources.length > 3 ? ", …" : ""})`);
  }
  // The price pages and their dates are in the text and JSON plans: the comment's room goes to the resources.
  lines.push("", `_${COST_CAVEAT} ¹ price seen for another region; ² price not verified (scripts/offline/cost/prices.ts says where to check; the text plan lists each price page and its date)._`);
  return lines;
}
