import { z } from "zod";
import { CLIENT_CIDR_RULE } from "../../../components/common/cidr";
import {
  GRAVITON_CLASS_MEMORY_GIB, PARAMETER_LIMITS, POSTGRES_MAX_REPLICAS, POSTGRES_STORAGE_GIB, RESERVED_USERNAMES,
} from "../../../components/rds";
import { documented } from "../../config/docs";
import { PROD_POLICY } from "../../config/prod-policy";
import { flag, intRange, list, matching, oneOf, privateCidr, section } from "../../config/rules";

/** An integer range whose message also says why the range is what it is. */
function intWithin(min: number, max: number, why: string) {
  const error = `must be an integer ${min}..${max} (${why})`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

type NumericParameter = keyof typeof PARAMETER_LIMITS;

/** A parameter-group setting, in the range the component accepts (PostgreSQL itself accepts it: tested). */
function setting(key: NumericParameter, unit?: string) {
  const { min, max, integer } = PARAMETER_LIMITS[key];
  const error = `must be ${integer ? "an integer" : "a number"} ${min}..${max}${unit ? ` (${unit})` : ""}`;
  const number = z.number({ error }).min(min, { error }).max(max, { error });
  return (integer ? number.int({ error }) : number).optional();
}

/** "integer ms -1..3600000" from the component's limits. */
function parameterType(key: NumericParameter, unit: string, what = "") {
  const { min, max, integer } = PARAMETER_LIMITS[key];
  return `${integer ? "integer" : "number"}${unit ? ` ${unit}` : ""} ${min}..${max}${what}`;
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
const instanceClass = matching(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, "an RDS instance class such as db.r7g.large");
const securityGroupIds = list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90"));
const scaleFactorDoc = {
  type: "number 0..1 (share of a table's rows)",
  description: "`autovacuum_vacuum_scale_factor` etc. (PostgreSQL defaults 0.2 / 0.2 / 0.1).",
};

export const postgresParametersSchema = documented(section({
  maxConnections: documented(setting("maxConnections", "the 100-connection proxy pool plus 10 reserved fit under it"), {
    type: parameterType("maxConnections", ""),
    description: "`max_connections`; the proxy takes the share of it that is 100 connections.",
  }),
  logMinDurationStatementMs: documented(setting("logMinDurationStatementMs", "ms; -1 turns statement logging off"), {
    type: parameterType("logMinDurationStatementMs", "ms"),
    description: "`log_min_duration_statement`; -1 off.",
  }),
  idleInTransactionSessionTimeoutMs: documented(setting("idleInTransactionSessionTimeoutMs", "ms; 0 turns the timeout off"), {
    type: parameterType("idleInTransactionSessionTimeoutMs", "ms"),
    description: "`idle_in_transaction_session_timeout`; 0 off.",
  }),
  statementsTrack: documented(oneOf(["top", "all", "none"]).optional(), { type: "`top` | `all` | `none`", description: "`pg_stat_statements.track`." }),
  autovacuumVacuumScaleFactor: documented(setting("autovacuumVacuumScaleFactor", "share of a table's rows"), scaleFactorDoc),
  autovacuumVacuumInsertScaleFactor: documented(setting("autovacuumVacuumInsertScaleFactor", "share of a table's rows"), scaleFactorDoc),
  autovacuumAnalyzeScaleFactor: documented(setting("autovacuumAnalyzeScaleFactor", "share of a table's rows"), scaleFactorDoc),
  autovacuumVacuumCostLimit: documented(setting("autovacuumVacuumCostLimit"), {
    type: parameterType("autovacuumVacuumCostLimit", ""),
    description: "`autovacuum_vacuum_cost_limit`.",
  }),
  autovacuumNaptimeSeconds: documented(setting("autovacuumNaptimeSeconds", "seconds"), {
    type: parameterType("autovacuumNaptimeSeconds", "s"),
    description: "`autovacuum_naptime`.",
  }),
  logAutovacuumMinDurationMs: documented(setting("logAutovacuumMinDurationMs", "ms; -1 turns autovacuum logging off"), {
    type: parameterType("logAutovacuumMinDurationMs", "ms"),
    description: "`log_autovacuum_min_duration`; -1 off.",
  }),
}), { description: "Parameter-group settings." });

/** `sparki-storage:postgres`. Absent fields take the tier's value (profiles.ts), then the component's default. */
export const postgresSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy PostgreSQL at all." }),
  engineVersion: documented(matching(/^(17|18)(\.\d+)?$/, 'a PostgreSQL 17 or 18 version as a quoted string, such as "17" or "17.6"').optional(), {
    type: "quoted string `17` or `17.x` (`18` is refused until RDS Proxy documents it: `RDS_PROXY_POSTGRES_MAJORS`)",
    description: "RDS for PostgreSQL version; a major alone lets RDS pick and upgrade the minor. Changing the major upgrades in place (new parameter group family).",
  }),
  instanceClass: documented(instanceClass.optional(), {
    type: `RDS class of ${Object.keys(GRAVITON_CLASS_MEMORY_GIB).map((f) => `\`${f}\``).join(", ")}`,
    description: "Primary class; memory per class is tabled in `components/rds/instance-classes.ts` (FreeableMemory alarms are a share of it).",
  }),
  replicaInstanceClass: documented(instanceClass.optional(), {
    type: "as above",
    default: "the primary's class",
    description: "Class of the read replicas.",
  }),
  replicas: documented(intRange(0, POSTGRES_MAX_REPLICAS).optional(), {
    type: `integer 0..${POSTGRES_MAX_REPLICAS}`,
    description: `Read replicas, one per AZ apart from the primary's: at most (zones − 1); prod at least ${PROD_POLICY.postgresMinReplicas} (matrix-postgres-ha, policy/config/prod.json).`,
  }),
  allocatedStorageGiB: documented(intWithin(POSTGRES_STORAGE_GIB.min, POSTGRES_STORAGE_GIB.max, "GiB; 20 is the RDS for PostgreSQL minimum").optional(), {
    type: `integer GiB ${POSTGRES_STORAGE_GIB.min}..${POSTGRES_STORAGE_GIB.max}`,
    description: `Initial gp3 storage; ${POSTGRES_STORAGE_GIB.min} is the RDS minimum.`,
  }),
  maxAllocatedStorageGiB: documented(intWithin(POSTGRES_STORAGE_GIB.min, POSTGRES_STORAGE_GIB.max, "GiB, the storage autoscaling ceiling").optional(), {
    type: "integer GiB, above `allocatedStorageGiB`",
    description: "Storage autoscaling ceiling.",
  }),
  backupRetentionDays: documented(intRange(0, 35).optional(), {
    type: "integer days 0..35",
    description: "Automated backups (point-in-time recovery); at least 1 in dev, 14 in prod.",
  }),
  databaseName: documented(matching(IDENTIFIER, "1-63 lowercase letters, digits or underscores, starting with a letter").optional(), {
    type: "lowercase identifier",
    description: "Database created with the instance.",
  }),
  adminUsername: documented(matching(IDENTIFIER, "1-63 lowercase letters, digits or underscores, starting with a letter")
    .refine((name) => !RESERVED_USERNAMES.test(name), { error: "must not be postgres or another reserved name (rdsadmin, admin, root, rds_*, pg_*)" })
    .optional(), {
    type: "lowercase identifier, not `postgres`/`rdsadmin`/`admin`/`root`/`rds_*`/`pg_*`",
    description: "Admin user; its generated password lives only in the admin secret (rotated every 30 days).",
  }),
  allowedSecurityGroupIds: documented(securityGroupIds.default([]), {
    type: "list of `sg-…`",
    description: "Application security groups admitted to the proxy and the replicas on 5432.",
  }),
  adminSecurityGroupIds: documented(securityGroupIds.default([]), {
    type: "list of `sg-…`",
    description: "Security groups admitted straight to the primary on 5432, for the admin only: the one-time pool-role bootstrap, break-glass.",
  }),
  allowedCidrBlocks: documented(list(privateCidr(CLIENT_CIDR_RULE)).optional(), {
    type: "list of private CIDRs (10/8, 172.16/12, 192.168/16, 100.64/10), /8–/32, network addresses",
    default: "the created VPC's CIDR",
    description: "Client networks admitted to the proxy and the replicas; with an existing VPC, name clients here or by security group.",
  }),
  parameters: postgresParametersSchema.default({}),
}), {
  description: "PostgreSQL on RDS behind RDS Proxy; parameters are parameter-group settings. Absent fields take the profile default.",
});

export type PostgresConfig = z.infer<typeof postgresSchema>;
