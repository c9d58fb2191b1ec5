// The offline plan of both stacks as text, Markdown (a PR comment under GitHub's limit) and JSON.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { diffPlans } from "../scripts/offline/base/diff";
import { COMMENT_LIMIT, MARKDOWN_BUDGET } from "../scripts/offline/markdown";
import { planParts } from "../scripts/offline/plan-parts";
import { parsePlanned, plannedOf } from "../scripts/offline/planned";
import { renderJson, renderMarkdown, renderText } from "../scripts/offline/render";
import { runProgram } from "../scripts/offline/run-program";
import { DISASTER_RECOVERY, displayType } from "../scripts/offline/tree";
import { ADAPTER_REGISTRY } from "../stacks/adapters/registry";
import { KNOWN_AFTER_APPLY, STACKS, stackRun } from "./harness";

describe.each(STACKS)("offline plan of %s", (stack) => {
  const plan = stackRun(stack, true);

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

  it("starts with a summary per adapter whose resources, protected names and costs add up", async () => {
    const parts = planParts(await plan);
    expect(parts.summaries.map((s) => s.key)).toEqual(["foundation", ...ADAPTER_REGISTRY.map((a) => a.key), DISASTER_RECOVERY]);
    expect(parts.summaries.reduce((n, s) => n + s.resources, 0)).toBe(parts.run.resources.length);
    expect(parts.summaries.flatMap((s) => s.protectedNames).sort()).toEqual(parts.run.resources.filter((r) => r.options.protect).map((r) => r.name).sort());
    expect(parts.summaries.reduce((n, s) => n + s.monthlyUsd, 0)).toBeCloseTo(parts.estimates.cost.totalUsd, 6);
    const redis = parts.summaries.find((s) => s.key === "redis")!;
    expect(redis.monthlyUsd).toBeGreaterThan(0);
    expect(parts.groups.find((g) => g.key === "minio")!.resources.map((r) => r.type)).toContain("pulumi:providers:kubernetes");
    const text = renderText(parts.run);
    expect(text.split("\n")[2]).toBe("Summary by adapter (resources, protected, monthly cost estimate):");
    expect(text).toMatch(/\n {2}redis +\d+ resources +\$[\d,.]+\/month {2}/);
  });

  it("prints long inputs as indented YAML: lifecycle rules, policies, dashboard bodies", async () => {
    const text = renderText(await plan);
    expect(text).toMatch(/\n( +)rules:\n\1 {2}- abortIncompleteMultipartUpload:\n\1 {6}daysAfterInitiation: 7\n/);
    expect(text).toMatch(/\n( +)\+ aws:kms\/key:Key {2}sparki-\w+-storage-key(?: {2}\[protected\])?\n(?:\1 {4}.*\n)*?\1 {4}policy:\n\1 {6}Version: 2012-10-17\n\1 {6}Statement:\n\1 {8}- Sid: /);
    expect(text).toMatch(/\n( +)dashboardBody:\n\1 {2}widgets:\n\1 {4}- type: /);
    expect(text).not.toMatch(/: \{"Version":"2012-10-17"/); // no policy left on one line
  });

  it("lists the outputs, unknowns as known after apply", async () => {
    const text = renderText(await plan);
    expect(text).toMatch(/\nOutputs: \d+ values \(\d+ known after apply, 0 secret\):\n {2}environment:\n {4}name: /);
    expect(text).toContain(`  kmsKeyArn: ${KNOWN_AFTER_APPLY}`);
  });

  it("renders Markdown and JSON with the same resources", async () => {
    const p = await plan;
    const parsed = JSON.parse(renderJson(p)) as { resources: { parentType?: string }[]; counts: Record<string, number>; adapters: { key: string }[] };
    expect(parsed.resources).toHaveLength(p.resources.length);
    expect(parsed.resources.filter((r) => r.parentType).length).toBe(p.resources.filter((r) => r.parent).length);
    expect(parsed.counts["aws:sns/topic:Topic"]).toBe(2);
    expect(parsed.adapters.map((a) => a.key)).toEqual(["foundation", ...ADAPTER_REGISTRY.map((a) => a.key), DISASTER_RECOVERY]);
    expect(renderMarkdown(p)).toContain(`## Offline plan: \`${stack}\``);
  });

  it("reads its own JSON back as a plan that differs from nothing (what --base compares)", async () => {
    const p = await plan;
    const d = diffPlans(parsePlanned(renderJson(p)), { stack, resources: plannedOf(p) }, "sparki-storage");
    expect([d.statefulReplaced, d.added, d.removed, d.changed]).toEqual([[], [], [], []]);
  });

  it("keeps its Markdown under GitHub's comment limit with every resource in a tree per adapter", async () => {
    const p = await plan;
    const md = renderMarkdown(p);
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(MARKDOWN_BUDGET).toBeLessThan(COMMENT_LIMIT);
    const trees = md.slice(md.indexOf("### Resources by adapter"));
    for (const r of p.resources) expect(trees, r.name).toContain(`${displayType(r.type)}  ${r.name}`);
    for (const key of ["foundation", "s3", "redis", "postgres", "minio"]) expect(md).toMatch(new RegExp(`<details><summary><b>${key}</b>: \\d+ resources`));
    expect(md.indexOf("### Summary by adapter")).toBeLessThan(md.indexOf("### Resources by adapter"));
    expect(md).toMatch(/<details><summary>Outputs: \d+ values/);
    expect(md).toMatch(/\*\*policy\*\*:\n```yaml\nVersion: 2012-10-17\nStatement:\n {2}- Sid: /); // the key policy, readable
    expect(md).toMatch(/\*\*rules\*\*:\n```yaml\n- abortIncompleteMultipartUpload:\n/); // lifecycle rules
  });

  it("stays within a smaller budget too, dropping detail rather than going over", async () => {
    const p = await plan;
    for (const budget of [30_000, 12_000]) expect(renderMarkdown(p, undefined, budget).length, String(budget)).toBeLessThanOrEqual(budget);
  });

  it("stays under the limit with a long diff first, trees kept", async () => {
    const p = await plan;
    const head = { stack, resources: plannedOf(p) };
    const base = { stack, resources: head.resources.map((r) => ({ ...r, inputs: { ...r.inputs, changedEverywhere: true } })) };
    const md = renderMarkdown(p, { ref: "main", commit: "0123456789abcdef", diff: diffPlans(base, head, "sparki-storage") });
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(md).toMatch(/… and \d+ more changes: `npm run plan -- \w+ --base main` prints them all\./);
    for (const r of p.resources) expect(md, r.name).toContain(`${displayType(r.type)}  ${r.name}`);
  });
});

describe("plan outputs", () => {
  it("show a secret output as (secret) and an unknown one as known after apply", async () => {
    const run = await runProgram({
      stack: "dev",
      preview: true,
      program: () => {
        const topic = new aws.sns.Topic("t");
        return { token: pulumi.secret("hunter2"), topicArn: topic.arn, plain: "visible" };
      },
    });
    expect(run.outputs).toEqual({ token: "(secret)", topicArn: KNOWN_AFTER_APPLY, plain: "visible" });
    expect(renderText(run)).toContain("Outputs: 3 values (1 known after apply, 1 secret):");
  });
});
