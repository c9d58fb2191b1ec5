import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { EC2_POLICIES, ec2VpcFlowLogs } from "../policy/ec2";
import { checkStack, pulumiType, type StackInput, UNKNOWN } from "./policy-harness";

const VPC = pulumiType(aws.ec2.Vpc);
const FLOW_LOG = pulumiType(aws.ec2.FlowLog);
const SUBNET = pulumiType(aws.ec2.Subnet);

const vpc = (name = "sparki-dev-network-vpc", props: Record<string, unknown> = {}): StackInput => ({
  type: VPC, name, props: { cidrBlock: "10.40.0.0/16", tags: { Name: name }, ...props },
});

/** A flow log of all traffic to CloudWatch Logs; `vpcId` and links to the VPC vary per case. */
const flowLog = (props: Record<string, unknown> = {}, links: Partial<StackInput> = {}): StackInput => ({
  type: FLOW_LOG, name: "sparki-dev-network-flow-log",
  props: {
    vpcId: "vpc-0a1b2c3d4e5f60000", trafficType: "ALL", logDestinationType: "cloud-watch-logs",
    logDestination: "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/vpc-flow-logs/sparki-dev-network",
    iamRoleArn: "arn:aws:iam::111111111111:role/sparki-dev-network-flow-logs", maxAggregationInterval: 600, ...props,
  },
  ...links,
});

const missing = (name = "sparki-dev-network-vpc") =>
  `VPC ${name} has no flow log with trafficType ALL or REJECT: traffic to and from its network interfaces (rejected connection attempts included) would leave no record to investigate.`;

describe("ec2-6-vpc-flow-logs", () => {
  it("passes a VPC whose flow log's vpcId was computed from it (the engine's property dependencies)", async () => {
    const outcome = await checkStack(ec2VpcFlowLogs, [vpc(), flowLog({ vpcId: UNKNOWN }, { propertyDependencies: { vpcId: ["sparki-dev-network-vpc"] } })]);
    expect(outcome).toMatchObject({ violations: [] });
    expect(outcome.notApplicable).toBeUndefined();
  });

  it("passes a VPC whose id the flow log names, and one the flow log depends on when no per-property links exist", async () => {
    expect(await checkStack(ec2VpcFlowLogs, [vpc("v", { id: "vpc-0a1b2c3d4e5f60000" }), flowLog()])).toMatchObject({ violations: [] });
    expect(await checkStack(ec2VpcFlowLogs, [vpc(), flowLog({}, { dependsOnNames: ["sparki-dev-network-vpc"] })])).toMatchObject({ violations: [] });
  });

  it("accepts REJECT, the traffic type EC2.6 asks for at least", async () => {
    const links = { propertyDependencies: { vpcId: ["sparki-dev-network-vpc"] } };
    expect(await checkStack(ec2VpcFlowLogs, [vpc(), flowLog({ trafficType: "REJECT" }, links)])).toMatchObject({ violations: [] });
  });

  it("reports a VPC without any flow log, naming the VPC's URN (the counterexample)", async () => {
    const outcome = await checkStack(ec2VpcFlowLogs, [vpc()]);
    expect(outcome.violations).toEqual([missing()]);
    expect(outcome.urns).toEqual(["urn:pulumi:test::sparki-storage::aws:ec2/vpc:Vpc::sparki-dev-network-vpc"]);
  });

  it("reports a VPC whose only flow log records accepted traffic only", async () => {
    const links = { propertyDependencies: { vpcId: ["sparki-dev-network-vpc"] } };
    expect((await checkStack(ec2VpcFlowLogs, [vpc(), flowLog({ trafficType: "ACCEPT" }, links)])).violations).toEqual([missing()]);
  });

  it("reports a VPC when the only flow log watches another VPC, a subnet, or nothing it can be linked to", async () => {
    const ours = vpc("ours", { id: "vpc-00000000000000001" });
    const other = vpc("other", { id: "vpc-00000000000000002" });
    const onOther = flowLog({ vpcId: "vpc-00000000000000002" });
    expect((await checkStack(ec2VpcFlowLogs, [ours, other, onOther])).violations).toEqual([missing("ours")]);
    const subnetOnly = flowLog({ vpcId: undefined, subnetId: "subnet-1" }, { dependsOnNames: ["ours"] });
    expect((await checkStack(ec2VpcFlowLogs, [ours, { type: SUBNET, name: "s", props: { vpcId: "vpc-00000000000000001" } }, subnetOnly])).violations)
      .toEqual([missing("ours")]);
    // Known vpcId of a VPC outside the stack, no id on ours, no dependency: not ours.
    expect((await checkStack(ec2VpcFlowLogs, [vpc(), flowLog({ vpcId: "vpc-0fffffffffffffff0" })])).violations).toEqual([missing()]);
  });

  it("reports each VPC without a flow log, not the ones with one", async () => {
    const outcome = await checkStack(ec2VpcFlowLogs, [
      vpc("a", { id: "vpc-0000000000000000a" }), vpc("b", { id: "vpc-0000000000000000b" }), flowLog({ vpcId: "vpc-0000000000000000a" }),
    ]);
    expect(outcome.violations).toEqual([missing("b")]);
  });

  it("does not accuse during preview when the flow log's VPC or traffic type is not known yet", async () => {
    const links = { propertyDependencies: { vpcId: ["sparki-dev-network-vpc"] } };
    for (const inputs of [[vpc(), flowLog({ vpcId: UNKNOWN })], [vpc(), flowLog({ trafficType: UNKNOWN }, links)]]) {
      const outcome = await checkStack(ec2VpcFlowLogs, inputs);
      expect(outcome.violations).toEqual([]);
      expect(outcome.unknownError).toBeUndefined();
    }
    // Unknowns on the VPC itself neither crash the policy nor hide a missing flow log.
    const outcome = await checkStack(ec2VpcFlowLogs, [vpc("v", { id: UNKNOWN, tags: UNKNOWN })]);
    expect(outcome.violations).toEqual([missing("v")]);
    expect(outcome.unknownError).toBeUndefined();
  });

  it("is not applicable without a VPC of the stack's own (an existing VPC's flow logs belong to its owner)", async () => {
    expect((await checkStack(ec2VpcFlowLogs, [flowLog()])).notApplicable).toBe("no VPC created by this stack");
    expect((await checkStack(ec2VpcFlowLogs, [])).notApplicable).toBe("no VPC created by this stack");
  });
});

it("every EC2 policy has cases here or, for launch templates, in test/policy-embedded-kv.test.ts", () => {
  expect(EC2_POLICIES.map((p) => p.name)).toEqual([ec2VpcFlowLogs.name, "ec2-170-launch-template-imdsv2", "ec2-181-launch-template-ebs-encryption"]);
});
