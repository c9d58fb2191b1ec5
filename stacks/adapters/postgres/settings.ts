import { DATABASE_DEFAULTS, POSTGRES_ENGINE, type PostgresParameterSettings } from "../../../components/rds";
import type { PostgresProfile } from "./profiles";
import type { PostgresConfig } from "./schema";

/** What the stack deploys on RDS: its config over the tier over the component's defaults. */
export interface PostgresSettings {
  readonly enabled: boolean;
  readonly engineVersion: string;
  readonly instanceClass: string;
  /** Undefined: the primary's class (the component's default). */
  readonly replicaInstanceClass?: string;
  readonly replicas: number;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly backupRetentionDays: number;
  readonly minBackupRetentionDays: number;
  readonly databaseName: string;
  readonly adminUsername: string;
  readonly allowedSecurityGroupIds: readonly string[];
  readonly adminSecurityGroupIds: readonly string[];
  /** Undefined: the CIDR of the VPC the stack creates (the deployment fills it in). */
  readonly allowedCidrBlocks?: readonly string[];
  readonly parameters: PostgresParameterSettings;
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
  readonly applyImmediately: boolean;
  readonly retainAutomatedBackups: boolean;
  readonly secretRecoveryWindowDays: number;
}

export function postgresSettings(c: PostgresConfig, profile: PostgresProfile): PostgresSettings {
  const d = DATABASE_DEFAULTS;
  const givenParameters = Object.entries(c.parameters).filter(([, value]) => value !== undefined);
  return {
    enabled: c.enabled ?? profile.enabled,
    engineVersion: c.engineVersion ?? profile.engineVersion,
    instanceClass: c.instanceClass ?? profile.instanceClass,
    replicaInstanceClass: c.replicaInstanceClass,
    replicas: c.replicas ?? profile.replicas ?? d.replicas,
    allocatedStorageGiB: c.allocatedStorageGiB ?? profile.allocatedStorageGiB,
    maxAllocatedStorageGiB: c.maxAllocatedStorageGiB ?? profile.maxAllocatedStorageGiB,
    backupRetentionDays: c.backupRetentionDays ?? profile.backupRetentionDays,
    minBackupRetentionDays: profile.minBackupRetentionDays,
    databaseName: c.databaseName ?? d.databaseName,
    adminUsername: c.adminUsername ?? d.adminUsername,
    allowedSecurityGroupIds: c.allowedSecurityGroupIds,
    adminSecurityGroupIds: c.adminSecurityGroupIds,
    allowedCidrBlocks: c.allowedCidrBlocks,
    parameters: { ...POSTGRES_ENGINE.defaultSettings, maxConnections: profile.maxConnections, ...Object.fromEntries(givenParameters) },
    performanceInsightsRetentionDays: profile.performanceInsightsRetentionDays ?? d.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: profile.monitoringIntervalSeconds ?? d.monitoringIntervalSeconds,
    applyImmediately: profile.applyImmediately ?? d.applyImmediately,
    retainAutomatedBackups: profile.retainAutomatedBackups ?? d.retainAutomatedBackups,
    secretRecoveryWindowDays: profile.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
  };
}
