import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { databaseAlarms, type WatchedPool } from "./alarms";
import { type RelationalDatabaseArgs, resolveDatabaseArgs } from "./args";
import { generatedSecret, secretValueAndRotation } from "./credentials";
import type { EngineProfile } from "./engines/types";
import { eventSubscriptions } from "./events";
import { type InstanceShared, primaryInstance } from "./instance";
import { monitoringRole } from "./monitoring-role";
import type { DatabasePlan } from "./plan";
import { databaseConnectPolicy, proxyResourceId, secretReadPolicy } from "./policies";
import { poolingProxy } from "./proxy";
import { readReplicas } from "./replicas";
import { databaseSecurityGroups } from "./security-groups";

export * from "./engines";
export {
  applyDatabaseDefaults, DATABASE_DEFAULTS, type DatabaseArgsBase, DEFAULT_BACKUP_WINDOW, DEFAULT_MAINTENANCE_WINDOW, type MySqlDatabaseArgs,
  type PostgresDatabaseArgs, type RelationalDatabaseArgs, type ResolvedDatabase, type ResolvedDatabaseArgs, resolveDatabaseArgs,
  type SqlServerDatabaseArgs, withDefaults,
} from "./args";
export { type DatabasePlan, minimumStorageCeilingGiB, type PlanInput, planDatabase, planProblems, type PlannedReplica, proxyEngineProblem } from "./plan";
export { type ProxyPool, proxyPool } from "./pool";
export { databaseConnectPolicy, enhancedMonitoringPolicyArn, proxyResourceId, secretReadPolicy, serviceAssumeRolePolicy } from "./policies";
export { EVENT_CATEGORIES, type EventTopics } from "./events";
export type { DatabaseClients, SecretsManagerRoute } from "./security-groups";

/** Parameter and option group names take letters, digits and hyphens only (RDS API Reference, CreateDBParameterGroup). */
const groupNamePart = (family: string) => family.replace(/\./g, "-");

/**
 * A relational database on RDS, one engine profile per engine (components/rds/engines): a primary behind RDS Proxy
 * where RDS Proxy can front the engine, read replicas in their own zones, a parameter group that enforces TLS
 * and observability, generated rotating credentials, the matrix alarms and a dashboard row.
 *
 * The type token comes from the engine profile: PostgreSQL keeps `sparki:postgres:Postgres`, the token it was
 * deployed under, so generalising the component moved no URN of a running stack (every child's URN embeds it).
 */
export class RelationalDatabase extends pulumi.ComponentResource {
  readonly engine: EngineProfile<unknown>;
  readonly plan: DatabasePlan;
  /** Physical DB identifier of the primary (the replicas' are in plan.replicas). */
  readonly identifier: string;
  readonly primary: aws.rds.Instance;
  readonly replicas: readonly aws.rds.Instance[];
  /** RDS Proxy; undefined where the engine runs without it (SQL Server 2022). */
  readonly proxy?: aws.rds.Proxy;
  /** Where every write (and any read that must see it) goes: the proxy, or the primary without one. */
  readonly writerEndpoint: pulumi.Output<string>;
  /** The replicas' own endpoints, in replica order; empty without replicas. */
  readonly readerEndpoints: pulumi.Output<string[]>;
  /** ARN of the admin's secret (`username`, `password`, host, port): the one-time bootstrap, break-glass. */
  readonly adminSecretArn: pulumi.Output<string>;
  /** The user applications connect as: with IAM tokens where the engine has IAM authentication, else with poolSecretArn's password. */
  readonly poolUsername: string;
  /** ARN of the pool user's rotating secret; undefined where the pool user logs in with IAM tokens. */
  readonly poolSecretArn?: pulumi.Output<string>;
  /**
   * ARN of the managed policy to attach to application roles: `rds-db:connect` as the pool user to the proxy and
   * the replicas, or (without IAM authentication) reading the pool user's secret.
   */
  readonly connectPolicyArn: pulumi.Output<string>;
  /** The admin's one-time statements that create the pool user (and, on SQL Server, the database). */
  readonly bootstrapSql: string;
  readonly port: number;
  readonly databaseName: string;
  readonly adminUsername: string;
  /** Days RDS keeps the primary's automated backups (the disaster-recovery copies default to as many). */
  readonly backupRetentionDays: number;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: RelationalDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveDatabaseArgs(name, args);
    const { engine, plan, databaseName, adminUsername, poolUsername, backupRetentionDays, performanceInsightsRetentionDays, monitoringIntervalSeconds, logRetentionDays } = a;
    super(engine.typeToken, name, {}, opts);
    this.engine = engine;
    this.plan = plan;
    this.identifier = a.identifier;
    this.port = a.port;
    this.databaseName = databaseName;
    this.adminUsername = adminUsername;
    this.backupRetentionDays = backupRetentionDays;
    this.poolUsername = poolUsername;
    this.bootstrapSql = engine.bootstrapSql(databaseName, poolUsername);
    const label = engine.label;
    const withProxy = engine.pooling.kind === "proxy";

    const groups = databaseSecurityGroups(name, {
      label, withProxy, vpcId: a.vpcId, port: this.port, withReplicas: plan.replicas.length > 0, secretsManager: a.secretsManager,
      adminSecurityGroupIds: a.adminSecurityGroupIds,
      clients: a.clients,
    }, this);
    const subnets = new aws.rds.SubnetGroup(name, {
      name, description: `Sparki ${label} private subnets`, subnetIds: a.subnetIds,
    }, { parent: this });
    // Name prefix: a new family (major upgrade) creates the new group before the old one is deleted.
    const parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, {
      namePrefix: `${a.identifier}-${groupNamePart(plan.family)}-`,
      family: plan.family,
      description: engine.parameterGroupDescription(plan.major),
      parameters: [...plan.parameters],
    }, { parent: this });
    // Never deleted by Pulumi (skipDestroy): RDS refuses to delete an option group any snapshot still names, and
    // automated and final snapshots always do (@pulumi/aws OptionGroup docs). A replaced group stays behind,
    // unused, until its snapshots expire.
    const optionGroup = engine.optionGroup && new aws.rds.OptionGroup(`${name}-options`, {
      namePrefix: `${a.identifier}-${groupNamePart(plan.family)}-`,
      engineName: plan.rdsEngine,
      majorEngineVersion: plan.major,
      optionGroupDescription: `Sparki ${label} ${plan.major}: ${engine.optionGroup.option}`,
      options: [{
        optionName: engine.optionGroup.option,
        optionSettings: Object.entries(engine.optionGroup.settings).map(([settingName, value]) => ({ name: settingName, value })),
      }],
      skipDestroy: true,
    }, { parent: this });
    const monitoring = monitoringRole(name, a, label, this);
    const secretArgs = { identifier: a.identifier, label, kmsKeyArn: a.kmsKeyArn, recoveryWindowDays: plan.secretRecoveryWindowDays, protect: a.protect };
    const admin = generatedSecret(name, "admin", { ...secretArgs, username: adminUsername }, this);

    const shared: InstanceShared = {
      kmsKeyArn: a.kmsKeyArn,
      parameterGroupName: parameterGroup.name,
      ...(optionGroup ? { optionGroupName: optionGroup.name } : {}),
      exportedLogs: engine.exportedLogs,
      iamDatabaseAuthentication: engine.iamDatabaseAuthentication,
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
      engine: plan.rdsEngine,
      engineVersion: a.engineVersion,
      licenseModel: engine.licenseModel,
      performanceInsights: plan.primaryPerformanceInsights,
      instanceClass: a.instanceClass,
      allocatedStorageGiB: a.allocatedStorageGiB,
      multiAz: a.multiAz,
      availabilityZone: plan.primaryZone,
      subnetGroupName: subnets.name,
      securityGroupId: groups.primary.id,
      databaseName: engine.databaseCreatedWithInstance ? databaseName : undefined,
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

    const rotation = {
      region: a.region, identifier: a.identifier, secretEngine: engine.secretEngine, template: engine.rotationTemplate,
      databaseName: engine.databaseCreatedWithInstance ? databaseName : undefined, port: this.port, kmsKeyArn: a.kmsKeyArn,
      rotationDays: plan.passwordRotationDays, primary: this.primary, subnetIds: a.subnetIds, rotationSecurityGroupId: groups.rotation.id,
    };
    secretValueAndRotation(name, admin, { ...rotation, username: adminUsername }, this);
    this.adminSecretArn = admin.secret.arn;

    let connectPolicyDocument: pulumi.Output<string>;
    let connectDescription: string;
    let pool: WatchedPool;
    if (engine.pooling.kind === "proxy" && groups.proxy && plan.pool) {
      const proxy = poolingProxy(name, {
        accountId: a.accountId,
        region: a.region,
        label,
        engineFamily: engine.pooling.engineFamily,
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
      this.writerEndpoint = proxy.endpoint;
      // Applications log in as the pool role with IAM tokens: to the proxy (writes) and to each replica (reads).
      connectDescription = `Connect to ${plan.proxyName} and the read replicas as ${poolUsername} with IAM tokens: attach to application roles`;
      connectPolicyDocument = pulumi.all([proxy.proxy.arn, ...this.replicas.map((r) => r.resourceId)]).apply(([proxyArn, ...replicaIds]) =>
        JSON.stringify(databaseConnectPolicy({ ...a, dbResourceIds: [proxyResourceId(proxyArn), ...replicaIds], username: poolUsername })));
      pool = { subject: `${engine.matrixKey}-proxy`, proxyName: plan.proxyName, proxyTarget: proxy.target, poolSize: plan.pool.poolSize };
    } else {
      // No proxy and no IAM authentication: the application's login has a generated password in its own secret,
      // rotated by alternating users, which the admin (its secret the master) creates and changes.
      const poolSecret = generatedSecret(name, "pool", { ...secretArgs, username: poolUsername }, this);
      secretValueAndRotation(name, poolSecret, {
        ...rotation, username: poolUsername, template: engine.poolRotationTemplate ?? engine.rotationTemplate,
        ...(engine.poolRotationTemplate ? { masterSecret: { arn: admin.secret.arn, kmsKeyArn: a.kmsKeyArn } } : {}),
      }, this);
      this.poolSecretArn = poolSecret.secret.arn;
      this.writerEndpoint = this.primary.address;
      connectDescription = `Read ${poolUsername}'s login secret for ${a.identifier} (${label} has no IAM database authentication): attach to application roles`;
      connectPolicyDocument = pulumi.all([poolSecret.secret.arn, a.kmsKeyArn]).apply(([secretArn, kmsKeyArn]) =>
        JSON.stringify(secretReadPolicy({ ...a, secretArn, kmsKeyArn })));
      pool = { maxConnections: plan.maxConnections };
    }
    const connectPolicy = new aws.iam.Policy(`${name}-connect`, {
      name: `${a.identifier}-connect`,
      description: connectDescription,
      policy: connectPolicyDocument,
    }, { parent: this });
    this.connectPolicyArn = connectPolicy.arn;
    this.readerEndpoints = pulumi.all(this.replicas.map((r) => r.address));

    eventSubscriptions(name, [this.primary.identifier, ...this.replicas.map((r) => r.identifier)], a.eventTopicArns, this);
    const subject = engine.matrixKey;
    this.dashboard = databaseAlarms({
      context: a.alarms,
      title: label,
      thresholds: engine.thresholds,
      transactionIdAlarm: engine.transactionIdAlarm,
      freeableMemoryAlarm: engine.freeableMemoryAlarm,
      pool,
      allocatedStorageGiB: a.allocatedStorageGiB,
      instances: [
        { subject: `${subject}-primary`, identifier: a.identifier, memoryGiB: plan.primaryMemoryGiB, replica: false, resource: this.primary },
        ...plan.replicas.map((r, i) => ({ subject: `${subject}-replica-${r.index}`, identifier: r.identifier, memoryGiB: r.memoryGiB, replica: true, resource: this.replicas[i] })),
      ],
    }, this);

    this.registerOutputs({
      writerEndpoint: this.writerEndpoint, readerEndpoints: this.readerEndpoints, adminSecretArn: this.adminSecretArn,
      poolUsername: this.poolUsername, poolSecretArn: this.poolSecretArn, connectPolicyArn: this.connectPolicyArn, port: this.port,
      databaseName: this.databaseName, adminUsername: this.adminUsername,
    });
  }
}
