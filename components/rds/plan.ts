import { CLIENT_CIDR_RULE, privateCidrProblem } from "../common/cidr";
import { logRetentionProblem } from "../common/log-retention";
import { DAILY_WINDOW, WEEKLY_WINDOW, windowPairProblem } from "../common/windows";
import { instanceClassProblem, instanceMemoryGiB } from "./engines/instance-classes";
import type { EngineProfile, ParameterSpec, SqlServerEdition } from "./engines/types";
import { type ProxyPool, proxyPool } from "./pool";

/** Why RDS Proxy cannot front this engine version, or undefined when it is documented to. */
export function proxyEngineProblem<S>(engine: EngineProfile<S>, engineVersion: string): string | undefined {
  if (engine.pooling.kind === "direct") return undefined;
  const major = engine.majorOf(engineVersion) ?? engineVersion.split(".")[0];
  const documented = Object.keys(engine.pooling.documentedMajors);
  if (documented.includes(major)) return undefined;
  return `${major}: RDS Proxy support for RDS for ${engine.label} ${major} is not documented (checked 2026-11-29; documented: ${documented.join(", ")}); use ${documented[0]}, or add ${major} to pooling.documentedMajors of the ${engine.name} engine profile (components/rds/engines) with its source once AWS documents it`;
}

/**
 * Engine rule: RDS Proxy listens on the engine's default port only (RDS User Guide, "Amazon RDS Proxy", additional
 * limitations for RDS for MySQL: "all proxies listen on port 3306 for MySQL"; for RDS for PostgreSQL: port 5432).
 * Another database port would leave the proxy's security group and the clients on a port nothing listens on.
 */
function proxyPortProblem<S>(engine: EngineProfile<S>, port: number): string | undefined {
  return engine.pooling.kind === "proxy" && port !== engine.defaultPort
    ? `must be ${engine.defaultPort}: RDS Proxy, which fronts ${engine.label} here, listens only on ${engine.defaultPort}`
    : undefined;
}

/**
 * Engine rule: the storage autoscaling ceiling must be at least 10 % above the allocated storage (RDS User Guide,
 * "Managing capacity automatically with Amazon RDS storage autoscaling": the maximum storage threshold must be at
 * least 10 % more than the current allocation), GiB.
 */
export function minimumStorageCeilingGiB(allocatedStorageGiB: number): number {
  // Integer arithmetic: 100 * 1.1 is 110.00000000000001 in floating point, which would demand 111.
  return Math.ceil((allocatedStorageGiB * 11) / 10);
}

/** RDS refuses backup and maintenance windows shorter than this, minutes. */
const RDS_MINIMUM_WINDOW_MINUTES = 30;

const PI_RETENTION_DAYS = new Set([7, 731, ...Array.from({ length: 23 }, (_, i) => (i + 1) * 31)]);
const MONITORING_INTERVALS = new Set([1, 5, 10, 15, 30, 60]);

/** The static facts a deployment is built from: everything alarms and dashboards need at preview time. */
export interface DatabasePlan {
  /** Engine major, as engineVersion spells it (`17`, `8.4`, `16.00`). */
  readonly major: string;
  /** RDS `engine`, e.g. `postgres`, `mysql`, `sqlserver-se`. */
  readonly rdsEngine: string;
  /** Parameter group family, e.g. `postgres17`. */
  readonly family: string;
  /** The primary's zone; undefined with Multi-AZ, where RDS places primary and standby. */
  readonly primaryZone?: string;
  /** Memory of the primary's class, GiB. */
  readonly primaryMemoryGiB: number;
  /** Performance Insights on the primary (off only where RDS refuses it for the class). */
  readonly primaryPerformanceInsights: boolean;
  /** Read replicas in order. */
  readonly replicas: readonly PlannedReplica[];
  /** Physical RDS Proxy name, `<identifier>-proxy`. */
  readonly proxyName: string;
  /** The parameter group's entries. */
  readonly parameters: readonly ParameterSpec[];
  /** The proxy's connection pool; undefined where the engine runs without RDS Proxy. */
  readonly pool?: ProxyPool;
  /** The engine's connection ceiling (`max_connections`, `user connections`), connections. */
  readonly maxConnections: number;
  /** Daily backup window, UTC. */
  readonly backupWindow: string;
  /** Weekly maintenance window, UTC. */
  readonly maintenanceWindow: string;
  /** Days between rotations of the generated passwords. */
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
  /** Performance Insights on this replica. */
  readonly performanceInsights: boolean;
}

/** What the planner needs: RelationalDatabaseArgs with every default applied (`resolveDatabaseArgs` documents each field). */
export interface PlanInput<S> {
  readonly identifier: string;
  readonly engineVersion: string;
  /** SQL Server only: the edition. */
  readonly edition?: SqlServerEdition;
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
  readonly parameters: S;
  /** Client CIDR blocks admitted on the database port. */
  readonly clientCidrBlocks: readonly string[];
}

/** Every problem with the input for the engine, as sentences; empty when it can be deployed. */
export function planProblems<S>(engine: EngineProfile<S>, input: PlanInput<S>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => { if (!ok) problems.push(message); };
  // RDS allows 63 characters; the rotation functions' names add 15 (`-admin-rotation`) and Lambda allows 64.
  check(/^[a-z][a-z0-9-]{0,48}$/.test(input.identifier) && !input.identifier.includes("--") && !input.identifier.endsWith("-"),
    `identifier must be 1-49 lowercase letters, digits or single hyphens, starting with a letter, got ${input.identifier}`);
  const major = engine.majorOf(input.engineVersion);
  check(major !== undefined, `engineVersion must be a ${engine.majors.join(" or ")} version such as ${engine.versionExample}, got ${input.engineVersion}`);
  const proxyProblem = major === undefined ? undefined : proxyEngineProblem(engine, input.engineVersion);
  if (proxyProblem) problems.push(`engineVersion ${proxyProblem}`);
  // Replicas default to the primary's class: a bad primary class is reported once.
  const classes = [["instanceClass", input.instanceClass], ...(input.replicaInstanceClass === input.instanceClass ? [] : [["replicaInstanceClass", input.replicaInstanceClass]] as const)] as const;
  for (const [key, cls] of classes) {
    const problem = instanceClassProblem(cls, engine.instanceClassMemoryGiB);
    if (problem) problems.push(`${key} ${problem}, got ${cls}`);
  }
  check(Number.isInteger(input.replicas) && input.replicas >= 0 && input.replicas <= engine.maxReplicas,
    `replicas must be an integer 0..${engine.maxReplicas}, got ${input.replicas}`);
  check(new Set(input.availabilityZones).size === input.availabilityZones.length, "availabilityZones must not repeat a zone");
  check(input.replicas < input.availabilityZones.length,
    `replicas must be at most ${input.availabilityZones.length - 1} (one zone each, apart from the primary's), got ${input.replicas}`);
  problems.push(...engine.combinationProblems(input).map((p) => `${p.key} ${p.message}`));
  const { min, max } = engine.storageGiB;
  check(Number.isInteger(input.allocatedStorageGiB) && input.allocatedStorageGiB >= min && input.allocatedStorageGiB <= max,
    `allocatedStorageGiB must be an integer ${min}..${max}, got ${input.allocatedStorageGiB}`);
  const ceiling = minimumStorageCeilingGiB(input.allocatedStorageGiB);
  check(Number.isInteger(input.maxAllocatedStorageGiB) && input.maxAllocatedStorageGiB >= ceiling && input.maxAllocatedStorageGiB <= max,
    `maxAllocatedStorageGiB must be an integer of at least ${ceiling} (10 % above allocatedStorageGiB ${input.allocatedStorageGiB}) and at most ${max}, got ${input.maxAllocatedStorageGiB}`);
  check(Number.isInteger(input.backupRetentionDays) && input.backupRetentionDays >= 1 && input.backupRetentionDays <= 35,
    `backupRetentionDays must be an integer 1..35 (read replicas and point-in-time recovery need backups), got ${input.backupRetentionDays}`);
  const users = engine.adminUsername;
  check(users.pattern.test(input.adminUsername) && !users.reserved.test(input.adminUsername),
    `adminUsername must be ${users.describe}, got ${input.adminUsername}`);
  check(users.pattern.test(input.poolUsername) && !users.reserved.test(input.poolUsername) && input.poolUsername !== input.adminUsername,
    `poolUsername must be ${users.describe}, and differ from adminUsername, got ${input.poolUsername}`);
  check(Number.isInteger(input.passwordRotationDays) && input.passwordRotationDays >= 1 && input.passwordRotationDays <= 1000,
    `passwordRotationDays must be an integer 1..1000 (Secrets Manager's rotation rule), got ${input.passwordRotationDays}`);
  check(input.secretRecoveryWindowDays === 0 || (Number.isInteger(input.secretRecoveryWindowDays) && input.secretRecoveryWindowDays >= 7 && input.secretRecoveryWindowDays <= 30),
    `secretRecoveryWindowDays must be 0 or an integer 7..30 (Secrets Manager's recovery window), got ${input.secretRecoveryWindowDays}`);
  const databases = engine.databaseName;
  check(databases.pattern.test(input.databaseName) && !databases.reserved.test(input.databaseName),
    `databaseName must be ${databases.describe}, got ${input.databaseName}`);
  check(PI_RETENTION_DAYS.has(input.performanceInsightsRetentionDays),
    `performanceInsightsRetentionDays must be 7, a multiple of 31 up to 713, or 731, got ${input.performanceInsightsRetentionDays}`);
  check(MONITORING_INTERVALS.has(input.monitoringIntervalSeconds),
    `monitoringIntervalSeconds must be 1, 5, 10, 15, 30 or 60, got ${input.monitoringIntervalSeconds}`);
  const portProblem = engine.portProblem(input.port) ?? proxyPortProblem(engine, input.port);
  if (portProblem) problems.push(`port ${portProblem}, got ${input.port}`);
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
  problems.push(...engine.settingsProblems(input.parameters));
  return problems;
}

/**
 * Resolves placement, sizes and parameters. Zones: replica n takes the (n+1)-th, so replicas never share a zone
 * with each other. A single-AZ primary is pinned to the first zone, apart from every replica. With Multi-AZ, RDS
 * places primary and standby in any zones of the subnet group and swaps them on failover, so either may share
 * a zone with a replica.
 */
export function planDatabase<S>(engine: EngineProfile<S>, input: PlanInput<S>): DatabasePlan {
  const problems = planProblems(engine, input);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const major = engine.majorOf(input.engineVersion) ?? "";
  const replicaClass = input.replicaInstanceClass;
  const table = engine.instanceClassMemoryGiB;
  return {
    major,
    rdsEngine: engine.rdsEngine(input.edition),
    family: engine.family(major, input.edition),
    primaryZone: input.multiAz ? undefined : input.availabilityZones[0],
    primaryMemoryGiB: instanceMemoryGiB(input.instanceClass, table),
    primaryPerformanceInsights: engine.performanceInsightsProblem(input.instanceClass) === undefined,
    replicas: Array.from({ length: input.replicas }, (_, i) => ({
      index: i + 1,
      identifier: `${input.identifier}-replica-${i + 1}`,
      zone: input.availabilityZones[i + 1],
      instanceClass: replicaClass,
      memoryGiB: instanceMemoryGiB(replicaClass, table),
      performanceInsights: engine.performanceInsightsProblem(replicaClass) === undefined,
    })),
    proxyName: `${input.identifier}-proxy`,
    parameters: engine.parameters(input.parameters),
    ...(engine.pooling.kind === "proxy" ? { pool: proxyPool(engine.maxConnections(input.parameters)) } : {}),
    maxConnections: engine.maxConnections(input.parameters),
    backupWindow: input.backupWindow,
    maintenanceWindow: input.maintenanceWindow,
    passwordRotationDays: input.passwordRotationDays,
    secretRecoveryWindowDays: input.secretRecoveryWindowDays,
  };
}
