import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountScope } from "../common/aws";
import type { ProxyPool } from "./pool";
import { proxySecretPolicy, serviceAssumeRolePolicy } from "./policies";

export interface PoolingProxyArgs extends AccountScope {
  /** Physical proxy name: the ProxyName dimension of its metrics. No default. */
  readonly proxyName: string;
  /** The primary's identifier output (the proxy's only target). No default. */
  readonly targetIdentifier: pulumi.Input<string>;
  /** ARN of the RDS-managed admin secret the proxy logs in with. No default. */
  readonly secretArn: pulumi.Input<string>;
  /** ARN of the customer KMS key of that secret and of the proxy's log group. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Private subnets the proxy runs in, at least two zones. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The proxy's security group (clients in; primary and Secrets Manager out). No default. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Connection-pool percentages and size. No default. */
  readonly pool: ProxyPool;
  /** Retention of the proxy's log group, days (a CloudWatch Logs retention). No default. */
  readonly logRetentionDays: number;
}

export interface PoolingProxy {
  /** The RDS Proxy. */
  readonly proxy: aws.rds.Proxy;
  /** Its default (read/write) endpoint, host name. */
  readonly endpoint: pulumi.Output<string>;
}

/** Seconds a client waits for a pooled connection before the proxy gives up (RDS default 120). */
const BORROW_TIMEOUT_SECONDS = 120;
/** Idle client connections are closed after this, seconds (30 min, the RDS default). */
const IDLE_CLIENT_TIMEOUT_SECONDS = 1800;

/**
 * RDS Proxy in front of the primary: TLS-only, logging in with the RDS-managed admin secret through a role that
 * can read only that secret and decrypt only through Secrets Manager. Survives failovers without dropping
 * clients and caps database connections at the matrix pool.
 */
export function poolingProxy(name: string, args: PoolingProxyArgs, parent: pulumi.Resource): PoolingProxy {
  const role = new aws.iam.Role(`${name}-proxy`, {
    description: "RDS Proxy for Sparki PostgreSQL: reads the admin secret",
    assumeRolePolicy: JSON.stringify(serviceAssumeRolePolicy("rds.amazonaws.com", args.accountId)),
  }, { parent });
  const access = new aws.iam.RolePolicy(`${name}-proxy-secret`, {
    role: role.id,
    policy: pulumi.all([args.secretArn, args.kmsKeyArn]).apply(([secretArn, kmsKeyArn]) =>
      JSON.stringify(proxySecretPolicy({ accountId: args.accountId, region: args.region, secretArn, kmsKeyArn }))),
  }, { parent });
  const logs = new aws.cloudwatch.LogGroup(`${name}-proxy-logs`, {
    name: `/aws/rds/proxy/${args.proxyName}`,
    retentionInDays: args.logRetentionDays,
    kmsKeyId: args.kmsKeyArn,
  }, { parent });

  const proxy = new aws.rds.Proxy(`${name}-proxy`, {
    name: args.proxyName,
    engineFamily: "POSTGRESQL",
    requireTls: true,
    debugLogging: false,
    idleClientTimeout: IDLE_CLIENT_TIMEOUT_SECONDS,
    roleArn: role.arn,
    vpcSubnetIds: args.subnetIds,
    vpcSecurityGroupIds: [args.securityGroupId],
    auths: [{
      authScheme: "SECRETS",
      secretArn: args.secretArn,
      iamAuth: "DISABLED",
      clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
      description: "RDS-managed admin secret",
    }],
    tags: { Name: args.proxyName },
  }, { parent, dependsOn: [access, logs] });

  const targetGroup = new aws.rds.ProxyDefaultTargetGroup(`${name}-proxy`, {
    dbProxyName: proxy.name,
    connectionPoolConfig: {
      maxConnectionsPercent: args.pool.maxConnectionsPercent,
      maxIdleConnectionsPercent: args.pool.maxIdleConnectionsPercent,
      connectionBorrowTimeout: BORROW_TIMEOUT_SECONDS,
    },
  }, { parent });
  new aws.rds.ProxyTarget(`${name}-proxy-primary`, {
    dbProxyName: proxy.name,
    targetGroupName: targetGroup.name,
    dbInstanceIdentifier: args.targetIdentifier,
  }, { parent });

  return { proxy, endpoint: proxy.endpoint };
}
