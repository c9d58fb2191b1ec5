import { MYSQL_ENGINE } from "../../../components/rds";
import { relationalRules } from "../../rds/rules";
import type { AdapterRule } from "../contract";
import type { MySqlProfile } from "./profiles";
import type { MySqlConfig } from "./schema";
import type { MySqlSettings } from "./settings";

/** Rules across `mysql` keys, the tier and the network. */
export const MYSQL_RULES: readonly AdapterRule<MySqlConfig, MySqlProfile, MySqlSettings>[] = relationalRules({
  engine: MYSQL_ENGINE,
  configKey: "mysql",
  minReplicasWhy: "the tier's replica floor",
});
