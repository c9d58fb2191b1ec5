import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** Logs every instance exports to CloudWatch Logs (Security Hub RDS.9 wants `postgresql`). */
export const EXPORTED_LOGS = ["postgresql", "upgrade"] as const;

/** Settings the primary and every replica share, so replicas are monitored and encrypted exactly alike. */
export interface InstanceShared {
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly parameterGroupName: pulumi.Input<string>;
  readonly port: number;
  readonly maxAllocatedStorageGiB: number;
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
  readonly monitoringRoleArn: pulumi.Input<string>;
  readonly maintenanceWindow: string;
  readonly deletionProtection: boolean;
  readonly applyImmediately: boolean;
  readonly logRetentionDays: number;
  /** What every instance waits for (the monitoring role's policy). */
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
  readonly identifier: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly multiAz: boolean;
  readonly availabilityZone?: string;
  readonly subnetGroupName: pulumi.Input<string>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly databaseName: string;
  readonly adminUsername: string;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly retainAutomatedBackups: boolean;
  readonly protect: boolean;
}

/**
 * The writer. The admin password never passes through Pulumi: RDS generates it into a Secrets Manager secret
 * encrypted with our key and rotates it (every 7 days by default).
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
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: shared.kmsKeyArn,
    backupRetentionPeriod: args.backupRetentionDays,
    backupWindow: args.backupWindow,
    deleteAutomatedBackups: !args.retainAutomatedBackups,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: `${args.identifier}-final`,
    tags: { Name: args.identifier, Role: "primary" },
  }, { parent, protect: args.protect, dependsOn: [...shared.dependsOn, ...logs] });
}
