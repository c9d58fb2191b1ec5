import { POSTGRES_POOL } from "../../matrix";
import { type SettingLimit, settingRangeProblems } from "./parameter-table";
import type { ParameterSpec } from "./types";
import { PGAUDIT_LIBRARY, pgauditParameters } from "../../audit-archive/pgaudit";
import type { PgauditClass } from "../../audit-archive/limits";

/** Connections kept free beyond the proxy pool: superuser (3) and rds_superuser (2) slots, replication, monitoring. */
export const RESERVED_CONNECTIONS = 10;

/** The tunable part of the parameter group. Units are the parameter's own (RDS takes values in them). */
export interface PostgresParameterSettings {
  /** `max_connections`, connections. The proxy pool is a share of it (see pool.ts). Default: 200. */
  readonly maxConnections: number;
  /** `log_min_duration_statement`, ms: log statements slower than this; -1 turns it off. Default: 500 ms. */
  readonly logMinDurationStatementMs: number;
  /** `idle_in_transaction_session_timeout`, ms: end sessions idle inside a transaction (they block vacuum); 0 off. Default: 60000 ms. */
  readonly idleInTransactionSessionTimeoutMs: number;
  /** `pg_stat_statements.track`: `top` (client statements), `all` (also nested in functions), `none`. Default: `top`. */
  readonly statementsTrack: "top" | "all" | "none";
  /** `pg_stat_statements.max`, statements kept. Default: 10000 statements. */
  readonly statementsMax: number;
  /** `autovacuum_vacuum_scale_factor`, share of a table's rows dead before vacuum (PostgreSQL default 0.2). Default: 0.05. */
  readonly autovacuumVacuumScaleFactor: number;
  /** `autovacuum_vacuum_insert_scale_factor`, share of rows inserted before vacuum freezes them (append-only audit logs). Default: 0.05. */
  readonly autovacuumVacuumInsertScaleFactor: number;
  /** `autovacuum_analyze_scale_factor`, share of rows changed before analyze (PostgreSQL default 0.1). Default: 0.02. */
  readonly autovacuumAnalyzeScaleFactor: number;
  /** `autovacuum_vacuum_cost_limit`, cost units per round: higher vacuums faster at more I/O. Default: 1000. */
  readonly autovacuumVacuumCostLimit: number;
  /** `autovacuum_naptime`, seconds between autovacuum runs per database (PostgreSQL default 60). Default: 30 s. */
  readonly autovacuumNaptimeSeconds: number;
  /** `log_autovacuum_min_duration`, ms: log autovacuum runs longer than this; -1 off. Default: 1000 ms. */
  readonly logAutovacuumMinDurationMs: number;
  /** pgAudit session classes (`pgaudit.log`); when set, pgaudit is preloaded (components/audit-archive). Default: none (no pgAudit). */
  readonly auditClasses?: readonly PgauditClass[];
}

export const DEFAULT_PARAMETER_SETTINGS: PostgresParameterSettings = {
  maxConnections: 200,
  logMinDurationStatementMs: 500,
  idleInTransactionSessionTimeoutMs: 60_000,
  statementsTrack: "top",
  statementsMax: 10_000,
  autovacuumVacuumScaleFactor: 0.05,
  autovacuumVacuumInsertScaleFactor: 0.05,
  autovacuumAnalyzeScaleFactor: 0.02,
  autovacuumVacuumCostLimit: 1000,
  autovacuumNaptimeSeconds: 30,
  logAutovacuumMinDurationMs: 1000,
};

type NumericSetting = { [K in keyof PostgresParameterSettings]-?: PostgresParameterSettings[K] extends number ? K : never }[keyof PostgresParameterSettings];

/**
 * Accepted range of every numeric setting: inside what PostgreSQL accepts (a test checks both ends against a
 * real engine) and narrowed to what is sensible here. The config schema uses the same table.
 */
export const PARAMETER_LIMITS: Readonly<Record<NumericSetting, SettingLimit>> = {
  // The proxy may open the whole matrix pool and the reserve must still fit; 5000 is RDS's own ceiling.
  maxConnections: { min: POSTGRES_POOL.maxConnections + RESERVED_CONNECTIONS, max: 5000, integer: true },
  logMinDurationStatementMs: { min: -1, max: 3_600_000, integer: true },
  idleInTransactionSessionTimeoutMs: { min: 0, max: 86_400_000, integer: true },
  statementsMax: { min: 100, max: 100_000, integer: true },
  autovacuumVacuumScaleFactor: { min: 0, max: 1, integer: false },
  autovacuumVacuumInsertScaleFactor: { min: 0, max: 1, integer: false },
  autovacuumAnalyzeScaleFactor: { min: 0, max: 1, integer: false },
  autovacuumVacuumCostLimit: { min: 1, max: 10_000, integer: true },
  autovacuumNaptimeSeconds: { min: 1, max: 3600, integer: true },
  logAutovacuumMinDurationMs: { min: -1, max: 3_600_000, integer: true },
};

/** Problems with settings (each a sentence naming the setting), empty when all are in range. */
export function parameterSettingsProblems(settings: PostgresParameterSettings): string[] {
  const problems = settingRangeProblems(settings, PARAMETER_LIMITS);
  if (!["top", "all", "none"].includes(settings.statementsTrack)) {
    problems.push(`parameters.statementsTrack must be top, all or none, got ${String(settings.statementsTrack)}`);
  }
  return problems;
}

/** Parameters PostgreSQL reads only at start (pg_settings context `postmaster`): applied at the next reboot. */
export const STATIC_PARAMETERS: ReadonlySet<string> = new Set(["shared_preload_libraries", "max_connections", "pg_stat_statements.max"]);

/**
 * The parameter group as RDS wants it: names, string values in each parameter's unit, apply methods, sorted
 * by name (a stable order keeps diffs quiet).
 */
export function postgresParameters(settings: PostgresParameterSettings): ParameterSpec[] {
  const values: Record<string, string | number> = {
    shared_preload_libraries: ["pg_stat_statements", ...(settings.auditClasses ? [PGAUDIT_LIBRARY] : [])].join(","),
    ...(settings.auditClasses ? pgauditParameters(settings.auditClasses) : {}),
    "pg_stat_statements.track": settings.statementsTrack,
    "pg_stat_statements.max": settings.statementsMax,
    track_io_timing: 1,
    max_connections: settings.maxConnections,
    log_min_duration_statement: settings.logMinDurationStatementMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionSessionTimeoutMs,
    // Refuse plaintext connections on the instances themselves, not only at the proxy.
    "rds.force_ssl": 1,
    autovacuum_vacuum_scale_factor: settings.autovacuumVacuumScaleFactor,
    autovacuum_vacuum_insert_scale_factor: settings.autovacuumVacuumInsertScaleFactor,
    autovacuum_analyze_scale_factor: settings.autovacuumAnalyzeScaleFactor,
    autovacuum_vacuum_cost_limit: settings.autovacuumVacuumCostLimit,
    autovacuum_naptime: settings.autovacuumNaptimeSeconds,
    log_autovacuum_min_duration: settings.logAutovacuumMinDurationMs,
  };
  return Object.entries(values)
    .map(([name, value]): ParameterSpec => ({
      name, value: String(value), applyMethod: STATIC_PARAMETERS.has(name) ? "pending-reboot" : "immediate",
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
