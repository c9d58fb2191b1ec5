import { DOCUMENTDB_DEFAULTS } from "../../../components/documentdb/args";
import type { AuditLogMode, TlsMode } from "../../../components/documentdb/engine";
import type { StackScope } from "../contract";
import type { MongoDbProfile } from "./profiles";
import type { MongoDbConfig } from "./schema";

/** What the stack deploys on DocumentDB: its config over the tier over the component's defaults. */
export interface MongoDbSettings {
  readonly enabled: boolean;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly instances: number;
  readonly minInstances: number;
  readonly backupRetentionDays: number;
  readonly minBackupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly tls: TlsMode;
  readonly auditLogs: AuditLogMode;
  readonly profilerThresholdMs: number;
  readonly databaseName: string;
  readonly collectionName: string;
  readonly masterUsername: string;
  readonly allowedSecurityGroupIds: readonly string[];
  /** Undefined: the created VPC's CIDR (an existing VPC must name clients; a rule says so). */
  readonly allowedCidrBlocks?: readonly string[];
  readonly finalSnapshot: boolean;
  readonly applyImmediately: boolean;
  readonly secretRecoveryWindowDays: number;
  /** The tier's zones and region, for the rules (the component spreads instances over them). */
  readonly availabilityZones: readonly string[];
  readonly region: string;
}

export function mongodbSettings(c: MongoDbConfig, p: MongoDbProfile, scope: StackScope): MongoDbSettings {
  const d = DOCUMENTDB_DEFAULTS;
  return {
    enabled: c.enabled ?? p.enabled,
    engineVersion: c.engineVersion ?? d.engineVersion,
    instanceClass: c.instanceClass ?? p.instanceClass,
    instances: c.instances ?? p.instances,
    minInstances: p.minInstances,
    backupRetentionDays: c.backupRetentionDays ?? p.backupRetentionDays,
    minBackupRetentionDays: p.minBackupRetentionDays,
    backupWindow: c.backupWindow ?? d.backupWindow,
    maintenanceWindow: c.maintenanceWindow ?? d.maintenanceWindow,
    tls: (c.tls ?? d.tls) as TlsMode,
    auditLogs: c.auditLogs ?? d.auditLogs,
    profilerThresholdMs: c.profilerThresholdMs ?? d.profilerThresholdMs,
    databaseName: c.databaseName ?? d.databaseName,
    collectionName: c.collectionName ?? d.collectionName,
    masterUsername: c.masterUsername ?? d.masterUsername,
    allowedSecurityGroupIds: c.allowedSecurityGroupIds,
    allowedCidrBlocks: c.allowedCidrBlocks,
    finalSnapshot: p.finalSnapshot,
    applyImmediately: p.applyImmediately,
    secretRecoveryWindowDays: p.secretRecoveryWindowDays,
    availabilityZones: scope.env.availabilityZones,
    region: scope.env.region,
  };
}
