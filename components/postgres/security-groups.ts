import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { slug } from "../common/aws";

/** Who may open PostgreSQL connections: application security groups and/or private CIDR blocks. */
export interface DatabaseClients {
  readonly securityGroupIds: readonly string[];
  readonly cidrBlocks: readonly string[];
}

export interface SecurityGroupsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly port: number;
  readonly clients: DatabaseClients;
  /** Create the replicas' group (only when there are replicas). */
  readonly withReplicas: boolean;
}

export interface DatabaseSecurityGroups {
  /** On the proxy: clients in, the primary out. */
  readonly proxy: aws.ec2.SecurityGroup;
  /** On the primary: only the proxy in, so every write goes through the pool. */
  readonly primary: aws.ec2.SecurityGroup;
  /** On the replicas: clients in (RDS Proxy cannot route reads to RDS replicas). */
  readonly replicas?: aws.ec2.SecurityGroup;
}

/**
 * One security group per role, no rule wider than the database port. Groups start without egress (the
 * provider removes AWS's allow-all default); only the proxy gets one, to the primary.
 */
export function databaseSecurityGroups(name: string, args: SecurityGroupsArgs, parent: pulumi.Resource): DatabaseSecurityGroups {
  const group = (role: string, description: string) =>
    new aws.ec2.SecurityGroup(`${name}-${role}`, { vpcId: args.vpcId, description, tags: { Name: `${name}-${role}` } }, { parent });
  const port = { ipProtocol: "tcp", fromPort: args.port, toPort: args.port };
  const admitClients = (role: string, target: aws.ec2.SecurityGroup) => {
    for (const sg of args.clients.securityGroupIds) {
      new aws.vpc.SecurityGroupIngressRule(`${name}-${role}-from-${sg}`, {
        ...port, securityGroupId: target.id, referencedSecurityGroupId: sg, description: `PostgreSQL from ${sg}`,
      }, { parent });
    }
    for (const cidr of args.clients.cidrBlocks) {
      new aws.vpc.SecurityGroupIngressRule(`${name}-${role}-from-${slug(cidr)}`, {
        ...port, securityGroupId: target.id, cidrIpv4: cidr, description: `PostgreSQL from ${cidr}`,
      }, { parent });
    }
  };

  const proxy = group("proxy", "Sparki PostgreSQL proxy: application clients in, primary out");
  const primary = group("primary", "Sparki PostgreSQL primary: only its RDS Proxy");
  admitClients("proxy", proxy);
  new aws.vpc.SecurityGroupEgressRule(`${name}-proxy-to-primary`, {
    ...port, securityGroupId: proxy.id, referencedSecurityGroupId: primary.id, description: "Proxy to the primary",
  }, { parent });
  new aws.vpc.SecurityGroupIngressRule(`${name}-primary-from-proxy`, {
    ...port, securityGroupId: primary.id, referencedSecurityGroupId: proxy.id, description: "PostgreSQL from the proxy",
  }, { parent });

  if (!args.withReplicas) return { proxy, primary };
  const replicas = group("replicas", "Sparki PostgreSQL read replicas: application clients");
  admitClients("replicas", replicas);
  return { proxy, primary, replicas };
}
