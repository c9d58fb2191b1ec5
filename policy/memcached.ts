import * as aws from "@pulumi/aws";
import { type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { MAX_MEMCACHED_NODES, MEMCACHED_NODE_FAMILIES } from "../components/memcached/engines";
import { MEMCACHE_COMPENSATING_CONTROLS, MEMCACHE_PLAINTEXT_EXCEPTION, POLICY_EXCEPTION_TAG } from "../components/memcached/exception";
import { baseline, engineRule, fsbp } from "./lib/controls";
import { definitely, isAbsent, knownItems, read } from "./lib/values";
import { versionAtLeast } from "./lib/rds";
import type { PolicyException } from "./rds";

/**
 * ElastiCache cache clusters (aws.elasticache.Cluster), which components/memcached creates for Memcached. FSBP's
 * ElastiCache.1/.2/.4/.6 are about Redis OSS clusters and replication groups and ElastiCache.3/.5 about replication
 * groups only (Security Hub CSPM, "Controls for ElastiCache", read 2026-11-29); ElastiCache.7 (no default subnet group)
 * applies to every cache cluster. In-transit encryption on a cluster is this pack's own baseline, with one named
 * exception: `memcache-plaintext-client`.
 */

const CHECKED = "2026-11-29";

/** The named exception (the PolicyException shape of policy/rds.ts), listed in docs/policy.md's "Named exceptions". */
export const MEMCACHE_PLAINTEXT_CLIENT_EXCEPTION: PolicyException = {
  name: MEMCACHE_PLAINTEXT_EXCEPTION,
  policy: "elasticache-cluster-transit-encryption",
  waives: "in-transit encryption (transitEncryptionEnabled) on a Memcached cache cluster: this pack's baseline, FSBP ElastiCache.5 asking it of replication groups",
  reason: "the Fiber storage/memcache adapter (gofiber/storage memcache on bradfitz/gomemcache) dials plain TCP and has no TLS option; a TLS-only cluster would refuse it (read 2026-11-29)",
  compensatingControl: MEMCACHE_COMPENSATING_CONTROLS.join("; "),
};
export const MEMCACHED_POLICY_EXCEPTIONS: readonly PolicyException[] = [MEMCACHE_PLAINTEXT_CLIENT_EXCEPTION];
const Cluster = aws.elasticache.Cluster;

export const cacheClusterSubnetGroup: ResourceValidationPolicy = {
  name: "elasticache-7-cluster-subnet-group",
  ...fsbp(["ElastiCache.7"], "ElastiCache cache clusters use their own subnet group in the private subnets, not the default one.", "high",
    "Set subnetGroupName to the component's subnet group."),
  validateResource: validateResourceOfType(Cluster, (cluster, _args, report) => {
    const name = read(() => cluster.subnetGroupName);
    if (!name.known) return;
    if (name.value === undefined || name.value === "" || name.value === "default") {
      report(`subnetGroupName is ${name.value ? `"${name.value}"` : "not set"}: the default subnet group spans the default VPC. Use the private cache subnet group.`);
    }
  }),
};

const isPrivateCidr = (cidr: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(cidr) && !cidr.endsWith("/0");

/** Why a plaintext cluster does not meet the exception's compensating controls (empty: it does, as far as is known). */
export function plaintextExceptionProblems(cluster: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const c = cluster.asType(Cluster);
  if (!c) return [];
  const problems: string[] = [];
  const tag = read(() => c.tags?.[POLICY_EXCEPTION_TAG]);
  if (tag.known && tag.value !== MEMCACHE_PLAINTEXT_EXCEPTION) {
    return [`transitEncryptionEnabled is not true and the cluster carries no ${POLICY_EXCEPTION_TAG}=${MEMCACHE_PLAINTEXT_EXCEPTION} tag: cached values would cross the network in plaintext. Enable TLS, or (Memcached for a plaintext-only client) take the named exception with its compensating controls.`];
  }
  if (definitely(() => c.engine !== "memcached")) problems.push(`the ${MEMCACHE_PLAINTEXT_EXCEPTION} exception covers Memcached only, engine is "${String(c.engine)}": Valkey/Redis clients speak TLS.`);
  const subnetGroup = read(() => c.subnetGroupName);
  if (subnetGroup.known && (subnetGroup.value === undefined || subnetGroup.value === "" || subnetGroup.value === "default")) {
    problems.push("the exception needs private subnets only: subnetGroupName must name the cluster's own subnet group, not the default one.");
  }
  if (isAbsent(() => c.securityGroupIds)) problems.push("the exception needs a security group as the only access control: securityGroupIds is empty (the VPC default group would apply).");
  for (const key of ["snapshotRetentionLimit", "snapshotWindow", "snapshotArns", "snapshotName", "finalSnapshotIdentifier"] as const) {
    if (!isAbsent(() => (c as Record<string, unknown>)[key]) && read(() => (c as Record<string, unknown>)[key]).known) {
      problems.push(`the exception covers caching only: ${key} is set (a cache under the exception keeps and restores no data).`);
    }
  }
  // The security groups the cluster names, where the stack registers them and their IDs are known (not in preview).
  const groupIds = knownItems(() => c.securityGroupIds);
  const port = read(() => c.port);
  for (const group of resources.filter((r) => r.isType(aws.ec2.SecurityGroup))) {
    const sg = group.asType(aws.ec2.SecurityGroup);
    const id = read(() => sg?.id);
    if (!sg || !id.known || !groupIds.includes(id.value as string)) continue;
    for (const rule of knownItems(() => sg.ingress)) {
      const wrongPort = port.known && typeof port.value === "number" && (rule.fromPort !== port.value || rule.toPort !== port.value);
      if (rule.protocol !== "tcp" || wrongPort) problems.push(`security group ${group.name} admits ${String(rule.protocol)} ${String(rule.fromPort)}-${String(rule.toPort)}: the exception allows TCP on the Memcached port only.`);
      for (const cidr of rule.cidrBlocks ?? []) if (!isPrivateCidr(cidr)) problems.push(`security group ${group.name} admits ${cidr}: the exception allows private client CIDRs only.`);
      if ((rule.ipv6CidrBlocks ?? []).length > 0) problems.push(`security group ${group.name} admits IPv6 ranges: the exception allows the named private IPv4 clients only.`);
    }
    if (knownItems(() => sg.egress).length > 0) problems.push(`security group ${group.name} has outbound rules: memcached never calls out.`);
  }
  return problems;
}

export const cacheClusterTransitEncryption: StackValidationPolicy = {
  name: "elasticache-cluster-transit-encryption",
  ...baseline("Sparki baseline: encryption",
    `ElastiCache cache clusters encrypt in transit (ElastiCache.5 asks it of replication groups only), except under the named exception ${MEMCACHE_PLAINTEXT_EXCEPTION} (a Memcached cluster for the Fiber storage/memcache client, which has no TLS option) with its compensating controls: ${MEMCACHE_COMPENSATING_CONTROLS.join("; ")}.`,
    "high",
    `Set transitEncryptionEnabled: true (Memcached 1.6.12+ with a TLS client), or for the plaintext Fiber client tag the cluster ${POLICY_EXCEPTION_TAG}=${MEMCACHE_PLAINTEXT_EXCEPTION} and keep it in its own private subnet group behind a security group open to the named clients on its port only, with no snapshot settings.`),
  validateStack: (args, report) => {
    const clusters = args.resources.filter((r) => r.isType(Cluster));
    if (clusters.length === 0) args.notApplicable("no ElastiCache cache clusters");
    for (const cluster of clusters) {
      if (definitely(() => cluster.asType(Cluster)?.transitEncryptionEnabled === true)) continue;
      for (const problem of plaintextExceptionProblems(cluster, args.resources)) report(`${cluster.name}: ${problem}`, cluster.urn);
    }
  },
};

/** Parameter group family a Memcached version needs: `memcached<major>.<minor>`. */
const memcachedFamilyOf = (version: string) => {
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version);
  return match ? `memcached${match[1]}.${match[2]}` : undefined;
};

/** What ElastiCache refuses for one Memcached cluster (and its parameter group, when the stack registers it). */
export function memcachedClusterEngineProblems(cluster: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const c = cluster.asType(Cluster);
  if (!c || !definitely(() => c.engine === "memcached")) return [];
  const problems: string[] = [];
  const nodes = read(() => c.numCacheNodes);
  const count = nodes.known && typeof nodes.value === "number" ? nodes.value : undefined;
  if (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= MAX_MEMCACHED_NODES)) {
    problems.push(`numCacheNodes is ${count}: a Memcached cluster has 1..${MAX_MEMCACHED_NODES} nodes (CreateCacheCluster NumCacheNodes; more needs a limit increase).`);
  }
  if (definitely(() => c.azMode === "cross-az") && count !== undefined && count < 2) {
    problems.push(`azMode is "cross-az" with ${count} node: ElastiCache needs more than one node to spread over zones.`);
  }
  const zones = read(() => c.preferredAvailabilityZones);
  if (zones.known && Array.isArray(zones.value) && count !== undefined && zones.value.length !== count) {
    problems.push(`preferredAvailabilityZones lists ${zones.value.length} zone(s) for ${count} node(s): ElastiCache needs exactly one per node (repeat a zone to place two nodes in it).`);
  }
  for (const key of ["snapshotRetentionLimit", "snapshotWindow", "snapshotArns", "snapshotName", "finalSnapshotIdentifier"] as const) {
    if (!isAbsent(() => (c as Record<string, unknown>)[key]) && read(() => (c as Record<string, unknown>)[key]).known) {
      problems.push(`${key} is set: snapshots and final snapshots are Valkey/Redis OSS features; ElastiCache refuses them for Memcached.`);
    }
  }
  const nodeType = read(() => c.nodeType);
  if (nodeType.known && typeof nodeType.value === "string") {
    const family = /^cache\.([a-z0-9]+)\./.exec(nodeType.value)?.[1];
    if (!family || !(MEMCACHED_NODE_FAMILIES as readonly string[]).includes(family)) {
      problems.push(`nodeType is ${nodeType.value}: not a current-generation Memcached node type (${MEMCACHED_NODE_FAMILIES.join(", ")}).`);
    }
  }
  const version = read(() => c.engineVersion);
  if (version.known && typeof version.value === "string") {
    if (definitely(() => c.transitEncryptionEnabled === true) && !versionAtLeast(version.value, [1, 6, 12])) {
      problems.push(`transitEncryptionEnabled with Memcached ${version.value}: in-transit encryption needs Memcached 1.6.12 or later.`);
    }
    const groupName = read(() => c.parameterGroupName);
    const group = groupName.known ? resources.find((r) => r.isType(aws.elasticache.ParameterGroup) && definitely(() => r.asType(aws.elasticache.ParameterGroup)?.name === groupName.value)) : undefined;
    const family = group ? read(() => group.asType(aws.elasticache.ParameterGroup)?.family) : undefined;
    const wanted = memcachedFamilyOf(version.value);
    if (family?.known && wanted && family.value !== wanted) {
      problems.push(`parameter group ${String(groupName.known ? groupName.value : "")} is of family ${String(family.value)}, Memcached ${version.value} needs ${wanted}: ElastiCache refuses the cluster.`);
    }
  }
  return problems;
}

export const memcachedClusterEngineRules: StackValidationPolicy = {
  name: "engine-elasticache-memcached-cluster",
  ...engineRule("ElastiCache API Reference, CreateCacheCluster (NumCacheNodes, AZMode, PreferredAvailabilityZones, SnapshotRetentionLimit); ElastiCache for Memcached User Guide, \"Supported node types\", \"Supported ElastiCache for Memcached versions\" and \"Memcached specific parameters\"", CHECKED,
    "A Memcached cluster has 1..40 nodes, cross-az only with 2+ nodes, one preferred zone per node, no snapshot settings, a current-generation Memcached node type, a parameter group of its version's family, and TLS only from 1.6.12.",
    "Build the cluster with components/memcached, which derives zones, family and node count from validated config."),
  validateStack: (args, report) => {
    const clusters = args.resources.filter((r) => r.isType(Cluster) && definitely(() => r.asType(Cluster)?.engine === "memcached"));
    if (clusters.length === 0) args.notApplicable("no Memcached clusters");
    for (const cluster of clusters) for (const problem of memcachedClusterEngineProblems(cluster, args.resources)) report(`${cluster.name}: ${problem}`, cluster.urn);
  },
};

export const MEMCACHED_POLICIES = [cacheClusterSubnetGroup, cacheClusterTransitEncryption, memcachedClusterEngineRules];
