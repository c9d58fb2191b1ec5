import { createHash } from "node:crypto";

/** ElastiCache replication group IDs: 1-40 characters, a letter first, lowercase letters, digits, single hyphens. */
export const MAX_REPLICATION_GROUP_ID = 40;
const REPLICATION_GROUP_ID = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

export function replicationGroupIdProblem(id: string): string | undefined {
  if (id.length > MAX_REPLICATION_GROUP_ID) return `must be at most ${MAX_REPLICATION_GROUP_ID} characters, got ${id.length} ("${id}")`;
  return REPLICATION_GROUP_ID.test(id) ? undefined : `must start with a letter and hold only lowercase letters, digits and single hyphens, got "${id}"`;
}

/**
 * A valid replication group ID from a logical prefix such as `sparki-<env>` (stack names may hold capitals,
 * dots or underscores, and may be long). Too long an ID is cut and suffixed with a hash of the full text,
 * so two long stack names still get distinct IDs. Explicit (not auto-named) so member node IDs, and the
 * alarms on them, are known at preview time.
 */
export function replicationGroupIdFor(prefix: string, suffix = "redis"): string {
  const slug = `${prefix}-${suffix}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "");
  if (slug.length <= MAX_REPLICATION_GROUP_ID) return slug;
  const hash = createHash("sha256").update(slug).digest("hex").slice(0, 7);
  return `${slug.slice(0, MAX_REPLICATION_GROUP_ID - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/** How the replication group is laid out. */
export interface ClusterShape {
  /** Cluster mode enabled: data sharded over `shards` node groups. No default. */
  readonly clusterMode: boolean;
  /** Node groups (shards), count; always 1 without cluster mode. No default. */
  readonly shards: number;
  /** Read replicas per shard, 0-5. No default. */
  readonly replicasPerShard: number;
}

/** One member cache cluster (one node) of a replication group: what CloudWatch's CacheClusterId names. */
export interface MemberNode {
  /** `<rg>-001` without cluster mode, `<rg>-0001-001` with it. */
  readonly cacheClusterId: string;
  /** The ID without the group prefix (`001`, `0001-002`): short subject for alarm names. */
  readonly suffix: string;
  /** Node group ID (`0001`) in cluster mode; undefined without. */
  readonly shard?: string;
  /** Role at creation: node 001 of each shard starts as primary. Failover swaps roles later. */
  readonly role: "primary" | "replica";
  /** Its shard has replicas, so this node takes part in replication (as source or replica, roles move). */
  readonly replicated: boolean;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Member cache cluster IDs ElastiCache gives the nodes of a replication group (`<rg>-001..` without cluster
 * mode, `<rg>-<shard 0001..>-<node 001..>` with it). Node group IDs are left to ElastiCache, which numbers
 * them 0001 upwards.
 */
export function memberNodes(replicationGroupId: string, shape: ClusterShape): MemberNode[] {
  const perShard = 1 + shape.replicasPerShard;
  const replicated = shape.replicasPerShard > 0;
  const nodes = (shard?: string) => Array.from({ length: perShard }, (_, i): MemberNode => {
    const suffix = shard ? `${shard}-${pad(i + 1, 3)}` : pad(i + 1, 3);
    return { cacheClusterId: `${replicationGroupId}-${suffix}`, suffix, shard, role: i === 0 ? "primary" : "replica", replicated };
  });
  if (!shape.clusterMode) return nodes();
  return Array.from({ length: shape.shards }, (_, s) => nodes(pad(s + 1, 4))).flat();
}

/** Zones for the nodes of a group without cluster mode, in node order: primary first, replicas round-robin. */
export function preferredZones(zones: readonly string[], nodeCount: number): string[] {
  return Array.from({ length: nodeCount }, (_, i) => zones[i % zones.length]);
}
