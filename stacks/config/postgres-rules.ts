import { instanceClassProblem, POSTGRES_MAX_REPLICAS, proxyEngineProblem } from "../../components/postgres";
import { resolveEnvironment } from "../environment";
import { PROFILES } from "../profiles";
import type { Context, Problem, Rule } from "./cross-field";
import type { PostgresConfig, PostgresProfile } from "./postgres";
import type { ProjectConfig } from "./schema";

/** Keys a stack's `postgres` config may leave to the profile. */
const PROFILE_FALLBACKS = ["engineVersion", "instanceClass", "replicas", "allocatedStorageGiB", "maxAllocatedStorageGiB", "backupRetentionDays"] as const;

/** `postgres` config merged over the profile: what the stack deploys. */
export type PostgresSettings = Omit<PostgresConfig, "parameters"> & Pick<PostgresProfile, (typeof PROFILE_FALLBACKS)[number]> & {
  readonly parameters: PostgresConfig["parameters"] & { readonly maxConnections: number };
};

export function postgresSettings(project: ProjectConfig): PostgresSettings {
  const defaults = PROFILES[project.profile].postgres;
  const config = project.postgres;
  const merged = Object.fromEntries(PROFILE_FALLBACKS.map((key) => [key, config[key] ?? defaults[key]])) as Pick<PostgresProfile, (typeof PROFILE_FALLBACKS)[number]>;
  return {
    ...config,
    ...merged,
    parameters: { ...config.parameters, maxConnections: config.parameters.maxConnections ?? defaults.maxConnections },
  };
}

const at = (...path: string[]) => ["postgres", ...path];

/** Rules across `postgres` keys, the profile and the network; none apply when PostgreSQL is turned off. */
const RULES: readonly ((context: Context, settings: PostgresSettings) => Problem[])[] = [
  ({ project }, s) => {
    const problem = proxyEngineProblem(s.engineVersion);
    if (!problem) return [];
    return project.postgres.engineVersion !== undefined
      ? [{ path: at("engineVersion"), message: problem }]
      : [{ path: at("engineVersion"), message: `must be set: the profile default is ${problem}` }];
  },

  (_, s) => (["instanceClass", "replicaInstanceClass"] as const).flatMap((key) => {
    const cls = s[key];
    const problem = cls === undefined ? undefined : instanceClassProblem(cls);
    return problem ? [{ path: at(key), message: problem }] : [];
  }),

  (context, s) => {
    const zones = resolveEnvironment(context).availabilityZones.length;
    const most = Math.min(zones - 1, POSTGRES_MAX_REPLICAS);
    return s.replicas > most
      ? [{ path: at("replicas"), message: `must be at most ${most}: each replica needs its own availability zone apart from the primary's, and there are ${zones} (network.availabilityZones)` }]
      : [];
  },

  ({ project }, s) => {
    const least = PROFILES[project.profile].postgres.minBackupRetentionDays;
    return s.backupRetentionDays < least
      ? [{ path: at("backupRetentionDays"), message: `must be at least ${least} (days) for profile "${project.profile}"` }]
      : [];
  },

  (_, s) =>
    s.maxAllocatedStorageGiB <= s.allocatedStorageGiB
      ? [{ path: at("maxAllocatedStorageGiB"), message: `must be above allocatedStorageGiB (${s.allocatedStorageGiB}): it is the ceiling storage autoscaling grows the volume to` }]
      : [],

  ({ project }, s) =>
    project.network.vpcId !== undefined && s.allowedSecurityGroupIds.length + (s.allowedCidrBlocks ?? []).length === 0
      ? [{ path: at("allowedCidrBlocks"), message: "or postgres.allowedSecurityGroupIds must name the database's clients when network.vpcId is an existing VPC (nothing could reach it)" }]
      : [],
];

export const postgresRules: Rule[] = [
  (context) => {
    const settings = postgresSettings(context.project);
    return settings.enabled ? RULES.flatMap((rule) => rule(context, settings)) : [];
  },
];
