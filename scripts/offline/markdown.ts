// The plan as a PR comment: diff first, summary, outputs, compact trees per adapter and long inputs as YAML,
// all within GitHub's comment limit (the trees lose their inline inputs before any resource line is dropped).
import type { Comparison } from "./base/diff";
import { diffMarkdown } from "./base/render";
import { headline } from "./cost/render";
import { formatDuration } from "./deploy-time/render";
import { estimatesMarkdown } from "./estimates";
import { longInputs } from "./markdown-long";
import { fittedTrees, NAMES_ONLY, treesMarkdown } from "./markdown-trees";
import { type PlanParts, planParts, protectedCount, providerTags } from "./plan-parts";
import { yamlLines } from "./readable";
import type { ProgramRun } from "./run-program";
import { outputsHeadline, summaryMarkdown } from "./summary";
import { countsByType, displayType } from "./tree";

/** GitHub refuses a comment longer than this many characters. */
export const COMMENT_LIMIT = 65_536;
/** What one stack's Markdown may take: the comment adds a header and a footer around it. */
export const MARKDOWN_BUDGET = 60_000;
/** At most this share of the budget goes to the diff against a base; the diff counts what it leaves out. */
const DIFF_SHARE = 0.35;
/** The diff gets at least this much, whatever the trees need. */
const MIN_DIFF = 6_000;
/** The trees leave this share of their room to the policies, rules and parameters (when they need that much). */
const LONG_SHARE = 0.3;

const join = (lines: readonly string[]) => lines.join("\n");

function headMarkdown(parts: PlanParts): string[] {
  const { run, estimates } = parts;
  return [
    `## Offline plan: \`${run.stack}\``, "",
    `${run.resources.length} resources, ${protectedCount(run)} protected · ${headline(estimates.cost).split(" (")[0]} · deploy from scratch ≈ ${formatDuration(estimates.deployTime.totalSeconds)}. `
      + "Values shown as _(known after apply)_ come from AWS at deploy time.", "",
    `**Tags:** ${Object.entries(providerTags(run)).map(([k, v]) => `\`${k}=${v}\``).join(" ")}`, "",
  ];
}

function outputsMarkdown(run: ProgramRun, full: boolean): string[] {
  if (!full) return [`${outputsHeadline(run)}: too long for a comment; \`npm run plan -- ${run.stack}\` prints them.`, ""];
  return [`<details><summary>${outputsHeadline(run)}</summary>`, "", "```yaml", ...yamlLines(run.outputs), "```", "", "</details>", ""];
}

function countsMarkdown(run: ProgramRun): string[] {
  const rows = countsByType(run).map(([type, count]) => `| \`${displayType(type)}\` | ${count} |`);
  return ["", `<details><summary>Resources by type (${rows.length} types)</summary>`, "", "| Type | Count |", "| --- | ---: |", ...rows, "", "</details>"];
}

function assembled(parts: PlanParts, comparison: Comparison | undefined, budget: number, fullOutputs: boolean): string {
  const { run } = parts;
  const bottom = [...countsMarkdown(run), ...estimatesMarkdown(parts.estimates)];
  const rest = [...summaryMarkdown(parts.summaries, parts.estimates.cost, comparison), "", ...outputsMarkdown(run, fullOutputs), "### Resources by adapter", ""];
  // The diff comes first but leaves room for every resource's line (and has at least MIN_DIFF itself).
  const namesOnly = join(treesMarkdown(parts, NAMES_ONLY)).length + 300;
  const diffBudget = Math.max(MIN_DIFF, Math.min(Math.floor(budget * DIFF_SHARE), budget - join([...headMarkdown(parts), ...rest, ...bottom]).length - namesOnly));
  const top = [...headMarkdown(parts), ...(comparison ? diffMarkdown(comparison, run.stack, diffBudget) : []), ...rest];
  const assemble = (trees: readonly string[], long: readonly string[]) => join([...top, ...trees, "", ...long, ...bottom]);
  const room = budget - assemble([], []).length;
  const trees = fittedTrees(parts, room - Math.min(join(longInputs(parts, room, 0)).length, Math.floor(room * LONG_SHARE)), room);
  return assemble(trees, longInputs(parts, budget - assemble(trees, []).length - 1));
}

/**
 * The Markdown plan of one stack, at most `budget` characters: the diff (when compared with a base), the summary
 * per adapter, the outputs, one tree per adapter, long inputs as YAML, counts and estimates. A stack too big for
 * that loses its outputs' listing, and as a last resort its end.
 */
export function renderMarkdown(run: ProgramRun, comparison?: Comparison, budget = MARKDOWN_BUDGET): string {
  const parts = planParts(run);
  const withOutputs = assembled(parts, comparison, budget, true);
  if (withOutputs.length <= budget) return withOutputs;
  const text = assembled(parts, comparison, budget, false);
  if (text.length <= budget) return text;
  const cut = `\n\n… cut to stay under GitHub's comment limit: \`npm run plan -- ${run.stack} --format markdown\` prints it all.`;
  return `${text.slice(0, Math.max(0, text.lastIndexOf("\n", budget - cut.length)))}${cut}`;
}
