import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import { CLIENT_CIDR_RULE, privateCidrProblem } from "../common/cidr";
import { WEEKLY_WINDOW } from "../common/windows";
import { DEFAULT_MEMCACHED_VERSION, MAX_MEMCACHED_NODES, MAX_MEMCACHED_NODES_SOURCE, memcachedNodeTypeProblem, memcachedVersionProblem } from "./engines";
import { MAX_ITEM_SIZE_RANGE, MAX_ITEM_SIZE_STEP } from "./parameters";

/** Whether ElastiCache places the nodes in one zone or spreads them over the subnet group's zones. */
export const MEMCACHED_AZ_MODES = ["single-az", "cross-az"] as const;
export type MemcachedAzMode = (typeof MEMCACHED_AZ_MODES)[number];

export interface MemcachedClusterArgs {
  /** Cache cluster ID (1-50 characters: a letter, then lowercase letters, digits and single hyphens). Also names the subnet and parameter groups. No default. */
  readonly clusterId: string;
  /** Memcached version, one of `MEMCACHED_ENGINE_VERSIONS` (it decides the parameter group family). Default: `1.6.22`. */
  readonly engineVersion?: string;
  /** Node type `cache.<family>.<size>` of a family in `MEMCACHED_NODE_FAMILIES`. No default. */
  readonly nodeType: string;
  /** Nodes, 1..40 (count); the Fiber adapter hashes keys over them (each key lives on one node). Default: 1. */
  readonly numNodes?: number;
  /** `cross-az` spreads the nodes over `availabilityZones` (needs 2+ nodes and 2+ zones). Default: `cross-az` with 2+ nodes, else `single-az`. */
  readonly azMode?: MemcachedAzMode;
  /** Zones of `subnetIds`, in order: nodes go round-robin over them (cross-az) or all into the first (single-az). No default. */
  readonly availabilityZones: readonly string[];
  /** VPC of the cluster's security group. No default. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets, one per zone, for the cluster's own subnet group. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Private IPv4 CIDRs (RFC 1918 or 100.64.0.0/10, /8-/32, no host bits) of the clients allowed to the port. Default: none. */
  readonly allowedCidrs?: readonly string[];
  /** Security groups of the clients allowed to the port. Default: none; at least one CIDR or group is required. */
  readonly allowedSecurityGroupIds?: readonly pulumi.Input<string>[];
  /** TCP port, plaintext (see MEMCACHE_PLAINTEXT_EXCEPTION), 1024..65535. Default: 11211 (memcached's own). */
  readonly port?: number;
  /**
   * `max_item_size`, bytes, 1048576..134217728 and a multiple of 524288 (memcached refuses to start otherwise). A change
   * takes effect only when each node is rebooted, which empties it. Default: 1048576 (1 MiB).
   */
  readonly maxItemSizeBytes?: number;
  /** Weekly maintenance window `ddd:hh:mm-ddd:hh:mm`, UTC, at least 60 minutes. Default: `sun:05:00-sun:06:00`. */
  readonly maintenanceWindow?: string;
  /** Apply modifications now instead of in the maintenance window. Default: false. */
  readonly applyImmediately?: boolean;
  /** Where the node alarms report and how they evaluate. No default. */
  readonly alarms: AlarmContext;
  /** Pulumi `protect` on the cluster (a replaced cluster changes every node address the clients list). Default: false. */
  readonly protect?: boolean;
}

/** The arguments that have a default, and that default (each documented on {@link MemcachedClusterArgs}). */
export const MEMCACHED_DEFAULTS = {
  engineVersion: DEFAULT_MEMCACHED_VERSION,
  numNodes: 1,
  allowedCidrs: [] as readonly string[],
  allowedSecurityGroupIds: [] as readonly pulumi.Input<string>[],
  port: 11211,
  maxItemSizeBytes: MAX_ITEM_SIZE_RANGE.min,
  maintenanceWindow: "sun:05:00-sun:06:00",
  applyImmediately: false,
  protect: false,
} as const;

/** Every argument with its default applied. */
export type ResolvedMemcachedArgs = Required<MemcachedClusterArgs>;

/** The default zone mode for a node count: spread when there is more than one node. */
export const defaultAzMode = (numNodes: number): MemcachedAzMode => (numNodes >= 2 ? "cross-az" : "single-az");

/** `args` with {@link MEMCACHED_DEFAULTS} wherever an argument is absent. */
export function applyMemcachedDefaults(args: MemcachedClusterArgs): ResolvedMemcachedArgs {
  const d = MEMCACHED_DEFAULTS;
  const numNodes = args.numNodes ?? d.numNodes;
  return {
    ...args,
    engineVersion: args.engineVersion ?? d.engineVersion,
    numNodes,
    azMode: args.azMode ?? defaultAzMode(numNodes),
    allowedCidrs: args.allowedCidrs ?? d.allowedCidrs,
    allowedSecurityGroupIds: args.allowedSecurityGroupIds ?? d.allowedSecurityGroupIds,
    port: args.port ?? d.port,
    maxItemSizeBytes: args.maxItemSizeBytes ?? d.maxItemSizeBytes,
    maintenanceWindow: args.maintenanceWindow ?? d.maintenanceWindow,
    applyImmediately: args.applyImmediately ?? d.applyImmediately,
    protect: args.protect ?? d.protect,
  };
}

/** CreateCacheCluster, CacheClusterId: 1-50 characters, a letter first, no trailing hyphen or two hyphens in a row (stored lowercase). */
export const MAX_CLUSTER_ID = 50;
const CLUSTER_ID = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

const isInt = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** ElastiCache API Reference, CreateCacheCluster, PreferredMaintenanceWindow: "The minimum maintenance window is a 60 minute period." */
export const MEMCACHED_MIN_WINDOW_MINUTES = 60;
const WEEK_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * Minutes from start to end of a weekly window `ddd:hh:mm-ddd:hh:mm` (format already checked), across midnight and
 * the end of the week (`sat:23:30-sun:00:30` is 60); the same start and end is 0. (components/common/windows.ts only
 * judges a daily/weekly pair, and Memcached has no daily window.)
 */
export function weeklyWindowMinutes(window: string): number {
  const [from, to] = window.split("-").map((part) => WEEK_DAYS.indexOf(part.slice(0, 3)) * 1440 + Number(part.slice(4, 6)) * 60 + Number(part.slice(7, 9)));
  return (to - from + 7 * 1440) % (7 * 1440);
}

/** The arguments {@link memcachedProblems} judges (the adapter's settings carry the same fields). */
export type MemcachedCheckedArgs = Pick<ResolvedMemcachedArgs, "engineVersion" | "nodeType" | "numNodes" | "azMode" | "port" | "maxItemSizeBytes" | "maintenanceWindow">
  & { readonly zones: number };

/**
 * What ElastiCache would refuse at create time (or what would silently not spread), as [field, message]: the message
 * says what is allowed; callers add the value. Empty when the arguments are good. Sources are named in the messages.
 */
export function memcachedProblems(a: MemcachedCheckedArgs): [string, string][] {
  const problems: [string, string][] = [];
  const add = (field: string, problem: string | false | undefined) => { if (problem) problems.push([field, problem]); };
  add("engineVersion", memcachedVersionProblem(a.engineVersion));
  add("nodeType", memcachedNodeTypeProblem(a.nodeType));
  add("numNodes", !isInt(a.numNodes, 1, MAX_MEMCACHED_NODES) && `must be an integer 1..${MAX_MEMCACHED_NODES} (${MAX_MEMCACHED_NODES_SOURCE})`);
  if (a.azMode === "cross-az" && isInt(a.numNodes, 1, MAX_MEMCACHED_NODES)) {
    // Terraform/Pulumi aws_elasticache_cluster, az_mode: "If you want to choose cross-az, num_cache_nodes must be greater than 1."
    add("azMode", a.numNodes < 2 && `"cross-az" needs at least 2 nodes (numNodes is ${a.numNodes}; ElastiCache refuses cross-az for one node)`);
    add("azMode", a.numNodes >= 2 && a.zones < 2 && `"cross-az" needs at least 2 availability zones, there are ${a.zones}`);
  }
  add("port", !isInt(a.port, 1024, 65535) && "must be an integer 1024..65535");
  const itemSizeRule = `an integer ${MAX_ITEM_SIZE_RANGE.min}..${MAX_ITEM_SIZE_RANGE.max} bytes (1 MiB..128 MiB, ElastiCache's max_item_size range)`
    + ` and a multiple of ${MAX_ITEM_SIZE_STEP} (512 KiB: memcached refuses to start unless max_item_size divides evenly by slab_chunk_max), e.g. 1048576, 1572864, 2097152`;
  add("maxItemSizeBytes", (!isInt(a.maxItemSizeBytes, MAX_ITEM_SIZE_RANGE.min, MAX_ITEM_SIZE_RANGE.max) || a.maxItemSizeBytes % MAX_ITEM_SIZE_STEP !== 0)
    && `must be ${itemSizeRule}`);
  if (!WEEKLY_WINDOW.test(a.maintenanceWindow)) add("maintenanceWindow", "must look like sun:05:00-sun:06:00 (UTC)");
  else {
    const length = weeklyWindowMinutes(a.maintenanceWindow);
    add("maintenanceWindow", length < MEMCACHED_MIN_WINDOW_MINUTES && `must last at least ${MEMCACHED_MIN_WINDOW_MINUTES} minutes`
      + ` (CreateCacheCluster, PreferredMaintenanceWindow: "The minimum maintenance window is a 60 minute period"), this one lasts ${length}`);
  }
  return problems;
}

/** The arguments with every default applied, once; throws one Error listing every problem before anything is registered. */
export function resolveMemcachedArgs(name: string, args: MemcachedClusterArgs): ResolvedMemcachedArgs {
  const a = applyMemcachedDefaults(args);
  const valueOf = (field: string) => JSON.stringify((a as unknown as Record<string, unknown>)[field]);
  const lines = memcachedProblems({ ...a, zones: a.availabilityZones.length }).map(([field, message]) => `${field} ${message}, got ${valueOf(field)}`);
  if (a.clusterId.length > MAX_CLUSTER_ID || !CLUSTER_ID.test(a.clusterId)) {
    lines.push(`clusterId must be 1-${MAX_CLUSTER_ID} characters, a letter then lowercase letters, digits and single hyphens, got ${JSON.stringify(a.clusterId)}`);
  }
  for (const cidr of a.allowedCidrs) {
    const problem = privateCidrProblem(cidr, CLIENT_CIDR_RULE);
    if (problem) lines.push(`allowedCidrs ${problem}, got ${JSON.stringify(cidr)}`);
  }
  if (a.allowedCidrs.length + a.allowedSecurityGroupIds.length === 0) {
    lines.push("allowedCidrs or allowedSecurityGroupIds must name at least one client source (the security group is the only access control)");
  }
  if (lines.length > 0) throw new Error(`MemcachedCluster ${name}: ${lines.join("; ")}`);
  return a;
}

/** Zones for each node in order (cross-az: round-robin; ElastiCache needs exactly one entry per node). */
export function preferredNodeZones(zones: readonly string[], numNodes: number): string[] {
  return Array.from({ length: numNodes }, (_, i) => zones[i % zones.length]);
}

/** ElastiCache's node IDs in a Memcached cluster: `0001`, `0002`, ... (CloudWatch's CacheNodeId). */
export function memcachedNodeIds(numNodes: number): string[] {
  return Array.from({ length: numNodes }, (_, i) => String(i + 1).padStart(4, "0"));
}
