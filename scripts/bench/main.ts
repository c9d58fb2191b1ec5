// Benchmark of the review loop, in one run: the plan of every stack against the floor (a bare Node process that
// only loads @pulumi/pulumi and @pulumi/aws), the test suite, what one adapter adds to both, and peak memory.
// Not part of `npm test`. Default run: about 2 minutes on 2 cores; it says what it is doing on stderr.
// Usage: npm run bench [-- --runs 5 --skip-tests --json --root DIR]
// --root benchmarks another checkout with this bench (e.g. `git worktree add ../base main`, then `npm ci` there or
// a node_modules symlink): before and after, side by side, in one sitting.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { CAPTURE_TIMINGS_FILE } from "../offline/captured-runs";
import { everyStack, REPO_ROOT } from "../offline/stack-files";
import type { AdapterCost, BenchResult, Row } from "./goals";
import { median, measure, type Sample } from "./measure";
import { renderBench } from "./report";
import { type AdapterVariant, adapterVariants } from "./variants";

function parseArgs(argv: readonly string[]) {
  const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  return { runs: Number(value("--runs") ?? 5), root: resolve(value("--root") ?? REPO_ROOT), skipTests: argv.includes("--skip-tests"), json: argv.includes("--json") };
}

const say = (text: string) => process.stderr.write(`bench: ${text}\n`);

/**
 * Rows run round-robin (one run of each, then the next round), after one uncounted warm-up each, so that a change
 * in machine load hits every row alike and the ratios stay meaningful.
 */
async function runRows(rows: Row[], runs: number, root: string): Promise<void> {
  for (const [i, row] of rows.entries()) {
    say(`warm-up ${i + 1}/${rows.length}: ${row.label}`);
    await measure(row.command, root);
  }
  for (let round = 1; round <= runs; round++) {
    say(`round ${round} of ${runs} (${rows.length} commands)`);
    for (const row of rows) row.samples.push(await measure(row.command, root));
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; startTime: number; endTime: number; assertionResults: { fullName: string; status: string }[] }[];
}

function fileSeconds(report: VitestReport, root: string): { file: string; seconds: number }[] {
  return report.testResults.map((t) => ({ file: relative(root, t.name), seconds: (t.endTime - t.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds);
}

function adapterCosts(variants: readonly AdapterVariant[], rows: readonly Row[], files: readonly { file: string; seconds: number }[], root: string): AdapterCost[] {
  const planOf = (label: string) => median(rows.find((r) => r.label === label)!.samples.map((s) => s.seconds));
  const prod = planOf("npm run plan -- prod");
  let captures: { spec: string; seconds: number }[] = [];
  try {
    captures = JSON.parse(readFileSync(join(root, relative(REPO_ROOT, CAPTURE_TIMINGS_FILE)), "utf8")) as typeof captures;
  } catch {
    // No suite run yet: example stacks count as zero.
  }
  // A variant that does not plan (an older checkout without the adapter, under --root) has no cost to report.
  const plans = (v: AdapterVariant) => rows.find((r) => r.label === `npm run plan -- ${v.stack}`)?.samples.every((s) => s.ok) ?? false;
  return variants.filter(plans).map((v) => {
    const other = planOf(`npm run plan -- ${v.stack}`);
    const planSeconds = v.variant === "without" ? prod - other : other - prod;
    const testFiles = files.filter((f) => v.testFilePrefixes.some((p) => basename(f.file).startsWith(`${p}-`) || basename(f.file).startsWith(`${p}.`)));
    // Its example stacks: examples/<key>/ and examples/<key>-<hosting>/.
    const examples = captures.filter((c) => new RegExp(`[/\\\\]examples[/\\\\]${v.adapterKey}(-[a-z0-9-]+)?:`).test(c.spec));
    const suiteSeconds = [...testFiles, ...examples].reduce((sum, f) => sum + f.seconds, 0);
    return { adapterKey: v.adapterKey, planSeconds, planShare: planSeconds / prod, suiteSeconds, testFiles: testFiles.map((f) => f.file) };
  });
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const before = loadavg()[0];
  say("which adapters prod deploys (npm run plan -- prod --format json)");
  const prodPlan = JSON.parse(execFileSync("npm", ["run", "-s", "plan", "--", "prod", "--format", "json"], { cwd: args.root, encoding: "utf8", maxBuffer: 64 * 2 ** 20 })) as { outputs: Record<string, unknown> };
  const variants = adapterVariants(new Set(Object.keys(prodPlan.outputs)), args.root);
  const plan = (stack: string, stackDir?: string): Row => ({
    label: `npm run plan -- ${stack}`,
    command: ["npm", "run", "-s", "plan", "--", stack, ...(stackDir ? ["--stack-dir", stackDir] : [])],
    samples: [],
  });
  const rows: Row[] = [
    { label: "floor: node loads @pulumi/pulumi + @pulumi/aws", command: [process.execPath, "-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"], samples: [] },
    ...everyStack().map((s) => plan(s.stack, s.stackDir && relative(REPO_ROOT, s.stackDir))),
    ...variants.map((v) => plan(v.stack, v.stackDir)),
  ];
  if (args.root !== REPO_ROOT) say(`benchmarking the checkout at ${args.root}`);
  say(`${rows.length} commands x ${args.runs} runs, then the test suite once${args.skipTests ? " (skipped)" : ""}; about 2 minutes on 2 cores`);
  await runRows(rows, args.runs, args.root);

  let suite: BenchResult["suite"];
  let files: { file: string; seconds: number }[] = [];
  if (!args.skipTests) {
    say("test suite: npx vitest run (once; its JSON report gives each file's time)");
    // Its own report file: naming a reporter replaces the configured ones, and a stale report must not be read.
    const reportFile = join(mkdtempSync(join(tmpdir(), "sparki-bench-")), "vitest.json");
    const suiteRow: Row = { label: "test suite: npx vitest run", command: ["npx", "vitest", "run", "--reporter=dot", "--reporter=json", `--outputFile.json=${reportFile}`], samples: [] };
    suiteRow.samples.push(await measure(suiteRow.command, args.root));
    rows.push(suiteRow);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as VitestReport;
    files = fileSeconds(report, args.root);
    suite = {
      seconds: suiteRow.samples[0].seconds, passed: report.numPassedTests, failed: report.numFailedTests,
      failedTests: report.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "failed").map((a) => `${relative(args.root, f.name)}: ${a.fullName}`)),
    };
  }
  for (const dir of new Set(variants.map((v) => v.stackDir))) rmSync(dir, { recursive: true, force: true });

  const summaries = rows.map((r) => {
    const times = r.samples.map((s) => s.seconds);
    const peak = (pick: (s: Sample) => number | undefined) => {
      const values = r.samples.flatMap((s) => pick(s) ?? []);
      return values.length > 0 ? Math.max(...values) : undefined;
    };
    return {
      label: r.label, medianSeconds: median(times), minSeconds: Math.min(...times), maxSeconds: Math.max(...times),
      failures: r.samples.filter((s) => !s.ok).length, failure: r.samples.find((s) => s.failure)?.failure, peakTreeMb: peak((s) => s.peakTreeMb), peakProcessMb: peak((s) => s.peakProcessMb),
    };
  });
  const result: BenchResult = {
    cores: availableParallelism(),
    load: { before, after: loadavg()[0] },
    rows: summaries,
    floorSeconds: summaries[0].medianSeconds,
    adapters: adapterCosts(variants, rows, files, args.root),
    slowestTestFiles: files.slice(0, 5),
    suite,
  };
  process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderBench(result)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
