import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** A security group that opens one TCP port to named client sources and nothing else. */
export interface PortSecurityGroupArgs {
  /** VPC of the security group. No default. */
  readonly vpcId: pulumi.Input<string>;
  /** The TCP port, the only one opened. No default. */
  readonly port: number;
  /** Private IPv4 CIDRs allowed to the port; none adds no CIDR rule. No default. */
  readonly allowedCidrs: readonly string[];
  /** Security groups allowed to the port; none adds no group rule. No default. */
  readonly allowedSecurityGroupIds: readonly pulumi.Input<string>[];
  /** The group's description (AWS replaces a group whose description changes). No default. */
  readonly description: string;
  /** The `Name` tag. No default. */
  readonly nameTag: string;
  /** Descriptions of the CIDR rule and the security-group rule. No default. */
  readonly ruleDescriptions: { readonly cidrs: string; readonly securityGroups: string };
}

/**
 * `<name>-sg`: inbound TCP on the port from the named sources only, no outbound rule (`egress: []` removes AWS's
 * allow-all default), for services that never call out (ElastiCache).
 */
export function portSecurityGroup(name: string, args: PortSecurityGroupArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
  const tcp = { protocol: "tcp", fromPort: args.port, toPort: args.port };
  const ingress = [
    ...(args.allowedCidrs.length > 0 ? [{ ...tcp, cidrBlocks: [...args.allowedCidrs], description: args.ruleDescriptions.cidrs }] : []),
    ...(args.allowedSecurityGroupIds.length > 0 ? [{ ...tcp, securityGroups: [...args.allowedSecurityGroupIds], description: args.ruleDescriptions.securityGroups }] : []),
  ];
  return new aws.ec2.SecurityGroup(`${name}-sg`, {
    vpcId: args.vpcId,
    description: args.description,
    ingress,
    egress: [],
    tags: { Name: args.nameTag },
  }, { parent });
}
