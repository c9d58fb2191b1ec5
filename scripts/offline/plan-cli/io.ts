import { stackNames } from "../stack-files";

/** Where the command writes (the process's streams, or a test's buffers). */
export interface PlanIo {
  stdout(text: string): void;
  stderr(text: string): void;
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
