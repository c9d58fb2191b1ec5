import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export interface CacheSecurityGroupArgs {
  readonly replicationGroupId: string;
  readonly vpcId: pulumi.Input<string>;
  readonly port: number;
  readonly allowedCidrs: readonly string[];
  readonly allowedSecurityGroupIds: readonly pulumi.Input<string>[];
}

/** Inbound on the TLS port from the named application sources only; no outbound rule (the cache never calls out). */
export function cacheSecurityGroup(name: string, args: CacheSecurityGroupArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
  const tcp = { protocol: "tcp", fromPort: args.port, toPort: args.port };
  const ingress = [
    ...(args.allowedCidrs.length > 0 ? [{ ...tcp, cidrBlocks: [...args.allowedCidrs], description: "Valkey/Redis over TLS from application CIDRs" }] : []),
    ...(args.allowedSecurityGroupIds.length > 0 ? [{ ...tcp, securityGroups: [...args.allowedSecurityGroupIds], description: "Valkey/Redis over TLS from application security groups" }] : []),
  ];
  return new aws.ec2.SecurityGroup(`${name}-sg`, {
    vpcId: args.vpcId,
    description: `Valkey/Redis ${args.replicationGroupId}: TLS port ${args.port} from application sources only`,
    ingress,
    egress: [],
    tags: { Name: `${args.replicationGroupId}-cache` },
  }, { parent });
}
