import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountScope } from "../common/aws";
import { privateCidrProblem, VPC_CIDR_RULE } from "../common/cidr";
import { logRetentionProblem } from "../common/log-retention";
import { subnetCidrs } from "./cidr";
import { secretsManagerEndpointPolicy } from "./endpoint-policy";
import { vpcFlowLog } from "./flow-logs";

export { subnetCidrs } from "./cidr";
export { secretsManagerEndpointPolicy } from "./endpoint-policy";
export {
  FLOW_LOG_MAX_AGGREGATION_SECONDS, FLOW_LOGS_SERVICE, flowLogGroupName, flowLogPublishPolicy, flowLogTrustPolicy, logGroupPolicyArn,
} from "./flow-logs";

/** CIDR of a created VPC when none is given. */
export const DEFAULT_VPC_CIDR = "10.40.0.0/16";

/** Use a VPC that already exists (shared networking account, landing zone). */
export interface ExistingVpc {
  /** ID of the VPC. No default. */
  readonly vpcId: string;
  /** Private subnets in at least two AZs; database and cache subnet groups use them. No default. */
  readonly privateSubnetIds: readonly string[];
  /**
   * Security group of the VPC's Secrets Manager interface endpoint, which clients (the PostgreSQL admin secret's
   * rotation function) may then reach on 443 and nothing else. Default: none: the VPC must reach Secrets Manager some other way (a NAT gateway), and
   * clients get 443 to anywhere.
   */
  readonly secretsManagerEndpointSecurityGroupId?: string;
}

export interface NetworkArgs extends AccountScope {
  /** An existing VPC; when absent the component creates an isolated one. Default: create. */
  readonly existing?: ExistingVpc;
  /** CIDR of a created VPC: RFC 1918, /16 to /24, a network address. Ignored with `existing`. Default: `10.40.0.0/16`. */
  readonly cidrBlock?: string;
  /**
   * Zones, at least 2, no repeats: a created VPC gets one private subnet in each; services place replicas by
   * them (for an existing VPC they must be the zones of its private subnets). No default: the caller knows.
   */
  readonly availabilityZones: readonly string[];
  /**
   * Customer KMS key ARN that encrypts a created VPC's flow-log group; its key policy must let
   * `logs.<region>.amazonaws.com` use it for this account's log groups (components/kms does). Ignored with
   * `existing`. No default: required for a created VPC.
   */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /**
   * Retention of a created VPC's flow-log group, days: a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, ...).
   * Ignored with `existing`. Default: 7 days.
   */
  readonly flowLogRetentionDays?: number;
}

/**
 * Where the storage tier lives: private subnets only. A created VPC is isolated (no internet gateway, no NAT);
 * applications reach it through peering/Transit Gateway set up by the network team. Its only way to an AWS API
 * is an interface endpoint for Secrets Manager, which the PostgreSQL admin secret's rotation function calls.
 *
 * A created VPC has a flow log of all its traffic (FSBP EC2.6) in a KMS-encrypted log group that ages out after
 * `flowLogRetentionDays`, written by a role the flow logs service may assume for this account only. An existing VPC
 * gets none from here: the network team that owns it runs its flow logs.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly availabilityZones: readonly string[];
  /** CIDR of a created VPC; undefined for an existing VPC (callers pass their own app CIDRs). */
  readonly cidrBlock?: string;
  /**
   * Security group of the Secrets Manager endpoint clients may send 443 to: the created one, or the one named
   * for an existing VPC; undefined when an existing VPC names none.
   */
  readonly secretsManagerEndpointSecurityGroupId?: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    const subnetPlan = planSubnets(name, args);
    super("sparki:network:Network", name, {}, opts);
    this.availabilityZones = args.availabilityZones;
    if (args.existing) {
      this.vpcId = pulumi.output(args.existing.vpcId);
      this.privateSubnetIds = pulumi.output([...args.existing.privateSubnetIds]);
      const endpointGroup = args.existing.secretsManagerEndpointSecurityGroupId;
      this.secretsManagerEndpointSecurityGroupId = endpointGroup === undefined ? undefined : pulumi.output(endpointGroup);
    } else {
      this.cidrBlock = subnetPlan.cidrBlock;
      const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
        cidrBlock: this.cidrBlock,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: `${name}-vpc` },
      }, { parent: this });
      // The default security group allows all traffic between its members: adopt it and strip every rule.
      new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: { Name: `${name}-default-deny` } }, { parent: this });
      const routes = new aws.ec2.RouteTable(`${name}-private`, { vpcId: vpc.id, tags: { Name: `${name}-private` } }, { parent: this });
      const subnets = args.availabilityZones.map((zone, i) => {
        const subnet = new aws.ec2.Subnet(`${name}-private-${zone}`, {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: subnetPlan.subnets[i],
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-private-${zone}`, Tier: "private" },
        }, { parent: this });
        new aws.ec2.RouteTableAssociation(`${name}-private-${zone}`, { subnetId: subnet.id, routeTableId: routes.id }, { parent: this });
        return subnet;
      });
      this.vpcId = vpc.id;
      this.privateSubnetIds = pulumi.all(subnets.map((s) => s.id));
      this.secretsManagerEndpointSecurityGroupId = this.secretsManagerEndpoint(name, args, vpc.id, this.cidrBlock, subnets.map((s) => s.id)).id;
      vpcFlowLog(name, { accountId: args.accountId, region: args.region, vpcId: vpc.id, ...subnetPlan.flowLog! }, this);
    }
    this.registerOutputs({
      vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, secretsManagerEndpointSecurityGroupId: this.secretsManagerEndpointSecurityGroupId,
    });
  }

  /**
   * The PostgreSQL admin secret's rotation function runs in the VPC and calls Secrets Manager, which an isolated
   * VPC cannot reach: an interface endpoint with private DNS makes `secretsmanager.<region>.amazonaws.com` resolve
   * to addresses in the private subnets. KMS needs no endpoint: Secrets Manager decrypts the secret itself (kms:ViaService), server-side.
   */
  private secretsManagerEndpoint(name: string, args: NetworkArgs, vpcId: pulumi.Output<string>, cidrBlock: string, subnetIds: pulumi.Output<string>[]): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup(`${name}-secretsmanager-endpoint`, {
      vpcId,
      description: "Secrets Manager interface endpoint: HTTPS from inside the VPC",
      tags: { Name: `${name}-secretsmanager-endpoint` },
    }, { parent: this });
    new aws.vpc.SecurityGroupIngressRule(`${name}-secretsmanager-endpoint-https`, {
      securityGroupId: group.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: cidrBlock, description: "HTTPS from the VPC",
    }, { parent: this });
    new aws.ec2.VpcEndpoint(`${name}-secretsmanager`, {
      vpcId,
      serviceName: `com.amazonaws.${args.region}.secretsmanager`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds,
      securityGroupIds: [group.id],
      policy: JSON.stringify(secretsManagerEndpointPolicy(args)),
      tags: { Name: `${name}-secretsmanager` },
    }, { parent: this });
    return group;
  }
}

/** Checks the arguments and computes a created VPC's subnets and flow-log settings, before anything is registered. */
function planSubnets(name: string, args: NetworkArgs): {
  cidrBlock: string; subnets: string[]; flowLog?: { kmsKeyArn: pulumi.Input<string>; retentionDays: number };
} {
  const fail = (message: string): never => { throw new Error(`Network ${name}: ${message}`); };
  const zones = args.availabilityZones;
  if (zones.length < 2) fail(`availabilityZones must list at least 2 zones, got ${zones.length}`);
  if (new Set(zones).size !== zones.length) fail(`availabilityZones must not repeat a zone, got ${zones.join(", ")}`);
  if (args.existing) {
    if (new Set(args.existing.privateSubnetIds).size < 2) fail("existing.privateSubnetIds must list at least 2 distinct subnets");
    return { cidrBlock: "", subnets: [] };
  }
  const cidrBlock = args.cidrBlock ?? DEFAULT_VPC_CIDR;
  const problem = privateCidrProblem(cidrBlock, VPC_CIDR_RULE);
  if (problem) fail(`cidrBlock ${problem}, got ${cidrBlock}`);
  let subnets: string[] = [];
  try {
    subnets = subnetCidrs(cidrBlock, zones.length);
  } catch (error) {
    fail((error as Error).message);
  }
  const kmsKeyArn = args.kmsKeyArn ?? fail("kmsKeyArn is required for a created VPC: it encrypts the flow-log group");
  const retentionDays = args.flowLogRetentionDays ?? 7;
  const retention = logRetentionProblem(retentionDays);
  if (retention) fail(`flowLogRetentionDays ${retention}, got ${retentionDays}`);
  return { cidrBlock, subnets, flowLog: { kmsKeyArn, retentionDays } };
}
