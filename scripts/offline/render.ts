import { estimatesJson, estimatesMarkdown, estimatesText, planEstimates } from "./estimates";
import type { ProgramRun, RegisteredResource } from "./run-program";

const HIDDEN_INPUTS = new Set(["policy", "tags", "tagsAll", "defaultTags", "__defaults"]);
const MAX_VALUE_CHARS = 90;

/** The inputs a reviewer reads first: scalars and short lists; long documents (policies) are summarised. */
export function keyInputs(resource: RegisteredResource): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(resource.inputs).sort(([a], [b]) => a.localeCompare(b))) {
    if (HIDDEN_INPUTS.has(name) || value === undefined || value === null) continue;
    const text = typeof value === "string" ? value : JSON.stringify(value);
    shown[name] = text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
  }
  return shown;
}

interface Node {
  readonly resource: RegisteredResource;
  readonly children: Node[];
}

/** Resources as a tree by component, siblings sorted by type then name for a stable diff. */
export function resourceTree(run: ProgramRun): Node[] {
  const nodes = new Map(run.resources.map((r) => [`${r.type}::${r.name}`, { resource: r, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const p = node.resource.parent;
    const parent = p ? nodes.get(`${p.type}::${p.name}`) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: Node[]) => {
    list.sort((a, b) => a.resource.type.localeCompare(b.resource.type) || a.resource.name.localeCompare(b.resource.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export function countsByType(run: ProgramRun): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of run.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function providerTags(run: ProgramRun): Record<string, string> {
  const provider = run.resources.find((r) => r.type === "pulumi:providers:aws");
  const raw = provider?.inputs.defaultTags;
  const parsed = typeof raw === "string" ? (JSON.parse(raw) as { tags?: Record<string, string> }) : undefined;
  return parsed?.tags ?? {};
}

function label(r: RegisteredResource): string {
  return `${r.type}  ${r.name}${r.options.protect ? "  [protected]" : ""}`;
}

export function renderText(run: ProgramRun): string {
  const lines = [`Offline plan for stack "${run.stack}" (no cloud calls; values marked (known after apply) come from AWS).`, ""];
  lines.push(`Tags on every AWS resource: ${Object.entries(providerTags(run)).map(([k, v]) => `${k}=${v}`).join(", ")}`, "");
  const walk = (nodes: Node[], indent: string) => {
    for (const n of nodes) {
      lines.push(`${indent}+ ${label(n.resource)}`);
      for (const [k, v] of Object.entries(keyInputs(n.resource))) lines.push(`${indent}    ${k}: ${v}`);
      walk(n.children, `${indent}  `);
    }
  };
  walk(resourceTree(run), "");
  lines.push("", "Outputs:", JSON.stringify(run.outputs, null, 2), "", "Resources by type:");
  for (const [type, count] of countsByType(run)) lines.push(`  ${String(count).padStart(3)}  ${type}`);
  lines.push(`  ${String(run.resources.length).padStart(3)}  total (${run.resources.filter((r) => r.options.protect).length} protected)`);
  lines.push(...estimatesText(planEstimates(run)));
  return lines.join("\n");
}

export function renderMarkdown(run: ProgramRun): string {
  const lines = [`## Offline plan: \`${run.stack}\``, "", `${run.resources.length} resources, ${run.resources.filter((r) => r.options.protect).length} protected. Values shown as _(known after apply)_ come from AWS at deploy time.`, ""];
  lines.push(`**Tags:** ${Object.entries(providerTags(run)).map(([k, v]) => `\`${k}=${v}\``).join(" ")}`, "");
  lines.push("<details><summary>Resources by component</summary>", "", "```");
  const walk = (nodes: Node[], indent: string) => {
    for (const n of nodes) {
      const inputs = Object.entries(keyInputs(n.resource)).map(([k, v]) => `${k}=${v}`).join(" ");
      lines.push(`${indent}${label(n.resource)}${inputs ? `  (${inputs.length > 160 ? `${inputs.slice(0, 159)}…` : inputs})` : ""}`);
      walk(n.children, `${indent}  `);
    }
  };
  walk(resourceTree(run), "");
  lines.push("```", "", "</details>", "", "| Type | Count |", "| --- | ---: |");
  for (const [type, count] of countsByType(run)) lines.push(`| \`${type}\` | ${count} |`);
  lines.push(...estimatesMarkdown(planEstimates(run)));
  return lines.join("\n");
}

export function renderJson(run: ProgramRun): string {
  const resources = [...run.resources]
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name))
    .map((r) => ({ type: r.type, name: r.name, parent: r.parent?.name, protect: r.options.protect, inputs: r.inputs }));
  return JSON.stringify({ stack: run.stack, resources, outputs: run.outputs, counts: Object.fromEntries(countsByType(run)), ...estimatesJson(planEstimates(run)) }, null, 2);
}
