import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const run = promisify(execFile);

/** `npm run plan` runs scripts/plan.ts through the launcher; this is that command without npm. */
const plan = (...args: string[]) => run(process.execPath, [join(ROOT, "scripts", "offline", "launch.ts"), join(ROOT, "scripts", "plan.ts"), ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });

describe("the offline plan with deploy time and cost", () => {
  it("puts both estimates into the JSON plan, consistent with its resources", async () => {
    const { stdout } = await plan("dev", "--format", "json");
    const parsed = JSON.parse(stdout) as {
      resources: unknown[];
      deployTime: { totalSeconds: number; floorSeconds: number; critical: { name: string }[]; resourceCount: number };
      cost: { totalUsd: number; lines: { monthlyUsd: number }[]; caveat: string; region: string };
    };
    expect(parsed.deployTime.totalSeconds).toBe(parsed.deployTime.floorSeconds);
    expect(parsed.deployTime.critical[0].name).toBe("sparki-dev-storage-key");
    expect(parsed.deployTime.resourceCount).toBeLessThanOrEqual(parsed.resources.length);
    expect(parsed.cost.totalUsd).toBeCloseTo(parsed.cost.lines.reduce((s, l) => s + l.monthlyUsd, 0), 6);
    expect(parsed.cost).toMatchObject({ region: "eu-west-1", caveat: expect.stringContaining("An estimate") as unknown });
  });

  it("adds the Deploy time and Monthly cost sections to the Markdown plan", async () => {
    const { stdout } = await plan("prod", "--format", "markdown");
    expect(stdout).toMatch(/### Deploy time \(estimate\)\n\nCreating the stack from scratch takes \*\*≈ \d+ min/);
    expect(stdout).toContain("| Starts at | Takes | Resource | Waits for the row above because |");
    expect(stdout).toMatch(/### Monthly cost \(estimate\)\n\n\*\*≈ \$[\d,.]+ per month in eu-west-1/);
  });

  it("reads the cost assumptions from the stack files of --stack-dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sparki-stack-dir-"));
    try {
      copyFileSync(join(ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
      const stackFile = readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8");
      expect(stackFile).toMatch(/\n {6}artifacts: \d+\n/);
      writeFileSync(join(dir, "Pulumi.dev.yaml"), stackFile.replace(/\n {6}artifacts: \d+\n/, "\n      artifacts: 1234\n"));
      const { stdout } = await plan("dev", "--format", "json", "--stack-dir", dir);
      const lines = (JSON.parse(stdout) as { cost: { lines: { item: string; quantity: number }[] } }).cost.lines;
      const artifactsGb = lines.filter((l) => l.item.startsWith("artifacts in ")).reduce((sum, l) => sum + l.quantity, 0);
      expect(artifactsGb).toBeCloseTo(1234, 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails like the plan does for a stack without a file", async () => {
    const failure = (await plan("no-such-stack").then(() => undefined, (e: unknown) => e)) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/^no stack file: ENOENT/);
  });
});
