import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SECRET_VALUE } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { capturedRun, childrenOf, json, one, ofType, type ProgramRun, type RegisteredResource, STACKS, stackRun } from "./harness";
import { isSecretWire } from "./secret-wire";

/**
 * The deployment agents' embedded KV store (components/embedded-kv, adapter stacks/adapters/badger) as the example
 * stacks register it: examples/badger (EC2 agents) and examples/badger-k8s (Kubernetes agents), each in dev and
 * prod. Every number below is written down from its source (AWS API limits, the spec's matrix), not read from the
 * component, so a changed default or threshold fails here.
 */

const KEY = "sparki-storage:embeddedKv";
const STORE_TYPE = "sparki:embeddedkv:EmbeddedKvStore";
const TAG = "sparki:kv-snapshots";
const NAMESPACE = "Sparki/EmbeddedKV";
const DEFAULT_DATA_PATH = "/var/lib/sparki/kv";

type Engine = "badger" | "leveldb" | "pebble";
type Profile = "dev" | "prod";

// Volume over live data each engine needs to compact (Badger: value-log GC and LSM compaction, x2 plus a log file
// in flight; LevelDB and Pebble: compaction writes its outputs before deleting its inputs, x2).
const HEADROOM: Record<Engine, number> = { badger: 2.5, leveldb: 2, pebble: 2 };
// gp3's baseline when none is provisioned (EC2 EbsBlockDevice: 3000 IOPS, 125 MiB/s).
const GP3_BASELINE = { iops: 3000, throughput: 125 };
// Daily snapshots kept per volume: three days in dev, two weeks in prod.
const RETENTION: Record<Profile, number> = { dev: 3, prod: 14 };
// The platform levels of the KV signals (components/matrix thresholds kvDiskUsedPercent, kvInodesFree, kvSpaceAmplificationPercent).
const DISK_USED = { warning: 60, critical: 75 };
const INODES_FREE = { warning: 50_000, critical: 10_000 };
const SPACE_AMPLIFICATION = { warning: 200, critical: 300 };

/**
 * ORACLE for the p95 latency levels, from the spec's own numbers: Badger's row gives a 1-5 ms characteristic and
 * no alert threshold; PostgreSQL's row gives 5-20 ms and its alert row p95 warning 50 ms, critical 100 ms. The
 * derived rule takes PostgreSQL's ratios: warning = 2.5 x the upper bound, critical = 2 x warning.
 */
const SPEC = { badgerUpperMs: 5, postgres: { upperMs: 20, warningMs: 50, criticalMs: 100 } };
const LATENCY_P95 = (() => {
  const warning = SPEC.badgerUpperMs * (SPEC.postgres.warningMs / SPEC.postgres.upperMs);
  return { warning, critical: warning * (SPEC.postgres.criticalMs / SPEC.postgres.warningMs) };
})();

interface Example {
  readonly folder: "badger" | "badger-k8s";
  readonly stack: string;
  readonly profile: Profile;
}
const EC2_EXAMPLES: readonly Example[] = [
  { folder: "badger", stack: "badger-dev", profile: "dev" },
  { folder: "badger", stack: "badger-prod", profile: "prod" },
];
const K8S_EXAMPLES: readonly Example[] = [
  { folder: "badger-k8s", stack: "badger-k8s-dev", profile: "dev" },
  { folder: "badger-k8s", stack: "badger-k8s-prod", profile: "prod" },
];
const EXAMPLES = [...EC2_EXAMPLES, ...K8S_EXAMPLES];

const dirOf = (ex: Example) => join(REPO_ROOT, "examples", ex.folder);
const runOf = (ex: Example) => capturedRun({ stack: ex.stack, stackDir: dirOf(ex) });

interface KvSection {
  enabled?: boolean;
  engine?: Engine;
  hosting?: "ec2" | "kubernetes";
  dataPath?: string;
  expectedLiveDataGiB: number;
  iops?: number;
  throughputMiBps?: number;
  kubernetes?: { namespace?: string; context?: string; claimName?: string };
}

/** The example's `sparki-storage:embeddedKv` section as its stack file writes it, with what the file leaves out. */
function configured(ex: Example) {
  const s = JSON.parse(stackConfig(ex.stack, {}, dirOf(ex))[KEY]) as KvSection;
  const engine = s.engine ?? "badger";
  return {
    engine,
    hosting: s.hosting ?? "ec2",
    dataPath: s.dataPath ?? DEFAULT_DATA_PATH,
    volumeSizeGiB: Math.ceil(s.expectedLiveDataGiB * HEADROOM[engine]),
    iops: s.iops ?? GP3_BASELINE.iops,
    throughput: s.throughputMiBps ?? GP3_BASELINE.throughput,
    namespace: s.kubernetes?.namespace,
    context: s.kubernetes?.context,
  };
}

const store = (run: ProgramRun) => one(run, STORE_TYPE);
const under = (run: ProgramRun) => childrenOf(run, store(run));
/** The one resource of `type` under the store that `which` picks (all of that type when absent). */
const child = (run: ProgramRun, type: string, which: (r: RegisteredResource) => boolean = () => true) => {
  const found = under(run).filter((r) => r.type === type && which(r));
  if (found.length !== 1) throw new Error(`expected one ${type} under the store, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  return found[0];
};
const dependsOnResource = (r: RegisteredResource, on: RegisteredResource) =>
  [...r.dependencies, ...r.options.dependsOn].some((d) => d.type === on.type && d.name === on.name);

interface Statement { Sid?: string; Effect: string; Principal?: { Service?: string }; Action: string | string[]; Resource?: string | string[]; Condition?: Record<string, Record<string, string>> }
interface PolicyDocument { Statement: Statement[] }
const actions = (s: Statement) => ([] as string[]).concat(s.Action);

interface DlmPolicyDetails {
  resourceTypes: string[];
  targetTags: Record<string, string>;
  parameters?: Record<string, boolean>;
  schedules: { name: string; createRule: { interval: number; intervalUnit: string; times: string }; retainRule: { interval: number; intervalUnit: string }; copyTags: boolean }[];
}
const dlmPolicy = (run: ProgramRun) => child(run, "aws:dlm/lifecyclePolicy:LifecyclePolicy");
/** The role under the store that `service` (and only it) may assume, and the inline policy of that role. */
const roleFor = (run: ProgramRun, service: string) => child(run, "aws:iam/role:Role", (r) => {
  const trust = json<PolicyDocument>(r.inputs.assumeRolePolicy).Statement;
  return trust.some((s) => s.Principal?.Service === service);
});
const inlinePolicyOf = (run: ProgramRun, role: RegisteredResource) => child(run, "aws:iam/rolePolicy:RolePolicy", (r) => dependsOnResource(r, role));
const dlmTargetTag = (run: ProgramRun) => (dlmPolicy(run).inputs.policyDetails as DlmPolicyDetails).targetTags[TAG];

/** A secret as a run records it: the wire form (apply), or SECRET_VALUE (preview). */
const isSecret = (v: unknown) => v === SECRET_VALUE || isSecretWire(v);
function secretsIn(value: unknown, path = "badger"): string[] {
  if (isSecret(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => secretsIn(v, `${path}.${i}`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => secretsIn(v, `${path}.${k}`));
  return [];
}

describe("the latency oracle", () => {
  it("is 12.5 ms warning and 25 ms critical: 2.5x Badger's 5 ms upper bound, critical twice the warning", () => {
    expect(LATENCY_P95).toEqual({ warning: 12.5, critical: 25 });
  });
});

describe.each(EXAMPLES)("embedded KV snapshots in $folder/$stack", (ex) => {
  const isProd = ex.profile === "prod";

  it(`snapshots the tagged ${"agents' data volumes"} daily at 03:00 UTC and keeps each ${RETENTION[ex.profile]} days${isProd ? ", protected" : ""}`, async () => {
    const run = await runOf(ex);
    const policy = dlmPolicy(run);
    const details = policy.inputs.policyDetails as DlmPolicyDetails;
    expect(policy.inputs.state).toBe("ENABLED");
    // EC2: the agent instances, boot volume excluded (a launch template's volume tags reach the root volume too);
    // Kubernetes: the volumes the CSI driver tagged.
    const ec2 = ex.folder === "badger";
    expect(details.resourceTypes).toEqual([ec2 ? "INSTANCE" : "VOLUME"]);
    expect(details.parameters).toEqual(ec2 ? { excludeBootVolume: true } : undefined);
    expect(Object.keys(details.targetTags)).toEqual([TAG]);
    expect(details.targetTags[TAG]).toMatch(new RegExp(`^sparki-${ex.stack}-[a-z-]+$`));
    expect(details.schedules).toHaveLength(1);
    expect(details.schedules[0]).toMatchObject({
      createRule: { interval: 24, intervalUnit: "HOURS", times: "03:00" },
      // By age: DLM stops managing the count-based snapshots of a deleted volume, and agents come and go.
      retainRule: { interval: RETENTION[ex.profile], intervalUnit: "DAYS" },
      copyTags: true,
    });
    expect(policy.options.protect).toBe(isProd);
    // CreateLifecyclePolicy: Description and schedule Name match [0-9A-Za-z _-]+.
    expect(policy.inputs.description).toMatch(/^[0-9A-Za-z _-]{1,500}$/);
    // A fixed name: DLM stops managing the snapshots of a renamed schedule.
    expect(details.schedules[0].name).toBe("kv-snapshots");
  });

  it("runs as a role only Data Lifecycle Manager can assume, allowed snapshot actions only, created before the policy", async () => {
    const run = await runOf(ex);
    const role = roleFor(run, "dlm.amazonaws.com");
    const trust = json<PolicyDocument>(role.inputs.assumeRolePolicy);
    expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "dlm.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const rolePolicy = inlinePolicyOf(run, role);
    const granted = json<PolicyDocument>(rolePolicy.inputs.policy).Statement.flatMap(actions);
    expect(granted.length).toBeGreaterThan(0);
    for (const action of granted) expect(action, action).toMatch(/^(ec2:(Create|Delete|Describe)[A-Za-z]+|kms:[A-Za-z]+)$/);
    expect(granted).toContain("ec2:CreateSnapshots");
    // DLM's prerequisites: the role uses the key of an encrypted source volume, here through EC2 only.
    const keyStatements = json<PolicyDocument>(rolePolicy.inputs.policy).Statement.filter((st) => actions(st).some((a) => a.startsWith("kms:")));
    expect(keyStatements.length).toBeGreaterThan(0);
    for (const st of keyStatements) expect(JSON.stringify(st)).toContain("ec2.");
    const policy = dlmPolicy(run);
    expect(dependsOnResource(policy, role)).toBe(true);
    expect(policy.options.dependsOn).toContainEqual({ type: rolePolicy.type, name: rolePolicy.name });
  });
});

describe.each(EC2_EXAMPLES)("embedded KV on EC2 agents in $folder/$stack", (ex) => {
  const c = configured(ex);

  it("is EC2-hosted badger in the stack file (what the cases below assume)", () => {
    expect([c.engine, c.hosting]).toEqual(["badger", "ec2"]);
  });

  it("registers the launch template, agent role, its config parameter, the launcher's key policy, snapshots and 8 alarms; nothing of Kubernetes", async () => {
    const run = await runOf(ex);
    expect(under(run).map((r) => r.type).sort()).toEqual([
      "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:dlm/lifecyclePolicy:LifecyclePolicy", "aws:ec2/launchTemplate:LaunchTemplate", "aws:iam/instanceProfile:InstanceProfile", "aws:iam/policy:Policy",
      "aws:iam/role:Role", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicy:RolePolicy", "aws:ssm/parameter:Parameter",
    ]);
    expect(run.resources.filter((r) => r.type.startsWith("kubernetes:") || r.type === "pulumi:providers:kubernetes")).toEqual([]);
  });

  it(`gives each agent one encrypted gp3 volume of ${c.volumeSizeGiB} GiB (live data x${HEADROOM[c.engine]}), ${c.iops} IOPS, ${c.throughput} MiB/s, under the stack key`, async () => {
    const run = await runOf(ex);
    const template = child(run, "aws:ec2/launchTemplate:LaunchTemplate");
    const keyArn = run.outputs.kmsKeyArn as string;
    expect(keyArn).toMatch(/^arn:aws:kms:eu-west-1:555555555555:key\//);
    expect(template.inputs.blockDeviceMappings).toEqual([{
      deviceName: "/dev/sdf",
      ebs: {
        volumeType: "gp3", volumeSize: c.volumeSizeGiB, iops: c.iops, throughput: c.throughput,
        encrypted: "true", kmsKeyId: keyArn, deleteOnTermination: "true",
      },
    }]);
    expect(dependsOnResource(template, one(run, "aws:kms/key:Key"))).toBe(true);
  });

  it("has a dashboard row: the fleet's p95 latency with the derived levels drawn in", async () => {
    const run = await runOf(ex);
    const body = json<{ widgets: { type: string; properties: { markdown?: string; metrics?: unknown[][]; annotations?: { horizontal: { value: number }[] } } }[] }>(
      one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.some((w) => w.properties.markdown?.includes(`Embedded ${c.engine} on the deployment agents`))).toBe(true);
    const latency = body.widgets.find((w) => JSON.stringify(w.properties.metrics ?? []).includes('"OperationLatency"'));
    expect(latency, "latency graph").toBeDefined();
    expect(JSON.stringify(latency!.properties.metrics)).toContain(`"${NAMESPACE}","OperationLatency","Engine","${c.engine}"`);
    expect(latency!.properties.annotations!.horizontal.map((h) => h.value)).toEqual([LATENCY_P95.warning, LATENCY_P95.critical]);
  });

  it("requires IMDSv2 and launches with the agent instance profile", async () => {
    const run = await runOf(ex);
    const template = child(run, "aws:ec2/launchTemplate:LaunchTemplate");
    expect(template.inputs.metadataOptions).toMatchObject({ httpEndpoint: "enabled", httpTokens: "required" });
    const profile = child(run, "aws:iam/instanceProfile:InstanceProfile");
    expect(dependsOnResource(template, profile)).toBe(true);
    expect(dependsOnResource(profile, roleFor(run, "ec2.amazonaws.com"))).toBe(true);
  });

  it("tags the agents with the tag the snapshot policy targets, and not the volumes (that tag would reach the root volume)", async () => {
    const run = await runOf(ex);
    const specs = child(run, "aws:ec2/launchTemplate:LaunchTemplate").inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
    const volume = specs.filter((s) => s.resourceType === "volume");
    const instance = specs.filter((s) => s.resourceType === "instance");
    expect(volume).toHaveLength(1);
    expect(instance).toHaveLength(1);
    expect(instance[0].tags[TAG]).toBe(dlmTargetTag(run));
    expect(volume[0].tags[TAG]).toBeUndefined();
    expect(volume[0].tags["sparki:kv-engine"]).toBe(c.engine);
  });

  it("lets the agents publish to the KV namespace and read their one parameter, nothing else; only EC2 assumes the role", async () => {
    const run = await runOf(ex);
    const role = roleFor(run, "ec2.amazonaws.com");
    expect(json<PolicyDocument>(role.inputs.assumeRolePolicy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    const rolePolicy = inlinePolicyOf(run, role);
    const parameter = child(run, "aws:ssm/parameter:Parameter");
    expect(dependsOnResource(rolePolicy, parameter)).toBe(true);
    const statements = json<PolicyDocument>(rolePolicy.inputs.policy).Statement;
    expect(statements.flatMap(actions).sort()).toEqual(["cloudwatch:PutMetricData", "ssm:GetParameter"]);
    for (const s of statements) expect(s.Effect).toBe("Allow");
    const publish = statements.find((s) => actions(s).includes("cloudwatch:PutMetricData"))!;
    expect(publish.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": NAMESPACE } });
    const read = statements.find((s) => actions(s).includes("ssm:GetParameter"))!;
    expect(typeof read.Resource).toBe("string");
    expect(read.Resource as string).toMatch(/^arn:aws:ssm:/);
    expect((read.Resource as string).endsWith(parameter.inputs.name as string)).toBe(true);
    expect(read.Condition).toBeUndefined();
  });

  it("stores the CloudWatch agent configuration for the data path in a Standard parameter (at most 4 KB)", async () => {
    const run = await runOf(ex);
    const parameter = child(run, "aws:ssm/parameter:Parameter");
    expect(parameter.inputs).toMatchObject({ type: "String", tier: "Standard" });
    expect(parameter.inputs.name).toMatch(new RegExp(`^/sparki/sparki-${ex.stack}-[a-z-]+/cloudwatch-agent$`));
    // insecureValue: the configuration is no secret, and `value` would be stored and shown as one.
    expect(parameter.inputs.value).toBeUndefined();
    const value = parameter.inputs.insecureValue;
    expect(typeof value).toBe("string");
    // PutParameter: a Standard parameter's value holds at most 4 KB.
    expect(Buffer.byteLength(value as string, "utf8")).toBeLessThanOrEqual(4096);
    expect(JSON.parse(value as string)).toEqual({
      agent: { metrics_collection_interval: 60, run_as_user: "cwagent" },
      metrics: {
        namespace: NAMESPACE,
        append_dimensions: { InstanceId: "${aws:InstanceId}" },
        metrics_collected: { disk: { resources: [c.dataPath], measurement: ["used_percent", "inodes_free"], drop_device: true } },
      },
    });
  });

  describe("alarms over the whole fleet", () => {
    const alarms = async () => under(await runOf(ex)).filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    const alarmOf = async (metric: string, severity: "warning" | "critical") => {
      const found = (await alarms()).filter((a) => {
        const tags = a.inputs.tags as Record<string, string>;
        return tags.Metric === metric && tags.Severity === severity;
      });
      expect(found, `${metric} ${severity}`).toHaveLength(1);
      return found[0];
    };

    // PATH is a Metrics Insights reserved word: identifiers are double-quoted. An alarm over several series needs
    // GROUP BY and ORDER BY (CloudWatch User Guide, "Create a CloudWatch alarm based on a Metrics Insights query").
    const pathFilter = `"path" = '${c.dataPath}'`;
    it.each([
      ["kvDiskUsedPercent", `SELECT MAX("disk_used_percent") FROM "${NAMESPACE}" WHERE ${pathFilter} GROUP BY "InstanceId" ORDER BY MAX() DESC`, DISK_USED, "GreaterThanThreshold"],
      ["kvInodesFree", `SELECT MIN("disk_inodes_free") FROM "${NAMESPACE}" WHERE ${pathFilter} GROUP BY "InstanceId" ORDER BY MIN() ASC`, INODES_FREE, "LessThanThreshold"],
      ["kvSpaceAmplificationPercent", `SELECT MAX("SpaceAmplificationPercent") FROM "${NAMESPACE}" WHERE "Engine" = '${c.engine}' GROUP BY "InstanceId" ORDER BY MAX() DESC`, SPACE_AMPLIFICATION, "GreaterThanThreshold"],
    ] as const)("%s: one Metrics Insights query per agent, levels from the platform thresholds", async (metric, query, levels, comparison) => {
      for (const severity of ["warning", "critical"] as const) {
        const alarm = await alarmOf(metric, severity);
        const queries = alarm.inputs.metricQueries as Record<string, unknown>[];
        expect(queries).toHaveLength(1);
        expect(queries[0]).toMatchObject({ expression: query, returnData: true });
        expect(queries[0].expression as string).toMatch(/^SELECT (MAX|MIN)\("\w+"\) FROM "[^"]+" WHERE .+ GROUP BY "InstanceId" ORDER BY (MAX\(\) DESC|MIN\(\) ASC)$/);
        expect(queries[0].metricStat).toBeUndefined();
        for (const field of ["namespace", "metricName", "dimensions", "statistic", "extendedStatistic", "period"]) {
          expect(alarm.inputs[field], `${metric} ${severity} ${field}`).toBeUndefined();
        }
        expect(alarm.inputs).toMatchObject({ threshold: levels[severity], comparisonOperator: comparison, treatMissingData: "notBreaching" });
        // Critical alarms page through their adapter's composite alarm and tell the warning topic (test/composite.test.ts).
        const topic = one(await runOf(ex), "aws:sns/topic:Topic", `sparki-${ex.stack}-alerts-warning`);
        expect(dependsOnResource(alarm, topic), `${metric} ${severity} reports to the warning topic`).toBe(true);
      }
    });

    it(`p95 operation latency of every agent: ${LATENCY_P95.warning} ms warning, ${LATENCY_P95.critical} ms critical (derived)`, async () => {
      for (const severity of ["warning", "critical"] as const) {
        const alarm = await alarmOf("kvOperationLatency", severity);
        expect(alarm.inputs).toMatchObject({
          namespace: NAMESPACE, metricName: "OperationLatency", dimensions: { Engine: c.engine }, extendedStatistic: "p95",
          threshold: LATENCY_P95[severity], comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching",
        });
        expect(alarm.inputs.statistic).toBeUndefined();
        // With a unit the alarm sees only data published in exactly that unit (PutMetricAlarm, Unit).
        expect(alarm.inputs.unit).toBeUndefined();
        expect(alarm.inputs.metricQueries).toBeUndefined();
        expect((alarm.inputs.tags as Record<string, string>).ThresholdSource).toBe("derived:badgerLatencyP95");
      }
    });

    it("are exactly the four signals at two severities", async () => {
      const pairs = (await alarms()).map((a) => {
        const tags = a.inputs.tags as Record<string, string>;
        return `${tags.Metric}/${tags.Severity}`;
      });
      expect(pairs.sort()).toEqual(["kvDiskUsedPercent", "kvInodesFree", "kvOperationLatency", "kvSpaceAmplificationPercent"]
        .flatMap((m) => [`${m}/critical`, `${m}/warning`]));
    });
  });
});

describe.each(K8S_EXAMPLES)("embedded KV on Kubernetes agents in $folder/$stack", (ex) => {
  const c = configured(ex);
  const isProd = ex.profile === "prod";
  const storageClass = async () => child(await runOf(ex), "kubernetes:storage.k8s.io/v1:StorageClass");
  const alertRules = async () => child(await runOf(ex), "kubernetes:monitoring.coreos.com/v1:PrometheusRule");

  it("is Kubernetes-hosted in the stack file, with a namespace (and in prod a context)", () => {
    expect(c.hosting).toBe("kubernetes");
    expect(c.namespace).toBe("sparki-agents");
    expect(c.context !== undefined).toBe(isProd);
  });

  it("registers a StorageClass, alert rules, the CSI driver's key policy and snapshots; no launch template, no CloudWatch alarms", async () => {
    const run = await runOf(ex);
    expect(under(run).map((r) => r.type).sort()).toEqual([
      "aws:dlm/lifecyclePolicy:LifecyclePolicy", "aws:iam/policy:Policy", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy",
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "kubernetes:storage.k8s.io/v1:StorageClass",
    ]);
    expect(ofType(run, "aws:ec2/launchTemplate:LaunchTemplate")).toEqual([]);
    expect(ofType(run, "aws:ssm/parameter:Parameter").filter((r) => r.name.includes("-kv-"))).toEqual([]);
    const kvAlarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => /^kv/.test((a.inputs.tags as Record<string, string>).Metric));
    expect(kvAlarms).toEqual([]);
  });

  it(`reaches the agents' cluster through its own provider${isProd ? ` for context ${c.context}` : ""}`, async () => {
    const run = await runOf(ex);
    // MinIO is off in these stacks: the one Kubernetes provider is the agents' cluster.
    const provider = one(run, "pulumi:providers:kubernetes");
    expect(provider.inputs).toEqual({ enableServerSideApply: "true", ...(c.context ? { context: c.context } : {}) });
    const objects = under(run).filter((x) => x.type.startsWith("kubernetes:"));
    expect(objects).toHaveLength(2);
    for (const r of objects) expect(r.provider, r.type).toContain(`$pulumi:providers:kubernetes::${provider.name}::`);
  });

  it(`provisions encrypted gp3 volumes under the stack key carrying the snapshot tag; ${isProd ? "Retain, protected" : "Delete"}`, async () => {
    const run = await runOf(ex);
    const sc = await storageClass();
    expect(sc.inputs).toMatchObject({
      apiVersion: "storage.k8s.io/v1", kind: "StorageClass", provisioner: "ebs.csi.aws.com",
      reclaimPolicy: isProd ? "Retain" : "Delete", volumeBindingMode: "WaitForFirstConsumer",
    });
    const parameters = sc.inputs.parameters as Record<string, string>;
    expect(parameters).toMatchObject({
      type: "gp3", encrypted: "true", kmsKeyId: run.outputs.kmsKeyArn as string, iops: String(c.iops), throughput: String(c.throughput),
    });
    expect(parameters.tagSpecification_1).toBe(`${TAG}=${dlmTargetTag(run)}`);
    expect(dlmTargetTag(run)).toMatch(new RegExp(`^sparki-${ex.stack}-[a-z-]+$`));
    expect(sc.options.protect).toBe(isProd);
  });

  it("alerts through a PrometheusRule in the agents' namespace, both severities per signal at the CloudWatch levels", async () => {
    const rule = await alertRules();
    expect(rule.inputs).toMatchObject({ apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { namespace: c.namespace } });
    // kube-prometheus-stack's Prometheus selects rule objects by `release: <its release>`: set only when the stack names it.
    const labels = (rule.inputs.metadata as { labels: Record<string, string> }).labels;
    expect(labels.release).toBe(isProd ? "kube-prometheus-stack" : undefined);
    const groups = (rule.inputs.spec as { groups: { rules: { alert: string; expr: string; labels: { severity: string } }[] }[] }).groups;
    expect(groups).toHaveLength(1);
    const rules = groups[0].rules;
    const levelOf = (alert: string) => {
      const found = rules.filter((r) => r.alert === alert);
      expect(found, alert).toHaveLength(1);
      const m = /([<>])\s*([\d.]+)$/.exec(found[0].expr);
      expect(m, found[0].expr).not.toBeNull();
      return { comparison: m![1], level: Number(m![2]), severity: found[0].labels.severity, expr: found[0].expr };
    };
    const expected = [
      ["KvDiskUsed", ">", DISK_USED],
      ["KvInodesFree", "<", INODES_FREE],
      ["KvSpaceAmplification", ">", SPACE_AMPLIFICATION],
      ["KvLatencyP95", ">", LATENCY_P95],
    ] as const;
    expect(rules.map((r) => r.alert).sort()).toEqual(expected.flatMap(([signal]) => [`${signal}Critical`, `${signal}Warning`]).sort());
    for (const [signal, comparison, levels] of expected) {
      for (const severity of ["warning", "critical"] as const) {
        const got = levelOf(`${signal}${severity === "warning" ? "Warning" : "Critical"}`);
        expect(got).toMatchObject({ comparison, level: levels[severity], severity });
        expect(got.expr).toContain(`namespace="${c.namespace}"`);
      }
    }
    expect(levelOf("KvDiskUsedWarning").expr).toContain('persistentvolumeclaim=~"kv-data-.*"');
    expect(levelOf("KvSpaceAmplificationWarning").expr).toContain(`engine="${c.engine}"`);
    expect(levelOf("KvLatencyP95Warning").expr).toContain("histogram_quantile(0.95,");
  });
});

describe.each(EXAMPLES)("the badger stack output of $folder/$stack", (ex) => {
  const c = configured(ex);
  const PATH_FIELD: Record<Engine, string> = { badger: "Database", leveldb: "Path", pebble: "Path" };
  // What the Fiber adapters need passed (gofiber/storage badger, pebble): Badger's GC tick, its fixed discard
  // ratio and a 256 MiB value log; Pebble's synced writes.
  const MAINTENANCE: Record<Engine, Record<string, unknown>> = {
    badger: { GCInterval: "10s", discardRatio: 0.7, "BadgerOptions.ValueLogFileSize": 256 * 1024 * 1024 },
    leveldb: { CompactionTableSize: 8, CompactionL0Trigger: 4, GCInterval: "10m" },
    pebble: { WriteOptions: "pebble.Sync", compaction: "Pebble defaults" },
  };
  const output = async () => (await runOf(ex)).outputs.badger as Record<string, unknown>;

  it(`names storage/${c.engine}, its ${PATH_FIELD[c.engine]} field, the data path and the volume size`, async () => {
    expect(await output()).toMatchObject({
      fiberPackages: [`storage/${c.engine}`], engine: c.engine, hosting: c.hosting, pathField: PATH_FIELD[c.engine],
      dataPath: c.dataPath, volumeSizeGiB: c.volumeSizeGiB,
    });
  });

  it("lists the engine's maintenance settings, each with its reason", async () => {
    const maintenance = (await output()).maintenance as { field: string; value: unknown; reason: string }[];
    expect(Object.fromEntries(maintenance.map((m) => [m.field, m.value]))).toEqual(MAINTENANCE[c.engine]);
    for (const m of maintenance) expect(m.reason.length, m.field).toBeGreaterThan(20);
  });

  it(c.hosting === "ec2" ? "tells the fleet its launch template, device and parameter; no Kubernetes part" : "gives the claim template for the agents' StatefulSet; no EC2 part", async () => {
    const run = await runOf(ex);
    const out = await output();
    expect(out.snapshotPolicyId).toEqual(expect.any(String));
    if (c.hosting === "ec2") {
      expect(out.kubernetes).toBeUndefined();
      expect(out.ec2).toMatchObject({
        deviceName: "/dev/sdf", launchTemplateId: expect.any(String) as unknown,
        cloudWatchAgentParameter: child(run, "aws:ssm/parameter:Parameter").inputs.name,
      });
    } else {
      expect(out.ec2).toBeUndefined();
      const k8s = out.kubernetes as { storageClassName: string; volumeClaimTemplate: unknown };
      const className = (child(run, "kubernetes:storage.k8s.io/v1:StorageClass").inputs.metadata as { name: string }).name;
      expect(k8s.storageClassName).toBe(className);
      expect(k8s.volumeClaimTemplate).toEqual({
        metadata: { name: "kv-data" },
        spec: { accessModes: ["ReadWriteOnce"], storageClassName: className, resources: { requests: { storage: `${c.volumeSizeGiB}Gi` } } },
      });
    }
  });

  it("holds no secret value", async () => {
    // Apply runs resolve secret outputs to their plain value; a preview run shows each as "(secret)", as the plan does.
    const preview = await capturedRun({ stack: ex.stack, stackDir: dirOf(ex) }, true);
    expect(preview.outputs.badger).toBeDefined();
    expect(secretsIn(preview.outputs.badger)).toEqual([]);
    expect(secretsIn(await output())).toEqual([]);
  });
});

describe.each(STACKS)("the %s root stack", (stack) => {
  it("leaves the embedded KV store off: no store, no snapshot policy, launch template or alert rules, no badger output", async () => {
    const run = await stackRun(stack);
    expect(ofType(run, STORE_TYPE)).toEqual([]);
    for (const type of ["aws:dlm/lifecyclePolicy:LifecyclePolicy", "aws:ec2/launchTemplate:LaunchTemplate", "kubernetes:monitoring.coreos.com/v1:PrometheusRule"]) {
      expect(ofType(run, type), type).toEqual([]);
    }
    expect(run.resources.filter((r) => r.name.includes("-kv-") || r.name.endsWith("-kv"))).toEqual([]);
    expect(ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => /^kv/.test((a.inputs.tags as Record<string, string>).Metric))).toEqual([]);
    expect(run.outputs).not.toHaveProperty("badger");
  });
});
