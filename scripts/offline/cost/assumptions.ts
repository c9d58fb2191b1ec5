import { costAssumptionsSchema } from "../../../stacks/config/cost-assumptions";
import { PROJECT } from "../../../stacks/config/schema";
import { stackConfig } from "../stack-files";
import { type CostAssumptions, NO_ASSUMPTIONS } from "./estimate";

export const COST_ASSUMPTIONS_KEY = `${PROJECT}:costAssumptions`;

/**
 * The usage assumptions of a stack (`sparki-storage:costAssumptions` in Pulumi.<stack>.yaml). The program's
 * config loader has validated the key already; a stack without a file (a hand-built run) assumes nothing.
 */
export function assumptionsOf(stack: string, overrides: Record<string, unknown> = {}, stackDir?: string): CostAssumptions {
  let raw: string | undefined;
  try {
    raw = stackConfig(stack, overrides, stackDir)[COST_ASSUMPTIONS_KEY];
  } catch {
    return NO_ASSUMPTIONS;
  }
  return raw === undefined ? NO_ASSUMPTIONS : costAssumptionsSchema.parse(JSON.parse(raw));
}
