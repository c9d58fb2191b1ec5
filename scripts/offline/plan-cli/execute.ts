// The plan itself (and the base's, with --base): loaded only once the arguments are good, so a typo or --help
// answers before the Pulumi SDK loads.
import { resolve } from "node:path";
import { ConfigError } from "../../../stacks/config/errors";
import { type BasePlan, planAtRef } from "../base/checkout";
import { type Comparison, diffPlans } from "../base/diff";
import { assumptionsOf } from "../cost/assumptions";
import { estimateCost } from "../cost/estimate";
import { plannedOf } from "../planned";
import { renderJson, renderMarkdown, renderText } from "../render";
import { type ProgramRun, runProgram } from "../run-program";
import { readProjectFile, REPO_ROOT } from "../stack-files";
import { adapterSummaries } from "../summary";
import { adapterGroups } from "../tree";
import type { Format, PlanOptions } from "./args";
import { type PlanIo, stacksIn } from "./io";

const RENDERERS: Record<Format, (run: ProgramRun, comparison?: Comparison) => string> = { text: renderText, markdown: renderMarkdown, json: renderJson };

/** One line for what stopped the plan: config problems as the loader worded them, a missing file by its path. */
function failure(error: unknown, stackDir: string): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof Error && "code" in error && error.code === "ENOENT") {
    const path = (error as { path?: unknown }).path;
    return `no stack file: ${typeof path === "string" ? path : error.message} does not exist (stacks in ${stackDir}: ${stacksIn(stackDir)})`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The head's plan compared with the base's, from the same JSON shape the base printed. */
function compare(base: BasePlan, run: ProgramRun): Comparison {
  if ("error" in base) return base;
  const cost = estimateCost(run, assumptionsOf(run.stack, {}, run.stackDir));
  const adapters = adapterSummaries(adapterGroups(run), cost).map((s) => ({ key: s.key, monthlyUsd: s.monthlyUsd }));
  const head = { stack: run.stack, resources: plannedOf(run), cost: { totalUsd: cost.totalUsd }, adapters };
  return { ref: base.ref, commit: base.commit, diff: diffPlans(base.plan, head, readProjectFile(run.stackDir).name) };
}

/** Plans the stack (and its base, in a child process, meanwhile); returns 0, or 1 when the stack does not plan. */
export async function planStack({ stack, format, stackDir, base }: PlanOptions, io: PlanIo): Promise<number> {
  const abort = new AbortController();
  const basePlan = base ? planAtRef({ ref: base, stack, stackDir, root: REPO_ROOT, signal: abort.signal }) : undefined;
  try {
    const run = await (io.run ?? runProgram)({ stack, preview: true, stackDir });
    const comparison = basePlan ? compare(await basePlan, run) : undefined;
    io.stdout(`${RENDERERS[format](run, comparison)}\n`);
    return 0;
  } catch (error) {
    abort.abort();
    await basePlan;
    io.stderr(`${failure(error, resolve(stackDir ?? REPO_ROOT))}\n`);
    return 1;
  }
}
