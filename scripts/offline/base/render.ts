// The diff against a base, printed first: stateful replacements, changed stateful resources, added, removed, changed.
import { usd } from "../cost/render";
import { clip } from "../readable";
import { type ChangedEntry, type Comparison, type DiffEntry, isEmpty, type PlanDiff } from "./diff";

const MAX_VALUE = 80;
const MAX_VALUE_TEXT = 240;
/** Paths listed per changed resource in Markdown (the text plan lists them all). */
const MAX_PATHS_MARKDOWN = 12;

const short = (commit: string) => commit.slice(0, 7);
/** `main (0123456)`, or only the short commit when the ref is itself a commit. */
const refLabel = (ref: string, commit: string, code: (s: string) => string = (s) => s) =>
  (commit.startsWith(ref.toLowerCase()) ? code(short(commit)) : `${code(ref)} (${code(short(commit))})`);
/** Room kept for the line that counts what the budget left out. */
const TAIL = 200;

/**
 * Both values cut to `max` characters around where they first differ, so two long descriptions that differ at
 * the end do not print as the same prefix.
 */
export function clipPair(before: string, after: string, max: number): [string, string] {
  if (before.length <= max && after.length <= max) return [before, after];
  let at = 0;
  while (at < before.length && before[at] === after[at]) at++;
  const start = Math.max(0, Math.min(at - Math.floor(max / 4), Math.max(before.length, after.length) - (max - 1)));
  const cut = (v: string) => (start > 0 ? `…${clip(v.slice(start), max - 1)}` : clip(v, max));
  return [cut(before), cut(after)];
}

function costLine(d: PlanDiff): string | undefined {
  if (!d.costUsd) return undefined;
  const delta = d.costUsd.after - d.costUsd.before;
  return `monthly cost ${usd(d.costUsd.before)} -> ${usd(d.costUsd.after)} (${delta >= 0 ? "+" : "-"}${usd(Math.abs(delta))})`;
}

const unchangedCost = (d: PlanDiff) => (d.costUsd ? ` (monthly cost ${usd(d.costUsd.after)}, unchanged)` : "");

function counts(d: PlanDiff): string {
  const replaced = d.statefulReplaced.length > 0 ? `${d.statefulReplaced.length} STATEFUL REPLACED OR DELETED` : "no stateful resource replaced or deleted";
  return [replaced, `${d.changed.length} changed`, `${d.added.length} added`, `${d.removed.length} removed`, costLine(d)].filter(Boolean).join(", ");
}

const flags = (e: DiffEntry) => [e.stateful ? "stateful" : "", e.protect ? "protected" : ""].filter(Boolean).join(", ");

/** The sections in reading order; the label says what a reviewer must weigh. */
function sections(d: PlanDiff): { title: string; sign: string; entries: readonly DiffEntry[] }[] {
  return [
    { title: "Stateful resources replaced or deleted (their data is lost unless this is intended)", sign: "!", entries: d.statefulReplaced },
    { title: "Stateful resources changed in place", sign: "~", entries: d.changed.filter((c) => c.stateful) },
    { title: "Added", sign: "+", entries: d.added },
    { title: "Removed", sign: "-", entries: d.removed },
    { title: "Changed", sign: "~", entries: d.changed.filter((c) => !c.stateful) },
  ].filter((s) => s.entries.length > 0);
}

const changesOf = (e: DiffEntry): ChangedEntry["changes"] => ("changes" in e ? (e as ChangedEntry).changes : []);
const movedTo = (e: DiffEntry): string | undefined => ("now" in e ? (e as { now?: string }).now : undefined);

export function diffText(c: Comparison): string[] {
  if ("error" in c) return [`Changes against ${c.ref}: not shown (${c.error}). The plan follows.`];
  if (isEmpty(c.diff)) return [`Changes against ${refLabel(c.ref, c.commit)}: none${unchangedCost(c.diff)}.`];
  const lines = [`Changes against ${refLabel(c.ref, c.commit)}: ${counts(c.diff)}.`];
  for (const s of sections(c.diff)) {
    lines.push(`  ${s.title}:`);
    for (const e of s.entries) {
      const moved = movedTo(e);
      lines.push(`    ${s.sign} ${e.urn}${flags(e) ? `  [${flags(e)}]` : ""}${moved ? `\n        now ${moved}` : ""}`);
      for (const ch of changesOf(e)) lines.push(`        ${ch.path}: ${clipPair(ch.before, ch.after, MAX_VALUE_TEXT).join(" -> ")}`);
    }
  }
  return lines;
}

/** Inline code that survives backticks inside the value. */
const code = (s: string) => (s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``);

function entryMarkdown(e: DiffEntry): string[] {
  const moved = movedTo(e);
  const lines = [`- \`${e.name}\` \`${e.type}\`${flags(e) ? ` (${flags(e)})` : ""}${moved ? `: now \`${moved}\`` : ""}`];
  const changes = changesOf(e);
  for (const ch of changes.slice(0, MAX_PATHS_MARKDOWN)) lines.push(`  - ${code(ch.path)}: ${clipPair(ch.before, ch.after, MAX_VALUE).map(code).join(" → ")}`);
  if (changes.length > MAX_PATHS_MARKDOWN) lines.push(`  - … ${changes.length - MAX_PATHS_MARKDOWN} more paths`);
  return lines;
}

/**
 * The diff as Markdown within `budget` characters: entries in reading order until the budget is spent, then a
 * count of the rest and the command that prints them all.
 */
export function diffMarkdown(c: Comparison, stack: string, budget: number): string[] {
  if ("error" in c) return [`> **Changes against \`${c.ref}\`:** not shown (${c.error}).`, ""];
  const title = `### Changes against ${refLabel(c.ref, c.commit, (x) => `\`${x}\``)}`;
  if (isEmpty(c.diff)) return [title, "", `No resource added, removed or changed${unchangedCost(c.diff)}.`, ""];
  const lines = [title, "", `**${counts(c.diff).replace(/ -> /, " → ")}**`, ""];
  let used = lines.join("\n").length;
  let left = sections(c.diff).reduce((n, s) => n + s.entries.length, 0);
  for (const s of sections(c.diff)) {
    const head = [`**${s.title}:**`, ""];
    for (const [i, e] of s.entries.entries()) {
      const block = [...(i === 0 ? head : []), ...entryMarkdown(e)];
      const size = block.join("\n").length + 1;
      if (used + size + TAIL > budget) {
        lines.push("", `… and ${left} more changes: \`npm run plan -- ${stack} --base ${c.ref}\` prints them all.`, "");
        return lines;
      }
      lines.push(...block);
      used += size;
      left -= 1;
    }
    lines.push("");
    used += 1;
  }
  return lines;
}
