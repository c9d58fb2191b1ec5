// Benchmark of the review loop: how long `npm run plan` and the test suite take, against the floor (a bare Node
// process that only loads @pulumi/pulumi and @pulumi/aws). Not part of `npm test`.
// Usage: npm run bench [-- --runs 5 --test-runs 3 --skip-tests --json]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const GNU_TIME = "/usr/bin/time";
const PLAN_GOAL = 1.5;
const TEST_GOAL_SECONDS = 60;

interface Sample {
  readonly seconds: number;
  /** Peak resident set of the largest process in the tree, MB (GNU time), when available. */
  readonly peakMb?: number;
  readonly ok: boolean;
}

interface Benchmark {
  readonly label: string;
  readonly command: readonly string[];
  readonly env?: Record<string, string>;
  readonly runs: number;
}

interface Result extends Benchmark {
  readonly samples: readonly Sample[];
  readonly cold?: Sample;
}

function measure(command: readonly string[], env: Record<string, string> = {}): Promise<Sample> {
  const scratch = mkdtempSync(join(tmpdir(), "sparki-bench-"));
  const timeFile = join(scratch, "time");
  const withTime = existsSync(GNU_TIME) ? [GNU_TIME, "-f", "%M", "-o", timeFile, ...command] : [...command];
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(withTime[0], withTime.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: "ignore" });
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const kb = existsSync(timeFile) ? Number(readFileSync(timeFile, "utf8").trim().split("\n").at(-1)) : NaN;
      rmSync(scratch, { recursive: true, force: true });
      resolve({ seconds, ok: code === 0, ...(Number.isFinite(kb) ? { peakMb: kb / 1024 } : {}) });
    });
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs the benchmarks round-robin (one run of each, then the next round), so that a change in machine load
 * during the benchmark hits every row alike and the ratios stay meaningful. Each gets a cold run first when
 * asked (empty launcher caches) and one uncounted warm-up run.
 */
async function benchAll(list: ReadonlyArray<[Benchmark, Record<string, string>?]>): Promise<Result[]> {
  const results: Array<Benchmark & { samples: Sample[]; cold?: Sample }> = list.map(([b]) => ({ ...b, samples: [] }));
  for (const [i, [b, cold]] of list.entries()) {
    process.stderr.write(`bench: warming up ${b.label}\n`);
    if (cold) results[i].cold = await measure(b.command, { ...b.env, ...cold });
    await measure(b.command, b.env);
  }
  const rounds = Math.max(...list.map(([b]) => b.runs));
  for (let round = 0; round < rounds; round++) {
    process.stderr.write(`bench: round ${round + 1} of ${rounds}\n`);
    for (const [i, [b]] of list.entries()) if (round < b.runs) results[i].samples.push(await measure(b.command, b.env));
  }
  return results;
}

function summary(r: Result) {
  const times = r.samples.map((s) => s.seconds);
  const peaks = r.samples.flatMap((s) => (s.peakMb === undefined ? [] : [s.peakMb]));
  return {
    label: r.label,
    command: r.command.join(" "),
    runs: r.samples.length,
    failures: r.samples.filter((s) => !s.ok).length,
    medianSeconds: median(times),
    minSeconds: Math.min(...times),
    maxSeconds: Math.max(...times),
    peakMb: peaks.length > 0 ? Math.max(...peaks) : undefined,
    coldSeconds: r.cold?.seconds,
  };
}

function parseArgs(argv: string[]) {
  const value = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return { runs: value("--runs", 5), testRuns: value("--test-runs", 3), skipTests: argv.includes("--skip-tests"), json: argv.includes("--json") };
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const coldCache = mkdtempSync(join(tmpdir(), "sparki-bench-cache-"));
  const node = process.execPath;
  const launch = ["scripts/offline/launch.cjs", "scripts/plan.ts"];
  const load = { before: loadavg()[0] };
  const benchmarks: Array<[Benchmark, Record<string, string>?]> = [
    [{ label: "floor: node loads @pulumi/pulumi + @pulumi/aws", command: [node, "-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"], runs: args.runs }],
    // For comparison only: the plan keeps Node's compile cache, so this is the floor of the same technique.
    [{ label: "floor with Node's compile cache", command: [node, "-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"], env: { NODE_COMPILE_CACHE: join(coldCache, "floor-cache") }, runs: args.runs }],
    [{ label: "npm run plan -- dev", command: ["npm", "run", "-s", "plan", "--", "dev"], runs: args.runs }, { SPARKI_LAUNCH_CACHE: join(coldCache, "dev") }],
    [{ label: "npm run plan -- prod", command: ["npm", "run", "-s", "plan", "--", "prod"], runs: args.runs }, { SPARKI_LAUNCH_CACHE: join(coldCache, "prod") }],
    [{ label: "plan prod without npm (node launch.cjs)", command: [node, ...launch, "prod"], runs: args.runs }],
    [{ label: "plan prod via tsx (the former command)", command: [node, "--import", "tsx", "scripts/plan.ts", "prod"], runs: args.runs }],
  ];
  if (!args.skipTests) {
    const report = join(coldCache, "vitest.json");
    benchmarks.push([{ label: "test suite: npx vitest run", command: ["npx", "vitest", "run", "--reporter=json", `--outputFile=${report}`], runs: args.testRuns }]);
  }
  // The test suite takes 100 times longer than a plan: it runs on its own, after the interleaved plan rows.
  const results = [...await benchAll(benchmarks.filter(([b]) => !b.label.startsWith("test suite"))), ...await benchAll(benchmarks.filter(([b]) => b.label.startsWith("test suite")))];
  rmSync(coldCache, { recursive: true, force: true });

  const rows = results.map(summary);
  const floor = rows[0].medianSeconds;
  const planProd = rows.find((r) => r.label === "npm run plan -- prod")!;
  const tests = rows.find((r) => r.label.startsWith("test suite"));
  const verdict = {
    cores: availableParallelism(),
    loadAverage1m: { before: load.before, after: loadavg()[0] },
    planProdOverFloor: planProd.medianSeconds / floor,
    planProdGoal: `<= ${PLAN_GOAL}x floor`,
    planProdMet: planProd.medianSeconds / floor <= PLAN_GOAL,
    testSuiteSeconds: tests?.medianSeconds,
    testSuiteGoal: `< ${TEST_GOAL_SECONDS} s`,
    testSuiteMet: tests ? tests.medianSeconds < TEST_GOAL_SECONDS : undefined,
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ rows, verdict }, null, 2)}\n`);
    return;
  }
  const f = (s: number | undefined) => (s === undefined ? "-" : `${s.toFixed(2)} s`);
  const lines = [
    `Benchmark on ${verdict.cores} cores, load average ${load.before.toFixed(2)} -> ${verdict.loadAverage1m.after.toFixed(2)} (a busy machine inflates every number)`,
    "",
    `${"".padEnd(46)} ${"median".padStart(9)} ${"min".padStart(9)} ${"max".padStart(9)} ${"x floor".padStart(8)} ${"peak RSS".padStart(9)} ${"cold".padStart(9)}`,
  ];
  for (const r of rows) {
    lines.push(`${r.label.padEnd(46)} ${f(r.medianSeconds).padStart(9)} ${f(r.minSeconds).padStart(9)} ${f(r.maxSeconds).padStart(9)} ${`${(r.medianSeconds / floor).toFixed(2)}x`.padStart(8)} ${(r.peakMb === undefined ? "-" : `${Math.round(r.peakMb)} MB`).padStart(9)} ${f(r.coldSeconds).padStart(9)}${r.failures ? `  (${r.failures} failed runs)` : ""}`);
  }
  lines.push(
    "",
    `plan prod / floor = ${verdict.planProdOverFloor.toFixed(2)}x (goal ${verdict.planProdGoal}): ${verdict.planProdMet ? "met" : "NOT met"}`,
    tests ? `test suite median ${f(tests.medianSeconds)} (goal ${verdict.testSuiteGoal} on 2 cores): ${verdict.testSuiteMet ? "met" : "NOT met"}` : "test suite skipped",
    "Rows run round-robin after one uncounted warm-up each; cold = first run with empty launcher caches (.cache/ts, .cache/yaml, Node compile cache).",
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
