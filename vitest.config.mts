import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Node's compile cache lets the forked workers (which inherit this variable) reuse the SDK's bytecode.
process.env.NODE_COMPILE_CACHE ??= resolve(".cache", "node-compile-cache");

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "components/**/*.test.ts"],
    // Runs dev and prod once for the whole suite; test/harness.ts stackRun reads those runs.
    globalSetup: ["test/global-setup.ts"],
    // The files of one worker share its module graph: the SDK loads once per worker, not once per file (that
    // was over half the suite's time). Safe because no test touches the Pulumi runtime except through
    // scripts/offline/run-program.ts, which serialises runs and sets mocks and config afresh for each;
    // test/test-isolation.test.ts keeps that true.
    isolate: false,
    pool: "forks",
    testTimeout: 30_000,
    // PGlite's start took over the default 10 s on a loaded 2-core machine and skipped a whole file's tests.
    hookTimeout: 60_000,
    // The JSON report feeds .ci/run's closing "N passed, N failed" line.
    reporters: ["default", "json"],
    outputFile: { json: ".cache/test-results.json" },
  },
});
