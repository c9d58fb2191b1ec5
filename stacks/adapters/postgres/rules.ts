import { instanceClassProblem, POSTGRES_MAX_REPLICAS, proxyEngineProblem } from "../../../components/postgres";
import type { AdapterRule } from "../contract";
import type { PostgresProfile } from "./profiles";
import type { PostgresConfig } from "./schema";
import type { PostgresSettings } from "./settings";

type Rule = AdapterRule<PostgresConfig, PostgresProfile, PostgresSettings>;

/** Rules across `postgres` keys, the tier and the network. */
export const POSTGRES_RULES: readonly Rule[] = [
  ({ config, settings: s }) => {
    const problem = proxyEngineProblem(s.engineVersion);
    if (!problem) return [];
    return config.engineVersion !== undefined
      ? [{ path: ["engineVersion"], message: problem }]
      : [{ path: ["engineVersion"], message: `must be set: the profile default is ${problem}` }];
  },

  ({ settings: s }) => (["instanceClass", "replicaInstanceClass"] as const).flatMap((key) => {
    const cls = s[key];
    const problem = cls === undefined ? undefined : instanceClassProblem(cls);
    return problem ? [{ path: [key], message: problem }] : [];
  }),

  ({ settings: s, scope }) => {
    const zones = scope.env.availabilityZones.length;
    const most = Math.min(zones - 1, POSTGRES_MAX_REPLICAS);
    return s.replicas > most
      ? [{ path: ["replicas"], message: `must be at most ${most}: each replica needs its own availability zone apart from the primary's, and there are ${zones} (network.availabilityZones)` }]
      : [];
  },

  ({ settings: s, scope }) =>
    s.backupRetentionDays < s.minBackupRetentionDays
      ? [{ path: ["backupRetentionDays"], message: `must be at least ${s.minBackupRetentionDays} (days) for profile "${scope.env.profile.name}"` }]
      : [],

  ({ settings: s }) =>
    s.maxAllocatedStorageGiB <= s.allocatedStorageGiB
      ? [{ path: ["maxAllocatedStorageGiB"], message: `must be above allocatedStorageGiB (${s.allocatedStorageGiB}): it is the ceiling storage autoscaling grows the volume to` }]
      : [],

  ({ settings: s, scope }) =>
    scope.env.network.vpcId !== undefined && s.allowedSecurityGroupIds.length + (s.allowedCidrBlocks ?? []).length === 0
      ? [{ path: ["allowedCidrBlocks"], message: "or postgres.allowedSecurityGroupIds must name the database's clients when network.vpcId is an existing VPC (nothing could reach it)" }]
      : [],
];
