import { SQLSERVER_ENGINE, type SqlServerEdition, type SqlServerParameterSettings } from "../../../components/rds";
import { parameterSettings, type RelationalSettings, relationalSettings } from "../../rds/settings";
import type { SqlServerProfile } from "./profiles";
import type { SqlServerConfig } from "./schema";

/** What the stack deploys on RDS for SQL Server: its config over the tier over the component's defaults. */
export interface SqlServerSettings extends RelationalSettings {
  readonly edition: SqlServerEdition;
  readonly parameters: SqlServerParameterSettings;
}

export function sqlServerSettings(c: SqlServerConfig, profile: SqlServerProfile): SqlServerSettings {
  return {
    ...relationalSettings(c, profile),
    edition: c.edition ?? profile.edition,
    parameters: parameterSettings(SQLSERVER_ENGINE.defaultSettings, { userConnections: profile.userConnections }, c.parameters),
  };
}
