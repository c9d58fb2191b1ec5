import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { secretsManagerEgress } from "../rds/security-groups";
import { slug } from "../common/aws";
import type { DocDbClients, DocDbSecretsManagerRoute } from "./args";

export interface DocDbSecurityGroups {
  /** On the instances: the named clients and the rotation function in on the port; nothing out. */
  readonly cluster: aws.ec2.SecurityGroup;
  /** On the rotation function: the cluster port and Secrets Manager (HTTPS) out; nothing in. */
  readonly rotation: aws.ec2.SecurityGroup;
}

export interface DocDbSecurityGroupsArgs {
  readonly clusterIdentifier: string;
  readonly vpcId: pulumi.Input<string>;
  readonly port: number;
  readonly clients: DocDbClients;
  readonly secretsManager: DocDbSecretsManagerRoute;
}

/**
 * Two groups, no rule wider than the cluster port except the rotation function's HTTPS to Secrets Manager. Groups
 * start without egress (the provider removes AWS's allow-all default); the cluster never calls out.
 */
export function docDbSecurityGroups(name: string, args: DocDbSecurityGroupsArgs, parent: pulumi.Resource): DocDbSecurityGroups {
  const group = (role: string, description: string) =>
    new aws.ec2.SecurityGroup(`${name}-${role}`, { vpcId: args.vpcId, description, tags: { Name: `${args.clusterIdentifier}-${role}` } }, { parent });
  const port = { ipProtocol: "tcp", fromPort: args.port, toPort: args.port };
  const cluster = group("cluster", `Sparki DocumentDB ${args.clusterIdentifier}: application clients and secret rotation in on ${args.port}`);
  const rotation = group("rotation", `Sparki DocumentDB ${args.clusterIdentifier} secret rotation: cluster and Secrets Manager out`);
  for (const sg of args.clients.securityGroupIds) {
    new aws.vpc.SecurityGroupIngressRule(`${name}-cluster-from-${sg}`, {
      ...port, securityGroupId: cluster.id, referencedSecurityGroupId: sg, description: `DocumentDB from ${sg}`,
    }, { parent });
  }
  for (const cidr of args.clients.cidrBlocks) {
    new aws.vpc.SecurityGroupIngressRule(`${name}-cluster-from-${slug(cidr)}`, {
      ...port, securityGroupId: cluster.id, cidrIpv4: cidr, description: `DocumentDB from ${cidr}`,
    }, { parent });
  }
  new aws.vpc.SecurityGroupIngressRule(`${name}-cluster-from-rotation`, {
    ...port, securityGroupId: cluster.id, referencedSecurityGroupId: rotation.id, description: "DocumentDB from the secret rotation",
  }, { parent });
  new aws.vpc.SecurityGroupEgressRule(`${name}-rotation-to-cluster`, {
    ...port, securityGroupId: rotation.id, referencedSecurityGroupId: cluster.id, description: "Rotation to the cluster",
  }, { parent });
  secretsManagerEgress(name, rotation, args.secretsManager, parent);
  return { cluster, rotation };
}
