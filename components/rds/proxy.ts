import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountScope } from "../common/aws";
import type { ProxyPool } from "./pool";
import { databaseConnectPolicy, serviceAssumeRolePolicy } from "./policies";

export interface PoolingProxyArgs extends AccountScope {
  /** Engine's human name, e.g. `PostgreSQL`, for descriptions. No default. */
  readonly label: string;
  /** RDS Proxy `engineFamily` of the target. No default. */
  readonly engineFamily: "POSTGRESQL" | "MYSQL";
  /** Physical proxy name: the ProxyName dimension of its metrics. No default. */
  readonly proxyName: string;
  /** The primary's identifier output (the proxy's only target). No default. */
  readonly targetIdentifier: pulumi.Input<string>;
  /** The primary's `resourceId` (`db-…`): names the database user in the proxy's `rds-db:connect` grant. No default. */
  readonly targetResourceId: pulumi.Input<string>;
  /** The database role applications log in as, through IAM. No default. */
  readonly poolUsername: string;
  /** ARN of the customer KMS key of the proxy's log group. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Private subnets the proxy runs in, at least two zones. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The proxy's security group (clients in; the primary out). No default. */
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
  /** The registration of the primary as the proxy's target. */
  readonly target: aws.rds.ProxyTarget;
}

/** Seconds a client waits for a pooled connection before the proxy gives up (RDS default 120). */
const BORROW_TIMEOUT_SECONDS = 120;
/** Idle client connections are closed after this, seconds (30 min, the RDS default). */
const IDLE_CLIENT_TIMEOUT_SECONDS = 1800;

/**
 * RDS Proxy in front of the primary, TLS-only, with end-to-end IAM authentication (`defaultAuthScheme:
 * IAM_AUTH`): applications present short-lived IAM tokens for the pool role, and the proxy logs in to the
 * database with IAM tokens of its own. No password exists for the pool, so none is rotated, none can leak, and no
 * rotation can fail a new backend connection; the pool role is no admin. The proxy's role may connect as that one
 * database user and nothing else. Survives failovers without dropping clients and caps database connections at
 * the matrix pool.
 */
export function poolingProxy(name: string, args: PoolingProxyArgs, parent: pulumi.Resource): PoolingProxy {
  const role = new aws.iam.Role(`${name}-proxy`, {
    description: `RDS Proxy for Sparki ${args.label}: connects to the database as the pool role with IAM`,
    assumeRolePolicy: JSON.stringify(serviceAssumeRolePolicy("rds.amazonaws.com", args.accountId)),
  }, { parent });
  const access = new aws.iam.RolePolicy(`${name}-proxy-connect`, {
    role: role.id,
    policy: pulumi.output(args.targetResourceId).apply((resourceId) =>
      JSON.stringify(databaseConnectPolicy({ ...args, dbResourceIds: [resourceId], username: args.poolUsername }))),
  }, { parent });
  const logs = new aws.cloudwatch.LogGroup(`${name}-proxy-logs`, {
    name: `/aws/rds/proxy/${args.proxyName}`,
    retentionInDays: args.logRetentionDays,
    kmsKeyId: args.kmsKeyArn,
  }, { parent });

  const proxy = new aws.rds.Proxy(`${name}-proxy`, {
    name: args.proxyName,
    engineFamily: args.engineFamily,
    requireTls: true,
    debugLogging: false,
    idleClientTimeout: IDLE_CLIENT_TIMEOUT_SECONDS,
    roleArn: role.arn,
    vpcSubnetIds: args.subnetIds,
    vpcSecurityGroupIds: [args.securityGroupId],
    // End-to-end IAM: no `auths`, no secret (RDS API CreateDBProxy: Auth is required only without IAM_AUTH).
    defaultAuthScheme: "IAM_AUTH",
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
  const target = new aws.rds.ProxyTarget(`${name}-proxy-primary`, {
    dbProxyName: proxy.name,
    targetGroupName: targetGroup.name,
    dbInstanceIdentifier: args.targetIdentifier,
  }, { parent });

  return { proxy, endpoint: proxy.endpoint, target };
}
