import { DOCUMENTDB_DEFAULTS, documentDbProblems } from "../../../components/documentdb/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { MongoDbProfile } from "./profiles";
import type { MongoDbConfig } from "./schema";
import type { MongoDbSettings } from "./settings";

type Rule = AdapterRule<MongoDbConfig, MongoDbProfile, MongoDbSettings>;

/** Cross-field rules of `sparki-storage:mongodb`, on the settings after tier and component defaults. */
export const MONGODB_RULES: readonly Rule[] = [
  // What DocumentDB would refuse at create time, worded by the component (components/documentdb/engine.ts names the pages).
  ({ settings: s }) => documentDbProblems({
    ...s,
    port: DOCUMENTDB_DEFAULTS.port,
    profilerSamplingRate: DOCUMENTDB_DEFAULTS.profilerSamplingRate,
    logRetentionDays: DOCUMENTDB_DEFAULTS.logRetentionDays,
    secretRotationDays: DOCUMENTDB_DEFAULTS.secretRotationDays,
  }).filter(([field]) => field !== "availabilityZones").map(([field, message]): Problem => ({ path: [field], message })),

  ({ settings: s, profile }) => s.instances < profile.minInstances
    ? [{ path: ["instances"], message: `must be at least ${profile.minInstances} in this profile (a writer and a failover target in each other zone)` }]
    : [],

  ({ settings: s, profile }) => s.backupRetentionDays < profile.minBackupRetentionDays
    ? [{ path: ["backupRetentionDays"], message: `must be at least ${profile.minBackupRetentionDays} days in this profile (Security Hub DocumentDB.2)` }]
    : [],

  // Replicas in the writer's zone do not survive the zone: with more than one instance, the network needs as many zones.
  ({ settings: s }) => s.instances > 1 && s.availabilityZones.length < Math.min(s.instances, 3)
    ? [{ path: ["instances"], message: `needs at least ${Math.min(s.instances, 3)} zones to spread ${s.instances} instances over (a replica in the writer's zone does not survive it); network.availabilityZones lists ${s.availabilityZones.length}` }]
    : [],

  // Security Hub DocumentDB.6 fails `enabled` (TLS 1.0 and 1.1 accepted); prod's policy pack enforces it, so config says so first.
  ({ settings: s, scope }) => scope.env.profile.name === "prod" && s.tls === "enabled"
    ? [{ path: ["tls"], message: "must be tls1.2+, tls1.3+ or fips-140-3 in this profile (enabled accepts TLS 1.0 and 1.1, which Security Hub DocumentDB.6 fails)" }]
    : [],

  ({ settings: s, scope }) => s.allowedSecurityGroupIds.length === 0 && (s.allowedCidrBlocks?.length ?? 0) === 0 && scope.env.network.cidrBlock === undefined
    ? [{ path: ["allowedCidrBlocks"], message: "must name client networks (or set allowedSecurityGroupIds) with an existing VPC: no client could reach the cluster otherwise" }]
    : [],
];
