import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ProgramRun } from "./run-program";

/** Where the test suite's global setup leaves the runs it captured (test/global-setup.ts); unset: none. */
export const CAPTURED_RUNS_ENV = "SPARKI_CAPTURED_RUNS";

/** File a captured run is written to: `<stack>.apply.json` or `<stack>.preview.json`. */
export function capturedRunFile(dir: string, stack: string, preview: boolean): string {
  return join(dir, `${stack}.${preview ? "preview" : "apply"}.json`);
}

/** The run captured for this stack and mode, or undefined when none was (a test file run on its own). */
export function readCapturedRun(stack: string, preview: boolean): ProgramRun | undefined {
  const dir = process.env[CAPTURED_RUNS_ENV];
  const file = dir ? capturedRunFile(dir, stack, preview) : undefined;
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ProgramRun) : undefined;
}
