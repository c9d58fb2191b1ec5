import { assumptionsOf } from "./cost/assumptions";
import { type CostReport, estimateCost } from "./cost/estimate";
import { costMarkdown, costText, COST_CAVEAT } from "./cost/render";
import { type DeployTimeReport, deployTime } from "./deploy-time/critical-path";
import { deployTimeMarkdown, deployTimeText } from "./deploy-time/render";
import type { ProgramRun } from "./run-program";

/** What the plan adds to the resource list: how long a deploy takes and what the stack costs. */
export interface PlanEstimates {
  readonly deployTime: DeployTimeReport;
  readonly cost: CostReport;
}

export function planEstimates(run: ProgramRun): PlanEstimates {
  return { deployTime: deployTime(run), cost: estimateCost(run, assumptionsOf(run.stack, {}, run.stackDir)) };
}

export function estimatesText(e: PlanEstimates): string[] {
  return ["", ...deployTimeText(e.deployTime), "", ...costText(e.cost)];
}

export function estimatesMarkdown(e: PlanEstimates): string[] {
  return ["", ...deployTimeMarkdown(e.deployTime), "", ...costMarkdown(e.cost)];
}

export function estimatesJson(e: PlanEstimates): Record<string, unknown> {
  return { deployTime: e.deployTime, cost: { ...e.cost, caveat: COST_CAVEAT } };
}
