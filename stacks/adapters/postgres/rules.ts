import { POSTGRES_ENGINE } from "../../../components/rds";
import { pgauditClassesProblem } from "../../../components/audit-archive/pgaudit";
import type { AdapterRule } from "../contract";
import { relationalRules } from "../../rds/rules";
import type { PostgresProfile } from "./profiles";
import type { PostgresConfig } from "./schema";
import type { PostgresSettings } from "./settings";

/** Rules across `postgres` keys, the tier and the network. */
export const POSTGRES_RULES: readonly AdapterRule<PostgresConfig, PostgresProfile, PostgresSettings>[] = [
  ...relationalRules({
    engine: POSTGRES_ENGINE,
    configKey: "postgres",
    minReplicasWhy: "master-replica replication with failover: the policy matrix-postgres-ha of policy/config/prod.json refuses fewer at preview",
  }),
  // pgaudit.log with a class twice is accepted by PostgreSQL but says the list was not read carefully (components/audit-archive).
  ({ settings: s }) => {
    const problem = s.audit.enabled ? pgauditClassesProblem(s.audit.classes) : undefined;
    return problem ? [{ path: ["audit", "classes"], message: problem }] : [];
  },
];
