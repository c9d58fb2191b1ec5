import { SQLSERVER_EDITIONS, SQLSERVER_ENGINE } from "../../../components/rds";
import { relationalRules } from "../../rds/rules";
import type { AdapterRule } from "../contract";
import type { SqlServerProfile } from "./profiles";
import type { SqlServerConfig } from "./schema";
import type { SqlServerSettings } from "./settings";

type Rule = AdapterRule<SqlServerConfig, SqlServerProfile, SqlServerSettings>;

/** Rules across `mssql` keys, the tier and the network: the shared RDS rules, then the editions'. */
export const SQLSERVER_RULES: readonly Rule[] = [
  ...relationalRules({ engine: SQLSERVER_ENGINE, configKey: "mssql", minReplicasWhy: "the tier's replica floor" }),

  // Express is refused on every tier by the edition rules below, with its own reason.
  ({ settings: s, profile, scope }) =>
    s.edition === "ex" || profile.allowedEditions.includes(s.edition)
      ? []
      : [{ path: ["edition"], message: `must be one of ${profile.allowedEditions.join(", ")} for profile "${scope.env.profile.name}": ${SQLSERVER_EDITIONS[s.edition]} is dev-only (Web is licensed for public web workloads only)` }],

  // What RDS refuses for the edition (Multi-AZ, replicas, classes), reported on the key that chose it.
  ({ settings: s, scope }) => SQLSERVER_ENGINE.combinationProblems({
    edition: s.edition, multiAz: scope.env.profile.multiAz, replicas: s.replicas, instanceClass: s.instanceClass, replicaInstanceClass: s.replicaInstanceClass,
  })
    .map((p) => p.key === "multiAz"
      ? { path: ["edition"], message: `must be se or ee while profile "${scope.env.profile.name}" runs Multi-AZ: Multi-AZ ${p.message}` }
      : { path: [p.key], message: p.message }),
];
