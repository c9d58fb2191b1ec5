import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** Settings the primary and every replica share, so replicas are monitored and encrypted exactly alike. */
export interface InstanceShared {
  /** Customer KMS key for storage, Performance Insights and logs. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Name of the DB parameter group. No default. */
  readonly parameterGroupName: pulumi.Input<string>;
  /** Name of the option group, where the engine needs one. Default: the engine's default group. */
  readonly optionGroupName?: pulumi.Input<string>;
  /** Logs exported to CloudWatch Logs (the engine's). No default. */
  readonly exportedLogs: readonly string[];
  /** IAM database authentication (where the engine supports it). No default. */
  readonly iamDatabaseAuthentication: boolean;
  /** Database port. No default. */
  readonly port: number;
  /** Storage autoscaling ceiling, GiB. No default. */
  readonly maxAllocatedStorageGiB: number;
  /** Performance Insights retention, days. No default. */
  readonly performanceInsightsRetentionDays: number;
  /** Enhanced monitoring interval, seconds. No default. */
  readonly monitoringIntervalSeconds: number;
  /** ARN of the enhanced-monitoring role. No default. */
  readonly monitoringRoleArn: pulumi.Input<string>;
  /** Weekly maintenance window, UTC, `ddd:hh:mm-ddd:hh:mm`. No default. */
  readonly maintenanceWindow: string;
  /** Provider-side deletion protection. No default. */
  readonly deletionProtection: boolean;
  /** Apply changes now rather than in the maintenance window. No default. */
  readonly applyImmediately: boolean;
  /** Retention of the exported logs, days (a CloudWatch Logs retention). No default. */
  readonly logRetentionDays: number;
  /** What every instance waits for (the monitoring role's policy). No default. */
  readonly dependsOn: readonly pulumi.Resource[];
}

/** The inputs every instance shares; Performance Insights only where RDS offers it for the instance's class. */
export function sharedInstanceInputs(shared: InstanceShared, performanceInsights: boolean) {
  return {
    storageType: "gp3",
    storageEncrypted: true,
    kmsKeyId: shared.kmsKeyArn,
    maxAllocatedStorage: shared.maxAllocatedStorageGiB,
    parameterGroupName: shared.parameterGroupName,
    ...(shared.optionGroupName ? { optionGroupName: shared.optionGroupName } : {}),
    port: shared.port,
    publiclyAccessible: false,
    iamDatabaseAuthenticationEnabled: shared.iamDatabaseAuthentication,
    caCertIdentifier: "rds-ca-rsa2048-g1",
    autoMinorVersionUpgrade: true,
    copyTagsToSnapshot: true,
    maintenanceWindow: shared.maintenanceWindow,
    deletionProtection: shared.deletionProtection,
    applyImmediately: shared.applyImmediately,
    // Where each engine offers it is its profile's performanceInsightsProblem. After Performance Insights' end of
    // life (2026-07-31) the API and its retention settings remain and map to Database Insights Standard mode (RDS
    // User Guide, "Turning Performance Insights on and off"); 7 days and 93 (3 x 31) are both values that API
    // accepts. Checked 2026-11-29.
    ...(performanceInsights
      ? {
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: shared.kmsKeyArn,
        performanceInsightsRetentionPeriod: shared.performanceInsightsRetentionDays,
      }
      : { performanceInsightsEnabled: false }),
    monitoringInterval: shared.monitoringIntervalSeconds,
    monitoringRoleArn: shared.monitoringRoleArn,
    enabledCloudwatchLogsExports: [...shared.exportedLogs],
  };
}

/**
 * The log groups RDS would otherwise create on first export, without retention or our key. Created first so
 * RDS writes into them.
 */
export function instanceLogGroups(name: string, identifier: string, shared: InstanceShared, parent: pulumi.Resource): aws.cloudwatch.LogGroup[] {
  return shared.exportedLogs.map((log) => new aws.cloudwatch.LogGroup(`${name}-${log}-logs`, {
    name: `/aws/rds/instance/${identifier}/${log}`,
    retentionInDays: shared.logRetentionDays,
    kmsKeyId: shared.kmsKeyArn,
  }, { parent }));
}

export interface PrimaryArgs {
  /** Physical DB identifier. No default. */
  readonly identifier: string;
  /** RDS `engine`, e.g. `postgres`, `sqlserver-se`. No default. */
  readonly engine: string;
  /** Engine version, a major or a full version. No default. */
  readonly engineVersion: string;
  /** RDS `licenseModel`, where the engine needs one stated. Default: none. */
  readonly licenseModel?: string;
  /** Performance Insights on this instance's class. No default. */
  readonly performanceInsights: boolean;
  /** Instance class, e.g. `db.r7g.large`. No default. */
  readonly instanceClass: string;
  /** Initial gp3 storage, GiB. No default. */
  readonly allocatedStorageGiB: number;
  /** Synchronous standby with automatic failover. No default. */
  readonly multiAz: boolean;
  /** Zone to pin a single-AZ primary to. Default: RDS chooses (always with Multi-AZ). */
  readonly availabilityZone?: string;
  /** Name of the DB subnet group. No default. */
  readonly subnetGroupName: pulumi.Input<string>;
  /** The primary's security group (the proxy, the rotation function and the admin groups in). No default. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Database created with the instance; undefined where RDS refuses one (SQL Server). No default. */
  readonly databaseName: string | undefined;
  /** Admin user. No default. */
  readonly adminUsername: string;
  /** The admin's generated initial password; its secret's rotation owns it after create. No default. */
  readonly adminPassword: pulumi.Input<string>;
  /** Automated backup retention, days. No default. */
  readonly backupRetentionDays: number;
  /** Daily backup window, UTC, `hh:mm-hh:mm`. No default. */
  readonly backupWindow: string;
  /** Keep automated backups after the instance is deleted. No default. */
  readonly retainAutomatedBackups: boolean;
  /** Pulumi `protect`. No default. */
  readonly protect: boolean;
}

/**
 * The writer. Its admin password is generated (`@pulumi/random`), kept in our own KMS-encrypted secret and rotated
 * there; RDS-managed master passwords are out because RDS refuses replicas of such an instance. Pulumi sets the
 * password at create only (`ignoreChanges`), so an update never puts back a password rotation has replaced.
 */
export function primaryInstance(name: string, args: PrimaryArgs, shared: InstanceShared, parent: pulumi.Resource): aws.rds.Instance {
  const logs = instanceLogGroups(name, args.identifier, shared, parent);
  return new aws.rds.Instance(name, {
    ...sharedInstanceInputs(shared, args.performanceInsights),
    identifier: args.identifier,
    engine: args.engine,
    engineVersion: args.engineVersion,
    ...(args.licenseModel ? { licenseModel: args.licenseModel } : {}),
    // Majors change only when config changes engineVersion (with the parameter group family); never by surprise.
    allowMajorVersionUpgrade: true,
    instanceClass: args.instanceClass,
    allocatedStorage: args.allocatedStorageGiB,
    multiAz: args.multiAz,
    availabilityZone: args.availabilityZone,
    dbSubnetGroupName: args.subnetGroupName,
    vpcSecurityGroupIds: [args.securityGroupId],
    ...(args.databaseName === undefined ? {} : { dbName: args.databaseName }),
    username: args.adminUsername,
    password: args.adminPassword,
    backupRetentionPeriod: args.backupRetentionDays,
    backupWindow: args.backupWindow,
    deleteAutomatedBackups: !args.retainAutomatedBackups,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: `${args.identifier}-final`,
    tags: { Name: args.identifier, Role: "primary" },
  }, { parent, protect: args.protect, dependsOn: [...shared.dependsOn, ...logs], ignoreChanges: ["password"] });
}
