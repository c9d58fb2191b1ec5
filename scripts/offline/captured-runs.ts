import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { ProgramRun } from "./run-program";
import type { StackRef } from "./stack-files";

/** Where the test suite's global setup leaves the runs it captured (test/global-setup.ts); unset: none. */
export const CAPTURED_RUNS_ENV = "SPARKI_CAPTURED_RUNS";

/** What each run of the last global setup took: `[{ "spec": "<stack>[@<dir>]:<mode>", "seconds": n }]`. */
export const CAPTURE_TIMINGS_FILE = join(__dirname, "..", "..", ".cache", "capture-timings.json");

/** File a captured run is written to: `[<example folder>.]<stack>.apply.json` or `....preview.json`. */
export function capturedRunFile(dir: string, ref: StackRef, preview: boolean): string {
  const folder = ref.stackDir ? `${basename(ref.stackDir)}.` : "";
  return join(dir, `${folder}${ref.stack}.${preview ? "preview" : "apply"}.json`);
}

/** The run captured for this stack and mode, or undefined when none was (a test file run on its own). */
export function readCapturedRun(ref: StackRef, preview: boolean): ProgramRun | undefined {
  const dir = process.env[CAPTURED_RUNS_ENV];
  const file = dir ? capturedRunFile(dir, ref, preview) : undefined;
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ProgramRun) : undefined;
}
