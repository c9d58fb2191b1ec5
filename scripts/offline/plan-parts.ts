// What every plan format is built from: the run, its estimates, its resources grouped by adapter.
import { type PlanEstimates, planEstimates } from "./estimates";
import type { ProgramRun, RegisteredResource } from "./run-program";
import { type AdapterSummary, adapterSummaries } from "./summary";
import { type AdapterGroup, adapterGroups } from "./tree";

/** Inputs no plan prints: tags repeat the provider's default tags, shown once at the top. */
const HIDDEN_INPUTS = new Set(["tags", "tagsAll", "defaultTags", "__defaults"]);

export interface PlanParts {
  readonly run: ProgramRun;
  readonly estimates: PlanEstimates;
  readonly groups: readonly AdapterGroup[];
  readonly summaries: readonly AdapterSummary[];
}

export function planParts(run: ProgramRun): PlanParts {
  const estimates = planEstimates(run);
  const groups = adapterGroups(run);
  return { run, estimates, groups, summaries: adapterSummaries(groups, estimates.cost) };
}

/** A resource's inputs worth reading, sorted by name. */
export function visibleInputs(resource: RegisteredResource): [string, unknown][] {
  return Object.entries(resource.inputs)
    .filter(([name, value]) => !HIDDEN_INPUTS.has(name) && value !== undefined && value !== null)
    .sort(([a], [b]) => a.localeCompare(b));
}

export function providerTags(run: ProgramRun): Record<string, string> {
  const provider = run.resources.find((r) => r.type === "pulumi:providers:aws");
  const raw = provider?.inputs.defaultTags;
  const parsed = typeof raw === "string" ? (JSON.parse(raw) as { tags?: Record<string, string> }) : undefined;
  return parsed?.tags ?? {};
}

export function label(r: RegisteredResource): string {
  return `${r.type}  ${r.name}${r.options.protect ? "  [protected]" : ""}`;
}

export const protectedCount = (run: ProgramRun) => run.resources.filter((r) => r.options.protect).length;
