import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { POLICIES } from "../policy/policies";
import {
  bucketWithSides, disruptionBudget, insightsAlarm, kvAgentParameter, kvLaunchTemplate, kvSnapshotPolicy, kvStorageClass, loggedBuckets, primary, replica,
  replicationGroup, statefulSet, T, TOPIC_ARN,
} from "./policy-fixtures";
import {
  checkResource, checkStack, pulumiType, readPolicyConfigFile, reconcilePolicyConfig, type StackInput, UNKNOWN,
} from "./policy-harness";

const ROOT = join(__dirname, "..");
const resourcePolicies = POLICIES.filter((p): p is ResourceValidationPolicy => !("validateStack" in p));
const stackPolicies = POLICIES.filter((p): p is StackValidationPolicy => "validateStack" in p);

/** The FSBP controls issue 7 asks for (S3.1 or S3.8: this pack checks the bucket-level S3.8). */
const REQUIRED_CONTROLS = [
  "RDS.2", "RDS.3", "RDS.5", "RDS.6", "RDS.8", "RDS.9", "RDS.10", "RDS.11", "RDS.13", "RDS.17", "RDS.18", "RDS.20", "RDS.43",
  "ElastiCache.1", "ElastiCache.2", "ElastiCache.3", "ElastiCache.4", "ElastiCache.5", "ElastiCache.6", "ElastiCache.7",
  "S3.8", "S3.5", "S3.9", "S3.10", "S3.13", "S3.12", "KMS.4", "SNS.1", "CloudWatch.15", "CloudWatch.17", "SecretsManager.1",
  // The embedded KV adapter's launch template (issue 15).
  "EC2.170", "EC2.181",
  // The MySQL and SQL Server adapters (issue 16): their log exports and TLS, per engine.
  "RDS.36", "RDS.38", "RDS.39", "RDS.40", "RDS.41",
];

describe("the pack's policies", () => {
  it("have unique names the CLI accepts", () => {
    const names = POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(names).not.toContain("all");
  });

  it("carry the source of their rule at the start of the description, and cover every FSBP control the issue lists", () => {
    for (const p of POLICIES) expect(p.description, p.name).toMatch(/^\[(([A-Za-z0-9]+\.\d+)(\/[A-Za-z0-9]+\.\d+)*|PSS restricted|kube-score [a-z-]+|PDB for StatefulSets|Matrix|Sparki baseline: [a-z]+|Engine rule)\] \S/);
    const controls = POLICIES.flatMap((p) => /^\[([^\]]+)\]/.exec(p.description)![1].split("/"));
    expect(REQUIRED_CONTROLS.filter((c) => !controls.includes(c))).toEqual([]);
  });

  it("leave enforcement to the pack default and the stack's policy config (no level in code)", () => {
    expect(POLICIES.filter((p) => p.enforcementLevel !== undefined).map((p) => p.name)).toEqual([]);
  });

  it("are all documented in docs/policy.md's policy table", () => {
    const readme = readFileSync(join(ROOT, "docs", "policy.md"), "utf8");
    expect(POLICIES.map((p) => p.name).filter((n) => !readme.includes(`| \`${n}\` |`))).toEqual([]);
  });
});

describe("enforcement through policy config", () => {
  it("makes every policy mandatory in prod, and in dev advisory except the engine rules, which are mandatory there too", () => {
    const levels = (stack: string, engineRules: boolean) => new Set([...reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory").entries()]
      .filter(([name]) => (POLICIES.find((p) => p.name === name)?.tags ?? []).includes("engine-rule") === engineRules)
      .map(([, c]) => c.enforcementLevel));
    expect(levels("dev", false)).toEqual(new Set(["advisory"]));
    expect(levels("dev", true)).toEqual(new Set(["mandatory"]));
    expect(levels("prod", false)).toEqual(new Set(["mandatory"]));
    expect(levels("prod", true)).toEqual(new Set(["mandatory"]));
    expect(POLICIES.filter((p) => (p.tags ?? []).includes("engine-rule")).length).toBeGreaterThanOrEqual(6);
  });

  it("sets only properties the policies declare, with values their schemas allow", () => {
    for (const stack of ["dev", "prod"]) {
      const file = readPolicyConfigFile(stack);
      for (const [name, value] of Object.entries(file)) {
        if (name === "all" || typeof value === "string") continue;
        const schema = POLICIES.find((p) => p.name === name)?.configSchema?.properties ?? {};
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
          const s = schema[key] as { type?: string; minimum?: number; maximum?: number } | undefined;
          expect(s, `${stack}: ${name}.${key}`).toBeDefined();
          if (s?.type === "integer") {
            expect(Number.isInteger(v), `${stack}: ${name}.${key}`).toBe(true);
            expect(v as number).toBeGreaterThanOrEqual(s.minimum ?? -Infinity);
            expect(v as number).toBeLessThanOrEqual(s.maximum ?? Infinity);
          }
          if (s?.type === "array") expect(Array.isArray(v)).toBe(true);
        }
      }
    }
  });

  it("refuses a config file naming a policy that does not exist (a typo would silently change nothing)", () => {
    expect(() => reconcilePolicyConfig({ "rds-5-mutli-az": "advisory" }, "mandatory")).toThrow('policy config names an unknown policy "rds-5-mutli-az"');
  });

  it("applies CLI precedence: schema defaults, then all, then the policy's own entry", () => {
    const config = reconcilePolicyConfig({ all: "advisory", "rds-11-backup-retention": { enforcementLevel: "mandatory", minimumDays: 14 } }, "mandatory");
    expect(config.get("rds-11-backup-retention")).toEqual({ enforcementLevel: "mandatory", properties: { minimumDays: 14 } });
    expect(config.get("matrix-postgres-ha")).toEqual({ enforcementLevel: "advisory", properties: { minimumReplicas: 2 } });
  });
});

describe("the pack entry", () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return ["node_modules", ".git", ".cache"].includes(e.name) ? [] : sources(path);
      return /\.(ts|mts|js|mjs)$/.test(e.name) ? [path] : [];
    });
  }

  it("policy/index.ts is the only file that constructs a PolicyPack (its constructor starts a gRPC server)", () => {
    const constructs = ["new", "PolicyPack("].join(" ");
    const files = sources(ROOT).filter((f) => readFileSync(f, "utf8").includes(constructs)).map((f) => relative(ROOT, f));
    expect(files).toEqual([join("policy", "index.ts")]);
  });

  it("is a nodejs CrossGuard project the CLI can load from policy/", () => {
    expect(existsSync(join(ROOT, "policy", "PulumiPolicy.yaml"))).toBe(true);
    expect(readFileSync(join(ROOT, "policy", "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
    // The PolicyPack constructor reads the pack version from package.json in the pack directory and refuses to start without it.
    const manifest = JSON.parse(readFileSync(join(ROOT, "policy", "package.json"), "utf8")) as { version?: string; main?: string };
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.main).toBe("index.ts");
  });
});

describe("values unknown during preview", () => {
  it("are what the SDK's proxy refuses to read (so the checks below can fail)", async () => {
    const naive: ResourceValidationPolicy = { name: "naive", description: "reads blindly", validateResource: (args, report) => {
      if ((args.props as { multiAz?: unknown }).multiAz !== true) report("not multi-AZ");
    } };
    const outcome = await checkResource(naive, { type: T.instance, props: { multiAz: UNKNOWN } });
    expect(outcome.unknownError).toBe("string value at .multiAz can't be known during preview");
  });

  /** Every top-level property unknown: the worst case of a preview of auto-named, output-fed resources. */
  function allUnknown(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.keys(props).map((k) => [k, UNKNOWN]));
  }

  const fixtures: StackInput[] = [
    { type: T.instance, name: "primary", props: primary() },
    { type: T.instance, name: "replica-1", props: replica(1) },
    { type: T.instance, name: "replica-2", props: replica(2) },
    { type: T.eventSubscription, name: "events", props: { snsTopic: TOPIC_ARN, sourceType: "db-instance", eventCategories: [] } },
    { type: T.replicationGroup, name: "cache", props: replicationGroup() },
    { type: T.statefulSet, name: "servers", props: statefulSet() },
    { type: T.pdb, name: "budget", props: disruptionBudget() },
    { type: T.key, name: "key", props: { enableKeyRotation: true } },
    { type: T.topic, name: "topic", props: { kmsMasterKeyId: "k" } },
    { type: T.alarm, name: "alarm", props: {
      namespace: "AWS/RDS", metricName: "CPUUtilization", statistic: "Average", threshold: 80, comparisonOperator: "GreaterThanThreshold",
      actionsEnabled: true, alarmActions: [TOPIC_ARN], tags: { Severity: "warning", ThresholdSource: "platform:rdsCpuUtilization", Metric: "rdsCpuUtilization" },
    } },
    { type: T.secret, name: "secret", props: { kmsKeyId: "k" } },
    { type: pulumiType(aws.secretsmanager.SecretRotation), name: "secret-rotation", props: { secretId: "secret", rotationRules: { automaticallyAfterDays: 30 } }, dependsOnNames: ["secret"] },
    { type: T.proxy, name: "proxy", props: { requireTls: true } },
    { type: T.alarm, name: "kv-disk", props: insightsAlarm() },
    { type: T.launchTemplate, name: "kv-agent", props: kvLaunchTemplate() },
    { type: T.lifecyclePolicy, name: "kv-snapshots", props: kvSnapshotPolicy() },
    { type: T.parameter, name: "kv-cloudwatch-agent", props: kvAgentParameter() },
    { type: T.storageClass, name: "kv", props: kvStorageClass() },
    ...loggedBuckets(),
    ...bucketWithSides("sparki-dev-1-build-cache", { dataClass: "buildCache", logsTo: "sparki-dev-access-logs" }),
    ...bucketWithSides("sparki-dev-1-deployment-logs", {
      dataClass: "deploymentLogs", logsTo: "sparki-dev-access-logs",
      rules: [{ id: "all", status: "Enabled", transitions: [{ days: 30, storageClass: "GLACIER" }], expiration: { days: 730 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }],
    }),
  ];

  it.each([...resourcePolicies, ...stackPolicies])("$name passes the fixtures while their values are known", async (policy) => {
    const outcome = "validateStack" in policy
      ? await checkStack(policy, fixtures)
      : { violations: (await Promise.all(fixtures.map((f) => checkResource(policy, f)))).flatMap((o) => o.violations) };
    expect(outcome.violations).toEqual([]);
  });

  it.each(resourcePolicies)("$name neither crashes nor reports on a resource whose every property is unknown", async (policy) => {
    for (const fixture of fixtures) {
      const outcome = await checkResource(policy, { ...fixture, props: allUnknown(fixture.props) });
      expect(outcome.unknownError, `${fixture.type}`).toBeUndefined();
      expect(outcome.violations, `${fixture.type}`).toEqual([]);
    }
  });

  it.each(stackPolicies)("$name neither crashes nor reports on a stack whose every property is unknown", async (policy) => {
    const outcome = await checkStack(policy, fixtures.map((f) => ({ ...f, props: allUnknown(f.props) })));
    expect(outcome.unknownError).toBeUndefined();
    expect(outcome.violations).toEqual([]);
  });
});
