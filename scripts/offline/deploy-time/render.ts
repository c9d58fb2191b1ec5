import type { ChainStep, DeployTimeReport } from "./critical-path";
import { SETUP_SECONDS } from "./durations";

/** `27 min 40 s`, `45 s`, `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${String(s % 60).padStart(2, "0")} s` : ""}`;
  return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, "0")} min`;
}

const label = (step: ChainStep) => `${step.name} (${step.type}${step.variant ? `, ${step.variant}` : ""})`;

function verdict(report: DeployTimeReport): string {
  const added = report.totalSeconds - report.floorSeconds;
  return added === 0
    ? "equal to the floor: the stack adds no serialisation of its own"
    : `${formatDuration(added)} above the floor: ordering the stack adds (see below)`;
}

const CAVEAT = `Typical create times from scripts/offline/deploy-time/durations.ts (each sourced or a stated assumption), not measurements. `
  + `Floor: the longest chain over inherent waits only (a resource consumes another's outputs, or is ordered after a setup resource of at most ${SETUP_SECONDS} s).`;

function addedLines(report: DeployTimeReport, bullet: string, code: (s: string) => string): string[] {
  const lines: string[] = [];
  for (const edge of report.addedEdges) lines.push(`${bullet}${code(edge.to)} waits for ${code(edge.from)} (${edge.kind}) on the critical path`);
  return lines;
}

function orderingLines(report: DeployTimeReport, bullet: string, code: (s: string) => string): string[] {
  return report.orderingOnlyWaits.map((w) => `${bullet}${code(w.resource)} waits on ${w.waitsOn.map(code).join(", ")} through dependsOn/parent only, not through their outputs`);
}

export function deployTimeText(report: DeployTimeReport): string[] {
  const lines = [
    "Deploy time (estimate, create from scratch):",
    `  total ${formatDuration(report.totalSeconds)} (critical path), floor ${formatDuration(report.floorSeconds)}: ${verdict(report)}`,
    "  critical chain:",
  ];
  for (const step of report.critical) {
    lines.push(`    ${formatDuration(step.startSeconds).padStart(12)} +${formatDuration(step.seconds).padEnd(12)} ${label(step)}${step.after ? `  [after: ${step.after}]` : ""}`);
  }
  const added = addedLines(report, "    - ", (s) => s);
  if (added.length > 0) lines.push("  added serialisation on the critical path:", ...added);
  const ordering = orderingLines(report, "    - ", (s) => s);
  if (ordering.length > 0) lines.push("  slow waits by ordering only (off the critical path unless listed above; check each is needed):", ...ordering);
  if (report.unlistedTypes.length > 0) lines.push(`  types not in the durations table (default assumed): ${report.unlistedTypes.join(", ")}`);
  lines.push(`  ${CAVEAT}`);
  return lines;
}

export function deployTimeMarkdown(report: DeployTimeReport): string[] {
  const lines = [
    "### Deploy time (estimate)",
    "",
    `Creating the stack from scratch takes **≈ ${formatDuration(report.totalSeconds)}** (critical path over ${report.resourceCount} resources); `
      + `the floor is **${formatDuration(report.floorSeconds)}**, so the total is ${verdict(report)}.`,
    "",
    "| Starts at | Takes | Resource | Waits for the row above because |",
    "| ---: | ---: | --- | --- |",
  ];
  for (const step of report.critical) {
    lines.push(`| ${formatDuration(step.startSeconds)} | ${formatDuration(step.seconds)} | \`${step.name}\` (\`${step.type}\`${step.variant ? `, ${step.variant}` : ""}) | ${step.after ?? "—"} |`);
  }
  const added = addedLines(report, "- ", (s) => `\`${s}\``);
  if (added.length > 0) lines.push("", "**Added serialisation on the critical path:**", "", ...added);
  const ordering = orderingLines(report, "- ", (s) => `\`${s}\``);
  if (ordering.length > 0) lines.push("", "Slow waits by ordering only (check each is needed; off the critical path unless listed above):", "", ...ordering);
  if (report.unlistedTypes.length > 0) lines.push("", `Types without a row in the durations table (10 s assumed): ${report.unlistedTypes.map((t) => `\`${t}\``).join(", ")}.`);
  lines.push("", `_${CAVEAT}_`);
  return lines;
}
