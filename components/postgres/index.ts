import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { postgresAlarms } from "./alarms";
import { type PostgresArgs, resolvePostgresArgs } from "./args";
import { adminSecret, adminSecretValueAndRotation } from "./credentials";
import { eventSubscriptions } from "./events";
import { type InstanceShared, primaryInstance } from "./instance";
import { monitoringRole } from "./monitoring-role";
import type { PostgresPlan } from "./plan";
import { databaseConnectPolicy, proxyResourceId } from "./policies";
import { poolingProxy } from "./proxy";
import { readReplicas } from "./replicas";
import { databaseSecurityGroups } from "./security-groups";

export { INSTANCE_CLASS_MEMORY_GIB, instanceClassProblem, instanceMemoryGiB } from "./instance-classes";
export { DEFAULT_PARAMETER_SETTINGS, PARAMETER_LIMITS, type ParameterSpec, type PostgresParameterSettings, postgresParameters, RESERVED_CONNECTIONS, STATIC_PARAMETERS } from "./parameters";
export {
  applyPostgresDefaults, DEFAULT_BACKUP_WINDOW, DEFAULT_MAINTENANCE_WINDOW, type PostgresArgs, POSTGRES_DEFAULTS, resolvePostgresArgs,
  type ResolvedPostgresArgs,
} from "./args";
export {
  type PlanInput, planPostgres, planProblems, POSTGRES_MAJORS, POSTGRES_MAX_REPLICAS, POSTGRES_STORAGE_GIB, type PostgresPlan,
  proxyEngineProblem, RDS_PROXY_POSTGRES_MAJORS, RESERVED_USERNAMES,
} from "./plan";
export { type ProxyPool, proxyPool } from "./pool";
export { databaseConnectPolicy, enhancedMonitoringPolicyArn, proxyResourceId, serviceAssumeRolePolicy } from "./policies";
export { EVENT_CATEGORIES, type EventTopics } from "./events";
export { poolRoleBootstrapSql } from "./credentials";
export { EXPORTED_LOGS } from "./instance";
export type { DatabaseClients, SecretsManagerRoute } from "./security-groups";

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
    const a = resolvePostgresArgs(name, args);
    const { plan, databaseName, adminUsername, poolUsername, backupRetentionDays, performanceInsightsRetentionDays, monitoringIntervalSeconds, logRetentionDays } = a;
    super("sparki:postgres:Postgres", name, {}, opts);
    this.plan = plan;
    this.port = a.port;
    this.databaseName = databaseName;
    this.adminUsername = adminUsername;
    this.poolUsername = poolUsername;

    const groups = databaseSecurityGroups(name, {
      vpcId: a.vpcId, port: this.port, withReplicas: plan.replicas.length > 0, secretsManager: a.secretsManager,
      adminSecurityGroupIds: a.adminSecurityGroupIds,
      clients: a.clients,
    }, this);
    const subnets = new aws.rds.SubnetGroup(name, {
      name, description: "Sparki PostgreSQL private subnets", subnetIds: a.subnetIds,
    }, { parent: this });
    // Name prefix: a new family (major upgrade) creates the new group before the old one is deleted.
    const parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, {
      namePrefix: `${a.identifier}-${plan.family}-`,
      family: plan.family,
      description: `Sparki PostgreSQL ${plan.major}: pg_stat_statements, TLS only, vacuum tuned for bloat`,
      parameters: [...plan.parameters],
    }, { parent: this });
    const monitoring = monitoringRole(name, a, this);
    const admin = adminSecret(name, {
      identifier: a.identifier, adminUsername, kmsKeyArn: a.kmsKeyArn, recoveryWindowDays: plan.secretRecoveryWindowDays, protect: a.protect,
    }, this);

    const shared: InstanceShared = {
      kmsKeyArn: a.kmsKeyArn,
      parameterGroupName: parameterGroup.name,
      port: this.port,
      maxAllocatedStorageGiB: a.maxAllocatedStorageGiB,
      performanceInsightsRetentionDays,
      monitoringIntervalSeconds,
      monitoringRoleArn: monitoring.role.arn,
      maintenanceWindow: plan.maintenanceWindow,
      deletionProtection: a.deletionProtection,
      applyImmediately: a.applyImmediately,
      logRetentionDays,
      dependsOn: [monitoring.attachment],
    };
    this.primary = primaryInstance(name, {
      identifier: a.identifier,
      engineVersion: a.engineVersion,
      instanceClass: a.instanceClass,
      allocatedStorageGiB: a.allocatedStorageGiB,
      multiAz: a.multiAz,
      availabilityZone: plan.primaryZone,
      subnetGroupName: subnets.name,
      securityGroupId: groups.primary.id,
      databaseName,
      adminUsername,
      adminPassword: admin.initialPassword,
      backupRetentionDays,
      backupWindow: plan.backupWindow,
      retainAutomatedBackups: a.retainAutomatedBackups,
      protect: a.protect,
    }, shared, this);
    this.replicas = groups.replicas
      ? readReplicas(name, { sourceIdentifier: this.primary.identifier, replicas: plan.replicas, securityGroupId: groups.replicas.id }, shared, this)
      : [];

    adminSecretValueAndRotation(name, admin, {
      region: a.region, identifier: a.identifier, adminUsername, databaseName, port: this.port, kmsKeyArn: a.kmsKeyArn,
      rotationDays: plan.passwordRotationDays, primary: this.primary, subnetIds: a.subnetIds, rotationSecurityGroupId: groups.rotation.id,
    }, this);
    this.adminSecretArn = admin.secret.arn;
    const proxy = poolingProxy(name, {
      accountId: a.accountId,
      region: a.region,
      proxyName: plan.proxyName,
      targetIdentifier: this.primary.identifier,
      targetResourceId: this.primary.resourceId,
      poolUsername,
      kmsKeyArn: a.kmsKeyArn,
      subnetIds: a.subnetIds,
      securityGroupId: groups.proxy.id,
      pool: plan.pool,
      logRetentionDays: shared.logRetentionDays,
    }, this);
    this.proxy = proxy.proxy;
    // Applications log in as the pool role with IAM tokens: to the proxy (writes) and to each replica (reads).
    const connectPolicy = new aws.iam.Policy(`${name}-connect`, {
      name: `${a.identifier}-connect`,
      description: `Connect to ${plan.proxyName} and the read replicas as ${poolUsername} with IAM tokens: attach to application roles`,
      policy: pulumi.all([proxy.proxy.arn, ...this.replicas.map((r) => r.resourceId)]).apply(([proxyArn, ...replicaIds]) =>
        JSON.stringify(databaseConnectPolicy({ ...a, dbResourceIds: [proxyResourceId(proxyArn), ...replicaIds], username: poolUsername }))),
    }, { parent: this });
    this.connectPolicyArn = connectPolicy.arn;
    this.writerEndpoint = proxy.endpoint;
    this.readerEndpoints = pulumi.all(this.replicas.map((r) => r.address));

    eventSubscriptions(name, [this.primary.identifier, ...this.replicas.map((r) => r.identifier)], a.eventTopicArns, this);
    this.dashboard = postgresAlarms({
      context: a.alarms,
      proxyName: plan.proxyName,
      proxyTarget: proxy.target,
      poolSize: plan.pool.poolSize,
      allocatedStorageGiB: a.allocatedStorageGiB,
      instances: [
        { subject: "postgres-primary", identifier: a.identifier, memoryGiB: plan.primaryMemoryGiB, replica: false, resource: this.primary },
        ...plan.replicas.map((r, i) => ({ subject: `postgres-replica-${r.index}`, identifier: r.identifier, memoryGiB: r.memoryGiB, replica: true, resource: this.replicas[i] })),
      ],
    }, this);

    this.registerOutputs({
      writerEndpoint: this.writerEndpoint, readerEndpoints: this.readerEndpoints, adminSecretArn: this.adminSecretArn,
      poolUsername: this.poolUsername, connectPolicyArn: this.connectPolicyArn, port: this.port, databaseName: this.databaseName,
      adminUsername: this.adminUsername,
    });
  }
}
