import { describe, expect, it } from "vitest";
import { resolveNeo4jArgs } from "../components/neo4j/args";
import {
  exportJavaOptions, exportQuery, exportScript, type ExportRow, parseExport, renderExport, renderExportRow, restoreBatches, restoreQuery,
} from "../components/neo4j/backup";
import { memorySettings, neo4jConf } from "../components/neo4j/config";
import { neo4jAlertRules } from "../components/neo4j/alerts";
import { stackConfig } from "../scripts/offline/stack-files";
import { neo4jAdapter } from "../stacks/adapters/neo4j";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { exampleConfig, type Section } from "./example-config";

/**
 * Bad `sparki-storage:neo4j` sections, on top of the example stacks that turn Neo4j on (examples/neo4j): each is
 * refused before anything is registered, with one line naming the key, the value and what is allowed. Then the
 * settings, the component's own checks and the pure builders.
 */

const { KEY, DIR, DEV, PROD, refused } = exampleConfig("neo4j");

const NAME_A_CLASS = "must name an existing StorageClass of the cluster when ebsKmsStorageClass is false (`kubectl get storageclass` lists them), or set ebsKmsStorageClass: true";

describe("bad neo4j config: one line naming key, value and what is allowed; nothing registered", () => {
  it.each<[string, string, Section, string]>([
    // Schema (stacks/adapters/neo4j/schema.ts and the shared hosting fields).
    ["two servers (clustering is Enterprise)", "neo4j-dev", { ...DEV, replicas: 2 },
      `${KEY}.replicas must be 1 (Neo4j Community Edition runs one server: clustering and online backup need Enterprise Edition), got 2`],
    ["a node label with a hyphen (written into Cypher unquoted)", "neo4j-dev", { ...DEV, nodeLabel: "fiber-storage" },
      `${KEY}.nodeLabel must be a node label: a letter, then letters, digits or _, at most 63 characters, got "fiber-storage"`],
    ["a volume of 0 GiB", "neo4j-dev", { ...DEV, volumeSizeGiB: 0 }, `${KEY}.volumeSizeGiB must be an integer 1..16384, got 0`],
    ["memory under 1 GiB", "neo4j-dev", { ...DEV, memoryMiB: 512 }, `${KEY}.memoryMiB must be an integer 2048..262144, got 512`],
    // Neo4j's documented minimum is 2 GB ("Memory: 2GB minimum", https://neo4j.com/docs/operations-manual/current/installation/requirements/).
    ["memory under Neo4j's documented 2 GB minimum", "neo4j-dev", { ...DEV, memoryMiB: 1024 }, `${KEY}.memoryMiB must be an integer 2048..262144, got 1024`],
    ["a misspelt key", "neo4j-dev", { ...DEV, nodeLable: "kv" },
      `${KEY}.nodeLable is not a known key (did you mean "nodeLabel"?) (allowed: enabled, kubeconfig, context, namespace, clusterDomain, storageClass, `
      + "ebsKmsStorageClass, ebsCsiRoleArn, tlsSecretName, clientNamespaceLabel, monitoringNamespace, prometheusRelease, backup, image, replicas, volumeSizeGiB, "
      + "cpuMillis, cpuLimitMillis, memoryMiB, nodeLabel)"],
    ["a malformed digest", "neo4j-dev", { ...DEV, image: { tag: "5.26.30-community", digest: "sha256:abc" } },
      `${KEY}.image.digest must be an image digest sha256:<64 lowercase hex digits>, got "sha256:abc"`],
    // Rules (stacks/adapters/neo4j/rules.ts and kubernetesHostingProblems).
    ["an image tag without its digest", "neo4j-dev", { ...DEV, image: { tag: "5.26.31-community" } },
      `${KEY}.image.digest must be set together with image.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing`],
    ["an Enterprise image", "neo4j-dev", { ...DEV, image: { tag: "5.26.30-enterprise", digest: `sha256:${"b".repeat(64)}` } },
      `${KEY}.image.tag "5.26.30-enterprise" is an Enterprise Edition image; this adapter runs Neo4j Community Edition (use a -community tag), got "5.26.30-enterprise"`],
    ["a CPU limit under the request", "neo4j-dev", { ...DEV, cpuMillis: 2000, cpuLimitMillis: 1000 },
      `${KEY}.cpuLimitMillis must be at least cpuMillis (2000): Kubernetes refuses a CPU limit below the request, got 1000`],
    ["dev volume on no StorageClass (the cluster default, which a cluster may not have)", "neo4j-dev", { ...DEV, storageClass: undefined },
      `${KEY}.storageClass ${NAME_A_CLASS}, got nothing`],
    ["prod without a named context", "neo4j-prod", { ...PROD, context: undefined },
      `${KEY}.context must name the kubeconfig context of the target cluster for profile "prod" (never deploy to whatever context is current), got nothing`],
    ["prod turning backups off", "neo4j-prod", { ...PROD, backup: { enabled: false } },
      `${KEY}.backup.enabled must not be false for profile "prod" (a stateful workload in prod keeps a copy outside the cluster), got false`],
    ["backups without the cluster's OIDC provider", "neo4j-dev", { ...DEV, backup: { enabled: true } },
      `${KEY}.backup.oidcProviderArn must name the cluster's IAM OIDC provider when backups are on (the upload step assumes a write-only role through IRSA; no access keys are stored), got nothing`],
    ["the EBS CSI role of another account", "neo4j-prod", { ...PROD, ebsCsiRoleArn: "arn:aws:iam::111111111111:role/ebs-csi" },
      `${KEY}.ebsCsiRoleArn must be a role in this stack's account 555555555555 (the KMS key policy delegates to IAM of its own account only), got "arn:aws:iam::111111111111:role/ebs-csi"`],
  ])("%s", async (_case, stack, section, expected) => {
    const { problems, registered } = await refused(stack, section);
    expect(problems).toEqual([expected]);
    expect(registered).toEqual([]);
  });
});

describe("neo4j settings", () => {
  it("takes absent fields from the profile, then the component, and the Fiber adapter's default node label", () => {
    const dev = adapterSettings(neo4jAdapter, loadConfig("neo4j-dev", stackConfig("neo4j-dev", {}, DIR)));
    // gofiber/storage neo4j/config.go ConfigDefault: Node "fiber_storage".
    expect(dev).toMatchObject({
      enabled: true, storageClass: "standard", ebsKmsStorageClass: false, replicas: 1, volumeSizeGiB: 10, cpuMillis: 500, cpuLimitMillis: 2000, memoryMiB: 2048,
      nodeLabel: "fiber_storage", backup: { enabled: false, prefix: "kubernetes/neo4j/" },
    });
    const prod = adapterSettings(neo4jAdapter, loadConfig("neo4j-prod", stackConfig("neo4j-prod", {}, DIR)));
    expect(prod).toMatchObject({ ebsKmsStorageClass: true, volumeSizeGiB: 50, memoryMiB: 8192, backup: { enabled: true, oidcProviderArn: expect.stringContaining(":oidc-provider/") as unknown } });
  });

  it("is off in the dev and prod root stacks", () => {
    for (const stack of ["dev", "prod"]) {
      expect(adapterSettings(neo4jAdapter, loadConfig(stack, stackConfig(stack))).enabled, stack).toBe(false);
    }
  });
});

describe("Neo4j component arguments (resolveNeo4jArgs)", () => {
  const base = { namespace: "graph", storageClassName: "standard" };
  it("applies its defaults once", () => {
    const a = resolveNeo4jArgs("t", base);
    expect(a).toMatchObject({ replicas: 1, volumeSizeGiB: 10, cpuMillis: 500, cpuLimitMillis: 2000, memoryMiB: 2048, nodeLabel: "fiber_storage", tlsSecretName: "neo4j-tls", clusterDomain: "cluster.local" });
    expect(a.clientNamespaceLabel).toEqual({ key: "storage.sparki.io/neo4j-client", value: "true" });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["two replicas", { replicas: 3 }, "replicas must be 1, got 3: Neo4j Community Edition runs one server: clustering and online backup need Enterprise Edition"],
    ["a label with a space", { nodeLabel: "fiber storage" }, 'nodeLabel "fiber storage" must be a letter'],
    ["a limit under the request", { cpuMillis: 500, cpuLimitMillis: 100 }, "cpuLimitMillis must be an integer 500..64000, got 100"],
    ["an Enterprise image", { image: { registry: "docker.io", repository: "library/neo4j", tag: "5.26.30-enterprise", digest: `sha256:${"a".repeat(64)}` } }, "is an Enterprise Edition image"],
    ["a Bitnami image", { image: { registry: "docker.io", repository: "bitnami/neo4j", tag: "5", digest: `sha256:${"a".repeat(64)}` } }, "Bitnami"],
    ["no StorageClass at all", { storageClassName: undefined }, "storageClassName or ebsEncryption is required"],
    ["memory under Neo4j's documented 2 GB minimum", { memoryMiB: 1024 }, "memoryMiB must be an integer 2048..262144, got 1024"],
  ])("refuses %s", (_case, extra, message) => {
    expect(() => resolveNeo4jArgs("t", { ...base, ...extra })).toThrow(message);
  });
});

describe("neo4j.conf", () => {
  const conf = neo4jConf({ memoryMiB: 4096, advertisedAddress: "neo4j.graph.svc.cluster.local", txLogRetentionDays: 2 });
  const lines = conf.split("\n");

  it("sizes heap (half) and page cache (a quarter) from the container's memory", () => {
    expect(memorySettings({ memoryMiB: 4096 })).toEqual({ heapMiB: 2048, pageCacheMiB: 1024 });
    expect(lines).toEqual(expect.arrayContaining(["server.memory.heap.max_size=2048m", "server.memory.pagecache.size=1024m"]));
  });

  it("never enables the plaintext HTTP connector nor lets Bolt go without TLS", () => {
    expect(lines).toContain("server.http.enabled=false");
    expect(lines).toContain("server.bolt.tls_level=REQUIRED");
    expect(lines.filter((l) => /tls_level=(OPTIONAL|DISABLED)|server\.http\.enabled=true/.test(l))).toEqual([]);
  });

  it("advertises the client Service, so a routing (neo4j+s://) driver is sent back to it and not to localhost", () => {
    expect(lines).toContain("server.default_advertised_address=neo4j.graph.svc.cluster.local");
  });
});

describe("the backup export", () => {
  it("reads exactly the properties the Fiber adapter writes (k, v, e) of its label, bytes as integers, no ORDER BY", () => {
    // gofiber/storage neo4j/neo4j.go: MERGE (n:%s{ k: $key }) SET n.v = $val, n.e = $exp; `$val` is a Go []byte.
    expect(exportQuery("kv")).toBe("MATCH (n:kv) RETURN [x IN n.v | x] AS v, n.e AS e, n.k + '#' AS k");
    // A Sort over an unfiltered label scan holds every row in the server's heap.
    expect(exportQuery("kv")).not.toMatch(/ORDER BY/i);
  });

  it("trusts only the cluster CA through JAVA_TOOL_OPTIONS (a PKCS12 store keytool builds), gzips, and never runs neo4j-admin", () => {
    const script = exportScript("neo4j+s://neo4j.graph.svc.cluster.local:7687", "kv");
    const lines = script.split("\n");
    expect(lines[0]).toBe("set -euo pipefail");
    expect(lines[1]).toMatch(/^keytool -importcert -noprompt -alias cluster-ca -file \/ca\/ca\.crt -keystore \/tmp\/cluster-ca\.p12 -storetype PKCS12 /);
    // The JVM reads JAVA_TOOL_OPTIONS whatever the launcher does; set after keytool, which would otherwise look for the store it creates.
    expect(lines[2]).toBe(`export JAVA_TOOL_OPTIONS="${exportJavaOptions()}"`);
    expect(exportJavaOptions()).toContain("-Djavax.net.ssl.trustStore=/tmp/cluster-ca.p12 -Djavax.net.ssl.trustStoreType=PKCS12 ");
    // "PEM" is not a JDK KeyStore type (Java Security Standard Algorithm Names, KeyStore types).
    expect(script).not.toMatch(/trustStoreType=PEM|JAVA_OPTS=/);
    expect(lines[3]).toBe(`cypher-shell -a "neo4j+s://neo4j.graph.svc.cluster.local:7687" --format plain "${exportQuery("kv")}" | gzip -c > "/backup/kv.export.gz"`);
    expect(script).not.toMatch(/neo4j-admin|trust_all|\+ssc|wc -l/);
  });

  // cypher-shell writes each value with the Java driver's toString(): a list as `[a, b]`, an integer as Long.toString,
  // null as NULL, a string in double quotes with only `"` escaped (OutputFormatter formatValue, StringValue).
  it("states cypher-shell's plain output: signed bytes, NULL, the key quoted with only \" escaped and the sentinel", () => {
    expect(renderExportRow({ k: "a", v: Uint8Array.from([0, 127, 128, 255]), e: 0 })).toBe('[0, 127, -128, -1], 0, "a#"');
    expect(renderExportRow({ k: 'say "hi"\\', v: null, e: null })).toBe('NULL, NULL, "say \\"hi\\"\\#"');
    expect(renderExport([])).toBe("v, e, k\n");
  });

  const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
  const ODD_KEYS = ["plain", "", "back\\slash\\", 'quote"', '"', '\\"', "ends with \\", "new\nline", "crlf\r\n", 'a", 1, "b', ']\n[1], 2, "c', "#", '#"', "x#\\", "ünïcødé ✓ 🔑", "tab\tand, comma"];

  it("round-trips every byte 0..255 and keys with backslashes, quotes, newlines, separators and the sentinel", () => {
    const rows: ExportRow[] = [
      { k: "all-bytes", v: ALL_BYTES, e: 1_790_000_000 },
      { k: "empty", v: new Uint8Array(0), e: 0 },
      { k: "no-value", v: null, e: null },
      ...ODD_KEYS.map((k, i) => ({ k, v: ALL_BYTES.slice(i * 13, i * 13 + 20), e: i })),
    ];
    const back = parseExport(renderExport(rows));
    expect(back.map((r) => r.k)).toEqual(rows.map((r) => r.k));
    expect(back.map((r) => r.e)).toEqual(rows.map((r) => r.e));
    expect(back.map((r) => (r.v === null ? null : Array.from(r.v)))).toEqual(rows.map((r) => (r.v === null ? null : Array.from(r.v))));
    expect(Array.from(back[0].v!)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it("reads a hand-written export (not produced by renderExport) and an empty one", () => {
    const text = 'v, e, k\n[-1, 0, 65], 1700000000, "line1\nline2 \\"q\\" \\#"\n[], 0, "\\#"\n';
    expect(parseExport(text)).toEqual([
      { k: 'line1\nline2 "q" \\', v: Uint8Array.from([255, 0, 65]), e: 1_700_000_000 },
      { k: "\\", v: new Uint8Array(0), e: 0 },
    ]);
    expect(parseExport("")).toEqual([]);
    expect(parseExport("v, e, k\n")).toEqual([]);
  });

  it.each<[string, string, string]>([
    ["another header", "k, v, e\n", 'expected the header line "v, e, k"'],
    ["the old hex byte format", 'v, e, k\n#00ff, 0, "a#"\n', 'expected "["'],
    ["a byte out of range", 'v, e, k\n[128], 0, "a#"\n', "byte 128 outside -128..127"],
    ["a key without the sentinel", 'v, e, k\n[1], 0, "a"\n', "key without the # sentinel"],
    ["an unterminated key", 'v, e, k\n[1], 0, "a\\"\n', "unterminated key"],
    ["a truncated file", 'v, e, k\n[1], 0, "a#"', 'expected "\\n"'],
  ])("refuses %s", (_case, text, message) => {
    expect(() => parseExport(text)).toThrow(message);
  });

  it("restores with one UNWIND over a rows parameter, MERGE on the adapter's key, in bounded batches", () => {
    expect(restoreQuery("kv")).toBe("UNWIND $rows AS r MERGE (n:kv {k: r.k}) SET n.v = r.v, n.e = r.e");
    const rows = Array.from({ length: 2501 }, (_, i) => ({ k: `k${i}`, v: Uint8Array.from([i & 0xff]), e: 0 }));
    expect(restoreBatches(rows).map((b) => b.rows.length)).toEqual([1000, 1000, 501]);
    expect(restoreBatches(rows).flatMap((b) => b.rows)).toEqual(rows);
    expect(() => restoreBatches(rows, 0)).toThrow("batchSize must be a positive integer, got 0");
  });

  it("alerts on missed backups only when the backup rules are handed in, and on the certificate's expiry from cert-manager's metric", () => {
    const rules = neo4jAlertRules("graph", []);
    expect(rules.map((r) => r.alert)).not.toContain("BackupMissedWarning");
    // cert-manager exports certmanager_certificate_expiration_timestamp_seconds{name, namespace} (pkg/metrics).
    expect(rules.filter((r) => r.alert.startsWith("Neo4jCertificateExpiring")).map((r) => [r.expr, r.labels.severity])).toEqual([
      ['(certmanager_certificate_expiration_timestamp_seconds{namespace="graph"} - time()) < 14 * 86400', "warning"],
      ['(certmanager_certificate_expiration_timestamp_seconds{namespace="graph"} - time()) < 3 * 86400', "critical"],
    ]);
  });
});
