import { MYSQL_ENGINE } from "../../../components/rds";
import { rdsResourceTypes } from "../../rds/resource-types";
import type { Adapter } from "../contract";
import type { MySqlOutputs } from "./deploy";
import { MYSQL_PROFILES, type MySqlProfile } from "./profiles";
import { MYSQL_RULES } from "./rules";
import { type MySqlConfig, mysqlSchema } from "./schema";
import { type MySqlSettings, mysqlSettings } from "./settings";

/** MySQL on RDS behind RDS Proxy (components/rds, engine profile `mysql`) for the Fiber `storage/mysql` adapter; opt-in. */
export const mysqlAdapter: Adapter<MySqlConfig, MySqlProfile, MySqlSettings, MySqlOutputs> = {
  key: "mysql",
  configKey: "mysql",
  schema: mysqlSchema,
  profiles: MYSQL_PROFILES,
  settings: mysqlSettings,
  enabled: (s) => s.enabled,
  rules: MYSQL_RULES,
  loadDeploy: async () => (await import("./deploy")).deployMySql,
  resourceTypes: rdsResourceTypes(MYSQL_ENGINE),
};
