import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { loadConfig } from "../stacks/config/load";
import { stackRun } from "./harness";

// vitest.config.mts runs the files of a worker in one module graph (isolate: false). That is safe only while every
// program run goes through scripts/offline/run-program.ts, which sets mocks and the whole config afresh per run.

/** TypeScript files under `dir` that `keep` accepts, recursively. */
function tsFiles(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path, keep) : keep(e.name) ? [path] : [];
  });
}

/** What would carry state from one test file into the next when they share a process. */
const SHARED_STATE = [
  /\bsetMocks\s*\(/, /\bsetAllConfig\s*\(/, /\bsetConfig\s*\(/, /\bregisterStackTransformation\s*\(/, /\bruntime\.reset/,
  /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers)\s*\(/, /\bprocess\.env(\.\w+|\[[^\]]+\])\s*=[^=]/,
];

describe("test files sharing a worker process", () => {
  it("touch the Pulumi runtime, module mocks and the environment only through the runner", () => {
    // Every helper under test/ (the harness too), and the tests kept beside the components.
    const offenders = [...tsFiles(join(REPO_ROOT, "test"), (n) => n.endsWith(".ts")), ...tsFiles(join(REPO_ROOT, "components"), (n) => n.endsWith(".test.ts"))]
      .filter((f) => !f.endsWith("global-setup.ts") && !f.endsWith("test-isolation.test.ts"))
      .flatMap((f) => SHARED_STATE.filter((re) => re.test(readFileSync(f, "utf8"))).map((re) => `${relative(REPO_ROOT, f)}: ${re.source}`));
    expect(offenders).toEqual([]);
  });

  it("see no config or secret keys left by a run (prod marks its paging webhook secret)", async () => {
    await runProgram({ stack: "prod", preview: true });
    expect(pulumi.runtime.allConfig()).toEqual({});
    // loadConfig's secret check reads the runtime's secret keys: prod's must not hide dev's value as (secret).
    expect(() => loadConfig("dev", stackConfig("dev", { "sparki-storage:alerts": { warning: { emails: ["oncall"] } } })))
      .toThrow('sparki-storage:alerts.warning.emails.0 must be an email address, got "oncall"');
  });

  it("see no config of an earlier run: a plain run after one with overrides equals the suite's captured run", async () => {
    await runProgram({ stack: "dev", overrides: { "sparki-storage:redis": { clusterMode: true }, "sparki-storage:minio": { enabled: false } } });
    const after = await runProgram({ stack: "dev" });
    const captured = await stackRun("dev");
    const names = (run: typeof after) => run.resources.map((r) => `${r.type}::${r.name}`).sort();
    expect(names(after)).toEqual(names(captured));
    expect(after.outputs).toEqual(captured.outputs);
  });
});
