import { adapter as matrixRow } from "../../../components/matrix";
import { MemcachedCluster, type MemcachedOutputs } from "../../../components/memcached";
import { replicationGroupIdFor } from "../../../components/redis/naming";
import { clientCidrs, type SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { MemcacheSettings } from "./settings";

export type { MemcachedOutputs } from "../../../components/memcached";

/**
 * Memcached on ElastiCache for the Fiber `storage/memcache` adapter. Stack output `memcache`: the node list for
 * `Config.Servers`, the configuration endpoint, the port, that the connection is plaintext (the named exception) and
 * the security group; never a secret (Memcached has none).
 */
export function deployMemcache(s: MemcacheSettings, { env, opts, baseName, network, alarms }: SharedBlocks): Deployed<MemcachedOutputs> {
  const cache = new MemcachedCluster(`${baseName}-memcache`, {
    clusterId: replicationGroupIdFor(baseName, "memcache"),
    engineVersion: s.engineVersion,
    nodeType: s.nodeType,
    numNodes: s.numNodes,
    azMode: s.azMode,
    availabilityZones: network.availabilityZones,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    // Default source: the VPC this stack created (an existing VPC must name its CIDRs; a config rule says so).
    allowedCidrs: clientCidrs(network, s.allowedCidrs),
    allowedSecurityGroupIds: s.allowedSecurityGroupIds,
    maxItemSizeBytes: s.maxItemSizeBytes,
    maintenanceWindow: s.maintenanceWindow,
    applyImmediately: s.applyImmediately,
    alarms,
    protect: env.profile.protectStatefulResources,
  }, opts);
  const { fiberPackages } = matrixRow("memcache");
  return { fiberPackages, outputs: { ...cache.outputs, fiberPackages }, dashboard: [cache.dashboard] };
}
