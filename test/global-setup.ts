import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { CAPTURE_TIMINGS_FILE, CAPTURED_RUNS_ENV } from "../scripts/offline/captured-runs";
import { everyStack } from "../scripts/offline/stack-files";

const ROOT = resolve(__dirname, "..");

/**
 * Runs every stack program once per `npm test` (dev, prod and each example, with and without preview semantics) and
 * leaves the runs as JSON for every test file (test/harness.ts capturedRun). The runs are split over at most two
 * processes, in parallel: one process per run would load the SDK once per run, and a test file running a preview
 * itself pays for it alone (the examples' previews were a third of the suite's time in one file).
 */
/**
 * `SPARKI_CAPTURE_ONLY=dev,firestore-dev,...` captures only the named stacks: a quick loop over one test file while
 * working on one adapter. Test files that read every stack fail under it; CI never sets it.
 */
const CAPTURE_ONLY_ENV = "SPARKI_CAPTURE_ONLY";

export default async function setup(): Promise<() => void> {
  mkdirSync(join(ROOT, ".cache"), { recursive: true }); // a fresh clone has none yet
  const dir = mkdtempSync(join(ROOT, ".cache", "runs-"));
  const only = process.env[CAPTURE_ONLY_ENV]?.split(",").map((name) => name.trim()).filter(Boolean);
  const specs = everyStack().filter(({ stack }) => !only || only.includes(stack)).flatMap(({ stack, stackDir }) => {
    const where = stackDir ? `${stack}@${stackDir}` : stack;
    return [`${where}:apply`, `${where}:preview`];
  });
  const processes = Math.max(1, Math.min(2, availableParallelism()));
  const shares = Array.from({ length: processes }, (_, i) => specs.filter((_s, at) => at % processes === i));
  const outputs = await Promise.all(shares.map((share) => promisify(execFile)(process.execPath,
    [join(ROOT, "scripts/offline/launch.cjs"), join(ROOT, "scripts/offline/capture.ts"), dir, ...share], { cwd: ROOT })));
  // What each run took, for npm run bench (an example stack's share of the suite).
  writeFileSync(CAPTURE_TIMINGS_FILE, `[${outputs.flatMap((o) => o.stdout.trim().split("\n")).join(",")}]\n`);
  process.env[CAPTURED_RUNS_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
