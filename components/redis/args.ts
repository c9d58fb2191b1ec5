import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import { APP_ACCESS_STRING } from "./auth";
import type { RedisEngine } from "./engines";
import { DEFAULT_MAXMEMORY_POLICY, DEFAULT_RESERVED_MEMORY_PERCENT, type MaxmemoryPolicy } from "./parameters";

/** How clients authenticate: RBAC users in a user group, or not at all (only ever for a throwaway cache). */
export type RedisAuthentication = "rbac" | "none";

export interface RedisCacheArgs {
  /** 12-digit AWS account ID the cache deploys into (the password rotation function's policies name it). No default. */
  readonly accountId: string;
  /** AWS region of the cache, e.g. `eu-west-1` (the rotation function's Secrets Manager endpoint and KMS condition). No default. */
  readonly region: string;
  /**
   * Replication group ID (1-40 characters; see `replicationGroupIdFor`). Also names the subnet, parameter and
   * user groups, the users, the log groups, and (with the shape) every member node. No default.
   */
  readonly replicationGroupId: string;
  /** Engine. Default: `valkey`. */
  readonly engine?: RedisEngine;
  /** Engine version `major.minor`, one of `ENGINE_VERSIONS[engine]`; it decides the parameter group family. No default. */
  readonly engineVersion: string;
  /** Node type `cache.<family>.<size>` of a family in `NODE_TYPE_FAMILIES`. No default. */
  readonly nodeType: string;
  /** Cluster mode enabled: data sharded over `shards` node groups, clients use the configuration endpoint. Default: false. */
  readonly clusterMode?: boolean;
  /** Node groups (shards), 1-500; more than 1 needs cluster mode. Default: 1. */
  readonly shards?: number;
  /** Read replicas per shard, 0-5. Default: 0. */
  readonly replicasPerShard?: number;
  /** Multi-AZ with automatic failover; needs at least 1 replica per shard and 2 zones. Default: false. */
  readonly multiAz?: boolean;
  /** Zones of `subnetIds`; nodes are spread over them in order. No default. */
  readonly availabilityZones: readonly string[];
  /** VPC of the cache's security group. No default. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets, one per zone, for the cache's own subnet group. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Private IPv4 CIDRs (RFC 1918 or 100.64.0.0/10, /8-/32, no host bits) of applications allowed to the TLS port. Default: none. */
  readonly allowedCidrs?: readonly string[];
  /** Security groups of applications allowed to the TLS port. Default: none; at least one CIDR or group is required. */
  readonly allowedSecurityGroupIds?: readonly pulumi.Input<string>[];
  /** TCP port, TLS only. Default: 6379. */
  readonly port?: number;
  /** Customer KMS key ARN for data at rest, snapshots, log groups and the credentials secret. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Eviction policy. Default: `volatile-lru` (see DEFAULT_MAXMEMORY_POLICY for why). */
  readonly maxmemoryPolicy?: MaxmemoryPolicy;
  /** Percent of node memory reserved for replication and snapshots, 0-100. Default: 25 %. */
  readonly reservedMemoryPercent?: number;
  /** Days automatic snapshots are kept, 1-35. Default: 1 day. */
  readonly snapshotRetentionDays?: number;
  /** Daily snapshot window `hh:mm-hh:mm`, UTC, at least 60 minutes. Default: `03:00-04:00`. */
  readonly snapshotWindow?: string;
  /** Weekly maintenance window `ddd:hh:mm-ddd:hh:mm`, UTC, at least 60 minutes. Default: `sun:05:00-sun:06:00`. */
  readonly maintenanceWindow?: string;
  /** Take a final snapshot `<replicationGroupId>-final-<8 hex>` when the group is deleted (see final-snapshot.ts). Default: false. */
  readonly finalSnapshot?: boolean;
  /** Apply modifications now instead of in the maintenance window. Default: false. */
  readonly applyImmediately?: boolean;
  /** Client authentication. Default: `rbac`. */
  readonly authentication?: RedisAuthentication;
  /** User name of the application user (RBAC). Default: `sparki-app`. */
  readonly appUsername?: string;
  /** ACL access string of the application user (RBAC). Default: `APP_ACCESS_STRING`. */
  readonly appAccessString?: string;
  /**
   * Days between rotations of the application password (RBAC), 1..1000: a Lambda function of this component
   * (`<replicationGroupId>-app-rotation`, see components/redis/rotation.ts) sets a new password on the user, keeping
   * the old one valid as its second password until the next rotation. Default: 30 days.
   */
  readonly secretRotationDays?: number;
  /** Days Secrets Manager keeps the deleted credentials secret recoverable: 0 (at once) or 7-30. Default: 30 days. */
  readonly secretRecoveryWindowDays?: number;
  /** Retention of the slow-log and engine-log groups and of the rotation function's log group, days (a CloudWatch Logs retention value). Default: 30 days. */
  readonly logRetentionDays?: number;
  /**
   * SNS topic (it may be KMS-encrypted) for ElastiCache service events, delivered by an EventBridge rule
   * `<replicationGroupId>-events` (see components/redis/events.ts for which events and why not the group's own
   * notification topic). Default: none (no rule).
   */
  readonly eventsTopicArn?: pulumi.Input<string>;
  /** Where the node alarms report and how they evaluate. No default. */
  readonly alarms: AlarmContext;
  /** Pulumi `protect` on the replication group, the app password and its secret. Default: false. */
  readonly protect?: boolean;
}

/** UTC; apart from each other, and off European and US working hours. */
export const DEFAULT_SNAPSHOT_WINDOW = "03:00-04:00";
export const DEFAULT_MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
/** Days between rotations of the application password when `secretRotationDays` is not given. */
export const DEFAULT_SECRET_ROTATION_DAYS = 30;

/** The arguments that have a default, and that default (each documented on {@link RedisCacheArgs}). */
export const REDIS_DEFAULTS = {
  engine: "valkey",
  clusterMode: false,
  shards: 1,
  replicasPerShard: 0,
  multiAz: false,
  allowedCidrs: [],
  allowedSecurityGroupIds: [],
  port: 6379,
  maxmemoryPolicy: DEFAULT_MAXMEMORY_POLICY,
  reservedMemoryPercent: DEFAULT_RESERVED_MEMORY_PERCENT,
  snapshotRetentionDays: 1,
  snapshotWindow: DEFAULT_SNAPSHOT_WINDOW,
  maintenanceWindow: DEFAULT_MAINTENANCE_WINDOW,
  finalSnapshot: false,
  applyImmediately: false,
  authentication: "rbac",
  appUsername: "sparki-app",
  appAccessString: APP_ACCESS_STRING,
  secretRotationDays: DEFAULT_SECRET_ROTATION_DAYS,
  secretRecoveryWindowDays: 30,
  logRetentionDays: 30,
  protect: false,
} as const satisfies Partial<RedisCacheArgs>;

/** Every argument with its default applied (`eventsTopicArn` stays optional: without it there is no event rule). */
export type ResolvedRedisArgs = Required<Omit<RedisCacheArgs, "eventsTopicArn">> & Pick<RedisCacheArgs, "eventsTopicArn">;

/** `args` with {@link REDIS_DEFAULTS} wherever an argument is absent; checked by `resolveRedisArgs` (validate.ts). */
export function applyRedisDefaults(args: RedisCacheArgs): ResolvedRedisArgs {
  const d = REDIS_DEFAULTS;
  return {
    ...args,
    engine: args.engine ?? d.engine,
    clusterMode: args.clusterMode ?? d.clusterMode,
    shards: args.shards ?? d.shards,
    replicasPerShard: args.replicasPerShard ?? d.replicasPerShard,
    multiAz: args.multiAz ?? d.multiAz,
    allowedCidrs: args.allowedCidrs ?? d.allowedCidrs,
    allowedSecurityGroupIds: args.allowedSecurityGroupIds ?? d.allowedSecurityGroupIds,
    port: args.port ?? d.port,
    maxmemoryPolicy: args.maxmemoryPolicy ?? d.maxmemoryPolicy,
    reservedMemoryPercent: args.reservedMemoryPercent ?? d.reservedMemoryPercent,
    snapshotRetentionDays: args.snapshotRetentionDays ?? d.snapshotRetentionDays,
    snapshotWindow: args.snapshotWindow ?? d.snapshotWindow,
    maintenanceWindow: args.maintenanceWindow ?? d.maintenanceWindow,
    finalSnapshot: args.finalSnapshot ?? d.finalSnapshot,
    applyImmediately: args.applyImmediately ?? d.applyImmediately,
    authentication: args.authentication ?? d.authentication,
    appUsername: args.appUsername ?? d.appUsername,
    appAccessString: args.appAccessString ?? d.appAccessString,
    secretRotationDays: args.secretRotationDays ?? d.secretRotationDays,
    secretRecoveryWindowDays: args.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
    logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
    protect: args.protect ?? d.protect,
  };
}
