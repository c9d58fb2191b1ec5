import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig, stackConfigWithSecrets } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { resolveEnvironment } from "../stacks/environment";
import { runWith } from "./harness";

/** Loads a real stack file with overrides, as the program would. */
function load(stack: string, overrides: Record<string, unknown>) {
  return loadConfig(stack, stackConfig(stack, overrides));
}

function problemsOf(stack: string, overrides: Record<string, unknown>): readonly string[] {
  try {
    load(stack, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

const dev = "dev";
const existingVpc = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] };
const VPC_CIDR_RULE_TEXT = "must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /16 to /24, such as 10.40.0.0/16";
const prodNetwork = { cidrBlock: "10.50.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] };

describe("config validation names the key, the bad value and what is allowed", () => {
  it.each([
    ["unknown profile", dev, { "sparki-storage:profile": "staging" },
      'sparki-storage:profile must be one of "dev", "prod", got "staging"'],
    ["missing account", dev, { "sparki-storage:accountId": undefined },
      "sparki-storage:accountId must be a 12-digit AWS account ID, got nothing (the key is required)"],
    ["short account", dev, { "sparki-storage:accountId": "12345" },
      'sparki-storage:accountId must be a 12-digit AWS account ID, got "12345"'],
    ["bad region", dev, { "aws:region": "europe-1" },
      'aws:region must be an AWS region such as eu-west-1, got "europe-1"'],
    ["unknown top-level key (typo)", dev, { "sparki-storage:netwrok": {} },
      'sparki-storage:netwrok is not a known key (did you mean "network"?) (allowed: profile, accountId, owner, costCentre, network, alerts, disasterRecovery, objectStore, redis, postgres, mysql, mssql, minio, embeddedKv, mongodb, memcache, cassandra, dynamodb, surrealdb, arangodb, etcd, nats, clickhouse, neo4j, couchbase, firestore, azureblob, cloudflarekv, costAssumptions)'],
    ["unknown nested key (typo)", dev, { "sparki-storage:network": { cidrBlok: "10.0.0.0/16" } },
      'sparki-storage:network.cidrBlok is not a known key (did you mean "cidrBlock"?) (allowed: vpcId, privateSubnetIds, cidrBlock, availabilityZones, secretsManagerEndpointSecurityGroupId)'],
    ["typo of the first allowed key", dev, { "sparki-storage:network": { vpcID: "vpc-0123456789abcdef0" } },
      'sparki-storage:network.vpcID is not a known key (did you mean "vpcId"?) (allowed: vpcId, privateSubnetIds, cidrBlock, availabilityZones, secretsManagerEndpointSecurityGroupId)'],
    ["VPC CIDR wider than /16", dev, { "sparki-storage:network": { cidrBlock: "10.0.0.0/8" } },
      `sparki-storage:network.cidrBlock ${VPC_CIDR_RULE_TEXT}, got "10.0.0.0/8"`],
    ["VPC CIDR too small to split into subnets", dev, { "sparki-storage:network": { cidrBlock: "10.40.0.0/25" } },
      `sparki-storage:network.cidrBlock ${VPC_CIDR_RULE_TEXT}, got "10.40.0.0/25"`],
    ["public VPC CIDR", dev, { "sparki-storage:network": { cidrBlock: "8.8.0.0/16" } },
      `sparki-storage:network.cidrBlock ${VPC_CIDR_RULE_TEXT}, got "8.8.0.0/16"`],
    ["shared address space is not RFC 1918", dev, { "sparki-storage:network": { cidrBlock: "100.64.0.0/16" } },
      `sparki-storage:network.cidrBlock ${VPC_CIDR_RULE_TEXT}, got "100.64.0.0/16"`],
    ["octet above 255", dev, { "sparki-storage:network": { cidrBlock: "10.400.0.0/16" } },
      `sparki-storage:network.cidrBlock ${VPC_CIDR_RULE_TEXT}, got "10.400.0.0/16"`],
    ["VPC CIDR with host bits", dev, { "sparki-storage:network": { cidrBlock: "10.40.1.0/16" } },
      'sparki-storage:network.cidrBlock must be a network address without host bits, such as 10.40.0.0/16, got "10.40.1.0/16"'],
    ["bad e-mail in a list", dev, { "sparki-storage:alerts": { warning: { emails: ["oncall"] } } },
      'sparki-storage:alerts.warning.emails.0 must be an email address, got "oncall"'],
    ["plain-http endpoint", dev, { "sparki-storage:alerts": { critical: { httpsEndpoints: ["http://pager.example"] } } },
      'sparki-storage:alerts.critical.httpsEndpoints.0 must be an https:// URL, got "http://pager.example"'],
    ["vpcId without subnets (cross-field)", dev, { "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0" } },
      "sparki-storage:network.privateSubnetIds must list the private subnets of network.vpcId, got nothing"],
    ["one subnet only (cross-field)", dev, { "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0"] } },
      'sparki-storage:network.privateSubnetIds must list at least 2 distinct subnets in different AZs (database and cache subnet groups span AZs), got ["subnet-0123456789abcdef0"]'],
    ["cidrBlock with an existing VPC (cross-field)", dev,
      { "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], cidrBlock: "10.1.0.0/16" } },
      'sparki-storage:network.cidrBlock only applies to a VPC this stack creates; remove it or remove network.vpcId, got "10.1.0.0/16"'],
    ["existing VPC without its zones (cross-field)", dev, { "sparki-storage:network": existingVpc },
      "sparki-storage:network.availabilityZones must list the zones of network.privateSubnetIds when network.vpcId is set (an existing VPC's zones cannot be guessed; replicas are placed by them), got nothing"],
    ["existing VPC with fewer zones than the prod profile needs (cross-field)", "prod", { "sparki-storage:network": { ...existingVpc, availabilityZones: ["eu-west-1a", "eu-west-1b"] } },
      'sparki-storage:network.availabilityZones must list at least 3 zones for profile "prod", got ["eu-west-1a","eu-west-1b"]'],
    ["endpoint security group without an existing VPC (cross-field)", dev, { "sparki-storage:network": { secretsManagerEndpointSecurityGroupId: "sg-0123456789abcdef0" } },
      'sparki-storage:network.secretsManagerEndpointSecurityGroupId only applies to an existing VPC (network.vpcId); a VPC this stack creates gets its own Secrets Manager endpoint, got "sg-0123456789abcdef0"'],
    ["the same e-mail twice (cross-field)", dev, { "sparki-storage:alerts": { warning: { emails: ["a@b.example", "a@b.example"] } } },
      'sparki-storage:alerts.warning.emails.1 must not repeat alerts.warning.emails.0 (compared ignoring case: one inbox): SNS would subscribe it twice and deliver every warning alarm twice, got "a@b.example"'],
    ["zone of another region (cross-field)", dev, { "sparki-storage:network": { availabilityZones: ["eu-west-1a", "us-east-1b"] } },
      'sparki-storage:network.availabilityZones.1 must be a zone of aws:region eu-west-1, got "us-east-1b"'],
    ["prod with two zones (cross-field with profile)", "prod", { "sparki-storage:network": { ...prodNetwork, availabilityZones: ["eu-west-1a", "eu-west-1b"] } },
      'sparki-storage:network.availabilityZones must list at least 3 zones for profile "prod", got ["eu-west-1a","eu-west-1b"]'],
    ["prod without a critical subscriber (cross-field)", "prod", { "sparki-storage:alerts": { warning: { emails: ["a@b.example"] } } },
      'sparki-storage:alerts.critical must have at least one email or https subscriber for profile "prod" (critical alarms would page nobody), got nothing'],
    ["prod stack on the dev profile (cross-field with stack name)", "prod", { "sparki-storage:profile": "dev" },
      'sparki-storage:profile must be "prod" for stack "prod": its name says production, which never runs unprotected (rename the stack if it is not production), got "dev"'],
    ["alarm period CloudWatch refuses", dev, { "sparki-storage:alerts": { evaluation: { warning: { periodSeconds: 45 } } } },
      "sparki-storage:alerts.evaluation.warning.periodSeconds must be 10, 30 or a multiple of 60 up to 86400 (seconds), got 45"],
    ["unknown evaluation key", dev, { "sparki-storage:alerts": { evaluation: { critical: { periods: 3 } } } },
      "sparki-storage:alerts.evaluation.critical.periods is not a known key (allowed: periodSeconds, evaluationPeriods, datapointsToAlarm)"],
    ["more datapoints than periods (cross-field with the defaults)", dev, { "sparki-storage:alerts": { evaluation: { critical: { datapointsToAlarm: 6 } } } },
      "sparki-storage:alerts.evaluation.critical.datapointsToAlarm must not exceed evaluationPeriods (5), got 6"],
    ["evaluation longer than a day (cross-field)", dev, { "sparki-storage:alerts": { evaluation: { warning: { periodSeconds: 3600, evaluationPeriods: 25 } } } },
      "sparki-storage:alerts.evaluation.warning.evaluationPeriods times periodSeconds (3600) must not exceed one day (86400 s, a CloudWatch limit), got 25"],
  ])("%s", (_case, stack, overrides, expected) => {
    expect(problemsOf(stack, overrides)).toContain(expected);
  });

  it("reports every problem at once", () => {
    expect(problemsOf(dev, { "sparki-storage:profile": "qa", "sparki-storage:accountId": "x" })).toEqual([
      'sparki-storage:profile must be one of "dev", "prod", got "qa"',
      'sparki-storage:accountId must be a 12-digit AWS account ID, got "x"',
    ]);
  });

  it("registers nothing when config is bad: the program throws before the first resource", async () => {
    const registered: string[] = [];
    const attempt = runWith(dev, { "sparki-storage:profile": "staging" }, (r) => registered.push(r.type));
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it.each([
    ["an existing VPC without zones", { "sparki-storage:network": existingVpc }],
    ["a public VPC CIDR", { "sparki-storage:network": { cidrBlock: "8.8.0.0/16" } }],
    ["a repeated subscriber", { "sparki-storage:alerts": { warning: { emails: ["a@b.example", "a@b.example"] } } }],
  ])("registers nothing for %s", async (_case, overrides) => {
    const registered: string[] = [];
    await expect(runWith(dev, overrides, (r) => registered.push(r.type))).rejects.toBeInstanceOf(ConfigError);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("accepts both real stack files as they are", () => {
    expect(load("dev", {}).project.profile).toBe("dev");
    expect(load("prod", {}).project.profile).toBe("prod");
  });
});

const stackNameProblem = (stack: string) =>
  `stack name "${stack}" cannot form AWS physical names (sparki-<stack>-postgres, S3 buckets, ElastiCache IDs): it must be 1-20 lowercase letters, digits or single hyphens, start with a letter and not end with a hyphen`;

describe("the stack name must be able to form AWS physical names", () => {
  it.each(["Dev", "feature_x", "dev-", "a--b", "1dev", "feature-branch-number-1"])("refuses %s", (stack) => {
    expect(() => loadConfig(stack, stackConfig(dev))).toThrow(ConfigError);
    try {
      loadConfig(stack, stackConfig(dev));
    } catch (error) {
      expect((error as ConfigError).problems).toContain(stackNameProblem(stack));
    }
  });

  it.each(["dev", "qa-2", "feature-branch-num-1"])("accepts %s", (stack) => {
    expect(loadConfig(stack, stackConfig(dev)).stack).toBe(stack);
  });

  it("registers nothing for such a stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sparki-stack-name-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    // Long enough to break the rule, short enough for every other one (bucket names, replication group ID).
    const stack = "feature-branch-number-1";
    copyFileSync(join(REPO_ROOT, "Pulumi.dev.yaml"), join(dir, `Pulumi.${stack}.yaml`));
    const registered: string[] = [];
    const failure = await runProgram({ stack, stackDir: dir, observe: (r) => registered.push(r.type) }).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([stackNameProblem(stack)]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("an existing VPC", () => {
  const clients = { "sparki-storage:postgres": { allowedCidrBlocks: ["10.60.0.0/16"] }, "sparki-storage:redis": { allowedCidrs: ["10.60.0.0/16"] } };

  it("takes its zones from network.availabilityZones, never guessed from the region", () => {
    const zones = ["eu-west-1b", "eu-west-1c", "eu-west-1a"];
    const config = load("prod", { ...clients, "sparki-storage:network": { ...existingVpc, availabilityZones: zones, secretsManagerEndpointSecurityGroupId: "sg-0123456789abcdef0" } });
    expect(resolveEnvironment(config).availabilityZones).toEqual(zones);
    expect(config.project.network.secretsManagerEndpointSecurityGroupId).toBe("sg-0123456789abcdef0");
  });
});

describe("values under secret keys never appear in messages", () => {
  it("says (secret) instead of the value when the key is secret", () => {
    const overrides = { "sparki-storage:alerts": { warning: { emails: [{ secure: "v1:ciphertext" }] } } };
    const { config, secretKeys } = stackConfigWithSecrets(dev, overrides);
    expect(secretKeys).toEqual(["sparki-storage:alerts"]);
    expect(() => loadConfig(dev, config, (key) => secretKeys.includes(key))).toThrow(
      new ConfigError(["sparki-storage:alerts.warning.emails.0 must be an email address, got (secret)"]));
  });

  it("learns which keys are secret from the engine (PULUMI_CONFIG_SECRET_KEYS), as the offline runner passes them", async () => {
    const overrides = { "sparki-storage:alerts": { critical: { emails: [{ secure: "v1:ciphertext" }] } } };
    const failure = await runWith(dev, overrides).then(() => undefined, (e: unknown) => e);
    expect((failure as ConfigError).problems).toEqual(["sparki-storage:alerts.critical.emails.0 must be an email address, got (secret)"]);
  });
});

describe("alerts.evaluation reaches every alarm of the stack", () => {
  it("overrides the critical evaluation of all critical alarms and leaves warnings on their defaults", async () => {
    const run = await runWith(dev, { "sparki-storage:alerts": { warning: { emails: ["a@b.example"] }, evaluation: { critical: { evaluationPeriods: 10, datapointsToAlarm: 4 } } } });
    const alarms = run.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    const bySeverity = (severity: string) => alarms.filter((a) => (a.inputs.tags as Record<string, string>).Severity === severity);
    expect(bySeverity("critical").length).toBeGreaterThan(10);
    for (const a of bySeverity("critical")) expect([a.inputs.evaluationPeriods, a.inputs.datapointsToAlarm], a.name).toEqual([10, 4]);
    for (const a of bySeverity("warning")) expect([a.inputs.evaluationPeriods, a.inputs.datapointsToAlarm], a.name).toEqual([3, 2]);
  });
});
