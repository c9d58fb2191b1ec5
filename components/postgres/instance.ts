import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** Logs every instance exports to CloudWatch Logs (Security Hub RDS.9 wants `postgresql`). */
export const EXPORTED_LOGS = ["postgresql", "upgrade"] as const;

/** Settings the primary and every replica share, so replicas are monitored and encrypted exactly alike. */
export interface InstanceShared {
  /** Customer KMS key for storage, Performance Insights and logs. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Name of the DB parameter group. No default. */
  readonly parameterGroupName: pulumi.Input<string>;
  /** PostgreSQL port. No default. */
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

export function sharedInstanceInputs(shared: InstanceShared) {
  return {
    storageType: "gp3",
    storageEncrypted: true,
    kmsKeyId: shared.kmsKeyArn,
    maxAllocatedStorage: shared.maxAllocatedStorageGiB,
    parameterGroupName: shared.parameterGroupName,
    port: shared.port,
    publiclyAccessible: false,
    iamDatabaseAuthenticationEnabled: true,
    caCertIdentifier: "rds-ca-rsa2048-g1",
    autoMinorVersionUpgrade: true,
    copyTagsToSnapshot: true,
    maintenanceWindow: shared.maintenanceWindow,
    deletionProtection: shared.deletionProtection,
    applyImmediately: shared.applyImmediately,
    // Supported on every RDS for PostgreSQL class, db.t4g.micro included ("Supported DB engines, Regions and
    // instance classes for Performance Insights": no class restriction for PostgreSQL, unlike MySQL/MariaDB's
    // t*.micro/small). After Performance Insights' end of life (2026-07-31) the API and its retention settings
    // remain and map to Database Insights Standard mode (RDS User Guide, "Turning Performance Insights on and
    // off"); 7 days and 93 (3 x 31) are both values that API accepts. Checked 2026-11-29.
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: shared.kmsKeyArn,
    performanceInsightsRetentionPeriod: shared.performanceInsightsRetentionDays,
    monitoringInterval: shared.monitoringIntervalSeconds,
    monitoringRoleArn: shared.monitoringRoleArn,
    enabledCloudwatchLogsExports: [...EXPORTED_LOGS],
  };
}

/**
 * The log groups RDS would otherwise create on first export, without retention or our key. Created first so
 * RDS writes into them.
 */
export function instanceLogGroups(name: string, identifier: string, shared: InstanceShared, parent: pulumi.Resource): aws.cloudwatch.LogGroup[] {
  return EXPORTED_LOGS.map((log) => new aws.cloudwatch.LogGroup(`${name}-${log}-logs`, {
    name: `/aws/rds/instance/${identifier}/${log}`,
    retentionInDays: shared.logRetentionDays,
    kmsKeyId: shared.kmsKeyArn,
  }, { parent }));
}

export interface PrimaryArgs {
  /** Physical DB identifier. No default. */
  readonly identifier: string;
  /** Engine version, a major or `major.minor`. No default. */
  readonly engineVersion: string;
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
  /** Database created with the instance. No default. */
  readonly databaseName: string;
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
    ...sharedInstanceInputs(shared),
    identifier: args.identifier,
    engine: "postgres",
    engineVersion: args.engineVersion,
    // Majors change only when config changes engineVersion (with the parameter group family); never by surprise.
    allowMajorVersionUpgrade: true,
    instanceClass: args.instanceClass,
    allocatedStorage: args.allocatedStorageGiB,
    multiAz: args.multiAz,
    availabilityZone: args.availabilityZone,
    dbSubnetGroupName: args.subnetGroupName,
    vpcSecurityGroupIds: [args.securityGroupId],
    dbName: args.databaseName,
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
