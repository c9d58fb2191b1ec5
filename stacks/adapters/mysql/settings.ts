import { MYSQL_ENGINE, type MySqlParameterSettings } from "../../../components/rds";
import { parameterSettings, type RelationalSettings, relationalSettings } from "../../rds/settings";
import type { MySqlProfile } from "./profiles";
import type { MySqlConfig } from "./schema";

/** What the stack deploys on RDS for MySQL: its config over the tier over the component's defaults. */
export interface MySqlSettings extends RelationalSettings {
  readonly parameters: MySqlParameterSettings;
}

export function mysqlSettings(c: MySqlConfig, profile: MySqlProfile): MySqlSettings {
  return {
    ...relationalSettings(c, profile),
    parameters: parameterSettings(MYSQL_ENGINE.defaultSettings, { maxConnections: profile.maxConnections }, c.parameters),
  };
}
