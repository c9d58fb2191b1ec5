// The Markdown plan's long inputs (policies, lifecycle rules, specs) as YAML blocks, as many as fit.
import { FOLD_WIDTH } from "./markdown-trees";
import { type PlanParts, visibleInputs } from "./plan-parts";
import { isLongDocument, yamlLines } from "./readable";
import { displayType } from "./tree";

const join = (lines: readonly string[]) => lines.join("\n");

/** Policies, rules and parameters first, then the rest; metadata and dashboards last. */
function priority(key: string): number {
  if (/polic|rules|parameters|ingress|egress|pattern|transition|lifecycle/i.test(key)) return 0;
  return /^(metadata|dashboardBody)$/.test(key) ? 2 : 1;
}

/**
 * Long inputs as YAML blocks, in tree order, chosen by priority (up to `maxPriority`) while they fit in `room`
 * characters; the rest are counted. Nothing when not even the frame fits.
 */
export function longInputs(parts: PlanParts, room: number, maxPriority = 2): string[] {
  const items = parts.groups.flatMap((g) => g.resources).flatMap((r) => visibleInputs(r)
    .filter(([, v]) => isLongDocument(v, FOLD_WIDTH))
    .map(([key, value]) => ({ priority: priority(key), block: [`\`${r.name}\` \`${displayType(r.type)}\` **${key}**:`, "```yaml", ...yamlLines(value), "```"] })));
  if (items.length === 0) return [];
  const render = (chosen: readonly number[]) => {
    const rest = items.length - chosen.length;
    return [
      `<details><summary>Long inputs as YAML (policies, lifecycle rules, specs): ${chosen.length} of ${items.length}</summary>`, "",
      ...(rest > 0 ? [`${rest} left out to stay under GitHub's comment limit (dashboards first); \`npm run plan -- ${parts.run.stack}\` prints every one.`, ""] : []),
      ...[...chosen].sort((a, b) => a - b).flatMap((i) => items[i].block), "", "</details>",
    ];
  };
  const order = items.map((_, i) => i).filter((i) => items[i].priority <= maxPriority).sort((a, b) => items[a].priority - items[b].priority || a - b);
  const chosen: number[] = [];
  let used = join(render([])).length;
  for (const i of order) {
    const size = join(items[i].block).length + 1;
    if (used + size <= room) {
      chosen.push(i);
      used += size;
    }
  }
  while (chosen.length > 0 && join(render(chosen)).length > room) chosen.pop();
  return join(render(chosen)).length <= room ? render(chosen) : [];
}
