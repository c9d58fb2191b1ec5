import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { CAPTURED_RUNS_ENV } from "../scripts/offline/captured-runs";

const ROOT = resolve(__dirname, "..");

/**
 * Runs the dev and prod programs once per `npm test` (one process per stack, in parallel) and leaves the runs as
 * JSON for every test file: files that only read the real stacks no longer run the program themselves. Files that
 * need a run of their own (config overrides, a component alone) still do, through the harness.
 */
export default async function setup(): Promise<() => void> {
  mkdirSync(join(ROOT, ".cache"), { recursive: true }); // a fresh clone has none yet
  const dir = mkdtempSync(join(ROOT, ".cache", "runs-"));
  const capture = (stack: string) => promisify(execFile)(process.execPath,
    [join(ROOT, "scripts/offline/launch.ts"), join(ROOT, "scripts/offline/capture.ts"), dir, `${stack}:apply`, `${stack}:preview`], { cwd: ROOT });
  await Promise.all(["dev", "prod"].map(capture));
  process.env[CAPTURED_RUNS_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
