import { describe, expect, it } from "vitest";
import { memcachedNodeIds, memcachedProblems, preferredNodeZones, weeklyWindowMinutes } from "../components/memcached/args";
import { memcachedNodeMemoryGiB, memcachedParameterFamily, memcachedVersionProblem } from "../components/memcached/engines";
import { memcacheLatencyThreshold } from "../components/memcached/alarms";
import { memcachedParameterGroupName } from "../components/memcached/parameters";

/** Oracles written down from the documentation (read 2026-11-29), not from the code. */
describe("Memcached engine facts", () => {
  it("maps every offered 1.6 version to the memcached1.6 family and refuses 1.5/1.4 and unknown versions", () => {
    for (const v of ["1.6.12", "1.6.17", "1.6.22"]) expect(memcachedParameterFamily(v)).toBe("memcached1.6");
    for (const v of ["1.5.16", "1.4.34", "1.6.6", "1.6"]) expect(memcachedVersionProblem(v)).toBeDefined();
  });

  it("knows the node memory of the default node types (ElastiCache node type table: t4g.micro 0.5 GiB, r6g.large 13.07 GiB)", () => {
    expect(memcachedNodeMemoryGiB("cache.t4g.micro")).toBe(0.5);
    expect(memcachedNodeMemoryGiB("cache.r6g.large")).toBe(13.07);
    expect(memcachedNodeMemoryGiB("cache.m3.medium")).toBeUndefined();
    expect(memcachedNodeMemoryGiB("cache.r7g.large")).toBeUndefined();
  });

  it("numbers nodes as ElastiCache does (0001, 0002, ...) and gives each exactly one zone, round-robin", () => {
    expect(memcachedNodeIds(3)).toEqual(["0001", "0002", "0003"]);
    expect(preferredNodeZones(["a", "b", "c"], 4)).toEqual(["a", "b", "c", "a"]);
    expect(preferredNodeZones(["a", "b"], 2)).toHaveLength(2);
  });

  it("names the parameter group after the family, so a family change creates a new group", () => {
    expect(memcachedParameterGroupName("sparki-prod-memcache", "memcached1.6")).toBe("sparki-prod-memcache-memcached1-6");
  });

  it("derives the <1 ms latency row to p95 2.5 / 5 ms (PostgreSQL's 5-20 ms -> 50/100 ms: 2.5 x upper bound, critical 2 x warning)", () => {
    expect(memcacheLatencyThreshold()).toMatchObject({ warning: 2.5, critical: 5, unit: "milliseconds", percentile: "p95", source: "derived:memcacheLatencyP95" });
  });

  it("accepts the example shapes and refuses what ElastiCache refuses", () => {
    const ok = { engineVersion: "1.6.22", nodeType: "cache.r6g.large", numNodes: 3, azMode: "cross-az" as const, port: 11211, maxItemSizeBytes: 1_048_576, maintenanceWindow: "sun:05:00-sun:06:00", zones: 3 };
    expect(memcachedProblems(ok)).toEqual([]);
    expect(memcachedProblems({ ...ok, numNodes: 41 }).map(([f]) => f)).toEqual(["numNodes"]);
    expect(memcachedProblems({ ...ok, numNodes: 1 }).map(([f]) => f)).toEqual(["azMode"]);
    expect(memcachedProblems({ ...ok, zones: 1 }).map(([f]) => f)).toEqual(["azMode"]);
    expect(memcachedProblems({ ...ok, maxItemSizeBytes: 134_217_729 }).map(([f]) => f)).toEqual(["maxItemSizeBytes"]);
    expect(memcachedProblems({ ...ok, port: 80 }).map(([f]) => f)).toEqual(["port"]);
  });

  it("takes max_item_size only in multiples of 512 KiB (memcached.c: -I must be evenly divisible by slab_chunk_max, 524288)", () => {
    const ok = { engineVersion: "1.6.22", nodeType: "cache.r6g.large", numNodes: 3, azMode: "cross-az" as const, port: 11211, maxItemSizeBytes: 1_048_576, maintenanceWindow: "sun:05:00-sun:06:00", zones: 3 };
    for (const bytes of [1_048_576, 1_572_864, 2_097_152, 134_217_728]) expect(memcachedProblems({ ...ok, maxItemSizeBytes: bytes }), String(bytes)).toEqual([]);
    for (const bytes of [1_500_000, 1_049_600, 134_217_727]) expect(memcachedProblems({ ...ok, maxItemSizeBytes: bytes }).map(([f]) => f), String(bytes)).toEqual(["maxItemSizeBytes"]);
  });

  it("measures weekly windows across midnight and the week's end, and refuses under 60 minutes (CreateCacheCluster)", () => {
    expect(weeklyWindowMinutes("sun:05:00-sun:06:00")).toBe(60);
    expect(weeklyWindowMinutes("sun:05:00-sun:05:59")).toBe(59);
    expect(weeklyWindowMinutes("mon:23:30-tue:00:30")).toBe(60);
    expect(weeklyWindowMinutes("sat:23:30-sun:00:30")).toBe(60);
    expect(weeklyWindowMinutes("sat:23:31-sun:00:30")).toBe(59);
    expect(weeklyWindowMinutes("sun:05:00-sun:05:00")).toBe(0);
    expect(weeklyWindowMinutes("sun:06:00-sun:05:00")).toBe(7 * 1440 - 60);
    const ok = { engineVersion: "1.6.22", nodeType: "cache.t4g.micro", numNodes: 1, azMode: "single-az" as const, port: 11211, maxItemSizeBytes: 1_048_576, zones: 1 };
    expect(memcachedProblems({ ...ok, maintenanceWindow: "sun:05:00-sun:05:59" }).map(([f]) => f)).toEqual(["maintenanceWindow"]);
    expect(memcachedProblems({ ...ok, maintenanceWindow: "sun:05:00-sun:06:00" })).toEqual([]);
    expect(memcachedProblems({ ...ok, maintenanceWindow: "sat:23:30-sun:00:30" })).toEqual([]);
    expect(memcachedProblems({ ...ok, maintenanceWindow: "sat:23:31-sun:00:30" }).map(([f]) => f)).toEqual(["maintenanceWindow"]);
  });
});
