import { join } from "node:path";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AUTH_SCRIPT, authJob as authJobArgs, authJobHash, ETCD_CLIENT_IMAGE, ETCD_IMAGE } from "../components/etcd";
import { imageReference } from "../components/kubernetes/image";
import { PLATFORM_THRESHOLDS } from "../components/matrix/thresholds";
import { restrictedViolations, rootCreatedDirViolations } from "../policy/kubernetes";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { STATEFUL_RESOURCE_TYPES } from "../stacks/adapters/registry";
import { runProgram } from "../scripts/offline/run-program";
import { capturedRun, ofType, one, type ProgramRun, type RegisteredResource } from "./harness";
import { plainInputs, validateKubernetesObject } from "./kubernetes-schemas";

/**
 * The etcd adapter as examples/etcd deploys it, in both profiles: every object it registers, read back from the
 * program's registrations. Outside facts used as oracles are named where they appear (etcd's ports, flags and
 * metric names, the FAQ's quorum arithmetic, gofiber/storage etcd's Config).
 */

const DIR = join(REPO_ROOT, "examples", "etcd");
const runOf = (profile: "dev" | "prod") => capturedRun({ stack: `etcd-${profile}`, stackDir: DIR });

type PodSpec = NonNullable<NonNullable<StatefulSet["spec"]>["template"]["spec"]>;
const typed = <T>(model: new (data: never) => T, r: RegisteredResource): T => new model(plainInputs(r.inputs) as never);
const etcdObjects = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.name.startsWith(`sparki-${run.stack}-etcd`));
const statefulSet = (run: ProgramRun) => typed(StatefulSet, one(run, "kubernetes:apps/v1:StatefulSet"));
const memberPod = (run: ProgramRun): PodSpec => statefulSet(run).spec!.template.spec!;
const authJob = (run: ProgramRun) => typed(Job, one(run, "kubernetes:batch/v1:Job"));
const cronJob = (run: ProgramRun, suffix: string) => typed(CronJob, one(run, "kubernetes:batch/v1:CronJob", `sparki-${run.stack}-etcd-${suffix}`));
const flag = (args: readonly string[], name: string) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));

/** etcd's IANA ports (client 2379, peer 2380; https://etcd.io/docs/v3.6/op-guide/configuration/) and kubeadm's metrics port 2381. */
const CLIENT = 2379;
const PEER = 2380;
const METRICS = 2381;

describe.each(["dev", "prod"] as const)("etcd on Kubernetes, examples/etcd %s", (profile) => {
  const isProd = profile === "prod";
  const stack = `etcd-${profile}`;
  const namespace = `sparki-${stack}-etcd`;
  const members = isProd ? 3 : 1;
  const instance = `sparki-${stack}-etcd`;
  const role = (component: string) => ({ "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": instance, "app.kubernetes.io/component": component });

  it("registers exactly its objects and each validates against the Kubernetes (or prometheus-operator) schema", async () => {
    const objects = etcdObjects(await runOf(profile));
    expect(objects.map((r) => r.type).sort()).toEqual([
      "kubernetes:apps/v1:StatefulSet", "kubernetes:batch/v1:CronJob",
      ...(isProd ? ["kubernetes:batch/v1:CronJob"] : []),
      "kubernetes:batch/v1:Job", "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret",
      ...(isProd ? ["kubernetes:core/v1:ServiceAccount"] : []),
      "kubernetes:core/v1:Service", "kubernetes:core/v1:Service", "kubernetes:monitoring.coreos.com/v1:PodMonitor",
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      // prod: the members' class and the backup scratch class (both on the stack key)
      ...(isProd ? ["kubernetes:policy/v1:PodDisruptionBudget", "kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:storage.k8s.io/v1:StorageClass"] : []),
    ].sort());
    for (const r of objects) {
      await expect(validateKubernetesObject(r), `${r.type} ${r.name}`).resolves.toBeUndefined();
      const ns = (plainInputs(r.inputs.metadata) as { namespace?: string }).namespace;
      expect(ns, `${r.type} ${r.name}`).toBe(r.type.endsWith(":Namespace") || r.type.endsWith(":StorageClass") ? undefined : namespace);
    }
  });

  it("reaches the cluster only through its own provider for the named context, every object a child of the component", async () => {
    const run = await runOf(profile);
    const provider = one(run, "pulumi:providers:kubernetes");
    expect(provider.name).toBe(`sparki-${stack}-etcd-kubernetes`);
    expect(provider.inputs).toEqual({ context: `sparki-${profile}`, enableServerSideApply: "true" });
    for (const r of etcdObjects(run)) expect(r.provider, r.name).toContain(`::sparki-${stack}-etcd-kubernetes::`);
    expect(one(run, "kubernetes:apps/v1:StatefulSet").parent).toEqual({ type: "sparki:etcd:EtcdCluster", name: instance });
  });

  it(`runs ${members} member(s) bootstrapped statically over the headless Service's stable names`, async () => {
    const set = statefulSet(await runOf(profile));
    expect(set.spec).toMatchObject({ replicas: members, serviceName: "etcd-peers", podManagementPolicy: "Parallel" });
    const c = set.spec!.template.spec!.containers[0];
    expect(c.image).toBe(imageReference(ETCD_IMAGE));
    expect(c.command).toEqual(["/usr/local/bin/etcd"]);
    const args = c.args!;
    const host = (i: number) => `etcd-${i}.etcd-peers.${namespace}.svc.cluster.local`;
    expect(flag(args, "initial-cluster")).toEqual([Array.from({ length: members }, (_, i) => `etcd-${i}=https://${host(i)}:${PEER}`).join(",")]);
    expect(flag(args, "name")).toEqual(["$(POD_NAME)"]);
    expect(c.env).toContainEqual({ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } });
    expect(flag(args, "initial-advertise-peer-urls")).toEqual([`https://$(POD_NAME).etcd-peers.${namespace}.svc.cluster.local:${PEER}`]);
    expect(flag(args, "advertise-client-urls")).toEqual([`https://$(POD_NAME).etcd-peers.${namespace}.svc.cluster.local:${CLIENT}`]);
    expect(flag(args, "initial-cluster-state")).toEqual(["new"]);
    expect(flag(args, "data-dir")).toEqual(["/var/lib/etcd/data"]);
  });

  it("speaks TLS to clients and peers and requires their client certificates; metrics on plain HTTP on their own port", async () => {
    const pod = memberPod(await runOf(profile));
    const args = pod.containers[0].args!;
    expect(flag(args, "listen-client-urls")).toEqual([`https://0.0.0.0:${CLIENT}`]);
    expect(flag(args, "listen-peer-urls")).toEqual([`https://0.0.0.0:${PEER}`]);
    expect(flag(args, "listen-metrics-urls")).toEqual([`http://0.0.0.0:${METRICS}`]);
    for (const name of ["client-cert-auth", "peer-client-cert-auth"]) expect(flag(args, name), name).toEqual(["true"]);
    for (const [name, file] of [["cert-file", "tls.crt"], ["key-file", "tls.key"], ["trusted-ca-file", "ca.crt"], ["peer-cert-file", "tls.crt"], ["peer-key-file", "tls.key"], ["peer-trusted-ca-file", "ca.crt"]]) {
      expect(flag(args, name), name).toEqual([`/etcd-tls/${file}`]);
    }
    expect(pod.volumes!.find((v) => v.name === "tls")?.secret).toEqual({ secretName: "etcd-tls", defaultMode: 0o440 });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: "tls", mountPath: "/etcd-tls", readOnly: true });
  });

  it("keeps the database under the backend quota: quota from the volume, hourly compaction, daily defragmentation member by member", async () => {
    const run = await runOf(profile);
    const set = statefulSet(run);
    const args = set.spec!.template.spec!.containers[0].args!;
    const volumeGiB = isProd ? 10 : 4;
    // dev 4 GiB volume: (4 - 1) / 2 -> 1 GiB; prod 10 GiB: etcd's default 2 GiB fits.
    const quotaGiB = isProd ? 2 : 1;
    expect(flag(args, "quota-backend-bytes")).toEqual([String(quotaGiB * 1024 ** 3)]);
    expect(Number(flag(args, "quota-backend-bytes")[0])).toBeLessThanOrEqual(8 * 1024 ** 3); // etcd's documented maximum, 8 GB
    expect(flag(args, "auto-compaction-mode")).toEqual(["periodic"]);
    expect(flag(args, "auto-compaction-retention")).toEqual(["1h"]);
    expect(set.spec!.volumeClaimTemplates![0].spec!.resources!.requests!.storage).toBe(`${volumeGiB}Gi`);
    const defrag = cronJob(run, "defrag");
    expect(defrag.spec).toMatchObject({ schedule: "43 4 * * *", timeZone: "Etc/UTC", concurrencyPolicy: "Forbid" });
    const c = defrag.spec.jobTemplate.spec!.template.spec!.containers[0];
    expect(c.image).toBe(imageReference(ETCD_IMAGE));
    expect(c.command).toEqual(["/usr/local/bin/etcdctl", "defrag"]);
    const endpoints = c.env!.find((e) => e.name === "ETCDCTL_ENDPOINTS")?.value?.split(",");
    expect(endpoints).toEqual(Array.from({ length: members }, (_, i) => `https://etcd-${i}.etcd-peers.${namespace}.svc.cluster.local:${CLIENT}`));
    expect(c.env).toContainEqual({ name: "ETCDCTL_USER", valueFrom: { secretKeyRef: { name: "etcd-root-credentials", key: "username" } } });
  });

  it("meets the Restricted Pod Security Standard in every pod, as a non-root user, with nothing root-created to write", async () => {
    const run = await runOf(profile);
    const pods: PodSpec[] = [memberPod(run), authJob(run).spec!.template.spec!, cronJob(run, "defrag").spec.jobTemplate.spec!.template.spec!,
      ...(isProd ? [cronJob(run, "backup-cron").spec.jobTemplate.spec!.template.spec!] : [])];
    for (const pod of pods) {
      const spec = plainInputs(pod) as Parameters<typeof restrictedViolations>[0];
      expect(restrictedViolations(spec)).toEqual([]);
      expect(rootCreatedDirViolations(spec)).toEqual([]);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532 });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
        expect(c.securityContext, c.name).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
        expect(c.resources?.limits, c.name).toBeDefined();
        expect(c.image, c.name).toMatch(/@sha256:[a-f0-9]{64}$/);
      }
    }
  });

  it("probes /livez and /readyz on the plain-HTTP metrics listener, and sizes the member from the profile", async () => {
    const c = memberPod(await runOf(profile)).containers[0];
    const get = (path: string) => ({ path, port: METRICS, scheme: "HTTP" });
    expect(c.startupProbe).toMatchObject({ httpGet: get("/livez"), failureThreshold: 30 });
    expect(c.livenessProbe).toMatchObject({ httpGet: get("/livez") });
    expect(c.readinessProbe).toMatchObject({ httpGet: get("/readyz") });
    expect(c.ports).toEqual([
      { name: "client", containerPort: CLIENT, protocol: "TCP" }, { name: "peer", containerPort: PEER, protocol: "TCP" },
      { name: "metrics", containerPort: METRICS, protocol: "TCP" },
    ]);
    expect(c.resources).toEqual(isProd
      ? { requests: { cpu: "500m", memory: "2048Mi" }, limits: { cpu: "2000m", memory: "2048Mi" } }
      : { requests: { cpu: "250m", memory: "1024Mi" }, limits: { cpu: "1000m", memory: "1024Mi" } });
  });

  it(isProd ? "keeps members on different nodes and lets one go at a time (quorum of 3 tolerates 1)" : "has no disruption budget for one member", async () => {
    const run = await runOf(profile);
    const pod = memberPod(run);
    const labelSelector = { matchLabels: role("server") };
    expect(pod.affinity).toEqual(isProd
      ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector }] } }
      : undefined);
    const budgets = ofType(run, "kubernetes:policy/v1:PodDisruptionBudget").map((r) => typed(PodDisruptionBudget, r));
    // etcd FAQ: a cluster of 3 tolerates 1 failure.
    expect(budgets.map((b) => b.spec)).toEqual(isProd ? [{ maxUnavailable: 1, selector: labelSelector }] : []);
  });

  it("publishes not-ready members on the headless Service, ready ones on the client Service", async () => {
    const services = ofType(await runOf(profile), "kubernetes:core/v1:Service").map((r) => typed(Service, r));
    const byName = Object.fromEntries(services.map((s) => [s.metadata!.name!, s.spec!]));
    expect(byName["etcd-peers"]).toMatchObject({ clusterIP: "None", publishNotReadyAddresses: true, selector: role("server") });
    expect(byName["etcd-peers"].ports!.map((p) => p.port)).toEqual([CLIENT, PEER]);
    expect(byName.etcd).toMatchObject({ type: "ClusterIP", ports: [{ name: "client", port: CLIENT, targetPort: "client", protocol: "TCP" }] });
  });

  it("admits clients by namespace label and its own Jobs on 2379, only members on 2380, only monitoring on 2381", async () => {
    const policy = typed(NetworkPolicy, one(await runOf(profile), "kubernetes:networking.k8s.io/v1:NetworkPolicy"));
    const port = (p: number) => [{ protocol: "TCP", port: p }];
    const pods = (c: string) => ({ podSelector: { matchLabels: role(c) } });
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: role("server") },
      policyTypes: ["Ingress"],
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { "storage.sparki.io/etcd-client": "true" } } }], ports: port(CLIENT) },
        { from: [pods("server"), pods("provisioner"), pods("backup"), pods("maintenance")], ports: port(CLIENT) },
        { from: [pods("server")], ports: port(PEER) },
        { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: port(METRICS) },
      ],
    });
    // The Jobs' pods carry the labels the policy admits.
    const run = await runOf(profile);
    expect(authJob(run).spec!.template.metadata!.labels).toMatchObject(role("provisioner"));
    expect(cronJob(run, "defrag").spec.jobTemplate.spec!.template.metadata!.labels).toMatchObject(role("maintenance"));
    if (isProd) expect(cronJob(run, "backup-cron").spec.jobTemplate.spec!.template.metadata!.labels).toMatchObject(role("backup"));
  });

  it("turns auth on with an idempotent Job after the members, credentials from Secrets only", async () => {
    const run = await runOf(profile);
    const registered = one(run, "kubernetes:batch/v1:Job");
    const job = authJob(run);
    expect(job.metadata!.name).toMatch(/^etcd-auth-[0-9a-f]{10}$/);
    const c = job.spec!.template.spec!.containers[0];
    expect(c.image).toBe(imageReference(ETCD_CLIENT_IMAGE));
    expect(c.command).toEqual(["/bin/sh", "-c", AUTH_SCRIPT]);
    expect(c.env).toEqual(expect.arrayContaining([
      { name: "ETCDCTL_ENDPOINTS", value: `https://etcd.${namespace}.svc.cluster.local:${CLIENT}` },
      { name: "ETCDCTL_PASSWORD", valueFrom: { secretKeyRef: { name: "etcd-root-credentials", key: "password" } } },
      { name: "APP_PASSWORD", valueFrom: { secretKeyRef: { name: "etcd-app-credentials", key: "password" } } },
      { name: "KEY_PREFIX", value: "sparki/" },
    ]));
    expect(c.env!.filter((e) => e.value !== undefined && /password/i.test(e.name))).toEqual([]);
    expect(registered.options.dependsOn.map((d) => d.type)).toEqual(expect.arrayContaining(["kubernetes:apps/v1:StatefulSet", "kubernetes:core/v1:Secret"]));
  });

  it("keeps generated passwords in base64 Secret data marked secret, out of every spec and the output", async () => {
    const run = await runOf(profile);
    const dropped = etcdObjects(run).flatMap((r) => {
      const paths: string[] = [];
      plainInputs(r.inputs, "", paths);
      return paths.map((p) => `${r.name}: ${p}`);
    });
    expect(dropped.sort()).toEqual([`${instance}-app-credentials: data`, `${instance}-root-credentials: data`]);
    expect(ofType(run, "kubernetes:core/v1:Secret").filter((r) => "stringData" in r.inputs)).toEqual([]);
    expect(ofType(run, "random:index/randomPassword:RandomPassword").filter((r) => r.name.startsWith(instance)).map((r) => r.inputs))
      .toEqual([{ length: 40, special: false }, { length: 40, special: false }]);
    expect(JSON.stringify(run.outputs.etcd)).not.toMatch(/mock-password|\(secret\)/);
  });

  it(isProd ? "backs up with etcdctl snapshot save to the configBackups bucket through a write-only IRSA role" : "has no backup in dev", async () => {
    const run = await runOf(profile);
    const backups = ofType(run, "sparki:kubernetes:S3Backup");
    if (!isProd) {
      expect(backups).toEqual([]);
      return;
    }
    expect(backups.map((b) => b.parent)).toEqual([{ type: "sparki:etcd:EtcdCluster", name: instance }]);
    const pod = cronJob(run, "backup-cron").spec.jobTemplate.spec!.template.spec!;
    const dump = pod.initContainers![0];
    expect(dump.image).toBe(imageReference(ETCD_IMAGE));
    expect(dump.command).toEqual(["/usr/local/bin/etcdctl", "snapshot", "save", "/backup/etcd-snapshot.db"]);
    // snapshot save needs exactly one endpoint.
    expect(dump.env).toContainEqual({ name: "ETCDCTL_ENDPOINTS", value: `https://etcd.${namespace}.svc.cluster.local:${CLIENT}` });
    expect(dump.volumeMounts).toContainEqual({ name: "tls", mountPath: "/etcd-tls", readOnly: true });
    expect(cronJob(run, "backup-cron").spec.schedule).toBe("17 3 * * *");
  });

  it("alerts on no leader, leader changes, failed proposals, database vs quota, volume use and missed backups; no latency rule", async () => {
    const rule = one(await runOf(profile), "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    const labels = (rule.inputs.metadata as { labels: Record<string, string> }).labels;
    expect(labels.release).toBe(isProd ? "kube-prometheus-stack" : undefined);
    const rules = (rule.inputs.spec as { groups: { rules: { alert: string; expr: string; for: string; labels: Record<string, string> }[] }[] }).groups[0].rules;
    const byAlert = Object.fromEntries(rules.map((r) => [r.alert, r]));
    expect(Object.keys(byAlert).sort()).toEqual([
      "EtcdDatabaseQuotaUsedCritical", "EtcdDatabaseQuotaUsedWarning", "EtcdLeaderChangesCritical", "EtcdLeaderChangesWarning", "EtcdMetricsAbsent", "EtcdNoLeader",
      "EtcdProposalsFailedCritical", "EtcdProposalsFailedWarning", "EtcdVolumeUsedCritical", "EtcdVolumeUsedWarning",
      ...(isProd ? ["BackupMissedCritical", "BackupMissedWarning"] : []),
    ].sort());
    const ns = `namespace="${namespace}"`;
    expect(byAlert.EtcdNoLeader).toMatchObject({ expr: `max by (pod) (etcd_server_has_leader{${ns}}) == 0`, labels: { severity: "critical" } });
    // Every other rule needs series to exist; this one fires when none does (no member scraped), after long enough
    // for a fresh deploy to be scraped (more than the 15 m a warning waits).
    expect(byAlert.EtcdMetricsAbsent).toMatchObject({ expr: `absent(etcd_server_has_leader{${ns}})`, for: "30m", labels: { severity: "critical", threshold_source: "state" } });
    const q = PLATFORM_THRESHOLDS.etcdDbQuotaUsedPercent;
    expect(byAlert.EtcdDatabaseQuotaUsedWarning.expr).toBe(`max by (pod) (100 * etcd_mvcc_db_total_size_in_bytes{${ns}} / etcd_server_quota_backend_bytes{${ns}}) > ${q.warning}`);
    expect(byAlert.EtcdDatabaseQuotaUsedCritical.labels).toEqual({ severity: "critical", threshold_source: "platform:etcdDbQuotaUsedPercent" });
    expect(byAlert.EtcdLeaderChangesWarning.expr).toContain(`increase(etcd_server_leader_changes_seen_total{${ns}}[1h])`);
    expect(byAlert.EtcdProposalsFailedWarning.expr).toContain(`increase(etcd_server_proposals_failed_total{${ns}}[15m])`);
    expect(byAlert.EtcdVolumeUsedCritical.expr).toContain(`kubelet_volume_stats_used_bytes{${ns}, persistentvolumeclaim=~"data-etcd-[0-9]+"}`);
    expect(byAlert.EtcdVolumeUsedCritical.labels.threshold_source).toBe("platform:k8sVolumeUsedPercent");
    expect(rules.filter((r) => /latency|duration/i.test(r.expr + r.alert))).toEqual([]);
    const monitor = one(await runOf(profile), "kubernetes:monitoring.coreos.com/v1:PodMonitor");
    expect(monitor.inputs.spec).toEqual({ selector: { matchLabels: role("server") }, podMetricsEndpoints: [{ port: "metrics", path: "/metrics", scheme: "http", interval: "30s" }] });
  });

  it(isProd ? "puts volumes on gp3 encrypted with the stack key, retained, and protects what holds data" : "puts volumes on the named StorageClass and protects nothing", async () => {
    const run = await runOf(profile);
    const set = statefulSet(run);
    expect(set.spec!.volumeClaimTemplates![0].spec!.storageClassName).toBe(isProd ? `${namespace}-ebs-kms` : "standard");
    expect(set.spec!.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: isProd ? "Retain" : "Delete", whenScaled: "Retain" });
    const protectedOnes = run.resources.filter((r) => r.options.protect && r.name.startsWith(instance)).map((r) => r.name).sort();
    expect(protectedOnes).toEqual(isProd
      ? [`${instance}-app-credentials`, `${instance}-app-password`, `${instance}-members`, `${instance}-namespace`, `${instance}-root-credentials`,
        `${instance}-root-password`, `${instance}-storage-class`]
      : []);
    for (const r of run.resources.filter((x) => x.options.protect && x.name.startsWith(instance))) expect(STATEFUL_RESOURCE_TYPES.has(r.type), r.type).toBe(true);
  });

  it("outputs what Fiber storage/etcd's Config needs (Endpoints, DialTimeout, Username/Password by Secret, TLS), never a secret", async () => {
    const run = await runOf(profile);
    expect(run.outputs.etcd).toEqual({
      fiberPackages: ["storage/etcd"],
      endpoints: [...Array.from({ length: members }, (_, i) => `https://etcd-${i}.etcd-peers.${namespace}.svc.cluster.local:${CLIENT}`),
        `https://etcd.${namespace}.svc.cluster.local:${CLIENT}`],
      dialTimeoutSeconds: 5,
      namespace,
      credentials: { secretName: "etcd-app-credentials", usernameKey: "username", passwordKey: "password" },
      tls: {
        caFrom: `ca.crt of the Secret etcd-tls in ${namespace} (the CA that issued the servers' certificate); `
          + "a pod mounts Secrets of its own namespace only: copy it, and the credentials Secret, into the application's (e.g. External Secrets)",
        clientCertificate: `a certificate with the client-auth usage issued by that CA (a ClusterIssuer, to issue it into the application's namespace): port ${CLIENT} requires one (--client-cert-auth). `
          + "Its CN must not be root nor any other etcd user name (etcd takes a request without a token as the user named by the certificate's CN), "
          + "and it must not carry the members' names (*.etcd-peers...), which the peer port admits",
        secretName: "etcd-tls",
        dnsNames: [`etcd.${namespace}.svc`, `etcd.${namespace}.svc.cluster.local`, `*.etcd-peers.${namespace}.svc.cluster.local`],
      },
      keyPrefix: "sparki/",
      role: "sparki-prefix",
      members,
      quotaBackendBytes: (isProd ? 2 : 1) * 1024 ** 3,
      ...(isProd ? { ebsCsiKmsPolicy: { arn: "arn:aws:iam::555555555555:policy/sparki-etcd-prod-etcd-ebs-csi-kms", attachToRoleArn: "arn:aws:iam::555555555555:role/sparki-prod-ebs-csi-driver" } } : {}),
    });
  });

  it("refuses a member count change in place: the StatefulSet is replaced on spec.replicas (deleted first: its name is fixed), refused in prod while protected", async () => {
    const registered = one(await runOf(profile), "kubernetes:apps/v1:StatefulSet");
    expect(registered.options).toMatchObject({ replaceOnChanges: ["spec.replicas"], deleteBeforeReplace: true, protect: isProd });
  });

  it("admits on the peer port only certificates valid for a member's name, each covered by the certificate's wildcard", async () => {
    const run = await runOf(profile);
    const args = memberPod(run).containers[0].args!;
    const hosts = Array.from({ length: members }, (_, i) => `etcd-${i}.etcd-peers.${namespace}.svc.cluster.local`);
    // etcd v3.6 takes a comma-separated list (server/embed/config.go "peer-cert-allowed-hostname").
    expect(flag(args, "peer-cert-allowed-hostname")).toEqual([hosts.join(",")]);
    // Checked with x509 VerifyHostname: a `*.` name covers exactly one leftmost label (RFC 6125 6.4.3).
    const dnsNames = (run.outputs.etcd as { tls: { dnsNames: string[] } }).tls.dnsNames;
    const covered = (host: string) => dnsNames.some((n) => n === host || (n.startsWith("*.") && host.slice(host.indexOf(".") + 1) === n.slice(2)));
    for (const host of hosts) expect(covered(host), host).toBe(true);
    // The output's endpoints are the same names: the certificate covers every one.
    for (const url of (run.outputs.etcd as { endpoints: string[] }).endpoints) expect(covered(new URL(url).hostname), url).toBe(true);
  });
});

describe("etcd turned off", () => {
  it("registers nothing of etcd in the root stacks (off in both tiers) and outputs nothing", async () => {
    for (const stack of ["dev", "prod"]) {
      const run = await capturedRun({ stack });
      expect(run.resources.filter((r) => r.type.startsWith("sparki:etcd") || r.name.includes("-etcd")), stack).toEqual([]);
      expect(run.outputs.etcd, stack).toBeUndefined();
    }
  });

  it("the schema check can fail: a StatefulSet without replicas as a number is refused", async () => {
    const r = one(await runOf("dev"), "kubernetes:apps/v1:StatefulSet");
    const broken = { ...r, inputs: { ...r.inputs, spec: { ...(r.inputs.spec as object), replicas: "three" } } };
    await expect(validateKubernetesObject(broken)).rejects.toThrow(/replicas/);
  });
});

describe("etcd with a larger cluster", () => {
  it("five members: an initial cluster of five, anti-affinity, and a budget that lets two go (etcd FAQ: 5 tolerate 2)", async () => {
    const prod = { enabled: true, context: "sparki-prod", members: 5, ebsCsiRoleArn: "arn:aws:iam::555555555555:role/sparki-prod-ebs-csi-driver",
      prometheusRelease: "kube-prometheus-stack", backup: { oidcProviderArn: "arn:aws:iam::555555555555:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X" } };
    const run = await runProgram({ stack: "etcd-prod", stackDir: DIR, overrides: { "sparki-storage:etcd": prod } });
    const args = statefulSet(run).spec!.template.spec!.containers[0].args!;
    expect(flag(args, "initial-cluster")[0].split(",").map((m) => m.split("=")[0])).toEqual(["etcd-0", "etcd-1", "etcd-2", "etcd-3", "etcd-4"]);
    expect(ofType(run, "kubernetes:policy/v1:PodDisruptionBudget").map((r) => typed(PodDisruptionBudget, r).spec?.maxUnavailable)).toEqual([2]);
    expect(memberPod(run).affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0].topologyKey).toBe("kubernetes.io/hostname");
    expect(run.outputs.etcd).toMatchObject({ members: 5 });
    expect(flag(args, "peer-cert-allowed-hostname")[0].split(",").map((h) => h.split(".")[0])).toEqual(["etcd-0", "etcd-1", "etcd-2", "etcd-3", "etcd-4"]);
    expect((run.outputs.etcd as { endpoints: string[] }).endpoints).toHaveLength(6);
    // Another member count is another Job: the new, empty cluster needs its users and auth again.
    const jobName = (r: ProgramRun) => typed(Job, one(r, "kubernetes:batch/v1:Job")).metadata!.name;
    expect(jobName(run)).not.toBe(jobName(await runOf("prod")));
  }, 60_000);
});

describe("the etcd auth Job's name", () => {
  const input = {
    instance: "sparki-dev-etcd", namespace: "sparki-dev-etcd", endpoint: "https://etcd.sparki-dev-etcd.svc.cluster.local:2379", members: 3,
    image: imageReference(ETCD_CLIENT_IMAGE), keyPrefix: "sparki/", tlsSecretName: "etcd-tls",
  };

  it("changes with the application password (so a new one reaches etcd) and the member count, and is no secret", async () => {
    const run = await runProgram({
      stack: "dev",
      program: () => {
        for (const [name, password, members] of [["a", "pw-1", 3], ["b", "pw-2", 3], ["c", "pw-1", 3], ["d", "pw-1", 5]] as const) {
          new k8s.batch.v1.Job(name, authJobArgs({ ...input, members }, pulumi.secret(password)));
        }
        return {};
      },
    });
    const names = Object.fromEntries(ofType(run, "kubernetes:batch/v1:Job").map((r) => [r.name, (plainInputs(r.inputs.metadata) as { name?: string }).name]));
    expect(names.a).toMatch(/^etcd-auth-[0-9a-f]{10}$/); // present after plainInputs: not a secret
    expect(names.b).not.toBe(names.a);
    expect(names.c).toBe(names.a);
    expect(names.d).not.toBe(names.a);
    expect(Object.values(names).join(" ")).not.toContain("pw-");
  });

  it("hashes the password, never carries it", () => {
    expect(authJobHash(input, "pw-1")).toMatch(/^[0-9a-f]{10}$/);
    expect(authJobHash(input, "pw-1")).not.toBe(authJobHash(input, "pw-2"));
  });
});
