import { POSTGRES_ENGINE, type PostgresParameterSettings } from "../../../components/rds";
import { parameterSettings, type RelationalSettings, relationalSettings } from "../../rds/settings";
import type { PostgresProfile } from "./profiles";
import type { PostgresConfig } from "./schema";

/** What the stack deploys on RDS for PostgreSQL: its config over the tier over the component's defaults. */
export interface PostgresSettings extends RelationalSettings {
  readonly parameters: PostgresParameterSettings;
}

export function postgresSettings(c: PostgresConfig, profile: PostgresProfile): PostgresSettings {
  return {
    ...relationalSettings(c, profile),
    parameters: parameterSettings(POSTGRES_ENGINE.defaultSettings, { maxConnections: profile.maxConnections }, c.parameters),
  };
}
