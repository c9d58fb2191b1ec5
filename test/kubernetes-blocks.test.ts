import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { describe, expect, it } from "vitest";
import { platformThreshold } from "../components/alerting";
import {
  AWS_CLI_IMAGE, backupMissedRules, cronIntervalHours, cronProblem, disruptionBudget, imageProblems, imageReference, ingressPolicy, ingressPolicyProblems,
  type IngressPolicyInput, irsaTrustPolicy, MAX_BACKUP_COMPONENT_NAME, MAX_CRONJOB_NAME_LENGTH, oidcIssuer, volumeUsedRules,
  prometheusRule, quorumTolerance, resolveWorkloadArgs, S3Backup, type S3BackupArgs, s3BackupProblems, severityRules, uploadPolicy, uploadScript,
} from "../components/kubernetes";
import { containerResources } from "../components/kubernetes/resources";
import { restrictedViolations } from "../policy/kubernetes";
import { runProgram } from "../scripts/offline/run-program";
import { childrenOf, one } from "./harness";

/** `validate()` lives on the models' base class, whose typings `moduleResolution: node` cannot resolve. */
const validate = (model: unknown) => (model as { validate(): void }).validate();

const OIDC = "arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
const KEY = "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const target = { bucketName: "sparki-prod-config-backups", bucketArn: "arn:aws:s3:::sparki-prod-config-backups", prefix: "kubernetes/etcd/", kmsKeyArn: KEY, region: "eu-west-1" };
const backupArgs = (overrides: Partial<S3BackupArgs> = {}): S3BackupArgs => ({
  namespace: "sparki-prod-etcd", name: "etcd-backup", labels: { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/component": "backup" },
  schedule: "17 3 * * *", intervalSeconds: 86_400, target, oidcProviderArn: OIDC,
  dump: { image: "quay.io/coreos/etcd:v3.6.6@sha256:" + "0".repeat(64), command: ["etcdctl", "snapshot", "save", "/backup/etcd.db"] },
  runAs: { user: 1000, group: 1000 },
  ...overrides,
});

describe("images", () => {
  it("references tag and digest, the digest deciding", () => {
    expect(imageReference(AWS_CLI_IMAGE)).toBe(`public.ecr.aws/aws-cli/aws-cli:2.27.41@${AWS_CLI_IMAGE.digest}`);
    expect(imageProblems(AWS_CLI_IMAGE)).toEqual([]);
  });

  it.each(["bitnami/etcd", "bitnamilegacy/etcd"])("refuses the Bitnami catalogue (%s)", (repository) => {
    expect(imageProblems({ ...AWS_CLI_IMAGE, registry: "docker.io", repository })).toEqual([
      expect.stringMatching(new RegExp(`^repository "${repository}" is from the Bitnami catalogue`)),
    ]);
  });

  it("refuses a malformed digest", () => {
    expect(imageProblems({ ...AWS_CLI_IMAGE, digest: "sha256:abc" })).toEqual(['digest "sha256:abc" is not a valid image digest']);
  });
});

describe("network policy: default deny plus declared flows", () => {
  const policy = ingressPolicy({
    name: "etcd", namespace: "ns", labels: { a: "b" }, podSelector: { app: "etcd" },
    flows: [
      { from: [{ namespaceLabel: { key: "storage.sparki.io/etcd-client", value: "true" } }], ports: [2379] },
      { from: [{ namespaceName: "monitoring" }], ports: [2381] },
      { from: [{ podLabels: { app: "etcd" } }], ports: [2380] },
    ],
  });

  it("isolates the selected pods' ingress and admits only the declared flows", () => {
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: "etcd" } },
      policyTypes: ["Ingress"],
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { "storage.sparki.io/etcd-client": "true" } } }], ports: [{ protocol: "TCP", port: 2379 }] },
        // kubernetes.io/metadata.name is the label the API server sets on every namespace (immutable).
        { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ protocol: "TCP", port: 2381 }] },
        { from: [{ podSelector: { matchLabels: { app: "etcd" } } }], ports: [{ protocol: "TCP", port: 2380 }] },
      ],
    });
    expect(() => validate(new NetworkPolicy(policy as never))).not.toThrow();
  });
});

describe("declared flows name what they admit (an empty list in a NetworkPolicy rule admits all)", () => {
  const input = (flows: IngressPolicyInput["flows"], podSelector: Record<string, string> = { app: "etcd" }): IngressPolicyInput =>
    ({ name: "etcd", namespace: "ns", labels: {}, podSelector, flows });
  it.each<[string, IngressPolicyInput, string[]]>([
    ["no source", input([{ from: [], ports: [2379] }]), ["flow 0: from must name at least one source (an empty list admits every source)"]],
    ["no port", input([{ from: [{ namespaceName: "monitoring" }], ports: [] }]), ["flow 0: ports must name at least one port (an empty list admits every port)"]],
    ["an empty pod selector in a flow", input([{ from: [{ podLabels: {} }], ports: [2380] }]), ["flow 0: podLabels must not be empty (it selects every pod of the namespace)"]],
    ["a port out of range", input([{ from: [{ namespaceName: "monitoring" }], ports: [70_000] }]), ["flow 0: port 70000 must be an integer 1..65535"]],
    ["an empty policy selector", input([{ from: [{ namespaceName: "monitoring" }], ports: [2381] }], {}), ["podSelector must not be empty (it selects every pod of the namespace)"]],
  ])("refuses %s", (_name, policy, problems) => {
    expect(ingressPolicyProblems(policy)).toEqual(problems);
    expect(() => ingressPolicy(policy)).toThrow(`NetworkPolicy etcd: ${problems[0]}`);
  });
});

describe("shared rule builders", () => {
  it("pair the volume rule from k8sVolumeUsedPercent, warning first", () => {
    expect(volumeUsedRules("XVolumeUsed", 'namespace="ns"', "filling").map((r) => [r.alert, r.expr, r.labels.severity])).toEqual([
      ["XVolumeUsedWarning", '100 * kubelet_volume_stats_used_bytes{namespace="ns"} / kubelet_volume_stats_capacity_bytes{namespace="ns"} > 75', "warning"],
      ["XVolumeUsedCritical", '100 * kubelet_volume_stats_used_bytes{namespace="ns"} / kubelet_volume_stats_capacity_bytes{namespace="ns"} > 90', "critical"],
    ]);
  });

  it("count missed backups in schedule intervals: 2 runs warn, 3 page (k8sBackupMissedRuns)", () => {
    const rules = backupMissedRules("XBackupMissed", 'cronjob="x"', 3600, "missed");
    expect(rules.map((r) => [r.alert, r.labels.severity, r.expr.split(" > ")[1]])).toEqual([
      ["XBackupMissedWarning", "warning", "7200"], ["XBackupMissedCritical", "critical", "10800"],
    ]);
    expect(rules[0].expr).toBe('(time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{cronjob="x"} or kube_cronjob_created{cronjob="x"})) > 7200');
  });
});

describe("disruption budgets", () => {
  // Raft needs a majority: 3 members survive 1 loss, 5 survive 2 (etcd FAQ, "What is failure tolerance?").
  it.each([[1, 0], [2, 0], [3, 1], [4, 1], [5, 2], [7, 3]])("%i members tolerate %i down", (members, tolerated) => {
    expect(quorumTolerance(members)).toBe(tolerated);
  });

  it("is a valid PodDisruptionBudget", () => {
    const pdb = disruptionBudget({ name: "etcd", namespace: "ns", labels: {}, selector: { app: "etcd" }, maxUnavailable: 1 });
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: "etcd" } } });
    expect(() => validate(new PodDisruptionBudget(pdb as never))).not.toThrow();
  });
});

describe("alert rules", () => {
  it("pairs warning and critical from a matrix-module threshold, tagged with its source", () => {
    const t = platformThreshold("k8sVolumeUsedPercent");
    const rules = severityRules("VolumeUsed", (level) => `used > ${level}`, t, "volume filling");
    expect(rules.map((r) => [r.alert, r.expr, r.for, r.labels])).toEqual([
      ["VolumeUsedWarning", "used > 75", "15m", { severity: "warning", threshold_source: "platform:k8sVolumeUsedPercent" }],
      ["VolumeUsedCritical", "used > 90", "5m", { severity: "critical", threshold_source: "platform:k8sVolumeUsedPercent" }],
    ]);
    const rule = prometheusRule({ name: "etcd", namespace: "ns", labels: { a: "b" }, prometheusRelease: "kube-prometheus-stack", group: "etcd", rules });
    expect((rule.metadata as { labels: Record<string, string> }).labels).toEqual({ a: "b", release: "kube-prometheus-stack" });
    expect(() => validate(new PrometheusRule(rule as never))).not.toThrow();
  });

  it("a `for` the operator's schema refuses fails validation (the validator can fail)", () => {
    const rule = prometheusRule({ name: "x", namespace: "ns", labels: {}, group: "g", rules: [{ alert: "A", expr: "up == 0", for: "5 minutes", labels: {}, annotations: {} }] });
    expect(() => validate(new PrometheusRule(rule as never))).toThrow(/for must match pattern/);
  });
});

describe("backup to S3", () => {
  it("trusts only the CronJob's ServiceAccount, through STS", () => {
    expect(oidcIssuer(OIDC)).toBe("oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789");
    const trust = irsaTrustPolicy(OIDC, "sparki-prod-etcd", "etcd-backup") as { Statement: { Condition: { StringEquals: Record<string, string> } }[] };
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:sub": "system:serviceaccount:sparki-prod-etcd:etcd-backup",
      "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:aud": "sts.amazonaws.com",
    });
  });

  it("may write under its prefix only, never read or delete, and use the key only through S3", () => {
    const policy = uploadPolicy(target, KEY) as { Statement: { Action: string[]; Resource: string[]; Condition?: unknown }[] };
    expect(policy.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [["s3:PutObject", "s3:AbortMultipartUpload"], ["arn:aws:s3:::sparki-prod-config-backups/kubernetes/etcd/*"]],
      // Multipart uploads under SSE-KMS need kms:Decrypt as well as kms:GenerateDataKey (S3 User Guide, UsingKMSEncryption).
      [["kms:GenerateDataKey", "kms:Decrypt"], [KEY]],
    ]);
    expect(policy.Statement[1].Condition).toEqual({ StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } });
    expect(JSON.stringify(policy)).not.toMatch(/GetObject|DeleteObject|ListBucket|s3:\*/);
  });

  it("uploads with the stack key named (the bucket policy refuses any other key)", () => {
    const script = uploadScript(target, KEY);
    expect(script).toContain(`--sse aws:kms --sse-kms-key-id "${KEY}"`);
    expect(script).toContain('"s3://sparki-prod-config-backups/kubernetes/etcd/${stamp}/"');
  });

  it.each([
    [{ name: "x".repeat(MAX_CRONJOB_NAME_LENGTH + 1) }, `name "${"x".repeat(53)}" must be a DNS label of at most 52 characters`],
    [{ name: "Etcd_Backup" }, 'name "Etcd_Backup" must be a DNS label of at most 52 characters'],
    [{ schedule: "@daily 3" }, 'schedule "@daily 3" must be five cron fields (minute hour day-of-month month day-of-week) or one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually'],
    // The API server refuses a minute past 59 (robfig/cron's standard parser): refused here before any resource.
    [{ schedule: "99 3 * * *" }, 'schedule "99 3 * * *" has a minute field "99" outside 0..59 (numbers, ranges, lists and steps only)'],
    [{ schedule: "0 3 * 13 *" }, 'schedule "0 3 * 13 *" has a month field "13" outside 1..12 (numbers, ranges, lists and steps only)'],
    [{ intervalSeconds: 30 }, "intervalSeconds must be an integer of at least 60, got 30"],
    [{ target: { ...target, prefix: "kubernetes/etcd" } }, 'target.prefix "kubernetes/etcd" must end with "/" and not start with one'],
    [{ scratch: { storageClassName: "gp3", sizeGiB: 0 } }, "scratch.sizeGiB must be an integer 1..65536 (the largest gp3 volume), got 0"],
    [{ oidcProviderArn: "arn:aws:iam::222222222222:role/x" }, 'oidcProviderArn "arn:aws:iam::222222222222:role/x" must be an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)'],
  ] as const)("refuses %j", (overrides, message) => {
    expect(s3BackupProblems(backupArgs(overrides as Partial<S3BackupArgs>))).toEqual([message]);
  });

  it("registers a role, its write-only policy, a ServiceAccount and a restricted CronJob, all children of the component", async () => {
    const run = await runProgram({ stack: "dev", program: () => { new S3Backup("etcd-backup", backupArgs()); return {}; } });
    const component = one(run, "sparki:kubernetes:S3Backup");
    expect(childrenOf(run, component).map((r) => r.type).sort()).toEqual([
      "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "kubernetes:batch/v1:CronJob", "kubernetes:core/v1:ServiceAccount",
    ]);
    const account = one(run, "kubernetes:core/v1:ServiceAccount");
    expect(account.inputs.automountServiceAccountToken).toBe(false);
    expect(() => validate(new ServiceAccount(account.inputs as never))).not.toThrow();
    const cron = one(run, "kubernetes:batch/v1:CronJob");
    expect(() => validate(new CronJob(cron.inputs as never))).not.toThrow();
    const spec = cron.inputs.spec as { concurrencyPolicy: string; jobTemplate: { spec: { template: { spec: Record<string, unknown> } } } };
    expect(spec.concurrencyPolicy).toBe("Forbid");
    const pod = spec.jobTemplate.spec.template.spec;
    expect(restrictedViolations(pod as never)).toEqual([]);
    expect(pod.serviceAccountName).toBe("etcd-backup");
    expect((pod.initContainers as { name: string }[]).map((c) => c.name)).toEqual(["dump"]);
  });

  it("fails a run whose dump left nothing, keeps one Job of each outcome for a day, and keeps the role from the dump step", async () => {
    expect(uploadScript(target, KEY).split("\n")[1]).toBe('if [ -z "$(ls -A /backup)" ]; then echo "the dump step left nothing in /backup" >&2; exit 1; fi');
    const run = await runProgram({ stack: "dev", program: () => { new S3Backup("etcd-backup", backupArgs()); return {}; } });
    const spec = one(run, "kubernetes:batch/v1:CronJob").inputs.spec as {
      successfulJobsHistoryLimit: number; failedJobsHistoryLimit: number;
      jobTemplate: {
        spec: { ttlSecondsAfterFinished: number; template: { metadata: { annotations: Record<string, string> }; spec: { initContainers: { resources: { requests: Record<string, string> } }[] } } };
      };
    };
    expect([spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit, spec.jobTemplate.spec.ttlSecondsAfterFinished]).toEqual([1, 1, 86_400]);
    // amazon-eks-pod-identity-webhook: containers named in this annotation get no web identity token or role.
    expect(spec.jobTemplate.spec.template.metadata.annotations).toEqual({ "eks.amazonaws.com/skip-containers": "dump" });
    // On the node's disk (no scratch volume) the dump asks for the space it may fill.
    expect(spec.jobTemplate.spec.template.spec.initContainers[0].resources.requests["ephemeral-storage"]).toBe("20Gi");
  });

  it("writes large dumps to an ephemeral volume of the given class, which the restricted standard allows", async () => {
    const run = await runProgram({
      stack: "dev", program: () => { new S3Backup("etcd-backup", backupArgs({ scratch: { storageClassName: "sparki-prod-etcd-ebs-kms", sizeGiB: 120 } })); return {}; },
    });
    const cron = one(run, "kubernetes:batch/v1:CronJob");
    expect(() => validate(new CronJob(cron.inputs as never))).not.toThrow();
    const pod = (cron.inputs.spec as { jobTemplate: { spec: { template: { spec: { volumes: { name: string; ephemeral?: unknown }[] } } } } }).jobTemplate.spec.template.spec;
    expect(pod.volumes.find((v) => v.name === "backup")?.ephemeral).toEqual({
      volumeClaimTemplate: {
        metadata: { labels: backupArgs().labels },
        spec: { accessModes: ["ReadWriteOnce"], storageClassName: "sparki-prod-etcd-ebs-kms", resources: { requests: { storage: "120Gi" } } },
      },
    });
    expect(restrictedViolations(pod as never)).toEqual([]);
  });

  it("refuses a name whose IAM role would pass 64 characters (Pulumi adds 8 to `<name>-role`)", async () => {
    const name = "x".repeat(MAX_BACKUP_COMPONENT_NAME + 1);
    await expect(runProgram({ stack: "dev", program: () => { new S3Backup(name, backupArgs()); return {}; } }))
      .rejects.toThrow(`S3Backup ${name}: name "${name}" must be at most 51 characters`);
  });

  it("registers nothing when the arguments are bad", async () => {
    const registered: string[] = [];
    await expect(runProgram({
      stack: "dev", observe: (r) => registered.push(r.type),
      program: () => { new S3Backup("bad", backupArgs({ schedule: "daily" })); return {}; },
    })).rejects.toThrow('S3Backup bad: schedule "daily" must be five cron fields');
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("cron schedules", () => {
  it.each([
    ["17 3 * * *", 24], ["0 * * * *", 1], ["@daily", 24], ["@weekly", 168], ["@hourly", 1],
    ["0 3 * * 0", undefined], ["0 3 1 * *", undefined], ["0 */6 * * *", undefined],
  ] as const)("%s runs every %s hours (undefined: needs intervalHours)", (schedule, hours) => {
    expect(cronProblem(schedule)).toBeUndefined();
    expect(cronIntervalHours(schedule)).toBe(hours);
  });

  it.each(["60 3 * * *", "0 24 * * *", "0 3 0 * *", "0 3 * * 7", "5-1 3 * * *", "0 3 * *", "@fortnightly"])("refuses %s", (schedule) => {
    expect(cronProblem(schedule)).toBeDefined();
  });
});

describe("workload arguments", () => {
  it("applies every default once", () => {
    const { resolved, problems } = resolveWorkloadArgs("etcd", { namespace: "sparki-dev-etcd", storageClassName: "standard" });
    expect(problems).toEqual([]);
    expect(resolved).toMatchObject({
      clusterDomain: "cluster.local", monitoringNamespace: "monitoring", tlsSecretName: "etcd-tls", protect: false,
      clientNamespaceLabel: { key: "storage.sparki.io/etcd-client", value: "true" },
    });
  });

  it("lists every problem", () => {
    const { problems } = resolveWorkloadArgs("etcd", {
      namespace: "Bad_NS", monitoringNamespace: "Mon", clientNamespaceLabel: { key: "bad key", value: "x" },
      backup: { target, oidcProviderArn: OIDC, schedule: "daily", intervalSeconds: 86_400 },
    });
    expect(problems).toEqual([
      'namespace "Bad_NS" must be a DNS label',
      'monitoringNamespace "Mon" must be a DNS label',
      "storageClassName or ebsEncryption is required (a claim without a class waits for a cluster default that may not exist)",
      "clientNamespaceLabel bad key=x is not a valid label",
      'backup: schedule "daily" must be five cron fields (minute hour day-of-month month day-of-week) or one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually',
    ]);
  });

  it("refuses both a StorageClass and the encrypted one", () => {
    const { problems } = resolveWorkloadArgs("etcd", {
      namespace: "ns", storageClassName: "gp3",
      ebsEncryption: { kmsKeyArn: KEY, region: "eu-west-1", csiDriverRoleArn: "arn:aws:iam::222222222222:role/ebs-csi" },
    });
    expect(problems).toEqual(["storageClassName and ebsEncryption exclude each other"]);
  });
});

describe("containerResources", () => {
  it("writes millicores as `m` and MiB as `Mi` (Kubernetes quantity suffixes), memory request equal to its limit", () => {
    expect(containerResources({ cpuMillis: 250, cpuLimitMillis: 1000, memoryMiB: 512 })).toEqual({
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { cpu: "1000m", memory: "512Mi" },
    });
  });
});
