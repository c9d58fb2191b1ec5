import { describe, expect, it } from "vitest";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { REDIS_DEFAULTS } from "../components/redis";
import { redisAdapter } from "../stacks/adapters/redis";
import { REDIS_PROFILES } from "../stacks/adapters/redis/profiles";
import { PROFILES } from "../stacks/profiles";
import { adapterSettings } from "../stacks/project";
import { stackConfig } from "../scripts/offline/stack-files";
import { runWith } from "./harness";

const KEY = "sparki-storage:redis";

/** Runs the real program with a `redis` section; returns the ConfigError's problems and what was registered. */
async function refused(stack: string, redis: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const registered: string[] = [];
  const error = await runWith(stack, { [KEY]: redis, ...extra }, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  // Only this section's problems: other adapters have rules of their own (e.g. an existing VPC needs their clients too).
  return { problems: (error as ConfigError).problems.filter((p) => p.startsWith(`${KEY}.`)), registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

describe("bad redis config: a clear error naming key, value and what is allowed; nothing registered", () => {
  it.each([
    ["more than 5 replicas per shard", "prod", { replicasPerShard: 6 }, {},
      ["sparki-storage:redis.replicasPerShard must be an integer 0..5, got 6"]],
    ["fewer than 1 shard", "prod", { shards: 0 }, {},
      ["sparki-storage:redis.shards must be an integer 1..500, got 0"]],
    // One mistake, one line: the refused node type, not also the failover it lacks (cluster mode, Multi-AZ).
    ["cluster mode on a node type without automatic failover", "dev", { clusterMode: true, nodeType: "cache.t1.micro" }, {}, [
      'sparki-storage:redis.nodeType must be a current-generation node type (ElastiCache launches no new T1 nodes), got "cache.t1.micro"',
    ]],
    ["the prod profile's cluster mode on such a node type", "prod", { nodeType: "cache.t1.micro", replicasPerShard: 1 }, {}, [
      'sparki-storage:redis.nodeType must be a current-generation node type (ElastiCache launches no new T1 nodes), got "cache.t1.micro"',
    ]],
    ["an engine version of another engine (family mismatch)", "dev", { engine: "redis", engineVersion: "8.1" }, {},
      ['sparki-storage:redis.engineVersion must be one of "6.2", "7.0", "7.1" for engine "redis" (parameter group families redis6.x, redis7), got "8.1"']],
    ["another engine with the profile's version", "dev", { engine: "redis" }, {},
      ['sparki-storage:redis.engine needs redis.engineVersion too: the profile default "8.1" is no redis version (6.2, 7.0, 7.1), got "redis"']],
    ["an unquoted version (YAML number)", "dev", { engineVersion: 8.1 }, {},
      ['sparki-storage:redis.engineVersion must be a quoted major.minor engine version such as "8.1", got 8.1']],
    ["authentication off in prod", "prod", { auth: "none" }, {},
      ['sparki-storage:redis.auth must be "rbac" for profile "prod" (its cache never admits unauthenticated clients), got "none"']],
    ["fewer snapshot days than prod allows", "prod", { snapshotRetentionDays: 3 }, {},
      ['sparki-storage:redis.snapshotRetentionDays must be at least 7 for profile "prod", got 3']],
    ["Multi-AZ without a replica", "dev", { multiAz: true }, {},
      ["sparki-storage:redis.multiAz needs redis.replicasPerShard of at least 1 (a failover target in another zone), got true"]],
    ["prod without replicas (its profile is Multi-AZ)", "prod", { replicasPerShard: 0 }, {},
      ["sparki-storage:redis.replicasPerShard must be at least 1 with Multi-AZ (a failover target in another zone), got 0"]],
    // Engine rule: ElastiCache refuses more than 500 nodes in one cluster (User Guide, "Working with shards").
    ["600 nodes in one cluster", "prod", { shards: 100, replicasPerShard: 5 }, {},
      ["sparki-storage:redis.shards makes 600 nodes (100 shards x (1 primary + 5 replicas)); ElastiCache allows at most 500 per cluster (ElastiCache User Guide, \"Working with shards in ElastiCache\"), got 100"]],
    ["shards without cluster mode", "dev", { shards: 3 }, {},
      ["sparki-storage:redis.shards above 1 needs redis.clusterMode true (without cluster mode a group has one shard), got 3"]],
    ["overlapping maintenance and snapshot windows", "dev", { maintenanceWindow: "mon:03:30-mon:04:30" }, {},
      ['sparki-storage:redis.maintenanceWindow must not overlap the daily snapshot window 03:00-04:00, got "mon:03:30-mon:04:30"']],
    ["the whole internet", "dev", { allowedCidrs: ["0.0.0.0/0"] }, {},
      ['sparki-storage:redis.allowedCidrs.0 must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got "0.0.0.0/0"']],
    ["a public /8 (3.0.0.0/8 is AWS address space, not a private network)", "dev", { allowedCidrs: ["10.40.0.0/16", "3.0.0.0/8"] }, {},
      ['sparki-storage:redis.allowedCidrs.1 must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got "3.0.0.0/8"']],
    ["a CIDR with host bits", "dev", { allowedCidrs: ["10.40.1.0/16"] }, {},
      ['sparki-storage:redis.allowedCidrs.0 must be a network address without host bits, such as 10.40.0.0/16, got "10.40.1.0/16"']],
    ["an existing VPC with no client source", "dev", {}, { "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] } },
      ["sparki-storage:redis.allowedCidrs must list the application CIDRs (or set redis.allowedSecurityGroupIds) when network.vpcId is set: only a VPC the stack creates has a known CIDR to default to, got nothing"]],
  ])("%s", async (_case, stack, redis, extra, expected) => {
    const { problems, registered } = await refused(stack, redis, extra);
    expect(problems).toEqual(expected);
    expect(registered).toEqual([]);
  });

  it("names the listed families for an unknown node type", async () => {
    const { problems, registered } = await refused("dev", { nodeType: "cache.x9.large" });
    expect(problems).toEqual([
      "sparki-storage:redis.nodeType must be a node type cache.<family>.<size> of a listed family: t2 (micro, small, medium); "
      + "t3 (micro, small, medium); t4g (micro, small, medium); m5 (large, xlarge, 2xlarge, 4xlarge, 12xlarge, 24xlarge); "
      + "m6g (large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge); m7g (large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge); "
      + "r5 (large, xlarge, 2xlarge, 4xlarge, 12xlarge, 24xlarge); r6g (large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge); "
      + 'r7g (large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge), got "cache.x9.large"',
    ]);
    expect(registered).toEqual([]);
  });

  it("suggests the key a typo meant", async () => {
    const { problems } = await refused("dev", { shard: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^sparki-storage:redis\.shard is not a known key \(did you mean "shards"\?\)/);
  });
});

describe("a cache turned off", () => {
  const load = (stack: string, redis: Record<string, unknown>) => () => loadConfig(stack, stackConfig(stack, { [KEY]: redis }));

  it("is not checked by the redis rules, as no disabled adapter is", () => {
    expect(load("prod", { enabled: false, shards: 3, clusterMode: false, snapshotRetentionDays: 1, auth: "none" })).not.toThrow();
    expect(load("prod", { shards: 3, clusterMode: false, snapshotRetentionDays: 1, auth: "none" })).toThrow(ConfigError);
  });

  it("still has its keys validated by the schema", () => {
    expect(load("dev", { enabled: false, shards: 0 })).toThrow("sparki-storage:redis.shards must be an integer 1..500, got 0");
  });
});

describe("redis settings: config over the tier over the component's defaults", () => {
  const redisSettings = (stack: "dev" | "prod", redis?: Record<string, unknown>) =>
    adapterSettings(redisAdapter, loadConfig(stack, stackConfig(stack, redis === undefined ? {} : { [KEY]: redis })));

  it("takes every absent field from the tier, and what the tier leaves out from the RedisCache component", () => {
    const d = REDIS_DEFAULTS;
    const fromComponent = {
      engine: d.engine, clusterMode: d.clusterMode, shards: d.shards, replicasPerShard: d.replicasPerShard, maxmemoryPolicy: d.maxmemoryPolicy,
      snapshotRetentionDays: d.snapshotRetentionDays, snapshotWindow: d.snapshotWindow, maintenanceWindow: d.maintenanceWindow, auth: d.authentication,
      finalSnapshot: d.finalSnapshot, applyImmediately: d.applyImmediately, secretRecoveryWindowDays: d.secretRecoveryWindowDays,
    };
    for (const stack of ["dev", "prod"] as const) {
      const { multiAz, allowedCidrs, allowedSecurityGroupIds, ...rest } = redisSettings(stack, {});
      expect(rest).toEqual({ ...fromComponent, ...REDIS_PROFILES[stack] });
      expect(multiAz).toBe(PROFILES[stack].multiAz);
      expect([allowedCidrs, allowedSecurityGroupIds]).toEqual([undefined, d.allowedSecurityGroupIds]);
    }
  });

  it("gives a stack that turns prod's cluster mode off one shard, not the profile's two", () => {
    expect(redisSettings("prod", { clusterMode: false }).shards).toBe(1);
    expect(redisSettings("prod", {}).shards).toBe(2);
  });

  it("reads the real stack files", () => {
    expect(redisSettings("dev")).toMatchObject({ engine: "valkey", nodeType: "cache.t4g.micro", clusterMode: false, replicasPerShard: 0, multiAz: false, snapshotRetentionDays: 1 });
    expect(redisSettings("prod")).toMatchObject({ engine: "valkey", nodeType: "cache.r7g.large", clusterMode: true, shards: 2, replicasPerShard: 1, multiAz: true, snapshotRetentionDays: 7, finalSnapshot: true });
  });
});
