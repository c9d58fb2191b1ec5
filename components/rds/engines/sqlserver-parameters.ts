import { POSTGRES_POOL } from "../../matrix";
import { type ParameterTable, parameterTableProblems, type SettingLimit, settingRangeProblems } from "./parameter-table";
import type { ParameterSpec } from "./types";

/** The tunable part of the SQL Server parameter group. */
export interface SqlServerParameterSettings {
  /**
   * `user connections`, connections (0 would mean SQL Server's maximum, 32767). The pool-usage alarm is a share of it;
   * each Fiber `storage/mssql` process opens up to 100 (its pool size is fixed). Default: 1000.
   */
  readonly userConnections: number;
}

export const SQLSERVER_DEFAULT_SETTINGS: SqlServerParameterSettings = { userConnections: 1000 };

/** Connections kept free beyond the application's pool: the admin, RDS's own logins, SQL Server Agent, monitoring. */
const RESERVED_CONNECTIONS = 20;

export const SQLSERVER_SETTING_LIMITS: Readonly<Record<keyof SqlServerParameterSettings, SettingLimit>> = {
  userConnections: { min: POSTGRES_POOL.maxConnections + RESERVED_CONNECTIONS, max: 32_767, integer: true },
};

const RDS_SQLSERVER_SSL = 'RDS User Guide, "Using SSL with a Microsoft SQL Server DB instance"';
/**
 * The parameters this component sets on the `sqlserver-<edition>-16.0` families, as documented. All are static:
 * they apply at the next reboot (RDS refuses `immediate` for them).
 */
export const SQLSERVER_16_PARAMETER_TABLE: ParameterTable = {
  family: "sqlserver-*-16.0",
  checked: "2026-11-29",
  parameters: {
    "rds.force_ssl": { type: "boolean", applyType: "static", source: `${RDS_SQLSERVER_SSL}: rds.force_ssl 0/1, static (reboot)` },
    "rds.tls10": { type: "enum", values: ["default", "enabled", "disabled"], applyType: "static", source: 'RDS User Guide, "Configuring security protocols and ciphers" (SQL Server): rds.tls10, static' },
    "rds.tls11": { type: "enum", values: ["default", "enabled", "disabled"], applyType: "static", source: 'RDS User Guide, "Configuring security protocols and ciphers" (SQL Server): rds.tls11, static' },
    "user connections": { type: "integer", range: { min: 0, max: 32_767 }, applyType: "static", source: 'SQL Server docs, "Configure the user connections server configuration option" (0..32767, takes effect after restart)' },
  },
};

/** The parameter group: TLS only (1.2 and later) on the instances, the connection ceiling the pool-usage alarm is a share of. */
export function sqlServerParameters(settings: SqlServerParameterSettings): ParameterSpec[] {
  const values: Record<string, string | number> = {
    "rds.force_ssl": 1,
    "rds.tls10": "disabled",
    "rds.tls11": "disabled",
    "user connections": settings.userConnections,
  };
  return Object.entries(values)
    .map(([name, value]): ParameterSpec => ({ name, value: String(value), applyMethod: "pending-reboot" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Problems with the settings, then any entry the documented table refuses. */
export function sqlServerSettingsProblems(settings: SqlServerParameterSettings): string[] {
  const ranges = settingRangeProblems(settings, SQLSERVER_SETTING_LIMITS);
  return ranges.length > 0 ? ranges : parameterTableProblems(sqlServerParameters(settings), SQLSERVER_16_PARAMETER_TABLE);
}
