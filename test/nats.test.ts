import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { restrictedViolations, rootCreatedDirViolations } from "../policy/kubernetes";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun, json, one, ofType, type ProgramRun, type RegisteredResource } from "./harness";
import { isSecretValue, plainInputs, validateKubernetesObject } from "./kubernetes-schemas";

/**
 * NATS JetStream on Kubernetes as the example stacks deploy it (examples/nats), in both profiles. Outside facts used as
 * oracles (all checked 2026-11-29): NATS listens for clients on 4222, routes on 6222 and HTTP monitoring on 8222
 * (docs.nats.io, the image's `EXPOSE 4222 8222 6222`); the exporter on 7777 (prometheus-nats-exporter
 * DefaultListenPort); `/healthz` takes `js-enabled-only` and `js-server-only` (nats-server server/monitor.go);
 * `nats-server` takes `--config`, `--server_name`, `--cluster_advertise` and `--signal ldm=<pid file>` (main.go usage);
 * a Raft group of n tolerates floor((n-1)/2) down members; a KV bucket `b` is the stream `KV_b` and its subjects
 * `$KV.b.>` (nats.go jetstream/kv.go); the Fiber adapter's Config has URLs, NatsOptions (TLS CA, user and password)
 * and KeyValueConfig{Bucket, Storage, Replicas...} with bucket default `fiber_storage` (gofiber/storage nats/config.go);
 * a StatefulSet's claim is `<template>-<statefulset>-<ordinal>`.
 */

const DIR = join(REPO_ROOT, "examples", "nats");
const CASES = [
  { stack: "nats-dev", prod: false, nodes: 1, storageClass: "standard", sizeGi: "10Gi", cpu: "250m", cpuLimit: "1000m", memory: "1024Mi" },
  { stack: "nats-prod", prod: true, nodes: 3, storageClass: "sparki-nats-prod-nats-ebs-kms", sizeGi: "50Gi", cpu: "500m", cpuLimit: "2000m", memory: "2048Mi" },
] as const;

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
type Container = {
  name: string; image: string; command?: string[]; args?: string[]; env?: EnvVar[]; ports?: unknown[]; resources?: unknown;
  readinessProbe?: { httpGet?: { path: string; port: number; scheme: string } }; livenessProbe?: { httpGet?: { path: string; port: number; scheme: string } };
  startupProbe?: { httpGet?: { path: string; port: number; scheme: string } }; lifecycle?: { preStop?: { exec?: { command: string[] } } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[]; securityContext?: unknown;
};
type Pod = {
  securityContext?: Record<string, unknown>; containers: Container[]; initContainers?: Container[]; automountServiceAccountToken?: boolean;
  affinity?: unknown; topologySpreadConstraints?: unknown[];
  volumes?: { name: string; secret?: { secretName: string; items?: unknown[] }; emptyDir?: unknown }[];
};
type StatefulSet = {
  metadata: { name: string; namespace: string };
  spec: {
    replicas: number; serviceName: string; podManagementPolicy: string; template: { metadata: { annotations?: Record<string, string> }; spec: Pod };
    volumeClaimTemplates: { metadata: { name: string }; spec: unknown }[]; persistentVolumeClaimRetentionPolicy: unknown;
  };
};
type Rule = { alert: string; expr: string; for: string; labels: Record<string, string> };

const plain = <T>(r: RegisteredResource) => plainInputs(r.inputs) as T;
const natsObjects = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.name.includes("-nats-"));
const podSpecs = (run: ProgramRun): Pod[] => [
  plain<StatefulSet>(one(run, "kubernetes:apps/v1:StatefulSet")).spec.template.spec,
  ...ofType(run, "kubernetes:batch/v1:Job").map((r) => plain<{ spec: { template: { spec: Pod } } }>(r).spec.template.spec),
  ...ofType(run, "kubernetes:batch/v1:CronJob").map((r) => plain<{ spec: { jobTemplate: { spec: { template: { spec: Pod } } } } }>(r).spec.jobTemplate.spec.template.spec),
];

describe.each(CASES)("NATS on Kubernetes in $stack", (c) => {
  const run = () => capturedRun({ stack: c.stack, stackDir: DIR });
  const namespace = `sparki-${c.stack}-nats`;
  const host = `nats.${namespace}.svc.cluster.local`;
  const statefulSet = async () => plain<StatefulSet>(one(await run(), "kubernetes:apps/v1:StatefulSet"));
  const rules = async () => plain<{ spec: { groups: { rules: Rule[] }[] } }>(one(await run(), "kubernetes:monitoring.coreos.com/v1:PrometheusRule")).spec.groups[0].rules;

  it("registers schema-valid objects, all in its own namespace, through the example's kubeconfig context", async () => {
    const r = await run();
    const objects = natsObjects(r);
    expect(objects.map((o) => o.type).sort()).toEqual([
      "kubernetes:apps/v1:StatefulSet",
      ...(c.prod ? ["kubernetes:batch/v1:CronJob"] : []),
      "kubernetes:batch/v1:Job",
      "kubernetes:core/v1:Namespace",
      ...Array<string>(6).fill("kubernetes:core/v1:Secret"),
      "kubernetes:core/v1:Service", "kubernetes:core/v1:Service",
      ...(c.prod ? ["kubernetes:core/v1:ServiceAccount"] : []),
      "kubernetes:monitoring.coreos.com/v1:PodMonitor", "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      // prod: the servers' class and the backup scratch class (both on the stack key)
      ...(c.prod ? ["kubernetes:policy/v1:PodDisruptionBudget", "kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:storage.k8s.io/v1:StorageClass"] : []),
    ]);
    // The configuration holds credentials' hashes: a ConfigMap would show them to anyone who may read ConfigMaps.
    expect(ofType(r, "kubernetes:core/v1:ConfigMap").filter((o) => o.name.includes("-nats-"))).toEqual([]);
    for (const o of objects) {
      await expect(validateKubernetesObject(o), `${o.type} ${o.name}`).resolves.toBeUndefined();
      const clusterScoped = o.type.endsWith(":Namespace") || o.type.endsWith(":StorageClass");
      expect(plain<{ metadata: { namespace?: string } }>(o).metadata.namespace, o.name).toBe(clusterScoped ? undefined : namespace);
      expect(o.provider, o.name).toContain(`$pulumi:providers:kubernetes::sparki-${c.stack}-nats-kubernetes::`);
    }
    expect(one(r, "pulumi:providers:kubernetes").inputs).toMatchObject({ context: c.prod ? "sparki-prod" : "sparki-dev", enableServerSideApply: "true" });
    expect(one(r, "sparki:nats:NatsCluster").name).toBe(`sparki-${c.stack}-nats`);
    const ns = plain<{ metadata: { labels: Record<string, string> } }>(one(r, "kubernetes:core/v1:Namespace"));
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  it("meets the restricted Pod Security Standard in every pod, with no service account token and no root-created folders", async () => {
    const pods = podSpecs(await run());
    expect(pods).toHaveLength(c.prod ? 3 : 2);
    for (const pod of pods) {
      expect(restrictedViolations(pod as never)).toEqual([]);
      expect(rootCreatedDirViolations(pod as never)).toEqual([]);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } });
    }
  });

  it(`runs ${c.nodes} server(s) of the pinned official image, named after their pods${c.prod ? ", advertising routes by stable DNS name" : ""}`, async () => {
    const ss = await statefulSet();
    expect(ss.metadata.name).toBe("nats");
    expect(ss.spec).toMatchObject({ replicas: c.nodes, serviceName: "nats-headless", podManagementPolicy: "Parallel" });
    const server = ss.spec.template.spec.containers[0];
    expect(server.image).toMatch(/^docker\.io\/library\/nats:2\.\d+\.\d+-alpine@sha256:[0-9a-f]{64}$/);
    expect(server.command).toEqual(["nats-server"]);
    expect(server.args).toEqual([
      "--config", "/etc/nats/nats.conf", "--server_name", "$(POD_NAME)",
      ...(c.prod ? ["--cluster_advertise", `$(POD_NAME).nats-headless.${namespace}.svc.cluster.local:6222`] : []),
    ]);
    expect(server.env).toContainEqual({ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } });
    expect(server.ports).toEqual([
      { name: "client", containerPort: 4222, protocol: "TCP" },
      { name: "cluster", containerPort: 6222, protocol: "TCP" },
      { name: "monitor", containerPort: 8222, protocol: "TCP" },
    ]);
    // The configuration comes from its Secret, the certificate from the TLS Secret; both read-only.
    const pod = ss.spec.template.spec;
    expect(pod.volumes?.find((v) => v.name === "config")?.secret?.secretName).toBe("nats-config");
    expect(pod.volumes?.find((v) => v.name === "certs")?.secret?.secretName).toBe("nats-tls");
    expect(server.volumeMounts).toEqual(expect.arrayContaining([
      { name: "config", mountPath: "/etc/nats", readOnly: true }, { name: "certs", mountPath: "/etc/nats-certs", readOnly: true }, { name: "data", mountPath: "/data" },
    ]));
    expect(server.lifecycle?.preStop?.exec?.command).toEqual(["nats-server", "--signal", "ldm=/tmp/nats.pid"]);
    // A changed configuration rolls the pods although the Secret's content is not in the template.
    expect(ss.spec.template.metadata.annotations?.["storage.sparki.io/config-hash"]).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps JetStream on one claim per server of the named StorageClass, kept on delete in prod", async () => {
    const ss = await statefulSet();
    expect(ss.spec.volumeClaimTemplates.map((t) => t.metadata.name)).toEqual(["data"]);
    expect(ss.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: c.storageClass, resources: { requests: { storage: c.sizeGi } } });
    expect(ss.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: c.prod ? "Retain" : "Delete", whenScaled: "Retain" });
    if (c.prod) {
      const sc = plain<{ provisioner: string; parameters: Record<string, string>; reclaimPolicy: string }>(one(await run(), "kubernetes:storage.k8s.io/v1:StorageClass", "sparki-nats-prod-nats-storage-class"));
      expect(sc).toMatchObject({ provisioner: "ebs.csi.aws.com", reclaimPolicy: "Retain", parameters: { type: "gp3", encrypted: "true" } });
      expect(sc.parameters.kmsKeyId).toMatch(/^arn:aws:kms:eu-west-1:555555555555:key\//);
    }
  });

  it("requests and limits CPU and memory, and probes /healthz on the monitoring port as the NATS chart does", async () => {
    const [server, exporter] = (await statefulSet()).spec.template.spec.containers;
    expect(server.resources).toEqual({ requests: { cpu: c.cpu, memory: c.memory }, limits: { cpu: c.cpuLimit, memory: c.memory } });
    const get = (path: string) => ({ path, port: 8222, scheme: "HTTP" });
    expect(server.startupProbe?.httpGet).toEqual(get("/healthz"));
    expect(server.livenessProbe?.httpGet).toEqual(get("/healthz?js-enabled-only=true"));
    expect(server.readinessProbe?.httpGet).toEqual(get("/healthz?js-server-only=true"));
    // GOMEMLIMIT below the limit: Go collects before the kernel kills.
    const limitMiB = Number.parseInt(c.memory, 10);
    const goMem = Number.parseInt(server.env?.find((e) => e.name === "GOMEMLIMIT")?.value ?? "", 10);
    expect(goMem).toBeGreaterThan(limitMiB * 0.5);
    expect(goMem).toBeLessThan(limitMiB);
    expect(exporter.name).toBe("exporter");
    expect(exporter.image).toMatch(/^docker\.io\/natsio\/prometheus-nats-exporter:[\d.]+@sha256:[0-9a-f]{64}$/);
    expect(exporter.args).toEqual(expect.arrayContaining(["-port", "7777", "-varz", "-routez", "-jsz=all", "http://localhost:8222"]));
    expect(exporter.ports).toEqual([{ name: "metrics", containerPort: 7777, protocol: "TCP" }]);
  });

  it(c.prod ? "keeps members on different nodes and lets drains take one at a time (Raft majority of 3)" : "has no anti-affinity and no PodDisruptionBudget for its single server", async () => {
    const r = await run();
    const pod = plain<StatefulSet>(one(r, "kubernetes:apps/v1:StatefulSet")).spec.template.spec;
    const labelSelector = { matchLabels: { "app.kubernetes.io/name": "nats", "app.kubernetes.io/instance": `sparki-${c.stack}-nats`, "app.kubernetes.io/component": "server" } };
    expect(pod.affinity).toEqual(c.prod ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector }] } } : undefined);
    const budgets = ofType(r, "kubernetes:policy/v1:PodDisruptionBudget").map((b) => plain<{ spec: { maxUnavailable: number; selector: unknown } }>(b).spec);
    expect(budgets).toEqual(c.prod ? [{ maxUnavailable: 1, selector: labelSelector }] : []);
  });

  it("reaches pods by stable names through a headless Service that publishes not-ready pods, and clients through one port", async () => {
    const r = await run();
    const services = Object.fromEntries(ofType(r, "kubernetes:core/v1:Service").map((s) => {
      const spec = plain<{ metadata: { name: string }; spec: { clusterIP?: string; publishNotReadyAddresses?: boolean; ports: { port: number }[] } }>(s);
      return [spec.metadata.name, spec.spec];
    }));
    expect(services["nats-headless"]).toMatchObject({ clusterIP: "None", publishNotReadyAddresses: true });
    expect(services["nats-headless"].ports.map((p) => p.port)).toEqual([4222, 6222]);
    expect(services.nats.ports.map((p) => p.port)).toEqual([4222]);
  });

  it("admits labelled client namespaces, its Jobs on 4222, members on 6222, Prometheus on 7777 and nobody on 8222", async () => {
    const policy = plain<{ spec: { policyTypes: string[]; ingress: { from: Record<string, { matchLabels: Record<string, string> }>[]; ports: { port: number }[] }[] } }>(
      one(await run(), "kubernetes:networking.k8s.io/v1:NetworkPolicy"));
    expect(policy.spec.policyTypes).toEqual(["Ingress"]);
    const byPort = Object.fromEntries(policy.spec.ingress.map((rule) => [rule.ports.map((p) => p.port).join(","), rule.from]));
    expect(Object.keys(byPort).sort()).toEqual(["4222", "6222", "7777"]);
    const component = (from: Record<string, { matchLabels: Record<string, string> }>) => from.podSelector?.matchLabels["app.kubernetes.io/component"];
    expect(byPort["4222"].map((f) => f.namespaceSelector?.matchLabels ?? component(f))).toEqual([{ "storage.sparki.io/nats-client": "true" }, "provisioner", "backup"]);
    expect(byPort["6222"].map(component)).toEqual(["server"]);
    expect(byPort["7777"]).toEqual([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]);
  });

  it("keeps every credential and the server configuration in Secrets as secret data, never stringData", async () => {
    const secrets = ofType(await run(), "kubernetes:core/v1:Secret");
    const byName = Object.fromEntries(secrets.map((s) => [(s.inputs.metadata as { name: string }).name, s.inputs]));
    expect(Object.keys(byName).sort()).toEqual([
      "nats-backup-credentials", "nats-client-credentials", "nats-config", "nats-provisioner-credentials", "nats-restore-credentials", "nats-system-credentials",
    ]);
    for (const [name, inputs] of Object.entries(byName)) {
      expect(inputs.stringData, name).toBeUndefined();
      expect(inputs.type, name).toBe("Opaque");
      // The whole `data` is a Pulumi secret (the test runner keeps its wire form so that its shape can be read).
      expect(isSecretValue(inputs.data), name).toBe(true);
      const data = (inputs.data as { value: Record<string, string> }).value;
      expect(Object.keys(data).sort(), name).toEqual(name === "nats-config" ? ["nats.conf"] : ["password", "user"]);
    }
  });

  it("configures TLS-only clients, bcrypt-hashed users and JetStream below the volume" + (c.prod ? ", and mutual-TLS routes to every member" : ""), async () => {
    const r = await run();
    const secret = (name: string) => (one(r, "kubernetes:core/v1:Secret", `sparki-${c.stack}-nats-${name}`).inputs.data as { value: Record<string, string> }).value;
    const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
    const conf = JSON.parse(decode(secret("config")["nats.conf"])) as {
      tls: Record<string, unknown>; jetstream: { store_dir: string; max_file_store: number };
      cluster?: { routes: string[]; tls: { verify: boolean }; no_advertise: boolean };
      accounts: Record<string, { jetstream?: string; users: { user: string; password: string; permissions: { subscribe: { allow: string[] } } }[] }>; system_account: string;
    };
    expect(conf.tls).toMatchObject({ cert_file: "/etc/nats-certs/tls.crt", key_file: "/etc/nats-certs/tls.key", ca_file: "/etc/nats-certs/ca.crt" });
    expect(conf.jetstream.store_dir).toBe("/data/jetstream");
    const volumeBytes = Number.parseInt(c.sizeGi, 10) * 1024 ** 3;
    expect(conf.jetstream.max_file_store).toBeGreaterThan(volumeBytes / 2);
    expect(conf.jetstream.max_file_store).toBeLessThan(volumeBytes);
    if (c.prod) {
      expect(conf.cluster?.routes).toEqual([0, 1, 2].map((i) => `tls://nats-${i}.nats-headless.${namespace}.svc.cluster.local:6222`));
      expect(conf.cluster?.tls.verify).toBe(true);
      expect(conf.cluster?.no_advertise).toBe(true);
    } else {
      expect(conf.cluster).toBeUndefined();
    }
    expect(conf.accounts.APP.jetstream).toBe("enabled");
    expect(conf.system_account).toBe("SYS");
    // Each user's configured password is the bcrypt hash of the one in its credentials Secret, never that password.
    const users = [...conf.accounts.APP.users, ...conf.accounts.SYS.users];
    expect(users.map((u) => u.user).sort()).toEqual(["backup", "fiber", "provisioner", "restore", "system"]);
    // Replies are private: each application user may subscribe to its own inbox prefix only (not the shared _INBOX.>).
    for (const u of conf.accounts.APP.users) {
      expect(u.permissions.subscribe.allow, u.user).toEqual([`_INBOX_${u.user}.>`]);
    }
    for (const [role, user] of [["client", "fiber"], ["provisioner", "provisioner"], ["backup", "backup"], ["restore", "restore"], ["system", "system"]] as const) {
      const creds = secret(`${role}-credentials`);
      expect(decode(creds.user)).toBe(user);
      const configured = users.find((u) => u.user === user)?.password ?? "";
      expect(configured, user).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
      expect(configured, user).not.toBe(decode(creds.password));
    }
  });

  it(`is ${c.prod ? "" : "not "}protected where replacing would lose data or credentials`, async () => {
    const r = await run();
    for (const [type, name] of [
      ["kubernetes:core/v1:Namespace", "namespace"], ["kubernetes:apps/v1:StatefulSet", "servers"],
      ["kubernetes:core/v1:Secret", "client-credentials"], ["random:index/randomPassword:RandomPassword", "client-password"],
      ["random:index/randomPassword:RandomPassword", "system-password"],
    ] as const) {
      expect(one(r, type, `sparki-${c.stack}-nats-${name}`).options.protect, name).toBe(c.prod);
    }
  });

  it(`creates the adapter's bucket once (file storage, R${Math.min(c.nodes, 3)}) with the provisioner user over TLS`, async () => {
    const job = plain<{ metadata: { name: string }; spec: { template: { spec: Pod } } }>(one(await run(), "kubernetes:batch/v1:Job"));
    expect(job.metadata.name).toMatch(/^nats-bucket-[0-9a-f]{10}$/);
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toMatch(/^docker\.io\/natsio\/nats-box:[\d.]+@sha256:[0-9a-f]{64}$/);
    const script = container.command?.[2] ?? "";
    expect(script).toContain('nats() { command nats --inbox-prefix _INBOX_provisioner "$@"; }');
    expect(script).toContain('if nats kv info "fiber_storage" >/dev/null 2>&1; then');
    expect(script).toContain(`nats kv add "fiber_storage" --storage=file --replicas=${Math.min(c.nodes, 3)} --history=1`);
    expect(container.env).toEqual(expect.arrayContaining([
      { name: "NATS_URL", value: `tls://${host}:4222` },
      { name: "NATS_CA", value: "/etc/nats-ca/ca.crt" },
      { name: "NATS_USER", valueFrom: { secretKeyRef: { name: "nats-provisioner-credentials", key: "user" } } },
      { name: "NATS_PASSWORD", valueFrom: { secretKeyRef: { name: "nats-provisioner-credentials", key: "password" } } },
    ]));
    // Only the CA of the TLS Secret reaches the Job, not the servers' private key.
    expect(job.spec.template.spec.volumes?.find((v) => v.name === "ca")?.secret).toMatchObject({ secretName: "nats-tls", items: [{ key: "ca.crt", path: "ca.crt" }] });
  });

  it("scrapes the exporter with a PodMonitor for the release and alerts on leaders, storage, slow consumers, volumes, restarts" + (c.prod ? ", routes and missed backups" : ""), async () => {
    const monitor = plain<{ metadata: { labels: Record<string, string> }; spec: { podMetricsEndpoints: { port: string }[] } }>(one(await run(), "kubernetes:monitoring.coreos.com/v1:PodMonitor"));
    expect(monitor.spec.podMetricsEndpoints.map((e) => e.port)).toEqual(["metrics"]);
    expect(monitor.metadata.labels.release).toBe(c.prod ? "kube-prometheus-stack" : undefined);
    const all = await rules();
    expect(all.map((r) => r.alert)).toEqual([
      "NatsJetStreamMetaLeaderMissing", "NatsKvStreamLeaderMissing",
      "NatsJetStreamStorageUsedWarning", "NatsJetStreamStorageUsedCritical",
      "NatsSlowConsumersWarning", "NatsSlowConsumersCritical",
      "NatsServerRestartsWarning", "NatsServerRestartsCritical",
      ...(c.prod ? ["NatsRoutesMissing", "NatsKvReplicasMissing"] : []),
      "NatsVolumeUsedWarning", "NatsVolumeUsedCritical",
      ...(c.prod ? ["BackupMissedWarning", "BackupMissedCritical"] : []),
    ]);
    const byName = Object.fromEntries(all.map((r) => [r.alert, r]));
    expect(byName.NatsKvStreamLeaderMissing.expr).toBe(`absent(jetstream_stream_total_messages{namespace="${namespace}", stream_name="KV_fiber_storage", is_stream_leader="true"})`);
    expect(byName.NatsJetStreamStorageUsedCritical.expr).toContain("jetstream_server_max_storage");
    expect(byName.NatsJetStreamStorageUsedCritical.labels.threshold_source).toBe("platform:natsJetStreamStorageUsedPercent");
    expect(byName.NatsVolumeUsedCritical.expr).toContain('persistentvolumeclaim=~"data-nats-[0-9]+"');
    expect(byName.NatsVolumeUsedCritical.labels.threshold_source).toBe("platform:k8sVolumeUsedPercent");
    // 2 peers x (the default route pool of 3 (server/const.go DEFAULT_ROUTE_POOL_SIZE) + the system account's pinned
    // route (server/opts.go setBaselineOptions)).
    if (c.prod) expect(byName.NatsRoutesMissing.expr).toBe(`min by (pod) (gnatsd_varz_routes{namespace="${namespace}"}) < 8`);
    if (c.prod) expect(byName.NatsKvReplicasMissing.expr).toBe(`count(jetstream_stream_total_messages{namespace="${namespace}", stream_name="KV_fiber_storage"}) < 3`);
    // The matrix gives NATS no latency: no latency rule is made up.
    expect(all.filter((r) => /latency/i.test(r.alert))).toEqual([]);
  });

  it("outputs what the Fiber adapter's Config needs, and no secret value", async () => {
    const r = await run();
    expect(r.outputs.nats).toEqual({
      fiberPackages: ["storage/nats"],
      urls: `tls://${host}:4222`,
      tls: true,
      kubernetesNamespace: namespace,
      secretName: "nats-client-credentials",
      secretKeys: { user: "user", password: "password" },
      tlsSecretName: "nats-tls",
      tlsCaKey: "ca.crt",
      tlsDnsNames: [`nats.${namespace}.svc`, host, `*.nats-headless.${namespace}.svc.cluster.local`],
      inboxPrefix: "_INBOX_fiber",
      copyIntoClientNamespace: [
        "Secret nats-client-credentials (keys user, password)",
        "ca.crt of Secret nats-tls (only ca.crt: the Secret also holds the servers' private key)",
      ],
      restoreSecretName: "nats-restore-credentials",
      keyValueConfig: { bucket: "fiber_storage", storage: "file", replicas: Math.min(c.nodes, 3), history: 1, ttlSeconds: 0 },
      ...(c.prod ? {
        backup: { bucket: `sparki-${c.stack}-555555555555-config-backups`, prefix: "kubernetes/nats/", schedule: "17 3 * * *" },
        ebsCsiKmsPolicy: { arn: `arn:aws:iam::555555555555:policy/sparki-${c.stack}-nats-ebs-csi-kms`, attachToRoleArn: "arn:aws:iam::555555555555:role/sparki-prod-ebs-csi-driver" },
      } : {}),
    });
    expect(JSON.stringify(r.outputs.nats)).not.toMatch(/mock-password-|\$2a\$/);
  });

  it(c.prod ? "backs the bucket's stream up daily with `nats stream backup` as the backup user, uploaded write-only" : "has no backup in dev", async () => {
    const r = await run();
    const cronJobs = ofType(r, "kubernetes:batch/v1:CronJob");
    if (!c.prod) {
      expect(cronJobs).toEqual([]);
      return;
    }
    const cron = plain<{ metadata: { name: string }; spec: { schedule: string; jobTemplate: { spec: { template: { spec: Pod } } } } }>(cronJobs[0]);
    expect(cron.metadata.name).toBe("nats-backup");
    expect(cron.spec.schedule).toBe("17 3 * * *");
    const dump = cron.spec.jobTemplate.spec.template.spec.initContainers?.[0];
    expect(dump?.image).toMatch(/^docker\.io\/natsio\/nats-box:/);
    expect(dump?.command?.[2]).toContain('nats stream backup "KV_fiber_storage" "/backup/KV_fiber_storage"');
    expect(dump?.command?.[2]).toContain('nats() { command nats --inbox-prefix _INBOX_backup "$@"; }');
    expect(dump?.env).toEqual(expect.arrayContaining([
      { name: "NATS_USER", valueFrom: { secretKeyRef: { name: "nats-backup-credentials", key: "user" } } },
      { name: "NATS_PASSWORD", valueFrom: { secretKeyRef: { name: "nats-backup-credentials", key: "password" } } },
    ]));
    const policy = json<{ Statement: { Action: string[]; Resource: string[] }[] }>(one(r, "aws:iam/rolePolicy:RolePolicy", `sparki-${c.stack}-nats-backup-upload`).inputs.policy);
    expect(policy.Statement[0]).toMatchObject({ Action: ["s3:PutObject", "s3:AbortMultipartUpload"], Resource: [`arn:aws:s3:::sparki-${c.stack}-555555555555-config-backups/kubernetes/nats/*`] });
  });
});

it("plans in preview too (unknown password hashes, ARNs) with the same objects", async () => {
  for (const c of CASES) {
    const applied = await capturedRun({ stack: c.stack, stackDir: DIR });
    const previewed = await capturedRun({ stack: c.stack, stackDir: DIR }, true);
    expect(natsObjects(previewed).map((r) => `${r.type} ${r.name}`).sort(), c.stack).toEqual(natsObjects(applied).map((r) => `${r.type} ${r.name}`).sort());
  }
});

it("is off in the dev and prod stacks", async () => {
  for (const stack of ["dev", "prod"] as const) {
    const r = await capturedRun({ stack });
    expect(r.resources.filter((o) => o.type.startsWith("sparki:nats:")), stack).toEqual([]);
    expect(r.outputs.nats, stack).toBeUndefined();
  }
});
