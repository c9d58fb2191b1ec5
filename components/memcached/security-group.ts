import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export interface MemcachedSecurityGroupArgs {
  /** Cluster ID, named in the description and the `Name` tag (`<id>-memcache`). No default. */
  readonly clusterId: string;
  readonly vpcId: pulumi.Input<string>;
  /** The Memcached port, the only one opened. No default. */
  readonly port: number;
  /** Private IPv4 CIDRs allowed to the port; none adds no CIDR rule. No default. */
  readonly allowedCidrs: readonly string[];
  /** Security groups allowed to the port; none adds no group rule. No default. */
  readonly allowedSecurityGroupIds: readonly pulumi.Input<string>[];
}

/**
 * The cluster's only access control (Memcached has no AUTH): inbound TCP on the Memcached port from the named
 * client sources only, no UDP, no outbound rule (memcached never calls out).
 */
export function memcachedSecurityGroup(name: string, args: MemcachedSecurityGroupArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
  const tcp = { protocol: "tcp", fromPort: args.port, toPort: args.port };
  const ingress = [
    ...(args.allowedCidrs.length > 0 ? [{ ...tcp, cidrBlocks: [...args.allowedCidrs], description: "Memcached (plaintext, named exception) from client CIDRs" }] : []),
    ...(args.allowedSecurityGroupIds.length > 0 ? [{ ...tcp, securityGroups: [...args.allowedSecurityGroupIds], description: "Memcached (plaintext, named exception) from client security groups" }] : []),
  ];
  return new aws.ec2.SecurityGroup(`${name}-sg`, {
    vpcId: args.vpcId,
    description: `Memcached ${args.clusterId}: TCP ${args.port} from the named clients only`,
    ingress,
    egress: [],
    tags: { Name: `${args.clusterId}-memcache` },
  }, { parent });
}
