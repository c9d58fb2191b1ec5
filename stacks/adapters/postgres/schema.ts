import type { z } from "zod";
import { PARAMETER_LIMITS, POSTGRES_ENGINE } from "../../../components/rds";
import { documented } from "../../config/docs";
import { PROD_POLICY } from "../../config/prod-policy";
import { flag, intRange, list, oneOf, section } from "../../config/rules";
import { FIREHOSE_BUFFER, PGAUDIT_CLASSES } from "../../../components/audit-archive/limits";
import { parameterSetting, parameterType, relationalFields } from "../../rds/schema";

type NumericParameter = keyof typeof PARAMETER_LIMITS;

/** A parameter-group setting, in the range the component accepts (PostgreSQL itself accepts it: tested). */
const setting = (key: NumericParameter, unit?: string) => parameterSetting(PARAMETER_LIMITS[key], unit);
const typeOf = (key: NumericParameter, unit: string) => parameterType(PARAMETER_LIMITS[key], unit);

const scaleFactorDoc = {
  type: "number 0..1 (share of a table's rows)",
  description: "`autovacuum_vacuum_scale_factor` etc. (PostgreSQL defaults 0.2 / 0.2 / 0.1).",
};

export const postgresParametersSchema = documented(section({
  maxConnections: documented(setting("maxConnections", "the 100-connection proxy pool plus 10 reserved fit under it"), {
    type: typeOf("maxConnections", ""),
    description: "`max_connections`; the proxy takes the share of it that is 100 connections.",
  }),
  logMinDurationStatementMs: documented(setting("logMinDurationStatementMs", "ms; -1 turns statement logging off"), {
    type: typeOf("logMinDurationStatementMs", "ms"),
    description: "`log_min_duration_statement`; -1 off.",
  }),
  idleInTransactionSessionTimeoutMs: documented(setting("idleInTransactionSessionTimeoutMs", "ms; 0 turns the timeout off"), {
    type: typeOf("idleInTransactionSessionTimeoutMs", "ms"),
    description: "`idle_in_transaction_session_timeout`; 0 off.",
  }),
  statementsTrack: documented(oneOf(["top", "all", "none"]).optional(), { type: "`top` | `all` | `none`", description: "`pg_stat_statements.track`." }),
  autovacuumVacuumScaleFactor: documented(setting("autovacuumVacuumScaleFactor", "share of a table's rows"), scaleFactorDoc),
  autovacuumVacuumInsertScaleFactor: documented(setting("autovacuumVacuumInsertScaleFactor", "share of a table's rows"), scaleFactorDoc),
  autovacuumAnalyzeScaleFactor: documented(setting("autovacuumAnalyzeScaleFactor", "share of a table's rows"), scaleFactorDoc),
  autovacuumVacuumCostLimit: documented(setting("autovacuumVacuumCostLimit"), {
    type: typeOf("autovacuumVacuumCostLimit", ""),
    description: "`autovacuum_vacuum_cost_limit`.",
  }),
  autovacuumNaptimeSeconds: documented(setting("autovacuumNaptimeSeconds", "seconds"), {
    type: typeOf("autovacuumNaptimeSeconds", "s"),
    description: "`autovacuum_naptime`.",
  }),
  logAutovacuumMinDurationMs: documented(setting("logAutovacuumMinDurationMs", "ms; -1 turns autovacuum logging off"), {
    type: typeOf("logAutovacuumMinDurationMs", "ms"),
    description: "`log_autovacuum_min_duration`; -1 off.",
  }),
}), { description: "Parameter-group settings." });

/** `postgres.audit`: pgAudit on the instances and its lines archived in the Object Lock audit-archive bucket (components/audit-archive). */
export const postgresAuditSchema = documented(section({
  enabled: documented(flag().optional(), {
    type: "boolean",
    description: "Preload pgAudit and archive its `AUDIT:` lines: a subscription on the primary's `postgresql` log group feeds a Firehose stream that writes gzip JSON Lines under `audit/postgres/<id>/year=/month=/day=/` in the audit-archive bucket (Object Lock, stack key). Turning it on changes `shared_preload_libraries` (applied at the next reboot).",
  }),
  classes: documented(list(oneOf(PGAUDIT_CLASSES), PGAUDIT_CLASSES.length).min(1, { error: "must name at least one class (an empty list audits nothing)" }).optional(), {
    type: `list of ${PGAUDIT_CLASSES.map((c) => `\`${c}\``).join(" | ")}, each once`,
    description: "`pgaudit.log`: the statement classes audited for every session.",
  }),
  bufferIntervalSeconds: documented(intRange(FIREHOSE_BUFFER.intervalSeconds.min, FIREHOSE_BUFFER.intervalSeconds.max).optional(), {
    type: `integer seconds ${FIREHOSE_BUFFER.intervalSeconds.min}..${FIREHOSE_BUFFER.intervalSeconds.max}`,
    description: "Firehose writes an archive object at least this often (Firehose BufferingHints).",
  }),
  bufferSizeMiB: documented(intRange(FIREHOSE_BUFFER.sizeMiB.min, FIREHOSE_BUFFER.sizeMiB.max).optional(), {
    type: `integer MiB ${FIREHOSE_BUFFER.sizeMiB.min}..${FIREHOSE_BUFFER.sizeMiB.max}`,
    description: "...or as soon as this much has arrived (before compression).",
  }),
}), { description: "pgAudit and the audit archive path." });

/** `sparki-storage:postgres`. Absent fields take the tier's value (profiles.ts), then the component's default. */
export const postgresSchema = documented(section({
  ...relationalFields({
    engine: POSTGRES_ENGINE,
    engineVersion: {
      pattern: /^(17|18)(\.\d+)?$/,
      what: 'a PostgreSQL 17 or 18 version as a quoted string, such as "17" or "17.6"',
      type: "quoted string `17` or `17.x` (`18` is refused until RDS Proxy documents it: `RDS_PROXY_POSTGRES_MAJORS`)",
      description: "RDS for PostgreSQL version; a major alone lets RDS pick and upgrade the minor. Changing the major upgrades in place (new parameter group family).",
    },
    replicasDescription: `Read replicas, one per AZ apart from the primary's: at most (zones − 1); prod at least ${PROD_POLICY.postgresMinReplicas} (matrix-postgres-ha, policy/config/prod.json).`,
    reservedUsernames: "postgres or another reserved name (rdsadmin, admin, root, rds_*, pg_*)",
    usernameType: "lowercase identifier, not `postgres`/`rdsadmin`/`admin`/`root`/`rds_*`/`pg_*`",
  }),
  parameters: postgresParametersSchema.default({}),
  audit: postgresAuditSchema.default({}),
}), {
  description: "PostgreSQL on RDS behind RDS Proxy; parameters are parameter-group settings. Absent fields take the profile default.",
});

export type PostgresConfig = z.infer<typeof postgresSchema>;
