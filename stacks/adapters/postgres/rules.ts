import { POSTGRES_ENGINE } from "../../../components/rds";
import type { AdapterRule } from "../contract";
import { relationalRules } from "../../rds/rules";
import type { PostgresProfile } from "./profiles";
import type { PostgresConfig } from "./schema";
import type { PostgresSettings } from "./settings";

/** Rules across `postgres` keys, the tier and the network. */
export const POSTGRES_RULES: readonly AdapterRule<PostgresConfig, PostgresProfile, PostgresSettings>[] = relationalRules({
  engine: POSTGRES_ENGINE,
  configKey: "postgres",
  minReplicasWhy: "master-replica replication with failover: the policy matrix-postgres-ha of policy/config/prod.json refuses fewer at preview",
});
