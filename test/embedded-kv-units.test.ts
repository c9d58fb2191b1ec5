import { describe, expect, it } from "vitest";
import { embeddedKvProblems, type EmbeddedKvArgs, minimumVolumeGiB, resolveEmbeddedKvArgs } from "../components/embedded-kv/args";
import { KV_ENGINES } from "../components/embedded-kv/engines";
import { DERIVED_LATENCY_RULE, derivedLatencyP95 } from "../components/matrix";

/**
 * The embedded KV component's argument checks against the limits AWS documents, written down here (not read from
 * the component): EC2 LaunchTemplateEbsBlockDeviceRequest for gp3 (1..65536 GiB, 3000..80000 IOPS, 125..2000 MiB/s, at most 500 IOPS
 * per GiB and 0.25 MiB/s per IOPS) and DLM CreateRule/RetainRule (interval 1, 2, 3, 4, 6, 8, 12 or 24 hours;
 * retention by age 1..36500 days).
 */
const GP3 = { minGiB: 1, maxGiB: 65_536, minIops: 3000, maxIops: 80_000, iopsPerGiB: 500, minMiBps: 125, maxMiBps: 2000, mibpsPerIops: 0.25 };
const DLM = { intervals: [1, 2, 3, 4, 6, 8, 12, 24], minRetain: 1, maxRetain: 36_500 };
// Volume over live data each engine needs to compact.
const HEADROOM = { badger: 2.5, leveldb: 2, pebble: 2 } as const;

const BASE: EmbeddedKvArgs = {
  hosting: "ec2", expectedLiveDataGiB: 40, snapshotTag: "sparki-test-kv", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/test",
  region: "eu-west-1", accountId: "111111111111", alarms: { environment: "test", topicArns: { warning: "arn:warning", critical: "arn:critical" } },
};
const problems = (over: Partial<EmbeddedKvArgs> = {}) => embeddedKvProblems(resolveEmbeddedKvArgs({ ...BASE, ...over }));
const fields = (over: Partial<EmbeddedKvArgs> = {}) => problems(over).map(([field]) => field);

describe("resolveEmbeddedKvArgs", () => {
  it("applies every default once: badger, the agents' path, gp3's baseline, a daily 03:00 snapshot kept 7 times, the volume from headroom", () => {
    const a = resolveEmbeddedKvArgs({ ...BASE, kubernetes: { namespace: "agents" } });
    expect(a).toMatchObject({
      engine: "badger", dataPath: "/var/lib/sparki/kv", volumeSizeGiB: 100, iops: GP3.minIops, throughputMiBps: GP3.minMiBps,
      snapshotIntervalHours: 24, snapshotRetentionDays: 7, snapshotTimeUtc: "03:00", retainVolumes: false, protect: false,
      kubernetes: { namespace: "agents", claimName: "kv-data" },
    });
    expect(resolveEmbeddedKvArgs(BASE).kubernetes).toBeUndefined();
  });

  it("keeps every value given", () => {
    const given = {
      engine: "pebble", dataPath: "/data/kv", volumeSizeGiB: 500, iops: 8000, throughputMiBps: 500, snapshotIntervalHours: 6, snapshotRetentionDays: 30,
      snapshotTimeUtc: "22:15", retainVolumes: true, protect: true, kubernetes: { namespace: "agents", claimName: "store" },
    } as const;
    expect(resolveEmbeddedKvArgs({ ...BASE, ...given })).toMatchObject(given);
  });

  it("sizes a volume left out from the engine given, not from Badger's headroom", () => {
    expect(resolveEmbeddedKvArgs({ ...BASE, engine: "leveldb", expectedLiveDataGiB: 40 }).volumeSizeGiB).toBe(80);
  });
});

describe("minimumVolumeGiB", () => {
  it.each([
    ["badger", 40, 100], ["badger", 4, 10], ["badger", 1, 3], ["badger", 3, 8],
    ["leveldb", 40, 80], ["pebble", 4, 8], ["pebble", 7, 14],
  ] as const)("%s with %i GiB live data needs %i GiB", (engine, live, expected) => {
    expect(minimumVolumeGiB(engine, live)).toBe(expected);
  });

  it.each(KV_ENGINES)("is live data x the documented headroom, rounded up, for %s", (engine) => {
    for (const live of [1, 2, 3, 5, 13, 99, 6553]) expect(minimumVolumeGiB(engine, live)).toBe(Math.ceil(live * HEADROOM[engine]));
  });
});

describe("embeddedKvProblems", () => {
  it("finds nothing wrong with the defaults", () => {
    expect(problems()).toEqual([]);
  });

  describe("gp3 volume size", () => {
    it("refuses 0 GiB", () => {
      expect(fields({ volumeSizeGiB: 0 })).toContain("volumeSizeGiB");
    });

    it.each([
      [`${GP3.maxGiB + 1} GiB`, { volumeSizeGiB: GP3.maxGiB + 1 }],
      ["a fraction of a GiB", { volumeSizeGiB: 100.5 }],
      ["one GiB under the headroom (badger, 40 GiB live)", { volumeSizeGiB: 99 }],
      ["one GiB under the headroom (leveldb, 40 GiB live)", { engine: "leveldb", volumeSizeGiB: 79 }],
    ] as const)("refuses %s", (_case, over) => {
      expect(fields(over)).toEqual(["volumeSizeGiB"]);
    });

    it.each([
      ["exactly the headroom", { volumeSizeGiB: 100 }],
      [`gp3's largest, ${GP3.maxGiB} GiB`, { volumeSizeGiB: GP3.maxGiB }],
      ["leveldb's x2", { engine: "leveldb", volumeSizeGiB: 80 }],
    ] as const)("accepts %s", (_case, over) => {
      expect(fields(over)).toEqual([]);
    });

    it("says how much the engine needs and why", () => {
      const [[, message]] = problems({ volumeSizeGiB: 50 });
      expect(message).toContain("at least 100 GiB");
      expect(message).toContain("x2.5");
    });
  });

  describe("gp3 IOPS", () => {
    it.each([
      [`${GP3.minIops - 1}`, { iops: GP3.minIops - 1 }],
      [`${GP3.maxIops + 1}`, { volumeSizeGiB: 1000, iops: GP3.maxIops + 1 }],
      ["a fraction", { iops: 3000.5 }],
      // 500 IOPS per GiB: 12 GiB take 6000 at most.
      ["6001 on 12 GiB", { expectedLiveDataGiB: 4, volumeSizeGiB: 12, iops: 12 * GP3.iopsPerGiB + 1 }],
      ["15501 on 31 GiB", { expectedLiveDataGiB: 4, volumeSizeGiB: 31, iops: 31 * GP3.iopsPerGiB + 1 }],
      [`${GP3.maxIops} on 159 GiB`, { expectedLiveDataGiB: 4, volumeSizeGiB: 159, iops: GP3.maxIops }],
    ] as const)("refuses %s", (_case, over) => {
      expect(fields(over)).toEqual(["iops"]);
    });

    it.each([
      ["gp3's baseline", { iops: GP3.minIops }],
      // Every gp3 size gets the 3000 baseline: the 500-per-GiB cap bounds only what is provisioned above it.
      ["the baseline on a 5 GiB volume", { expectedLiveDataGiB: 2, volumeSizeGiB: 5, iops: GP3.minIops }],
      ["the baseline on 1 GiB", { expectedLiveDataGiB: 0.4, volumeSizeGiB: 1, iops: GP3.minIops }],
      ["6000 on 12 GiB", { expectedLiveDataGiB: 4, volumeSizeGiB: 12, iops: 12 * GP3.iopsPerGiB }],
      ["16000 on 32 GiB", { expectedLiveDataGiB: 4, volumeSizeGiB: 32, iops: 32 * GP3.iopsPerGiB }],
      [`${GP3.maxIops} on 160 GiB`, { expectedLiveDataGiB: 4, volumeSizeGiB: 160, iops: GP3.maxIops }],
    ] as const)("accepts %s", (_case, over) => {
      expect(fields(over)).toEqual([]);
    });
  });

  describe("gp3 throughput", () => {
    it.each([
      [`${GP3.minMiBps - 1} MiB/s`, { throughputMiBps: GP3.minMiBps - 1 }],
      [`${GP3.maxMiBps + 1} MiB/s`, { volumeSizeGiB: 1000, iops: GP3.maxIops, throughputMiBps: GP3.maxMiBps + 1 }],
      ["a fraction", { throughputMiBps: 200.5 }],
      // 0.25 MiB/s per IOPS: 3000 IOPS carry 750 MiB/s, 7999 IOPS 1999.75.
      ["751 MiB/s on 3000 IOPS", { throughputMiBps: 3000 * GP3.mibpsPerIops + 1 }],
      [`${GP3.maxMiBps} MiB/s on 7999 IOPS`, { volumeSizeGiB: 100, iops: 7999, throughputMiBps: GP3.maxMiBps }],
    ] as const)("refuses %s", (_case, over) => {
      expect(fields(over)).toEqual(["throughputMiBps"]);
    });

    it.each([
      ["gp3's baseline", { throughputMiBps: GP3.minMiBps }],
      ["750 MiB/s on 3000 IOPS", { throughputMiBps: 3000 * GP3.mibpsPerIops }],
      [`${GP3.maxMiBps} MiB/s on 8000 IOPS`, { volumeSizeGiB: 100, iops: 8000, throughputMiBps: GP3.maxMiBps }],
    ] as const)("accepts %s", (_case, over) => {
      expect(fields(over)).toEqual([]);
    });
  });

  describe("snapshots", () => {
    it.each(DLM.intervals)("accepts a snapshot every %i hours", (hours) => {
      expect(fields({ snapshotIntervalHours: hours })).toEqual([]);
    });

    it.each([0, 5, 7, 9, 10, 11, 13, 16, 18, 23, 25, 48, 1.5])("refuses a snapshot every %s hours", (hours) => {
      expect(fields({ snapshotIntervalHours: hours })).toEqual(["snapshotIntervalHours"]);
    });

    it("names the intervals DLM takes", () => {
      const [[, message]] = problems({ snapshotIntervalHours: 5 });
      expect(message).toContain(DLM.intervals.join(", "));
    });

    it.each([DLM.minRetain, 7, DLM.maxRetain])("keeps snapshots %i days", (count) => {
      expect(fields({ snapshotRetentionDays: count })).toEqual([]);
    });

    it.each([DLM.minRetain - 1, DLM.maxRetain + 1, 2.5, -7])("refuses to keep snapshots %s days", (count) => {
      expect(fields({ snapshotRetentionDays: count })).toEqual(["snapshotRetentionDays"]);
    });

    it.each(["00:00", "03:00", "12:30", "23:59"])("starts at %s UTC", (time) => {
      expect(fields({ snapshotTimeUtc: time })).toEqual([]);
    });

    it.each(["24:00", "25:00", "3:00", "03:60", "0300", "03:00:00", "03:00Z", ""])("refuses a start at %j", (time) => {
      expect(fields({ snapshotTimeUtc: time })).toEqual(["snapshotTimeUtc"]);
    });
  });

  describe("data path (it goes into a Metrics Insights query)", () => {
    it.each(["/var/lib/sparki/kv", "/data", "/mnt/kv-01/store_v2.db"])("accepts %s", (dataPath) => {
      expect(fields({ dataPath })).toEqual([]);
    });

    it.each(["var/lib/kv", "/var/lib/kv'x", '/var/lib/"kv"', "/var/lib/k v", "/var/lib/../kv", "/var/lib/kv\n", ""])("refuses %j", (dataPath) => {
      expect(fields({ dataPath })).toEqual(["dataPath"]);
    });
  });

  it("needs a namespace for Kubernetes hosting only", () => {
    expect(fields({ hosting: "kubernetes" })).toEqual(["kubernetes"]);
    expect(fields({ hosting: "kubernetes", kubernetes: { namespace: "agents" } })).toEqual([]);
    expect(fields({ hosting: "ec2" })).toEqual([]);
  });

  it("reports every problem at once, in field order", () => {
    expect(fields({ dataPath: "x", volumeSizeGiB: 10, iops: 2000, throughputMiBps: 2000, snapshotIntervalHours: 5, snapshotRetentionDays: 0, snapshotTimeUtc: "x", hosting: "kubernetes" }))
      .toEqual(["dataPath", "volumeSizeGiB", "iops", "throughputMiBps", "snapshotIntervalHours", "snapshotRetentionDays", "snapshotTimeUtc", "kubernetes"]);
  });
});

describe("derivedLatencyP95", () => {
  // The spec: PostgreSQL 5-20 ms with p95 alerts at 50 / 100 ms; Badger 1-5 ms and no alert row.
  const POSTGRES = { upperMs: 20, warningMs: 50, criticalMs: 100 };
  const BADGER_UPPER_MS = 5;

  it("takes PostgreSQL's ratios: warning 2.5x the upper bound, critical 2x the warning", () => {
    expect(DERIVED_LATENCY_RULE).toEqual({ warningOverUpperBound: POSTGRES.warningMs / POSTGRES.upperMs, criticalOverWarning: POSTGRES.criticalMs / POSTGRES.warningMs });
    expect(DERIVED_LATENCY_RULE).toEqual({ warningOverUpperBound: 2.5, criticalOverWarning: 2 });
  });

  it("gives Badger's 1-5 ms a p95 warning of 12.5 ms and a critical of 25 ms, tagged derived", () => {
    const warning = BADGER_UPPER_MS * (POSTGRES.warningMs / POSTGRES.upperMs);
    expect(derivedLatencyP95("badger")).toEqual({
      warning, critical: warning * (POSTGRES.criticalMs / POSTGRES.warningMs), unit: "milliseconds", statistic: "p95",
      source: "derived:badgerLatencyP95", basis: "1-5 ms",
    });
    expect(derivedLatencyP95("badger")).toMatchObject({ warning: 12.5, critical: 25 });
  });

  it("gives PostgreSQL's own row back the spec's 50 / 100 ms", () => {
    expect(derivedLatencyP95("postgres")).toMatchObject({ warning: POSTGRES.warningMs, critical: POSTGRES.criticalMs });
  });

  it.each(["dynamodb", "leveldb", "pebble"] as const)("throws for %s, a row without a latency range", (key) => {
    expect(() => derivedLatencyP95(key)).toThrow(`matrix row "${key}" has no bounded latency range to derive a threshold from`);
  });
});
