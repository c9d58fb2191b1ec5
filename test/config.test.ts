import { describe, expect, it } from "vitest";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { stackConfig } from "../scripts/offline/stack-files";
import { runWith } from "./harness";

/** Loads a real stack file with overrides, as the program would. */
function load(stack: string, overrides: Record<string, unknown>) {
  return loadConfig(stack, stackConfig(stack, overrides));
}

function problemOf(stack: string, overrides: Record<string, unknown>): string {
  try {
    load(stack, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const dev = "dev";
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
      'sparki-storage:netwrok is not a known key (did you mean "network"?) (allowed: profile, accountId, '],
    ["unknown nested key (typo)", dev, { "sparki-storage:network": { cidrBlok: "10.0.0.0/16" } },
      'sparki-storage:network.cidrBlok is not a known key (did you mean "cidrBlock"?) (allowed: vpcId, privateSubnetIds, cidrBlock, availabilityZones)'],
    ["typo of the first allowed key", dev, { "sparki-storage:network": { vpcID: "vpc-0123456789abcdef0" } },
      'sparki-storage:network.vpcID is not a known key (did you mean "vpcId"?)'],
    ["bad CIDR", dev, { "sparki-storage:network": { cidrBlock: "10.0.0.0/8" } },
      'sparki-storage:network.cidrBlock must be an IPv4 CIDR block from /16 to /28, got "10.0.0.0/8"'],
    ["bad e-mail in a list", dev, { "sparki-storage:alerts": { warning: { emails: ["oncall"] } } },
      'sparki-storage:alerts.warning.emails.0 must be an email address, got "oncall"'],
    ["plain-http endpoint", dev, { "sparki-storage:alerts": { critical: { httpsEndpoints: ["http://pager.example"] } } },
      'sparki-storage:alerts.critical.httpsEndpoints.0 must be an https:// URL, got "http://pager.example"'],
    ["vpcId without subnets (cross-field)", dev, { "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0" } },
      "sparki-storage:network.privateSubnetIds must list the private subnets of network.vpcId, got nothing"],
    ["one subnet only (cross-field)", dev, { "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0"] } },
      "sparki-storage:network.privateSubnetIds must list at least 2 distinct subnets"],
    ["cidrBlock with an existing VPC (cross-field)", dev,
      { "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], cidrBlock: "10.1.0.0/16" } },
      "sparki-storage:network.cidrBlock only applies to a VPC this stack creates"],
    ["zone of another region (cross-field)", dev, { "sparki-storage:network": { availabilityZones: ["eu-west-1a", "us-east-1b"] } },
      'sparki-storage:network.availabilityZones.1 must be a zone of aws:region eu-west-1, got "us-east-1b"'],
    ["prod with two zones (cross-field with profile)", "prod", { "sparki-storage:network": { ...prodNetwork, availabilityZones: ["eu-west-1a", "eu-west-1b"] } },
      'sparki-storage:network.availabilityZones must list at least 3 zones for profile "prod"'],
    ["prod without a critical subscriber (cross-field)", "prod", { "sparki-storage:alerts": { warning: { emails: ["a@b.example"] } } },
      'sparki-storage:alerts.critical must have at least one email or https subscriber for profile "prod"'],
    ["prod stack on the dev profile (cross-field with stack name)", "prod", { "sparki-storage:profile": "dev" },
      'sparki-storage:profile must be "prod" for stack "prod"'],
  ])("%s", (_case, stack, overrides, expected) => {
    expect(problemOf(stack, overrides)).toContain(expected);
  });

  it("reports every problem at once", () => {
    const message = problemOf(dev, { "sparki-storage:profile": "qa", "sparki-storage:accountId": "x" });
    expect(message).toContain("sparki-storage:profile");
    expect(message).toContain("sparki-storage:accountId");
  });

  it("registers nothing when config is bad: the program throws before the first resource", async () => {
    const registered: string[] = [];
    const attempt = runWith(dev, { "sparki-storage:profile": "staging" }, (r) => registered.push(r.type));
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("accepts both real stack files as they are", () => {
    expect(load("dev", {}).project.profile).toBe("dev");
    expect(load("prod", {}).project.profile).toBe("prod");
  });
});
