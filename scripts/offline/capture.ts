// Runs stack programs once and writes each run as JSON, for the test suite's global setup (test/global-setup.ts):
// every test file then reads the same captured resources instead of running the program again.
// Prints, per run, one JSON line: {"spec": ..., "seconds": ...} (npm run bench reads what an example stack costs).
// Usage: node scripts/offline/launch.cjs scripts/offline/capture.ts <out-dir> <stack>[@<stack-dir>]:<apply|preview> ...
import { mkdirSync, writeFileSync } from "node:fs";
import { capturedRunFile } from "./captured-runs";
import { runProgram } from "./run-program";

async function main([dir, ...specs]: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const spec of specs) {
    const [where, mode] = spec.split(":");
    const [stack, stackDir] = where.split("@");
    const preview = mode === "preview";
    const started = performance.now();
    const run = await runProgram({ stack, stackDir, preview });
    writeFileSync(capturedRunFile(dir, { stack, stackDir }, preview), JSON.stringify(run));
    process.stdout.write(`${JSON.stringify({ spec, seconds: (performance.now() - started) / 1000 })}\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
