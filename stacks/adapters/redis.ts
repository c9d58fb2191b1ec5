import { adapter } from "../../components/matrix";
import { RedisCache, replicationGroupIdFor } from "../../components/redis";
import { redisSettings } from "../config/redis";
import type { AdapterDeployment } from "../shared";

/**
 * Valkey/Redis for the Fiber `storage/redis` and `storage/valkey` adapters. Outputs where to connect (the
 * configuration endpoint in cluster mode, primary and reader endpoints otherwise), the port, that TLS is
 * required, the application user and the ARN of the secret holding its password; never the password.
 */
export const deployRedis: AdapterDeployment = ({ env, opts, baseName, key, topics, network, alarms }) => {
  const s = redisSettings(env.project);
  if (!s.enabled) return undefined;
  const cache = new RedisCache(`${baseName}-redis`, {
    accountId: env.accountId,
    region: env.region,
    replicationGroupId: replicationGroupIdFor(baseName),
    engine: s.engine,
    engineVersion: s.engineVersion,
    nodeType: s.nodeType,
    clusterMode: s.clusterMode,
    shards: s.shards,
    replicasPerShard: s.replicasPerShard,
    multiAz: s.multiAz,
    availabilityZones: network.availabilityZones,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    // Default source: the VPC this stack created (an existing VPC must name its CIDRs; a config rule says so).
    allowedCidrs: s.allowedCidrs ?? (network.cidrBlock ? [network.cidrBlock] : []),
    allowedSecurityGroupIds: s.allowedSecurityGroupIds,
    kmsKeyArn: key.arn,
    maxmemoryPolicy: s.maxmemoryPolicy,
    snapshotRetentionDays: s.snapshotRetentionDays,
    snapshotWindow: s.snapshotWindow,
    maintenanceWindow: s.maintenanceWindow,
    finalSnapshot: s.finalSnapshot,
    applyImmediately: s.applyImmediately,
    authentication: s.auth,
    secretRecoveryWindowDays: s.secretRecoveryWindowDays,
    logRetentionDays: env.profile.logRetentionDays,
    eventsTopicArn: topics.arns.warning,
    alarms,
    protect: env.profile.protectStatefulResources,
  }, opts);

  return {
    outputKey: "redis",
    outputs: {
      fiberPackages: adapter("redis").fiberPackages,
      engine: s.engine,
      engineVersion: s.engineVersion,
      clusterMode: s.clusterMode,
      endpoints: cache.endpoints,
      port: cache.port,
      tls: true,
      ...(cache.username ? { username: cache.username, secretArn: cache.secretArn } : {}),
      replicationGroupId: cache.replicationGroupId,
      nodes: cache.nodes.map((n) => n.cacheClusterId),
    },
    dashboard: [cache.dashboard],
  };
};
