import { DATABASE_DEFAULTS } from "../../components/rds";
import type { RelationalProfile } from "./profiles";
import type { RelationalConfig } from "./schema";

/** What the stack deploys on RDS, for any engine: its config over the tier over the component's defaults. */
export interface RelationalSettings {
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
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
  readonly applyImmediately: boolean;
  readonly retainAutomatedBackups: boolean;
  readonly secretRecoveryWindowDays: number;
}

/** The settings every engine shares; each adapter adds its parameters (and SQL Server its edition). */
export function relationalSettings(c: RelationalConfig, profile: RelationalProfile): RelationalSettings {
  const d = DATABASE_DEFAULTS;
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
    performanceInsightsRetentionDays: profile.performanceInsightsRetentionDays ?? d.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: profile.monitoringIntervalSeconds ?? d.monitoringIntervalSeconds,
    applyImmediately: profile.applyImmediately ?? d.applyImmediately,
    retainAutomatedBackups: profile.retainAutomatedBackups ?? d.retainAutomatedBackups,
    secretRecoveryWindowDays: profile.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
  };
}

/** A parameter-settings object: the engine's defaults, the tier's, then every key config gave. */
export function parameterSettings<S>(defaults: S, tier: Partial<S>, given: Partial<S>): S {
  const defined = Object.entries(given).filter(([, value]) => value !== undefined);
  return { ...defaults, ...tier, ...Object.fromEntries(defined) };
}
