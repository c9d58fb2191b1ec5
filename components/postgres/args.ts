import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import type { AccountScope } from "../common/aws";
import type { EventTopics } from "./events";
import { DEFAULT_PARAMETER_SETTINGS, type PostgresParameterSettings } from "./parameters";
import { planPostgres, type PostgresPlan } from "./plan";
import type { DatabaseClients, SecretsManagerRoute } from "./security-groups";

/** Daily automated-backup window, UTC, when none is given. */
export const DEFAULT_BACKUP_WINDOW = "02:00-03:00";
/** Weekly maintenance window, UTC, when none is given: after the backup window, on the quietest day. */
export const DEFAULT_MAINTENANCE_WINDOW = "sun:03:30-sun:04:30";

export interface PostgresArgs extends AccountScope {
  /**
   * Physical DB identifier of the primary, e.g. `sparki-<env>-postgres`: replicas are `<identifier>-replica-<n>`,
   * the proxy `<identifier>-proxy`. Explicit so alarms and dashboards know their dimensions at preview.
   * 1-50 lowercase letters, digits, hyphens. No default.
   */
  readonly identifier: string;
  /** Engine version 17 (18 is refused until RDS Proxy documents it): a major (RDS picks and upgrades the minor) or `major.minor`. No default. */
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
   * (`poolRoleBootstrapSql`, docs/components.md). Same rules as `adminUsername`, different from it. Default: `sparki_app`.
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

/** The arguments that have a fixed default, and that default (each documented on {@link PostgresArgs}). */
export const POSTGRES_DEFAULTS = {
  replicas: 0,
  multiAz: false,
  databaseName: "sparki",
  adminUsername: "sparki_admin",
  poolUsername: "sparki_app",
  adminSecurityGroupIds: [],
  passwordRotationDays: 30,
  secretRecoveryWindowDays: 30,
  port: 5432,
  backupRetentionDays: 7,
  backupWindow: DEFAULT_BACKUP_WINDOW,
  maintenanceWindow: DEFAULT_MAINTENANCE_WINDOW,
  deletionProtection: false,
  protect: false,
  retainAutomatedBackups: false,
  applyImmediately: false,
  performanceInsightsRetentionDays: 7,
  monitoringIntervalSeconds: 60,
  logRetentionDays: 7,
  parameters: DEFAULT_PARAMETER_SETTINGS,
} as const satisfies Partial<PostgresArgs>;

/** Every argument with its default applied: what the planner and the resources are built from. */
export interface ResolvedPostgresArgs extends Required<Omit<PostgresArgs, "clients" | "parameters">> {
  readonly clients: DatabaseClients;
  readonly parameters: PostgresParameterSettings;
}

/** `args` with {@link POSTGRES_DEFAULTS} wherever an argument is absent (an absent parameter keeps its default). */
export function applyPostgresDefaults(args: PostgresArgs): ResolvedPostgresArgs {
  const d = POSTGRES_DEFAULTS;
  const givenParameters = Object.entries(args.parameters ?? {}).filter(([, value]) => value !== undefined);
  return {
    ...args,
    replicaInstanceClass: args.replicaInstanceClass ?? args.instanceClass,
    replicas: args.replicas ?? d.replicas,
    multiAz: args.multiAz ?? d.multiAz,
    clients: { securityGroupIds: args.clients?.securityGroupIds ?? [], cidrBlocks: args.clients?.cidrBlocks ?? [] },
    databaseName: args.databaseName ?? d.databaseName,
    adminUsername: args.adminUsername ?? d.adminUsername,
    poolUsername: args.poolUsername ?? d.poolUsername,
    adminSecurityGroupIds: args.adminSecurityGroupIds ?? d.adminSecurityGroupIds,
    passwordRotationDays: args.passwordRotationDays ?? d.passwordRotationDays,
    secretRecoveryWindowDays: args.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
    port: args.port ?? d.port,
    backupRetentionDays: args.backupRetentionDays ?? d.backupRetentionDays,
    backupWindow: args.backupWindow ?? d.backupWindow,
    maintenanceWindow: args.maintenanceWindow ?? d.maintenanceWindow,
    deletionProtection: args.deletionProtection ?? d.deletionProtection,
    protect: args.protect ?? d.protect,
    retainAutomatedBackups: args.retainAutomatedBackups ?? d.retainAutomatedBackups,
    applyImmediately: args.applyImmediately ?? d.applyImmediately,
    performanceInsightsRetentionDays: args.performanceInsightsRetentionDays ?? d.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: args.monitoringIntervalSeconds ?? d.monitoringIntervalSeconds,
    logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
    parameters: { ...d.parameters, ...Object.fromEntries(givenParameters) },
  };
}

/**
 * The arguments with every default applied, once, and the plan built from them (placement, sizes, parameters).
 * Throws one Error listing every problem, before anything is registered.
 */
export function resolvePostgresArgs(name: string, args: PostgresArgs): ResolvedPostgresArgs & { readonly plan: PostgresPlan } {
  const resolved = applyPostgresDefaults(args);
  let plan: PostgresPlan;
  try {
    plan = planPostgres({ ...resolved, clientCidrBlocks: resolved.clients.cidrBlocks });
  } catch (error) {
    throw new Error(`Postgres ${name}: ${(error as Error).message}`);
  }
  if ("cidrBlocks" in resolved.secretsManager && resolved.secretsManager.cidrBlocks.length === 0) {
    throw new Error(`Postgres ${name}: secretsManager.cidrBlocks must list at least one block (the admin secret's rotation calls Secrets Manager)`);
  }
  return { ...resolved, plan };
}
