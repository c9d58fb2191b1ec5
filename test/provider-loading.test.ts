import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { FOUNDATION_RESOURCE_TYPES } from "../stacks/foundation";
import { ADAPTER_REGISTRY } from "../stacks/adapters/registry";
import type { ResourceTypeInfo } from "../stacks/adapters/contract";
import { capturedRun } from "./harness";

/** The npm package of a resource type's provider: `kubernetes:core/v1:Secret` and `pulumi:providers:kubernetes` are @pulumi/kubernetes's. */
const packageOf = (type: string) => `@pulumi/${type.startsWith("pulumi:providers:") ? type.split(":")[2] : type.split(":")[0]}`;
const packagesOf = (types: readonly ResourceTypeInfo[]) => new Set(types.map((t) => packageOf(t.type)));

// Run in one child process, in this order: what the module cache holds is what the process boundary shows.
const STACKS = [
  { stack: "no-k8s-prod", stackDir: join(REPO_ROOT, "examples", "without-kubernetes") },
  { stack: "prod" },
  { stack: "dev" },
  { stack: "firestore-prod", stackDir: join(REPO_ROOT, "examples", "firestore") },
  { stack: "azureblob-prod", stackDir: join(REPO_ROOT, "examples", "azureblob") },
  { stack: "cloudflarekv-prod", stackDir: join(REPO_ROOT, "examples", "cloudflarekv") },
];
const OTHER_CLOUDS = ["@pulumi/azure-native", "@pulumi/cloudflare", "@pulumi/gcp"];

describe("the compile settings lazy loading relies on", () => {
  it("keep module commonjs: the language host's ts-node then compiles an adapter's `await import(\"./deploy\")` to a require", () => {
    // Under the host's own default (nodenext) the import would stay an ES import that bypasses ts-node's require
    // hook, and an extensionless "./deploy" would not resolve (@pulumi/pulumi cmd/run/run.js).
    const tsconfig = JSON.parse(readFileSync(join(REPO_ROOT, "tsconfig.json"), "utf8")) as { compilerOptions: { module: string } };
    expect(tsconfig.compilerOptions.module.toLowerCase()).toBe("commonjs");
  });
});

describe("provider SDKs a stack loads", () => {
  it("are the packages of what the foundation and its enabled adapters declare: a stack without MinIO never loads @pulumi/kubernetes, dev and prod never load another cloud's", async () => {
    const specs = STACKS.map((s) => (s.stackDir ? `${s.stack}@${s.stackDir}` : s.stack));
    const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, "scripts/offline/launch.cjs"), join(REPO_ROOT, "scripts/offline/loaded-providers.ts"), ...specs], { cwd: REPO_ROOT });
    const report = JSON.parse(stdout) as { stack: string; loaded: string[] }[];
    let loadedSoFar = new Set<string>();
    for (const [at, ref] of STACKS.entries()) {
      const run = await capturedRun(ref);
      const enabled = ADAPTER_REGISTRY.filter((a) => a.key in run.outputs);
      const expected = new Set([...packagesOf(FOUNDATION_RESOURCE_TYPES), ...enabled.flatMap((a) => [...packagesOf(a.resourceTypes)])]);
      expect(report[at].loaded, ref.stack).toEqual([...expected].filter((p) => !loadedSoFar.has(p)).sort());
      loadedSoFar = new Set([...loadedSoFar, ...expected]);
    }
    expect(report[0].loaded).not.toContain("@pulumi/kubernetes");
    expect(report[1].loaded).toContain("@pulumi/kubernetes");
    // Issue 20: dev and prod load none of the other clouds' SDKs; each example loads its own cloud's and nothing else.
    for (const at of [0, 1, 2]) expect(report[at].loaded.filter((p) => OTHER_CLOUDS.includes(p)), STACKS[at].stack).toEqual([]);
    expect(report.slice(3).map((r) => r.loaded)).toEqual([["@pulumi/gcp"], ["@pulumi/azure-native"], ["@pulumi/cloudflare"]]);
  });
});
