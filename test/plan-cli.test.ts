// `npm run plan`: its arguments (parsed in-process), its exit statuses, one real process for the boundary, and
// `--base <ref>`: the diff of two plans by URN, its order, and a real base commit.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { failureReason, planAtRef } from "../scripts/offline/base/checkout";
import { diffPlans, type PlanDiff } from "../scripts/offline/base/diff";
import { clipPair, diffMarkdown, diffText } from "../scripts/offline/base/render";
import { REDACTED } from "../scripts/offline/inventory";
import { COMMENT_LIMIT } from "../scripts/offline/markdown";
import { parsePlanned, type PlannedResource, type PlannedStack } from "../scripts/offline/planned";
import { distance, parsePlanArgs, suggestion, SYNOPSIS } from "../scripts/offline/plan-cli/args";
import { runPlanCli } from "../scripts/offline/plan-cli/main";
import { sharedRun } from "./harness";

const ROOT = join(__dirname, "..");

/** The command in-process: exit status and what it printed. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), run: sharedRun });
  return { code, stdout, stderr };
}

const errorOf = (...argv: string[]) => {
  const parsed = parsePlanArgs(argv);
  return parsed.kind === "error" ? parsed.message : `(${parsed.kind})`;
};

describe("plan arguments", () => {
  it("--help and -h ask for help wherever they stand, before any other check", () => {
    for (const argv of [["--help"], ["-h"], ["prod", "--help"], ["--fromat", "-h"]]) expect(parsePlanArgs(argv), argv.join(" ")).toEqual({ kind: "help" });
  });

  it("reads a stack and the options, in both --flag value and --flag=value forms", () => {
    expect(parsePlanArgs(["prod"])).toEqual({ kind: "plan", options: { stack: "prod", format: "text" } });
    expect(parsePlanArgs(["--format", "markdown", "prod", "--stack-dir", "examples/x", "--base=origin/main"])).toEqual({
      kind: "plan", options: { stack: "prod", format: "markdown", stackDir: "examples/x", base: "origin/main" },
    });
    expect(parsePlanArgs(["--format=json", "--", "dev"])).toEqual({ kind: "plan", options: { stack: "dev", format: "json" } });
  });

  it("names a misspelt flag and the flag it probably meant", () => {
    expect(errorOf("prod", "--fromat", "json")).toBe("unknown option --fromat (did you mean --format?)");
    expect(errorOf("prod", "--fromat=json")).toBe("unknown option --fromat (did you mean --format?)");
    expect(errorOf("prod", "--stackdir", "x")).toBe("unknown option --stackdir (did you mean --stack-dir?)");
    expect(errorOf("prod", "-format", "json")).toBe("unknown option -format (did you mean --format?)");
    expect(errorOf("prod", "--bsae", "main")).toBe("unknown option --bsae (did you mean --base?)");
    expect(errorOf("prod", "--verbose")).toBe("unknown option --verbose");
  });

  it("says what --format allows when its value is missing or wrong", () => {
    expect(errorOf("prod", "--format")).toBe("--format needs a value: text, markdown, json");
    expect(errorOf("--format", "--base", "main", "prod")).toBe("--format needs a value: text, markdown, json");
    expect(errorOf("prod", "--format=")).toBe("--format needs a value: text, markdown, json");
    expect(errorOf("prod", "--format", "yaml")).toBe('--format must be one of text, markdown, json, got "yaml"');
  });

  it("says what --stack-dir and --base need when their value is missing", () => {
    expect(errorOf("prod", "--stack-dir")).toBe("--stack-dir needs a folder (the one holding Pulumi.yaml and Pulumi.<stack>.yaml)");
    expect(errorOf("prod", "--base")).toBe("--base needs a git ref: a branch, tag or commit, e.g. origin/main");
  });

  it("wants exactly one stack and each option once", () => {
    expect(errorOf()).toBe("no stack given: name one, e.g. npm run plan -- dev");
    expect(errorOf("--format", "json")).toBe("no stack given: name one, e.g. npm run plan -- dev");
    expect(errorOf("dev", "prod")).toBe('one stack at a time, got "dev" and "prod"');
    expect(errorOf("prod", "--format", "json", "--format", "text")).toBe("--format is given twice");
  });

  it("suggests by edit distance, counting a swap of neighbours as one edit", () => {
    expect(distance("fromat", "format")).toBe(1);
    expect(distance("base", "base")).toBe(0);
    expect(suggestion("--hlep")).toBe("--help");
    expect(suggestion("--form")).toBe("--format");
    expect(suggestion("--x")).toBeUndefined();
  });
});

describe("plan command (in-process)", () => {
  const dir = mkdtempSync(join(tmpdir(), "sparki-plan-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the usage on stdout for --help and exits 0", async () => {
    const { code, stdout, stderr } = await cli("--help");
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout.startsWith(SYNOPSIS)).toBe(true);
    expect(stdout).toContain("--base GIT_REF");
    expect(stdout).toMatch(/Stacks in .*: dev, prod/);
  });

  it("exits 2 on a bad argument with the problem, the synopsis and where help is, printing no plan", async () => {
    const { code, stdout, stderr } = await cli("prod", "--format");
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr.trim().split("\n")).toEqual(["--format needs a value: text, markdown, json", SYNOPSIS, "(npm run plan -- --help describes each option)"]);
    expect((await cli("prod", "--stack-dir", join(dir, "missing"))).stderr).toMatch(/^--stack-dir .*missing: no such folder\n/);
  });

  it("exits 1 with one line naming the key, the value and what is allowed for bad config", async () => {
    copyFileSync(join(ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    writeFileSync(join(dir, "Pulumi.broken.yaml"), readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("profile: dev", "profile: staging"));
    const { code, stdout, stderr } = await cli("broken", "--stack-dir", dir);
    expect([code, stdout]).toEqual([1, ""]);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^sparki-storage:profile .*"staging"/);
  });

  it("exits 1 for a stack without a file, naming the file and the stacks there are", async () => {
    const { code, stderr } = await cli("no-such-stack");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^no stack file: .*Pulumi\.no-such-stack\.yaml does not exist \(stacks in .*: dev, prod\)\n$/);
  });
});

describe("npm run plan as a process", () => {
  it("exits 2 for a misspelt flag, the problem on the first line of stderr and nothing on stdout", async () => {
    const attempt = promisify(execFile)(process.execPath, [join(ROOT, "scripts", "offline", "launch.cjs"), join(ROOT, "scripts", "plan.ts"), "prod", "--fromat", "json"], { cwd: ROOT });
    const failure = (await attempt.then(() => undefined, (e: unknown) => e)) as { code: number; stdout: string; stderr: string };
    expect(failure.code).toBe(2);
    expect(failure.stdout).toBe("");
    expect(failure.stderr.split("\n").slice(0, 2)).toEqual(["unknown option --fromat (did you mean --format?)", SYNOPSIS]);
  });
});

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CACHE = "sparki:redis:RedisCache";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const BUCKET = "aws:s3/bucket:Bucket";

const res = (type: string, name: string, inputs: Record<string, unknown> = {}, parent?: [string, string], protect = false): PlannedResource =>
  ({ type, name, inputs, protect, ...(parent ? { parentType: parent[0], parent: parent[1] } : {}) });
const plan = (resources: PlannedResource[], totalUsd?: number): PlannedStack => ({ stack: "prod", resources, ...(totalUsd === undefined ? {} : { cost: { totalUsd } }) });

const cache = (nodeType: string) => res(RG, "sparki-prod-redis", { nodeType, authToken: "hunter2" }, [CACHE, "sparki-prod-redis"], true);
const BASE = plan([
  res(CACHE, "sparki-prod-redis"),
  cache("cache.r7g.large"),
  res(ALARM, "prod-redis-memory-warning", { threshold: 80 }, [CACHE, "sparki-prod-redis"]),
  res("sparki:object-store:ObjectStore", "s3"),
  res(BUCKET, "artifacts", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] }) }, ["sparki:object-store:ObjectStore", "s3"]),
  res(ALARM, "old-alarm", {}, [CACHE, "sparki-prod-redis"]),
], 100);

const urn = (chain: string, name: string) => `urn:pulumi:prod::sparki-storage::${chain}::${name}`;

describe("diffPlans", () => {
  it("is empty for the same plan", () => {
    const d = diffPlans(BASE, BASE, "sparki-storage");
    expect([d.statefulReplaced, d.added, d.removed, d.changed]).toEqual([[], [], [], []]);
  });

  it("finds added, removed and changed resources by URN, with changed paths before -> after", () => {
    const head = plan([...BASE.resources.filter((r) => r.name !== "old-alarm"), res(ALARM, "new-alarm", {}, [CACHE, "sparki-prod-redis"])]
      .map((r) => (r.name === "prod-redis-memory-warning" ? { ...r, inputs: { threshold: 90 } } : r)), 120);
    const d = diffPlans(BASE, head, "sparki-storage");
    expect(d.added.map((e) => e.urn)).toEqual([urn(`${CACHE}$${ALARM}`, "new-alarm")]);
    expect(d.removed.map((e) => e.urn)).toEqual([urn(`${CACHE}$${ALARM}`, "old-alarm")]);
    expect(d.changed).toEqual([expect.objectContaining({ name: "prod-redis-memory-warning", stateful: false, changes: [{ path: "threshold", before: "80", after: "90" }] })]);
    expect(d.costUsd).toEqual({ before: 100, after: 120 });
  });

  it("lists a stateful URN missing from the head as replaced, naming its new URN when only its parent moved", () => {
    const head = plan(BASE.resources.map((r) => (r.type === BUCKET ? { ...r, parentType: CACHE, parent: "sparki-prod-redis" } : r)));
    const d = diffPlans(BASE, head, "sparki-storage");
    expect(d.statefulReplaced).toEqual([expect.objectContaining({
      urn: urn(`sparki:object-store:ObjectStore$${BUCKET}`, "artifacts"), stateful: true, now: urn(`${CACHE}$${BUCKET}`, "artifacts"),
    })]);
    expect(d.removed).toEqual([]);
  });

  it("diffs policies path by path, redacts secret-looking keys and reports a protect flag that changes", () => {
    const head = plan(BASE.resources.map((r) => (r.type === BUCKET
      ? { ...r, inputs: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*" }] }) } }
      : r.type === RG ? { ...r, protect: false, inputs: { ...r.inputs, authToken: "changed" } } : r)));
    const d = diffPlans(BASE, head, "sparki-storage");
    const byName = Object.fromEntries(d.changed.map((c) => [c.name, c.changes]));
    expect(byName.artifacts).toEqual([{ path: "policy.Statement[0].Action", before: "s3:GetObject", after: "s3:*" }]);
    expect(byName["sparki-prod-redis"]).toEqual([{ path: "(protect)", before: "true", after: "false" }]); // the token's change is redacted away
    expect(JSON.stringify(d)).not.toContain("hunter2");
    expect(JSON.stringify(d)).not.toContain('"after":"changed"');
    expect(REDACTED).toBe("(redacted)");
  });

  it("orders changed resources stateful first, then protected", () => {
    const head = plan(BASE.resources.map((r) => ({ ...r, inputs: { ...r.inputs, touched: true } })));
    expect(diffPlans(BASE, head, "sparki-storage").changed.map((c) => c.name)).toEqual(["sparki-prod-redis", "artifacts", "s3", "old-alarm", "prod-redis-memory-warning", "sparki-prod-redis"]);
  });

  it("reads an older JSON plan without parent types, resolving a parent by name to the component", () => {
    const old = JSON.stringify({ stack: "prod", resources: [
      { type: CACHE, name: "sparki-prod-redis", protect: false, inputs: {} },
      { type: RG, name: "sparki-prod-redis", parent: "sparki-prod-redis", protect: true, inputs: { nodeType: "cache.r7g.large", authToken: "hunter2" } },
    ] });
    const d = diffPlans(parsePlanned(old), plan([res(CACHE, "sparki-prod-redis"), cache("cache.r7g.large")]), "sparki-storage");
    expect(d.statefulReplaced).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(() => parsePlanned('{"stack":"prod"}')).toThrow(/^not a JSON plan: resources/);
  });
});

describe("the diff as text and Markdown", () => {
  const resized: PlanDiff = diffPlans(BASE, plan([...BASE.resources.map((r) => (r.type === RG ? cache("cache.r7g.xlarge") : r)), res(ALARM, "added-alarm")], 160), "sparki-storage");

  it("shows a changed stateful resource before added, removed and other changed ones", () => {
    const md = diffMarkdown({ ref: "main", commit: "0123456789abcdef", diff: resized }, "prod", 10_000).join("\n");
    expect(md).toMatch(/^### Changes against `main` \(`0123456`\)\n\n\*\*no stateful resource replaced or deleted, 1 changed, 1 added, 0 removed, monthly cost \$100\.00 → \$160\.00 \(\+\$60\.00\)\*\*/);
    expect(md.indexOf("`nodeType`: `cache.r7g.large` → `cache.r7g.xlarge`")).toBeLessThan(md.indexOf("**Added:**"));
    const text = diffText({ ref: "main", commit: "0123456789abcdef", diff: resized });
    expect(text[2]).toMatch(/^ {4}~ urn:pulumi:prod::sparki-storage::sparki:redis:RedisCache\$aws:elasticache\/replicationGroup:ReplicationGroup::sparki-prod-redis {2}\[stateful, protected\]$/);
    expect(text[3]).toBe("        nodeType: cache.r7g.large -> cache.r7g.xlarge");
  });

  it("stays within its budget, counting what it leaves out", () => {
    const many = plan(Array.from({ length: 400 }, (_, i) => res(ALARM, `alarm-${i}`, { threshold: i })));
    const d = diffPlans(plan([]), many, "sparki-storage");
    const md = diffMarkdown({ ref: "main", commit: "0123456789abcdef", diff: d }, "prod", 5_000).join("\n");
    expect(md.length).toBeLessThanOrEqual(5_000);
    expect(md).toMatch(/… and \d+ more changes: `npm run plan -- prod --base main` prints them all\./);
  });

  it("cuts two long values around where they differ, not to the same prefix", () => {
    const [before, after] = clipPair(`${"x".repeat(100)} (JSON: username, password)`, `${"x".repeat(100)} (JSON: username, password, user_arn)`, 40);
    expect(before).not.toBe(after);
    expect(after).toMatch(/^…x+ \(JSON: username, password, user_arn\)$/);
    expect(clipPair("short", "also short", 40)).toEqual(["short", "also short"]);
  });

  it("says in one line why there is no diff", () => {
    expect(diffText({ ref: "nope", error: "nope is not a commit of this repository (fetch it first?)" })).toEqual(["Changes against nope: not shown (nope is not a commit of this repository (fetch it first?)). The plan follows."]);
  });
});

describe("--base with a real commit", () => {
  const dir = mkdtempSync(join(tmpdir(), "sparki-plan-base-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const leftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith("sparki-base-")).sort();

  it("refuses a ref that is no commit in one line, without a temporary folder", async () => {
    await expect(planAtRef({ ref: "no-such-ref-for-sure", stack: "prod", root: ROOT })).resolves.toEqual({
      ref: "no-such-ref-for-sure", error: "no-such-ref-for-sure is not a commit of this repository (fetch it first?)",
    });
  });

  it("puts a resize of prod's cache first in the PR comment, under GitHub's limit, and cleans up", async () => {
    const before = leftovers();
    copyFileSync(join(ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    const prod = readFileSync(join(ROOT, "Pulumi.prod.yaml"), "utf8");
    expect(prod).toMatch(/\n {4}nodeType: cache\.r7g\.large /);
    writeFileSync(join(dir, "Pulumi.prod.yaml"), prod.replace(/\n {4}nodeType: cache\.r7g\.large /, "\n    nodeType: cache.r7g.xlarge "));
    let stdout = "";
    let stderr = "";
    const code = await runPlanCli(["prod", "--format", "markdown", "--stack-dir", dir, "--base", "HEAD"], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), run: sharedRun });
    expect([code, stderr]).toEqual([0, ""]);
    const firstChange = stdout.split("\n").find((l) => l.startsWith("- ") || l.startsWith("  - "));
    // Exactly one change while the working tree's program is HEAD's (CI); an uncommitted program change adds more,
    // after the cache's.
    expect(stdout).toMatch(/### Changes against `HEAD` \(`[0-9a-f]{7}`\)\n\n\*\*no stateful resource replaced or deleted, \d+ changed, \d+ added, \d+ removed, monthly cost \$[\d,.]+ → \$[\d,.]+ \(\+\$[\d,.]+\)\*\*\n\n\*\*Stateful resources changed in place:\*\*/);
    expect(firstChange).toBe("- `sparki-prod-redis` `aws:elasticache/replicationGroup:ReplicationGroup` (stateful, protected)");
    expect(stdout).toContain("  - `nodeType`: `cache.r7g.large` → `cache.r7g.xlarge`");
    expect(stdout.indexOf("### Changes against")).toBeLessThan(stdout.indexOf("### Summary by adapter"));
    expect(stdout.length).toBeLessThan(COMMENT_LIMIT);
    expect(leftovers()).toEqual(before);
  }, 60_000);

  it("says in one line when there is no base plan, and still prints the plan", async () => {
    let stdout = "";
    const code = await runPlanCli(["dev", "--base", "no-such-ref-for-sure"], { stdout: (t) => void (stdout += t), stderr: () => undefined, run: sharedRun });
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(2, 4)).toEqual(["Changes against no-such-ref-for-sure: not shown (no-such-ref-for-sure is not a commit of this repository (fetch it first?)). The plan follows.", ""]);
    expect(stdout).toContain("Summary by adapter");
  });

  it("words a failed base plan by its first meaningful line of stderr", () => {
    expect(failureReason(Object.assign(new Error("Command failed"), { stderr: "npm error code 1\nno stack file: /tmp/x/Pulumi.dev.yaml does not exist\n    at frame\n" })))
      .toBe("no stack file: /tmp/x/Pulumi.dev.yaml does not exist");
    expect(failureReason(new Error("spawn npm ENOENT"))).toBe("spawn npm ENOENT");
  });
});
