import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { nodeAlarms, nodeDashboard } from "./alarms";
import type { RedisCacheArgs } from "./args";
import { rbacUsers } from "./auth";
import { parameterGroupFamily } from "./engines";
import { cacheEvents } from "./events";
import { finalSnapshotIdentifier } from "./final-snapshot";
import { logDelivery } from "./logs";
import { memberNodes, type MemberNode, preferredZones } from "./naming";
import { cacheParameters, parameterGroupName } from "./parameters";
import { cacheSecurityGroup } from "./security-group";
import { resolveRedisArgs } from "./validate";

export {
  applyRedisDefaults, DEFAULT_MAINTENANCE_WINDOW, DEFAULT_SECRET_ROTATION_DAYS, DEFAULT_SNAPSHOT_WINDOW, type RedisAuthentication, type RedisCacheArgs,
  REDIS_DEFAULTS, type ResolvedRedisArgs,
} from "./args";
export { APP_ACCESS_STRING, DISABLED_DEFAULT_ACCESS_STRING } from "./auth";
export * from "./engines";
export * from "./naming";
export * from "./node-types";
export * from "./parameters";
export { NODE_WATCHES, watchesFor } from "./alarms";
export { CACHE_EVENT_TYPES, cacheEventPattern } from "./events";
export { CACHE_WINDOW_KEYS, CACHE_WINDOW_RULE, MAX_NODES_PER_GROUP, MAX_NODES_SOURCE, redisCacheArgsProblems, resolveRedisArgs } from "./validate";

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
    const a = resolveRedisArgs(name, args);
    super("sparki:redis:RedisCache", name, {}, opts);

    const { engine, clusterMode, protect } = a;
    const replicas = a.replicasPerShard;
    const shape = { clusterMode, shards: clusterMode ? a.shards : 1, replicasPerShard: replicas };
    const rgId = a.replicationGroupId;
    const family = parameterGroupFamily(engine, a.engineVersion) as string;
    this.replicationGroupId = rgId;
    this.port = a.port;
    this.nodes = memberNodes(rgId, shape);

    const securityGroup = cacheSecurityGroup(name, {
      replicationGroupId: rgId, vpcId: a.vpcId, port: this.port,
      allowedCidrs: a.allowedCidrs, allowedSecurityGroupIds: a.allowedSecurityGroupIds,
    }, this);
    const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-subnets`, {
      name: rgId, description: `Private subnets of ${rgId}`, subnetIds: a.subnetIds,
    }, { parent: this });
    const parameterGroup = new aws.elasticache.ParameterGroup(`${name}-params`, {
      name: parameterGroupName(rgId, family, clusterMode),
      family,
      description: `${rgId} (${engine} ${a.engineVersion}, cluster mode ${clusterMode ? "enabled" : "disabled"})`,
      parameters: cacheParameters({ maxmemoryPolicy: a.maxmemoryPolicy, clusterEnabled: clusterMode, reservedMemoryPercent: a.reservedMemoryPercent }),
    }, { parent: this });
    const logRetentionDays = a.logRetentionDays;
    const logs = logDelivery(name, { replicationGroupId: rgId, retentionDays: logRetentionDays, kmsKeyArn: a.kmsKeyArn }, this);
    const rbac = a.authentication === "rbac"
      ? rbacUsers(name, {
          accountId: a.accountId, region: a.region,
          replicationGroupId: rgId, engine, username: a.appUsername,
          accessString: a.appAccessString, kmsKeyArn: a.kmsKeyArn,
          secretRecoveryWindowDays: a.secretRecoveryWindowDays, protect,
          logRetentionDays, rotationDays: a.secretRotationDays,
        }, this)
      : undefined;

    // Cluster mode: ElastiCache spreads the shards' nodes over the subnet group's zones itself. Pinning them
    // with nodeGroupConfigurations would make the provider replace the whole group when a shard is added.
    const layout = clusterMode
      ? { clusterMode: "enabled", numNodeGroups: shape.shards, replicasPerNodeGroup: replicas }
      : { clusterMode: "disabled", numCacheClusters: 1 + replicas, preferredCacheClusterAzs: preferredZones(a.availabilityZones, 1 + replicas) };
    this.replicationGroup = new aws.elasticache.ReplicationGroup(name, {
      replicationGroupId: rgId,
      description: `Sparki ${engine} cache (sessions, permissions, build logs, rate limits)`,
      engine,
      engineVersion: a.engineVersion,
      nodeType: a.nodeType,
      port: this.port,
      ...layout,
      // Cluster mode always fails over; without it, failover needs a replica to promote.
      automaticFailoverEnabled: clusterMode || replicas > 0,
      multiAzEnabled: a.multiAz,
      parameterGroupName: parameterGroup.name,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      atRestEncryptionEnabled: true,
      kmsKeyId: a.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      ...(rbac ? { userGroupIds: [rbac.userGroup.userGroupId] } : {}),
      snapshotRetentionLimit: a.snapshotRetentionDays,
      snapshotWindow: a.snapshotWindow,
      maintenanceWindow: a.maintenanceWindow,
      ...(a.finalSnapshot ? { finalSnapshotIdentifier: finalSnapshotIdentifier(name, rgId, this) } : {}),
      autoMinorVersionUpgrade: true,
      applyImmediately: a.applyImmediately,
      logDeliveryConfigurations: logs,
    }, { parent: this, protect });
    if (a.eventsTopicArn !== undefined) cacheEvents(name, { replicationGroupId: rgId, topicArn: a.eventsTopicArn, alarms: a.alarms }, this);

    this.endpoints = clusterMode
      ? { configuration: this.replicationGroup.configurationEndpointAddress }
      : { primary: this.replicationGroup.primaryEndpointAddress, reader: this.replicationGroup.readerEndpointAddress };
    this.username = rbac?.username;
    this.secretArn = rbac?.secret.arn;
    this.securityGroupId = securityGroup.id;

    nodeAlarms(a.alarms, "redis", this.nodes, this.replicationGroup, this);
    this.dashboard = nodeDashboard(`Valkey/Redis ${rgId} (${engine} ${a.engineVersion})`, this.nodes);

    this.registerOutputs({
      replicationGroupId: this.replicationGroupId,
      nodes: this.nodes.map((n) => n.cacheClusterId),
      endpoints: this.endpoints,
      port: this.port,
      username: this.username,
      secretArn: this.secretArn,
      securityGroupId: this.securityGroupId,
    });
  }
}
