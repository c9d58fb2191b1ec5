import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { slug } from "../common/aws";

/** Who may open database connections: application security groups and/or private CIDR blocks. */
export interface DatabaseClients {
  /** Application security groups admitted on the database port (`sg-…`). Default (in the component's args): none. */
  readonly securityGroupIds: readonly string[];
  /**
   * Private IPv4 blocks admitted on the database port: RFC 1918 or 100.64.0.0/10, /8 to /32, network addresses
   * (components/common CLIENT_CIDR_RULE). Default (in the component's args): none.
   */
  readonly cidrBlocks: readonly string[];
}

/**
 * How the admin secret's rotation function reaches Secrets Manager over HTTPS: an interface endpoint's security
 * group (the narrowest rule), or CIDR blocks where the route is unknown, e.g. `0.0.0.0/0` through a NAT gateway.
 */
export type SecretsManagerRoute =
  | {
    /** Security group of the Secrets Manager interface endpoint in the database's VPC. No default. */
    readonly endpointSecurityGroupId: pulumi.Input<string>;
  }
  | {
    /** IPv4 blocks the rotation function may send HTTPS (443) to. At least one. No default. */
    readonly cidrBlocks: readonly string[];
  };

export interface SecurityGroupsArgs {
  /** Engine's human name, e.g. `PostgreSQL`, for descriptions. No default. */
  readonly label: string;
  /** Clients reach the primary through RDS Proxy (its own group); false admits them to the primary's group. No default. */
  readonly withProxy: boolean;
  /** VPC of the groups. No default. */
  readonly vpcId: pulumi.Input<string>;
  /** Database port of the instances and the proxy. No default. */
  readonly port: number;
  /** Clients admitted at the proxy and the replicas. No default. */
  readonly clients: DatabaseClients;
  /** Where the rotation function's HTTPS egress to Secrets Manager goes. No default. */
  readonly secretsManager: SecretsManagerRoute;
  /** Security groups admitted straight to the primary, for the admin (bootstrap, break-glass). No default. */
  readonly adminSecurityGroupIds: readonly string[];
  /** Create the replicas' group (only when there are replicas). No default. */
  readonly withReplicas: boolean;
}

export interface DatabaseSecurityGroups {
  /** On the proxy: clients in; the primary out. Absent without a proxy. */
  readonly proxy?: aws.ec2.SecurityGroup;
  /** On the primary: the proxy (or, without one, the clients), the rotation function and the admin groups in. */
  readonly primary: aws.ec2.SecurityGroup;
  /** On the secret-rotation functions: the primary and Secrets Manager out, nothing in. */
  readonly rotation: aws.ec2.SecurityGroup;
  /** On the replicas: clients in (RDS Proxy cannot route reads to RDS replicas). */
  readonly replicas?: aws.ec2.SecurityGroup;
}

/** HTTPS: how the rotation function reaches Secrets Manager. */
const HTTPS = { ipProtocol: "tcp", fromPort: 443, toPort: 443 };

/**
 * One security group per role, no rule wider than the database port, except the rotation function's HTTPS to
 * Secrets Manager. Groups start without egress (the provider removes AWS's allow-all default); only the proxy
 * (to the primary) and the rotation function get any.
 */
export function databaseSecurityGroups(name: string, args: SecurityGroupsArgs, parent: pulumi.Resource): DatabaseSecurityGroups {
  const label = args.label;
  const group = (role: string, description: string) =>
    new aws.ec2.SecurityGroup(`${name}-${role}`, { vpcId: args.vpcId, description, tags: { Name: `${name}-${role}` } }, { parent });
  const port = { ipProtocol: "tcp", fromPort: args.port, toPort: args.port };
  const admitClients = (role: string, target: aws.ec2.SecurityGroup) => {
    for (const sg of args.clients.securityGroupIds) {
      new aws.vpc.SecurityGroupIngressRule(`${name}-${role}-from-${sg}`, {
        ...port, securityGroupId: target.id, referencedSecurityGroupId: sg, description: `${label} from ${sg}`,
      }, { parent });
    }
    for (const cidr of args.clients.cidrBlocks) {
      new aws.vpc.SecurityGroupIngressRule(`${name}-${role}-from-${slug(cidr)}`, {
        ...port, securityGroupId: target.id, cidrIpv4: cidr, description: `${label} from ${cidr}`,
      }, { parent });
    }
  };

  // Descriptions predate the HTTPS egress and the rotation functions; AWS replaces a group whose description changes.
  let proxy: aws.ec2.SecurityGroup | undefined;
  let primary: aws.ec2.SecurityGroup;
  if (args.withProxy) {
    proxy = group("proxy", `Sparki ${label} proxy: application clients in, primary out`);
    primary = group("primary", `Sparki ${label} primary: only its RDS Proxy`);
    admitClients("proxy", proxy);
    new aws.vpc.SecurityGroupEgressRule(`${name}-proxy-to-primary`, {
      ...port, securityGroupId: proxy.id, referencedSecurityGroupId: primary.id, description: "Proxy to the primary",
    }, { parent });
    new aws.vpc.SecurityGroupIngressRule(`${name}-primary-from-proxy`, {
      ...port, securityGroupId: primary.id, referencedSecurityGroupId: proxy.id, description: `${label} from the proxy`,
    }, { parent });
  } else {
    primary = group("primary", `Sparki ${label} primary: application clients, secret rotation and admins in`);
    admitClients("primary", primary);
  }
  for (const sg of args.adminSecurityGroupIds) {
    new aws.vpc.SecurityGroupIngressRule(`${name}-primary-from-admin-${sg}`, {
      ...port, securityGroupId: primary.id, referencedSecurityGroupId: sg, description: `${label} admin from ${sg}`,
    }, { parent });
  }
  // The rotation function logs in to the primary to change the admin password, and calls Secrets Manager.
  const rotation = group("rotation", `Sparki ${label} secret rotation: primary and Secrets Manager out`);
  new aws.vpc.SecurityGroupEgressRule(`${name}-rotation-to-primary`, {
    ...port, securityGroupId: rotation.id, referencedSecurityGroupId: primary.id, description: "Rotation to the primary",
  }, { parent });
  new aws.vpc.SecurityGroupIngressRule(`${name}-primary-from-rotation`, {
    ...port, securityGroupId: primary.id, referencedSecurityGroupId: rotation.id, description: `${label} from the secret rotation`,
  }, { parent });
  secretsManagerEgress(name, rotation, args.secretsManager, parent);

  if (!args.withReplicas) return { proxy, primary, rotation };
  const replicas = group("replicas", `Sparki ${label} read replicas: application clients`);
  admitClients("replicas", replicas);
  return { proxy, primary, rotation, replicas };
}

/** HTTPS out of a group to Secrets Manager: to the endpoint's group, or to the CIDR blocks of an unknown route. */
export function secretsManagerEgress(name: string, from: aws.ec2.SecurityGroup, route: SecretsManagerRoute, parent: pulumi.Resource): void {
  if ("endpointSecurityGroupId" in route) {
    new aws.vpc.SecurityGroupEgressRule(`${name}-rotation-to-secretsmanager`, {
      ...HTTPS, securityGroupId: from.id, referencedSecurityGroupId: route.endpointSecurityGroupId, description: "Rotation to the Secrets Manager endpoint",
    }, { parent });
    return;
  }
  for (const cidr of route.cidrBlocks) {
    new aws.vpc.SecurityGroupEgressRule(`${name}-rotation-to-secretsmanager-${slug(cidr)}`, {
      ...HTTPS, securityGroupId: from.id, cidrIpv4: cidr, description: "Rotation to Secrets Manager (HTTPS)",
    }, { parent });
  }
}
