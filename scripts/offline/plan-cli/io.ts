import type { ProgramRun, RunOptions } from "../run-program";
import { stackNames } from "../stack-files";

/** Where the command writes (the process's streams, or a test's buffers), and how it runs the program. */
export interface PlanIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Runs the stack program; default: runProgram (a test suite passes the runs it already captured). */
  run?(options: RunOptions): Promise<ProgramRun>;
}

/** The stacks with a file in `dir`, for messages: `dev, prod`, or `none`. */
export function stacksIn(dir: string): string {
  try {
    const names = stackNames(dir);
    return names.length > 0 ? names.join(", ") : "none";
  } catch {
    return "none";
  }
}
