import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { memcachedAlarms, memcachedDashboard } from "./alarms";
import { type MemcachedClusterArgs, memcachedNodeIds, preferredNodeZones, resolveMemcachedArgs } from "./args";
import { memcachedParameterFamily } from "./engines";
import { DATA_CLASS_TAG, MEMCACHE_PLAINTEXT_EXCEPTION, POLICY_EXCEPTION_TAG } from "./exception";
import { memcachedParameterGroupName, memcachedParameters } from "./parameters";
import { memcachedSecurityGroup } from "./security-group";

export * from "./args";
export * from "./engines";
export * from "./exception";
export * from "./parameters";
export { MEMCACHED_NODE_WATCHES, memcacheLatencyThreshold } from "./alarms";
export { MEMCACHE_LATENCY_METRIC } from "./metrics";

/** One node as clients reach it. */
export interface MemcachedNodeEndpoint {
  /** ElastiCache node ID (`0001`...), CloudWatch's CacheNodeId. */
  readonly id: string;
  readonly address: string;
  readonly port: number;
  readonly availabilityZone: string;
}

/** What the Fiber `storage/memcache` adapter needs to connect: never a secret (Memcached has none). */
export interface MemcachedOutputs {
  readonly fiberPackages: readonly string[];
  readonly engine: "memcached";
  readonly engineVersion: string;
  readonly clusterId: string;
  /**
   * `Config.Servers` of gofiber/storage memcache: every node as `host:port`, comma-separated. gomemcache does no
   * auto-discovery and resolves each name once, at start (and storage/memcache `New` pings every server and panics if
   * one fails), so the application must restart with the current list whenever `numNodes` changes or a node is
   * replaced (same name, new IP).
   */
  readonly servers: pulumi.Output<string>;
  readonly nodes: pulumi.Output<MemcachedNodeEndpoint[]>;
  /** The configuration endpoint `host:port`, for clients with ElastiCache Auto Discovery (gomemcache has none). */
  readonly configurationEndpoint: pulumi.Output<string>;
  readonly port: number;
  /** Plaintext TCP: the named policy exception `memcache-plaintext-client`. */
  readonly tls: false;
  readonly policyException: typeof MEMCACHE_PLAINTEXT_EXCEPTION;
  /** The clients' side of the access control: add their security groups to allowedSecurityGroupIds, or use a listed CIDR. */
  readonly securityGroupId: pulumi.Output<string>;
}

/**
 * An ElastiCache for Memcached cluster for the Fiber `storage/memcache` adapter: nodes spread over the zones
 * (cross-az) when there are several, its own `memcached1.6` parameter group, subnet group over the private subnets,
 * a security group as the only access control (Memcached has no AUTH, no encryption at rest, no snapshots), plaintext
 * TCP as the named exception `memcache-plaintext-client`, and per-node alarms (CPU, evictions, connections, swap; no
 * FreeableMemory, which a warm cache keeps near zero: components/memcached/alarms.ts) plus a client-side p95 latency alarm.
 */
export class MemcachedCluster extends pulumi.ComponentResource {
  readonly cluster: aws.elasticache.Cluster;
  readonly outputs: MemcachedOutputs;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: MemcachedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveMemcachedArgs(name, args);
    super("sparki:memcached:MemcachedCluster", name, {}, opts);
    const family = memcachedParameterFamily(a.engineVersion) as string;
    const nodeIds = memcachedNodeIds(a.numNodes);

    const securityGroup = memcachedSecurityGroup(name, {
      clusterId: a.clusterId, vpcId: a.vpcId, port: a.port, allowedCidrs: a.allowedCidrs, allowedSecurityGroupIds: a.allowedSecurityGroupIds,
    }, this);
    const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-subnets`, {
      name: a.clusterId, description: `Private subnets of ${a.clusterId}`, subnetIds: a.subnetIds,
    }, { parent: this });
    const parameterGroup = new aws.elasticache.ParameterGroup(`${name}-params`, {
      name: memcachedParameterGroupName(a.clusterId, family),
      family,
      description: `${a.clusterId} (memcached ${a.engineVersion})`,
      parameters: memcachedParameters({ maxItemSizeBytes: a.maxItemSizeBytes }),
    }, { parent: this });

    const placement = a.azMode === "cross-az"
      ? { azMode: "cross-az", preferredAvailabilityZones: preferredNodeZones(a.availabilityZones, a.numNodes) }
      : { azMode: "single-az", availabilityZone: a.availabilityZones[0] };
    this.cluster = new aws.elasticache.Cluster(name, {
      clusterId: a.clusterId,
      engine: "memcached",
      engineVersion: a.engineVersion,
      nodeType: a.nodeType,
      numCacheNodes: a.numNodes,
      ...placement,
      port: a.port,
      parameterGroupName: parameterGroup.name,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      // The named exception: the Fiber client speaks plain TCP only (components/memcached/exception.ts).
      transitEncryptionEnabled: false,
      networkType: "ipv4",
      maintenanceWindow: a.maintenanceWindow,
      applyImmediately: a.applyImmediately,
      tags: { [POLICY_EXCEPTION_TAG]: MEMCACHE_PLAINTEXT_EXCEPTION, [DATA_CLASS_TAG]: "cache" },
    }, { parent: this, protect: a.protect });

    memcachedAlarms({ context: a.alarms, subjectPrefix: "memcache", clusterId: a.clusterId, nodeIds }, this.cluster, this);
    this.dashboard = memcachedDashboard(`Memcached ${a.clusterId} (${a.engineVersion}, ${a.numNodes} x ${a.nodeType})`, { clusterId: a.clusterId, nodeIds });

    const nodes = this.cluster.cacheNodes.apply((list) => (list ?? []).map((n): MemcachedNodeEndpoint => ({
      id: n.id, address: n.address, port: n.port, availabilityZone: n.availabilityZone,
    })));
    this.outputs = {
      fiberPackages: ["storage/memcache"],
      engine: "memcached",
      engineVersion: a.engineVersion,
      clusterId: a.clusterId,
      servers: nodes.apply((list) => list.map((n) => `${n.address}:${n.port}`).join(",")),
      nodes,
      configurationEndpoint: this.cluster.configurationEndpoint,
      port: a.port,
      tls: false,
      policyException: MEMCACHE_PLAINTEXT_EXCEPTION,
      securityGroupId: securityGroup.id,
    };
    this.registerOutputs({ outputs: this.outputs });
  }
}
