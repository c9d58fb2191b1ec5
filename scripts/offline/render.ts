// The plan as text (every input, long ones as indented YAML) and as JSON; Markdown is in markdown.ts.
import type { Comparison } from "./base/diff";
import { diffText } from "./base/render";
import { estimatesJson, estimatesText } from "./estimates";
import { renderMarkdown } from "./markdown";
import { type PlanParts, planParts, protectedCount, providerTags, label, visibleInputs } from "./plan-parts";
import { plannedOf } from "./planned";
import { inline, isLongDocument, yamlLines } from "./readable";
import type { ProgramRun } from "./run-program";
import { outputsHeadline, summaryText } from "./summary";
import { countsByType, type Node } from "./tree";

export { renderMarkdown };
export { countsByType, resourceTree } from "./tree";

/** Values longer than this on one line are printed as an indented block. */
const LINE_WIDTH = 90;

function treeText(parts: PlanParts): string[] {
  const lines: string[] = [];
  const walk = (nodes: readonly Node[], indent: string) => {
    for (const n of nodes) {
      lines.push(`${indent}+ ${label(n.resource)}`);
      for (const [k, v] of visibleInputs(n.resource)) {
        if (isLongDocument(v, LINE_WIDTH)) lines.push(`${indent}    ${k}:`, ...yamlLines(v).map((l) => `${indent}      ${l}`));
        else lines.push(`${indent}    ${k}: ${inline(v)}`);
      }
      walk(n.children, `${indent}  `);
    }
  };
  for (const g of parts.groups.filter((x) => x.resources.length > 0)) {
    lines.push(`[${g.key}] ${g.resources.length} resources`);
    walk(g.roots, "");
  }
  return lines;
}

export function renderText(run: ProgramRun, comparison?: Comparison): string {
  const parts = planParts(run);
  const lines = [`Offline plan for stack "${run.stack}" (no cloud calls; values marked (known after apply) come from AWS).`, ""];
  if (comparison) lines.push(...diffText(comparison), "");
  lines.push(...summaryText(parts.summaries, parts.estimates.cost, comparison), "");
  lines.push(`Tags on every AWS resource: ${Object.entries(providerTags(run)).map(([k, v]) => `${k}=${v}`).join(", ")}`, "");
  lines.push(`${outputsHeadline(run)}:`, ...yamlLines(run.outputs).map((l) => `  ${l}`), "");
  lines.push("Resources by adapter and component (long inputs as YAML):", ...treeText(parts), "", "Resources by type:");
  for (const [type, count] of countsByType(run)) lines.push(`  ${String(count).padStart(3)}  ${type}`);
  lines.push(`  ${String(run.resources.length).padStart(3)}  total (${protectedCount(run)} protected)`);
  lines.push(...estimatesText(parts.estimates));
  return lines.join("\n");
}

export function renderJson(run: ProgramRun, comparison?: Comparison): string {
  const parts = planParts(run);
  const base = comparison && ("error" in comparison ? { base: { ref: comparison.ref, error: comparison.error } } : { base: { ref: comparison.ref, commit: comparison.commit }, diff: comparison.diff });
  return JSON.stringify({
    stack: run.stack,
    ...base,
    adapters: parts.summaries,
    resources: plannedOf(run),
    outputs: run.outputs,
    counts: Object.fromEntries(countsByType(run)),
    ...estimatesJson(parts.estimates),
  }, null, 2);
}
