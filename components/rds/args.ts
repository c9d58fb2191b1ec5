import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import type { AccountScope } from "../common/aws";
import { ENGINES } from "./engines";
import type { MySqlParameterSettings } from "./engines/mysql-parameters";
import type { PostgresParameterSettings } from "./engines/postgres-parameters";
import type { SqlServerParameterSettings } from "./engines/sqlserver-parameters";
import type { EngineProfile, SqlServerEdition } from "./engines/types";
import type { EventTopics } from "./events";
import { type DatabasePlan, planDatabase } from "./plan";
import type { DatabaseClients, SecretsManagerRoute } from "./security-groups";

/** Daily automated-backup window, UTC, when none is given. */
export const DEFAULT_BACKUP_WINDOW = "02:00-03:00";
/** Weekly maintenance window, UTC, when none is given: after the backup window, on the quietest day. */
export const DEFAULT_MAINTENANCE_WINDOW = "sun:03:30-sun:04:30";

/** What every engine takes; {@link RelationalDatabaseArgs} adds the engine and its parameter settings. */
export interface DatabaseArgsBase extends AccountScope {
  /**
   * Physical DB identifier of the primary, e.g. `sparki-<env>-postgres`: replicas are `<identifier>-replica-<n>`,
   * the proxy `<identifier>-proxy`. Explicit so alarms and dashboards know their dimensions at preview.
   * 1-50 lowercase letters, digits, hyphens. No default.
   */
  readonly identifier: string;
  /**
   * Engine version: a major (RDS picks and upgrades the minor) or a full version. PostgreSQL 17 (18 is refused
   * until RDS Proxy documents it), MySQL 8.4, SQL Server 16.00 (2022). No default.
   */
  readonly engineVersion: string;
  /** Primary instance class; a class of the engine's memory table (engines/instance-classes.ts), e.g. `db.r7g.large`. No default. */
  readonly instanceClass: string;
  /** Replica instance class. Default: `instanceClass`. */
  readonly replicaInstanceClass?: string;
  /** Read replicas, each in its own zone, up to the engine's maximum (PostgreSQL 5). Default: 0. */
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
  /** Initial gp3 storage, GiB, in the engine's range (PostgreSQL and MySQL 20..65536, SQL Server 20..16384). No default. */
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling, GiB, at least 10 % above `allocatedStorageGiB` (RDS's minimum margin). No default. */
  readonly maxAllocatedStorageGiB: number;
  /** Database created with the instance. Default: `sparki`. */
  readonly databaseName?: string;
  /** Admin user (not a name the engine reserves); its generated password lives in the admin secret, rotated. Default: `sparki_admin`. */
  readonly adminUsername?: string;
  /**
   * The user applications connect as, through RDS Proxy: with IAM tokens (no password) where the engine supports
   * IAM authentication, else with a generated password in its own rotating secret. Created once by the admin
   * (`bootstrapSql`, docs/components.md). Same rules as `adminUsername`, different from it. Default: `sparki_app`.
   */
  readonly poolUsername?: string;
  /** Security groups admitted straight to the primary on the port, for the admin only (bootstrap, break-glass). Default: none. */
  readonly adminSecurityGroupIds?: readonly string[];
  /** Days between rotations of the generated passwords, 1..1000. Default: 30 days. */
  readonly passwordRotationDays?: number;
  /** Days Secrets Manager keeps the deleted admin secret recoverable: 0 or 7..30. Default: 30 days. */
  readonly secretRecoveryWindowDays?: number;
  /**
   * Port of the instances. Default: the engine's (PostgreSQL 5432, MySQL 3306, SQL Server 1433). Behind RDS Proxy
   * only the default is accepted: the proxy listens on it whatever the database's port.
   */
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
  /** Retention of the exported engine and proxy logs, days: a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, ...). Default: 7 days. */
  readonly logRetentionDays?: number;
  /** Customer KMS key for storage, the admin secret, Performance Insights and logs. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Where alarms report and how they evaluate. No default. */
  readonly alarms: AlarmContext;
  /**
   * Topics for RDS events (EVENT_CATEGORIES): failure, failover and low storage to `critical`; maintenance,
   * configuration change, read replica (and failure again, for RDS.20) to `warning`. No default.
   */
  readonly eventTopicArns: EventTopics;
}

/** PostgreSQL (the default engine). */
export interface PostgresDatabaseArgs extends DatabaseArgsBase {
  /** The engine. Default: `postgres`. */
  readonly engine?: "postgres";
  /** Parameter-group overrides. Default: the engine's defaultSettings (engines/postgres-parameters.ts). */
  readonly parameters?: Partial<PostgresParameterSettings>;
}

/** MySQL. */
export interface MySqlDatabaseArgs extends DatabaseArgsBase {
  /** The engine. No default. */
  readonly engine: "mysql";
  /** Parameter-group overrides. Default: the engine's defaultSettings (engines/mysql-parameters.ts). */
  readonly parameters?: Partial<MySqlParameterSettings>;
}

/** SQL Server. */
export interface SqlServerDatabaseArgs extends DatabaseArgsBase {
  /** The engine. No default. */
  readonly engine: "sqlserver";
  /** Edition: `ex` Express and `web` Web are dev-only (no Multi-AZ), `se` Standard, `ee` Enterprise (read replicas). No default. */
  readonly edition: SqlServerEdition;
  /** Parameter-group overrides. Default: the engine's defaultSettings (engines/sqlserver-parameters.ts). */
  readonly parameters?: Partial<SqlServerParameterSettings>;
}

export type RelationalDatabaseArgs = PostgresDatabaseArgs | MySqlDatabaseArgs | SqlServerDatabaseArgs;

/** The arguments that have a fixed default, and that default (each documented on {@link DatabaseArgsBase}). */
export const DATABASE_DEFAULTS = {
  replicas: 0,
  multiAz: false,
  databaseName: "sparki",
  adminUsername: "sparki_admin",
  poolUsername: "sparki_app",
  adminSecurityGroupIds: [],
  passwordRotationDays: 30,
  secretRecoveryWindowDays: 30,
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
} as const satisfies Partial<DatabaseArgsBase>;

/** Every argument with its default applied: what the planner and the resources are built from. */
export interface ResolvedDatabaseArgs extends Required<Omit<DatabaseArgsBase, "clients">> {
  readonly clients: DatabaseClients;
  /** SQL Server only. */
  readonly edition?: SqlServerEdition;
}

/** `args` with {@link DATABASE_DEFAULTS} (and the engine's port) wherever an argument is absent. */
export function applyDatabaseDefaults(args: DatabaseArgsBase, defaultPort: number): ResolvedDatabaseArgs {
  const d = DATABASE_DEFAULTS;
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
    port: args.port ?? defaultPort,
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
  };
}

/** Settings after defaults: the engine's defaults with every given (defined) override on top. */
export function withDefaults<S>(defaults: S, given: Partial<S> | undefined): S {
  const defined = Object.entries(given ?? {}).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(defined) };
}

/** The resolved arguments, the engine they are for and the plan built from them. */
export interface ResolvedDatabase extends ResolvedDatabaseArgs {
  readonly engine: EngineProfile<unknown>;
  readonly plan: DatabasePlan;
}

function resolveFor<S>(name: string, engine: EngineProfile<S>, args: DatabaseArgsBase, given: Partial<S> | undefined, edition?: SqlServerEdition): ResolvedDatabase {
  const resolved = { ...applyDatabaseDefaults(args, engine.defaultPort), ...(edition ? { edition } : {}) };
  let plan: DatabasePlan;
  try {
    plan = planDatabase(engine, { ...resolved, parameters: withDefaults(engine.defaultSettings, given), clientCidrBlocks: resolved.clients.cidrBlocks });
  } catch (error) {
    throw new Error(`${engine.errorPrefix} ${name}: ${(error as Error).message}`);
  }
  if ("cidrBlocks" in resolved.secretsManager && resolved.secretsManager.cidrBlocks.length === 0) {
    throw new Error(`${engine.errorPrefix} ${name}: secretsManager.cidrBlocks must list at least one block (the admin secret's rotation calls Secrets Manager)`);
  }
  return { ...resolved, engine, plan };
}

/**
 * The arguments with every default applied, once, and the plan built from them (placement, sizes, parameters).
 * Throws one Error listing every problem, before anything is registered.
 */
export function resolveDatabaseArgs(name: string, args: RelationalDatabaseArgs): ResolvedDatabase {
  switch (args.engine) {
    case "mysql": return resolveFor(name, ENGINES.mysql, args, args.parameters);
    case "sqlserver": return resolveFor(name, ENGINES.sqlserver, args, args.parameters, args.edition);
    default: return resolveFor(name, ENGINES.postgres, args, args.parameters);
  }
}
