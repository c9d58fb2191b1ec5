import * as aws from "@pulumi/aws";
import { type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { fsbp } from "./lib/controls";
import { definitely, isAbsent, knownItems, read, valueOr } from "./lib/values";

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

export const launchTemplateImdsv2: ResourceValidationPolicy = {
  name: "ec2-170-launch-template-imdsv2",
  ...fsbp(["EC2.170"], "Launch templates require IMDSv2: metadataOptions.httpTokens is \"required\".", "low",
    "Set metadataOptions: { httpEndpoint: \"enabled\", httpTokens: \"required\" } (components/embedded-kv does, with a hop limit of 2 for containers)."),
  validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (template, _args, report) => {
    const tokens = read(() => template.metadataOptions?.httpTokens);
    if (tokens.known && tokens.value !== "required") {
      report(`metadataOptions.httpTokens is ${tokens.value === undefined ? "not set" : `"${tokens.value}"`}: instances launched from the template would answer `
        + "IMDSv1 requests, so a server-side request forgery could read the instance role's credentials. Set it to \"required\".");
    }
  }),
};

/** AWS-managed keys: usable, but not the environment's customer key. */
const AWS_MANAGED_KEY = /^(alias\/)?aws\//;

export const launchTemplateEbsEncryption: ResourceValidationPolicy = {
  name: "ec2-181-launch-template-ebs-encryption",
  ...fsbp(["EC2.181"], "Launch templates encrypt every EBS volume they create, with the customer KMS key (encrypted \"true\" and kmsKeyId).", "medium",
    "Set ebs.encrypted: \"true\" and ebs.kmsKeyId to the environment's key on every block device mapping (the launching role needs the key: components/embedded-kv outputs that policy)."),
  validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (template, _args, report) => {
    knownItems(() => template.blockDeviceMappings).forEach((mapping, i) => {
      // Ephemeral (virtualName) and suppressed (noDevice) mappings create no EBS volume; a volume from a snapshot inherits its encryption.
      if (isAbsent(() => mapping.ebs) || !isAbsent(() => mapping.ebs?.snapshotId)) return;
      const device = valueOr(() => mapping.deviceName, undefined) ?? `block device ${i}`;
      // A string in @pulumi/aws 7 ("true"/"false"); a boolean is accepted as well.
      const encrypted = read(() => mapping.ebs?.encrypted as string | boolean | undefined);
      if (encrypted.known && encrypted.value !== "true" && encrypted.value !== true) {
        report(`${device}: ebs.encrypted is ${encrypted.value === undefined ? "not set" : `"${String(encrypted.value)}"`}: the volume would be created unencrypted unless the account encrypts by default. Set it to "true".`);
      }
      const key = read(() => mapping.ebs?.kmsKeyId);
      if (key.known && (key.value === undefined || key.value === "")) {
        report(`${device}: ebs.kmsKeyId is not set: the volume would use the AWS-managed aws/ebs key instead of the environment's customer key.`);
      } else if (key.known && AWS_MANAGED_KEY.test(key.value!)) {
        report(`${device}: ebs.kmsKeyId is the AWS-managed ${key.value}: use the environment's customer key.`);
      }
    });
  }),
};

export const EC2_POLICIES = [ec2VpcFlowLogs, launchTemplateImdsv2, launchTemplateEbsEncryption];
