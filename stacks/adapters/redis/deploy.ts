import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow } from "../../../components/matrix";
import { RedisCache, type RedisEndpoints, replicationGroupIdFor } from "../../../components/redis";
import { clientCidrs, type SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { RedisSettings } from "./settings";

/** Stack output `redis`. */
export interface RedisOutputs {
  readonly fiberPackages: readonly string[];
  readonly engine: string;
  readonly engineVersion: string;
  readonly clusterMode: boolean;
  readonly endpoints: RedisEndpoints;
  readonly port: number;
  readonly tls: true;
  /** With RBAC only: the application user and the secret holding its password. */
  readonly username?: string;
  readonly secretArn?: pulumi.Output<string>;
  readonly replicationGroupId: string;
  readonly nodes: readonly string[];
}

/**
 * Valkey/Redis for the Fiber `storage/redis` and `storage/valkey` adapters. Outputs where to connect (the
 * configuration endpoint in cluster mode, primary and reader endpoints otherwise), the port, that TLS is
 * required, the application user and the ARN of the secret holding its password; never the password.
 */
export function deployRedis(s: RedisSettings, { env, opts, baseName, key, topics, network, alarms }: SharedBlocks): Deployed<RedisOutputs> {
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
    allowedCidrs: clientCidrs(network, s.allowedCidrs),
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

  const { fiberPackages } = matrixRow("redis");
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
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
}
