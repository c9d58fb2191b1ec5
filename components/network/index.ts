import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { subnetCidrs } from "./cidr";

export { subnetCidrs } from "./cidr";

/** Use a VPC that already exists (shared networking account, landing zone). */
export interface ExistingVpc {
  /** ID of the VPC. No default. */
  readonly vpcId: string;
  /** Private subnets in at least two AZs; database and cache subnet groups use them. No default. */
  readonly privateSubnetIds: readonly string[];
}

export interface NetworkArgs {
  /** An existing VPC; when absent the component creates an isolated one. Default: create. */
  readonly existing?: ExistingVpc;
  /** CIDR of a created VPC. Ignored with `existing`. Default: `10.40.0.0/16`. */
  readonly cidrBlock?: string;
  /**
   * Zones of a created VPC, one private subnet each, and where services place replicas.
   * No default: the caller knows the region.
   */
  readonly availabilityZones: readonly string[];
}

/**
 * Where the storage tier lives: private subnets only. A created VPC is isolated (no internet gateway, no NAT);
 * applications reach it through peering/Transit Gateway set up by the network team.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly availabilityZones: readonly string[];
  /** CIDR of a created VPC; undefined for an existing VPC (callers pass their own app CIDRs). */
  readonly cidrBlock?: string;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!args.existing && args.availabilityZones.length < 2) {
      throw new Error(`Network ${name}: availabilityZones must list at least 2 zones, got ${args.availabilityZones.length}`);
    }
    super("sparki:network:Network", name, {}, opts);
    this.availabilityZones = args.availabilityZones;
    if (args.existing) {
      this.vpcId = pulumi.output(args.existing.vpcId);
      this.privateSubnetIds = pulumi.output([...args.existing.privateSubnetIds]);
    } else {
      this.cidrBlock = args.cidrBlock ?? "10.40.0.0/16";
      const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
        cidrBlock: this.cidrBlock,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: `${name}-vpc` },
      }, { parent: this });
      // The default security group allows all traffic between its members: adopt it and strip every rule.
      new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: { Name: `${name}-default-deny` } }, { parent: this });
      const routes = new aws.ec2.RouteTable(`${name}-private`, { vpcId: vpc.id, tags: { Name: `${name}-private` } }, { parent: this });
      const cidrs = subnetCidrs(this.cidrBlock, args.availabilityZones.length);
      const subnets = args.availabilityZones.map((zone, i) => {
        const subnet = new aws.ec2.Subnet(`${name}-private-${zone}`, {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: cidrs[i],
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-private-${zone}`, Tier: "private" },
        }, { parent: this });
        new aws.ec2.RouteTableAssociation(`${name}-private-${zone}`, { subnetId: subnet.id, routeTableId: routes.id }, { parent: this });
        return subnet;
      });
      this.vpcId = vpc.id;
      this.privateSubnetIds = pulumi.all(subnets.map((s) => s.id));
    }
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds });
  }
}
