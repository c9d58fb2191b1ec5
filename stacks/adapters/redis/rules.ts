import { windowPairProblem } from "../../../components/common/windows";
import {
  CACHE_WINDOW_KEYS, CACHE_WINDOW_RULE, ENGINE_VERSIONS, engineVersionProblem, failoverProblem, MAX_NODES_PER_GROUP, MAX_NODES_SOURCE,
  nodeTypeProblem,
} from "../../../components/redis";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { RedisProfile } from "./profiles";
import type { RedisConfig } from "./schema";
import type { RedisSettings } from "./settings";

type Rule = AdapterRule<RedisConfig, RedisProfile, RedisSettings>;

/** The first of `keys` the stack's config sets (problems point at what the user wrote), else the first key. */
function setKey(config: RedisConfig, ...keys: (keyof RedisConfig)[]): keyof RedisConfig {
  return keys.find((k) => config[k] !== undefined) ?? keys[0];
}

/** Cross-field rules of `sparki-storage:redis`, on the settings after tier and component defaults are applied. */
export const REDIS_RULES: readonly Rule[] = [
  ({ config, settings: s }) => {
    const problem = engineVersionProblem(s.engine, s.engineVersion);
    if (!problem) return [];
    return config.engineVersion !== undefined
      ? [{ path: ["engineVersion"], message: problem }]
      : [{ path: ["engine"], message: `needs redis.engineVersion too: the profile default "${s.engineVersion}" is no ${s.engine} version (${Object.keys(ENGINE_VERSIONS[s.engine]).join(", ")})` }];
  },

  ({ settings: s }) => {
    const problem = nodeTypeProblem(s.nodeType);
    return problem ? [{ path: ["nodeType"], message: problem }] : [];
  },

  ({ config, settings: s }) => {
    // A node type the rule above refuses is the one mistake: its missing failover is not a second one.
    if (nodeTypeProblem(s.nodeType)) return [];
    const problems: Problem[] = [];
    for (const [enabled, key, feature] of [[s.clusterMode, "clusterMode", "cluster mode"], [s.multiAz, "multiAz", "Multi-AZ"]] as const) {
      const problem = enabled ? failoverProblem(s.nodeType, feature) : undefined;
      if (problem) {
        const path = setKey(config, key, "nodeType");
        problems.push({ path: [path], message: path === key ? `cannot be true: ${problem}` : `cannot run ${feature}, which the profile turns on: ${problem}` });
      }
    }
    return problems;
  },

  ({ config, settings: s }) => {
    const nodes = s.shards * (s.replicasPerShard + 1);
    return nodes > MAX_NODES_PER_GROUP
      ? [{ path: [setKey(config, "shards", "replicasPerShard")], message: `makes ${nodes} nodes (${s.shards} shards x (1 primary + ${s.replicasPerShard} replicas)); ElastiCache allows at most ${MAX_NODES_PER_GROUP} per cluster (${MAX_NODES_SOURCE})` }]
      : [];
  },

  ({ settings: s }) =>
    s.shards > 1 && !s.clusterMode
      ? [{ path: ["shards"], message: "above 1 needs redis.clusterMode true (without cluster mode a group has one shard)" }]
      : [],

  ({ config, settings: s }) => {
    if (!s.multiAz || s.replicasPerShard >= 1) return [];
    const path = setKey(config, "replicasPerShard", "multiAz");
    return [{ path: [path], message: path === "replicasPerShard"
      ? "must be at least 1 with Multi-AZ (a failover target in another zone)"
      : "needs redis.replicasPerShard of at least 1 (a failover target in another zone)" }];
  },

  ({ config, scope: { env } }) =>
    config.multiAz === false && env.profile.multiAz
      ? [{ path: ["multiAz"], message: `must be true for profile "${env.profile.name}" (its stateful services run Multi-AZ: a zone outage must fail over to a replica in another zone)` }]
      : [],

  ({ settings: s, scope }) =>
    s.authRequired && s.auth !== "rbac"
      ? [{ path: ["auth"], message: `must be "rbac" for profile "${scope.env.profile.name}" (its cache never admits unauthenticated clients)` }]
      : [],

  ({ settings: s, scope }) =>
    s.snapshotRetentionDays < s.minSnapshotRetentionDays
      ? [{ path: ["snapshotRetentionDays"], message: `must be at least ${s.minSnapshotRetentionDays} for profile "${scope.env.profile.name}"` }]
      : [],

  ({ settings: s }) => {
    const problem = windowPairProblem(s.snapshotWindow, s.maintenanceWindow, CACHE_WINDOW_RULE);
    return problem ? [{ path: [CACHE_WINDOW_KEYS[problem.window]], message: problem.message }] : [];
  },

  ({ settings: s, scope }) =>
    scope.env.network.vpcId !== undefined && (s.allowedCidrs ?? []).length + s.allowedSecurityGroupIds.length === 0
      ? [{ path: ["allowedCidrs"], message: "must list the application CIDRs (or set redis.allowedSecurityGroupIds) when network.vpcId is set: only a VPC the stack creates has a known CIDR to default to" }]
      : [],
];
