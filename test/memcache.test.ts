import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun, childrenOf, one, ofType, type ProgramRun, type RegisteredResource } from "./harness";

/**
 * ElastiCache for Memcached (components/memcached, adapter stacks/adapters/memcache) as the example stacks
 * examples/memcache/Pulumi.memcache-{dev,prod}.yaml register it. The figures below are written from the stack files,
 * the tier they start from and the documentation named beside them, not read from the program.
 */

const DIR = join(REPO_ROOT, "examples", "memcache");

const EXPECTED = {
  dev: {
    stack: "memcache-dev", clusterId: "sparki-memcache-dev-memcache", nodeType: "cache.t4g.micro", nodes: 1,
    placement: { azMode: "single-az", availabilityZone: "eu-west-1a" } as Record<string, unknown>, zones: ["eu-west-1a"],
    cidr: "10.72.0.0/16", applyImmediately: true, protect: false,
  },
  prod: {
    stack: "memcache-prod", clusterId: "sparki-memcache-prod-memcache", nodeType: "cache.r6g.large", nodes: 3,
    placement: { azMode: "cross-az", preferredAvailabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] } as Record<string, unknown>,
    zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], cidr: "10.73.0.0/16", applyImmediately: false, protect: true,
  },
} as const;

const CLUSTER = "aws:elasticache/cluster:Cluster";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const like = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const anyString = (): unknown => expect.any(String);
const runOf = (stack: string) => capturedRun({ stack, stackDir: DIR });
const componentOf = (run: ProgramRun) => one(run, "sparki:memcached:MemcachedCluster");

/** Warning and critical levels of the alarms on one metric and node, in the metric's unit. */
function levels(run: ProgramRun, metric: string, dims: Record<string, string>): Record<string, number> {
  const alarms = ofType(run, ALARM).filter((a) => a.inputs.metricName === metric && JSON.stringify(a.inputs.dimensions) === JSON.stringify(dims));
  return Object.fromEntries(alarms.map((a) => [(a.inputs.tags as Record<string, string>).Severity, Number(a.inputs.threshold)]));
}

describe.each(["dev", "prod"] as const)("Memcached of the %s example", (profile) => {
  const e = EXPECTED[profile];
  const clusterOf = async () => one(await runOf(e.stack), CLUSTER);

  it(`runs ${e.nodes} x ${e.nodeType}, Memcached 1.6.22, ${e.placement.azMode as string} over ${e.zones.join(", ")}`, async () => {
    const cluster = await clusterOf();
    expect(cluster.inputs).toMatchObject({
      clusterId: e.clusterId, engine: "memcached", engineVersion: "1.6.22", nodeType: e.nodeType, numCacheNodes: e.nodes, port: 11211,
      ...e.placement, applyImmediately: e.applyImmediately, maintenanceWindow: "sun:05:00-sun:06:00",
    });
    // CreateCacheCluster: one preferred zone per node; cross-az needs more than one node.
    if (e.placement.azMode === "cross-az") expect((cluster.inputs.preferredAvailabilityZones as string[]).length).toBe(cluster.inputs.numCacheNodes);
    expect(cluster.inputs.availabilityZone === undefined).toBe(e.placement.azMode === "cross-az");
  });

  it("stays plaintext only under the named exception, and sets nothing Memcached does not have (snapshots, AUTH, KMS)", async () => {
    const cluster = await clusterOf();
    expect(cluster.inputs.transitEncryptionEnabled).toBe(false);
    expect(cluster.inputs.tags).toMatchObject({ "sparki:policy-exception": "memcache-plaintext-client", "sparki:data-class": "cache" });
    for (const key of ["snapshotRetentionLimit", "snapshotWindow", "snapshotArns", "finalSnapshotIdentifier", "authToken", "kmsKeyId"]) {
      expect(cluster.inputs[key], key).toBeUndefined();
    }
  });

  it("is reachable only on TCP 11211 from the stack's VPC, in its own private subnet group", async () => {
    const run = await runOf(e.stack);
    const cluster = one(run, CLUSTER);
    const sg = childrenOf(run, componentOf(run)).find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup") as RegisteredResource;
    expect(cluster.inputs.securityGroupIds).toEqual([like(/^sg-/)]);
    expect(sg.inputs.ingress).toEqual([{ protocol: "tcp", fromPort: 11211, toPort: 11211, cidrBlocks: [e.cidr], description: anyString() }]);
    expect(sg.inputs.egress).toEqual([]);
    const subnets = one(run, "aws:elasticache/subnetGroup:SubnetGroup", `${e.clusterId}-subnets`);
    expect(subnets.inputs.name).toBe(e.clusterId);
    expect(cluster.inputs.subnetGroupName).toBe(e.clusterId);
    // The private subnets of the stack's network, one per zone.
    expect((subnets.inputs.subnetIds as string[]).length).toBe(profile === "prod" ? 3 : 2);
  });

  it("has its own memcached1.6 parameter group with the documented values", async () => {
    const run = await runOf(e.stack);
    const group = one(run, "aws:elasticache/parameterGroup:ParameterGroup", `${e.clusterId}-params`);
    expect(group.inputs).toMatchObject({ name: `${e.clusterId}-memcached1-6`, family: "memcached1.6" });
    expect(group.inputs.parameters).toEqual([
      { name: "error_on_memory_exhausted", value: "0" },
      { name: "max_item_size", value: "1048576" },
      { name: "memcached_connections_overhead", value: "100" },
    ]);
    expect(one(run, CLUSTER).inputs.parameterGroupName).toBe(`${e.clusterId}-memcached1-6`);
  });

  it(`is ${e.protect ? "" : "not "}protected`, async () => {
    expect((await clusterOf()).options.protect).toBe(e.protect);
  });

  it("outputs what storage/memcache connects with: every node as host:port, the port, no TLS, never a secret", async () => {
    const out = (await runOf(e.stack)).outputs.memcache as Record<string, unknown>;
    const servers = String(out.servers).split(",");
    expect(servers).toHaveLength(e.nodes);
    for (const [i, server] of servers.entries()) expect(server).toMatch(new RegExp(`^${e.clusterId}\\.[0-9a-f]+\\.${String(i + 1).padStart(4, "0")}\\..+:11211$`));
    expect(out).toMatchObject({
      fiberPackages: ["storage/memcache"], engine: "memcached", engineVersion: "1.6.22", clusterId: e.clusterId, port: 11211, tls: false,
      policyException: "memcache-plaintext-client", configurationEndpoint: like(/\.cfg\..+:11211$/),
    });
    expect((out.nodes as { availabilityZone: string }[]).map((n) => n.availabilityZone)).toEqual(e.zones.slice(0, e.nodes));
    expect(JSON.stringify(out)).not.toMatch(/password|secret|token/i);
  });

  it("alarms per node on CPU, evictions, connections and swap at the platform levels, in the metrics' units", async () => {
    const run = await runOf(e.stack);
    for (let n = 1; n <= e.nodes; n++) {
      const dims = { CacheClusterId: e.clusterId, CacheNodeId: String(n).padStart(4, "0") };
      expect(levels(run, "CPUUtilization", dims)).toEqual({ warning: 80, critical: 90 });
      expect(levels(run, "Evictions", dims)).toEqual({ warning: 100, critical: 1000 });
      // 50 % and 80 % of max_simultaneous_connections, 65,000.
      expect(levels(run, "CurrConnections", dims)).toEqual({ warning: 32_500, critical: 52_000 });
      // AWS: under 50 MB of swap; 256 MiB critical.
      expect(levels(run, "SwapUsage", dims)).toEqual({ warning: 52_428_800, critical: 268_435_456 });
    }
    expect(ofType(run, ALARM).filter((a) => a.inputs.namespace === "AWS/ElastiCache" && (a.inputs.dimensions as Record<string, string>).CacheClusterId === e.clusterId))
      .toHaveLength(e.nodes * 4 * 2);
  });

  it("has no FreeableMemory alarm: a warm cache keeps it near zero on every healthy node (swap and evictions watch memory)", async () => {
    // ElastiCache "Memcached node-type specific parameters": max_cache_memory is the node's whole memory (cache.r6g.large
    // 13387 MB of 13.07 GiB, cache.t4g.micro 512 MB of 0.5 GiB), and memcached never returns slabs it has allocated, so a
    // filled cache (the normal state: it evicts) would sit below any FreeableMemory line for good.
    const run = await runOf(e.stack);
    expect(ofType(run, ALARM).filter((a) => a.inputs.namespace === "AWS/ElastiCache" && a.inputs.metricName === "FreeableMemory")).toEqual([]);
    expect(levels(run, "SwapUsage", { CacheClusterId: e.clusterId, CacheNodeId: "0001" })).toHaveProperty("warning");
    expect(levels(run, "Evictions", { CacheClusterId: e.clusterId, CacheNodeId: "0001" })).toHaveProperty("warning");
    const dashboard = String(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(dashboard).toContain('"SwapUsage","CacheClusterId"');
    expect(dashboard).not.toContain('"FreeableMemory","CacheClusterId"');
  });

  it("alarms on the application's p95 latency at the matrix's <1 ms derived levels (2.5 / 5 ms), quiet without data", async () => {
    const run = await runOf(e.stack);
    const alarms = ofType(run, ALARM).filter((a) => a.inputs.namespace === "Sparki/Memcache");
    expect(alarms.map((a) => [a.inputs.metricName, a.inputs.extendedStatistic, a.inputs.threshold, a.inputs.treatMissingData]).sort())
      .toEqual([["OperationLatency", "p95", 2.5, "notBreaching"], ["OperationLatency", "p95", 5, "notBreaching"]]);
    expect(alarms[0].inputs.dimensions).toEqual({ CacheClusterId: e.clusterId });
  });
});

it("prod spreads three nodes one per zone; dev keeps one node in the first zone", async () => {
  const prod = one(await runOf("memcache-prod"), CLUSTER);
  expect(new Set(prod.inputs.preferredAvailabilityZones as string[]).size).toBe(3);
  const dev = one(await runOf("memcache-dev"), CLUSTER);
  expect(dev.inputs).toMatchObject({ numCacheNodes: 1, azMode: "single-az" });
});
