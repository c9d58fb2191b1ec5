import { readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkProjectFile, checkStackFile } from "../scripts/offline/pulumi-project-rules";
import type { ProgramRun } from "../scripts/offline/run-program";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { readYaml } from "../scripts/offline/yaml-cache";
import { capturedRun } from "./harness";
import { listViolations, readPolicyConfigFile, runPack } from "./policy-harness";

/**
 * examples/<hosting>/Pulumi.<stack>.yaml: the stacks reviewers read to see a variant that dev and prod do not use,
 * each planned by CI and run here through the real program and the whole policy pack, like dev and prod.
 */
const EXAMPLES = join(REPO_ROOT, "examples");
const examples = readdirSync(EXAMPLES).flatMap((folder) => readdirSync(join(EXAMPLES, folder))
  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined)
  .map((stack) => ({ folder, stack, dir: join(EXAMPLES, folder) })));

const runOf = (dir: string, stack: string) => capturedRun({ stack, stackDir: dir });
const profileOf = (run: ProgramRun) => (run.outputs.environment as { profile: string }).profile;

describe("examples", () => {
  it("cover every hosting folder in both profiles, on the repository's own Pulumi.yaml", () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const folder of new Set(examples.map((e) => e.folder))) {
      expect(realpathSync(join(EXAMPLES, folder, "Pulumi.yaml")), folder).toBe(join(REPO_ROOT, "Pulumi.yaml"));
      const stacks = examples.filter((e) => e.folder === folder).map((e) => e.stack);
      expect(stacks.some((s) => s.endsWith("-dev")) && stacks.some((s) => s.endsWith("-prod")), folder).toBe(true);
    }
  });

  it.each(examples)("$folder/$stack passes the Pulumi CLI's stack-config rules", ({ dir, stack }) => {
    const { errors, project } = checkProjectFile(readYaml(join(REPO_ROOT, "Pulumi.yaml")));
    expect(errors).toEqual([]);
    expect(checkStackFile(project!, stack, readYaml(join(dir, `Pulumi.${stack}.yaml`)))).toEqual([]);
  });

  it.each(examples)("$folder/$stack has no mandatory policy violation under its profile's policy config", async ({ dir, stack }) => {
    const run = await runOf(dir, stack);
    const pack = await runPack(run, readPolicyConfigFile(profileOf(run)));
    expect(pack.couldNotRun).toEqual([]);
    expect(listViolations(pack.violations.filter((v) => v.enforcementLevel === "mandatory"))).toEqual([]);
  });
});

describe("existing VPC", () => {
  const stacks = examples.filter((e) => e.folder === "existing-vpc");

  it.each(stacks)("$stack creates no VPC, endpoint or flow log, and places databases and caches in the given subnets", async ({ dir, stack }) => {
    const run = await runOf(dir, stack);
    const types = new Set(run.resources.map((r) => r.type));
    for (const created of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/flowLog:FlowLog"]) {
      expect(types.has(created), created).toBe(false);
    }
    const file = readYaml(join(dir, `Pulumi.${stack}.yaml`)) as { config: Record<string, { privateSubnetIds?: string[] }> };
    const subnets = file.config["sparki-storage:network"].privateSubnetIds;
    const groups = run.resources.filter((r) => r.type === "aws:rds/subnetGroup:SubnetGroup" || r.type === "aws:elasticache/subnetGroup:SubnetGroup");
    expect(groups.length).toBe(2);
    for (const g of groups) expect(g.inputs.subnetIds, g.name).toEqual(subnets);
  });
});

describe("without Kubernetes", () => {
  const stacks = examples.filter((e) => e.folder === "without-kubernetes");

  it.each(stacks)("$stack registers no Kubernetes provider or object and outputs no MinIO", async ({ dir, stack }) => {
    const run = await runOf(dir, stack);
    expect(run.resources.length).toBeGreaterThan(50);
    expect(run.resources.filter((r) => r.type.startsWith("kubernetes:") || r.type === "pulumi:providers:kubernetes").map((r) => r.name)).toEqual([]);
    expect(run.outputs.minio).toBeUndefined();
    expect(run.outputs.postgres).toBeDefined();
  });
});
