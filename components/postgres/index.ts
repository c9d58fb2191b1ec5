import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmContext, DashboardSection } from "../alerting";
import type { AccountScope } from "../common/aws";
import { postgresAlarms } from "./alarms";
import { adminSecret, adminSecretValueAndRotation } from "./credentials";
import { type EventTopics, eventSubscriptions } from "./events";
import { type InstanceShared, primaryInstance } from "./instance";
import { monitoringRole } from "./monitoring-role";
import type { PostgresParameterSettings } from "./parameters";
import { planPostgres, type PostgresPlan } from "./plan";
import { databaseConnectPolicy, proxyResourceId } from "./policies";
import { poolingProxy } from "./proxy";
import { readReplicas } from "./replicas";
import { type DatabaseClients, databaseSecurityGroups, type SecretsManagerRoute } from "./security-groups";

export { INSTANCE_CLASS_MEMORY_GIB, instanceClassProblem, instanceMemoryGiB } from "./instance-classes";
export { DEFAULT_PARAMETER_SETTINGS, PARAMETER_LIMITS, type ParameterSpec, type PostgresParameterSettings, postgresParameters, RESERVED_CONNECTIONS, STATIC_PARAMETERS } from "./parameters";
export {
  DEFAULT_BACKUP_WINDOW, DEFAULT_MAINTENANCE_WINDOW, planPostgres, planProblems, POSTGRES_MAJORS, POSTGRES_MAX_REPLICAS, POSTGRES_STORAGE_GIB, type PostgresPlan,
  proxyEngineProblem, RDS_PROXY_POSTGRES_MAJORS, RESERVED_USERNAMES,
} from "./plan";
export { type ProxyPool, proxyPool } from "./pool";
export { databaseConnectPolicy, enhancedMonitoringPolicyArn, proxyResourceId, serviceAssumeRolePolicy } from "./policies";
export { EVENT_CATEGORIES, type EventTopics } from "./events";
export { poolRoleBootstrapSql } from "./credentials";
export { EXPORTED_LOGS } from "./instance";
export type { DatabaseClients, SecretsManagerRoute } from "./security-groups";

export interface PostgresArgs extends AccountScope {
  /**
   * Physical DB identifier of the primary, e.g. `sparki-<env>-postgres`: replicas are `<identifier>-replica-<n>`,
   * the proxy `<identifier>-proxy`. Explicit so alarms and dashboards know their dimensions at preview.
   * 1-50 lowercase letters, digits, hyphens. No default.
   */
  readonly identifier: string;
  /** Engine version, 17 or 18: a major (RDS picks and upgrades the minor) or `major.minor`. No default. */
  readonly engineVersion: string;
  /** Primary instance class; a class of INSTANCE_CLASS_MEMORY_GIB, e.g. `db.r7g.large`. No default. */
  readonly instanceClass: string;
  /** Replica instance class. Default: `instanceClass`. */
  readonly replicaInstanceClass?: string;
  /** Read replicas, 0..5, each in its own zone. Default: 0. */
  readonly replicas?: number;
  /** Synchronous standby in another zone with automatic failover. Default: false. */
  readonly multiAz?: boolean;
  /**
   * Zones of the subnets, in order: a single-AZ primary is pinned to the first, replica n to the (n+1)-th (with
   * Multi-AZ, RDS places primary and standby). Needs more zones than replicas. No default.
   */
  readonly availabilityZones: readonly string[];
  /** VPC of the security groups. No default. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets of the subnet group and the proxy, in at least two zones. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Clients that may connect on the DB port (to the proxy and the replicas); private CIDRs only. Default: none. */
  readonly clients?: Partial<DatabaseClients>;
  /**
   * How the admin secret's rotation function reaches Secrets Manager (HTTPS): the VPC's interface endpoint's security
   * group, or CIDR blocks (e.g. `0.0.0.0/0` behind a NAT gateway). No default: without it the password never rotates.
   */
  readonly secretsManager: SecretsManagerRoute;
  /** Initial gp3 storage, GiB, 20..65536. No default. */
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling, GiB, above `allocatedStorageGiB`. No default. */
  readonly maxAllocatedStorageGiB: number;
  /** Database created with the instance. Default: `sparki`. */
  readonly databaseName?: string;
  /** Admin user (not `postgres`); its generated password lives in the admin secret, rotated. Default: `sparki_admin`. */
  readonly adminUsername?: string;
  /**
   * The role applications connect as, through RDS Proxy with IAM tokens (no password); created once by the admin
   * (`poolRoleBootstrapSql`, README). Same rules as `adminUsername`, different from it. Default: `sparki_app`.
   */
  readonly poolUsername?: string;
  /** Security groups admitted straight to the primary on the port, for the admin only (bootstrap, break-glass). Default: none. */
  readonly adminSecurityGroupIds?: readonly string[];
  /** Days between rotations of the admin password, 1..1000. Default: 30 days. */
  readonly passwordRotationDays?: number;
  /** Days Secrets Manager keeps the deleted admin secret recoverable: 0 or 7..30. Default: 30 days. */
  readonly secretRecoveryWindowDays?: number;
  /** PostgreSQL port of the instances and the proxy. Default: 5432. */
  readonly port?: number;
  /** Automated backup retention, days, 1..35 (replicas need backups on the source). Default: 7 days. */
  readonly backupRetentionDays?: number;
  /** Daily backup window, UTC, `hh:mm-hh:mm`, at least 30 minutes. Default: `02:00-03:00`. */
  readonly backupWindow?: string;
  /** Weekly maintenance window, UTC, at least 30 minutes, not overlapping the backup window. Default: `sun:03:30-sun:04:30`. */
  readonly maintenanceWindow?: string;
  /** Provider-side deletion protection on every instance. Default: false. */
  readonly deletionProtection?: boolean;
  /** Pulumi `protect` on the primary, the admin secret and its generated password. Default: false. */
  readonly protect?: boolean;
  /** Keep automated backups after the primary is deleted. Default: false. */
  readonly retainAutomatedBackups?: boolean;
  /** Apply changes now rather than in the maintenance window. Default: false. */
  readonly applyImmediately?: boolean;
  /** Performance Insights retention, days: 7, a multiple of 31 up to 713, or 731. Default: 7 days. */
  readonly performanceInsightsRetentionDays?: number;
  /** Enhanced monitoring interval, seconds: 1, 5, 10, 15, 30 or 60. Default: 60 s. */
  readonly monitoringIntervalSeconds?: number;
  /** Retention of the exported PostgreSQL, upgrade and proxy logs, days: a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, ...). Default: 7 days. */
  readonly logRetentionDays?: number;
  /** Customer KMS key for storage, the admin secret, Performance Insights and logs. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Parameter-group overrides. Default: DEFAULT_PARAMETER_SETTINGS. */
  readonly parameters?: Partial<PostgresParameterSettings>;
  /** Where alarms report and how they evaluate. No default. */
  readonly alarms: AlarmContext;
  /**
   * Topics for RDS events (EVENT_CATEGORIES): failure, failover and low storage to `critical`; maintenance,
   * configuration change, read replica (and failure again, for RDS.20) to `warning`. No default.
   */
  readonly eventTopicArns: EventTopics;
}

/**
 * Sparki's primary data store: an RDS for PostgreSQL primary behind RDS Proxy, read replicas in their own
 * zones, a parameter group for pg_stat_statements and vacuum, the matrix alarms and a dashboard row.
 */
export class Postgres extends pulumi.ComponentResource {
  readonly plan: PostgresPlan;
  readonly primary: aws.rds.Instance;
  readonly replicas: readonly aws.rds.Instance[];
  readonly proxy: aws.rds.Proxy;
  /** The proxy endpoint: every write (and any read that must see it) goes here. */
  readonly writerEndpoint: pulumi.Output<string>;
  /** The replicas' own endpoints, in replica order; empty without replicas. */
  readonly readerEndpoints: pulumi.Output<string[]>;
  /** ARN of the admin's secret (`username`, `password`, host, port, dbname): the one-time bootstrap, break-glass. */
  readonly adminSecretArn: pulumi.Output<string>;
  /** The role applications connect as, with IAM tokens through the proxy. */
  readonly poolUsername: string;
  /** ARN of the managed policy granting `rds-db:connect` as the pool role to the proxy and the replicas: attach it to application roles. */
  readonly connectPolicyArn: pulumi.Output<string>;
  readonly port: number;
  readonly databaseName: string;
  readonly adminUsername: string;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    const databaseName = args.databaseName ?? "sparki";
    const adminUsername = args.adminUsername ?? "sparki_admin";
    const poolUsername = args.poolUsername ?? "sparki_app";
    const backupRetentionDays = args.backupRetentionDays ?? 7;
    const performanceInsightsRetentionDays = args.performanceInsightsRetentionDays ?? 7;
    const monitoringIntervalSeconds = args.monitoringIntervalSeconds ?? 60;
    const logRetentionDays = args.logRetentionDays ?? 7;
    let plan: PostgresPlan;
    try {
      plan = planPostgres({
        ...args, replicas: args.replicas ?? 0, multiAz: args.multiAz ?? false, databaseName, adminUsername, poolUsername,
        passwordRotationDays: args.passwordRotationDays ?? 30, secretRecoveryWindowDays: args.secretRecoveryWindowDays ?? 30,
        backupRetentionDays, performanceInsightsRetentionDays, monitoringIntervalSeconds, logRetentionDays,
        clientCidrBlocks: args.clients?.cidrBlocks,
      });
    } catch (error) {
      throw new Error(`Postgres ${name}: ${(error as Error).message}`);
    }
    if ("cidrBlocks" in args.secretsManager && args.secretsManager.cidrBlocks.length === 0) {
      throw new Error(`Postgres ${name}: secretsManager.cidrBlocks must list at least one block (the admin secret's rotation calls Secrets Manager)`);
    }
    super("sparki:postgres:Postgres", name, {}, opts);
    this.plan = plan;
    this.port = args.port ?? 5432;
    this.databaseName = databaseName;
    this.adminUsername = adminUsername;
    this.poolUsername = poolUsername;

    const groups = databaseSecurityGroups(name, {
      vpcId: args.vpcId, port: this.port, withReplicas: plan.replicas.length > 0, secretsManager: args.secretsManager,
      adminSecurityGroupIds: args.adminSecurityGroupIds ?? [],
      clients: { securityGroupIds: args.clients?.securityGroupIds ?? [], cidrBlocks: args.clients?.cidrBlocks ?? [] },
    }, this);
    const subnets = new aws.rds.SubnetGroup(name, {
      name, description: "Sparki PostgreSQL private subnets", subnetIds: args.subnetIds,
    }, { parent: this });
    // Name prefix: a new family (major upgrade) creates the new group before the old one is deleted.
    const parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, {
      namePrefix: `${args.identifier}-${plan.family}-`,
      family: plan.family,
      description: `Sparki PostgreSQL ${plan.major}: pg_stat_statements, TLS only, vacuum tuned for bloat`,
      parameters: [...plan.parameters],
    }, { parent: this });
    const monitoring = monitoringRole(name, args, this);
    const admin = adminSecret(name, {
      identifier: args.identifier, adminUsername, kmsKeyArn: args.kmsKeyArn, recoveryWindowDays: plan.secretRecoveryWindowDays, protect: args.protect ?? false,
    }, this);

    const shared: InstanceShared = {
      kmsKeyArn: args.kmsKeyArn,
      parameterGroupName: parameterGroup.name,
      port: this.port,
      maxAllocatedStorageGiB: args.maxAllocatedStorageGiB,
      performanceInsightsRetentionDays,
      monitoringIntervalSeconds,
      monitoringRoleArn: monitoring.role.arn,
      maintenanceWindow: plan.maintenanceWindow,
      deletionProtection: args.deletionProtection ?? false,
      applyImmediately: args.applyImmediately ?? false,
      logRetentionDays,
      dependsOn: [monitoring.attachment],
    };
    this.primary = primaryInstance(name, {
      identifier: args.identifier,
      engineVersion: args.engineVersion,
      instanceClass: args.instanceClass,
      allocatedStorageGiB: args.allocatedStorageGiB,
      multiAz: args.multiAz ?? false,
      availabilityZone: plan.primaryZone,
      subnetGroupName: subnets.name,
      securityGroupId: groups.primary.id,
      databaseName,
      adminUsername,
      adminPassword: admin.initialPassword,
      backupRetentionDays,
      backupWindow: plan.backupWindow,
      retainAutomatedBackups: args.retainAutomatedBackups ?? false,
      protect: args.protect ?? false,
    }, shared, this);
    this.replicas = groups.replicas
      ? readReplicas(name, { sourceIdentifier: this.primary.identifier, replicas: plan.replicas, securityGroupId: groups.replicas.id }, shared, this)
      : [];

    adminSecretValueAndRotation(name, admin, {
      region: args.region, identifier: args.identifier, adminUsername, databaseName, port: this.port, kmsKeyArn: args.kmsKeyArn,
      rotationDays: plan.passwordRotationDays, primary: this.primary, subnetIds: args.subnetIds, rotationSecurityGroupId: groups.rotation.id,
    }, this);
    this.adminSecretArn = admin.secret.arn;
    const proxy = poolingProxy(name, {
      accountId: args.accountId,
      region: args.region,
      proxyName: plan.proxyName,
      targetIdentifier: this.primary.identifier,
      targetResourceId: this.primary.resourceId,
      poolUsername,
      kmsKeyArn: args.kmsKeyArn,
      subnetIds: args.subnetIds,
      securityGroupId: groups.proxy.id,
      pool: plan.pool,
      logRetentionDays: shared.logRetentionDays,
    }, this);
    this.proxy = proxy.proxy;
    // Applications log in as the pool role with IAM tokens: to the proxy (writes) and to each replica (reads).
    const connectPolicy = new aws.iam.Policy(`${name}-connect`, {
      name: `${args.identifier}-connect`,
      description: `Connect to ${plan.proxyName} and the read replicas as ${poolUsername} with IAM tokens: attach to application roles`,
      policy: pulumi.all([proxy.proxy.arn, ...this.replicas.map((r) => r.resourceId)]).apply(([proxyArn, ...replicaIds]) =>
        JSON.stringify(databaseConnectPolicy({ ...args, dbResourceIds: [proxyResourceId(proxyArn), ...replicaIds], username: poolUsername }))),
    }, { parent: this });
    this.connectPolicyArn = connectPolicy.arn;
    this.writerEndpoint = proxy.endpoint;
    this.readerEndpoints = pulumi.all(this.replicas.map((r) => r.address));

    eventSubscriptions(name, [this.primary.identifier, ...this.replicas.map((r) => r.identifier)], args.eventTopicArns, this);
    this.dashboard = postgresAlarms({
      context: args.alarms,
      proxyName: plan.proxyName,
      proxyTarget: proxy.target,
      poolSize: plan.pool.poolSize,
      allocatedStorageGiB: args.allocatedStorageGiB,
      instances: [
        { subject: "postgres-primary", identifier: args.identifier, memoryGiB: plan.primaryMemoryGiB, replica: false, resource: this.primary },
        ...plan.replicas.map((r, i) => ({ subject: `postgres-replica-${r.index}`, identifier: r.identifier, memoryGiB: r.memoryGiB, replica: true, resource: this.replicas[i] })),
      ],
    }, this);

    this.registerOutputs({
      writerEndpoint: this.writerEndpoint, readerEndpoints: this.readerEndpoints, adminSecretArn: this.adminSecretArn,
      connectPolicyArn: this.connectPolicyArn, port: this.port, poolUsername: this.poolUsername,
    });
  }
}
