import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { portSecurityGroup } from "../common/port-security-group";

export interface CacheSecurityGroupArgs {
  /** Replication group ID, named in the description and the `Name` tag (`<id>-cache`). No default. */
  readonly replicationGroupId: string;
  /** VPC of the security group. No default. */
  readonly vpcId: pulumi.Input<string>;
  /** The cache's TCP port, the only one opened. No default. */
  readonly port: number;
  /** Private IPv4 CIDRs allowed to the port; none adds no CIDR rule. No default. */
  readonly allowedCidrs: readonly string[];
  /** Security groups allowed to the port; none adds no group rule. No default. */
  readonly allowedSecurityGroupIds: readonly pulumi.Input<string>[];
}

/** Inbound on the TLS port from the named application sources only; no outbound rule (the cache never calls out). */
export function cacheSecurityGroup(name: string, args: CacheSecurityGroupArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
  return portSecurityGroup(name, {
    ...args,
    description: `Valkey/Redis ${args.replicationGroupId}: TLS port ${args.port} from application sources only`,
    nameTag: `${args.replicationGroupId}-cache`,
    ruleDescriptions: { cidrs: "Valkey/Redis over TLS from application CIDRs", securityGroups: "Valkey/Redis over TLS from application security groups" },
  }, parent);
}
