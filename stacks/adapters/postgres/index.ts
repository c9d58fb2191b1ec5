import { AUDIT_ARCHIVE_RESOURCE_TYPES } from "../../../components/audit-archive/limits";
import { POSTGRES_ENGINE } from "../../../components/rds";
import { rdsResourceTypes } from "../../rds/resource-types";
import type { Adapter } from "../contract";
import type { PostgresOutputs } from "./deploy";
import { POSTGRES_PROFILES, type PostgresProfile } from "./profiles";
import { POSTGRES_RULES } from "./rules";
import { type PostgresConfig, postgresSchema } from "./schema";
import { type PostgresSettings, postgresSettings } from "./settings";

/** PostgreSQL on RDS behind RDS Proxy (components/rds) for the Fiber `storage/postgres` adapter. */
export const postgresAdapter: Adapter<PostgresConfig, PostgresProfile, PostgresSettings, PostgresOutputs> = {
  key: "postgres",
  configKey: "postgres",
  schema: postgresSchema,
  profiles: POSTGRES_PROFILES,
  settings: postgresSettings,
  enabled: (s) => s.enabled,
  rules: POSTGRES_RULES,
  loadDeploy: async () => (await import("./deploy")).deployPostgres,
  // The audit archive's types (postgres.audit) are the adapter's own: they exist only with PostgreSQL.
  resourceTypes: [...rdsResourceTypes(POSTGRES_ENGINE), ...AUDIT_ARCHIVE_RESOURCE_TYPES.filter((t) => !rdsResourceTypes(POSTGRES_ENGINE).some((r) => r.type === t.type))],
};
