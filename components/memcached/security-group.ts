import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { portSecurityGroup } from "../common/port-security-group";

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
  return portSecurityGroup(name, {
    ...args,
    description: `Memcached ${args.clusterId}: TCP ${args.port} from the named clients only`,
    nameTag: `${args.clusterId}-memcache`,
    ruleDescriptions: { cidrs: "Memcached (plaintext, named exception) from client CIDRs", securityGroups: "Memcached (plaintext, named exception) from client security groups" },
  }, parent);
}
