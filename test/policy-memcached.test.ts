import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { cacheClusterSubnetGroup, cacheClusterTransitEncryption, MEMCACHED_POLICIES, MEMCACHED_POLICY_EXCEPTIONS, memcachedClusterEngineRules } from "../policy/memcached";
import { describeResourceCases } from "./policy-cases";
import { checkStack, pulumiType, type StackInput, UNKNOWN } from "./policy-harness";

/**
 * The Memcached cluster policies (policy/memcached.ts) on hand-built resources. Facts used, written down from the
 * documentation rather than the code: CreateCacheCluster NumCacheNodes 1..40 for Memcached; cross-az needs more than
 * one node; one preferred zone per node; snapshots are not offered for Memcached; in-transit encryption from 1.6.12;
 * parameter group family memcached1.6 for 1.6.x (ElastiCache API Reference and Memcached User Guide, read 2026-11-29).
 */

const CLUSTER = pulumiType(aws.elasticache.Cluster);
const SG = pulumiType(aws.ec2.SecurityGroup);
const PARAMS = pulumiType(aws.elasticache.ParameterGroup);

/** A cluster as components/memcached builds it for prod: three nodes over three zones, plaintext under the exception. */
const cluster = (): Record<string, unknown> => ({
  clusterId: "sparki-prod-memcache", engine: "memcached", engineVersion: "1.6.22", nodeType: "cache.r6g.large", numCacheNodes: 3,
  azMode: "cross-az", preferredAvailabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], port: 11211,
  parameterGroupName: "sparki-prod-memcache-memcached1-6", subnetGroupName: "sparki-prod-memcache", securityGroupIds: ["sg-0123456789abcdef0"],
  transitEncryptionEnabled: false, tags: { "sparki:policy-exception": "memcache-plaintext-client", "sparki:data-class": "cache" },
});
const securityGroup = (change: Record<string, unknown> = {}): StackInput => ({
  type: SG, name: "sparki-prod-memcache-sg",
  props: { id: "sg-0123456789abcdef0", ingress: [{ protocol: "tcp", fromPort: 11211, toPort: 11211, cidrBlocks: ["10.73.0.0/16"] }], egress: [], ...change },
});
const parameterGroup = (family = "memcached1.6"): StackInput => ({ type: PARAMS, name: "params", props: { name: "sparki-prod-memcache-memcached1-6", family } });
const stack = (change: Record<string, unknown> = {}, more: StackInput[] = [securityGroup(), parameterGroup()]): StackInput[] =>
  [{ type: CLUSTER, name: "sparki-prod-memcache", props: { ...cluster(), ...change } }, ...more];

describeResourceCases([
  { policy: cacheClusterSubnetGroup, type: CLUSTER, pass: cluster(), failures: [
    [{ subnetGroupName: undefined }, "subnetGroupName is not set: the default subnet group spans the default VPC. Use the private cache subnet group."],
    [{ subnetGroupName: "default" }, "subnetGroupName is \"default\": the default subnet group spans the default VPC. Use the private cache subnet group."],
  ] },
], pulumiType(aws.elasticache.ReplicationGroup));

describe("elasticache-cluster-transit-encryption: plaintext only under the named exception, with its compensating controls", () => {
  const problems = async (change: Record<string, unknown>, more?: StackInput[]) =>
    (await checkStack(cacheClusterTransitEncryption, stack(change, more))).violations;

  it("accepts the component's plaintext Memcached cluster under memcache-plaintext-client", async () => {
    expect(await problems({})).toEqual([]);
  });

  it("accepts any cluster with TLS, tag or not", async () => {
    expect(await problems({ transitEncryptionEnabled: true, tags: {} })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, StackInput[] | undefined, string]>([
    ["no exception tag", { tags: {} }, undefined, "carries no sparki:policy-exception=memcache-plaintext-client tag"],
    ["another exception's name", { tags: { "sparki:policy-exception": "redis-plaintext" } }, undefined, "carries no sparki:policy-exception=memcache-plaintext-client tag"],
    ["a Redis OSS cluster claiming the exception", { engine: "redis" }, undefined, "covers Memcached only, engine is \"redis\""],
    ["the default subnet group", { subnetGroupName: "default" }, undefined, "private subnets only"],
    ["no security group", { securityGroupIds: [] }, undefined, "securityGroupIds is empty"],
    ["a snapshot setting", { snapshotRetentionLimit: 1 }, undefined, "caching only: snapshotRetentionLimit is set"],
    ["a public CIDR on the group", {}, [securityGroup({ ingress: [{ protocol: "tcp", fromPort: 11211, toPort: 11211, cidrBlocks: ["0.0.0.0/0"] }] })], "admits 0.0.0.0/0"],
    ["a port range wider than the Memcached port", {}, [securityGroup({ ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.73.0.0/16"] }] })], "TCP on the Memcached port only"],
    ["UDP (memcached's amplification vector)", {}, [securityGroup({ ingress: [{ protocol: "udp", fromPort: 11211, toPort: 11211, cidrBlocks: ["10.73.0.0/16"] }] })], "admits udp"],
    ["an outbound rule", {}, [securityGroup({ egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] })], "has outbound rules"],
  ])("refuses %s", async (_what, change, more, fragment) => {
    const found = await problems(change, more);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(fragment);
  });

  it("proves nothing from values unknown during preview", async () => {
    const outcome = await checkStack(cacheClusterTransitEncryption, stack({ transitEncryptionEnabled: UNKNOWN, tags: UNKNOWN, subnetGroupName: UNKNOWN, securityGroupIds: UNKNOWN },
      [securityGroup({ id: UNKNOWN })]));
    expect(outcome).toMatchObject({ violations: [] });
    expect(outcome.unknownError).toBeUndefined();
  });
});

describe("engine-elasticache-memcached-cluster: what ElastiCache refuses at create time", () => {
  const problems = async (change: Record<string, unknown>, more?: StackInput[]) =>
    (await checkStack(memcachedClusterEngineRules, stack(change, more))).violations;

  it("accepts the component's prod and dev shapes", async () => {
    expect(await problems({})).toEqual([]);
    expect(await problems({ numCacheNodes: 1, azMode: "single-az", preferredAvailabilityZones: undefined, availabilityZone: "eu-west-1a", nodeType: "cache.t4g.micro" })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, StackInput[] | undefined, string]>([
    ["41 nodes (CreateCacheCluster allows 1..40)", { numCacheNodes: 41, preferredAvailabilityZones: Array.from({ length: 41 }, () => "eu-west-1a") }, undefined, "1..40 nodes"],
    ["cross-az with one node", { numCacheNodes: 1, preferredAvailabilityZones: ["eu-west-1a"] }, undefined, "needs more than one node"],
    ["fewer preferred zones than nodes", { preferredAvailabilityZones: ["eu-west-1a", "eu-west-1b"] }, undefined, "exactly one per node"],
    ["a snapshot retention", { snapshotRetentionLimit: 1 }, undefined, "snapshotRetentionLimit is set"],
    ["a snapshot window", { snapshotWindow: "03:00-04:00" }, undefined, "snapshotWindow is set"],
    ["a final snapshot", { finalSnapshotIdentifier: "last" }, undefined, "finalSnapshotIdentifier is set"],
    ["a previous-generation node type", { nodeType: "cache.m3.medium" }, undefined, "not a current-generation Memcached node type"],
    ["TLS on 1.6.6 (needs 1.6.12)", { transitEncryptionEnabled: true, engineVersion: "1.6.6" }, undefined, "needs Memcached 1.6.12 or later"],
    ["a memcached1.5 parameter group for 1.6.22", {}, [securityGroup(), parameterGroup("memcached1.5")], "needs memcached1.6"],
  ])("refuses %s", async (_what, change, more, fragment) => {
    const found = await problems(change, more);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(fragment);
  });

  it("leaves Valkey/Redis clusters alone and proves nothing from unknown values", async () => {
    expect((await checkStack(memcachedClusterEngineRules, [{ type: CLUSTER, props: { engine: "redis", snapshotRetentionLimit: 5 } }])).notApplicable).toBeDefined();
    const outcome = await checkStack(memcachedClusterEngineRules, stack({ numCacheNodes: UNKNOWN, preferredAvailabilityZones: UNKNOWN, nodeType: UNKNOWN, engineVersion: UNKNOWN, parameterGroupName: UNKNOWN }));
    expect(outcome).toMatchObject({ violations: [] });
    expect(outcome.unknownError).toBeUndefined();
  });
});

it("every Memcached policy has cases here", () => {
  expect(MEMCACHED_POLICIES.map((p) => p.name)).toEqual(["elasticache-7-cluster-subnet-group", "elasticache-cluster-transit-encryption", "engine-elasticache-memcached-cluster"]);
});

it("lists its one exception, with a reason and a compensating control", () => {
  expect(MEMCACHED_POLICY_EXCEPTIONS.map((e) => `${e.policy}: ${e.name}`)).toEqual(["elasticache-cluster-transit-encryption: memcache-plaintext-client"]);
  for (const e of MEMCACHED_POLICY_EXCEPTIONS) {
    expect(e.reason.length, e.name).toBeGreaterThan(60);
    expect(e.compensatingControl.length, e.name).toBeGreaterThan(60);
  }
});
