import { MEMCACHED_DEFAULTS, memcachedProblems } from "../../../components/memcached/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { MemcacheProfile } from "./profiles";
import type { MemcacheConfig } from "./schema";
import type { MemcacheSettings } from "./settings";

type Rule = AdapterRule<MemcacheConfig, MemcacheProfile, MemcacheSettings>;

/** Cross-field rules of `sparki-storage:memcache`, on the settings after tier and component defaults. */
export const MEMCACHE_RULES: readonly Rule[] = [
  // What ElastiCache would refuse at create time, worded by the component, at the key the stack set.
  ({ config, settings: s, scope }) => memcachedProblems({ ...s, port: MEMCACHED_DEFAULTS.port, zones: scope.env.availabilityZones.length })
    .map(([field, message]): Problem => {
      // A default azMode follows numNodes: point at what the stack wrote.
      const path = field === "azMode" && config.azMode === undefined ? "numNodes" : field;
      return { path: [path], message: path === field ? message : `makes the default azMode ${message}` };
    }),

  ({ settings: s, scope }) => s.numNodes < s.minNodes
    ? [{ path: ["numNodes"], message: `must be at least ${s.minNodes} for profile "${scope.env.profile.name}" (one node is one zone's outage away from an empty cache and a database stampede)` }]
    : [],

  // With the default azMode, too few nodes is the one mistake (the rule above names it).
  ({ config, settings: s, scope }) => s.crossAzRequired && s.azMode !== "cross-az" && config.azMode !== undefined
    ? [{ path: ["azMode"], message: `must be "cross-az" for profile "${scope.env.profile.name}" (nodes spread over the zones, so one zone's outage loses only its share of keys)` }]
    : [],

  ({ settings: s, scope }) =>
    scope.env.network.vpcId !== undefined && (s.allowedCidrs ?? []).length + s.allowedSecurityGroupIds.length === 0
      ? [{ path: ["allowedCidrs"], message: "must list the client CIDRs (or set memcache.allowedSecurityGroupIds) when network.vpcId is set: the security group is the cluster's only access control, and only a VPC the stack creates has a known CIDR to default to" }]
      : [],
];
