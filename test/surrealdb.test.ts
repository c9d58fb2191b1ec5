import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLATFORM_THRESHOLDS } from "../components/matrix";
import { restrictedViolations, rootCreatedDirViolations } from "../policy/kubernetes";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun, json, one, ofType, type ProgramRun, type RegisteredResource } from "./harness";
import { isSecretValue, plainInputs, validateKubernetesObject } from "./kubernetes-schemas";

/**
 * SurrealDB on Kubernetes as the example stacks deploy it (examples/surrealdb), in both profiles. Outside facts used
 * as oracles: SurrealDB listens on 8000 and serves GET /status and GET /health (https://surrealdb.com/docs/integration/http);
 * `surreal start` takes `--web-crt`/`--web-key` and a `rocksdb:` path, `surreal export` takes `--endpoint`,
 * `--namespace`, `--database` and a file, and both read SURREAL_USER/SURREAL_PASS
 * (https://surrealdb.com/docs/reference/cli/db/commands/start, .../export); the image's user is 65532 (the SurrealDB
 * Helm chart's values.yaml); the Fiber adapter's Config has ConnectionString, Namespace, Database, Username,
 * Password and DefaultTable, defaulting to `fiber_storage` (gofiber/storage surrealdb/config.go); a StatefulSet's
 * claim is `<template>-<statefulset>-<ordinal>`. All checked 2026-11-29.
 */

const DIR = join(REPO_ROOT, "examples", "surrealdb");
const CASES = [
  { stack: "surrealdb-dev", prod: false, storageClass: "standard", sizeGi: "10Gi", cpu: "250m", cpuLimit: "1000m", memory: "1024Mi" },
  { stack: "surrealdb-prod", prod: true, storageClass: "sparki-surrealdb-prod-surrealdb-ebs-kms", sizeGi: "100Gi", cpu: "1000m", cpuLimit: "4000m", memory: "4096Mi" },
] as const;

interface Pod {
  securityContext?: unknown; containers: Container[]; initContainers?: Container[]; volumes?: { name: string; secret?: { secretName: string } }[];
}
interface Container {
  name: string; command?: string[]; args?: string[]; env?: { name: string; value?: string; valueFrom?: unknown }[]; resources?: unknown;
  readinessProbe?: unknown; livenessProbe?: unknown; startupProbe?: unknown; volumeMounts?: { name: string; mountPath: string }[];
}
interface Set {
  metadata: { name: string };
  spec: { replicas: number; serviceName: string; template: { spec: Pod }; volumeClaimTemplates: unknown[]; persistentVolumeClaimRetentionPolicy: unknown };
}

const plain = <T>(r: RegisteredResource) => plainInputs(r.inputs) as T;
const surrealObjects = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.name.includes("-surrealdb"));

describe.each(CASES)("SurrealDB on Kubernetes in $stack", (c) => {
  const run = () => capturedRun({ stack: c.stack, stackDir: DIR });
  const namespace = `sparki-${c.stack}-surrealdb`;
  const host = `surrealdb.${namespace}.svc.cluster.local`;
  const statefulSet = async () => plain<Set>(one(await run(), "kubernetes:apps/v1:StatefulSet"));

  it("registers schema-valid objects, all in its own namespace, through the example's kubeconfig context", async () => {
    const r = await run();
    const objects = surrealObjects(r);
    expect(objects.map((o) => o.type).sort()).toEqual([
      "kubernetes:apps/v1:StatefulSet",
      ...(c.prod ? ["kubernetes:batch/v1:CronJob"] : []), "kubernetes:batch/v1:Job",
      "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret",
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
      expect(o.provider, o.name).toContain(`$pulumi:providers:kubernetes::sparki-${c.stack}-surrealdb-kubernetes::`);
    }
    expect(one(r, "pulumi:providers:kubernetes").inputs).toMatchObject({ context: c.prod ? "sparki-prod" : "sparki-dev" });
    const ns = plain<{ metadata: { labels: Record<string, string> } }>(one(r, "kubernetes:core/v1:Namespace"));
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  it("runs one RocksDB server with TLS from the Secret and the bootstrap SurrealQL, as the image's non-root user", async () => {
    const ss = await statefulSet();
    expect(ss.spec.replicas).toBe(1);
    const pod = ss.spec.template.spec;
    const server = pod.containers[0];
    expect(server.command).toEqual(["/surreal"]);
    expect(server.args).toEqual([
      "start", "--bind", "0.0.0.0:8000", "--web-crt", "/certs/tls.crt", "--web-key", "/certs/tls.key",
      "--import-file", "/bootstrap/bootstrap.surql", "--temporary-directory", "/tmp", "rocksdb:/data/database",
    ]);
    expect(server.env?.filter((e) => e.name.startsWith("SURREAL_USER") || e.name.startsWith("SURREAL_PASS"))).toEqual([
      { name: "SURREAL_USER", valueFrom: { secretKeyRef: { name: "surrealdb-root", key: "username" } } },
      { name: "SURREAL_PASS", valueFrom: { secretKeyRef: { name: "surrealdb-root", key: "password" } } },
    ]);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 });
    expect(pod.volumes?.find((v) => v.name === "certs")?.secret?.secretName).toBe("surrealdb-tls");
    expect(pod.volumes?.find((v) => v.name === "bootstrap")?.secret?.secretName).toBe("surrealdb-bootstrap");
    expect(server.volumeMounts?.find((m) => m.name === "data")?.mountPath).toBe("/data");
    expect(restrictedViolations(pod as never)).toEqual([]);
    expect(rootCreatedDirViolations(pod as never)).toEqual([]);
  });

  it("keeps its data on one claim of the named StorageClass, kept on delete in prod", async () => {
    const ss = await statefulSet();
    const claims = ss.spec.volumeClaimTemplates as { metadata: { name: string }; spec: unknown }[];
    expect(claims.map((t) => t.metadata.name)).toEqual(["data"]);
    expect(claims[0].spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: c.storageClass, resources: { requests: { storage: c.sizeGi } } });
    expect(ss.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: c.prod ? "Retain" : "Delete", whenScaled: "Retain" });
    type Class = { provisioner: string; parameters: Record<string, string>; reclaimPolicy: string };
    const classes = ofType(await run(), "kubernetes:storage.k8s.io/v1:StorageClass").map((r) => plain<Class>(r));
    // The data class keeps volumes (Retain); the backup scratch class deletes them with each run's pod.
    expect(classes.map((sc) => sc.reclaimPolicy).sort()).toEqual(c.prod ? ["Delete", "Retain"] : []);
    for (const sc of classes) {
      expect(sc).toMatchObject({ provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" } });
      expect(sc.parameters.kmsKeyId).toMatch(/^arn:aws:kms:/);
    }
  });

  it("requests and limits CPU and memory, and probes /status (live) and /health (ready) over HTTPS on 8000", async () => {
    const server = (await statefulSet()).spec.template.spec.containers[0];
    expect(server.resources).toEqual({ requests: { cpu: c.cpu, memory: c.memory }, limits: { cpu: c.cpuLimit, memory: c.memory } });
    const get = (path: string) => ({ httpGet: { path, port: 8000, scheme: "HTTPS" } });
    expect(server.livenessProbe).toMatchObject(get("/status"));
    expect(server.startupProbe).toMatchObject({ ...get("/status"), failureThreshold: 30 });
    expect(server.readinessProbe).toMatchObject(get("/health"));
  });

  it("admits only labelled client namespaces, the monitoring namespace, its verification Job and (with backups) its own backup pods", async () => {
    const policy = plain<{ spec: { podSelector: unknown; policyTypes: string[]; ingress: { from: unknown[]; ports: unknown[] }[] } }>(one(await run(), "kubernetes:networking.k8s.io/v1:NetworkPolicy"));
    expect(policy.spec.policyTypes).toEqual(["Ingress"]);
    const port = [{ protocol: "TCP", port: 8000 }];
    expect(policy.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { "storage.sparki.io/surrealdb-client": "true" } } }], ports: port },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: port },
      ...(c.prod ? [{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "surrealdb", "app.kubernetes.io/instance": `sparki-${c.stack}-surrealdb`, "app.kubernetes.io/component": "backup" } } }], ports: port }] : []),
      { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "surrealdb", "app.kubernetes.io/instance": `sparki-${c.stack}-surrealdb`, "app.kubernetes.io/component": "verify" } } }], ports: port },
    ]);
  });

  it("restarts the server when cert-manager renews the TLS Secret (Reloader) and when the bootstrap changes (checksum)", async () => {
    const ss = plain<{ metadata: { annotations: Record<string, string> }; spec: { template: { metadata: { annotations: Record<string, unknown> } } } }>(
      one(await run(), "kubernetes:apps/v1:StatefulSet"));
    // Oracle: stakater Reloader's annotation (https://github.com/stakater/Reloader README, "Secret").
    expect(ss.metadata.annotations).toEqual({ "secret.reloader.stakater.com/reload": "surrealdb-tls" });
    const checksum = ss.spec.template.metadata.annotations["storage.sparki.io/bootstrap-sha256"];
    // The mocks give every password the same value: the checksum is the SHA-256 of the rendered bootstrap, not a secret.
    expect(isSecretValue(checksum)).toBe(false);
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies the bootstrap after every change: a restricted Job signs in as the app user and exports the Fiber database's table definitions", async () => {
    const r = await run();
    const job = plain<{ metadata: { name: string }; spec: { backoffLimit: number; activeDeadlineSeconds: number; template: { spec: Pod & { restartPolicy: string } } } }>(
      one(r, "kubernetes:batch/v1:Job"));
    expect(job.metadata.name).toMatch(/^surrealdb-verify-[0-9a-f]{10}$/);
    const pod = job.spec.template.spec;
    const verify = pod.containers[0];
    expect(verify.command).toEqual(["/surreal", "export", "--endpoint", `https://${host}:8000`, "--namespace", "fiber_storage", "--database", "fiber_storage",
      "--only", "--tables", "fiber_storage", "-"]);
    expect(verify.env).toEqual(expect.arrayContaining([
      { name: "SURREAL_USER", valueFrom: { secretKeyRef: { name: "surrealdb-app", key: "username" } } },
      { name: "SURREAL_PASS", valueFrom: { secretKeyRef: { name: "surrealdb-app", key: "password" } } },
      { name: "SSL_CERT_FILE", value: "/ca/ca.crt" },
    ]));
    const image = (x: Container) => (x as { image?: string }).image;
    expect(image(verify)).toBe(image((await statefulSet()).spec.template.spec.containers[0]));
    expect(pod.restartPolicy).toBe("Never");
    expect(restrictedViolations(pod as never)).toEqual([]);
    expect(one(r, "kubernetes:batch/v1:Job").options.dependsOn.map((d) => d.type)).toEqual(expect.arrayContaining([
      "kubernetes:apps/v1:StatefulSet", "kubernetes:core/v1:Secret", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    ]));
  });

  it("has no PodDisruptionBudget (one replica: a budget could only block drains)", async () => {
    expect(ofType(await run(), "kubernetes:policy/v1:PodDisruptionBudget").filter((r) => r.name.includes("surrealdb"))).toEqual([]);
  });

  it("keeps every credential in Secrets as redacted data, never stringData", async () => {
    const secrets = ofType(await run(), "kubernetes:core/v1:Secret").filter((r) => r.name.includes("-surrealdb"));
    expect(secrets.map((s) => plain<{ metadata: { name: string } }>(s).metadata.name).sort()).toEqual(["surrealdb-app", "surrealdb-bootstrap", "surrealdb-root"]);
    for (const s of secrets) {
      expect(s.inputs.stringData, s.name).toBeUndefined();
      // The whole `data` map is a Pulumi secret (it carries the generated passwords), redacted by the runner.
      expect(isSecretValue(s.inputs.data), s.name).toBe(true);
    }
  });

  it(`is ${c.prod ? "" : "not "}protected where replacing would lose data or credentials`, async () => {
    const r = await run();
    for (const [type, name] of [
      ["kubernetes:apps/v1:StatefulSet", "server"], ["kubernetes:core/v1:Namespace", "namespace"], ["kubernetes:core/v1:Secret", "root-credentials"],
      ["random:index/randomPassword:RandomPassword", "root-password"], ["random:index/randomPassword:RandomPassword", "app-password"],
    ]) {
      expect(one(r, type, `sparki-${c.stack}-surrealdb-${name}`).options.protect, name).toBe(c.prod);
    }
  });

  it("alerts on the volume, restarts and readiness from the platform thresholds, and on missed backups when backups run", async () => {
    const rule = plain<{ metadata: { labels: Record<string, string> }; spec: { groups: { rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] } }>(
      one(await run(), "kubernetes:monitoring.coreos.com/v1:PrometheusRule"));
    const rules = rule.spec.groups[0].rules;
    expect(rules.map((x) => x.alert)).toEqual([
      "SurrealDbVolumeUsedWarning", "SurrealDbVolumeUsedCritical", "SurrealDbRestartsWarning", "SurrealDbRestartsCritical", "SurrealDbNotReady",
      "SurrealDbCertificateRenewalOverdue", "SurrealDbCertificateExpiring",
      ...(c.prod ? ["BackupMissedWarning", "BackupMissedCritical"] : []),
    ]);
    const volume = PLATFORM_THRESHOLDS.k8sVolumeUsedPercent;
    expect(rules[0].expr).toBe(`100 * kubelet_volume_stats_used_bytes{namespace="${namespace}", persistentvolumeclaim="data-surrealdb-0"} `
      + `/ kubelet_volume_stats_capacity_bytes{namespace="${namespace}", persistentvolumeclaim="data-surrealdb-0"} > ${volume.warning}`);
    expect(rules[1].expr).toMatch(new RegExp(` > ${volume.critical}$`));
    expect(rules[2].expr).toContain(`kube_pod_container_status_restarts_total{namespace="${namespace}", pod="surrealdb-0", container="surrealdb"}`);
    expect(rules[0].labels).toEqual({ severity: "warning", threshold_source: "platform:k8sVolumeUsedPercent" });
    expect(rules[3].labels).toEqual({ severity: "critical", threshold_source: "platform:k8sPodRestarts" });
    // cert-manager's gauges (https://pkg.go.dev/github.com/jetstack/cert-manager@v1.6.3/pkg/metrics) for the Certificate named like the Secret.
    const cert = `{namespace="${namespace}", name="surrealdb-tls"}`;
    expect(rules[5].expr).toBe(`time() - certmanager_certificate_renewal_timestamp_seconds${cert} > 3600`);
    expect(rules[6].expr).toBe(`(certmanager_certificate_expiration_timestamp_seconds${cert} - time()) < 0.5 * `
      + `(certmanager_certificate_expiration_timestamp_seconds${cert} - certmanager_certificate_renewal_timestamp_seconds${cert})`);
    expect(rules[6].labels.severity).toBe("critical");
    // No latency rule: the request families on /metrics need root credentials (components/surrealdb/alerts.ts).
    expect(rules.some((x) => /latency|duration/i.test(x.expr))).toBe(false);
    expect(rule.metadata.labels.release).toBe(c.prod ? "kube-prometheus-stack" : undefined);
  });

  it("outputs what the Fiber adapter's Config needs, and no secret value", async () => {
    const r = await run();
    const out = r.outputs.surrealdb as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/surrealdb"],
      endpoint: `wss://${host}:8000`,
      kubernetesNamespace: namespace,
      namespace: "fiber_storage", database: "fiber_storage", defaultTable: "fiber_storage",
      secretName: "surrealdb-app", tls: true, tlsSecretName: "surrealdb-tls",
      tlsDnsNames: [`surrealdb.${namespace}.svc`, host],
    });
    expect(Object.keys(out).sort()).toEqual([
      ...(c.prod ? ["backup"] : []), "database", "defaultTable", ...(c.prod ? ["ebsCsiKmsPolicy"] : []), "endpoint", "fiberPackages", "kubernetesNamespace",
      "namespace", "secretName", "tls", "tlsDnsNames", "tlsSecretName",
    ]);
    if (c.prod) {
      const backup = out.backup as { bucket: string; prefix: string; schedule: string };
      expect(backup.bucket).toMatch(/config-backups/);
      expect(backup).toMatchObject({ prefix: "kubernetes/surrealdb/", schedule: "17 3 * * *" });
      expect(out.ebsCsiKmsPolicy).toMatchObject({ attachToRoleArn: "arn:aws:iam::555555555555:role/sparki-prod-ebs-csi-driver" });
    }
    expect(JSON.stringify(out)).not.toMatch(/mock-password|password/i);
  });

  it(c.prod ? "exports the Fiber database daily with `surreal export` (no shell) and uploads it write-only" : "has no backup in dev", async () => {
    const r = await run();
    const cron = ofType(r, "kubernetes:batch/v1:CronJob").filter((x) => x.name.includes("surrealdb"));
    if (!c.prod) {
      expect(cron).toEqual([]);
      return;
    }
    const spec = plain<{ spec: { schedule: string; jobTemplate: { spec: { template: { spec: Pod } } } } }>(cron[0]).spec;
    expect(spec.schedule).toBe("17 3 * * *");
    const pod = spec.jobTemplate.spec.template.spec;
    const dump = pod.initContainers![0];
    expect(dump.command).toEqual(["/surreal", "export", "--endpoint", `https://${host}:8000`, "--namespace", "fiber_storage", "--database", "fiber_storage", "/backup/fiber_storage-fiber_storage.surql"]);
    expect(dump.env).toEqual(expect.arrayContaining([
      { name: "SURREAL_USER", valueFrom: { secretKeyRef: { name: "surrealdb-root", key: "username" } } },
      { name: "SURREAL_PASS", valueFrom: { secretKeyRef: { name: "surrealdb-root", key: "password" } } },
      { name: "SSL_CERT_FILE", value: "/ca/ca.crt" },
    ]));
    expect(restrictedViolations(pod as never)).toEqual([]);
    // Scratch sized and classed like the data volume (a generic ephemeral volume), not the shared 20 GiB emptyDir.
    const scratch = (pod.volumes as { name: string; emptyDir?: unknown; ephemeral?: { volumeClaimTemplate: { spec: unknown } } }[]).find((v) => v.name === "backup");
    expect(scratch?.emptyDir).toBeUndefined();
    expect(scratch?.ephemeral?.volumeClaimTemplate.spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: `${c.storageClass}-scratch`, resources: { requests: { storage: c.sizeGi } } });
    const role = one(r, "aws:iam/role:Role", `sparki-${c.stack}-surrealdb-backup-role`);
    const trust = json<{ Statement: { Condition: { StringEquals: Record<string, string> } }[] }>(role.inputs.assumeRolePolicy);
    expect(Object.values(trust.Statement[0].Condition.StringEquals)).toContain(`system:serviceaccount:${namespace}:surrealdb-backup`);
    const upload = json<{ Statement: { Sid: string; Action: string[]; Resource: string[] }[] }>(one(r, "aws:iam/rolePolicy:RolePolicy", `sparki-${c.stack}-surrealdb-backup-upload`).inputs.policy);
    expect(upload.Statement[0].Action).toEqual(["s3:PutObject", "s3:AbortMultipartUpload"]);
    expect(upload.Statement[0].Resource[0]).toMatch(/config-backups\/kubernetes\/surrealdb\/\*$/);
  });
});

it("plans in preview too (unknown passwords, ARNs) with the same objects", async () => {
  for (const c of CASES) {
    const applied = await capturedRun({ stack: c.stack, stackDir: DIR });
    const previewed = await capturedRun({ stack: c.stack, stackDir: DIR }, true);
    expect(surrealObjects(previewed).map((r) => `${r.type} ${r.name}`).sort(), c.stack).toEqual(surrealObjects(applied).map((r) => `${r.type} ${r.name}`).sort());
  }
});
