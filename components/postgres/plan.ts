import { CLIENT_CIDR_RULE, privateCidrProblem } from "../common/cidr";
import { logRetentionProblem } from "../common/log-retention";
import { DAILY_WINDOW, WEEKLY_WINDOW, windowPairProblem } from "../common/windows";
import { instanceClassProblem, instanceMemoryGiB } from "./instance-classes";
import { type ParameterSpec, parameterSettingsProblems, type PostgresParameterSettings, postgresParameters } from "./parameters";
import { type ProxyPool, proxyPool } from "./pool";

/** RDS for PostgreSQL majors this component knows; it deploys only those in RDS_PROXY_POSTGRES_MAJORS. */
export const POSTGRES_MAJORS = ["17", "18"] as const;
/**
 * Engine rule: the RDS for PostgreSQL majors RDS Proxy is documented to support, each with where that is written.
 * A major missing here is refused before anything is registered, since the proxy (the only way applications reach
 * the primary) would fail to register it as a target. Checked 2026-11-29: AWS documents 17 (RDS User Guide,
 * "Document history", 2024-11-15: "Amazon RDS Proxy supports RDS for PostgreSQL 17"); no page read from here
 * documents 18, so 18 waits until one does (add it with its source).
 */
export const RDS_PROXY_POSTGRES_MAJORS: Readonly<Partial<Record<(typeof POSTGRES_MAJORS)[number], string>>> = {
  "17": "RDS User Guide, Document history, 2024-11-15: Amazon RDS Proxy supports RDS for PostgreSQL 17",
};

/** Why RDS Proxy cannot front this engine version, or undefined when it is documented to. */
export function proxyEngineProblem(engineVersion: string): string | undefined {
  const major = engineVersion.split(".")[0] as (typeof POSTGRES_MAJORS)[number];
  if (RDS_PROXY_POSTGRES_MAJORS[major] !== undefined) return undefined;
  return `${major}: RDS Proxy support for RDS for PostgreSQL ${major} is not documented (checked 2026-11-29; documented: ${Object.keys(RDS_PROXY_POSTGRES_MAJORS).join(", ")}); use 17, or add ${major} to RDS_PROXY_POSTGRES_MAJORS with its source once AWS documents it`;
}

/** gp3 allocated storage RDS for PostgreSQL accepts, GiB. */
export const POSTGRES_STORAGE_GIB = { min: 20, max: 65_536 } as const;
/** Read replicas per primary (the RDS default quota). */
export const POSTGRES_MAX_REPLICAS = 5;
/** Admin names PostgreSQL or RDS reserve, or that the issue rules out (`postgres` is the name every scanner tries). */
export const RESERVED_USERNAMES = /^(postgres|rdsadmin|rdsrepladmin|rdstopmgr|admin|root|public|rds_.*|pg_.*)$/;

/** RDS refuses backup and maintenance windows shorter than this, minutes. */
const RDS_MINIMUM_WINDOW_MINUTES = 30;

const PI_RETENTION_DAYS = new Set([7, 731, ...Array.from({ length: 23 }, (_, i) => (i + 1) * 31)]);
const MONITORING_INTERVALS = new Set([1, 5, 10, 15, 30, 60]);

/** The static facts a deployment is built from: everything alarms and dashboards need at preview time. */
export interface PostgresPlan {
  /** Engine major: `17` (a plan for `18` is refused, RDS_PROXY_POSTGRES_MAJORS). */
  readonly major: (typeof POSTGRES_MAJORS)[number];
  /** Parameter group family, e.g. `postgres17`. */
  readonly family: string;
  /** The primary's zone; undefined with Multi-AZ, where RDS places primary and standby. */
  readonly primaryZone?: string;
  /** Memory of the primary's class, GiB. */
  readonly primaryMemoryGiB: number;
  /** Read replicas in order. */
  readonly replicas: readonly PlannedReplica[];
  /** Physical RDS Proxy name, `<identifier>-proxy`. */
  readonly proxyName: string;
  /** The parameter group's entries. */
  readonly parameters: readonly ParameterSpec[];
  /** The parameter settings after defaults. */
  readonly settings: PostgresParameterSettings;
  /** The proxy's connection pool. */
  readonly pool: ProxyPool;
  /** Daily backup window, UTC. */
  readonly backupWindow: string;
  /** Weekly maintenance window, UTC. */
  readonly maintenanceWindow: string;
  /** Days between rotations of the admin password. */
  readonly passwordRotationDays: number;
  /** Days a deleted secret stays recoverable: 0 or 7..30. */
  readonly secretRecoveryWindowDays: number;
}

export interface PlannedReplica {
  /** 1-based position: `<identifier>-replica-<index>`. */
  readonly index: number;
  /** Physical DB identifier. */
  readonly identifier: string;
  /** Zone the replica is pinned to. */
  readonly zone: string;
  /** Instance class. */
  readonly instanceClass: string;
  /** Memory of that class, GiB. */
  readonly memoryGiB: number;
}

/** What the planner needs: PostgresArgs with every default applied (`resolvePostgresArgs`; PostgresArgs documents each field). */
export interface PlanInput {
  readonly identifier: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly replicaInstanceClass: string;
  readonly replicas: number;
  readonly multiAz: boolean;
  readonly availabilityZones: readonly string[];
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly backupRetentionDays: number;
  readonly adminUsername: string;
  readonly poolUsername: string;
  readonly passwordRotationDays: number;
  readonly secretRecoveryWindowDays: number;
  readonly databaseName: string;
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
  readonly logRetentionDays: number;
  readonly port: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly parameters: PostgresParameterSettings;
  /** Client CIDR blocks admitted on the database port. */
  readonly clientCidrBlocks: readonly string[];
}

/** Every problem with the input, as sentences; empty when it can be deployed. */
export function planProblems(input: PlanInput): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => { if (!ok) problems.push(message); };
  // RDS allows 63 characters; the rotation functions' names add 15 (`-admin-rotation`) and Lambda allows 64.
  check(/^[a-z][a-z0-9-]{0,48}$/.test(input.identifier) && !input.identifier.includes("--") && !input.identifier.endsWith("-"),
    `identifier must be 1-49 lowercase letters, digits or single hyphens, starting with a letter, got ${input.identifier}`);
  check(POSTGRES_MAJORS.some((m) => new RegExp(`^${m}(\\.\\d+)?$`).test(input.engineVersion)),
    `engineVersion must be a ${POSTGRES_MAJORS.join(" or ")} version such as 17 or 17.6, got ${input.engineVersion}`);
  const proxyProblem = POSTGRES_MAJORS.some((m) => new RegExp(`^${m}(\\.\\d+)?$`).test(input.engineVersion)) ? proxyEngineProblem(input.engineVersion) : undefined;
  if (proxyProblem) problems.push(`engineVersion ${proxyProblem}`);
  // Replicas default to the primary's class: a bad primary class is reported once.
  const classes = [["instanceClass", input.instanceClass], ...(input.replicaInstanceClass === input.instanceClass ? [] : [["replicaInstanceClass", input.replicaInstanceClass]] as const)] as const;
  for (const [key, cls] of classes) {
    const problem = instanceClassProblem(cls);
    if (problem) problems.push(`${key} ${problem}, got ${cls}`);
  }
  check(Number.isInteger(input.replicas) && input.replicas >= 0 && input.replicas <= POSTGRES_MAX_REPLICAS,
    `replicas must be an integer 0..${POSTGRES_MAX_REPLICAS}, got ${input.replicas}`);
  check(new Set(input.availabilityZones).size === input.availabilityZones.length, "availabilityZones must not repeat a zone");
  check(input.replicas < input.availabilityZones.length,
    `replicas must be at most ${input.availabilityZones.length - 1} (one zone each, apart from the primary's), got ${input.replicas}`);
  const { min, max } = POSTGRES_STORAGE_GIB;
  check(Number.isInteger(input.allocatedStorageGiB) && input.allocatedStorageGiB >= min && input.allocatedStorageGiB <= max,
    `allocatedStorageGiB must be an integer ${min}..${max}, got ${input.allocatedStorageGiB}`);
  check(Number.isInteger(input.maxAllocatedStorageGiB) && input.maxAllocatedStorageGiB > input.allocatedStorageGiB && input.maxAllocatedStorageGiB <= max,
    `maxAllocatedStorageGiB must be an integer above allocatedStorageGiB (${input.allocatedStorageGiB}) and at most ${max}, got ${input.maxAllocatedStorageGiB}`);
  check(Number.isInteger(input.backupRetentionDays) && input.backupRetentionDays >= 1 && input.backupRetentionDays <= 35,
    `backupRetentionDays must be an integer 1..35 (read replicas and point-in-time recovery need backups), got ${input.backupRetentionDays}`);
  check(/^[a-z][a-z0-9_]{0,62}$/.test(input.adminUsername) && !RESERVED_USERNAMES.test(input.adminUsername),
    `adminUsername must be 1-63 lowercase letters, digits or underscores, start with a letter and not be reserved (postgres, rdsadmin, rds_*, pg_*...), got ${input.adminUsername}`);
  check(/^[a-z][a-z0-9_]{0,62}$/.test(input.poolUsername) && !RESERVED_USERNAMES.test(input.poolUsername) && input.poolUsername !== input.adminUsername,
    `poolUsername must be 1-63 lowercase letters, digits or underscores, start with a letter, not be reserved and differ from adminUsername, got ${input.poolUsername}`);
  check(Number.isInteger(input.passwordRotationDays) && input.passwordRotationDays >= 1 && input.passwordRotationDays <= 1000,
    `passwordRotationDays must be an integer 1..1000 (Secrets Manager's rotation rule), got ${input.passwordRotationDays}`);
  check(input.secretRecoveryWindowDays === 0 || (Number.isInteger(input.secretRecoveryWindowDays) && input.secretRecoveryWindowDays >= 7 && input.secretRecoveryWindowDays <= 30),
    `secretRecoveryWindowDays must be 0 or an integer 7..30 (Secrets Manager's recovery window), got ${input.secretRecoveryWindowDays}`);
  check(/^[a-z][a-z0-9_]{0,62}$/.test(input.databaseName) && !/^(postgres|template[01]|rdsadmin)$/.test(input.databaseName),
    `databaseName must be 1-63 lowercase letters, digits or underscores, start with a letter and not be a system database, got ${input.databaseName}`);
  check(PI_RETENTION_DAYS.has(input.performanceInsightsRetentionDays),
    `performanceInsightsRetentionDays must be 7, a multiple of 31 up to 713, or 731, got ${input.performanceInsightsRetentionDays}`);
  check(MONITORING_INTERVALS.has(input.monitoringIntervalSeconds),
    `monitoringIntervalSeconds must be 1, 5, 10, 15, 30 or 60, got ${input.monitoringIntervalSeconds}`);
  check(Number.isInteger(input.port) && input.port >= 1150 && input.port <= 65535,
    `port must be an integer 1150..65535, got ${input.port}`);
  const { backupWindow, maintenanceWindow } = input;
  check(DAILY_WINDOW.test(backupWindow), `backupWindow must be hh:mm-hh:mm (UTC), got ${backupWindow}`);
  check(WEEKLY_WINDOW.test(maintenanceWindow), `maintenanceWindow must be ddd:hh:mm-ddd:hh:mm (UTC), got ${maintenanceWindow}`);
  if (DAILY_WINDOW.test(backupWindow) && WEEKLY_WINDOW.test(maintenanceWindow)) {
    const window = windowPairProblem(backupWindow, maintenanceWindow, { minimumMinutes: RDS_MINIMUM_WINDOW_MINUTES, dailyLabel: "backup" });
    if (window) {
      problems.push(window.window === "daily" ? `backupWindow ${window.message}, got ${backupWindow}` : `maintenanceWindow ${window.message}, got ${maintenanceWindow}`);
    }
  }
  const retention = logRetentionProblem(input.logRetentionDays);
  if (retention) problems.push(`logRetentionDays ${retention}, got ${input.logRetentionDays}`);
  input.clientCidrBlocks.forEach((cidr, i) => {
    const problem = privateCidrProblem(cidr, CLIENT_CIDR_RULE);
    if (problem) problems.push(`clients.cidrBlocks[${i}] ${problem}, got ${cidr}`);
  });
  problems.push(...parameterSettingsProblems(input.parameters));
  return problems;
}

/**
 * Resolves placement, sizes and parameters. Zones: replica n takes the (n+1)-th, so replicas never share a zone
 * with each other. A single-AZ primary is pinned to the first zone, apart from every replica. With Multi-AZ, RDS
 * places primary and standby in any zones of the subnet group and swaps them on failover, so either may share
 * a zone with a replica.
 */
export function planPostgres(input: PlanInput): PostgresPlan {
  const problems = planProblems(input);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const major = input.engineVersion.split(".")[0] as PostgresPlan["major"];
  const settings = input.parameters;
  const replicaClass = input.replicaInstanceClass;
  return {
    major,
    family: `postgres${major}`,
    primaryZone: input.multiAz ? undefined : input.availabilityZones[0],
    primaryMemoryGiB: instanceMemoryGiB(input.instanceClass),
    replicas: Array.from({ length: input.replicas }, (_, i) => ({
      index: i + 1,
      identifier: `${input.identifier}-replica-${i + 1}`,
      zone: input.availabilityZones[i + 1],
      instanceClass: replicaClass,
      memoryGiB: instanceMemoryGiB(replicaClass),
    })),
    proxyName: `${input.identifier}-proxy`,
    parameters: postgresParameters(settings),
    settings,
    pool: proxyPool(settings.maxConnections),
    backupWindow: input.backupWindow,
    maintenanceWindow: input.maintenanceWindow,
    passwordRotationDays: input.passwordRotationDays,
    secretRecoveryWindowDays: input.secretRecoveryWindowDays,
  };
}
