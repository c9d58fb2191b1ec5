import { describe, expect, it } from "vitest";
import { Network, type NetworkArgs } from "../components/network";
import { runProgram } from "../scripts/offline/run-program";

const scope = { accountId: "123456789012", region: "eu-west-1" };
const zones = ["eu-west-1a", "eu-west-1b"];
const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Runs one Network and returns what it registered, or the error it threw. */
async function build(args: NetworkArgs) {
  const registered: string[] = [];
  const program = () => {
    const network = new Network("sparki-test-network", args);
    return { vpcId: network.vpcId, privateSubnetIds: network.privateSubnetIds, zones: network.availabilityZones, endpointGroup: network.secretsManagerEndpointSecurityGroupId };
  };
  const outcome = await runProgram({ stack: "dev", program, observe: (r) => registered.push(r.type) })
    .then((run) => ({ run, error: undefined }), (error: unknown) => ({ run: undefined, error: error as Error }));
  return { ...outcome, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

describe("Network refuses bad arguments before registering anything", () => {
  it.each([
    ["a public CIDR", { cidrBlock: "52.0.0.0/16" },
      "Network sparki-test-network: cidrBlock must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /16 to /24, such as 10.40.0.0/16, got 52.0.0.0/16"],
    ["a CIDR too small for a subnet per zone", { cidrBlock: "10.40.0.0/25" },
      "Network sparki-test-network: cidrBlock must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /16 to /24, such as 10.40.0.0/16, got 10.40.0.0/25"],
    ["host bits", { cidrBlock: "10.40.8.0/16" },
      "Network sparki-test-network: cidrBlock must be a network address without host bits, such as 10.40.0.0/16, got 10.40.8.0/16"],
    ["one zone", { availabilityZones: ["eu-west-1a"] },
      "Network sparki-test-network: availabilityZones must list at least 2 zones, got 1"],
    ["a repeated zone", { availabilityZones: ["eu-west-1a", "eu-west-1a"] },
      "Network sparki-test-network: availabilityZones must not repeat a zone, got eu-west-1a, eu-west-1a"],
    ["an existing VPC with one subnet", { existing: { vpcId: "vpc-1", privateSubnetIds: ["subnet-1", "subnet-1"] } },
      "Network sparki-test-network: existing.privateSubnetIds must list at least 2 distinct subnets"],
    ["a created VPC without a key for its flow logs", { kmsKeyArn: undefined },
      "Network sparki-test-network: kmsKeyArn is required for a created VPC: it encrypts the flow-log group"],
    ["a flow-log retention CloudWatch Logs refuses", { flowLogRetentionDays: 10 },
      "Network sparki-test-network: flowLogRetentionDays must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days), got 10"],
  ] as const)("%s", async (_case, change, message) => {
    const { error, registered } = await build({ ...scope, availabilityZones: zones, kmsKeyArn, ...change });
    expect(error?.message).toBe(message);
    expect(registered).toEqual([]);
  });
});

describe("Network with an existing VPC", () => {
  it("creates nothing (no flow logs either: the VPC's owner runs them) and hands on the VPC, its subnets, its zones and the named endpoint group", async () => {
    const { run, registered } = await build({
      ...scope, availabilityZones: ["eu-west-1c", "eu-west-1a"], kmsKeyArn, flowLogRetentionDays: 365,
      existing: { vpcId: "vpc-1", privateSubnetIds: ["subnet-1", "subnet-2"], secretsManagerEndpointSecurityGroupId: "sg-1" },
    });
    expect(registered).toEqual(["sparki:network:Network"]);
    expect(run?.outputs).toEqual({ vpcId: "vpc-1", privateSubnetIds: ["subnet-1", "subnet-2"], zones: ["eu-west-1c", "eu-west-1a"], endpointGroup: "sg-1" });
  });
});

describe("Network with a created VPC", () => {
  it("logs the VPC's traffic to a group with the given key and retention, 7 days without one", async () => {
    const flowLogGroup = async (flowLogRetentionDays?: number) => {
      const { run, error } = await build({ ...scope, availabilityZones: zones, kmsKeyArn, flowLogRetentionDays });
      expect(error).toBeUndefined();
      return run!.resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup").map((r) => r.inputs);
    };
    expect(await flowLogGroup(30)).toEqual([{ name: "/aws/vpc-flow-logs/sparki-test-network", retentionInDays: 30, kmsKeyId: kmsKeyArn }]);
    expect(await flowLogGroup()).toEqual([{ name: "/aws/vpc-flow-logs/sparki-test-network", retentionInDays: 7, kmsKeyId: kmsKeyArn }]);
  });
});
