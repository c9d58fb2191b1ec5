import { type BenchResult, GOALS } from "./goals";

const s = (seconds: number | undefined) => (seconds === undefined ? "-" : `${seconds.toFixed(2)} s`);
const mb = (value: number | undefined) => (value === undefined ? "-" : `${Math.round(value)} MB`);
const met = (ok: boolean) => (ok ? "met" : "NOT met");

/** The benchmark as a table, then each goal with its verdict. */
export function renderBench(r: BenchResult): string {
  const header = `${"".padEnd(58)} ${"median".padStart(8)} ${"min".padStart(8)} ${"max".padStart(8)} ${"x floor".padStart(8)} ${"peak tree".padStart(10)} ${"largest".padStart(8)}`;
  const lines = [
    `Benchmark on ${r.cores} cores, load average ${r.load.before.toFixed(2)} -> ${r.load.after.toFixed(2)} (a busy machine inflates every number)`,
    "",
    header,
    ...r.rows.map((row) => [
      row.label.padEnd(58), s(row.medianSeconds).padStart(8), s(row.minSeconds).padStart(8), s(row.maxSeconds).padStart(8),
      `${(row.medianSeconds / r.floorSeconds).toFixed(2)}x`.padStart(8), mb(row.peakTreeMb).padStart(10), mb(row.peakProcessMb).padStart(8),
      row.failures ? `  (${row.failures} failed runs)` : "",
    ].join(" ")),
    "",
    ...r.rows.flatMap((row) => (row.failure ? [`${row.label} failed: ${row.failure.split("\n").slice(-3).join(" | ")}`] : [])),
    "peak tree = summed resident memory of the command and its child processes (npm, vitest workers); largest = its largest process.",
  ];
  const prod = r.rows.find((row) => row.label === "npm run plan -- prod");
  if (prod) {
    const ratio = prod.medianSeconds / r.floorSeconds;
    lines.push("", `plan of prod / floor = ${ratio.toFixed(2)}x (goal <= ${GOALS.planProdOverFloor}x): ${met(ratio <= GOALS.planProdOverFloor)}`);
  }
  if (r.suite) {
    if (r.suite.failedTests.length > 0) lines.push("Failed tests:", ...r.suite.failedTests.map((t) => `  ${t}`));
    lines.push(`test suite ${s(r.suite.seconds)}, ${r.suite.passed} passed, ${r.suite.failed} failed (goal < ${GOALS.suiteSeconds} s on 2 cores when idle): ${met(r.suite.seconds < GOALS.suiteSeconds)}`);
  }
  if (r.adapters.length > 0) {
    lines.push("", `What one adapter adds (goal: < ${GOALS.adapterSuiteSeconds} s of suite, < ${GOALS.adapterPlanShare * 100} % of the plan of prod):`);
    for (const a of r.adapters) {
      const suiteText = r.suite ? `${s(a.suiteSeconds)} of suite (${a.testFiles.length} test files)` : "suite not run";
      const signed = `${a.planSeconds >= 0 ? "+" : "-"}${s(Math.abs(a.planSeconds))}`;
      lines.push(`  ${a.adapterKey.padEnd(10)} plan ${signed} (${(a.planShare * 100).toFixed(1)} %): ${met(a.planShare < GOALS.adapterPlanShare)}; ${suiteText}${r.suite ? `: ${met(a.suiteSeconds < GOALS.adapterSuiteSeconds)}` : ""}`);
    }
    lines.push("  (plan: prod with the adapter minus prod without it; suite: its test files plus its example stacks' runs)");
  }
  if (r.slowestTestFiles.length > 0) {
    lines.push("", "Slowest test files:", ...r.slowestTestFiles.map((f) => `  ${s(f.seconds).padStart(8)}  ${f.file}`));
  }
  return lines.join("\n");
}
