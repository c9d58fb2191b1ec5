import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveMemcachedArgs } from "../components/memcached/args";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";

/**
 * Bad `sparki-storage:memcache` sections, on top of the example stacks that turn Memcached on (examples/memcache):
 * each is refused before anything is registered, with one line naming the key, the value and what is allowed. The
 * limits are ElastiCache's, written down from its documentation (read 2026-11-29): NumCacheNodes 1..40 for Memcached
 * (CreateCacheCluster), cross-az only with more than one node, max_item_size 1 MiB..128 MiB in multiples of 512 KiB
 * (memcached.c: "-I (item_size_max) must be evenly divisible by slab_chunk_max"), a maintenance window of at least 60
 * minutes (CreateCacheCluster, PreferredMaintenanceWindow: "The minimum maintenance window is a 60 minute period"),
 * versions 1.6.12/1.6.17/1.6.22 of family memcached1.6, current-generation node types of the Memcached node type list.
 */

const KEY = "sparki-storage:memcache";
const DIR = join(REPO_ROOT, "examples", "memcache");
type Section = Record<string, unknown>;
const sectionOf = (stack: string) => JSON.parse(stackConfig(stack, {}, DIR)[KEY]) as Section;
const DEV = sectionOf("memcache-dev");
const PROD = sectionOf("memcache-prod");

async function refused(stack: string, section: Section, more: Section = {}) {
  const registered: string[] = [];
  const failure = await runProgram({ stack, stackDir: DIR, overrides: { [KEY]: section, ...more }, observe: (r) => registered.push(r.type) })
    .then(() => undefined, (e: unknown) => e);
  expect(failure, JSON.stringify(section)).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

const VERSIONS = '"1.6.22", "1.6.17", "1.6.12"';
/** An existing VPC the other adapters are told about in full, so memcache's line is the only one. */
const EXISTING_VPC = {
  "sparki-storage:network": { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], availabilityZones: ["eu-west-1a", "eu-west-1b"] },
  "sparki-storage:redis": { allowedCidrs: ["10.0.0.0/16"] },
  "sparki-storage:postgres": { allowedCidrBlocks: ["10.0.0.0/16"] },
};

describe("bad memcache config: one line naming key, value and what is allowed; nothing registered", () => {
  it.each<[string, string, Section, Section, { field: string; shown: string; allowed: readonly string[] }]>([
    ["a 1.5 engine (family memcached1.5, not offered here)", "memcache-dev", { ...DEV, engineVersion: "1.5.16" }, {},
      { field: "engineVersion", shown: '"1.5.16"', allowed: [VERSIONS, "memcached1.6"] }],
    ["an unquoted version", "memcache-dev", { ...DEV, engineVersion: 1.6 }, {}, { field: "engineVersion", shown: "1.6", allowed: ['a quoted Memcached version such as "1.6.22"'] }],
    ["a previous-generation node type", "memcache-dev", { ...DEV, nodeType: "cache.m3.medium" }, {},
      { field: "nodeType", shown: '"cache.m3.medium"', allowed: ["current-generation Memcached node type", "r6g (large"] }],
    ["a Valkey-only family (R7g is not on the Memcached node type list)", "memcache-prod", { ...PROD, nodeType: "cache.r7g.large" }, {},
      { field: "nodeType", shown: '"cache.r7g.large"', allowed: ["t2", "t3", "t4g", "m5", "m6g", "r5", "r6g"] }],
    ["a size the family lacks", "memcache-dev", { ...DEV, nodeType: "cache.t4g.large" }, {}, { field: "nodeType", shown: '"cache.t4g.large"', allowed: ["t4g (micro, small, medium)"] }],
    ["not a node type at all", "memcache-dev", { ...DEV, nodeType: "large" }, {}, { field: "nodeType", shown: '"large"', allowed: ["a node type such as cache.r6g.large"] }],
    ["no node", "memcache-dev", { ...DEV, numNodes: 0 }, {}, { field: "numNodes", shown: "0", allowed: ["1..40"] }],
    ["41 nodes (CreateCacheCluster: 1..40 for Memcached)", "memcache-prod", { ...PROD, numNodes: 41 }, {}, { field: "numNodes", shown: "41", allowed: ["1..40"] }],
    ["cross-az for one node", "memcache-dev", { ...DEV, azMode: "cross-az" }, {}, { field: "azMode", shown: '"cross-az"', allowed: ["needs at least 2 nodes"] }],
    ["an unknown zone mode", "memcache-dev", { ...DEV, azMode: "multi-az" }, {}, { field: "azMode", shown: '"multi-az"', allowed: ['"single-az", "cross-az"'] }],
    ["one node in prod", "memcache-prod", { ...PROD, numNodes: 1 }, {}, { field: "numNodes", shown: "1", allowed: ["at least 2", "prod"] }],
    ["single-az in prod", "memcache-prod", { ...PROD, azMode: "single-az" }, {}, { field: "azMode", shown: '"single-az"', allowed: ['must be "cross-az"', "prod"] }],
    ["items under 1 MiB", "memcache-dev", { ...DEV, maxItemSizeBytes: 1000 }, {}, { field: "maxItemSizeBytes", shown: "1000", allowed: ["1048576..134217728"] }],
    ["items over 128 MiB", "memcache-dev", { ...DEV, maxItemSizeBytes: 134_217_729 }, {}, { field: "maxItemSizeBytes", shown: "134217729", allowed: ["1048576..134217728"] }],
    ["items not a multiple of 512 KiB (memcached would not start)", "memcache-dev", { ...DEV, maxItemSizeBytes: 1_500_000 }, {},
      { field: "maxItemSizeBytes", shown: "1500000", allowed: ["multiple of 524288", "1048576..134217728", "1572864"] }],
    ["items 1 MiB + 1 KiB (in range, not a multiple)", "memcache-prod", { ...PROD, maxItemSizeBytes: 1_049_600 }, {},
      { field: "maxItemSizeBytes", shown: "1049600", allowed: ["multiple of 524288"] }],
    ["a 59-minute maintenance window", "memcache-dev", { ...DEV, maintenanceWindow: "sun:05:00-sun:05:59" }, {},
      { field: "maintenanceWindow", shown: '"sun:05:00-sun:05:59"', allowed: ["at least 60 minutes", "The minimum maintenance window is a 60 minute period", "lasts 59"] }],
    ["a 59-minute window across the end of the week", "memcache-prod", { ...PROD, maintenanceWindow: "sat:23:30-sun:00:29" }, {},
      { field: "maintenanceWindow", shown: '"sat:23:30-sun:00:29"', allowed: ["at least 60 minutes", "lasts 59"] }],
    ["a window that starts and ends at the same time", "memcache-dev", { ...DEV, maintenanceWindow: "sun:05:00-sun:05:00" }, {},
      { field: "maintenanceWindow", shown: '"sun:05:00-sun:05:00"', allowed: ["at least 60 minutes", "lasts 0"] }],
    ["a maintenance window without days", "memcache-dev", { ...DEV, maintenanceWindow: "05:00-06:00" }, {}, { field: "maintenanceWindow", shown: '"05:00-06:00"', allowed: ["sun:05:00-sun:06:00"] }],
    ["a public client range", "memcache-prod", { ...PROD, allowedCidrs: ["3.0.0.0/8"] }, {}, { field: "allowedCidrs.0", shown: '"3.0.0.0/8"', allowed: ["private"] }],
    ["a security group ID that is none", "memcache-dev", { ...DEV, allowedSecurityGroupIds: ["default"] }, {}, { field: "allowedSecurityGroupIds.0", shown: '"default"', allowed: ["sg-"] }],
    ["enabled as a string", "memcache-dev", { ...DEV, enabled: "yes" }, {}, { field: "enabled", shown: '"yes"', allowed: ["true or false"] }],
    ["an existing VPC with no client source", "memcache-dev", DEV, EXISTING_VPC, { field: "allowedCidrs", shown: "nothing", allowed: ["only access control", "network.vpcId"] }],
  ])("%s", async (_case, stack, section, more, expected) => {
    const { problems, registered } = await refused(stack, section, more);
    expect(problems).toHaveLength(1);
    const [line] = problems;
    expect(line.startsWith(`${KEY}.${expected.field} `), line).toBe(true);
    expect(line.endsWith(`got ${expected.shown}`), line).toBe(true);
    for (const fragment of expected.allowed) expect(line).toContain(fragment);
    expect(registered).toEqual([]);
  });

  it("points a default azMode's problem at numNodes, the key the stack wrote", async () => {
    // Two nodes make the default azMode cross-az; over one zone (the network refuses that too) ElastiCache would not spread them.
    const { problems, registered } = await refused("memcache-dev", { ...DEV, numNodes: 2 }, { "sparki-storage:network": { cidrBlock: "10.72.0.0/16", availabilityZones: ["eu-west-1a"] } });
    expect(problems).toContain(`${KEY}.numNodes makes the default azMode "cross-az" needs at least 2 availability zones, there are 1, got 2`);
    expect(registered).toEqual([]);
  });

  it("suggests the key a typo meant", async () => {
    const { problems } = await refused("memcache-dev", { ...DEV, numNode: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${KEY}\\.numNode is not a known key \\(did you mean "numNodes"\\?\\)`));
  });
});

describe("good memcache config at the limits", () => {
  const load = (stack: string, section: Section) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, DIR));
  it.each([
    ["a 60-minute window", "memcache-dev", { ...DEV, maintenanceWindow: "sun:05:00-sun:06:00" }],
    ["a 60-minute window across midnight", "memcache-prod", { ...PROD, maintenanceWindow: "tue:23:30-wed:00:30" }],
    ["a 60-minute window across the end of the week", "memcache-prod", { ...PROD, maintenanceWindow: "sat:23:30-sun:00:30" }],
    ["1.5 MiB items (a multiple of 512 KiB)", "memcache-dev", { ...DEV, maxItemSizeBytes: 1_572_864 }],
    ["128 MiB items", "memcache-prod", { ...PROD, maxItemSizeBytes: 134_217_728 }],
  ] as [string, string, Section][])("accepts %s", (_case, stack, section) => {
    expect(load(stack, section)).not.toThrow();
  });
});

describe("a cluster turned off", () => {
  it("is not checked by the memcache rules (off in dev and prod unless the stack turns it on)", () => {
    const load = (section: Section) => () => loadConfig("memcache-prod", stackConfig("memcache-prod", { [KEY]: section }, DIR));
    expect(load({ numNodes: 1, azMode: "single-az", nodeType: "cache.m3.medium" })).not.toThrow();
    expect(load({ ...PROD, numNodes: 1 })).toThrow(ConfigError);
  });
});

describe("the component refuses bad arguments itself, all at once, before registering anything", () => {
  const base = {
    clusterId: "sparki-dev-memcache", nodeType: "cache.t4g.micro", availabilityZones: ["eu-west-1a", "eu-west-1b"],
    vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"], allowedCidrs: ["10.0.0.0/16"],
    alarms: {} as never,
  };
  it("lists every problem in one error", () => {
    expect(() => resolveMemcachedArgs("c", { ...base, engineVersion: "1.4.5", numNodes: 1, azMode: "cross-az", clusterId: "Sparki--x", allowedCidrs: [] }))
      .toThrow(/^MemcachedCluster c: engineVersion must be one of .*got "1\.4\.5"; azMode "cross-az" needs at least 2 nodes .*got "cross-az"; clusterId must be 1-50 .*got "Sparki--x"; allowedCidrs or allowedSecurityGroupIds must name at least one client source/);
  });
  it("refuses max_item_size that is not a multiple of 524288 bytes, naming key, value and what is allowed", () => {
    expect(() => resolveMemcachedArgs("c", { ...base, maxItemSizeBytes: 1_500_000 }))
      .toThrow(/^MemcachedCluster c: maxItemSizeBytes must be an integer 1048576\.\.134217728 bytes .*a multiple of 524288 .*, got 1500000$/);
    expect(resolveMemcachedArgs("c", { ...base, maxItemSizeBytes: 1_572_864 }).maxItemSizeBytes).toBe(1_572_864);
  });
  it("refuses a maintenance window under 60 minutes (59 refused, 60 accepted, across midnight and the week's end)", () => {
    expect(() => resolveMemcachedArgs("c", { ...base, maintenanceWindow: "sun:05:00-sun:05:59" }))
      .toThrow(/^MemcachedCluster c: maintenanceWindow must last at least 60 minutes .*this one lasts 59, got "sun:05:00-sun:05:59"$/);
    expect(() => resolveMemcachedArgs("c", { ...base, maintenanceWindow: "sat:23:30-sun:00:29" })).toThrow(/maintenanceWindow must last at least 60 minutes .*lasts 59/);
    for (const w of ["sun:05:00-sun:06:00", "mon:23:30-tue:00:30", "sat:23:30-sun:00:30"]) {
      expect(resolveMemcachedArgs("c", { ...base, maintenanceWindow: w }).maintenanceWindow, w).toBe(w);
    }
  });
  it("refuses cross-az when there is one zone to spread over", () => {
    expect(() => resolveMemcachedArgs("c", { ...base, numNodes: 2, availabilityZones: ["eu-west-1a"] })).toThrow(/azMode "cross-az" needs at least 2 availability zones, there are 1/);
  });
  it("defaults to cross-az with two or more nodes and single-az with one", () => {
    expect(resolveMemcachedArgs("c", { ...base, numNodes: 2 }).azMode).toBe("cross-az");
    expect(resolveMemcachedArgs("c", base).azMode).toBe("single-az");
  });
});
