import { describe, expect, it } from "vitest";
import { alarmLevel, matrixThreshold } from "../components/alerting";
import {
  CACHE_EVENT_TYPES, cacheEventPattern, cacheParameters, engineVersionProblem, failoverProblem, memberNodes, nodeType,
  nodeTypeProblem, parameterGroupFamily, parameterGroupName, preferredZones, redisCacheArgsProblems, type RedisCacheArgs,
  replicationGroupIdFor, replicationGroupIdProblem, watchesFor,
} from "../components/redis";

const PRIVATE_CIDR = "must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16";

describe("replication group IDs", () => {
  it("derives sparki-<env>-redis, valid for ElastiCache", () => {
    expect(replicationGroupIdFor("sparki-dev")).toBe("sparki-dev-redis");
    expect(replicationGroupIdFor("sparki-prod")).toBe("sparki-prod-redis");
    expect(replicationGroupIdProblem("sparki-prod-redis")).toBeUndefined();
  });

  it("lowercases and cleans stack names with capitals, dots and underscores", () => {
    expect(replicationGroupIdFor("sparki-Feature_X.2")).toBe("sparki-feature-x-2-redis");
  });

  it("cuts long names to 40 characters with a hash, so two long names stay distinct", () => {
    const a = replicationGroupIdFor("sparki-a-very-long-feature-branch-stack-name-one");
    const b = replicationGroupIdFor("sparki-a-very-long-feature-branch-stack-name-two");
    expect(a).toHaveLength(40);
    expect(a).not.toBe(b);
    expect(replicationGroupIdProblem(a)).toBeUndefined();
    expect(a).toMatch(/^sparki-a-very-long-feature-branc-[0-9a-f]{7}$/);
  });

  it("refuses IDs ElastiCache refuses", () => {
    expect(replicationGroupIdProblem("x".repeat(41))).toBe(`must be at most 40 characters, got 41 ("${"x".repeat(41)}")`);
    for (const bad of ["1cache", "cache--x", "cache-", "Cache"]) {
      expect(replicationGroupIdProblem(bad)).toBe(`must start with a letter and hold only lowercase letters, digits and single hyphens, got "${bad}"`);
    }
  });
});

describe("member node naming (CacheClusterId of every node)", () => {
  it("without cluster mode: <rg>-001 is the primary, replicas follow", () => {
    expect(memberNodes("sparki-dev-redis", { clusterMode: false, shards: 1, replicasPerShard: 0 })).toEqual([
      { cacheClusterId: "sparki-dev-redis-001", suffix: "001", shard: undefined, role: "primary", replicated: false },
    ]);
    expect(memberNodes("rg", { clusterMode: false, shards: 1, replicasPerShard: 2 }).map((n) => [n.cacheClusterId, n.role, n.replicated])).toEqual([
      ["rg-001", "primary", true], ["rg-002", "replica", true], ["rg-003", "replica", true],
    ]);
  });

  it("with cluster mode: <rg>-<shard 0001..>-<node 001..>", () => {
    expect(memberNodes("sparki-prod-redis", { clusterMode: true, shards: 2, replicasPerShard: 1 }).map((n) => [n.cacheClusterId, n.shard, n.role])).toEqual([
      ["sparki-prod-redis-0001-001", "0001", "primary"], ["sparki-prod-redis-0001-002", "0001", "replica"],
      ["sparki-prod-redis-0002-001", "0002", "primary"], ["sparki-prod-redis-0002-002", "0002", "replica"],
    ]);
    expect(memberNodes("rg", { clusterMode: true, shards: 12, replicasPerShard: 0 }).at(-1)?.cacheClusterId).toBe("rg-0012-001");
  });

  it("keeps the longest ID within ElastiCache's 50-character cache cluster limit", () => {
    const rg = replicationGroupIdFor("sparki-a-very-long-feature-branch-stack-name-one");
    const ids = memberNodes(rg, { clusterMode: true, shards: 500, replicasPerShard: 5 }).map((n) => n.cacheClusterId);
    expect(Math.max(...ids.map((id) => id.length))).toBe(49);
  });

  it("places nodes of a group without cluster mode over the zones, primary first", () => {
    expect(preferredZones(["a", "b", "c"], 1)).toEqual(["a"]);
    expect(preferredZones(["a", "b"], 3)).toEqual(["a", "b", "a"]);
  });

  it("watches ReplicationLag only where a shard replicates", () => {
    const [single] = memberNodes("rg", { clusterMode: false, shards: 1, replicasPerShard: 0 });
    const [primary] = memberNodes("rg", { clusterMode: true, shards: 1, replicasPerShard: 1 });
    expect(watchesFor(single).map((w) => w.metric)).not.toContain("cacheReplicationLag");
    expect(watchesFor(primary).map((w) => w.metric)).toContain("cacheReplicationLag");
  });
});

describe("engines, versions and parameter group families", () => {
  it.each([
    ["valkey", "7.2", "valkey7"], ["valkey", "8.0", "valkey8"], ["valkey", "8.1", "valkey8"],
    ["redis", "6.2", "redis6.x"], ["redis", "7.1", "redis7"],
  ] as const)("%s %s uses family %s", (engine, version, family) => {
    expect(parameterGroupFamily(engine, version)).toBe(family);
    expect(engineVersionProblem(engine, version)).toBeUndefined();
  });

  it("refuses a version the engine does not have, naming the ones it has", () => {
    expect(engineVersionProblem("redis", "8.1")).toBe('must be one of "6.2", "7.0", "7.1" for engine "redis" (parameter group families redis6.x, redis7)');
    expect(engineVersionProblem("valkey", "7.0")).toBe('must be one of "7.2", "8.0", "8.1", "8.2" for engine "valkey" (parameter group families valkey7, valkey8)');
  });
});

describe("node types", () => {
  it("knows memory per size and which families fail over", () => {
    expect(nodeType("cache.r7g.large")).toMatchObject({ family: "r7g", size: "large", memoryGiB: 13.07 });
    expect(nodeType("cache.t4g.micro")?.spec).toMatchObject({ burstable: true, automaticFailover: true });
    expect(nodeType("cache.r7g.huge")).toBeUndefined();
    expect(failoverProblem("cache.t4g.micro", "cluster mode")).toBeUndefined();
    expect(failoverProblem("cache.t1.micro", "cluster mode")).toBe("T1 nodes (cache.t1.micro) have no automatic failover, which cluster mode requires");
  });

  it("refuses unknown and previous-generation types", () => {
    expect(nodeTypeProblem("cache.t1.micro")).toBe("must be a current-generation node type (ElastiCache launches no new T1 nodes)");
    expect(nodeTypeProblem("cache.x9.large")).toMatch(/^must be a node type cache\.<family>\.<size> of a listed family: t2 \(micro, small, medium\); t3 /);
    expect(nodeTypeProblem("cache.x9.large")).not.toContain("t1");
  });
});

describe("parameter group", () => {
  it("sets the eviction policy, cluster-enabled to match the shape, and reserved memory", () => {
    expect(cacheParameters({ maxmemoryPolicy: "volatile-lru", clusterEnabled: true, reservedMemoryPercent: 25 })).toEqual([
      { name: "cluster-enabled", value: "yes" },
      { name: "maxmemory-policy", value: "volatile-lru" },
      { name: "reserved-memory-percent", value: "25" },
    ]);
    const off = cacheParameters({ maxmemoryPolicy: "allkeys-lfu", clusterEnabled: false, reservedMemoryPercent: 30 });
    expect(off.find((p) => p.name === "cluster-enabled")?.value).toBe("no");
    expect(off.map((p) => p.name)).not.toContain("notify-keyspace-events");
  });

  it("is named for family and cluster mode, so flipping cluster mode makes a new group instead of modifying the one in use", () => {
    expect(parameterGroupName("sparki-dev-redis", "valkey8", false)).toBe("sparki-dev-redis-valkey8-cluster-off");
    expect(parameterGroupName("sparki-prod-redis", "valkey8", true)).toBe("sparki-prod-redis-valkey8-cluster-on");
    expect(parameterGroupName("sparki-dev-redis", "redis6.x", false)).toBe("sparki-dev-redis-redis6-x-cluster-off");
    expect(parameterGroupName("g", "valkey8", true)).not.toBe(parameterGroupName("g", "valkey8", false));
  });
});

describe("ElastiCache events (EventBridge)", () => {
  it("match ElastiCache's failure, deletion, change and limit events, not routine successes", () => {
    expect(cacheEventPattern()).toEqual({ source: ["aws.elasticache"], "detail-type": [...CACHE_EVENT_TYPES] });
    expect(CACHE_EVENT_TYPES).toEqual([
      "Cache Creation Failed", "Cache Deleted", "Cache Update Failed", "Cache Updated", "Cache Limit Approaching",
      "Snapshot Creation Failed", "Snapshot Export Failed", "Snapshot Copy Failed",
    ]);
  });
});

describe("snapshot and maintenance windows (components/common rule: 60 minutes, no overlap)", () => {
  const args = (snapshotWindow: string, maintenanceWindow: string): RedisCacheArgs => ({
    accountId: "111111111111", region: "eu-west-1", replicationGroupId: "sparki-test-redis", engineVersion: "8.1", nodeType: "cache.t4g.micro", availabilityZones: ["eu-west-1a"],
    vpcId: "vpc-1", subnetIds: ["subnet-1"], allowedCidrs: ["10.0.0.0/16"], kmsKeyArn: "k",
    alarms: { environment: "test", topicArns: { warning: "w", critical: "c" } }, snapshotWindow, maintenanceWindow,
  });
  it.each([
    ["03:00-04:00", "sun:05:00-sun:06:00", []],
    ["03:00-04:00", "mon:03:30-mon:04:30", ['maintenanceWindow must not overlap the daily snapshot window 03:00-04:00, got "mon:03:30-mon:04:30"']],
    ["23:30-00:30", "sun:00:00-sun:01:00", ['maintenanceWindow must not overlap the daily snapshot window 23:30-00:30, got "sun:00:00-sun:01:00"']],
    ["23:30-00:30", "sat:23:00-sun:00:00", ['maintenanceWindow must not overlap the daily snapshot window 23:30-00:30, got "sat:23:00-sun:00:00"']],
    ["03:00-03:30", "sun:05:00-sun:06:00", ['snapshotWindow must last at least 60 minutes, got "03:00-03:30"']],
    ["03:00-04:00", "sun:05:00-sun:05:30", ['maintenanceWindow must last at least 60 minutes, got "sun:05:00-sun:05:30"']],
  ])("%s with %s", (snapshot, maintenance, expected) => {
    expect(redisCacheArgsProblems(args(snapshot, maintenance))).toEqual(expected);
  });
});

describe("RedisCache argument validation (before anything is registered)", () => {
  const valid: RedisCacheArgs = {
    accountId: "111111111111", region: "eu-west-1", replicationGroupId: "sparki-test-redis", engineVersion: "8.1", nodeType: "cache.r7g.large",
    clusterMode: true, shards: 2, replicasPerShard: 1, multiAz: true,
    availabilityZones: ["eu-west-1a", "eu-west-1b"], vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"],
    allowedCidrs: ["10.0.0.0/16"], kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k",
    alarms: { environment: "test", topicArns: { warning: "w", critical: "c" } },
  };

  it("accepts a valid sharded, Multi-AZ group", () => {
    expect(redisCacheArgsProblems(valid)).toEqual([]);
  });

  it("lists every problem", () => {
    expect(redisCacheArgsProblems({
      ...valid, engine: "redis", nodeType: "cache.t1.micro", shards: 0, replicasPerShard: 6, allowedCidrs: ["0.0.0.0/0"],
      snapshotRetentionDays: 0, maintenanceWindow: "sun:03:00-sun:04:00", logRetentionDays: 10, appUsername: "default",
    })).toEqual([
      'engineVersion must be one of "6.2", "7.0", "7.1" for engine "redis" (parameter group families redis6.x, redis7)',
      "nodeType must be a current-generation node type (ElastiCache launches no new T1 nodes)",
      "clusterMode T1 nodes (cache.t1.micro) have no automatic failover, which cluster mode requires",
      "multiAz T1 nodes (cache.t1.micro) have no automatic failover, which Multi-AZ requires",
      "shards must be an integer 1..500, got 0",
      "replicasPerShard must be an integer 0..5, got 6",
      "snapshotRetentionDays must be an integer 1..35 (snapshots stay on), got 0",
      'maintenanceWindow must not overlap the daily snapshot window 03:00-04:00, got "sun:03:00-sun:04:00"',
      "logRetentionDays must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days), got 10",
      'appUsername must be a letter then letters, digits, "-" or "_" (and not "default", the disabled user), got "default"',
      `allowedCidrs ${PRIVATE_CIDR}, got "0.0.0.0/0"`,
    ]);
  });

  it("admits private client networks only: a public /8 such as 3.0.0.0/8 is refused, RFC 1918 and pod ranges pass", () => {
    expect(redisCacheArgsProblems({ ...valid, allowedCidrs: ["3.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.10.0/24", "100.64.0.0/10", "10.40.1.0/16"] })).toEqual([
      `allowedCidrs ${PRIVATE_CIDR}, got "3.0.0.0/8"`,
      'allowedCidrs must be a network address without host bits, such as 10.40.0.0/16, got "10.40.1.0/16"',
    ]);
  });

  it("refuses shapes ElastiCache refuses and a cache nothing can reach", () => {
    expect(redisCacheArgsProblems({ ...valid, clusterMode: false, replicasPerShard: 0, allowedCidrs: [] })).toEqual([
      "shards of 2 needs clusterMode (without it a group has one shard)",
      "multiAz needs at least 1 replica per shard (a failover target in another zone)",
      "allowedCidrs or allowedSecurityGroupIds must name at least one client source (otherwise nothing can connect)",
    ]);
    expect(redisCacheArgsProblems({ ...valid, availabilityZones: ["eu-west-1a"] })).toEqual(["availabilityZones must list at least 2 zone(s), got 1"]);
    // ElastiCache's cluster maximum is 500 nodes: 83 x 6 = 498 is allowed, 84 x 6 = 504 and 500 x 2 are not.
    expect(redisCacheArgsProblems({ ...valid, shards: 83, replicasPerShard: 5 })).toEqual([]);
    expect(redisCacheArgsProblems({ ...valid, shards: 84, replicasPerShard: 5 })).toEqual([
      'shards x (1 + replicasPerShard) is 504 nodes; ElastiCache allows at most 500 per cluster (ElastiCache User Guide, "Working with shards in ElastiCache")',
    ]);
    expect(redisCacheArgsProblems({ ...valid, shards: 500, replicasPerShard: 1 })).toHaveLength(1);
  });

  it("needs the account and region the rotation function's policies name, and a rotation interval Secrets Manager accepts", () => {
    expect(redisCacheArgsProblems({ ...valid, accountId: "1111", region: "Ireland", secretRotationDays: 0 })).toEqual([
      'accountId must be a 12-digit AWS account ID, got "1111"',
      'region must be an AWS region such as eu-west-1, got "Ireland"',
      "secretRotationDays must be an integer 1..1000 (Secrets Manager's rotation interval), got 0",
    ]);
    expect(redisCacheArgsProblems({ ...valid, region: "us-gov-west-1", secretRotationDays: 1000 })).toEqual([]);
    expect(redisCacheArgsProblems({ ...valid, secretRotationDays: 7.5 })).toEqual(["secretRotationDays must be an integer 1..1000 (Secrets Manager's rotation interval), got 7.5"]);
  });
});

describe("alarm levels in the metric's unit", () => {
  it("turns the matrix's 5/10 ms p95 into 5000/10000 microseconds", () => {
    const t = matrixThreshold("redisLatencyP95");
    expect([alarmLevel("cacheWriteLatency", t, "warning"), alarmLevel("cacheWriteLatency", t, "critical")]).toEqual([5000, 10000]);
  });
});
