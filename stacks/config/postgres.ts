import { z } from "zod";
import { PARAMETER_LIMITS, POSTGRES_MAX_REPLICAS, POSTGRES_STORAGE_GIB, RESERVED_USERNAMES } from "../../components/postgres";
import { CLIENT_CIDR_RULE } from "../../components/common/cidr";
import { flag, intRange, list, matching, oneOf, privateCidr, section } from "./rules";

/** An integer range whose message also says why the range is what it is. */
function intWithin(min: number, max: number, why: string) {
  const error = `must be an integer ${min}..${max} (${why})`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A parameter-group setting, in the range the component accepts (PostgreSQL itself accepts it: tested). */
function setting(key: keyof typeof PARAMETER_LIMITS, unit?: string) {
  const { min, max, integer } = PARAMETER_LIMITS[key];
  const error = `must be ${integer ? "an integer" : "a number"} ${min}..${max}${unit ? ` (${unit})` : ""}`;
  const number = z.number({ error }).min(min, { error }).max(max, { error });
  return (integer ? number.int({ error }) : number).optional();
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

export const postgresParametersSchema = section({
  maxConnections: setting("maxConnections", "the 100-connection proxy pool plus 10 reserved fit under it"),
  logMinDurationStatementMs: setting("logMinDurationStatementMs", "ms; -1 turns statement logging off"),
  idleInTransactionSessionTimeoutMs: setting("idleInTransactionSessionTimeoutMs", "ms; 0 turns the timeout off"),
  statementsTrack: oneOf(["top", "all", "none"]).optional(),
  autovacuumVacuumScaleFactor: setting("autovacuumVacuumScaleFactor", "share of a table's rows"),
  autovacuumVacuumInsertScaleFactor: setting("autovacuumVacuumInsertScaleFactor", "share of a table's rows"),
  autovacuumAnalyzeScaleFactor: setting("autovacuumAnalyzeScaleFactor", "share of a table's rows"),
  autovacuumVacuumCostLimit: setting("autovacuumVacuumCostLimit"),
  autovacuumNaptimeSeconds: setting("autovacuumNaptimeSeconds", "seconds"),
  logAutovacuumMinDurationMs: setting("logAutovacuumMinDurationMs", "ms; -1 turns autovacuum logging off"),
});

/** `sparki-storage:postgres`. Absent fields take the profile's default (stacks/profiles.ts). */
export const postgresSchema = section({
  enabled: flag().default(true),
  engineVersion: matching(/^(17|18)(\.\d+)?$/, 'a PostgreSQL 17 or 18 version as a quoted string, such as "17" or "17.6"').optional(),
  instanceClass: matching(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, "an RDS instance class such as db.r7g.large").optional(),
  replicaInstanceClass: matching(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, "an RDS instance class such as db.r7g.large").optional(),
  replicas: intRange(0, POSTGRES_MAX_REPLICAS).optional(),
  allocatedStorageGiB: intWithin(POSTGRES_STORAGE_GIB.min, POSTGRES_STORAGE_GIB.max, "GiB; 20 is the RDS for PostgreSQL minimum").optional(),
  maxAllocatedStorageGiB: intWithin(POSTGRES_STORAGE_GIB.min, POSTGRES_STORAGE_GIB.max, "GiB, the storage autoscaling ceiling").optional(),
  backupRetentionDays: intRange(0, 35).optional(),
  databaseName: matching(IDENTIFIER, "1-63 lowercase letters, digits or underscores, starting with a letter").optional(),
  adminUsername: matching(IDENTIFIER, "1-63 lowercase letters, digits or underscores, starting with a letter")
    .refine((name) => !RESERVED_USERNAMES.test(name), { error: "must not be postgres or another reserved name (rdsadmin, admin, root, rds_*, pg_*)" })
    .optional(),
  allowedSecurityGroupIds: list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90")).default([]),
  /** Admitted straight to the primary, for the admin only: the one-time pool-role bootstrap, migrations, break-glass. */
  adminSecurityGroupIds: list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90")).default([]),
  /** Default: the CIDR of the VPC this stack creates (an existing VPC must name its clients). */
  allowedCidrBlocks: list(privateCidr(CLIENT_CIDR_RULE)).optional(),
  parameters: postgresParametersSchema.default({}),
});

export type PostgresConfig = z.infer<typeof postgresSchema>;

/** Profile defaults (stacks/profiles.ts) for every `postgres` field a stack's config leaves out. */
export interface PostgresProfile {
  /** Engine version, 17 or 18 (major or major.minor). */
  readonly engineVersion: string;
  /** Primary (and default replica) instance class. */
  readonly instanceClass: string;
  /** Read replicas. */
  readonly replicas: number;
  /** Initial gp3 storage, GiB. */
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling, GiB. */
  readonly maxAllocatedStorageGiB: number;
  /** Automated backup retention, days. */
  readonly backupRetentionDays: number;
  /** The least backup retention config may set for this profile, days. */
  readonly minBackupRetentionDays: number;
  /** Performance Insights retention, days (7 is free). */
  readonly performanceInsightsRetentionDays: number;
  /** Enhanced monitoring interval, seconds. */
  readonly monitoringIntervalSeconds: number;
  /** `max_connections`: the proxy's share of it is the matrix pool of 100. */
  readonly maxConnections: number;
  /** Apply changes at once (true) or in the maintenance window. */
  readonly applyImmediately: boolean;
  /** Keep automated backups after the instance is deleted. */
  readonly retainAutomatedBackups: boolean;
  /** Days a deleted admin or pool secret stays recoverable (0 or 7..30). */
  readonly secretRecoveryWindowDays: number;
}
