import { instanceClassProblem, instanceMemoryGiB } from "./instance-classes";
import { DEFAULT_PARAMETER_SETTINGS, type ParameterSpec, parameterSettingsProblems, type PostgresParameterSettings, postgresParameters } from "./parameters";
import { type ProxyPool, proxyPool } from "./pool";

/** RDS for PostgreSQL majors this component deploys. */
export const POSTGRES_MAJORS = ["17", "18"] as const;
/** gp3 allocated storage RDS for PostgreSQL accepts, GiB. */
export const POSTGRES_STORAGE_GIB = { min: 20, max: 65_536 } as const;
/** Read replicas per primary (the RDS default quota). */
export const POSTGRES_MAX_REPLICAS = 5;
/** Admin names PostgreSQL or RDS reserve, or that the issue rules out (`postgres` is the name every scanner tries). */
export const RESERVED_USERNAMES = /^(postgres|rdsadmin|rdsrepladmin|rdstopmgr|admin|root|public|rds_.*|pg_.*)$/;

const PI_RETENTION_DAYS = new Set([7, 731, ...Array.from({ length: 23 }, (_, i) => (i + 1) * 31)]);
const MONITORING_INTERVALS = new Set([1, 5, 10, 15, 30, 60]);

/** The static facts a deployment is built from: everything alarms and dashboards need at preview time. */
export interface PostgresPlan {
  readonly major: (typeof POSTGRES_MAJORS)[number];
  /** Parameter group family, e.g. `postgres18`. */
  readonly family: string;
  /** The primary's zone; undefined with Multi-AZ, where RDS places primary and standby. */
  readonly primaryZone?: string;
  readonly primaryMemoryGiB: number;
  readonly replicas: readonly PlannedReplica[];
  readonly proxyName: string;
  readonly parameters: readonly ParameterSpec[];
  readonly settings: PostgresParameterSettings;
  readonly pool: ProxyPool;
}

export interface PlannedReplica {
  /** 1-based position: `<identifier>-replica-<index>`. */
  readonly index: number;
  readonly identifier: string;
  readonly zone: string;
  readonly instanceClass: string;
  readonly memoryGiB: number;
}

/** What the planner needs; a subset of PostgresArgs with defaults applied. */
export interface PlanInput {
  readonly identifier: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly replicaInstanceClass?: string;
  readonly replicas: number;
  readonly multiAz: boolean;
  readonly availabilityZones: readonly string[];
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly backupRetentionDays: number;
  readonly adminUsername: string;
  readonly databaseName: string;
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
  readonly port?: number;
  readonly backupWindow?: string;
  readonly maintenanceWindow?: string;
  readonly parameters?: Partial<PostgresParameterSettings>;
}

const TIME = "([01]\\d|2[0-3]):[0-5]\\d";
const DAY = "(mon|tue|wed|thu|fri|sat|sun)";

/** Defaults overridden by the settings given (an `undefined` field keeps its default). */
function settingsOf(input: PlanInput): PostgresParameterSettings {
  const given = Object.entries(input.parameters ?? {}).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_PARAMETER_SETTINGS, ...Object.fromEntries(given) };
}

/** Every problem with the input, as sentences; empty when it can be deployed. */
export function planProblems(input: PlanInput): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => { if (!ok) problems.push(message); };
  check(/^[a-z][a-z0-9-]{0,49}$/.test(input.identifier) && !input.identifier.includes("--") && !input.identifier.endsWith("-"),
    `identifier must be 1-50 lowercase letters, digits or single hyphens, starting with a letter, got ${input.identifier}`);
  check(POSTGRES_MAJORS.some((m) => new RegExp(`^${m}(\\.\\d+)?$`).test(input.engineVersion)),
    `engineVersion must be a ${POSTGRES_MAJORS.join(" or ")} version such as 18 or 17.6, got ${input.engineVersion}`);
  for (const [key, cls] of [["instanceClass", input.instanceClass], ["replicaInstanceClass", input.replicaInstanceClass]] as const) {
    const problem = cls === undefined ? undefined : instanceClassProblem(cls);
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
  check(/^[a-z][a-z0-9_]{0,62}$/.test(input.databaseName) && !/^(postgres|template[01]|rdsadmin)$/.test(input.databaseName),
    `databaseName must be 1-63 lowercase letters, digits or underscores, start with a letter and not be a system database, got ${input.databaseName}`);
  check(PI_RETENTION_DAYS.has(input.performanceInsightsRetentionDays),
    `performanceInsightsRetentionDays must be 7, a multiple of 31 up to 713, or 731, got ${input.performanceInsightsRetentionDays}`);
  check(MONITORING_INTERVALS.has(input.monitoringIntervalSeconds),
    `monitoringIntervalSeconds must be 1, 5, 10, 15, 30 or 60, got ${input.monitoringIntervalSeconds}`);
  check(input.port === undefined || (Number.isInteger(input.port) && input.port >= 1150 && input.port <= 65535),
    `port must be an integer 1150..65535, got ${input.port}`);
  check(input.backupWindow === undefined || new RegExp(`^${TIME}-${TIME}$`).test(input.backupWindow),
    `backupWindow must be hh:mm-hh:mm (UTC), got ${input.backupWindow}`);
  check(input.maintenanceWindow === undefined || new RegExp(`^${DAY}:${TIME}-${DAY}:${TIME}$`).test(input.maintenanceWindow),
    `maintenanceWindow must be ddd:hh:mm-ddd:hh:mm (UTC), got ${input.maintenanceWindow}`);
  problems.push(...parameterSettingsProblems(settingsOf(input)));
  return problems;
}

/**
 * Resolves placement, sizes and parameters. Zones: the primary takes the first (pinned when single-AZ),
 * replica n the (n+1)-th, so replicas never share a zone with each other or with where the primary was placed.
 */
export function planPostgres(input: PlanInput): PostgresPlan {
  const problems = planProblems(input);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const major = input.engineVersion.split(".")[0] as PostgresPlan["major"];
  const settings = settingsOf(input);
  const replicaClass = input.replicaInstanceClass ?? input.instanceClass;
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
  };
}
