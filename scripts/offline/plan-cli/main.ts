// `npm run plan`: arguments, then the plan (execute.ts), and the exit status. I/O is passed in for tests.
import { statSync } from "node:fs";
import { REPO_ROOT } from "../stack-files";
import { parsePlanArgs, SYNOPSIS, USAGE } from "./args";
import { type PlanIo, stacksIn } from "./io";

export type { PlanIo } from "./io";

const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/** A bad argument: the problem, the synopsis and where the details are; exit status 2. */
function usageError(io: PlanIo, message: string): number {
  io.stderr(`${message}\n${SYNOPSIS}\n(npm run plan -- --help describes each option)\n`);
  return 2;
}

/** Runs the plan command; returns the exit status (0 planned, 1 the stack does not plan, 2 bad arguments). */
export async function runPlanCli(argv: readonly string[], io: PlanIo): Promise<number> {
  const parsed = parsePlanArgs(argv);
  if (parsed.kind === "help") {
    io.stdout(`${USAGE}\n\nStacks in ${REPO_ROOT}: ${stacksIn(REPO_ROOT)}\n`);
    return 0;
  }
  if (parsed.kind === "error") return usageError(io, parsed.message);
  if (parsed.options.stackDir && !isFolder(parsed.options.stackDir)) return usageError(io, `--stack-dir ${parsed.options.stackDir}: no such folder`);
  // The SDK and the program load only now: a typo or --help answers at once.
  const { planStack } = await import("./execute");
  return planStack(parsed.options, io);
}
