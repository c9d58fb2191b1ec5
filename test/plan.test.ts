import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { renderJson, renderMarkdown, renderText } from "../scripts/offline/render";
import { runProgram } from "../scripts/offline/run-program";
import { KNOWN_AFTER_APPLY } from "./harness";

const ROOT = join(__dirname, "..");
const run = promisify(execFile);

describe.each(["dev", "prod"])("offline plan of %s", (stack) => {
  const plan = runProgram({ stack, preview: true });

  it("lists the key, the topics, the network and the tags, with computed values unknown", async () => {
    const text = renderText(await plan);
    for (const expected of ["aws:kms/key:Key", "aws:sns/topic:Topic", "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", `Environment=${stack}`, "ManagedBy=pulumi"]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`kmsMasterKeyId: ${KNOWN_AFTER_APPLY}`);
    expect(text).not.toMatch(/arn:aws:kms:[a-z0-9-]+:\d{12}:key\//); // no mock ARN leaks into a plan
    expect(text).toMatch(/Resources by type:[\s\S]*total/);
  });

  it("marks protected resources only in prod", async () => {
    expect(renderText(await plan).includes("[protected]")).toBe(stack === "prod");
  });

  it("renders Markdown and JSON with the same resources", async () => {
    const p = await plan;
    const parsed = JSON.parse(renderJson(p)) as { resources: unknown[]; counts: Record<string, number> };
    expect(parsed.resources).toHaveLength(p.resources.length);
    expect(parsed.counts["aws:sns/topic:Topic"]).toBe(2);
    expect(renderMarkdown(p)).toContain(`## Offline plan: \`${stack}\``);
  });
});

describe("npm run plan on a bad copy of Pulumi.dev.yaml", () => {
  const dir = mkdtempSync(join(tmpdir(), "sparki-plan-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits non-zero with one line naming the key, the value and what is allowed", async () => {
    copyFileSync(join(ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    writeFileSync(join(dir, "Pulumi.broken.yaml"), readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("profile: dev", "profile: staging"));
    const attempt = run(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "plan.ts"), "broken", "--stack-dir", dir], { cwd: ROOT });
    const failure = (await attempt.then(() => undefined, (e: unknown) => e)) as { code: number; stdout: string; stderr: string };
    expect(failure?.code).toBe(1);
    expect(failure.stdout).toBe("");
    expect(failure.stderr.trim().split("\n")).toEqual(['sparki-storage:profile must be one of "dev", "prod", got "staging"']);
  });
});
