import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { fsbp } from "./lib/controls";
import { definitely, read } from "./lib/values";

/** Traffic types that record rejected packets, which EC2.6 asks for (ALL includes them). */
const REJECTS_CAPTURED = ["ALL", "REJECT"];

/** Which VPC of the stack a flow log watches: a Vpc resource, "unknown" (preview), or "none" (another resource or VPC). */
type VpcRef = PolicyResource | "unknown" | "none";

/**
 * Finds the VPC a flow log's `vpcId` names. The engine records which resources a property was computed from
 * (propertyDependencies), which works in preview when the ID itself is still unknown; otherwise a known ID is
 * matched against the VPCs' `id`, and where neither answers (no per-property dependencies recorded, no `id` among
 * the VPC's properties) a flow log that depends on exactly one VPC watches that one.
 */
function vpcOf(flowLog: PolicyResource, vpcs: readonly PolicyResource[]): VpcRef {
  const computedFrom = (flowLog.propertyDependencies?.vpcId ?? []).filter((d) => d.isType(aws.ec2.Vpc));
  if (computedFrom.length === 1) return computedFrom[0];
  const vpcId = read(() => flowLog.asType(aws.ec2.FlowLog)?.vpcId as unknown);
  // A subnet, network interface or transit gateway flow log does not log the whole VPC.
  if (vpcId.known && (vpcId.value === undefined || vpcId.value === null || vpcId.value === "")) return "none";
  if (vpcId.known) {
    const byId = vpcs.find((v) => definitely(() => v.props.id === vpcId.value));
    if (byId) return byId;
  }
  const dependedOn = flowLog.dependencies.filter((d) => d.isType(aws.ec2.Vpc));
  if (dependedOn.length === 1) return dependedOn[0];
  return vpcId.known ? "none" : "unknown";
}

/** How a VPC is named in messages: its Name tag, else its logical name. */
function describeVpc(vpc: PolicyResource): string {
  const name = read(() => vpc.asType(aws.ec2.Vpc)?.tags?.Name as unknown);
  return name.known && typeof name.value === "string" && name.value !== "" ? name.value : vpc.name;
}

export const ec2VpcFlowLogs: StackValidationPolicy = {
  name: "ec2-6-vpc-flow-logs",
  ...fsbp(["EC2.6"], "Every VPC the stack creates has a flow log that records at least rejected traffic.", "medium",
    "Add an aws.ec2.FlowLog with vpcId set to the VPC and trafficType ALL or REJECT (components/network does so for the VPC it creates)."),
  validateStack: (args, report) => {
    const vpcs = args.resources.filter((r) => r.isType(aws.ec2.Vpc));
    // An existing VPC is not a resource of the stack: the network team that owns it runs its flow logs.
    if (vpcs.length === 0) args.notApplicable("no VPC created by this stack");
    const watching = args.resources
      .filter((r) => r.isType(aws.ec2.FlowLog))
      // Unknown traffic types count: an unknown value never proves a violation.
      .filter((f) => !definitely(() => !REJECTS_CAPTURED.includes(f.asType(aws.ec2.FlowLog)?.trafficType as string)))
      .map((f) => vpcOf(f, vpcs));
    for (const vpc of vpcs) {
      if (watching.includes(vpc) || watching.includes("unknown")) continue;
      report(`VPC ${describeVpc(vpc)} has no flow log with trafficType ALL or REJECT: traffic to and from its network interfaces `
        + "(rejected connection attempts included) would leave no record to investigate.", vpc.urn);
    }
  },
};

export const EC2_POLICIES = [ec2VpcFlowLogs];
