// The Markdown plan's resource trees: one collapsed block per adapter, one line per resource, inline inputs
// shortened (non-stateful resources first) until the trees fit the room they have.
import { STATEFUL_TYPES } from "./inventory";
import type { PlanParts } from "./plan-parts";
import { visibleInputs } from "./plan-parts";
import { clip, inline, isLongDocument, jsonDocument } from "./readable";
import { KNOWN_AFTER_APPLY, type RegisteredResource } from "./run-program";
import { type AdapterGroup, displayType, type Node } from "./tree";

/** A structured input longer than this on one line is folded (`{…}`) and shown as YAML below the trees. */
export const FOLD_WIDTH = 60;

/**
 * Inline inputs per tree line, in characters, for stateful and for other resources, tried in turn until the
 * trees fit; 0: the name only. Stateful resources (databases, caches, buckets, keys) keep theirs longest.
 */
const TREE_LEVELS = [[2000, 140], [2000, 100], [2000, 70], [2000, 0], [400, 0], [140, 0], [0, 0]] as const;
type Level = readonly [number, number];
export const NAMES_ONLY: Level = [0, 0];

const join = (lines: readonly string[]) => lines.join("\n");

function folded(value: unknown): string {
  const doc = jsonDocument(value) ?? value;
  return Array.isArray(doc) ? "[…]" : "{…}";
}

/** `k=v` pairs of a tree line: unknowns as `?`, long documents folded, the whole clipped to `width`. */
function inlineInputs(r: RegisteredResource, width: number): string {
  if (width === 0) return "";
  const pairs = visibleInputs(r).map(([k, v]) => `${k}=${v === KNOWN_AFTER_APPLY ? "?" : isLongDocument(v, FOLD_WIDTH) ? folded(v) : clip(inline(v), 60)}`);
  return pairs.length > 0 ? `  ${clip(pairs.join(" "), width)}` : "";
}

function groupTree(g: AdapterGroup, [statefulWidth, otherWidth]: Level): string[] {
  const lines: string[] = [];
  const walk = (nodes: readonly Node[], indent: string) => {
    for (const { resource: r, children } of nodes) {
      const width = STATEFUL_TYPES.has(r.type) ? statefulWidth : otherWidth;
      lines.push(`${indent}${displayType(r.type)}  ${r.name}${r.options.protect ? "  [protected]" : ""}${inlineInputs(r, width)}`);
      walk(children, `${indent}  `);
    }
  };
  walk(g.roots, "");
  return lines;
}

export function treesMarkdown(parts: PlanParts, level: Level): string[] {
  const lines: string[] = [];
  for (const [i, g] of parts.groups.entries()) {
    if (g.resources.length === 0) continue;
    const s = parts.summaries[i];
    lines.push(`<details><summary><b>${g.key}</b>: ${s.resources} resources, ${s.protectedNames.length} protected</summary>`, "", "```", ...groupTree(g, level), "```", "", "</details>", "");
  }
  return lines;
}

function note(parts: PlanParts, level: Level): string {
  const shortened = level[1] < TREE_LEVELS[0][1]
    ? ` Inline inputs ${level[1] === 0 ? "of stateful resources only" : "shortened"} to stay under GitHub's comment limit; \`npm run plan -- ${parts.run.stack}\` prints every input.`
    : "";
  return `\`?\`: known after apply; \`{…}\`/\`[…]\`: a long input, shown as YAML below when it fits.${shortened}`;
}

/**
 * The trees with as much inline detail as `preferred` characters allow (what the long inputs leave), else as
 * `room` allows: every resource's line comes before any long input.
 */
export function fittedTrees(parts: PlanParts, preferred: number, room: number): string[] {
  for (const [limit, level] of [preferred, room].flatMap((l) => TREE_LEVELS.map((v) => [l, v] as const))) {
    const lines = [note(parts, level), "", ...treesMarkdown(parts, level)];
    if (join(lines).length + 1 <= limit) return lines;
  }
  return [`_${parts.run.resources.length} resources: too many for a comment; \`npm run plan -- ${parts.run.stack}\` prints the trees._`];
}
