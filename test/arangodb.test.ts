import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { describe, expect, it } from "vitest";
import { ARANGODB_IMAGE, groupSecurityContext, PROVISION_JS, PROVISION_SCRIPT, renderedPodSecurity, resolveArangoDbArgs, RUN_AS } from "../components/arangodb";
import { restrictedViolations, rootCreatedDirViolations } from "../policy/kubernetes";
import { estimateCost } from "../scripts/offline/cost/estimate";
import { tableDuration } from "../scripts/offline/deploy-time/graph";
import { arangoDeploymentSchema } from "./arangodb-crd-schema";
import { capturedRun, type ProgramRun, type RegisteredResource, ofType, one } from "./harness";
import { isSecretValue, plainInputs } from "./kubernetes-schemas";

/**
 * ArangoDB through the kube-arangodb operator (components/arangodb) in both example profiles
 * (examples/arangodb): what is registered, with which options, the ArangoDeployment against the operator's CRD
 * schema, every other object against kubernetes-models, the pods the operator will create against the Restricted
 * Pod Security Standard, the network flows, the alert rules and the stack output.
 */

const PROFILES = ["dev", "prod"] as const;
const run = (profile: (typeof PROFILES)[number], preview = false) => capturedRun({ stack: `arangodb-${profile}`, stackDir: "examples/arangodb" }, preview);
const TYPE = "kubernetes:database.arangodb.com/v1:ArangoDeployment";
const validate = (model: unknown) => (model as { validate(): void }).validate();
/** What the ArangoDB adapter registers (the stacks are named arangodb-<profile>, so names start `sparki-arangodb-<profile>-arangodb`). */
const mine = (r: ProgramRun) => r.resources.filter((x) => x.name.startsWith(`sparki-${r.stack}-arangodb`));
type Spec = Record<string, Record<string, unknown> & { count?: number }>;
const deploymentOf = (r: ProgramRun) => plainInputs(one(r, TYPE).inputs) as { metadata: { name: string; namespace: string }; spec: Spec & { mode: string; environment: string; image: string } };
const byName = (r: ProgramRun, type: string, suffix: string): RegisteredResource => {
  const found = ofType(r, type).filter((x) => x.name.endsWith(suffix));
  expect(found, `${type} ${suffix}`).toHaveLength(1);
  return found[0];
};

// Outside facts (oracles): the operator's production minimums (kube-arangodb 1.4.4 server_group_spec.go), ArangoDB's
// port 8529, the operator's metrics sidecar port 9101 (pkg/apis/shared/constants.go), the Fiber adapter's defaults
// "fiber" / "fiber_storage" (gofiber/storage arangodb/config.go ConfigDefault).
const PORT = 8529;
const EXPORTER = 9101;

describe.each(PROFILES)("ArangoDB in examples/arangodb (%s)", (profile) => {
  const prod = profile === "prod";

  it("registers the component, its namespace, Secrets, NetworkPolicies, ArangoDeployment and PrometheusRule" + (prod ? ", the encrypted StorageClass and the backup" : ""), async () => {
    const r = await run(profile);
    const types = mine(r).map((x) => x.type).sort();
    expect(types).toEqual([
      ...(prod ? ["aws:iam/policy:Policy", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "kubernetes:batch/v1:CronJob"] : []),
      "kubernetes:batch/v1:Job",
      "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret",
      ...(prod ? ["kubernetes:core/v1:ServiceAccount"] : []),
      TYPE, "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      // prod: the members' class and the backup scratch class (both on the stack key)
      ...(prod ? ["kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:storage.k8s.io/v1:StorageClass"] : []),
      "pulumi:providers:kubernetes",
      "random:index/randomBytes:RandomBytes",
      "random:index/randomPassword:RandomPassword", "random:index/randomPassword:RandomPassword", "random:index/randomPassword:RandomPassword",
      ...(prod ? ["sparki:kubernetes:S3Backup"] : []),
      "sparki:arangodb:ArangoDb",
    ].sort());
  });

  it("declares an ArangoDeployment the operator's CRD schema accepts", async () => {
    const deployment = deploymentOf(await run(profile));
    expect(() => arangoDeploymentSchema.parse(deployment)).not.toThrow();
  });

  it(prod ? "runs a Production cluster at or above the operator's production minimums" : "runs one Development server", async () => {
    const { spec } = deploymentOf(await run(profile));
    if (prod) {
      expect(spec).toMatchObject({ mode: "Cluster", environment: "Production" });
      expect(spec.single).toBeUndefined();
      expect(spec.agents.count).toBe(3);
      expect(spec.dbservers.count).toBeGreaterThanOrEqual(2);
      expect(spec.coordinators.count).toBeGreaterThanOrEqual(2);
      expect(spec.coordinators.volumeClaimTemplate).toBeUndefined();
    } else {
      expect(spec).toMatchObject({ mode: "Single", environment: "Development", single: { count: 1 } });
      expect(spec.agents).toBeUndefined();
    }
  });

  it("serves TLS, authenticates with the generated JWT secret and root password, encrypts at rest, and creates no external Service", async () => {
    const r = await run(profile);
    const { spec, metadata } = deploymentOf(r);
    expect(spec).toMatchObject({
      externalAccess: { type: "None" },
      tls: { caSecretName: "arangodb-ca" },
      auth: { jwtSecretName: "arangodb-jwt" },
      bootstrap: { passwordSecretNames: { root: "arangodb-root-password" } },
      rocksdb: { encryption: { keySecretName: "arangodb-encryption-key" } },
    });
    expect(spec.license).toBeUndefined();
    // Each Secret the spec names is registered in the same namespace, its values as secret base64 `data`, never stringData.
    for (const [name, keys] of [["arangodb-jwt", ["token"]], ["arangodb-root-password", ["password", "username"]], ["arangodb-fiber-password", ["password", "username"]], ["arangodb-encryption-key", ["key"]]] as const) {
      const secret = ofType(r, "kubernetes:core/v1:Secret").find((s) => (s.inputs.metadata as { name: string }).name === name);
      expect(secret, name).toBeDefined();
      expect((secret!.inputs.metadata as { namespace: string }).namespace).toBe(metadata.namespace);
      expect(secret!.inputs.stringData).toBeUndefined();
      // The whole `data` map is a Pulumi secret (the runner passes its wire form, or "(secret)" once redacted).
      const data = secret!.inputs.data;
      expect(isSecretValue(data), name).toBe(true);
      const payload = typeof data === "object" && data !== null ? (data as { value?: Record<string, string> }).value : undefined;
      if (payload !== undefined) expect(Object.keys(payload).sort()).toEqual([...keys]);
    }
  });

  it("puts 32 random bytes in the encryption key Secret: its `key` decodes to exactly 32 bytes (the operator's requirement)", async () => {
    const r = await run(profile);
    expect(byName(r, "random:index/randomBytes:RandomBytes", "-arangodb-encryption-key").inputs).toMatchObject({ length: 32 });
    const secret = byName(r, "kubernetes:core/v1:Secret", "-arangodb-encryption-key");
    // `data` is a Pulumi secret: the runner passes its wire form, the plain map under `value`.
    expect(isSecretValue(secret.inputs.data)).toBe(true);
    const data = (secret.inputs.data as { value: Record<string, string> }).value;
    expect(Object.keys(data)).toEqual(["key"]);
    // base64 of the raw bytes once: decoding yields 32 bytes (base64 of a base64 text would decode to 44).
    expect(Buffer.from(data.key, "base64")).toHaveLength(32);
  });

  it(prod ? "gives the Coordinators the cluster-wide replication defaults: 3 copies, at least 2, write concern 2" : "sets no cluster replication arguments on the single server", async () => {
    const { spec } = deploymentOf(await run(profile));
    if (prod) {
      expect(spec.coordinators.args).toEqual(["--cluster.default-replication-factor=3", "--cluster.min-replication-factor=2", "--cluster.write-concern=2"]);
      // The options are effective on Coordinators only (arangod ClusterOptionsProvider).
      expect(spec.dbservers.args).toBeUndefined();
      expect(spec.agents.args).toBeUndefined();
    } else {
      expect(spec.single.args).toBeUndefined();
    }
  });

  it("creates the app's database, collection and rw-only user in a restricted, pinned, hash-named Job with root's password from its Secret", async () => {
    const r = await run(profile);
    const job = plainInputs(one(r, "kubernetes:batch/v1:Job").inputs) as { metadata: { name: string; namespace: string }; spec: { template: { spec: Record<string, unknown> & { containers: { image: string; command: string[]; env: { name: string; value?: string; valueFrom?: unknown }[] }[] } } } };
    const pod = job.spec.template.spec;
    const [c] = pod.containers;
    expect(job.metadata.name).toMatch(/^arangodb-provision-[0-9a-f]{10}$/);
    expect(job.metadata.namespace).toBe(`sparki-arangodb-${profile}-arangodb`);
    expect(c.image).toBe(`docker.io/library/arangodb:3.12@${ARANGODB_IMAGE.digest}`);
    expect(restrictedViolations(pod as never)).toEqual([]);
    expect(rootCreatedDirViolations(pod as never)).toEqual([]);
    const env = Object.fromEntries(c.env.map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      ENDPOINT: `ssl://arangodb.sparki-arangodb-${profile}-arangodb.svc:${PORT}`, FIBER_DATABASE: "fiber", FIBER_COLLECTION: "fiber_storage", FIBER_USERNAME: "fiber",
      ARANGODB_ROOT_PASSWORD: { secretKeyRef: { name: "arangodb-root-password", key: "password" } },
      FIBER_PASSWORD: { secretKeyRef: { name: "arangodb-fiber-password", key: "password" } },
      HOME: "/tmp",
    });
    expect(JSON.stringify(job)).not.toMatch(/mock-password|--server\.password/);
    const job2 = one(r, "kubernetes:batch/v1:Job");
    expect(job2.options.dependsOn.some((d) => d.type === TYPE)).toBe(true);
  });

  it("pins the image by digest, never Bitnami", async () => {
    const { spec } = deploymentOf(await run(profile));
    expect(spec.image).toBe(`docker.io/library/arangodb:3.12@${ARANGODB_IMAGE.digest}`);
    expect(spec.image).toMatch(/@sha256:[a-f0-9]{64}$/);
    expect(spec.image).not.toMatch(/bitnami/);
  });

  it("puts every data volume on the " + (prod ? "stack key's encrypted gp3 StorageClass" : "named `standard` class"), async () => {
    const r = await run(profile);
    const { spec } = deploymentOf(r);
    const className = prod ? "sparki-arangodb-prod-arangodb-ebs-kms" : "standard";
    const groups = prod ? ["agents", "dbservers"] : ["single"];
    for (const g of groups) {
      expect((spec[g].volumeClaimTemplate as { spec: { storageClassName: string } }).spec.storageClassName, g).toBe(className);
    }
    const size = (g: string) => (spec[g].volumeClaimTemplate as { spec: { resources: { requests: { storage: string } } } }).spec.resources.requests.storage;
    expect(size(prod ? "dbservers" : "single")).toBe(prod ? "100Gi" : "10Gi");
    if (prod) {
      const sc = plainInputs(one(r, "kubernetes:storage.k8s.io/v1:StorageClass", "sparki-arangodb-prod-arangodb-storage-class").inputs) as { metadata: { name: string }; provisioner: string; parameters: Record<string, string>; reclaimPolicy: string };
      expect(sc).toMatchObject({ metadata: { name: className }, provisioner: "ebs.csi.aws.com", reclaimPolicy: "Retain", parameters: { type: "gp3", encrypted: "true" } });
    } else {
      expect(ofType(r, "kubernetes:storage.k8s.io/v1:StorageClass").filter((x) => x.name.includes("arangodb"))).toEqual([]);
    }
  });

  it("gives every group a securityContext whose rendered pods meet the Restricted Pod Security Standard", async () => {
    const { spec } = deploymentOf(await run(profile));
    // `id` is the operator's image-discovery pod: the namespace's Restricted admission judges it too.
    const groups = [...(prod ? ["agents", "dbservers", "coordinators"] : ["single"]), "id"];
    for (const g of groups) {
      expect(spec[g].securityContext, g).toBeDefined();
      // The examples do not assert the operator's ephemeral-volumes feature: arangod needs a writable root filesystem.
      expect((spec[g].securityContext as { readOnlyRootFilesystem: boolean }).readOnlyRootFilesystem, g).toBe(false);
      const security = renderedPodSecurity(spec[g].securityContext as Record<string, unknown>);
      const pod = { securityContext: security.pod, containers: [{ name: "server", image: spec.image, securityContext: security.container }] };
      expect(restrictedViolations(pod as never), g).toEqual([]);
    }
  });

  it("admits the stack's Jobs, then (after the provisioning Job) client namespaces to the client-facing servers' 8529, and peers, the operator and Prometheus to the members", async () => {
    const r = await run(profile);
    const clientsResource = byName(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "-arangodb-clients");
    const clients = plainInputs(clientsResource.inputs) as { spec: { podSelector: { matchLabels: Record<string, string> }; ingress: { from: unknown[]; ports: { port: number }[] }[] } };
    const jobs = plainInputs(byName(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "-arangodb-jobs").inputs) as typeof clients;
    const members = plainInputs(byName(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "-arangodb-members").inputs) as typeof clients;
    const clientPods = { app: "arangodb", arango_deployment: "arangodb", role: prod ? "coordinator" : "single" };
    expect(clients.spec.podSelector.matchLabels).toEqual(clientPods);
    expect(clients.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { "storage.sparki.io/arangodb-client": "true" } } }], ports: [{ protocol: "TCP", port: PORT }] }]);
    // Root has no password until the operator's bootstrap: apps get in only once the Job has logged in with it.
    const job = one(r, "kubernetes:batch/v1:Job");
    expect(clientsResource.options.dependsOn.some((d) => d.type === job.type && d.name === job.name)).toBe(true);
    const instance = `sparki-arangodb-${profile}-arangodb`;
    const pods = (component: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": "arangodb", "app.kubernetes.io/instance": instance, "app.kubernetes.io/component": component } } });
    expect(jobs.spec.podSelector.matchLabels).toEqual(clientPods);
    expect(jobs.spec.ingress).toEqual([{ from: [pods("provision"), ...(prod ? [pods("backup")] : [])], ports: [{ protocol: "TCP", port: PORT }] }]);
    expect(members.spec.podSelector.matchLabels).toEqual({ app: "arangodb", arango_deployment: "arangodb" });
    expect(members.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { arango_deployment: "arangodb" } } }], ports: [{ protocol: "TCP", port: PORT }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-arangodb" } } }], ports: [{ protocol: "TCP", port: PORT }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ protocol: "TCP", port: EXPORTER }] },
    ]);
  });

  it("validates every other Kubernetes object against kubernetes-models", async () => {
    const r = await run(profile);
    const models: Record<string, new (data: never) => unknown> = {
      "kubernetes:core/v1:Namespace": Namespace, "kubernetes:core/v1:Secret": Secret, "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
      "kubernetes:storage.k8s.io/v1:StorageClass": StorageClass, "kubernetes:batch/v1:CronJob": CronJob, "kubernetes:batch/v1:Job": Job, "kubernetes:core/v1:ServiceAccount": ServiceAccount,
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule": PrometheusRule,
    };
    const objects = mine(r).filter((x) => x.type.startsWith("kubernetes:") && x.type !== TYPE);
    expect(objects.length).toBeGreaterThanOrEqual(prod ? 12 : 9);
    for (const o of objects) {
      const model = models[o.type];
      expect(model, o.type).toBeDefined();
      expect(() => validate(new model(plainInputs(o.inputs) as never)), o.name).not.toThrow();
    }
  });

  it("alerts on derived p95 latency, member readiness and volume use" + (prod ? ", the agency leader and missed backups" : ""), async () => {
    const rule = plainInputs(one(await run(profile), "kubernetes:monitoring.coreos.com/v1:PrometheusRule").inputs) as { metadata: { labels: Record<string, string> }; spec: { groups: { rules: { alert: string; expr: string; for: string; labels: Record<string, string> }[] }[] } };
    const rules = rule.spec.groups[0].rules;
    const alert = (name: string) => rules.find((x) => x.alert === name)!;
    expect(rules.map((x) => x.alert).sort()).toEqual([
      ...(prod ? ["ArangoDbAgencyLeaderLost", "BackupMissedCritical", "BackupMissedWarning"] : []),
      "ArangoDbLatencyP95Critical", "ArangoDbLatencyP95Warning", "ArangoDbMemberNotReady", "ArangoDbVolumeUsedCritical", "ArangoDbVolumeUsedWarning",
    ].sort());
    // The matrix gives ArangoDB 10-30 ms; the one derived rule makes 2.5 x 30 = 75 ms warning, 150 ms critical; arangod's histogram is in seconds.
    expect(alert("ArangoDbLatencyP95Warning").expr).toMatch(/^histogram_quantile\(0\.95, sum by \(le\) \(rate\(arangodb_client_connection_statistics_total_time_bucket\{namespace="[^"]+", pod=~"arangodb-\(sngl\|crdn\)-\.\*"\}\[5m\]\)\)\) > 0\.075$/);
    expect(alert("ArangoDbLatencyP95Critical").expr).toMatch(/ > 0\.15$/);
    expect(alert("ArangoDbLatencyP95Warning").labels).toEqual({ severity: "warning", threshold_source: "derived:arangodbLatencyP95" });
    expect(alert("ArangoDbVolumeUsedWarning").expr).toMatch(/kubelet_volume_stats_used_bytes.* > 75$/);
    expect(alert("ArangoDbMemberNotReady")).toMatchObject({ for: "10m", labels: { severity: prod ? "warning" : "critical" } });
    expect(alert("ArangoDbMemberNotReady").expr).toContain('condition="Ready"} == 0');
    if (prod) {
      // 3 agents: a leader needs 2 votes.
      expect(alert("ArangoDbAgencyLeaderLost").expr).toBe('max by (namespace, name) (arangodb_operator_agency_cache_leaders{namespace="sparki-arangodb-prod-arangodb", name="arangodb"}) < 2');
      expect(alert("BackupMissedWarning").expr).toContain('cronjob="arangodb-backup"');
      expect(rule.metadata.labels.release).toBe("kube-prometheus-stack");
    }
  });

  it(prod ? "protects the namespace, ArangoDeployment, Secrets, generated values and StorageClass" : "protects nothing", async () => {
    const protectedOnes = mine(await run(profile)).filter((x) => x.options.protect).map((x) => `${x.type} ${x.name.replace(/^sparki-arangodb-(dev|prod)-arangodb-?/, "")}`).sort();
    expect(protectedOnes).toEqual(prod ? [
      "kubernetes:core/v1:Namespace namespace", "kubernetes:core/v1:Secret encryption-key", "kubernetes:core/v1:Secret jwt", "kubernetes:core/v1:Secret root-password",
      "kubernetes:core/v1:Secret fiber-password",
      `${TYPE} deployment`, "kubernetes:storage.k8s.io/v1:StorageClass storage-class",
      "random:index/randomBytes:RandomBytes encryption-key", "random:index/randomPassword:RandomPassword jwt", "random:index/randomPassword:RandomPassword root-password",
      "random:index/randomPassword:RandomPassword fiber-password",
    ].sort() : []);
  });

  it("outputs what Fiber storage/arangodb's Config takes, and never a secret value", async () => {
    const r = await run(profile);
    const ns = `sparki-arangodb-${profile}-arangodb`;
    expect(r.outputs.arangodb).toMatchObject({
      fiberPackages: ["storage/arangodb"],
      host: `https://arangodb.${ns}.svc`, port: PORT, tls: true, database: "fiber", collection: "fiber_storage", username: "fiber",
      passwordSecret: { name: "arangodb-fiber-password", key: "password" }, caCertificate: { secretName: "arangodb-ca", key: "ca.crt" },
      namespace: ns, clientNamespaceLabel: "storage.sparki.io/arangodb-client=true", mode: prod ? "Cluster" : "Single", edition: "community", encryptionAtRest: true,
    });
    expect(JSON.stringify(r.outputs.arangodb)).not.toMatch(/mock-password-|root-password|"root"/);
    if (prod) expect(r.outputs.arangodb).toMatchObject({ backup: { prefix: "kubernetes/arangodb/", schedule: "17 3 * * *" } });
  });

  it("plans the same objects in preview", async () => {
    const [applied, previewed] = await Promise.all([run(profile), run(profile, true)]);
    expect(mine(previewed).map((x) => `${x.type} ${x.name}`).sort()).toEqual(mine(applied).map((x) => `${x.type} ${x.name}`).sort());
  });
});

describe("review aids", () => {
  it("prices prod's member volumes as EBS gp3 GB-months and leaves dev's `standard` volumes to the cluster", async () => {
    const lines = (r: ProgramRun) => estimateCost(r).lines.filter((l) => l.type === TYPE).map((l) => [l.item, l.unit]);
    expect(lines(await run("prod"))).toEqual([
      ["3 x 2 GiB EBS gp3 agents volumes (storage class sparki-arangodb-prod-arangodb-ebs-kms)", "GB-month"],
      ["3 x 100 GiB EBS gp3 dbservers volumes (storage class sparki-arangodb-prod-arangodb-ebs-kms)", "GB-month"],
    ]);
    const dev = estimateCost(await run("dev"));
    expect(lines(await run("dev"))).toEqual([]);
    expect(dev.unpriced.filter((u) => u.type === TYPE).map((u) => u.reason)).toEqual([
      "ArangoDB members: compute on the cluster's nodes",
      "1 x 10Gi single volumes on storage class standard, billed by the cluster's storage",
    ]);
  });

  it("estimates the operator-driven create time by mode", async () => {
    expect(tableDuration(one(await run("prod"), TYPE))).toEqual({ variant: "cluster", seconds: 600, listed: true });
    expect(tableDuration(one(await run("dev"), TYPE))).toEqual({ variant: "single server", seconds: 240, listed: true });
  });
});

describe("the prod backup", () => {
  it("dumps every database with arangodump from the server image through the client Service, the password from the Secret, under the Restricted standard", async () => {
    const cron = plainInputs(one(await run("prod"), "kubernetes:batch/v1:CronJob").inputs) as { metadata: { name: string }; spec: { schedule: string; jobTemplate: { spec: { template: { spec: Record<string, unknown> & { initContainers: { image: string; command: string[]; env: { name: string; valueFrom?: unknown }[] }[] } } } } } };
    const pod = cron.spec.jobTemplate.spec.template.spec;
    const dump = pod.initContainers[0];
    expect(cron.metadata.name).toBe("arangodb-backup");
    expect(dump.image).toBe(`docker.io/library/arangodb:3.12@${ARANGODB_IMAGE.digest}`);
    expect(dump.command.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
    expect(dump.command[2]).toContain("exec arangodump --configuration /tmp/arangodump.conf --server.endpoint ssl://arangodb.sparki-arangodb-prod-arangodb.svc:8529 ");
    expect(dump.command[2]).toContain("--all-databases true");
    expect(dump.command[2]).toContain("--output-directory /backup/dump");
    expect(dump.command[2]).not.toMatch(/mock-password/);
    // The password is neither on argv nor in the file: the configuration file names the environment variable.
    expect(dump.command[2]).not.toMatch(/--server\.password/);
    expect(dump.command[2]).toContain("password = @ARANGODB_ROOT_PASSWORD@");
    // The file is written in the /tmp emptyDir, not in /backup (which is uploaded).
    expect(dump.command[2]).toMatch(/> \/tmp\/arangodump\.conf/);
    expect(dump.env).toContainEqual({ name: "ARANGODB_ROOT_PASSWORD", valueFrom: { secretKeyRef: { name: "arangodb-root-password", key: "password" } } });
    expect(restrictedViolations(pod as never)).toEqual([]);
  });
});

describe("the operator-rendered pod security (counterexamples)", () => {
  it.each([
    ["capabilities kept", { dropAllCapabilities: false }, "container server: capabilities.drop does not include ALL."],
    ["privilege escalation allowed", { allowPrivilegeEscalation: true }, "container server: allowPrivilegeEscalation is not false."],
    ["runs as root", { runAsUser: 0 }, "container server: runAsUser is 0: containers must not run as root."],
    ["no seccomp profile", { seccompProfile: undefined }, "container server: seccompProfile.type is not set: use RuntimeDefault or Localhost (on the container or the pod)."],
  ])("%s fails the Restricted standard", (_case, change, message) => {
    const security = renderedPodSecurity({ ...groupSecurityContext(RUN_AS), ...change });
    expect(restrictedViolations({ securityContext: security.pod, containers: [{ name: "server", securityContext: security.container }] } as never)).toContain(message);
  });

  it("drops all capabilities when dropAllCapabilities is absent (the operator's default)", () => {
    expect(renderedPodSecurity({}).container.capabilities).toEqual({ drop: ["ALL"] });
  });
});

describe("the CRD schema validator refuses what the operator's schema does not allow", () => {
  it.each([
    ["an unknown mode", (s: Record<string, unknown>) => ({ ...s, mode: "Replicated" })],
    ["an unknown environment", (s: Record<string, unknown>) => ({ ...s, environment: "Prod" })],
    ["an externalAccess type Kubernetes has but the CRD does not", (s: Record<string, unknown>) => ({ ...s, externalAccess: { type: "ClusterIP" } })],
    ["a count as a string", (s: Record<string, unknown>) => ({ ...s, single: { ...(s.single as object), count: "1" } })],
    ["Kubernetes-style capabilities in a group securityContext", (s: Record<string, unknown>) => ({ ...s, single: { ...(s.single as object), securityContext: { capabilities: { drop: ["ALL"] } } } })],
    ["a misspelt group", (s: Record<string, unknown>) => ({ ...s, dbserver: { count: 3 } })],
    ["an encryption key at the wrong level", (s: Record<string, unknown>) => ({ ...s, rocksdb: { keySecretName: "k" } })],
  ])("%s", async (_case, change) => {
    const d = deploymentOf(await run("dev"));
    expect(arangoDeploymentSchema.safeParse(d).success).toBe(true);
    expect(arangoDeploymentSchema.safeParse({ ...d, spec: change(d.spec as Record<string, unknown>) }).success).toBe(false);
  });
});

describe("resolveArangoDbArgs refuses bad component arguments before registering anything", () => {
  const base = { namespace: "db", operatorNamespace: "kube-arangodb", storageClassName: "standard" };
  it.each([
    ["a production cluster with one coordinator", { mode: "Cluster" as const, environment: "Production" as const, coordinators: 1 },
      "coordinators.count must be at least 2 in mode Cluster, environment Production, got 1"],
    ["an even agency", { mode: "Cluster" as const, agents: 4 }, "agents.count must be odd (a Raft majority), got 4"],
    ["one DB-Server even in Development", { mode: "Cluster" as const, dbServers: 1 }, "dbservers.count must be at least 2 in mode Cluster, environment Development, got 1"],
    ["enterprise without a licence", { edition: "enterprise" as const }, "licenseSecretName must name the Secret holding the Enterprise licence key (the operator's spec.license.secretName) when edition is enterprise"],
    ["a community image older than 3.12.5 with encryption", { image: { ...ARANGODB_IMAGE, tag: "3.12.4", digest: `sha256:${"a".repeat(64)}` } },
      "image.tag is ArangoDB 3.12.4: encryption at rest needs the Enterprise Edition before 3.12.5 (https://docs.arangodb.com/3.12/release-notes/version-3.12/whats-new-in-3-12/); use 3.12.5 or later, set edition: enterprise with a licence, or turn encryptionAtRest off (prod refuses that)"],
    ["a Bitnami image", { image: { ...ARANGODB_IMAGE, repository: "bitnami/arangodb", tag: "3.12.11", digest: `sha256:${"b".repeat(64)}` } },
      'image repository "bitnami/arangodb" is from the Bitnami catalogue (bitnami/), whose versioned images are no longer maintained; use the project\'s own image or a mirror of it'],
    ["a server certificate Secret", { tlsSecretName: "arangodb-tls" }, "tlsSecretName does not apply: the operator issues the servers' certificates from the CA in tlsCaSecretName"],
    ["a database name starting with a digit", { database: "1fiber" }, `database "1fiber" must start with a letter and hold letters, digits, '_' and '-' (at most 64)`],
    ["an invalid operator namespace", { operatorNamespace: "Kube_ArangoDB" }, 'operatorNamespace "Kube_ArangoDB" must be a DNS label'],
    ["a replication factor above the DB-Server count", { mode: "Cluster" as const, dbServers: 2, replicationFactor: 3 }, "replicationFactor must be an integer 1..2, got 3"],
    ["a write concern above the replication factor", { mode: "Cluster" as const, replicationFactor: 2, writeConcern: 3 }, "writeConcern must be an integer 1..2, got 3"],
    ["root as the app's user", { fiberUsername: "root" }, `fiberUsername "root" must start with a letter, hold letters, digits, '_' and '-' (at most 64), and not be root`],
  ])("%s", (_case, change, message) => {
    expect(() => resolveArangoDbArgs("t", { ...base, ...change })).toThrow(`ArangoDb t: ${message}`);
  });

  it("applies the defaults once: Single, Development, community, encrypted, the Fiber adapter's database and collection", () => {
    expect(resolveArangoDbArgs("t", base)).toMatchObject({
      mode: "Single", environment: "Development", edition: "community", encryptionAtRest: true, database: "fiber", collection: "fiber_storage",
      tlsCaSecretName: "arangodb-ca", deploymentName: "arangodb", image: ARANGODB_IMAGE,
      fiberUsername: "fiber", operatorEphemeralVolumes: false,
    });
  });
});

describe("the provisioning script", () => {
  it("grants the app's user rw on its database only, creates what is missing, and never writes a password", () => {
    expect(PROVISION_JS).toContain("users.grantDatabase(user, name, 'rw');");
    expect(PROVISION_JS).not.toMatch(/grantDatabase\(user, '_system'|grantDatabase\(user, '\*'|_system/);
    expect(PROVISION_JS).toContain("if (!db._databases().includes(name)) db._createDatabase(name);");
    expect(PROVISION_JS).toContain("if (db._collection(collection) === null) db._create(collection);");
    // Passwords come from the environment, through arangosh's @NAME@ substitution for root's.
    expect(PROVISION_SCRIPT).toContain("password = @ARANGODB_ROOT_PASSWORD@");
    expect(PROVISION_SCRIPT).not.toMatch(/--server\.password|\$ARANGODB_ROOT_PASSWORD|\$\{ARANGODB_ROOT_PASSWORD/);
    expect(PROVISION_JS).toContain("env.FIBER_PASSWORD");
  });
});

describe("the read-only root filesystem follows the operator's ephemeral-volumes feature", () => {
  it("is writable by default and read-only only when asserted", () => {
    expect(groupSecurityContext(RUN_AS).readOnlyRootFilesystem).toBe(false);
    expect(groupSecurityContext(RUN_AS, true).readOnlyRootFilesystem).toBe(true);
  });
});
