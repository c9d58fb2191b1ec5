import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { badgerAdapter } from "../stacks/adapters/badger";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";

/**
 * Bad `sparki-storage:embeddedKv` sections, on top of the example stacks that turn it on: each is refused before
 * anything is registered, with one line naming the key, the value and what is allowed.
 */

const KEY = "sparki-storage:embeddedKv";
const EC2 = join(REPO_ROOT, "examples", "badger");
const K8S = join(REPO_ROOT, "examples", "badger-k8s");

type Section = Record<string, unknown>;
/** The example stacks' own sections (examples/badger*, Pulumi.<stack>.yaml), which the cases vary. */
const sectionOf = (stack: string, dir: string) => JSON.parse(stackConfig(stack, {}, dir)[KEY]) as Section;
const EC2_DEV = sectionOf("badger-dev", EC2);
const EC2_PROD = sectionOf("badger-prod", EC2);
const K8S_DEV = sectionOf("badger-k8s-dev", K8S);
const K8S_PROD = sectionOf("badger-k8s-prod", K8S);
const STACKS: Record<string, string> = { "badger-dev": EC2, "badger-prod": EC2, "badger-k8s-dev": K8S, "badger-k8s-prod": K8S };

/** Runs the real program on the example stack with this section; returns the refusal's lines and what was registered. */
async function refused(stack: string, section: Section) {
  const registered: string[] = [];
  const failure = await runProgram({ stack, stackDir: STACKS[stack], overrides: { [KEY]: section }, observe: (r) => registered.push(r.type) })
    .then(() => undefined, (e: unknown) => e);
  expect(failure).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

interface Expected {
  /** The key under sparki-storage:embeddedKv the line starts with. */
  readonly field: string;
  /** The value as the line shows it, after `got `. */
  readonly shown: string;
  /** What the line says is allowed (each fragment must appear). */
  readonly allowed: readonly string[];
}

describe("bad embeddedKv config: one line naming key, value and what is allowed; nothing registered", () => {
  it.each<[string, string, Section, Expected]>([
    ["an unknown engine", "badger-dev", { ...EC2_DEV, engine: "rocksdb" },
      { field: "engine", shown: '"rocksdb"', allowed: ['"badger", "leveldb", "pebble"'] }],
    ["an unknown hosting", "badger-dev", { ...EC2_DEV, hosting: "ecs" },
      { field: "hosting", shown: '"ecs"', allowed: ['"ec2", "kubernetes"'] }],
    ["a volume below Badger's headroom (40 GiB live data on 50 GiB)", "badger-prod", { ...EC2_PROD, expectedLiveDataGiB: 40, volumeSizeGiB: 50 },
      { field: "volumeSizeGiB", shown: "50", allowed: ["at least 100 GiB", "x2.5"] }],
    ["a volume below Pebble's headroom (10 GiB live data on 19 GiB)", "badger-k8s-dev", { ...K8S_DEV, expectedLiveDataGiB: 10, volumeSizeGiB: 19 },
      { field: "volumeSizeGiB", shown: "19", allowed: ["at least 20 GiB", "x2"] }],
    ["a volume above gp3's 65536 GiB", "badger-dev", { ...EC2_DEV, volumeSizeGiB: 65_537 },
      { field: "volumeSizeGiB", shown: "65537", allowed: ["1..65536"] }],
    ["more than 500 IOPS per GiB (6000 IOPS on 10 GiB)", "badger-dev", { ...EC2_DEV, volumeSizeGiB: 10, iops: 6000 },
      { field: "iops", shown: "6000", allowed: ["500 per GiB", "at most 5000"] }],
    ["IOPS above gp3's 80000", "badger-prod", { ...EC2_PROD, iops: 80_001 },
      { field: "iops", shown: "80001", allowed: ["3000..80000"] }],
    ["IOPS below gp3's baseline", "badger-prod", { ...EC2_PROD, iops: 2999 },
      { field: "iops", shown: "2999", allowed: ["3000..80000"] }],
    ["throughput above IOPS/4 (800 MiB/s with 3000 IOPS)", "badger-dev", { ...EC2_DEV, throughputMiBps: 800 },
      { field: "throughputMiBps", shown: "800", allowed: ["0.25 MiB/s per provisioned IOPS", "at most 750 with 3000 IOPS"] }],
    ["throughput above gp3's 2000 MiB/s", "badger-prod", { ...EC2_PROD, iops: 16_000, throughputMiBps: 2001 },
      { field: "throughputMiBps", shown: "2001", allowed: ["125..2000"] }],
    ["a snapshot every 5 hours (DLM takes 1, 2, 3, 4, 6, 8, 12, 24)", "badger-dev", { ...EC2_DEV, snapshotIntervalHours: 5 },
      { field: "snapshotIntervalHours", shown: "5", allowed: ["1, 2, 3, 4, 6, 8, 12, 24"] }],
    ["no day of snapshots", "badger-dev", { ...EC2_DEV, snapshotRetentionDays: 0 },
      { field: "snapshotRetentionDays", shown: "0", allowed: ["1..36500"] }],
    // DLM's age-based retention: at most 100 years.
    ["longer than DLM keeps", "badger-dev", { ...EC2_DEV, snapshotRetentionDays: 36_501 },
      { field: "snapshotRetentionDays", shown: "36501", allowed: ["1..36500"] }],
    ["three days of snapshots in prod", "badger-prod", { ...EC2_PROD, snapshotRetentionDays: 3 },
      { field: "snapshotRetentionDays", shown: "3", allowed: ["at least 7 days"] }],
    ["three days of snapshots in prod on Kubernetes", "badger-k8s-prod", { ...K8S_PROD, snapshotRetentionDays: 3 },
      { field: "snapshotRetentionDays", shown: "3", allowed: ["at least 7 days"] }],
    ["a data path with a trailing slash (the agent reports the mount point without one)", "badger-dev", { ...EC2_DEV, dataPath: "/var/lib/sparki/kv/" },
      { field: "dataPath", shown: "\"/var/lib/sparki/kv/\"", allowed: ["without a trailing '/'"] }],
    ["a snapshot time past midnight", "badger-dev", { ...EC2_DEV, snapshotTimeUtc: "25:00" },
      { field: "snapshotTimeUtc", shown: '"25:00"', allowed: ["hh:mm"] }],
    ["a data path with a quote (it goes into a Metrics Insights query)", "badger-dev", { ...EC2_DEV, dataPath: "/var/lib/kv'x" },
      { field: "dataPath", shown: "\"/var/lib/kv'x\"", allowed: ["absolute path", "letters, digits, '.', '_', '-' and '/'"] }],
    ["a relative data path", "badger-dev", { ...EC2_DEV, dataPath: "var/lib/kv" },
      { field: "dataPath", shown: '"var/lib/kv"', allowed: ["absolute path"] }],
    ["a data path climbing out with ..", "badger-dev", { ...EC2_DEV, dataPath: "/var/lib/../kv" },
      { field: "dataPath", shown: '"/var/lib/../kv"', allowed: ["absolute path"] }],
    ["Kubernetes hosting without a namespace", "badger-k8s-dev", { ...K8S_DEV, kubernetes: undefined },
      { field: "kubernetes.namespace", shown: "nothing", allowed: ["needs kubernetes.namespace"] }],
    ["prod Kubernetes hosting without a context", "badger-k8s-prod", { ...K8S_PROD, kubernetes: { namespace: "sparki-agents" } },
      { field: "kubernetes.context", shown: "nothing", allowed: ["required in this profile", "context"] }],
    ["a namespace that is no DNS label", "badger-k8s-dev", { ...K8S_DEV, kubernetes: { namespace: "Sparki_Agents" } },
      { field: "kubernetes.namespace", shown: '"Sparki_Agents"', allowed: ["DNS label"] }],
    // A label value the chart selects by: a Helm release name (lowercase, digits, '-', '.').
    ["a Prometheus release that is no Helm release name", "badger-k8s-dev", { ...K8S_DEV, kubernetes: { namespace: "sparki-agents", prometheusRelease: "Kube Prometheus" } },
      { field: "kubernetes.prometheusRelease", shown: '"Kube Prometheus"', allowed: ["a Helm release name"] }],
  ])("%s", async (_case, stack, section, expected) => {
    const { problems, registered } = await refused(stack, section);
    expect(problems).toHaveLength(1);
    const [line] = problems;
    expect(line.startsWith(`${KEY}.${expected.field} `), line).toBe(true);
    expect(line.endsWith(`got ${expected.shown}`), line).toBe(true);
    for (const fragment of expected.allowed) expect(line).toContain(fragment);
    expect(registered).toEqual([]);
  });

  it("refuses a kubeconfig given as its contents without echoing them", async () => {
    const contents = "apiVersion: v1\nclusters: []";
    const { problems, registered } = await refused("badger-k8s-dev", { ...K8S_DEV, kubernetes: { namespace: "sparki-agents", kubeconfig: contents } });
    expect(problems).toEqual([
      `${KEY}.kubernetes.kubeconfig must be a path to a kubeconfig file, never its contents (a kubeconfig holds credentials), got (looks like file contents; value not shown)`,
    ]);
    expect(problems[0]).not.toContain("clusters");
    expect(registered).toEqual([]);
  });

  it("reports each mistake of one section on its own line", async () => {
    const { problems, registered } = await refused("badger-dev", { ...EC2_DEV, snapshotIntervalHours: 5, snapshotTimeUtc: "3am", engine: "rocksdb" });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.engine`, `${KEY}.snapshotTimeUtc`]);
    expect(registered).toEqual([]);
  });

  it("suggests the key a typo meant", async () => {
    const { problems } = await refused("badger-dev", { ...EC2_DEV, snapshotIntervalHour: 12 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${KEY}\\.snapshotIntervalHour is not a known key \\(did you mean "snapshotIntervalHours"\\?\\)`));
  });
});

describe("a store turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Section) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));
  // Every rule below would refuse these: a volume under the headroom, a DLM interval it lacks, prod's retention floor, no namespace.
  const badRules = { volumeSizeGiB: 2, snapshotIntervalHours: 5, snapshotRetentionDays: 3, hosting: "kubernetes" };

  it("is not checked by the embeddedKv rules, as no disabled adapter is", () => {
    expect(load("badger-prod", EC2, { ...EC2_PROD, ...badRules, enabled: false })).not.toThrow();
    expect(load("badger-prod", EC2, { ...EC2_PROD, ...badRules })).toThrow(ConfigError);
  });

  it("is off in the root dev and prod stacks, so their rules do not run either", () => {
    for (const stack of ["dev", "prod"]) {
      expect(load(stack, undefined, badRules)).not.toThrow();
      expect(load(stack, undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
    }
  });

  it("still has its keys validated by the schema", () => {
    expect(load("badger-dev", EC2, { ...EC2_DEV, enabled: false, engine: "rocksdb" }))
      .toThrow(`${KEY}.engine must be one of "badger", "leveldb", "pebble", got "rocksdb"`);
  });
});

describe("embeddedKv settings: config over the tier over the component's defaults", () => {
  const settingsOf = (stack: string, section?: Section) =>
    adapterSettings(badgerAdapter, loadConfig(stack, stackConfig(stack, section === undefined ? {} : { [KEY]: section }, STACKS[stack])));

  it("sizes the volume from live data and the engine's headroom, and takes retention, reclaim and context rules from the tier", () => {
    expect(settingsOf("badger-dev")).toMatchObject({
      enabled: true, engine: "badger", hosting: "ec2", expectedLiveDataGiB: 4, volumeSizeGiB: 10, iops: 3000, throughputMiBps: 125,
      snapshotIntervalHours: 24, snapshotRetentionDays: 3, snapshotTimeUtc: "03:00", retainVolumes: false, contextRequired: false,
    });
    expect(settingsOf("badger-prod")).toMatchObject({
      engine: "badger", expectedLiveDataGiB: 40, volumeSizeGiB: 100, iops: 6000, throughputMiBps: 250, snapshotRetentionDays: 14, minSnapshotRetentionDays: 7,
      retainVolumes: true, contextRequired: true,
    });
    expect(settingsOf("badger-k8s-dev")).toMatchObject({ engine: "pebble", hosting: "kubernetes", volumeSizeGiB: 8, kubernetes: { namespace: "sparki-agents", claimName: "kv-data" } });
    expect(settingsOf("badger-k8s-prod")).toMatchObject({
      engine: "badger", volumeSizeGiB: 100, kubernetes: { context: "sparki-prod-agents", namespace: "sparki-agents", prometheusRelease: "kube-prometheus-stack" },
    });
  });

  it("keeps a volume set above the minimum and a leveldb engine's x2 headroom", () => {
    expect(settingsOf("badger-dev", { ...EC2_DEV, volumeSizeGiB: 50 }).volumeSizeGiB).toBe(50);
    expect(settingsOf("badger-dev", { ...EC2_DEV, engine: "leveldb", expectedLiveDataGiB: 7 }).volumeSizeGiB).toBe(14);
  });
});
