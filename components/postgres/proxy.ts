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
  /** ARN of the pool role's secret: what application connections log in as. No default. */
  readonly poolSecretArn: pulumi.Input<string>;
  /** ARN of the admin's secret: for migrations and the one-time creation of the pool role. No default. */
  readonly adminSecretArn: pulumi.Input<string>;
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
 * RDS Proxy in front of the primary: TLS-only, with one login per secret through a role that can read only those
 * two secrets and decrypt only through Secrets Manager. Applications connect as the pool role (least privilege,
 * alternating-users rotation, so a rotation never fails a new backend connection); the admin login is there for
 * migrations and the one-time bootstrap, since the primary admits nothing but the proxy and the rotation functions.
 * RDS Proxy pools per user, so admin sessions never share the application's connections. Survives failovers
 * without dropping clients and caps database connections at the matrix pool.
 */
export function poolingProxy(name: string, args: PoolingProxyArgs, parent: pulumi.Resource): PoolingProxy {
  const role = new aws.iam.Role(`${name}-proxy`, {
    description: "RDS Proxy for Sparki PostgreSQL: reads the pool and admin secrets",
    assumeRolePolicy: JSON.stringify(serviceAssumeRolePolicy("rds.amazonaws.com", args.accountId)),
  }, { parent });
  const access = new aws.iam.RolePolicy(`${name}-proxy-secret`, {
    role: role.id,
    policy: pulumi.all([args.poolSecretArn, args.adminSecretArn, args.kmsKeyArn]).apply(([pool, admin, kmsKeyArn]) =>
      JSON.stringify(proxySecretPolicy({ accountId: args.accountId, region: args.region, secretArns: [pool, admin], kmsKeyArn }))),
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
    auths: [
      { authScheme: "SECRETS", secretArn: args.poolSecretArn, iamAuth: "DISABLED", clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256", description: "pool role (applications)" },
      { authScheme: "SECRETS", secretArn: args.adminSecretArn, iamAuth: "DISABLED", clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256", description: "admin (migrations, bootstrap)" },
    ],
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
