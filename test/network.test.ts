import { describe, expect, it } from "vitest";
import { Network, type NetworkArgs } from "../components/network";
import { runProgram } from "../scripts/offline/run-program";

const scope = { accountId: "123456789012", region: "eu-west-1" };
const zones = ["eu-west-1a", "eu-west-1b"];

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
  ] as const)("%s", async (_case, change, message) => {
    const { error, registered } = await build({ ...scope, availabilityZones: zones, ...change });
    expect(error?.message).toBe(message);
    expect(registered).toEqual([]);
  });
});

describe("Network with an existing VPC", () => {
  it("creates nothing and hands on the VPC, its subnets, its zones and the named endpoint group", async () => {
    const { run, registered } = await build({
      ...scope, availabilityZones: ["eu-west-1c", "eu-west-1a"],
      existing: { vpcId: "vpc-1", privateSubnetIds: ["subnet-1", "subnet-2"], secretsManagerEndpointSecurityGroupId: "sg-1" },
    });
    expect(registered).toEqual(["sparki:network:Network"]);
    expect(run?.outputs).toEqual({ vpcId: "vpc-1", privateSubnetIds: ["subnet-1", "subnet-2"], zones: ["eu-west-1c", "eu-west-1a"], endpointGroup: "sg-1" });
  });
});
