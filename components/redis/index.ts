import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { nodeAlarms, nodeDashboard } from "./alarms";
import type { RedisCacheArgs } from "./args";
import { APP_ACCESS_STRING, rbacUsers } from "./auth";
import { parameterGroupFamily } from "./engines";
import { cacheEvents } from "./events";
import { finalSnapshotIdentifier } from "./final-snapshot";
import { logDelivery } from "./logs";
import { memberNodes, type MemberNode, preferredZones } from "./naming";
import { cacheParameters, DEFAULT_MAXMEMORY_POLICY, DEFAULT_RESERVED_MEMORY_PERCENT, parameterGroupName } from "./parameters";
import { cacheSecurityGroup } from "./security-group";
import { DEFAULT_MAINTENANCE_WINDOW, DEFAULT_SECRET_ROTATION_DAYS, DEFAULT_SNAPSHOT_WINDOW, redisCacheArgsProblems } from "./validate";

export type { RedisAuthentication, RedisCacheArgs } from "./args";
export { APP_ACCESS_STRING, DISABLED_DEFAULT_ACCESS_STRING } from "./auth";
export * from "./engines";
export * from "./naming";
export * from "./node-types";
export * from "./parameters";
export { NODE_WATCHES, watchesFor } from "./alarms";
export { CACHE_EVENT_TYPES, cacheEventPattern } from "./events";
export { CACHE_WINDOW_KEYS, CACHE_WINDOW_RULE, DEFAULT_MAINTENANCE_WINDOW, DEFAULT_SECRET_ROTATION_DAYS, DEFAULT_SNAPSHOT_WINDOW, redisCacheArgsProblems } from "./validate";

/** Where clients connect: the configuration endpoint in cluster mode, primary and reader endpoints without. */
export type RedisEndpoints =
  | {
    /** Configuration endpoint host (cluster mode): clients discover the shards through it. */
    readonly configuration: pulumi.Output<string>;
  }
  | {
    /** Primary endpoint host (no cluster mode): reads and writes, follows failover. */
    readonly primary: pulumi.Output<string>;
    /** Reader endpoint host (no cluster mode): reads, spread over the replicas. */
    readonly reader: pulumi.Output<string>;
  };

/**
 * A Valkey/Redis OSS ElastiCache replication group, cluster mode enabled or disabled: TLS required, KMS
 * encryption at rest, RBAC users (generated password in Secrets Manager, rotated by a Lambda function every 30 days
 * by default), its own subnet group, security group
 * and parameter group, slow/engine logs in CloudWatch Logs, alarms on every member node, and (with a topic) an
 * EventBridge rule forwarding ElastiCache events.
 */
export class RedisCache extends pulumi.ComponentResource {
  readonly replicationGroup: aws.elasticache.ReplicationGroup;
  readonly replicationGroupId: string;
  /** Member nodes (cache cluster IDs), known at preview time. */
  readonly nodes: readonly MemberNode[];
  readonly endpoints: RedisEndpoints;
  readonly port: number;
  /** Application user name; undefined without authentication. */
  readonly username?: string;
  /** ARN of the secret with the application user's credentials; undefined without authentication. */
  readonly secretArn?: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: RedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = redisCacheArgsProblems(args);
    if (problems.length > 0) throw new Error(`RedisCache ${name}: ${problems.join("; ")}`);
    super("sparki:redis:RedisCache", name, {}, opts);

    const engine = args.engine ?? "valkey";
    const clusterMode = args.clusterMode ?? false;
    const replicas = args.replicasPerShard ?? 0;
    const shape = { clusterMode, shards: clusterMode ? args.shards ?? 1 : 1, replicasPerShard: replicas };
    const rgId = args.replicationGroupId;
    const family = parameterGroupFamily(engine, args.engineVersion) as string;
    const protect = args.protect ?? false;
    this.replicationGroupId = rgId;
    this.port = args.port ?? 6379;
    this.nodes = memberNodes(rgId, shape);

    const securityGroup = cacheSecurityGroup(name, {
      replicationGroupId: rgId, vpcId: args.vpcId, port: this.port,
      allowedCidrs: args.allowedCidrs ?? [], allowedSecurityGroupIds: args.allowedSecurityGroupIds ?? [],
    }, this);
    const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-subnets`, {
      name: rgId, description: `Private subnets of ${rgId}`, subnetIds: args.subnetIds,
    }, { parent: this });
    const parameterGroup = new aws.elasticache.ParameterGroup(`${name}-params`, {
      name: parameterGroupName(rgId, family, clusterMode),
      family,
      description: `${rgId} (${engine} ${args.engineVersion}, cluster mode ${clusterMode ? "enabled" : "disabled"})`,
      parameters: cacheParameters({
        maxmemoryPolicy: args.maxmemoryPolicy ?? DEFAULT_MAXMEMORY_POLICY,
        clusterEnabled: clusterMode,
        reservedMemoryPercent: args.reservedMemoryPercent ?? DEFAULT_RESERVED_MEMORY_PERCENT,
      }),
    }, { parent: this });
    const logRetentionDays = args.logRetentionDays ?? 30;
    const logs = logDelivery(name, { replicationGroupId: rgId, retentionDays: logRetentionDays, kmsKeyArn: args.kmsKeyArn }, this);
    const rbac = (args.authentication ?? "rbac") === "rbac"
      ? rbacUsers(name, {
          accountId: args.accountId, region: args.region,
          replicationGroupId: rgId, engine, username: args.appUsername ?? "sparki-app",
          accessString: args.appAccessString ?? APP_ACCESS_STRING, kmsKeyArn: args.kmsKeyArn,
          secretRecoveryWindowDays: args.secretRecoveryWindowDays ?? 30, protect,
          logRetentionDays, rotationDays: args.secretRotationDays ?? DEFAULT_SECRET_ROTATION_DAYS,
        }, this)
      : undefined;

    // Cluster mode: ElastiCache spreads the shards' nodes over the subnet group's zones itself. Pinning them
    // with nodeGroupConfigurations would make the provider replace the whole group when a shard is added.
    const layout = clusterMode
      ? { clusterMode: "enabled", numNodeGroups: shape.shards, replicasPerNodeGroup: replicas }
      : { clusterMode: "disabled", numCacheClusters: 1 + replicas, preferredCacheClusterAzs: preferredZones(args.availabilityZones, 1 + replicas) };
    this.replicationGroup = new aws.elasticache.ReplicationGroup(name, {
      replicationGroupId: rgId,
      description: `Sparki ${engine} cache (sessions, permissions, build logs, rate limits)`,
      engine,
      engineVersion: args.engineVersion,
      nodeType: args.nodeType,
      port: this.port,
      ...layout,
      // Cluster mode always fails over; without it, failover needs a replica to promote.
      automaticFailoverEnabled: clusterMode || replicas > 0,
      multiAzEnabled: args.multiAz ?? false,
      parameterGroupName: parameterGroup.name,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      atRestEncryptionEnabled: true,
      kmsKeyId: args.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      ...(rbac ? { userGroupIds: [rbac.userGroup.userGroupId] } : {}),
      snapshotRetentionLimit: args.snapshotRetentionDays ?? 1,
      snapshotWindow: args.snapshotWindow ?? DEFAULT_SNAPSHOT_WINDOW,
      maintenanceWindow: args.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW,
      ...(args.finalSnapshot ? { finalSnapshotIdentifier: finalSnapshotIdentifier(name, rgId, this) } : {}),
      autoMinorVersionUpgrade: true,
      applyImmediately: args.applyImmediately ?? false,
      logDeliveryConfigurations: logs,
    }, { parent: this, protect });
    if (args.eventsTopicArn !== undefined) cacheEvents(name, { replicationGroupId: rgId, topicArn: args.eventsTopicArn, alarms: args.alarms }, this);

    this.endpoints = clusterMode
      ? { configuration: this.replicationGroup.configurationEndpointAddress }
      : { primary: this.replicationGroup.primaryEndpointAddress, reader: this.replicationGroup.readerEndpointAddress };
    this.username = rbac?.username;
    this.secretArn = rbac?.secret.arn;
    this.securityGroupId = securityGroup.id;

    nodeAlarms(args.alarms, "redis", this.nodes, this.replicationGroup, this);
    this.dashboard = nodeDashboard(`Valkey/Redis ${rgId} (${engine} ${args.engineVersion})`, this.nodes);

    this.registerOutputs({
      replicationGroupId: rgId,
      ...this.endpoints,
      port: this.port,
      memberClusters: this.nodes.map((n) => n.cacheClusterId),
      secretArn: this.secretArn,
    });
  }
}
