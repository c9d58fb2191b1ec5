import { POSTGRES_POOL } from "../../matrix";
import { type ParameterTable, parameterTableProblems, type SettingLimit, settingRangeProblems } from "./parameter-table";
import type { ParameterSpec } from "./types";

/** The tunable part of the MySQL parameter group, in each parameter's own unit. */
export interface MySqlParameterSettings {
  /** `max_connections`, connections. The proxy pool is a share of it (pool.ts). Default: 200. */
  readonly maxConnections: number;
  /** `long_query_time`, seconds: statements slower than this go to the slow query log. Default: 0.5 s. */
  readonly longQueryTimeSeconds: number;
}

export const MYSQL_DEFAULT_SETTINGS: MySqlParameterSettings = { maxConnections: 200, longQueryTimeSeconds: 0.5 };

/** Connections kept free beyond the proxy pool: the admin, rdsadmin, replication, monitoring. */
const RESERVED_CONNECTIONS = 10;

/** Accepted range of each setting: inside the table below, narrowed to what is sensible here; the config schema uses it too. */
export const MYSQL_SETTING_LIMITS: Readonly<Record<keyof MySqlParameterSettings, SettingLimit>> = {
  // The proxy's share is a whole percent (MaxConnectionsPercent is an integer, at least 1): above 100 x the pool,
  // even 1 % of max_connections is more than the pool, and pool.ts refuses it.
  maxConnections: { min: POSTGRES_POOL.maxConnections + RESERVED_CONNECTIONS, max: POSTGRES_POOL.maxConnections * 100, integer: true },
  longQueryTimeSeconds: { min: 0, max: 3600, integer: false },
};

const MYSQL_MANUAL = "MySQL 8.4 Reference Manual, Server System Variables";
/**
 * The parameters this component sets on `mysql8.4`, as documented: the MySQL manual's "Dynamic" field decides the
 * apply method RDS accepts (RDS User Guide, "Modifying parameters in a DB parameter group": static parameters
 * take pending-reboot only).
 */
export const MYSQL_84_PARAMETER_TABLE: ParameterTable = {
  family: "mysql8.4",
  checked: "2026-11-29",
  parameters: {
    require_secure_transport: { type: "boolean", applyType: "dynamic", source: `${MYSQL_MANUAL}, require_secure_transport (Dynamic: Yes); RDS User Guide, "Requiring SSL/TLS for all connections to a MySQL DB instance"` },
    slow_query_log: { type: "boolean", applyType: "dynamic", source: `${MYSQL_MANUAL}, slow_query_log (Dynamic: Yes)` },
    long_query_time: { type: "float", range: { min: 0, max: 31_536_000 }, applyType: "dynamic", source: `${MYSQL_MANUAL}, long_query_time (Dynamic: Yes, 0..31536000 s)` },
    log_output: { type: "enum", values: ["TABLE", "FILE", "NONE"], applyType: "dynamic", source: `${MYSQL_MANUAL}, log_output; RDS User Guide, "Publishing MySQL logs to Amazon CloudWatch Logs" (FILE is required for export)` },
    performance_schema: { type: "boolean", applyType: "static", source: "MySQL 8.4 Reference Manual, Performance Schema System Variables, performance_schema (Dynamic: No)" },
    max_connections: { type: "integer", range: { min: 1, max: 100_000 }, applyType: "dynamic", source: `${MYSQL_MANUAL}, max_connections (Dynamic: Yes, 1..100000)` },
    innodb_print_all_deadlocks: { type: "boolean", applyType: "dynamic", source: "MySQL 8.4 Reference Manual, InnoDB Startup Options and System Variables, innodb_print_all_deadlocks (Dynamic: Yes)" },
  },
};

/** The parameter group: TLS only, the slow query log to a file CloudWatch Logs can export, Performance Schema, deadlocks logged. */
export function mysqlParameters(settings: MySqlParameterSettings): ParameterSpec[] {
  const values: Record<string, string | number> = {
    require_secure_transport: 1,
    slow_query_log: 1,
    long_query_time: settings.longQueryTimeSeconds,
    log_output: "FILE",
    performance_schema: 1,
    max_connections: settings.maxConnections,
    innodb_print_all_deadlocks: 1,
  };
  return Object.entries(values)
    .map(([name, value]): ParameterSpec => ({
      name, value: String(value), applyMethod: MYSQL_84_PARAMETER_TABLE.parameters[name]?.applyType === "static" ? "pending-reboot" : "immediate",
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Problems with the settings (each names `parameters.<key>`), then any entry the documented table refuses. */
export function mysqlSettingsProblems(settings: MySqlParameterSettings): string[] {
  const ranges = settingRangeProblems(settings, MYSQL_SETTING_LIMITS);
  return ranges.length > 0 ? ranges : parameterTableProblems(mysqlParameters(settings), MYSQL_84_PARAMETER_TABLE);
}
