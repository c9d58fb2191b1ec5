import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { PLATFORM_THRESHOLDS } from "../components/matrix";
import { restrictedViolations } from "../policy/kubernetes";
import { estimateCost } from "../scripts/offline/cost/estimate";
import { tableDuration } from "../scripts/offline/deploy-time/graph";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { runProgram } from "../scripts/offline/run-program";
import { couchbaseAdapter } from "../stacks/adapters/couchbase";
import { validateCouchbaseBucket, validateCouchbaseCluster } from "./couchbase-schema";
import { capturedRun, json, one, ofType, type ProgramRun, type RegisteredResource } from "./harness";
import { isSecretValue, plainInputs, validateKubernetesObject } from "./kubernetes-schemas";

/**
 * Couchbase on Kubernetes through the Couchbase Autonomous Operator as the example stacks deploy it
 * (examples/couchbase), in both profiles. Outside facts used as oracles (all checked 2026-11-29):
 * - gofiber/storage couchbase/config.go: Config{Username, Password, Host, Bucket, ConnectionTimeout, KVTimeout},
 *   ConfigDefault.Bucket "fiber_storage"; the adapter reads and writes the bucket's default collection only;
 * - the SDK's TLS ports 11207 and 18091-18096 (https://docs.couchbase.com/server/current/install/install-ports.html);
 *   Erlang's 4369 and the node-to-node 21150 are among the server's own ports;
 * - the image's `couchbase` user is UID/GID 1000 (`useradd couchbase -u 1000`, docker-library repo-info of couchbase:enterprise-8.0.3);
 * - the operator (couchbase/couchbase-operator, pkg/...): pods carry `app: couchbase`, `couchbase_cluster: <name>` and
 *   servers `couchbase_server: "true"`; the client Service is `<cluster>-srv`; a full backup's CronJob is `<backup>-full`;
 *   the backup jobs' Role grants what `cao create backup` grants (pkg/config/backup.go); IRSA goes through the
 *   `eks.amazonaws.com/role-arn` annotation of the backup ServiceAccount (the same file's BackupIAMAnnotation).
 */

const DIR = join(REPO_ROOT, "examples", "couchbase");
const CASES = [
  {
    stack: "couchbase-dev", prod: false, servers: 1, storageClass: "standard", size: "10Gi", cpu: "1000m", cpuLimit: "2000m", memory: "2048Mi",
    data: "512Mi", index: "256Mi", bucketQuota: "256Mi", replicas: 0, durability: "none", zones: [] as string[],
  },
  {
    stack: "couchbase-prod", prod: true, servers: 3, storageClass: "sparki-couchbase-prod-couchbase-ebs-kms", size: "100Gi", cpu: "2000m", cpuLimit: "4000m", memory: "8192Mi",
    data: "4096Mi", index: "512Mi", bucketQuota: "2048Mi", replicas: 2, durability: "majority", zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  },
] as const;

type Spec = Record<string, unknown>;
/** The bucket object's name: `<cluster>-<slug>-<first 8 hex of SHA-256 of the bucket's name>` (sha256 computed here, not by the component). */
const BUCKET_OBJECT = `couchbase-fiber-storage-${createHash("sha256").update("fiber_storage").digest("hex").slice(0, 8)}`;
const plain = <T = { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: Spec }>(r: RegisteredResource) => plainInputs(r.inputs) as T;
const objects = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.name.includes("-couchbase"));
const named = (run: ProgramRun, type: string, suffix: string) => one(run, type, run.resources.find((r) => r.type === type && r.name.endsWith(suffix))?.name ?? `(none ending ${suffix})`);
const CB = "kubernetes:couchbase.com/v2:";
/** `validate()` comes from the models' base class, whose typings `moduleResolution: node` cannot resolve. */
const validate = (model: unknown) => (model as { validate(): void }).validate();

describe.each(CASES)("Couchbase on Kubernetes in $stack", (c) => {
  const run = () => capturedRun({ stack: c.stack, stackDir: DIR });
  const namespace = `sparki-${c.stack}-couchbase`;
  const selector = { "couchbase.sparki.io/cluster": "couchbase" };
  const cluster = async () => plain<{ metadata: { name: string }; spec: Spec & { servers: Spec[]; security: Spec; networking: Spec; cluster: Spec; volumeClaimTemplates: unknown[] } }>(one(await run(), `${CB}CouchbaseCluster`));

  it("registers schema-valid objects, all in its own namespace, through the example's kubeconfig context", async () => {
    const r = await run();
    const found = objects(r);
    expect(found.map((o) => o.type).sort()).toEqual([
      `${CB}CouchbaseBackup`, `${CB}CouchbaseBucket`, `${CB}CouchbaseCluster`, `${CB}CouchbaseGroup`, `${CB}CouchbaseGroup`,
      `${CB}CouchbaseRoleBinding`, `${CB}CouchbaseRoleBinding`, `${CB}CouchbaseUser`, `${CB}CouchbaseUser`,
      "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret",
      "kubernetes:core/v1:ServiceAccount", "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
      // the servers' class and the backup staging class (both on the stack key)
      "kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:storage.k8s.io/v1:StorageClass",
    ].filter((t) => c.prod || !/CouchbaseBackup|ServiceAccount|rbac\.authorization|StorageClass/.test(t)).sort());
    for (const o of found) {
      await expect(validateKubernetesObject(o), `${o.type} ${o.name}`).resolves.toBeUndefined();
      const clusterScoped = o.type.endsWith(":Namespace") || o.type.endsWith(":StorageClass");
      expect(plain(o).metadata.namespace, o.name).toBe(clusterScoped ? undefined : namespace);
      expect(o.provider, o.name).toContain(`$pulumi:providers:kubernetes::sparki-${c.stack}-couchbase-kubernetes::`);
    }
    expect(one(r, "pulumi:providers:kubernetes").inputs).toMatchObject({ context: c.prod ? "sparki-prod" : "sparki-dev" });
    expect(plain(one(r, "kubernetes:core/v1:Namespace")).metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    // The operator creates the servers' PodDisruptionBudget (`<cluster>-pdb`, minAvailable = size - 1): the stack does not.
    expect(ofType(r, "kubernetes:policy/v1:PodDisruptionBudget").filter((p) => p.name.includes("couchbase"))).toEqual([]);
  });

  it("runs data, index and query on every server of the Enterprise image pinned by digest, across the zones in prod", async () => {
    const s = (await cluster()).spec;
    expect(s.image).toMatch(/^docker\.io\/library\/couchbase:enterprise-\d+\.\d+\.\d+@sha256:[a-f0-9]{64}$/);
    expect(s.servers).toEqual([expect.objectContaining({
      name: "data", size: c.servers, services: ["data", "index", "query"], volumeMounts: { default: "couchbase" },
      resources: { requests: { cpu: c.cpu, memory: c.memory }, limits: { cpu: c.cpuLimit, memory: c.memory } },
      pod: { spec: { automountServiceAccountToken: false } },
    })]);
    expect(s.serverGroups).toEqual(c.prod ? c.zones : undefined);
    expect(s.antiAffinity).toBe(c.prod);
    expect(s.cluster).toEqual({ dataServiceMemoryQuota: c.data, indexServiceMemoryQuota: c.index, autoFailoverTimeout: "120s", autoFailoverMaxCount: 1 });
    expect(s.volumeClaimTemplates).toEqual([{ metadata: { name: "couchbase" }, spec: { storageClassName: c.storageClass, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: c.size } } } }]);
    expect(s.enableOnlineVolumeExpansion).toBe(c.prod ? true : undefined);
  });

  it("serves TLS only inside the cluster: the Secret's certificate, node-to-node encryption, nothing exposed", async () => {
    const s = (await cluster()).spec;
    expect(s.networking).toEqual({
      exposedFeatures: [], exposeAdminConsole: false, disableUIOverHTTP: true,
      tls: { secretSource: { serverSecretName: "couchbase-tls" }, nodeToNodeEncryption: "All", tlsMinimumVersion: "TLS1.2" },
    });
  });

  it("gives every pod the operator creates the Restricted security contexts, as the image's UID 1000", async () => {
    const security = (await cluster()).spec.security as { adminSecret: string; podSecurityContext: Spec; securityContext: Spec };
    expect(security.adminSecret).toBe("couchbase-admin");
    expect(security.podSecurityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
    // The operator copies these onto the server, its init container and the backup jobs (pod_util.go, backup.go).
    const pod = { securityContext: security.podSecurityContext, containers: [{ name: "couchbase-server", securityContext: security.securityContext }], initContainers: [{ name: "couchbase-server-init", securityContext: security.securityContext }] };
    expect(restrictedViolations(pod as never)).toEqual([]);
    expect(restrictedViolations({ containers: [{ name: "x", securityContext: { ...security.securityContext, allowPrivilegeEscalation: true } }], securityContext: security.podSecurityContext })).not.toEqual([]);
  });

  it("creates the Fiber adapter's bucket, selected by the cluster, with the profile's replicas and durability", async () => {
    const r = await run();
    const s = (await cluster()).spec as unknown as { buckets: unknown; security: { rbac: unknown } };
    expect(s.buckets).toEqual({ managed: true, selector: { matchLabels: selector } });
    expect(s.security.rbac).toEqual({ managed: true, selector: { matchLabels: selector } });
    const bucket = plain(one(r, `${CB}CouchbaseBucket`));
    expect(bucket.metadata.labels).toMatchObject(selector);
    expect(bucket.spec).toEqual({
      name: "fiber_storage", storageBackend: "couchstore", memoryQuota: c.bucketQuota, replicas: c.replicas, ioPriority: "low", evictionPolicy: "valueOnly",
      conflictResolution: "seqno", enableFlush: false, enableIndexReplica: false, compressionMode: "passive", minimumDurability: c.durability, maxTTL: "0s",
    });
    for (const type of ["CouchbaseUser", "CouchbaseGroup", "CouchbaseRoleBinding", ...(c.prod ? ["CouchbaseBackup"] : [])]) {
      for (const o of ofType(r, `${CB}${type}`)) expect(plain(o).metadata.labels, o.name).toMatchObject(selector);
    }
  });

  it("signs the application in as its own user: data reader and writer on that bucket only, password generated into a Secret", async () => {
    const r = await run();
    const group = plain(named(r, `${CB}CouchbaseGroup`, "-app-group"));
    expect(group.spec).toEqual({ roles: [
      { name: "data_reader", buckets: { resources: [{ kind: "CouchbaseBucket", name: BUCKET_OBJECT }] } },
      { name: "data_writer", buckets: { resources: [{ kind: "CouchbaseBucket", name: BUCKET_OBJECT }] } },
    ] });
    expect(plain(one(r, `${CB}CouchbaseBucket`)).metadata.name).toBe(BUCKET_OBJECT);
    expect(plain(named(r, `${CB}CouchbaseUser`, "-app-user")).spec).toEqual({ name: "sparki-fiber", fullName: "Sparki Fiber storage adapter", authDomain: "local", authSecret: "couchbase-app" });
    expect(plain(named(r, `${CB}CouchbaseRoleBinding`, "-app-binding")).spec).toEqual({ subjects: [{ kind: "CouchbaseUser", name: "couchbase-app" }], roleRef: { kind: "CouchbaseGroup", name: "couchbase-app" } });
    expect(plain(named(r, `${CB}CouchbaseGroup`, "-metrics-group")).spec).toEqual({ roles: [{ name: "external_stats_reader" }] });
    for (const id of ["admin", "app", "metrics"]) {
      const secret = named(r, "kubernetes:core/v1:Secret", `-couchbase-${id}`);
      // The whole `data` is a Pulumi secret: redacted in captured runs, the SDK's wire form (with its keys) otherwise.
      const data = secret.inputs.data;
      expect(isSecretValue(data), id).toBe(true);
      if (typeof data === "object" && data !== null) expect(Object.keys((data as { value: object }).value).sort(), id).toEqual(["password", "username"]);
      expect(secret.inputs.stringData, id).toBeUndefined();
      expect(named(r, "random:index/randomPassword:RandomPassword", `-couchbase-${id}-password`).inputs).toMatchObject({ length: 32, special: false });
    }
  });

  it("admits the other servers and the operator on every TCP port, labelled clients on the TLS ports only, monitoring on 18091", async () => {
    const policy = plain<{ spec: { podSelector: unknown; policyTypes: string[]; ingress: { from: unknown[]; ports: { port: number }[] }[] } }>(one(await run(), "kubernetes:networking.k8s.io/v1:NetworkPolicy"));
    expect(policy.spec.podSelector).toEqual({ matchLabels: { app: "couchbase", couchbase_cluster: "couchbase", couchbase_server: "true" } });
    expect(policy.spec.policyTypes).toEqual(["Ingress"]);
    const [peers, clients, ...rest] = policy.spec.ingress;
    expect(peers.from).toEqual([
      { podSelector: { matchLabels: { app: "couchbase", couchbase_cluster: "couchbase", couchbase_server: "true" } } },
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "couchbase-operator" } } },
    ]);
    // Couchbase's example policy admits all traffic between server pods; its node-to-node range is 21100-21299
    // (install-ports.html), more than the operator's Service lists.
    expect(peers.ports).toEqual([{ protocol: "TCP", port: 1, endPort: 65535 }]);
    const tlsPorts = [11207, 18091, 18092, 18093, 18094, 18095, 18096];
    expect(clients).toEqual({ from: [{ namespaceSelector: { matchLabels: { "storage.sparki.io/couchbase-client": "true" } } }], ports: tlsPorts.map((port) => ({ protocol: "TCP", port })) });
    expect(rest).toEqual([
      ...(c.prod ? [{ from: [{ podSelector: { matchLabels: { couchbase_backup: "couchbase-s3" } } }], ports: tlsPorts.map((port) => ({ protocol: "TCP", port })) }] : []),
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ protocol: "TCP", port: 18091 }] },
    ]);
  });

  it("protects the namespace, cluster, bucket, credentials and StorageClass in prod only", async () => {
    const r = await run();
    const guarded = [
      one(r, "kubernetes:core/v1:Namespace"), one(r, `${CB}CouchbaseCluster`), one(r, `${CB}CouchbaseBucket`),
      ...ofType(r, "kubernetes:core/v1:Secret").filter((s) => s.name.startsWith(`sparki-${c.stack}-couchbase-`)),
      ...ofType(r, "random:index/randomPassword:RandomPassword").filter((s) => s.name.startsWith(`sparki-${c.stack}-couchbase-`)),
      // The backup staging class deletes its volumes (they are scratch) and is not guarded.
      ...ofType(r, "kubernetes:storage.k8s.io/v1:StorageClass").filter((s) => !s.name.endsWith("-scratch-storage-class")),
    ];
    expect(guarded.length).toBe(c.prod ? 10 : 9);
    for (const g of guarded) expect(g.options.protect, g.name).toBe(c.prod);
  });

  it("scrapes /metrics over TLS as the metrics user, verifying a name every server certificate carries", async () => {
    const r = await run();
    const monitor = plain<{ metadata: { labels: Record<string, string> }; spec: { selector: unknown; endpoints: Spec[] } }>(one(r, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor"));
    validate(new ServiceMonitor(monitor));
    expect(monitor.spec.selector).toEqual({ matchLabels: { app: "couchbase", couchbase_cluster: "couchbase" } });
    expect(monitor.spec.endpoints).toEqual([{
      port: "tcp-18091", scheme: "https", path: "/metrics", interval: "30s",
      basicAuth: { username: { name: "couchbase-metrics", key: "username" }, password: { name: "couchbase-metrics", key: "password" } },
      tlsConfig: { ca: { secret: { name: "couchbase-tls", key: "ca.crt" } }, serverName: `couchbase-srv.${namespace}.svc` },
    }]);
    expect((r.outputs.couchbase as { tlsDnsNames: string[] }).tlsDnsNames).toContain(`couchbase-srv.${namespace}.svc`);
    expect(monitor.metadata.labels.release).toBe(c.prod ? "kube-prometheus-stack" : undefined);
  });

  it("alerts on servers down, bucket memory, the disk queue, volumes and (prod) replication and backups, at the platform levels", async () => {
    const rule = plain<{ spec: { groups: { rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] } }>(one(await run(), "kubernetes:monitoring.coreos.com/v1:PrometheusRule"));
    validate(new PrometheusRule(rule));
    const rules = rule.spec.groups[0].rules;
    const pair = (name: string) => [`${name}Warning`, `${name}Critical`];
    expect(rules.map((x) => x.alert)).toEqual([
      "CouchbaseServerNotReady", "CouchbaseMetricsDown", ...(c.prod ? ["CouchbaseServersDown"] : []),
      ...pair("CouchbaseBucketMemory"), ...pair("CouchbaseDiskQueue"), ...(c.prod ? pair("CouchbaseReplicationBacklog") : []), ...pair("CouchbaseVolumeUsed"),
      ...(c.prod ? [...pair("CouchbaseBackupMissed"), "CouchbaseBackupJobFailed"] : []),
    ]);
    const by = (alert: string) => rules.find((x) => x.alert === alert)!;
    expect(by("CouchbaseServerNotReady").labels.severity).toBe(c.prod ? "warning" : "critical");
    const memory = PLATFORM_THRESHOLDS.couchbaseBucketMemoryUsedPercent;
    expect(by("CouchbaseBucketMemoryCritical").expr).toBe(`100 * max by (bucket, pod) (kv_mem_used_bytes{namespace="${namespace}", service="couchbase"}) / max by (bucket, pod) (kv_ep_max_size{namespace="${namespace}", service="couchbase"}) > ${memory.critical}`);
    expect(by("CouchbaseBucketMemoryWarning").labels).toEqual({ severity: "warning", threshold_source: "platform:couchbaseBucketMemoryUsedPercent" });
    expect(by("CouchbaseDiskQueueWarning").expr).toContain(`kv_ep_diskqueue_items{namespace="${namespace}", service="couchbase"}) > ${PLATFORM_THRESHOLDS.couchbaseDiskQueueItems.warning}`);
    expect(by("CouchbaseVolumeUsedCritical").expr).toContain(`persistentvolumeclaim=~"couchbase-[0-9]+-.*"`);
    if (c.prod) {
      expect(by("CouchbaseReplicationBacklogWarning").expr).toContain('connection_type="replication"');
      // The operator's CronJob for a full_only backup is `<backup>-full`; one daily run missed twice.
      expect(by("CouchbaseBackupMissedWarning").expr).toContain(`cronjob="couchbase-s3-full"`);
      expect(by("CouchbaseBackupMissedWarning").expr).toMatch(new RegExp(`> ${PLATFORM_THRESHOLDS.k8sBackupMissedRuns.warning * 86_400}$`));
    }
  });

  it("outputs what storage/couchbase's Config needs and no secret value", async () => {
    const out = (await run()).outputs.couchbase as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/couchbase"],
      host: `couchbases://couchbase-srv.${namespace}.svc.cluster.local`,
      bucket: "fiber_storage",
      username: "sparki-fiber",
      passwordSecret: { namespace, name: "couchbase-app", key: "password" },
      tls: true,
      tlsCaSecret: { namespace, name: "couchbase-tls", key: "ca.crt" },
      timeouts: { connectionTimeoutMs: 10_000, kvTimeoutMs: c.prod ? 10_000 : 2_500 },
      durability: c.durability,
    });
    // The operator's lookup of a digest's version (couchbase-operator pkg/util/couchbaseutil/version.go, read
    // 2026-11-29): GetVersionFromEnvConfigMap matches `<digest>=(.*)\s?\n` in IMAGE_DIGESTS_CONFIG_MAP, then NewVersion
    // parses `(?:(\w+)-)?(\d+)\.(\d+)\.(\d+)`; the server image is couchbase:enterprise-8.0.3.
    const image = (await cluster()).spec.image as string;
    const digest = image.split(":").pop() as string;
    const line = new RegExp(`${digest}=(.*)\\s?\\n`).exec(out.operatorImageDigests as string);
    expect(line?.[1]).toBe("enterprise-8.0.3");
    expect(/^(?:[0-9]+.*:)?(?:(\w+)-)?(\d+)\.(\d+)\.(\d+)(?:-(\w+))?/.exec(line?.[1] ?? "")?.slice(2, 5)).toEqual(["8", "0", "3"]);
    expect(JSON.stringify(out)).not.toContain("(secret)");
    expect(Object.keys(out).filter((k) => /password$/i.test(k))).toEqual([]);
  });
});

describe("Couchbase backups to S3 (prod example)", () => {
  const run = () => capturedRun({ stack: "couchbase-prod", stackDir: DIR });
  const namespace = "sparki-couchbase-prod-couchbase";

  it("backs up daily with cbbackupmgr straight to the configBackups bucket, no access key anywhere", async () => {
    const r = await run();
    const backup = plain(one(r, `${CB}CouchbaseBackup`));
    expect(backup.metadata.name).toBe("couchbase-s3");
    expect(backup.spec).toEqual({
      strategy: "full_only", full: { schedule: "17 3 * * *" }, backupRetention: "720h", logRetention: "168h",
      successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3, backoffLimit: 2, ephemeralVolume: true, size: "20Gi",
      storageClassName: "sparki-couchbase-prod-couchbase-ebs-kms-scratch",
      objectStore: { uri: "s3://sparki-couchbase-prod-848484848484-config-backups/kubernetes/couchbase", useIAM: false },
      env: [{ name: "CB_OBJSTORE_REGION", value: "eu-west-1" }],
    });
    const spec = plain(one(r, `${CB}CouchbaseCluster`)).spec as { backup: Record<string, unknown> };
    expect(spec.backup).toMatchObject({ managed: true, serviceAccountName: "couchbase-backup", selector: { matchLabels: { "couchbase.sparki.io/cluster": "couchbase" } } });
    expect(spec.backup.image).toMatch(/^848484848484\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/couchbase\/operator-backup:1\.5\.0@sha256:[a-f0-9]{64}$/);
    expect(JSON.stringify(r.resources.filter((x) => x.name.includes("-couchbase")).map((x) => x.inputs))).not.toMatch(/access-key|secret-access-key|AWS_ACCESS_KEY_ID/);
  });

  it("gives the backup jobs an IRSA role only their ServiceAccount can assume, limited to the archive prefix", async () => {
    const r = await run();
    const role = named(r, "aws:iam/role:Role", "-couchbase-backup-role");
    const trust = json<{ Statement: { Principal: { Federated: string }; Condition: { StringEquals: Record<string, string> } }[] }>(role.inputs.assumeRolePolicy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Principal.Federated).toBe("arn:aws:iam::848484848484:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": `system:serviceaccount:${namespace}:couchbase-backup`,
      "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com",
    });
    const policy = json<{ Statement: { Action: string[]; Resource: string[]; Condition?: unknown }[] }>(named(r, "aws:iam/rolePolicy:RolePolicy", "-couchbase-backup-archive").inputs.policy);
    const bucketArn = "arn:aws:s3:::sparki-couchbase-prod-848484848484-config-backups";
    for (const s of policy.Statement) {
      expect(s.Action.some((a) => a.endsWith("*")), JSON.stringify(s)).toBe(false);
      for (const res of s.Resource) expect([bucketArn, `${bucketArn}/kubernetes/couchbase/*`].includes(res) || res.startsWith("arn:aws:kms:"), res).toBe(true);
    }
    expect(policy.Statement.find((s) => s.Action.includes("s3:ListBucket"))?.Condition).toEqual({ StringLike: { "s3:prefix": ["kubernetes/couchbase", "kubernetes/couchbase/*"] } });
    const account = plain<{ metadata: { name: string; annotations: Record<string, string> } }>(one(r, "kubernetes:core/v1:ServiceAccount"));
    expect(account.metadata.name).toBe("couchbase-backup");
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(role.inputs.arn ?? account.metadata.annotations["eks.amazonaws.com/role-arn"]);
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(/couchbase-backup-role/);
    const rbac = plain<{ rules: unknown[] }>(one(r, "kubernetes:rbac.authorization.k8s.io/v1:Role"));
    expect(rbac.rules).toEqual([
      { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["get", "list"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
      { apiGroups: [""], resources: ["events"], verbs: ["create"] },
      { apiGroups: ["couchbase.com"], resources: ["couchbasebackups", "couchbasebackuprestores"], verbs: ["get", "list", "watch", "patch", "update"] },
    ]);
    expect(plain<{ subjects: unknown; roleRef: unknown }>(one(r, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"))).toMatchObject({
      subjects: [{ kind: "ServiceAccount", name: "couchbase-backup", namespace }], roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "couchbase-backup" },
    });
  });
});

const devSection = () => JSON.parse(stackConfig("couchbase-dev", {}, DIR)["sparki-storage:couchbase"]) as Record<string, unknown>;

describe("Couchbase review aids", () => {
  const run = (stack: string) => capturedRun({ stack, stackDir: DIR });
  const TYPE = `${CB}CouchbaseCluster`;

  it("prices prod's server volumes as EBS gp3 GB-months, leaves dev's to the cluster and reports the Enterprise licence NOT PRICED", async () => {
    const prod = estimateCost(await run("couchbase-prod"));
    expect(prod.lines.filter((l) => l.type === TYPE).map((l) => [l.item, l.unit])).toEqual([
      ["3 x 100 GiB EBS gp3 server volumes (storage class sparki-couchbase-prod-couchbase-ebs-kms)", "GB-month"],
    ]);
    const licence = "Couchbase Server Enterprise licence (required by the Couchbase Autonomous Operator): sold by subscription under a quote, no public list price";
    expect(prod.unpriced.filter((u) => u.type === TYPE).map((u) => [u.kind, u.reason])).toEqual([
      ["cluster-billed", "Couchbase servers: compute on the cluster's nodes"], ["unknown-sku", licence],
    ]);
    const dev = estimateCost(await run("couchbase-dev"));
    expect(dev.lines.filter((l) => l.type === TYPE)).toEqual([]);
    expect(dev.unpriced.filter((u) => u.type === TYPE).map((u) => u.reason)).toEqual([
      "Couchbase servers: compute on the cluster's nodes", licence, "1 x 10Gi server volumes on storage class standard, billed by the cluster's storage",
    ]);
  });

  it("estimates the operator-driven create time by the number of servers", async () => {
    expect(tableDuration(one(await run("couchbase-prod"), TYPE))).toEqual({ variant: "several servers", seconds: 540, listed: true });
    expect(tableDuration(one(await run("couchbase-dev"), TYPE))).toEqual({ variant: "one server", seconds: 240, listed: true });
  });

  it("makes a bucket rename a new stateful resource (the guard reports the old one's removal), never an in-place update", async () => {
    const names = async (bucket: string) => {
      const found: { type: string; name: string }[] = [];
      await runProgram({ stack: "couchbase-dev", stackDir: DIR, overrides: { "sparki-storage:couchbase": { ...devSection(), bucket: { name: bucket } } }, observe: (x) => found.push({ type: x.type, name: x.name }) });
      return found.filter((x) => x.type === `${CB}CouchbaseBucket`).map((x) => x.name);
    };
    const [before] = await names("fiber_storage");
    const [after] = await names("fiber_cache");
    expect(before).toMatch(/-bucket-couchbase-fiber-storage-[a-f0-9]{8}$/);
    expect(after).toMatch(/-bucket-couchbase-fiber-cache-[a-f0-9]{8}$/);
    // Different Pulumi names: the old URN disappears, which scripts/offline/base/diff.ts lists as statefulReplaced.
    expect(after).not.toBe(before);
    expect(couchbaseAdapter.resourceTypes.find((t) => t.type === `${CB}CouchbaseBucket`)?.stateful).toBe(true);
    // Names differing only in characters the object name cannot hold still get different objects.
    expect((await names("a_b"))[0]).not.toBe((await names("a-b"))[0]);
  });

  it("declares the cluster, the bucket and the credentials stateful for the replacement guard", () => {
    const stateful = new Set(couchbaseAdapter.resourceTypes.filter((t) => t.stateful).map((t) => t.type));
    for (const type of [TYPE, `${CB}CouchbaseBucket`, "kubernetes:core/v1:Secret", "random:index/randomPassword:RandomPassword", "kubernetes:core/v1:Namespace"]) expect(stateful.has(type), type).toBe(true);
    expect(stateful.has(`${CB}CouchbaseBackup`)).toBe(false);
  });
});

describe("the Couchbase CRD validators (test/couchbase-schema.ts) can fail", () => {
  it("refuse what the operator's CRD schema refuses", async () => {
    const r = await capturedRun({ stack: "couchbase-prod", stackDir: DIR });
    const cluster = plain(one(r, `${CB}CouchbaseCluster`));
    const bucket = plain(one(r, `${CB}CouchbaseBucket`));
    expect(() => validateCouchbaseCluster({ ...cluster, spec: { ...cluster.spec, image: "couchbase/server:latest" } })).toThrow(/^spec\.image: /);
    expect(() => validateCouchbaseCluster({ ...cluster, spec: { ...cluster.spec, servers: [] } })).toThrow(/^spec\.servers: /);
    expect(() => validateCouchbaseCluster({ ...cluster, metadata: { ...cluster.metadata, name: "c".repeat(43) } })).toThrow("a CouchbaseCluster name has at most 42 characters");
    expect(() => validateCouchbaseBucket({ ...bucket, spec: { ...bucket.spec, replicas: 4 } })).toThrow(/^spec\.replicas: /);
    expect(() => validateCouchbaseBucket({ ...bucket, spec: { ...bucket.spec, evictionPolicy: "noEviction" } })).toThrow(/^spec\.evictionPolicy: /);
    expect(() => validateCouchbaseBucket({ ...bucket, spec: { ...bucket.spec, flush: true } })).toThrow(/Unrecognized key/);
  });
});
