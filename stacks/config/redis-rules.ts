import { engineVersionProblem, ENGINE_VERSIONS } from "../../components/redis/engines";
import { failoverProblem, nodeTypeProblem } from "../../components/redis/node-types";
import { windowPairProblem } from "../../components/common/windows";
import { CACHE_WINDOW_KEYS, CACHE_WINDOW_RULE, MAX_NODES_PER_GROUP, MAX_NODES_SOURCE } from "../../components/redis/validate";
import type { Problem, Rule } from "./cross-field";
import { redisSettings } from "./redis";

const at = (...path: string[]) => ["redis", ...path];

/** The first of `keys` the stack's config sets (problems point at what the user wrote), else the first key. */
function setKey(config: Record<string, unknown>, ...keys: string[]): string {
  return keys.find((k) => config[k] !== undefined) ?? keys[0];
}

/** Cross-field rules of `sparki-storage:redis`, on the settings after profile defaults are applied. */
export const redisRules: readonly Rule[] = [
  ({ project }) => {
    const s = redisSettings(project);
    const problem = engineVersionProblem(s.engine, s.engineVersion);
    if (!problem) return [];
    return project.redis.engineVersion !== undefined
      ? [{ path: at("engineVersion"), message: problem }]
      : [{ path: at("engine"), message: `needs redis.engineVersion too: the profile default "${s.engineVersion}" is no ${s.engine} version (${Object.keys(ENGINE_VERSIONS[s.engine]).join(", ")})` }];
  },

  ({ project }) => {
    const problem = nodeTypeProblem(redisSettings(project).nodeType);
    return problem ? [{ path: at("nodeType"), message: problem }] : [];
  },

  ({ project }) => {
    const s = redisSettings(project);
    const problems: Problem[] = [];
    for (const [enabled, key, feature] of [[s.clusterMode, "clusterMode", "cluster mode"], [s.multiAz, "multiAz", "Multi-AZ"]] as const) {
      const problem = enabled ? failoverProblem(s.nodeType, feature) : undefined;
      if (problem) {
        const path = setKey(project.redis, key, "nodeType");
        problems.push({ path: at(path), message: path === key ? `cannot be true: ${problem}` : `cannot run ${feature}, which the profile turns on: ${problem}` });
      }
    }
    return problems;
  },

  ({ project }) => {
    const s = redisSettings(project);
    const nodes = s.shards * (s.replicasPerShard + 1);
    return nodes > MAX_NODES_PER_GROUP
      ? [{ path: at(setKey(project.redis, "shards", "replicasPerShard")), message: `makes ${nodes} nodes (${s.shards} shards x (1 primary + ${s.replicasPerShard} replicas)); ElastiCache allows at most ${MAX_NODES_PER_GROUP} per cluster (${MAX_NODES_SOURCE})` }]
      : [];
  },

  ({ project }) => {
    const s = redisSettings(project);
    return s.shards > 1 && !s.clusterMode
      ? [{ path: at("shards"), message: "above 1 needs redis.clusterMode true (without cluster mode a group has one shard)" }]
      : [];
  },

  ({ project }) => {
    const s = redisSettings(project);
    if (!s.multiAz || s.replicasPerShard >= 1) return [];
    const path = setKey(project.redis, "replicasPerShard", "multiAz");
    return [{ path: at(path), message: path === "replicasPerShard"
      ? "must be at least 1 with Multi-AZ (a failover target in another zone)"
      : "needs redis.replicasPerShard of at least 1 (a failover target in another zone)" }];
  },

  ({ project }) => {
    const s = redisSettings(project);
    return s.authRequired && s.auth !== "rbac"
      ? [{ path: at("auth"), message: `must be "rbac" for profile "${project.profile}" (its cache never admits unauthenticated clients)` }]
      : [];
  },

  ({ project }) => {
    const s = redisSettings(project);
    return s.snapshotRetentionDays < s.minSnapshotRetentionDays
      ? [{ path: at("snapshotRetentionDays"), message: `must be at least ${s.minSnapshotRetentionDays} for profile "${project.profile}"` }]
      : [];
  },

  ({ project }) => {
    const s = redisSettings(project);
    const problem = windowPairProblem(s.snapshotWindow, s.maintenanceWindow, CACHE_WINDOW_RULE);
    return problem ? [{ path: at(CACHE_WINDOW_KEYS[problem.window]), message: problem.message }] : [];
  },

  ({ project }) => {
    const s = redisSettings(project);
    const sources = (s.allowedCidrs ?? []).length + (s.allowedSecurityGroupIds ?? []).length;
    return s.enabled && project.network.vpcId !== undefined && sources === 0
      ? [{ path: at("allowedCidrs"), message: "must list the application CIDRs (or set redis.allowedSecurityGroupIds) when network.vpcId is set: only a VPC the stack creates has a known CIDR to default to" }]
      : [];
  },
];
