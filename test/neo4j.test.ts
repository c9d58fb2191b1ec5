import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLATFORM_THRESHOLDS } from "../components/matrix";
import { restrictedViolations, rootCreatedDirViolations } from "../policy/kubernetes";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun, one, ofType, type ProgramRun, type RegisteredResource } from "./harness";
import { isSecretValue, plainInputs, validateKubernetesObject } from "./kubernetes-schemas";

/**
 * Neo4j Community Edition on Kubernetes as the example stacks deploy it (examples/neo4j), in both profiles. Outside
 * facts used as oracles, all checked 2026-11-29: Neo4j listens for Bolt on 7687 and HTTPS on 7473
 * (https://neo4j.com/docs/operations-manual/5/configuration/ports/); the official image runs as neo4j 7474:7474, keeps
 * NEO4J_HOME in /var/lib/neo4j, moves data to /data and logs to /logs, and its entrypoint copies /conf into
 * NEO4J_HOME/conf and reads NEO4J_AUTH_PATH (neo4j/docker-neo4j docker-image-src/5/coredb); the official chart probes
 * `tcpSocket: 7687` (neo4j/helm-charts templates/neo4j-statefulset.yaml); the 5.x setting names
 * (server.bolt.tls_level, dbms.ssl.policy.<scope>.*, server.http.enabled, https://neo4j.com/docs/operations-manual/5/);
 * the Fiber adapter's Config has URI, Username, Password and Node, defaulting to `fiber_storage`
 * (gofiber/storage neo4j/config.go); a StatefulSet's claim is `<template>-<statefulset>-<ordinal>`.
 */

const DIR = join(REPO_ROOT, "examples", "neo4j");
const CASES = [
  { stack: "neo4j-dev", prod: false, storageClass: "standard", sizeGi: "10Gi", cpu: "500m", cpuLimit: "2000m", memory: "2048Mi", heap: "1024m", pageCache: "512m" },
  { stack: "neo4j-prod", prod: true, storageClass: "sparki-neo4j-prod-neo4j-ebs-kms", sizeGi: "50Gi", cpu: "1000m", cpuLimit: "4000m", memory: "8192Mi", heap: "4096m", pageCache: "2048m" },
] as const;

type Mount = { name: string; mountPath: string; readOnly?: boolean };
type Volume = {
  name: string; ephemeral?: unknown; secret?: { secretName: string; items?: { key: string; path: string }[]; defaultMode?: number }; configMap?: { name: string; defaultMode?: number };
  emptyDir?: unknown;
};
type Container = {
  name: string; image: string; command?: string[]; args?: string[]; env?: { name: string; value?: string; valueFrom?: unknown }[]; ports?: unknown[]; resources?: unknown;
  readinessProbe?: unknown; livenessProbe?: unknown; startupProbe?: unknown; volumeMounts?: Mount[]; securityContext?: unknown;
};
type Pod = { securityContext?: unknown; containers: Container[]; initContainers?: Container[]; volumes?: Volume[]; automountServiceAccountToken?: boolean; enableServiceLinks?: boolean };

const plain = <T>(r: RegisteredResource) => plainInputs(r.inputs) as T;
const neo4jObjects = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.name.includes("-neo4j"));
/** neo4j.conf as `key -> values` (server.jvm.additional repeats). */
function settingsOf(conf: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of conf.split("\n").filter((l) => l && !l.startsWith("#"))) {
    const at = line.indexOf("=");
    map.set(line.slice(0, at), [...(map.get(line.slice(0, at)) ?? []), line.slice(at + 1)]);
  }
  return map;
}

describe.each(CASES)("Neo4j on Kubernetes in $stack", (c) => {
  const run = () => capturedRun({ stack: c.stack, stackDir: DIR });
  const namespace = `sparki-${c.stack}-neo4j`;
  const host = `neo4j.${namespace}.svc.cluster.local`;
  type StatefulSetInputs = {
    spec: { replicas: number; template: { metadata: { annotations: Record<string, string> }; spec: Pod }; volumeClaimTemplates: unknown[]; persistentVolumeClaimRetentionPolicy: unknown };
  };
  const statefulSet = async () => plain<StatefulSetInputs>(
    one(await run(), "kubernetes:apps/v1:StatefulSet"));
  const conf = async () => plain<{ data: Record<string, string> }>(one(await run(), "kubernetes:core/v1:ConfigMap")).data;

  it("registers schema-valid objects, all in its own namespace, through the example's kubeconfig context", async () => {
    const r = await run();
    const objects = neo4jObjects(r);
    expect(objects.map((o) => o.type).sort()).toEqual([
      "kubernetes:apps/v1:StatefulSet",
      ...(c.prod ? ["kubernetes:batch/v1:CronJob"] : []),
      "kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret",
      "kubernetes:core/v1:Service", "kubernetes:core/v1:Service",
      ...(c.prod ? ["kubernetes:core/v1:ServiceAccount"] : []),
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      // prod: the data class and the backup scratch class (both on the stack key)
      ...(c.prod ? ["kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:storage.k8s.io/v1:StorageClass"] : []),
    ]);
    for (const o of objects) {
      await expect(validateKubernetesObject(o), `${o.type} ${o.name}`).resolves.toBeUndefined();
      const clusterScoped = o.type.endsWith(":Namespace") || o.type.endsWith(":StorageClass");
      expect((plain<{ metadata: { namespace?: string } }>(o)).metadata.namespace, o.name).toBe(clusterScoped ? undefined : namespace);
      expect(o.provider, o.name).toContain(`$pulumi:providers:kubernetes::sparki-${c.stack}-neo4j-kubernetes::`);
    }
    expect(one(r, "pulumi:providers:kubernetes").inputs).toMatchObject({ context: c.prod ? "sparki-prod" : "sparki-dev" });
    const ns = plain<{ metadata: { labels: Record<string, string> } }>(one(r, "kubernetes:core/v1:Namespace"));
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(one(r, "sparki:neo4j:Neo4j").name).toBe(`sparki-${c.stack}-neo4j`);
  });

  it("runs one Community server from the pinned official image, as 7474, under the restricted standard with a read-only root", async () => {
    const ss = await statefulSet();
    expect(ss.spec.replicas).toBe(1);
    const pod = ss.spec.template.spec;
    expect(pod.containers).toHaveLength(1);
    const server = pod.containers[0];
    expect(server.image).toMatch(/^docker\.io\/library\/neo4j:5\.26\.\d+-community@sha256:[a-f0-9]{64}$/);
    // The image's own entrypoint runs: no command or args override.
    expect(server.command).toBeUndefined();
    expect(server.args).toBeUndefined();
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 7474, runAsGroup: 7474, fsGroup: 7474 });
    expect(server.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    // Kubernetes would inject NEO4J_SERVICE_HOST… for the `neo4j` Service, which the entrypoint turns into settings.
    expect(pod.enableServiceLinks).toBe(false);
    expect(restrictedViolations(pod as never)).toEqual([]);
    expect(rootCreatedDirViolations(pod as never)).toEqual([]);
  });

  it("gives the entrypoint and the server writable emptyDirs exactly where they write, and the rest read-only", async () => {
    const pod = (await statefulSet()).spec.template.spec;
    const mounts = Object.fromEntries((pod.containers[0].volumeMounts ?? []).map((m) => [m.mountPath, m]));
    const volumes = Object.fromEntries((pod.volumes ?? []).map((v) => [v.name, v]));
    for (const path of ["/logs", "/var/lib/neo4j/conf", "/var/lib/neo4j/run", "/tmp"]) {
      expect(volumes[mounts[path].name].emptyDir, path).toBeDefined();
      expect(mounts[path].readOnly, path).toBeUndefined();
    }
    expect(mounts["/data"].name).toBe("data");
    expect(mounts["/conf"]).toMatchObject({ readOnly: true });
    // 0644: the entrypoint copies /conf preserving the mode, then appends to its copy of neo4j.conf.
    expect(volumes[mounts["/conf"].name].configMap).toEqual({ name: "neo4j-config", defaultMode: 0o644 });
    expect(mounts["/certificates"]).toMatchObject({ readOnly: true });
    expect(volumes[mounts["/certificates"].name].secret).toEqual({
      secretName: "neo4j-tls", defaultMode: 0o440, items: [{ key: "tls.crt", path: "public.crt" }, { key: "tls.key", path: "private.key" }],
    });
    // Never /ssl: for it the entrypoint replaces NEO4J_HOME/certificates with a symlink on the (read-only) root.
    expect(Object.keys(mounts)).not.toContain("/ssl");
    expect(pod.containers[0].env).toEqual([{ name: "NEO4J_AUTH_PATH", value: "/auth/NEO4J_AUTH" }]);
    expect(volumes[mounts["/auth"].name].secret).toEqual({ secretName: "neo4j-auth", defaultMode: 0o440, items: [{ key: "NEO4J_AUTH", path: "NEO4J_AUTH" }] });
  });

  it("configures TLS-only Bolt, HTTPS from the same certificate, no HTTP, and memory from the container's limit", async () => {
    const data = await conf();
    expect(Object.keys(data).sort()).toEqual(["neo4j.conf", "server-logs.xml", "user-logs.xml"]);
    const s = settingsOf(data["neo4j.conf"]);
    const one1 = (key: string) => s.get(key)?.[0];
    expect(one1("server.bolt.tls_level")).toBe("REQUIRED");
    expect(one1("server.bolt.listen_address")).toBe(":7687");
    expect(one1("server.http.enabled")).toBe("false");
    expect(one1("server.https.enabled")).toBe("true");
    expect(one1("server.https.listen_address")).toBe(":7473");
    for (const scope of ["bolt", "https"]) {
      expect(one1(`dbms.ssl.policy.${scope}.enabled`), scope).toBe("true");
      expect(one1(`dbms.ssl.policy.${scope}.base_directory`), scope).toBe("/certificates");
      expect(one1(`dbms.ssl.policy.${scope}.private_key`), scope).toBe("private.key");
      expect(one1(`dbms.ssl.policy.${scope}.public_certificate`), scope).toBe("public.crt");
      expect(one1(`dbms.ssl.policy.${scope}.client_auth`), scope).toBe("NONE");
    }
    expect(one1("server.default_advertised_address")).toBe(host);
    expect(one1("dbms.security.auth_enabled")).toBe("true");
    expect(one1("server.memory.heap.max_size")).toBe(c.heap);
    expect(one1("server.memory.heap.initial_size")).toBe(c.heap);
    expect(one1("server.memory.pagecache.size")).toBe(c.pageCache);
    expect(one1("server.directories.logs")).toBe("/logs");
    expect(one1("server.logs.config")).toBe("/var/lib/neo4j/conf/server-logs.xml");
    expect(s.get("server.jvm.additional")).toEqual(expect.arrayContaining(["-XX:+UseG1GC", "--add-opens=java.base/java.nio=ALL-UNNAMED"]));
    // Every key once (server.jvm.additional aside): a repeated key would be ambiguous.
    for (const [key, values] of s) if (key !== "server.jvm.additional") expect(values, key).toHaveLength(1);
    expect(data["server-logs.xml"]).toContain('<Console name="Stdout" target="SYSTEM_OUT">');
    // The pod restarts when the configuration changes.
    expect((await statefulSet()).spec.template.metadata.annotations["storage.sparki.io/config-hash"]).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it("restarts when the TLS Secret changes (Stakater Reloader's annotation on the StatefulSet): Neo4j 5.26 loads its certificate only at start", async () => {
    // Reloader's documented annotation: `secret.reloader.stakater.com/reload: <secret>` on the workload's metadata (stakater/Reloader README).
    const ss = plain<{ metadata: { annotations?: Record<string, string> } }>(one(await run(), "kubernetes:apps/v1:StatefulSet"));
    expect(ss.metadata.annotations).toEqual({ "secret.reloader.stakater.com/reload": "neo4j-tls" });
  });

  it("keeps its data on one claim of the named StorageClass, kept on delete in prod", async () => {
    const ss = await statefulSet();
    expect(ss.spec.volumeClaimTemplates).toEqual([expect.objectContaining({
      metadata: expect.objectContaining({ name: "data" }) as unknown,
      spec: { accessModes: ["ReadWriteOnce"], storageClassName: c.storageClass, resources: { requests: { storage: c.sizeGi } } },
    })]);
    expect(ss.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: c.prod ? "Retain" : "Delete", whenScaled: "Retain" });
    const classes = ofType(await run(), "kubernetes:storage.k8s.io/v1:StorageClass").filter((r) => !r.name.endsWith("-scratch-storage-class")).map((r) => plain<{ provisioner: string; parameters: Record<string, string>; reclaimPolicy: string }>(r));
    expect(classes).toEqual(c.prod ? [expect.objectContaining({
      provisioner: "ebs.csi.aws.com", reclaimPolicy: "Retain",
      parameters: expect.objectContaining({ type: "gp3", encrypted: "true", kmsKeyId: expect.stringMatching(/^arn:aws:kms:/) as unknown }) as unknown,
    })] : []);
  });

  it("requests and limits CPU and memory, and probes Bolt over TCP on 7687 as the official chart does", async () => {
    const server = (await statefulSet()).spec.template.spec.containers[0];
    expect(server.resources).toEqual({ requests: { cpu: c.cpu, memory: c.memory }, limits: { cpu: c.cpuLimit, memory: c.memory } });
    for (const probe of [server.startupProbe, server.livenessProbe, server.readinessProbe]) expect(probe).toMatchObject({ tcpSocket: { port: 7687 } });
    expect(server.ports).toEqual([{ name: "bolt", containerPort: 7687, protocol: "TCP" }, { name: "https", containerPort: 7473, protocol: "TCP" }]);
  });

  it("exposes Bolt on a ClusterIP and a headless Service only, never a LoadBalancer or NodePort", async () => {
    const services = ofType(await run(), "kubernetes:core/v1:Service").filter((r) => r.name.includes("-neo4j"))
      .map((r) => plain<{ metadata: { name: string }; spec: { type?: string; clusterIP?: string; ports: { port: number }[] } }>(r));
    expect(services.map((s) => [s.metadata.name, s.spec.type ?? "ClusterIP", s.spec.clusterIP, s.spec.ports.map((p) => p.port)]).sort()).toEqual([
      ["neo4j", "ClusterIP", undefined, [7687]],
      ["neo4j-hl", "ClusterIP", "None", [7687]],
    ]);
  });

  it("admits only labelled client namespaces and (with backups) its own backup pods on Bolt; not the monitoring namespace, which reads nothing from Neo4j", async () => {
    const policy = plain<{ spec: { podSelector: unknown; policyTypes: string[]; ingress: { from: unknown[]; ports: unknown[] }[] } }>(one(await run(), "kubernetes:networking.k8s.io/v1:NetworkPolicy"));
    expect(policy.spec.policyTypes).toEqual(["Ingress"]);
    const port = [{ protocol: "TCP", port: 7687 }];
    expect(policy.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { "storage.sparki.io/neo4j-client": "true" } } }], ports: port },
      ...(c.prod ? [{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "neo4j", "app.kubernetes.io/instance": `sparki-${c.stack}-neo4j`, "app.kubernetes.io/component": "backup" } } }], ports: port }] : []),
    ]);
  });

  it("has no PodDisruptionBudget (one replica: a budget could only block drains)", async () => {
    expect(ofType(await run(), "kubernetes:policy/v1:PodDisruptionBudget").filter((r) => r.name.includes("neo4j"))).toEqual([]);
  });

  it("keeps the generated password in one Secret as redacted data, never stringData", async () => {
    const r = await run();
    const secret = one(r, "kubernetes:core/v1:Secret", `sparki-${c.stack}-neo4j-credentials`);
    expect(plain<{ metadata: { name: string } }>(secret).metadata.name).toBe("neo4j-auth");
    expect(secret.inputs.stringData).toBeUndefined();
    // The provider's SDK marks the whole `data` map secret; the values under it are base64.
    expect(isSecretValue(secret.inputs.data)).toBe(true);
    const data = (secret.inputs.data as { value: Record<string, string> }).value;
    expect(Object.keys(data).sort()).toEqual(["NEO4J_AUTH", "password", "username"]);
    const decoded = (key: string) => Buffer.from(data[key], "base64").toString("utf8");
    expect(decoded("username")).toBe("neo4j");
    // The entrypoint's format: `neo4j/<password>` (docker-entrypoint.sh `^([^/]+)\/([^/]+)/?…$`).
    expect(decoded("NEO4J_AUTH")).toBe(`neo4j/${decoded("password")}`);
    // Neo4j's minimum password length is 8 (dbms.security.auth_minimum_password_length); "/" would split NEO4J_AUTH.
    const password = one(r, "random:index/randomPassword:RandomPassword", `sparki-${c.stack}-neo4j-password`);
    expect(password.inputs.length as number).toBeGreaterThanOrEqual(8);
    expect(password.inputs.special).toBe(false);
  });

  it(`is ${c.prod ? "" : "not "}protected where replacing would lose data or credentials`, async () => {
    const r = await run();
    for (const [type, name] of [
      ["kubernetes:apps/v1:StatefulSet", "server"], ["kubernetes:core/v1:Namespace", "namespace"], ["kubernetes:core/v1:Secret", "credentials"],
      ["random:index/randomPassword:RandomPassword", "password"], ...(c.prod ? [["kubernetes:storage.k8s.io/v1:StorageClass", "storage-class"]] : []),
    ]) {
      expect(one(r, type, `sparki-${c.stack}-neo4j-${name}`).options.protect, name).toBe(c.prod);
    }
  });

  it("alerts on the volume, restarts and a failing Bolt probe from the platform thresholds, and on missed backups when backups run", async () => {
    const rule = plain<{ metadata: { labels: Record<string, string> }; spec: { groups: { rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] } }>(
      one(await run(), "kubernetes:monitoring.coreos.com/v1:PrometheusRule"));
    const rules = rule.spec.groups[0].rules;
    expect(rules.map((x) => x.alert)).toEqual([
      "Neo4jVolumeUsedWarning", "Neo4jVolumeUsedCritical", "Neo4jRestartsWarning", "Neo4jRestartsCritical", "Neo4jBoltUnavailable",
      "Neo4jCertificateExpiringWarning", "Neo4jCertificateExpiringCritical",
      ...(c.prod ? ["BackupMissedWarning", "BackupMissedCritical"] : []),
    ]);
    const volume = PLATFORM_THRESHOLDS.k8sVolumeUsedPercent;
    expect(rules[0].expr).toBe(`100 * kubelet_volume_stats_used_bytes{namespace="${namespace}", persistentvolumeclaim="data-neo4j-0"} `
      + `/ kubelet_volume_stats_capacity_bytes{namespace="${namespace}", persistentvolumeclaim="data-neo4j-0"} > ${volume.warning}`);
    expect(rules[1].expr).toMatch(new RegExp(` > ${volume.critical}$`));
    expect(rules[2].expr).toBe(`increase(kube_pod_container_status_restarts_total{namespace="${namespace}", pod="neo4j-0", container="neo4j"}[1h]) > ${PLATFORM_THRESHOLDS.k8sPodRestarts.warning}`);
    expect(rules[4]).toMatchObject({ expr: `kube_statefulset_status_replicas_ready{namespace="${namespace}", statefulset="neo4j"} < 1`, labels: { severity: "critical" } });
    // cert-manager's metric certmanager_certificate_expiration_timestamp_seconds{name, namespace} (pkg/metrics), in the server's namespace.
    expect(rules[5].expr).toBe(`(certmanager_certificate_expiration_timestamp_seconds{namespace="${namespace}"} - time()) < 14 * 86400`);
    expect(rules[0].labels).toEqual({ severity: "warning", threshold_source: "platform:k8sVolumeUsedPercent" });
    expect(rules[3].labels).toEqual({ severity: "critical", threshold_source: "platform:k8sPodRestarts" });
    // Community has no metrics endpoint: nothing reads neo4j_* series.
    expect(rules.some((x) => /neo4j_/.test(x.expr))).toBe(false);
    expect(rule.metadata.labels.release).toBe(c.prod ? "kube-prometheus-stack" : undefined);
  });

  it("outputs what the Fiber adapter's Config needs (URI, Username, the Secret of the Password, Node), and no secret value", async () => {
    const out = (await run()).outputs.neo4j as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/neo4j"], uri: `neo4j+s://${host}:7687`, kubernetesNamespace: namespace, username: "neo4j",
      secretName: "neo4j-auth", node: "fiber_storage", tls: true, tlsSecretName: "neo4j-tls", tlsDnsNames: [`neo4j.${namespace}.svc`, host],
    });
    expect(Object.keys(out).sort()).toEqual([
      ...(c.prod ? ["backup", "ebsCsiKmsPolicy"] : []), "fiberPackages", "kubernetesNamespace", "node", "secretName", "tls", "tlsDnsNames", "tlsSecretName", "uri", "username",
    ]);
    if (c.prod) {
      expect(out.backup).toEqual({ bucket: expect.stringMatching(/config-backups/) as unknown, prefix: "kubernetes/neo4j/", schedule: "17 3 * * *" });
      expect(out.ebsCsiKmsPolicy).toMatchObject({ attachToRoleArn: "arn:aws:iam::555555555555:role/sparki-prod-ebs-csi-driver" });
    }
    expect(JSON.stringify(out)).not.toMatch(/password"|mock-password/i);
  });

  it(c.prod ? "exports the Fiber label daily over Bolt with TLS (the store cannot be dumped online in Community) and uploads it write-only" : "has no backup in dev", async () => {
    const r = await run();
    const cron = ofType(r, "kubernetes:batch/v1:CronJob").filter((x) => x.name.includes("neo4j"));
    if (!c.prod) {
      expect(cron).toEqual([]);
      return;
    }
    const spec = plain<{ spec: { schedule: string; jobTemplate: { spec: { template: { spec: Pod } } } } }>(cron[0]).spec;
    expect(spec.schedule).toBe("17 3 * * *");
    const pod = spec.jobTemplate.spec.template.spec;
    const dump = pod.initContainers![0];
    expect(dump.image).toBe((await statefulSet()).spec.template.spec.containers[0].image);
    expect(dump.command?.slice(0, 2)).toEqual(["bash", "-c"]);
    const script = dump.command![2];
    expect(script).toContain(`cypher-shell -a "neo4j+s://${host}:7687" --format plain "MATCH (n:fiber_storage) RETURN [x IN n.v | x] AS v, n.e AS e, n.k + '#' AS k" | gzip -c > "/backup/fiber_storage.export.gz"`);
    expect(script).toContain('export JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=/tmp/cluster-ca.p12 -Djavax.net.ssl.trustStoreType=PKCS12');
    // The export is written to a volume of the workload's (KMS-encrypted in prod) StorageClass, as large as the data volume, not the node's disk.
    expect(pod.volumes?.find((v) => v.name === "backup")).toEqual({
      name: "backup",
      ephemeral: { volumeClaimTemplate: { metadata: { labels: expect.any(Object) as unknown }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: `${c.storageClass}-scratch`, resources: { requests: { storage: c.sizeGi } } } } },
    });
    expect(script).toContain("keytool -importcert -noprompt -alias cluster-ca -file /ca/ca.crt");
    // No neo4j-admin dump: Community refuses it on a running DBMS.
    expect(script).not.toContain("neo4j-admin");
    expect(dump.env).toEqual(expect.arrayContaining([
      { name: "NEO4J_USERNAME", valueFrom: { secretKeyRef: { name: "neo4j-auth", key: "username" } } },
      { name: "NEO4J_PASSWORD", valueFrom: { secretKeyRef: { name: "neo4j-auth", key: "password" } } },
    ]));
    expect(pod.volumes?.find((v) => v.name === "ca")?.secret).toMatchObject({ secretName: "neo4j-tls", items: [{ key: "ca.crt", path: "ca.crt" }] });
    expect(restrictedViolations(pod as never)).toEqual([]);
    expect(rootCreatedDirViolations(pod as never)).toEqual([]);
  });
});
