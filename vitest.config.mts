import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "components/**/*.test.ts"],
    // Each file gets its own module graph and Pulumi runtime state; mocks must not leak between files.
    isolate: true,
    pool: "forks",
    testTimeout: 30_000,
    // The JSON report feeds .ci/run's closing "N passed, N failed" line.
    reporters: ["default", "json"],
    outputFile: { json: ".cache/test-results.json" },
  },
});
