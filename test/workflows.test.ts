// The GitHub workflows: schema-valid, pinned, least-privilege, safe for fork PRs, and covering every stack.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const WORKFLOW_DIR = join(ROOT, ".github", "workflows");

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string> | string;
  concurrency?: string | { group: string; "cancel-in-progress"?: boolean };
  strategy?: { matrix?: { stack?: string[]; include?: Record<string, string>[] } };
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const FILES = readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const source = (file: string): string => readFileSync(join(WORKFLOW_DIR, file), "utf8");
const workflow = (file: string): Workflow => parse(source(file)) as Workflow;
const JOBS = FILES.flatMap((file) => Object.entries(workflow(file).jobs).map(([id, job]) => ({ file, id, job, key: `${file}/${id}` })));

// plan.test.ts writes a temporary Pulumi.cfgtest<pid>.yaml while it runs; it is not a stack.
const STACKS = readdirSync(ROOT)
  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined && !/^cfgtest\d+$/.test(s))
  .sort();

const action = (step: Step): string | undefined => step.uses?.split("@")[0];
const stepsUsing = (job: Job, name: string): Step[] => job.steps.filter((s) => action(s) === name);
const matrixStacks = (job: Job): string[] =>
  [...(job.strategy?.matrix?.stack ?? []), ...(job.strategy?.matrix?.include ?? []).map((entry) => entry.stack)].sort();
const scriptOf = (step: Step): string => String(step.with?.script ?? "");

// What a job does, read from its steps; the permission checks compare these with what the job is granted.
const usesOidc = (job: Job) => stepsUsing(job, "aws-actions/configure-aws-credentials").length > 0;
const postsOnPullRequest = (job: Job) =>
  stepsUsing(job, "pulumi/actions").some((s) => s.with?.["comment-on-pr"] === true) ||
  stepsUsing(job, "actions/github-script").some((s) => /pulls\.list/.test(scriptOf(s)) && /issues\.(create|update)Comment/.test(scriptOf(s)));
const managesIssues = (job: Job) => stepsUsing(job, "actions/github-script").some((s) => /issues\.create\(/.test(scriptOf(s)));
const readsAnotherRunsArtifacts = (job: Job) => stepsUsing(job, "actions/download-artifact").some((s) => s.with?.["run-id"] !== undefined);

const GRANTS: Record<string, { level: string; needed: (job: Job) => boolean }> = {
  "id-token": { level: "write", needed: usesOidc },
  "pull-requests": { level: "write", needed: postsOnPullRequest },
  issues: { level: "write", needed: managesIssues },
  actions: { level: "read", needed: readsAnotherRunsArtifacts },
};

describe("schema", () => {
  it("has the five workflows of the review flow", () => {
    expect(FILES).toEqual(["ci.yml", "deploy.yml", "drift.yml", "plan-comment.yml", "preview.yml"]);
  });

  it.each(FILES)("%s validates against the GitHub workflow schema", (file) => {
    expect(validateWorkflow(source(file)).errors).toEqual([]);
  });

  it("the validator (WASM) is loaded and rejects what GitHub rejects", () => {
    const valid = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ok\n";
    expect(validateWorkflow(valid).errors).toEqual([]);
    for (const broken of [
      valid.replace("steps:", "stepz:"),
      valid.replace("on: push", "on: pushed"),
      valid.replace("    steps:", "    permissions:\n      id-token: writ\n    steps:"),
      "on: push\njobs:\n  a:\n    steps:\n      - run: echo ok\n",
    ]) {
      expect(validateWorkflow(broken).errors.length, broken).toBeGreaterThan(0);
    }
  });

  // The WASM build skips the CLI's check that `paths` globs match files (it only warns), so none are allowed.
  it.each(FILES)("%s filters on no paths (their globs would go unchecked)", (file) => {
    expect(source(file)).not.toMatch(/^\s*paths(-ignore)?:/m);
  });
});

describe("action pins", () => {
  const PIN = /^\s*(?:-\s+)?uses:\s+([\w.-]+\/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/;

  it.each(FILES)("%s pins every action to a full commit SHA with its release tag", (file) => {
    const lines = source(file).split("\n").filter((line) => /^\s*(-\s+)?uses:/.test(line));
    const parsedUses = Object.values(workflow(file).jobs).flatMap((job) => job.steps.filter((s) => s.uses));
    expect(lines.length).toBe(parsedUses.length);
    for (const line of lines) expect(line, line).toMatch(PIN);
  });

  it("uses one SHA and tag per action across all workflows", () => {
    const pins = new Map<string, Set<string>>();
    for (const file of FILES) {
      for (const [, name, sha, tag] of source(file).split("\n").map((line) => PIN.exec(line)).filter((m) => m !== null)) {
        pins.set(name, (pins.get(name) ?? new Set()).add(`${sha} ${tag}`));
      }
    }
    expect(pins.size).toBeGreaterThanOrEqual(7);
    for (const [name, versions] of pins) expect([...versions], name).toHaveLength(1);
  });

  it("installs the Pulumi CLI of the same version as the SDK in package.json", () => {
    const sdk = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@pulumi/pulumi"];
    const steps = JOBS.flatMap(({ job }) => stepsUsing(job, "pulumi/actions"));
    expect(steps.length).toBe(4);
    for (const step of steps) expect(String(step.with?.["pulumi-version"])).toBe(sdk);
  });

  it("sets Node up from .nvmrc and checks out without persisting the token", () => {
    for (const { key, job } of JOBS) {
      for (const step of stepsUsing(job, "actions/setup-node")) expect(step.with?.["node-version-file"], key).toBe(".nvmrc");
      for (const step of stepsUsing(job, "actions/checkout")) expect(step.with?.["persist-credentials"], key).toBe(false);
    }
  });
});

describe("permissions", () => {
  it.each(FILES)("%s grants nothing at the top level beyond reading contents", (file) => {
    expect([{}, { contents: "read" }]).toContainEqual(workflow(file).permissions);
  });

  it("every job states its permissions; each grant beyond contents: read is one the job's steps need", () => {
    for (const { key, job } of JOBS) {
      expect(typeof job.permissions, `${key} must list its permissions`).toBe("object");
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        if (scope === "contents") {
          expect(level, key).toBe("read");
          continue;
        }
        expect(GRANTS[scope], `${key}: unexpected permission ${scope}`).toBeDefined();
        expect(`${scope}: ${level}`, key).toBe(`${scope}: ${GRANTS[scope].level}`);
        expect(GRANTS[scope].needed(job), `${key} has ${scope}: ${level} but does not need it`).toBe(true);
      }
    }
  });

  it("every job that needs a grant has it", () => {
    for (const { key, job } of JOBS) {
      for (const [scope, grant] of Object.entries(GRANTS)) {
        if (grant.needed(job)) expect((job.permissions as Record<string, string>)[scope], `${key} needs ${scope}`).toBe(grant.level);
      }
    }
  });

  it("grants id-token, pull-requests, issues and actions to exactly the expected jobs", () => {
    const holders = (scope: string) => JOBS.filter(({ job }) => typeof job.permissions === "object" && scope in job.permissions).map(({ key }) => key);
    expect(holders("id-token")).toEqual(["deploy.yml/deploy-dev", "deploy.yml/deploy-prod", "drift.yml/refresh", "preview.yml/preview"]);
    expect(holders("pull-requests")).toEqual(["plan-comment.yml/comment", "preview.yml/preview"]);
    expect(holders("issues")).toEqual(["drift.yml/report"]);
    expect(holders("actions")).toEqual(["plan-comment.yml/comment"]);
  });

  it("assumes AWS roles through OIDC only, never with stored keys", () => {
    for (const { key, job } of JOBS) {
      for (const step of stepsUsing(job, "aws-actions/configure-aws-credentials")) {
        expect(String(step.with?.["role-to-assume"]), key).toMatch(/^\$\{\{ vars[.[]/);
        expect(Object.keys(step.with ?? {}).filter((k) => /access-key|secret|session-token/.test(k)), key).toEqual([]);
      }
    }
  });

  it("reads no secret other than the Pulumi backend's and Cloudflare's tokens (Cloudflare has no OIDC)", () => {
    const names = new Set(FILES.flatMap((file) => [...source(file).matchAll(/secrets\.(\w+)/g)].map((m) => m[1])));
    expect([...names].sort()).toEqual(["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_READONLY_API_TOKEN", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"]);
  });
});

describe("fork pull requests", () => {
  const ci = workflow("ci.yml");
  const commenter = workflow("plan-comment.yml");

  it("no workflow runs on pull_request_target", () => {
    for (const file of FILES) expect(Object.keys(workflow(file).on), file).not.toContain("pull_request_target");
  });

  it("ci.yml runs on every PR and push, uses no secrets and only reads the repository", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(source("ci.yml")).not.toMatch(/secrets\./);
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toEqual({ contents: "read" });
  });

  it("ci.yml typechecks, lints, tests, and plans every stack into the offline-plan artifact", () => {
    const runs = Object.values(ci.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ""));
    for (const command of ["npm ci", "npm run -s typecheck", "npm run -s lint", "npm test"]) expect(runs.some((r) => r.startsWith(command)), command).toBe(true);
    const plan = runs.find((r) => r.includes("npm run -s plan"))!;
    expect(plan).toContain("for stack_file in Pulumi.*.yaml");
    expect(plan).toContain('npm run -s plan -- "$stack" --format markdown "${base[@]}"');
    const upload = stepsUsing(ci.jobs.plan, "actions/upload-artifact")[0];
    expect(upload.with).toMatchObject({ name: "offline-plan", path: "offline-plan/" });
  });

  it("ci.yml plans a PR against its base commit and writes one comment per stack, trees kept", () => {
    const step = ci.jobs.plan.steps.find((s) => s.run?.includes("npm run -s plan"))!;
    expect(step.env?.BASE_SHA).toBe("${{ github.event.pull_request.base.sha }}");
    expect(step.run).toContain('base=(--base "$BASE_SHA")');
    expect(step.run).toContain('> "$out/comments/$stack.md"');
    expect(step.run).not.toMatch(/awk|<details>/); // nothing strips the resource trees any more
    expect(stepsUsing(ci.jobs.plan, "actions/checkout")[0].with?.["fetch-depth"]).toBe(0); // the base commit is there
  });

  it("the commenter posts one sticky comment per stack file, and a single one when there is none", () => {
    const script = scriptOf(stepsUsing(commenter.jobs.comment, "actions/github-script")[0]);
    expect(script).toContain('path.join(dir, "comments")');
    expect(script).toContain("`<!-- sparki-offline-plan:${stack} -->`");
    expect(script).toMatch(/\/\^\[a-z\]\[a-z0-9-\]\{0,19\}\\\.md\$\//); // only stack-named files of the untrusted artifact
  });

  it("the commenter runs after CI on its pull_request runs only", () => {
    expect(commenter.on).toEqual({ workflow_run: { workflows: [ci.name], types: ["completed"] } });
    expect(commenter.jobs.comment.if).toContain("github.event.workflow_run.event == 'pull_request'");
    const download = stepsUsing(commenter.jobs.comment, "actions/download-artifact")[0];
    expect(download.with).toMatchObject({ name: "offline-plan", "run-id": "${{ github.event.workflow_run.id }}" });
  });

  it("the commenter never checks out or runs code from the pull request", () => {
    for (const job of Object.values(commenter.jobs)) {
      expect(stepsUsing(job, "actions/checkout")).toEqual([]);
      expect(job.steps.filter((s) => s.run !== undefined)).toEqual([]);
      expect(job.steps.map(action).sort()).toEqual(["actions/download-artifact", "actions/github-script"]);
    }
    const script = scriptOf(stepsUsing(commenter.jobs.comment, "actions/github-script")[0]);
    expect(script).toContain("<!-- sparki-offline-plan -->");
    expect(script).not.toMatch(/\beval\b|new Function|child_process|exec\(/);
  });

  it("preview runs only for PRs from this repository", () => {
    expect(workflow("preview.yml").jobs.preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
  });

  it("no run: or script: interpolates an expression (values reach scripts through env)", () => {
    for (const { key, job } of JOBS) {
      for (const step of job.steps) expect(`${step.run ?? ""}${scriptOf(step)}`, `${key}: ${step.name ?? step.uses ?? ""}`).not.toContain("${{");
    }
  });
});

describe("stacks", () => {
  it("finds the stacks", () => {
    expect(STACKS).toEqual(["dev", "prod"]);
  });

  it("previews every Pulumi.<stack>.yaml with the policy pack and its per-stack config, commenting on the PR", () => {
    const job = workflow("preview.yml").jobs.preview;
    expect(matrixStacks(job)).toEqual(STACKS);
    for (const entry of job.strategy!.matrix!.include!) expect(entry.role_variable).toBe(`AWS_READONLY_ROLE_ARN_${entry.stack.toUpperCase()}`);
    expect(stepsUsing(job, "pulumi/actions")[0].with).toMatchObject({
      command: "preview",
      "stack-name": "${{ matrix.stack }}",
      "comment-on-pr": true,
      "cloud-url": "${{ vars.PULUMI_BACKEND_URL }}",
      policyPacks: "policy",
      policyPackConfigs: "policy/config/${{ matrix.stack }}.json",
    });
  });

  it("points at a policy pack and a policy config per stack that exist", () => {
    expect(existsSync(join(ROOT, "policy", "PulumiPolicy.yaml")), "policy/PulumiPolicy.yaml").toBe(true);
    for (const stack of STACKS) expect(existsSync(join(ROOT, "policy", "config", `${stack}.json`)), `policy/config/${stack}.json`).toBe(true);
  });

  it("checks every stack for drift with refresh --preview-only --expect-no-changes, and reports each", () => {
    const drift = workflow("drift.yml");
    expect(Object.keys(drift.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(matrixStacks(drift.jobs.refresh)).toEqual(STACKS);
    expect(matrixStacks(drift.jobs.report)).toEqual(STACKS);
    expect(drift.jobs.refresh.steps.some((s) => s.run?.includes('pulumi refresh --preview-only --expect-no-changes --diff --non-interactive --stack "$STACK"'))).toBe(true);
    expect(drift.jobs.report).toMatchObject({ needs: "refresh", if: "${{ !cancelled() }}" });
  });
});

describe("deploy", () => {
  const deploy = workflow("deploy.yml");
  const upJobs = Object.entries(deploy.jobs).filter(([, job]) => stepsUsing(job, "pulumi/actions").some((s) => s.with?.command === "up"));
  const stackOf = (job: Job) => String(stepsUsing(job, "pulumi/actions")[0].with?.["stack-name"]);

  it("runs on pushes to main only and deploys every stack with the policy pack", () => {
    expect(deploy.on).toEqual({ push: { branches: ["main"] } });
    expect(upJobs.map(([, job]) => stackOf(job)).sort()).toEqual(STACKS);
    for (const [, job] of upJobs) {
      expect(stepsUsing(job, "pulumi/actions")[0].with).toMatchObject({ policyPacks: "policy", policyPackConfigs: `policy/config/${stackOf(job)}.json` });
    }
  });

  it("deploys dev after verification, and prod after dev through the prod environment (required reviewers)", () => {
    expect(deploy.jobs["deploy-dev"]).toMatchObject({ needs: "verify", environment: "dev" });
    expect(deploy.jobs["deploy-prod"]).toMatchObject({ needs: "deploy-dev", environment: "prod" });
    expect(stackOf(deploy.jobs["deploy-prod"])).toBe("prod");
  });

  it("never runs two deploys of one stack at once and never cancels a running one", () => {
    const groups = upJobs.map(([, job]) => job.concurrency as { group: string; "cancel-in-progress": boolean });
    for (const [i, [, job]] of upJobs.entries()) {
      expect(groups[i]).toEqual({ group: `deploy-${stackOf(job)}`, "cancel-in-progress": false });
    }
  });
});

describe("credentials of the other clouds (README, \"Cloud credentials\")", () => {
  // The jobs that run the program against a stack: every job that assumes an AWS role.
  const stackJobs = JOBS.filter(({ job }) => usesOidc(job));
  const pulumiStep = (job: Job): Step => {
    const step = job.steps.find((s) => (action(s) === "pulumi/actions" && s.with?.command !== undefined) || /pulumi (refresh|up|preview)/.test(s.run ?? ""));
    if (step === undefined) throw new Error("no step runs pulumi");
    return step;
  };

  it("covers the deploy, preview and drift jobs", () => {
    expect(stackJobs.map((j) => j.key).sort()).toEqual(["deploy.yml/deploy-dev", "deploy.yml/deploy-prod", "drift.yml/refresh", "preview.yml/preview"]);
  });

  it.each(stackJobs.map((j) => [j.key, j.job] as const))("%s: Google Cloud by workload identity federation only, and only when configured", (_key, job) => {
    const [auth, ...more] = stepsUsing(job, "google-github-actions/auth");
    expect(more).toEqual([]);
    expect(auth.if).toBe("vars.GCP_WORKLOAD_IDENTITY_PROVIDER != ''");
    expect(Object.keys(auth.with ?? {}).sort()).toEqual(["service_account", "workload_identity_provider"]); // never credentials_json
    expect(job.steps.indexOf(auth)).toBeLessThan(job.steps.indexOf(pulumiStep(job)));
  });

  it.each(stackJobs.map((j) => [j.key, j.job] as const))("%s: Azure by OIDC and Cloudflare's token from a secret, never a literal", (key, job) => {
    const env = pulumiStep(job).env ?? {};
    const readOnly = !key.startsWith("deploy.yml");
    expect(env.ARM_CLIENT_ID).toBe(`\${{ vars.AZURE_${readOnly ? "READONLY" : "DEPLOY"}_CLIENT_ID }}`);
    // Empty, not "false", when unset: the provider turns OIDC on for any non-empty ARM_USE_OIDC.
    expect(env.ARM_USE_OIDC).toBe(`\${{ vars.AZURE_${readOnly ? "READONLY" : "DEPLOY"}_CLIENT_ID != '' && 'true' || '' }}`);
    expect(env.CLOUDFLARE_API_TOKEN).toBe(`\${{ secrets.CLOUDFLARE_${readOnly ? "READONLY_" : ""}API_TOKEN }}`);
    expect(Object.keys(env).filter((k) => /CLIENT_SECRET|CREDENTIALS/.test(k))).toEqual([]);
  });
});
