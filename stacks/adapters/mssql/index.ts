import { SQLSERVER_ENGINE } from "../../../components/rds";
import { rdsResourceTypes } from "../../rds/resource-types";
import type { Adapter } from "../contract";
import type { SqlServerOutputs } from "./deploy";
import { SQLSERVER_PROFILES, type SqlServerProfile } from "./profiles";
import { SQLSERVER_RULES } from "./rules";
import { type SqlServerConfig, sqlServerSchema } from "./schema";
import { type SqlServerSettings, sqlServerSettings } from "./settings";

/** SQL Server on RDS (components/rds, engine profile `sqlserver`) for the Fiber `storage/mssql` adapter; opt-in. */
export const mssqlAdapter: Adapter<SqlServerConfig, SqlServerProfile, SqlServerSettings, SqlServerOutputs> = {
  key: "mssql",
  configKey: "mssql",
  schema: sqlServerSchema,
  profiles: SQLSERVER_PROFILES,
  settings: sqlServerSettings,
  enabled: (s) => s.enabled,
  rules: SQLSERVER_RULES,
  loadDeploy: async () => (await import("./deploy")).deploySqlServer,
  resourceTypes: rdsResourceTypes(SQLSERVER_ENGINE),
};
