import type { Adapter } from "../contract";
import type { MemcachedOutputs } from "./deploy";
import { MEMCACHE_PROFILES, type MemcacheProfile } from "./profiles";
import { MEMCACHE_RULES } from "./rules";
import { type MemcacheConfig, memcacheSchema } from "./schema";
import { type MemcacheSettings, memcacheSettings } from "./settings";

/** Memcached on ElastiCache (components/memcached) for the Fiber `storage/memcache` adapter; opt-in. */
export const memcacheAdapter: Adapter<MemcacheConfig, MemcacheProfile, MemcacheSettings, MemcachedOutputs> = {
  key: "memcache",
  configKey: "memcache",
  schema: memcacheSchema,
  profiles: MEMCACHE_PROFILES,
  settings: memcacheSettings,
  enabled: (s) => s.enabled,
  rules: MEMCACHE_RULES,
  loadDeploy: async () => (await import("./deploy")).deployMemcache,
  resourceTypes: [
    // Replaced, every node address changes: the clients' Servers lists break until redeployed (the cached data is disposable).
    { type: "aws:elasticache/cluster:Cluster", stateful: true },
    { type: "aws:elasticache/subnetGroup:SubnetGroup", stateful: false },
    { type: "aws:elasticache/parameterGroup:ParameterGroup", stateful: false },
    { type: "aws:ec2/securityGroup:SecurityGroup", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
  ],
};
