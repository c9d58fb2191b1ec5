import { describe, expect, it } from "vitest";
import { ebsKmsStorageClass } from "../components/kubernetes/ebs-encryption";
import { launchTemplateEbsEncryption, launchTemplateImdsv2 } from "../policy/ec2";
import {
  dlmSchedule, launchTemplateGp3, METRICS_INSIGHTS_FUNCTIONS, metricsInsightsAlarmQuery, ssmParameterLimits,
} from "../policy/engine-rules";
import { ebsStorageClassEncrypted } from "../policy/kubernetes";
import { dlmSnapshotRetention, SNAPSHOT_PARAMETER_POLICIES, ssmNoPlaintextSecrets } from "../policy/snapshots-parameters";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import {
  insightsAlarm, KEY_ARN, KV_DISK_QUERY, kvAgentParameter, kvLaunchTemplate, kvSchedule, kvSnapshotPolicy, kvStorageClass, kvVolume, T,
} from "./policy-fixtures";
import { checkResource, UNKNOWN } from "./policy-harness";

/**
 * The policies and engine rules for what the embedded KV adapter registers (components/embedded-kv): launch
 * templates, DLM snapshot policies, SSM parameters, EBS StorageClasses and Metrics Insights alarms. Each has a
 * compliant resource (as the component registers it) and counterexamples with the exact message they produce.
 */

const device = (ebs: Record<string, unknown>) => ({ blockDeviceMappings: [kvVolume(ebs)] });
const schedules = (...list: Record<string, unknown>[]) => ({ policyDetails: { ...kvSnapshotPolicy().policyDetails as object, schedules: list } });
const SCHEDULE = "schedule \"kv-snapshots\"";
const bigValue = (bytes: number) => JSON.stringify({ include: "x".repeat(bytes - 14) });

const CASES: ResourceCase[] = [
  {
    policy: launchTemplateImdsv2, type: T.launchTemplate, pass: kvLaunchTemplate(),
    failures: [
      [{ metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" } },
        "metadataOptions.httpTokens is \"optional\": instances launched from the template would answer IMDSv1 requests, so a server-side request forgery could read the instance role's credentials. Set it to \"required\"."],
      [{ metadataOptions: undefined },
        "metadataOptions.httpTokens is not set: instances launched from the template would answer IMDSv1 requests, so a server-side request forgery could read the instance role's credentials. Set it to \"required\"."],
    ],
  },
  {
    policy: launchTemplateEbsEncryption, type: T.launchTemplate, pass: kvLaunchTemplate(),
    failures: [
      [device({ encrypted: "false" }), "/dev/sdf: ebs.encrypted is \"false\": the volume would be created unencrypted unless the account encrypts by default. Set it to \"true\"."],
      [device({ encrypted: undefined }), "/dev/sdf: ebs.encrypted is not set: the volume would be created unencrypted unless the account encrypts by default. Set it to \"true\"."],
      [device({ kmsKeyId: undefined }), "/dev/sdf: ebs.kmsKeyId is not set: the volume would use the AWS-managed aws/ebs key instead of the environment's customer key."],
      [device({ kmsKeyId: "alias/aws/ebs" }), "/dev/sdf: ebs.kmsKeyId is the AWS-managed alias/aws/ebs: use the environment's customer key."],
    ],
  },
  {
    policy: dlmSnapshotRetention, type: T.lifecyclePolicy, pass: kvSnapshotPolicy(),
    failures: [
      [{ state: "DISABLED" }, "state is DISABLED: the policy takes no snapshots, and the volumes it targets have no backup. Set it to ENABLED."],
      [schedules({ ...kvSchedule(), retainRule: { count: 3 } }),
        `${SCHEDULE} keeps 3 snapshot(s) per volume: at least 7 are required to restore from before a corruption that went unnoticed for days.`],
      [schedules(kvSchedule(5)), `${SCHEDULE} keeps snapshots for 5 days: at least 7 days are required.`],
    ],
  },
  {
    policy: ssmNoPlaintextSecrets, type: T.parameter, pass: kvAgentParameter(),
    failures: [
      [{ name: "/sparki/agents/db-password" },
        "name /sparki/agents/db-password (db-password) looks like a secret: a String parameter is stored unencrypted and shown to anyone who may read it. Use Secrets Manager or a SecureString."],
      [{ value: JSON.stringify({ endpoint: "https://kv.internal", apiToken: "abc" }) },
        "value has a key apiToken: a String parameter would hold that credential unencrypted. Move it to Secrets Manager or a SecureString."],
      [{ insecureValue: "user=agent\npassword=hunter2" },
        "insecureValue has a key password: a String parameter would hold that credential unencrypted. Move it to Secrets Manager or a SecureString."],
    ],
  },
  {
    policy: ebsStorageClassEncrypted, type: T.storageClass, pass: kvStorageClass(),
    failures: [
      [{ parameters: { type: "gp3", kmsKeyId: KEY_ARN } },
        "parameters.encrypted is not set: the driver would create unencrypted volumes unless the account encrypts by default. Set it to \"true\"."],
      [{ parameters: { type: "gp3", encrypted: "false", kmsKeyId: KEY_ARN } },
        "parameters.encrypted is \"false\": the driver would create unencrypted volumes unless the account encrypts by default. Set it to \"true\"."],
      [{ parameters: { type: "gp3", encrypted: "true" } },
        "parameters.kmsKeyId is not set: volumes would use the AWS-managed aws/ebs key instead of the environment's customer key."],
      [{ parameters: { type: "gp3", encrypted: "true", kmsKeyId: "alias/aws/ebs" } }, "parameters.kmsKeyId is the AWS-managed alias/aws/ebs: use the environment's customer key."],
    ],
  },
  {
    policy: metricsInsightsAlarmQuery, type: T.alarm, pass: insightsAlarm(),
    failures: [
      [{ metricQueries: insightsAlarm({ expression: KV_DISK_QUERY.replace("MAX(", "p95(") }).metricQueries },
        "query fleet: SELECT p95: Metrics Insights aggregates only with AVG, COUNT, MAX, MIN, SUM (no percentiles), so the alarm is refused."],
      [{ metricQueries: insightsAlarm({ expression: KV_DISK_QUERY.replace("\"Sparki/EmbeddedKV\"", "Sparki/EmbeddedKV") }).metricQueries },
        "query fleet: namespace Sparki/EmbeddedKV has characters other than letters, digits and '_' and must be double-quoted (FROM \"Sparki/EmbeddedKV\")."],
      // Create_Metrics_Insights_Alarm: several series (GROUP BY) need ORDER BY too.
      [{ metricQueries: insightsAlarm({ expression: KV_DISK_QUERY.replace(/ ORDER BY .*$/, "") }).metricQueries },
        "query fleet: GROUP BY without ORDER BY: an alarm on a Metrics Insights query over several time series needs both."],
      // Reserved keywords: PATH as a label key must be double-quoted.
      [{ metricQueries: insightsAlarm({ expression: KV_DISK_QUERY.replace("\"path\"", "path") }).metricQueries },
        "query fleet: label key path is a Metrics Insights reserved keyword and must be double-quoted (\"path\")."],
      [{ evaluationPeriods: 37 },
        "query fleet: period 300 s x evaluationPeriods 37 = 11100 s, beyond the 3 hours (10800 s) of data a Metrics Insights alarm evaluates."],
    ],
  },
  {
    policy: dlmSchedule, type: T.lifecyclePolicy, pass: kvSnapshotPolicy(),
    failures: [
      [{ description: "Snapshots of the KV volumes tagged sparki:kv (prod)" },
        "description \"Snapshots of the KV volumes tagged sparki:kv (prod)\": DLM takes only letters, digits, spaces, '_' and '-' (at most 500 characters)."],
      [{ description: "x".repeat(501) }, `description "${"x".repeat(501)}": DLM takes only letters, digits, spaces, '_' and '-' (at most 500 characters).`],
      [schedules(kvSchedule(14, {}, { name: "every 24h: keep 14" })),
        "schedule \"every 24h: keep 14\": the name takes only letters, digits, spaces, '_' and '-' (at most 120 characters)."],
      [schedules(kvSchedule(14, { interval: 5 })), `${SCHEDULE}: createRule interval 5: DLM takes 1, 2, 3, 4, 6, 8, 12, 24 (hours).`],
      [schedules(kvSchedule(14, { intervalUnit: "DAYS" })), `${SCHEDULE}: createRule intervalUnit DAYS: DLM takes HOURS only.`],
      [schedules(kvSchedule(14, { times: undefined })), `${SCHEDULE}: createRule sets interval but no times: DLM needs the UTC start (hh:mm) with an interval.`],
      [schedules(kvSchedule(14, { times: "3:00am" })), `${SCHEDULE}: createRule times "3:00am" is not a UTC time hh:mm.`],
      [schedules(kvSchedule(14, { cronExpression: "cron(0 3 * * ? *)" })), `${SCHEDULE}: createRule sets cronExpression and interval/times: DLM takes one or the other.`],
      [schedules(kvSchedule(14, { interval: undefined, intervalUnit: undefined, times: undefined })),
        `${SCHEDULE}: createRule sets neither cronExpression nor interval: DLM needs one of them.`],
      [schedules({ ...kvSchedule(), retainRule: { count: 0 } }), `${SCHEDULE}: retainRule count 0: DLM keeps 1 to 1000 snapshots per volume (0 only with an archive rule).`],
      [schedules({ ...kvSchedule(), retainRule: { count: 1001 } }), `${SCHEDULE}: retainRule count 1001: DLM keeps 1 to 1000 snapshots per volume (0 only with an archive rule).`],
      // API_RetainRule: by age at most 100 years, in DAYS, WEEKS, MONTHS or YEARS.
      [schedules({ ...kvSchedule(), retainRule: { interval: 36_501, intervalUnit: "DAYS" } }), `${SCHEDULE}: retainRule interval 36501 DAYS: DLM keeps snapshots 1 to 36500 days (100 years).`],
      [schedules({ ...kvSchedule(), retainRule: { interval: 0, intervalUnit: "DAYS" } }), `${SCHEDULE}: retainRule interval 0 DAYS: DLM keeps snapshots 1 to 36500 days (100 years).`],
      [schedules({ ...kvSchedule(), retainRule: { interval: 2, intervalUnit: "HOURS" } }), `${SCHEDULE}: retainRule intervalUnit HOURS: DLM takes DAYS, WEEKS, MONTHS or YEARS.`],
      // API_Parameters: ExcludeBootVolume only where a snapshot policy targets instances, NoReboot only in AMI policies.
      [{ policyDetails: { ...(kvSnapshotPolicy().policyDetails as object), resourceTypes: ["VOLUME"] } },
        "parameters.excludeBootVolume/excludeDataVolumeTags: DLM takes them only in snapshot policies that target INSTANCE."],
      [{ policyDetails: { ...(kvSnapshotPolicy().policyDetails as object), parameters: { excludeBootVolume: true, noReboot: true } } },
        "parameters.noReboot: DLM takes it only in AMI policies (IMAGE_MANAGEMENT), not EBS_SNAPSHOT_MANAGEMENT."],
    ],
  },
  {
    policy: launchTemplateGp3, type: T.launchTemplate, pass: kvLaunchTemplate(),
    failures: [
      [device({ iops: 2000 }), "/dev/sdf: gp3 iops 2000: EC2 takes 3,000 to 80,000."],
      [device({ iops: 90_000 }), "/dev/sdf: gp3 iops 90000: EC2 takes 3,000 to 80,000."],
      [device({ throughput: 100 }), "/dev/sdf: gp3 throughput 100 MiB/s: EC2 takes 125 to 2,000."],
      [device({ iops: 9000, throughput: 2500 }), "/dev/sdf: gp3 throughput 2500 MiB/s: EC2 takes 125 to 2,000."],
      [device({ throughput: 1600 }), "/dev/sdf: gp3 throughput 1600 MiB/s exceeds 0.25 MiB/s per provisioned IOPS (at most 1500 with 6000 IOPS)."],
      [device({ throughput: 1000, iops: undefined }), "/dev/sdf: gp3 throughput 1000 MiB/s exceeds 0.25 MiB/s per provisioned IOPS (at most 750 with 3000 IOPS)."],
      [device({ volumeSize: 10 }), "/dev/sdf: gp3 iops 6000 exceed 500 IOPS per GiB on 10 GiB (at most 5000)."],
      [device({ volumeSize: 70_000 }), "/dev/sdf: gp3 volumeSize 70000 GiB: EC2 takes 1 to 65,536."],
    ],
  },
  {
    policy: ssmParameterLimits, type: T.parameter, pass: kvAgentParameter(),
    failures: [
      [{ name: "/aws/sparki/cloudwatch-agent" },
        "name /aws/sparki/cloudwatch-agent starts with \"aws\" or \"ssm\" (case-insensitive, after any leading '/'): Parameter Store reserves those prefixes."],
      [{ name: "SSM-agent-config" },
        "name SSM-agent-config starts with \"aws\" or \"ssm\" (case-insensitive, after any leading '/'): Parameter Store reserves those prefixes."],
      [{ value: bigValue(4097) }, "value is 4097 bytes: a Standard-tier parameter holds at most 4 KB (4096 bytes). Use tier Advanced (8 KB) or split the value."],
      [{ value: "é".repeat(2049) }, "value is 4098 bytes: a Standard-tier parameter holds at most 4 KB (4096 bytes). Use tier Advanced (8 KB) or split the value."],
      [{ value: "{\"endpoint\": \"{{ssm:/sparki/endpoint}}\"}" },
        "value contains a {{...}} reference: Parameter Store refuses values that reference or nest other parameters."],
    ],
  },
];

describeResourceCases(CASES, T.bucket);

describe("ec2-181-launch-template-ebs-encryption", () => {
  it("leaves volumes from snapshots (they inherit the snapshot's encryption) and instance-store mappings alone", async () => {
    const props = { ...kvLaunchTemplate(), blockDeviceMappings: [{ deviceName: "/dev/sdg", ebs: { snapshotId: "snap-0123456789abcdef0" } }, { deviceName: "/dev/sdh", virtualName: "ephemeral0" }] };
    expect(await checkResource(launchTemplateEbsEncryption, { type: T.launchTemplate, props })).toMatchObject({ violations: [] });
  });

  it("names a mapping without a device name by its position", async () => {
    const props = { ...kvLaunchTemplate(), blockDeviceMappings: [kvVolume(), { ebs: { volumeType: "gp3", encrypted: "true" } }] };
    expect((await checkResource(launchTemplateEbsEncryption, { type: T.launchTemplate, props })).violations).toEqual([
      "block device 1: ebs.kmsKeyId is not set: the volume would use the AWS-managed aws/ebs key instead of the environment's customer key.",
    ]);
  });
});

describe("dlm-snapshot-retention", () => {
  it("takes the least count from the stack's policy config (dev 1, prod 7)", async () => {
    const dev = kvSnapshotPolicy([kvSchedule(3)]);
    expect(await checkResource(dlmSnapshotRetention, { type: T.lifecyclePolicy, props: dev }, { minimumCount: 1 })).toMatchObject({ violations: [] });
    expect((await checkResource(dlmSnapshotRetention, { type: T.lifecyclePolicy, props: dev }, { minimumCount: 7 })).violations).toHaveLength(1);
  });

  it("accepts a policy whose state is left to the provider (ENABLED) and age-based retention of a week", async () => {
    const props = { ...kvSnapshotPolicy([{ ...kvSchedule(), retainRule: { interval: 1, intervalUnit: "WEEKS" } }]), state: undefined };
    expect(await checkResource(dlmSnapshotRetention, { type: T.lifecyclePolicy, props })).toMatchObject({ violations: [] });
  });
});

describe("ssm-no-plaintext-secrets", () => {
  it("is not applicable to SecureString parameters, and proves nothing while the type is unknown", async () => {
    const secret = { ...kvAgentParameter(), name: "/sparki/agents/db-password", type: "SecureString", keyId: KEY_ARN };
    expect((await checkResource(ssmNoPlaintextSecrets, { type: T.parameter, props: secret })).notApplicable).toBe("SecureString parameters are encrypted with KMS");
    expect(await checkResource(ssmNoPlaintextSecrets, { type: T.parameter, props: { ...secret, type: UNKNOWN } })).toMatchObject({ violations: [] });
  });

  it("does not take configuration about a credential for the credential (a token bucket's rate, a secret's ARN)", async () => {
    const props = {
      ...kvAgentParameter(), name: "/sparki/token-bucket/rate",
      value: JSON.stringify({ rateLimit: { tokensPerSecond: 10 }, secretArn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:kv", tokenUrl: "https://sts.internal" }),
    };
    expect(await checkResource(ssmNoPlaintextSecrets, { type: T.parameter, props })).toMatchObject({ violations: [] });
  });
});

describe("k8s-ebs-storage-class-encrypted", () => {
  it("passes MinIO's EBS class (components/minio ebsKmsStorageClass), which it covers too", async () => {
    const props = ebsKmsStorageClass({ name: "sparki-minio-ebs-kms", labels: {}, kmsKeyArn: KEY_ARN, retainVolumes: true, fsType: "xfs" });
    expect(await checkResource(ebsStorageClassEncrypted, { type: T.storageClass, props: props as unknown as Record<string, unknown> })).toMatchObject({ violations: [] });
  });

  it("checks the in-tree EBS plugin too, and is not applicable to classes that create no EBS volume", async () => {
    const inTree = kvStorageClass({ encrypted: undefined });
    expect((await checkResource(ebsStorageClassEncrypted, { type: T.storageClass, props: { ...inTree, provisioner: "kubernetes.io/aws-ebs" } })).violations).toHaveLength(1);
    const local = await checkResource(ebsStorageClassEncrypted, { type: T.storageClass, props: { ...kvStorageClass(), provisioner: "rancher.io/local-path", parameters: {} } });
    expect(local.notApplicable).toBe("provisioner rancher.io/local-path does not create EBS volumes");
    expect(await checkResource(ebsStorageClassEncrypted, { type: T.storageClass, props: { ...kvStorageClass({ encrypted: undefined }), provisioner: UNKNOWN } })).toMatchObject({ violations: [] });
  });
});

describe("engine-metrics-insights-alarm", () => {
  it("accepts every documented function in any case, SCHEMA(...), and the critical alarm's 5 x 1 minute", async () => {
    for (const fn of [...METRICS_INSIGHTS_FUNCTIONS, "max", "Avg"]) {
      const props = insightsAlarm({ expression: KV_DISK_QUERY.replace("MAX", fn) });
      expect(await checkResource(metricsInsightsAlarmQuery, { type: T.alarm, props }), fn).toMatchObject({ violations: [] });
    }
    const schema = insightsAlarm({ expression: "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\", InstanceId) GROUP BY InstanceId ORDER BY AVG() DESC", period: 60 }, { evaluationPeriods: 5 });
    expect(await checkResource(metricsInsightsAlarmQuery, { type: T.alarm, props: schema })).toMatchObject({ violations: [] });
    const underscore = insightsAlarm({ expression: "SELECT SUM(Errors) FROM Sparki_Agents" });
    expect(await checkResource(metricsInsightsAlarmQuery, { type: T.alarm, props: underscore })).toMatchObject({ violations: [] });
  });

  it("takes the alarm's period when the query has none, exactly 3 hours included, and ignores plain metrics and metric math", async () => {
    const threeHours = insightsAlarm({ period: undefined }, { period: 600, evaluationPeriods: 18 });
    expect(await checkResource(metricsInsightsAlarmQuery, { type: T.alarm, props: threeHours })).toMatchObject({ violations: [] });
    expect((await checkResource(metricsInsightsAlarmQuery, { type: T.alarm, props: { ...threeHours, evaluationPeriods: 19 } })).violations).toHaveLength(1);
    const plain = { namespace: "Sparki/EmbeddedKV", metricName: "OperationLatency", extendedStatistic: "p95", period: 3600, evaluationPeriods: 24 };
    expect(await checkResource(metricsInsightsAlarmQuery, { type: T.alarm, props: plain })).toMatchObject({ violations: [], notApplicable: "no Metrics Insights query" });
    const math = insightsAlarm({ expression: "100 * errors / requests" }, { evaluationPeriods: 100 });
    expect(await checkResource(metricsInsightsAlarmQuery, { type: T.alarm, props: math })).toMatchObject({ violations: [], notApplicable: "no Metrics Insights query" });
  });
});

describe("engine-dlm-schedule", () => {
  it("accepts every documented interval, a cron schedule alone, and a count of 0 with an archive rule", async () => {
    for (const interval of [1, 2, 3, 4, 6, 8, 12, 24]) {
      const props = kvSnapshotPolicy([kvSchedule(14, { interval })]);
      expect(await checkResource(dlmSchedule, { type: T.lifecyclePolicy, props }), String(interval)).toMatchObject({ violations: [] });
    }
    const cron = kvSnapshotPolicy([kvSchedule(14, { interval: undefined, intervalUnit: undefined, times: undefined, cronExpression: "cron(0 3 * * ? *)" })]);
    expect(await checkResource(dlmSchedule, { type: T.lifecyclePolicy, props: cron })).toMatchObject({ violations: [] });
    const archived = kvSnapshotPolicy([{ ...kvSchedule(), retainRule: { count: 0 }, archiveRule: { archiveRetainRule: { retentionArchiveTier: { count: 3 } } } }]);
    expect(await checkResource(dlmSchedule, { type: T.lifecyclePolicy, props: archived })).toMatchObject({ violations: [] });
  });

  it("accepts what components/embedded-kv writes for every interval and retention it allows", async () => {
    for (const [interval, count] of [[1, 1], [24, 1000]]) {
      const props = kvSnapshotPolicy([{ ...kvSchedule(count, { interval }), name: `every ${interval} hours keep ${count}` }]);
      expect(await checkResource(dlmSchedule, { type: T.lifecyclePolicy, props })).toMatchObject({ violations: [] });
    }
  });
});

describe("engine-launch-template-gp3", () => {
  it("accepts the documented edges: the 3,000 IOPS baseline on 1 GiB, 80,000 IOPS on 160 GiB, 2,000 MiB/s at 8,000 IOPS", async () => {
    for (const ebs of [
      { volumeSize: 1, iops: undefined, throughput: undefined }, { volumeSize: 1, iops: 3000, throughput: 750 },
      { volumeSize: 160, iops: 80_000, throughput: 2000 }, { volumeSize: 16, iops: 8000, throughput: 2000 }, { volumeSize: 65_536 },
    ]) {
      expect(await checkResource(launchTemplateGp3, { type: T.launchTemplate, props: { ...kvLaunchTemplate(), ...device(ebs) } }), JSON.stringify(ebs)).toMatchObject({ violations: [] });
    }
  });

  it("checks gp3 volumes only", async () => {
    const props = { ...kvLaunchTemplate(), ...device({ volumeType: "io2", iops: 100_000, throughput: undefined }) };
    expect(await checkResource(launchTemplateGp3, { type: T.launchTemplate, props })).toMatchObject({ violations: [] });
  });
});

describe("engine-ssm-parameter", () => {
  it("checks the name Pulumi derives from the logical name when none is given, and allows 8 KB in the Advanced tier", async () => {
    const unnamed = { ...kvAgentParameter(), name: undefined };
    expect((await checkResource(ssmParameterLimits, { type: T.parameter, name: "aws-agent-config", props: unnamed })).violations).toEqual([
      "name aws-agent-config starts with \"aws\" or \"ssm\" (case-insensitive, after any leading '/'): Parameter Store reserves those prefixes.",
    ]);
    expect(await checkResource(ssmParameterLimits, { type: T.parameter, name: "sparki-agent-config", props: unnamed })).toMatchObject({ violations: [] });
    const advanced = { ...kvAgentParameter(), tier: "Advanced", value: bigValue(8000) };
    expect(await checkResource(ssmParameterLimits, { type: T.parameter, props: advanced })).toMatchObject({ violations: [] });
    expect((await checkResource(ssmParameterLimits, { type: T.parameter, props: { ...advanced, tier: undefined } })).violations).toHaveLength(1);
  });

  it("accepts exactly 4,096 bytes, names merely containing aws or ssm, and the CloudWatch agent's ${aws:InstanceId}", async () => {
    for (const change of [{ value: bigValue(4096) }, { name: "/sparki/awscli/ssm-agent" }]) {
      expect(await checkResource(ssmParameterLimits, { type: T.parameter, props: { ...kvAgentParameter(), ...change } })).toMatchObject({ violations: [] });
    }
    expect(bigValue(4096)).toHaveLength(4096);
  });
});

it("every policy for the embedded KV adapter's resources has cases here", () => {
  const tested = new Set(CASES.map((c) => c.policy.name));
  expect([launchTemplateImdsv2, launchTemplateEbsEncryption, ebsStorageClassEncrypted, metricsInsightsAlarmQuery, dlmSchedule, launchTemplateGp3, ssmParameterLimits,
    ...SNAPSHOT_PARAMETER_POLICIES].map((p) => p.name).filter((n) => !tested.has(n))).toEqual([]);
});
