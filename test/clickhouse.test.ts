import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CLICKHOUSE_NAMES, fiberSchemaSql, installationArgs, keeperArgs, resolveClickHouseArgs, restoreCommands, sha256Hex, tlsDnsNames,
} from "../components/clickhouse";
import { PLATFORM_THRESHOLDS } from "../components/matrix";
import { restrictedViolations } from "../policy/kubernetes";
import { estimateCost } from "../scripts/offline/cost/estimate";
import { EBS_GB_MONTH } from "../scripts/offline/cost/prices";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { validateClickHouseInstallation, validateClickHouseKeeperInstallation } from "./clickhouse-schema";
import { capturedRun, one, ofType, type ProgramRun, type RegisteredResource } from "./harness";
import { isSecretValue, plainInputs, validateKubernetesObject } from "./kubernetes-schemas";

/**
 * ClickHouse on Kubernetes as the example stacks deploy it (examples/clickhouse), in both profiles. Outside facts used
 * as oracles (all read 2026-11-29): the Altinity operator names the installation Service `clickhouse-<chi>` and a
 * replica's StatefulSet `chi-<chi>-<cluster>-<shard>-<replica>` (pkg/model/chi/namer/patterns.go), labels the pods
 * `clickhouse.altinity.com/chi` / `clickhouse-keeper.altinity.com/chk`, defaults the ports to 9440 (native TLS), 8443
 * (HTTPS), 9000/8123 (plain), 9009 (interserver), 2181/9444 (Keeper) (pkg/apis/clickhouse.altinity.com/v1/type_host.go),
 * takes passwords as `valueFrom.secretKeyRef` and TLS with `secure: "yes"` (docs/security_hardening.md); the ClickHouse
 * images run as uid 101; the Fiber adapter's Config has Host, Port, Database, Username, Password, Table, Engine, Clean
 * and TLSConfig (gofiber/storage clickhouse/config.go).
 */

const DIR = join(REPO_ROOT, "examples", "clickhouse");
const CASES = [
  { stack: "clickhouse-dev", prod: false, storageClass: "standard", replicas: 1, keepers: 1, size: "20Gi", keeperSize: "5Gi", memory: "2048Mi" },
  { stack: "clickhouse-prod", prod: true, storageClass: "sparki-clickhouse-prod-clickhouse-ebs-kms", replicas: 2, keepers: 3, size: "100Gi", keeperSize: "10Gi", memory: "8192Mi" },
] as const;

type Json = Record<string, never>;
type PodTemplate = { name: string; metadata: { labels: Record<string, string> }; spec: Json & { containers: Json[]; securityContext: Json; affinity: Json } };
type Spec = {
  namespaceDomainPattern?: string;
  defaults: Json; configuration: { users: Record<string, unknown>; profiles?: Record<string, unknown>;
    settings: Record<string, unknown>; files: Record<string, unknown>; clusters: Json[]; zookeeper?: { nodes: Json[] }; };
  templates: { podTemplates: PodTemplate[]; volumeClaimTemplates: { name: string; reclaimPolicy: string; spec: Json }[] };
};
const plain = <T>(r: RegisteredResource) => plainInputs(r.inputs) as T;
const CHI = "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation";
const CHK = "kubernetes:clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation";
const ours = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.name.includes("-clickhouse"));

describe.each(CASES)("ClickHouse on Kubernetes in $stack", (c) => {
  const run = () => capturedRun({ stack: c.stack, stackDir: DIR });
  const namespace = `sparki-${c.stack}-clickhouse`;
  const host = `clickhouse-sparki.${namespace}.svc.cluster.local`;
  const chi = async () => plain<{ metadata: { name: string }; spec: Spec }>(one(await run(), CHI));
  const chk = async () => plain<{ metadata: { name: string }; spec: Spec }>(one(await run(), CHK));

  it("registers schema-valid objects (the operator's CRDs for its two kinds), all in its own namespace", async () => {
    const r = await run();
    const objects = ours(r);
    expect(objects.map((o) => o.type).sort()).toEqual([
      ...(c.prod ? ["kubernetes:batch/v1:CronJob"] : []),
      "kubernetes:batch/v1:Job",
      CHK, CHI,
      "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret",
      ...(c.prod ? ["kubernetes:core/v1:ServiceAccount"] : []),
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      // prod: the servers' class and the backup scratch class (both on the stack key)
      ...(c.prod ? ["kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:storage.k8s.io/v1:StorageClass"] : []),
    ].sort());
    for (const o of objects) {
      await expect(validateKubernetesObject(o), `${o.type} ${o.name}`).resolves.toBeUndefined();
      const clusterScoped = o.type.endsWith(":Namespace") || o.type.endsWith(":StorageClass");
      expect(plain<{ metadata: { namespace?: string } }>(o).metadata.namespace, o.name).toBe(clusterScoped ? undefined : namespace);
      expect(o.provider, o.name).toContain(`$pulumi:providers:kubernetes::sparki-${c.stack}-clickhouse-kubernetes::`);
    }
    expect(one(r, "pulumi:providers:kubernetes").inputs).toMatchObject({ context: c.prod ? "sparki-prod" : "sparki-dev" });
    expect(one(r, "sparki:clickhouse:ClickHouse").name).toBe(`sparki-${c.stack}-clickhouse`);
  });

  it(`runs 1 shard x ${c.replicas} replicas and ${c.keepers} Keeper member(s), one pod per node, on ${c.storageClass}`, async () => {
    const spec = (await chi()).spec;
    expect(spec.configuration.clusters).toEqual([expect.objectContaining({ name: "main", layout: { shardsCount: 1, replicasCount: c.replicas } })]);
    expect((await chk()).spec.configuration.clusters).toEqual([{ name: "main", layout: { replicasCount: c.keepers } }]);
    // The servers find Keeper through the operator's Keeper Service `keeper-<chk>` on the ZooKeeper port.
    expect(spec.configuration.zookeeper?.nodes).toEqual([{ host: `keeper-sparki.${namespace}.svc.cluster.local`, port: 2181 }]);
    for (const [resource, label, size] of [[await chi(), "clickhouse.altinity.com/chi", c.size], [await chk(), "clickhouse-keeper.altinity.com/chk", c.keeperSize]] as const) {
      const pod = resource.spec.templates.podTemplates[0];
      expect(pod.spec.affinity).toMatchObject({
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { [label]: "sparki" } }, topologyKey: "kubernetes.io/hostname" }] },
      });
      const claim = resource.spec.templates.volumeClaimTemplates[0];
      expect(claim.spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: c.storageClass, resources: { requests: { storage: size } } });
      expect(claim.reclaimPolicy).toBe(c.prod ? "Retain" : "Delete");
      expect(resource.spec.defaults).toMatchObject({ templates: { podTemplate: pod.name, dataVolumeClaimTemplate: claim.name } });
    }
  });

  it("runs every operator-created pod under the Restricted Pod Security Standard as uid 101, root filesystem read-only", async () => {
    for (const [resource, container] of [[await chi(), "clickhouse"], [await chk(), "clickhouse-keeper"]] as const) {
      const pod = resource.spec.templates.podTemplates[0].spec;
      expect(restrictedViolations(pod as never)).toEqual([]);
      expect(pod.securityContext).toMatchObject({ runAsUser: 101, runAsGroup: 101, fsGroup: 101, runAsNonRoot: true });
      // The operator fills in the container of this name (ports, probes, config mounts); a different name would add a second container.
      expect(pod.containers.map((x) => x.name)).toEqual([container]);
      expect(pod.containers[0]).toMatchObject({ securityContext: { readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } } });
      expect(String(pod.containers[0].image)).toMatch(/@sha256:[0-9a-f]{64}$/);
    }
    expect((await chi()).spec.templates.podTemplates[0].spec.containers[0]).toMatchObject({ resources: { requests: { memory: c.memory }, limits: { memory: c.memory } } });
  });

  it("keeps every password out of the spec: Secrets by reference, hashes for the server, default user on localhost", async () => {
    const users = (await chi()).spec.configuration.users;
    expect(users["fiber/password_sha256_hex"]).toEqual({ valueFrom: { secretKeyRef: { name: "clickhouse-app", key: "password_sha256_hex" } } });
    expect(users["sparki_admin/password_sha256_hex"]).toEqual({ valueFrom: { secretKeyRef: { name: "clickhouse-admin", key: "password_sha256_hex" } } });
    expect(users["default/password"]).toEqual({ valueFrom: { secretKeyRef: { name: "clickhouse-admin", key: "default_password" } } });
    expect(users["default/networks/ip"]).toEqual(["::1", "127.0.0.1"]);
    // RFC 1918 and 100.64.0.0/10, where EKS custom networking puts pods.
    expect(users["fiber/networks/ip"]).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]);
    expect(users["sparki_admin/networks/ip"]).toContain("100.64.0.0/10");
    expect(users["fiber/grants/query"]).toEqual(["GRANT SELECT, INSERT, ALTER DELETE, TRUNCATE, CREATE TABLE ON fiber.fiber_storage"]);
    // ON CLUSTER DDL needs the global CLUSTER privilege (on_cluster_queries_require_cluster_grant defaults to true,
    // ClickHouse docs GRANT "CLUSTER"); the backup's SYSTEM SYNC REPLICA needs its table-level privilege.
    expect(users["sparki_admin/grants/query"]).toEqual([
      "GRANT SELECT, SHOW, CREATE DATABASE, CREATE TABLE ON fiber.*", "GRANT SYSTEM SYNC REPLICA ON fiber.*", "GRANT CLUSTER ON *.*",
    ]);
    expect(users["fiber/profile"]).toBe("fiber");
    // No user key carries a literal password or hash.
    for (const [key, value] of Object.entries(users)) {
      if (/password/.test(key)) expect(typeof value, key).toBe("object");
    }
    const secrets = ofType(await run(), "kubernetes:core/v1:Secret").filter((s) => s.name.includes("-clickhouse"));
    expect(secrets.map((s) => plain<{ metadata: { name: string } }>(s).metadata.name).sort()).toEqual(["clickhouse-admin", "clickhouse-app"]);
    for (const s of secrets) {
      expect(s.inputs.stringData, s.name).toBeUndefined();
      expect(isSecretValue(s.inputs.data) || Object.values(s.inputs.data as object).every(isSecretValue), s.name).toBe(true);
    }
  });

  it("serves clients TLS only (9440, 8443), replicates over interserver HTTPS, with the TLS Secret's files", async () => {
    const { configuration } = (await chi()).spec;
    expect(configuration.settings).toMatchObject({ tcp_port_secure: 9440, https_port: 8443, interserver_http_port: "_removed_", interserver_https_port: 9009 });
    expect(configuration.clusters[0]).toMatchObject({ secure: "yes", secret: { auto: "yes" } });
    expect(configuration.files["server.crt"]).toEqual({ valueFrom: { secretKeyRef: { name: "clickhouse-tls", key: "tls.crt" } } });
    expect(configuration.files["server.key"]).toEqual({ valueFrom: { secretKeyRef: { name: "clickhouse-tls", key: "tls.key" } } });
    expect(configuration.files["config.d/sparki-tls.xml"]).toContain("<certificateFile>/etc/clickhouse-server/secrets.d/server.crt/clickhouse-tls/tls.crt</certificateFile>");
    expect(configuration.files["config.d/sparki-tls.xml"]).toContain("<disableProtocols>sslv2,sslv3,tlsv1,tlsv1_1</disableProtocols>");
  });

  it("names the installation Service with the TLS ports only (the operator's default would be headless on 8123 and 9000)", async () => {
    type ServiceTemplate = { name: string; generateName?: string; spec: { type: string; ports: { port: number }[] } };
    const spec = (await chi()).spec as unknown as { defaults: { templates: { serviceTemplate: string } }; templates: { serviceTemplates: ServiceTemplate[] } };
    const [template] = spec.templates.serviceTemplates;
    expect(spec.defaults.templates.serviceTemplate).toBe(template.name);
    // No generateName: the Service keeps the operator's name `clickhouse-<chi>`, the output `host`.
    expect(template.generateName).toBeUndefined();
    expect(template.spec.type).toBe("ClusterIP");
    expect(template.spec.ports.map((p) => p.port)).toEqual([9440, 8443]);
  });

  it("denies ingress but the declared flows: clients to the TLS ports, peers, jobs, the operator, monitoring to Keeper metrics", async () => {
    const policies = ofType(await run(), "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => p.name.includes("-clickhouse"))
      .map((p) => plain<{ metadata: { name: string }; spec: { podSelector: unknown; ingress: { from: unknown[]; ports: { port: number }[] }[] } }>(p));
    const server = policies.find((p) => p.metadata.name === "clickhouse-ingress")!;
    expect(server.spec.podSelector).toEqual({ matchLabels: { "clickhouse.altinity.com/chi": "sparki" } });
    const ports = (i: number, s = server) => s.spec.ingress[i].ports.map((p) => p.port);
    expect(server.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { "storage.sparki.io/clickhouse-client": "true" } } }]);
    expect(ports(0)).toEqual([9440, 8443]);
    expect(ports(1)).toEqual([9440, 9009]);
    // Both examples set operator.namespace (required): the namespace the README's helm install uses.
    expect(server.spec.ingress[3].from).toEqual([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "clickhouse-operator" } } }]);
    // Plain 9000 is admitted from nowhere; plain 8123 only from the operator's namespace.
    expect(server.spec.ingress.flatMap((f) => f.ports.map((p) => p.port))).not.toContain(9000);
    expect(server.spec.ingress.filter((f) => f.ports.some((p) => p.port === 8123))).toHaveLength(1);
    const keeper = policies.find((p) => p.metadata.name === "clickhouse-keeper-ingress")!;
    expect(keeper.spec.podSelector).toEqual({ matchLabels: { "clickhouse-keeper.altinity.com/chk": "sparki" } });
    expect(keeper.spec.ingress[0]).toEqual({ from: [{ podSelector: { matchLabels: { "clickhouse.altinity.com/chi": "sparki" } } }], ports: [{ protocol: "TCP", port: 2181 }] });
    expect(ports(3, keeper)).toEqual([7000]);
  });

  it("gives the application user a profile that reads the last write: FINAL, synchronous deletes, quorum inserts with replicas", async () => {
    // Setting names from ClickHouse 25.8 (docs operations/settings/settings): final, mutations_sync (2 = all replicas),
    // insert_quorum ('auto' = majority), select_sequential_consistency.
    expect((await chi()).spec.configuration.profiles).toEqual({
      "fiber/final": 1,
      "fiber/mutations_sync": 2,
      ...(c.replicas > 1 ? { "fiber/insert_quorum": "auto", "fiber/select_sequential_consistency": 1 } : {}),
    });
  });

  it("writes host names in the cluster's domain (namespaceDomainPattern) on both custom resources", async () => {
    expect((await chi()).spec.namespaceDomainPattern).toBe("%s.svc.cluster.local");
    expect((await chk()).spec.namespaceDomainPattern).toBe("%s.svc.cluster.local");
  });

  it("rotates Keeper's file logs so they fit the 2Gi log emptyDir (the image's default is 1000M x 10, log and errorlog)", async () => {
    const { spec } = await chk();
    const settings = spec.configuration.settings;
    const megabytes = Number(/^(\d+)M$/.exec(String(settings["logger/size"]))?.[1]);
    const files = (Number(settings["logger/count"]) + 1) * 2;
    expect(megabytes * files).toBeLessThan(2048);
    const logs = (spec.templates.podTemplates[0].spec as unknown as { volumes: { name: string; emptyDir?: { sizeLimit: string } }[] }).volumes.find((v) => v.name === "logs");
    expect(logs?.emptyDir?.sizeLimit).toBe("2Gi");
  });

  it("creates the Fiber table ReplicatedReplacingMergeTree on every replica before the adapter connects", async () => {
    const job = plain<{ spec: { template: { spec: { containers: { command: string[]; env: unknown[] }[] } } } }>(one(await run(), "kubernetes:batch/v1:Job"));
    const [container] = job.spec.template.spec.containers;
    expect(restrictedViolations(job.spec.template.spec as never)).toEqual([]);
    expect(container.command[2]).toContain("CREATE TABLE IF NOT EXISTS fiber.fiber_storage ON CLUSTER 'main'");
    // The adapter's columns (gofiber/storage clickhouse/config.go createTableString: key String, value String, expiration Datetime).
    expect(container.command[2]).toContain("(key String CODEC(ZSTD(1)), value String CODEC(ZSTD(1)), expiration DateTime CODEC(ZSTD(1)))");
    // Set is a plain INSERT: the last insert of a key must win.
    expect(container.command[2]).toContain("ENGINE = ReplicatedReplacingMergeTree ORDER BY key");
    expect(container.command[2]).toContain(`<host>${host}</host>`);
    expect(container.command[2]).not.toMatch(/--password/);
    expect(container.env).toContainEqual({ name: "CLICKHOUSE_ADMIN_PASSWORD", valueFrom: { secretKeyRef: { name: "clickhouse-admin", key: "password" } } });
  });

  it("alerts on replication delay, read-only replicas, parts per partition, rejected inserts, volumes, Keeper quorum and backups", async () => {
    const rule = plain<{ metadata: { labels: Record<string, string> }; spec: { groups: { rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] } }>(
      ofType(await run(), "kubernetes:monitoring.coreos.com/v1:PrometheusRule").find((x) => x.name.includes("-clickhouse"))!);
    const rules = rule.spec.groups[0].rules;
    const byName = (name: string) => rules.find((x) => x.alert === name)!;
    const sel = `chi="sparki", exported_namespace="${namespace}"`;
    expect(byName("ClickHouseReplicaDelayCritical").expr).toBe(`max by (hostname) (chi_clickhouse_metric_ReplicasMaxAbsoluteDelay{${sel}}) > ${PLATFORM_THRESHOLDS.clickhouseReplicaDelaySeconds.critical}`);
    // parts_to_throw_insert defaults to 3000: the critical level must stay below it.
    expect(PLATFORM_THRESHOLDS.clickhousePartsPerPartition.critical).toBeLessThan(3000);
    expect(byName("ClickHousePartsPerPartitionWarning").expr).toContain(`chi_clickhouse_metric_MaxPartCountForPartition{${sel}}`);
    expect(byName("ClickHouseReadonlyReplica").labels.severity).toBe("critical");
    expect(byName("ClickHouseRejectedInserts").expr).toContain("chi_clickhouse_event_RejectedInserts");
    expect(byName("ClickHouseVolumeUsedWarning").expr).toContain(`persistentvolumeclaim=~"data-ch[ik]-sparki-main-.*"`);
    expect(byName("ClickHouseKeeperQuorum").expr).toBe(`sum(kube_statefulset_status_replicas_ready{namespace="${namespace}", statefulset=~"chk-sparki-main-0-.*"}) < ${Math.floor(c.keepers / 2) + 1}`);
    expect(rules.some((x) => /Backup/.test(x.alert))).toBe(c.prod);
    // No latency rule: the matrix gives no latency for ClickHouse.
    expect(rules.some((x) => /latency/i.test(x.alert + x.expr))).toBe(false);
    expect(rule.metadata.labels.release).toBe(c.prod ? "kube-prometheus-stack" : undefined);
  });

  it(c.prod ? "protects the namespace, both installations, credentials and StorageClass" : "protects nothing", async () => {
    const protectedTypes = (await run()).resources.filter((r) => r.options.protect && r.name.startsWith(`sparki-${c.stack}-clickhouse-`)).map((r) => r.type).sort();
    expect(protectedTypes).toEqual(c.prod ? [
      CHK, CHI, "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret", "kubernetes:storage.k8s.io/v1:StorageClass",
      "random:index/randomPassword:RandomPassword", "random:index/randomPassword:RandomPassword", "random:index/randomPassword:RandomPassword",
    ].sort() : []);
  });

  it("outputs what the Fiber adapter's Config needs, and no secret value", async () => {
    const out = (await run()).outputs.clickhouse as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/clickhouse"], host, port: 9440, database: "fiber", table: "fiber_storage", engine: "MergeTree", clean: false,
      namespace, secretName: "clickhouse-app", tls: true, tlsSecretName: "clickhouse-tls",
      tlsDnsNames: [`clickhouse-sparki.${namespace}.svc`, host, `*.${namespace}.svc.cluster.local`],
      replicas: c.replicas, keeperReplicas: c.keepers,
    });
    expect(JSON.stringify(out)).not.toMatch(/password|secret-value/i);
  });

  it(c.prod ? "prices the servers' and Keeper's EBS volumes per GB-month" : "leaves volumes on the cluster's own class unpriced (billed to the cluster)", async () => {
    const report = estimateCost(await run());
    const lines = report.lines.filter((l) => l.type === CHI || l.type === CHK);
    if (!c.prod) {
      expect(lines).toEqual([]);
      expect(report.unpriced.filter((u) => u.type === CHI).map((u) => u.reason)).toContain("1 x 20Gi ClickHouse volumes on storage class standard, billed by the cluster's storage");
      return;
    }
    expect(lines.map((l) => [l.item, l.unit, l.unitUsd])).toEqual([
      [`3 x 10 GiB EBS gp3 Keeper volumes (storage class ${c.storageClass})`, "GB-month", EBS_GB_MONTH.gp3.usd],
      [`2 x 100 GiB EBS gp3 ClickHouse volumes (storage class ${c.storageClass})`, "GB-month", EBS_GB_MONTH.gp3.usd],
    ]);
    // Provisioned size as billed, no GiB-to-GB conversion (issue 22): 2 x 100 GiB = 200 GB-month.
    expect(lines[1].quantity).toBe(200);
  });

  it(c.prod ? "dumps the Fiber table daily over TLS as the admin user and uploads it write-only" : "has no backup in dev", async () => {
    const cron = ofType(await run(), "kubernetes:batch/v1:CronJob").filter((x) => x.name.includes("-clickhouse"));
    if (!c.prod) return expect(cron).toEqual([]);
    const pod = plain<{ spec: { jobTemplate: { spec: { template: { spec: { initContainers: { command: string[] }[] } } } } } }>(cron[0]).spec.jobTemplate.spec.template.spec;
    expect(restrictedViolations(pod as never)).toEqual([]);
    // One client session: the replica it reads from first catches up, then the DDL and the rows (FINAL: one row per key).
    expect(pod.initContainers[0].command[2]).toContain([
      "--query \"SYSTEM SYNC REPLICA fiber.fiber_storage",
      "SHOW CREATE TABLE fiber.fiber_storage INTO OUTFILE '/backup/fiber.fiber_storage.sql' FORMAT TSVRaw",
      "SELECT * FROM fiber.fiber_storage FINAL INTO OUTFILE '/backup/fiber.fiber_storage.native.zst' COMPRESSION 'zstd' FORMAT Native\"",
    ].join("; "));
  });
});

describe("ClickHouse building blocks", () => {
  it("hashes passwords as ClickHouse's password_sha256_hex wants (lowercase hex SHA-256)", () => {
    expect(sha256Hex("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
    // The SHA-256 of "abc" (FIPS 180-2 test vector).
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("refuses identifiers it would write into SQL unquoted", () => {
    expect(() => fiberSchemaSql({ database: "fiber; DROP", table: "t" })).toThrow('database "fiber; DROP" must match');
    expect(fiberSchemaSql({ database: "fiber", table: "kv" })[0]).toBe("CREATE DATABASE IF NOT EXISTS fiber ON CLUSTER 'main'");
  });

  it("lists every bad component argument at once", () => {
    expect(() => resolveClickHouseArgs("x", { namespace: "ns", storageClassName: "gp3", replicas: 0, keeperReplicas: 2, appUsername: "default", clientCidrs: ["10.0.0.0/33"], operator: { namespace: "Kube_System" } }))
      .toThrow('ClickHouse x: replicas must be an integer 1..5, got 0; keeperReplicas must be 1, 3 or 5, got 2; appUsername must not be "default" (reserved: default, sparki_admin, clickhouse_operator); clientCidrs "10.0.0.0/33" is not an IPv4 CIDR block; operator.namespace "Kube_System" must be a DNS label');
  });

  it("refuses a missing operator namespace (no default: the NetworkPolicies admit only it)", () => {
    const args = { namespace: "ns", storageClassName: "gp3" } as unknown as Parameters<typeof resolveClickHouseArgs>[1];
    expect(() => resolveClickHouseArgs("x", args))
      .toThrow("ClickHouse x: operator.namespace must be set: the namespace the Altinity operator runs in (helm install -n <namespace>), the only one the NetworkPolicies admit to the servers' HTTP port and Keeper");
    expect(resolveClickHouseArgs("x", { ...args, operator: { namespace: "clickhouse-operator" } }).operatorNamespace).toBe("clickhouse-operator");
  });

  it("uses the cluster's domain for the hosts the operator writes, and the certificate covers them", () => {
    const address = { namespace: "ns", clusterDomain: "corp.example" };
    const chiSpec = (installationArgs({
      namespace: "ns", labels: {}, address, replicas: 2, pod: { image: "i", labels: {}, cpuMillis: 100, cpuLimitMillis: 200, memoryMiB: 1024 },
      storageClassName: "gp3", volumeSizeGiB: 1, tlsSecretName: "tls", retainVolumes: false, fiber: { database: "d", table: "t" }, appUsername: "app", clientCidrs: ["10.0.0.0/8"],
    }) as unknown as { spec: Spec }).spec;
    const chkSpec = (keeperArgs({ namespace: "ns", clusterDomain: "corp.example", labels: {}, replicas: 3, image: "i", memoryMiB: 512, storageClassName: "gp3", volumeSizeGiB: 1, retainVolumes: false }) as unknown as { spec: Spec }).spec;
    for (const pattern of [chiSpec.namespaceDomainPattern, chkSpec.namespaceDomainPattern]) {
      // The operator writes "<host>." + the pattern with %s = namespace (pkg/model/chi/namer/name.go createPodFQDN).
      const fqdn = `chi-sparki-main-0-1.${String(pattern).replace("%s", "ns")}`;
      expect(fqdn).toBe("chi-sparki-main-0-1.ns.svc.corp.example");
      expect(tlsDnsNames(address)).toContain(`*.${fqdn.split(".").slice(1).join(".")}`);
    }
  });

  it("documents a restore that reads the dump's format and file (docs/components.md, ClickHouse)", () => {
    const docs = readFileSync(join(REPO_ROOT, "docs", "components.md"), "utf8");
    const section = docs.slice(docs.indexOf("## ClickHouse on Kubernetes"), docs.indexOf("## Neo4j on Kubernetes"));
    const r = restoreCommands({ database: "fiber", table: "fiber_storage" });
    for (const command of [r.truncate, r.insert, r.check]) expect(section).toContain(command);
    // The dump writes Native, zstd-compressed, under this name; the restore decompresses and inserts the same format.
    expect(section).toContain("zstd -dc fiber.fiber_storage.native.zst");
    expect(r.insert).toMatch(/FORMAT Native$/);
    expect(section).toContain("SYSTEM SYNC REPLICA");
    // The first deploy is the shared procedure (TLS Secret and EBS CSI policy before the servers), linked, not repeated.
    expect(section).toContain("](#kubernetes-building-blocks-componentskubernetes)");
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const intro = readme.slice(readme.indexOf("**ClickHouse on Kubernetes**"), readme.indexOf("**Neo4j on Kubernetes**"));
    expect(intro).toContain("(docs/components.md#kubernetes-building-blocks-componentskubernetes)");
  });

  it("the CRD validators can fail: a cluster name over 15 characters, a misspelt field, a bad pod spec", () => {
    const good = installationArgs({
      namespace: "ns", labels: {}, address: { namespace: "ns", clusterDomain: "cluster.local" }, replicas: 2,
      pod: { image: "i", labels: {}, cpuMillis: 100, cpuLimitMillis: 200, memoryMiB: 1024 }, storageClassName: "gp3", volumeSizeGiB: 1,
      tlsSecretName: "tls", retainVolumes: false, fiber: { database: "d", table: "t" }, appUsername: "app", clientCidrs: ["10.0.0.0/8"],
    }) as unknown as { spec: Spec };
    expect(() => validateClickHouseInstallation(good)).not.toThrow();
    const clusters = [{ ...good.spec.configuration.clusters[0], name: "a-cluster-name-too-long" }];
    expect(() => validateClickHouseInstallation({ ...good, spec: { ...good.spec, configuration: { ...good.spec.configuration, clusters } } })).toThrow(/clusters\.0\.name/);
    expect(() => validateClickHouseInstallation({ ...good, spec: { ...good.spec, defaults: { replicasUseFqdn: "yes" } } })).toThrow(/replicasUseFqdn/);
    const pods = [{ name: "p", spec: { containers: [{ name: "c", resources: { limits: 5 } }] } }];
    expect(() => validateClickHouseInstallation({ ...good, spec: { ...good.spec, templates: { ...good.spec.templates, podTemplates: pods } } })).toThrow(/pod template spec/);
    expect(() => validateClickHouseKeeperInstallation({ ...good, apiVersion: "clickhouse-keeper.altinity.com/v1", kind: "ClickHouseKeeperInstallation" })).toThrow(/ClickHouseKeeperInstallation/);
  });

  it("names what the operator creates as the operator does", () => {
    expect(CLICKHOUSE_NAMES.cluster.length).toBeLessThanOrEqual(15);
  });
});
