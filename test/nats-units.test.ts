import { describe, expect, it } from "vitest";
import {
  backupDump, bucketReplicas, bucketScript, kvBucketSpec, maxFileStoreBytes, natsAlertRules, nodesProblem, renderServerConfig, resolveNatsArgs, serverConfig,
  userPermissions,
} from "../components/nats";

/**
 * The NATS component's pure parts. Outside facts used as oracles (checked 2026-11-29): a KV bucket `b` is the stream
 * `KV_b` with subjects `$KV.b.>` (nats.go jetstream/kv.go); JetStream API subjects are `$JS.API.<verb>.<stream>`
 * (nats.go jetstream/api.go, docs.nats.io NATS API reference); stream replicas are at most 5 and NATS recommends 3 or 5
 * JetStream servers; the server's default route pool is 3 connections per peer (server/const.go).
 */

const HASHES = { client: "$2a$10$client", provisioner: "$2a$10$provisioner", backup: "$2a$10$backup", restore: "$2a$10$restore", system: "$2a$10$system" };
const address = { namespace: "sparki-test-nats", clusterDomain: "cluster.local" };
const input = (nodes: number) => ({ address, nodes, volumeSizeGiB: 10, memoryMiB: 1024, bucket: "fiber_storage", passwordHashes: HASHES });
const WORKLOAD = { namespace: "sparki-test-nats", storageClassName: "standard" };

describe("server count", () => {
  it("accepts 1 and 3..9 servers and refuses 2 (a Raft group of 2 stops when either is down)", () => {
    expect([1, 3, 4, 5, 9].map(nodesProblem)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(nodesProblem(2)).toMatch(/^must be 1 or at least 3: a JetStream cluster keeps its metadata in a Raft group/);
    expect([0, 10, 2.5].map(nodesProblem)).toEqual(Array(3).fill("must be an integer 1..9"));
  });

  it("keeps the bucket at min(nodes, 3) replicas, never past the 5 a stream may have", () => {
    expect([1, 3, 4, 5, 9].map(bucketReplicas)).toEqual([1, 3, 3, 3, 3]);
    expect(kvBucketSpec("sessions", 5)).toEqual({ bucket: "sessions", stream: "KV_sessions", storage: "file", replicas: 3, history: 1, ttlSeconds: 0 });
  });
});

describe("server configuration", () => {
  it("serves one server without a cluster block, and 3 with TLS-verified routes to every member's stable name", () => {
    expect(serverConfig(input(1)).cluster).toBeUndefined();
    expect(serverConfig(input(3)).cluster).toEqual({
      name: "nats", port: 6222, pool_size: 3, no_advertise: true,
      routes: [0, 1, 2].map((i) => `tls://nats-${i}.nats-headless.sparki-test-nats.svc.cluster.local:6222`),
      tls: { cert_file: "/etc/nats-certs/tls.crt", key_file: "/etc/nats-certs/tls.key", ca_file: "/etc/nats-certs/ca.crt", verify: true, timeout: 2 },
    });
  });

  it("sizes max_file_store below the volume and keeps the store on it", () => {
    const js = serverConfig(input(1)).jetstream as { store_dir: string; max_file_store: number };
    expect(js.store_dir.startsWith("/data/")).toBe(true);
    expect(maxFileStoreBytes(10)).toBe(js.max_file_store);
    expect(js.max_file_store).toBeLessThan(10 * 1024 ** 3);
    expect(js.max_file_store).toBeGreaterThan(7 * 1024 ** 3);
  });

  it("puts every user in its account with its bcrypt hash, JetStream on for the application account only", () => {
    const accounts = serverConfig(input(3)).accounts as Record<string, { jetstream?: string; users: { user: string; password: string }[] }>;
    expect(Object.keys(accounts)).toEqual(["APP", "SYS"]);
    expect(accounts.APP.jetstream).toBe("enabled");
    expect(accounts.SYS.jetstream).toBeUndefined();
    expect(accounts.APP.users.map((u) => [u.user, u.password])).toEqual([
      ["fiber", HASHES.client], ["provisioner", HASHES.provisioner], ["backup", HASHES.backup], ["restore", HASHES.restore],
    ]);
    expect(accounts.SYS.users.map((u) => [u.user, u.password])).toEqual([["system", HASHES.system]]);
    expect(serverConfig(input(1)).system_account).toBe("SYS");
  });

  it("renders JSON whose hashes are quoted strings (the NATS lexer expands $variables only outside quotes)", () => {
    const text = renderServerConfig(input(3));
    expect(JSON.parse(text)).toEqual(serverConfig(input(3)));
    expect(text).toContain('"password": "$2a$10$client"');
    expect(text).not.toMatch(/:\s*\$2a/);
  });
});

describe("JetStream file-store cap", () => {
  it("defaults to 80 % of the volume and follows jetStreamMaxFileStoreGiB once set (raised after the claims grew)", () => {
    const cap = (over: Partial<ReturnType<typeof input>> & { maxFileStoreGiB?: number }) =>
      (serverConfig({ ...input(1), ...over }).jetstream as { max_file_store: number }).max_file_store;
    expect(cap({})).toBe(Math.floor(8 * 1024 ** 3));
    expect(cap({ maxFileStoreGiB: 10 })).toBe(10 * 1024 ** 3);
    // The claim grew from 10 to 20 GiB out of band; the template (volumeSizeGiB) stays 10, the cap follows the setting.
    expect(cap({ volumeSizeGiB: 10, maxFileStoreGiB: 18 })).toBe(18 * 1024 ** 3);
    expect(maxFileStoreBytes(50)).toBe(Math.floor(40 * 1024 ** 3));
  });

  it("resolves the default once and refuses a cap above the claim or not a whole GiB", () => {
    expect(resolveNatsArgs("n", { ...WORKLOAD, volumeSizeGiB: 50 }).jetStreamMaxFileStoreGiB).toBe(40);
    // Expanded claims raise the default cap and its ceiling, never the template.
    expect(resolveNatsArgs("n", { ...WORKLOAD, volumeSizeGiB: 50, expandedVolumeSizeGiB: 100 })).toMatchObject({ volumeSizeGiB: 50, jetStreamMaxFileStoreGiB: 80 });
    expect(resolveNatsArgs("n", { ...WORKLOAD, volumeSizeGiB: 10, expandedVolumeSizeGiB: 20, jetStreamMaxFileStoreGiB: 20 }).jetStreamMaxFileStoreGiB).toBe(20);
    expect(() => resolveNatsArgs("n", { ...WORKLOAD, volumeSizeGiB: 10, expandedVolumeSizeGiB: 5 })).toThrow(/expandedVolumeSizeGiB must be an integer 10\.\.16384, got 5/);
    expect(resolveNatsArgs("n", { ...WORKLOAD, volumeSizeGiB: 50, jetStreamMaxFileStoreGiB: 50 }).jetStreamMaxFileStoreGiB).toBe(50);
    expect(() => resolveNatsArgs("n", { ...WORKLOAD, volumeSizeGiB: 10, jetStreamMaxFileStoreGiB: 11 }))
      .toThrow(/^NatsCluster n: jetStreamMaxFileStoreGiB must be an integer 1\.\.10, got 11$/);
    expect(() => resolveNatsArgs("n", { ...WORKLOAD, jetStreamMaxFileStoreGiB: 0 })).toThrow(/jetStreamMaxFileStoreGiB must be an integer 1\.\.10, got 0/);
  });
});

describe("least privilege per user", () => {
  const stream = "KV_fiber_storage";
  const publish = (role: Parameters<typeof userPermissions>[0]) => userPermissions(role, "fiber_storage").publish.allow;

  it("lets the Fiber user use the bucket and nothing else: no stream create, update, delete or purge", () => {
    const client = publish("client");
    expect(client).toContain("$KV.fiber_storage.>");
    expect(client).toContain(`$JS.API.STREAM.INFO.${stream}`);
    expect(client).toEqual(expect.arrayContaining([`$JS.API.DIRECT.GET.${stream}.>`, `$JS.API.CONSUMER.CREATE.${stream}.>`]));
    expect(client.filter((s) => /STREAM\.(CREATE|UPDATE|DELETE|PURGE|SNAPSHOT)/.test(s))).toEqual([]);
    // Every JetStream subject names the bucket's stream, except the account info request.
    expect(client.filter((s) => s.startsWith("$JS.") && !s.includes(stream))).toEqual(["$JS.API.INFO"]);
    expect(client.filter((s) => s.includes(">") && !s.includes("fiber_storage"))).toEqual([]);
    expect(userPermissions("client", "fiber_storage").subscribe.allow).toEqual(["_INBOX_fiber.>"]);
  });

  it("lets the provisioner create the stream and the backup snapshot it, each nothing more; the system user has no JetStream", () => {
    expect(publish("provisioner")).toEqual(["$JS.API.INFO", `$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.CREATE.${stream}`, `$JS.API.STREAM.UPDATE.${stream}`]);
    expect(publish("backup")).toEqual(["$JS.API.INFO", `$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.SNAPSHOT.${stream}`, `$JS.SNAPSHOT.ACK.${stream}.>`]);
    expect(publish("system")).toEqual(["$SYS.>"]);
    for (const role of ["client", "provisioner", "backup", "system"] as const) {
      expect(publish(role).filter((s) => /DELETE\.KV_|PURGE/.test(s) && !s.startsWith("$JS.API.CONSUMER")), role).toEqual([]);
    }
  });
});

describe("restore user", () => {
  // Oracle: the subjects `nats stream rm` and `nats stream restore` send (natscli v0.3.1 restoreAction: IsKnownStream,
  // LoadStream = stream info; jsm.go restoreSnapshot: `$JS.API.STREAM.RESTORE.<s>`, then chunks to the deliver subject
  // nats-server v2.12.12 jetstream_api.go names `$JS.SNAPSHOT.RESTORE.<s>.<id>`).
  it("may delete and restore the bucket's stream and nothing else", () => {
    expect(userPermissions("restore", "fiber_storage").publish.allow).toEqual([
      "$JS.API.INFO", "$JS.API.STREAM.INFO.KV_fiber_storage", "$JS.API.STREAM.DELETE.KV_fiber_storage",
      "$JS.API.STREAM.RESTORE.KV_fiber_storage", "$JS.SNAPSHOT.RESTORE.KV_fiber_storage.>",
    ]);
    for (const role of ["client", "provisioner", "backup", "system"] as const) {
      expect(userPermissions(role, "fiber_storage").publish.allow.filter((s) => s.includes("RESTORE")), role).toEqual([]);
    }
  });
});

describe("per-user inboxes", () => {
  const APP_ROLES = ["client", "provisioner", "backup", "restore"] as const;

  it("lets each user of the application account subscribe to its own inbox prefix only, never the shared _INBOX.>", () => {
    const allowed = APP_ROLES.map((role) => userPermissions(role, "fiber_storage").subscribe.allow);
    expect(allowed).toEqual([["_INBOX_fiber.>"], ["_INBOX_provisioner.>"], ["_INBOX_backup.>"], ["_INBOX_restore.>"]]);
    // No prefix is a subject another user's subscription matches: `_INBOX_fiber.x` is not under `_INBOX.>`.
    for (const [i, [subject]] of allowed.entries()) {
      const prefix = subject.slice(0, -2);
      for (const [j, [other]] of allowed.entries()) if (i !== j) expect(`${prefix}.reply`.startsWith(other.slice(0, -1)), `${subject} vs ${other}`).toBe(false);
    }
    expect(allowed.flat()).not.toContain("_INBOX.>");
  });

  it("still grants the Fiber user every subject nats.go's KeyValue, Get, Put, Delete and Keys (Watch) send", () => {
    // The review's checked list: KeyValue -> stream info; Get -> direct get; Put/Delete -> $KV publishes; Watch ->
    // ordered consumer create (with and without name/filter), its delete and flow control.
    expect(userPermissions("client", "fiber_storage").publish.allow).toEqual(expect.arrayContaining([
      "$KV.fiber_storage.>", "$JS.API.STREAM.INFO.KV_fiber_storage", "$JS.API.DIRECT.GET.KV_fiber_storage", "$JS.API.DIRECT.GET.KV_fiber_storage.>",
      "$JS.API.CONSUMER.CREATE.KV_fiber_storage", "$JS.API.CONSUMER.CREATE.KV_fiber_storage.>", "$JS.API.CONSUMER.DELETE.KV_fiber_storage.>",
      "$JS.FC.KV_fiber_storage.>",
    ]));
  });

  it("runs the Jobs' nats CLI with their user's prefix (natscli takes only the --inbox-prefix flag)", () => {
    const script = bucketScript(kvBucketSpec("fiber_storage", 3)).split("\n");
    expect(script[1]).toBe('nats() { command nats --inbox-prefix _INBOX_provisioner "$@"; }');
    const dump = backupDump({ namespace: "ns", clusterDomain: "cluster.local" }, kvBucketSpec("fiber_storage", 3), "img", "nats-tls").command[2].split("\n");
    expect(dump[1]).toBe('nats() { command nats --inbox-prefix _INBOX_backup "$@"; }');
    expect(dump[2]).toBe('nats stream backup "KV_fiber_storage" "/backup/KV_fiber_storage"');
  });
});

describe("bucket Job", () => {
  it("adds the bucket only when `nats kv info` does not find it (a re-run never re-creates it)", () => {
    const script = bucketScript(kvBucketSpec("fiber_storage", 3)).split("\n");
    expect(script[0]).toBe("set -eu");
    const info = script.findIndex((l) => l.startsWith('if nats kv info "fiber_storage"'));
    const add = script.findIndex((l) => l.includes("nats kv add"));
    expect(info).toBeGreaterThan(0);
    expect(add).toBeGreaterThan(info);
    expect(script[add].trim()).toBe('nats kv add "fiber_storage" --storage=file --replicas=3 --history=1');
    expect(script[add - 1]).toBe("else");
  });
});

describe("alert rules", () => {
  const rulesOf = (nodes: number) => natsAlertRules({ namespace: "ns", nodes, stream: "KV_b", replicas: bucketReplicas(nodes) });
  const names = (nodes: number) => rulesOf(nodes).map((r) => r.alert);

  // Oracle: each peer has the route pool of 3 plus the system account's pinned route, and /varz counts both
  // (nats-server v2.12.12 server/opts.go setBaselineOptions, server/route.go forEachRoute, server/monitor.go Varz).
  it("watches routes only where there is a cluster, against (n-1) peers times (pool of 3 + the system account's route)", () => {
    expect(names(1)).not.toContain("NatsRoutesMissing");
    const five = rulesOf(5).find((r) => r.alert === "NatsRoutesMissing");
    expect(five?.expr).toBe('min by (pod) (gnatsd_varz_routes{namespace="ns"}) < 16');
    expect(five?.labels.severity).toBe("warning");
    // Healthy, 5 servers report 4 x 4 = 16 routes each; losing one peer leaves 12, which is below 16 and fires.
    expect(rulesOf(3).find((r) => r.alert === "NatsRoutesMissing")?.expr).toBe('min by (pod) (gnatsd_varz_routes{namespace="ns"}) < 8');
  });

  it("alerts when fewer servers hold the KV stream than the replicas the stack states (a bucket created before nodes grew)", () => {
    expect(names(1)).not.toContain("NatsKvReplicasMissing");
    const three = rulesOf(3).find((r) => r.alert === "NatsKvReplicasMissing");
    expect(three?.expr).toBe('count(jetstream_stream_total_messages{namespace="ns", stream_name="KV_b"}) < 3');
    expect(three?.labels).toEqual({ severity: "warning", threshold_source: "state" });
    expect(three?.annotations.summary).toContain("nats stream edit KV_b --replicas 3");
  });

  it("tells the volume and storage alerts' readers how to raise the JetStream cap (it does not follow an expanded claim by itself)", () => {
    const rules = rulesOf(3);
    expect(rules.find((r) => r.alert === "NatsVolumeUsedCritical")?.annotations.summary).toContain("then set expandedVolumeSizeGiB (it raises the JetStream cap)");
    expect(rules.find((r) => r.alert === "NatsJetStreamStorageUsedCritical")?.annotations.summary).toContain("raise jetStreamMaxFileStoreGiB");
  });

  it("takes levels from the platform thresholds, in percent and counts", () => {
    const rules = rulesOf(3);
    const storage = rules.find((r) => r.alert === "NatsJetStreamStorageUsedCritical");
    expect(storage?.expr).toMatch(/ > 90$/);
    const slow = rules.find((r) => r.alert === "NatsSlowConsumersWarning");
    expect(slow?.expr).toBe('sum by (pod) (increase(gnatsd_varz_slow_consumers{namespace="ns"}[5m])) > 0');
    expect(rules.find((r) => r.alert === "NatsKvStreamLeaderMissing")?.labels).toEqual({ severity: "critical", threshold_source: "state" });
  });
});

describe("component arguments", () => {
  it("applies every default once", () => {
    const a = resolveNatsArgs("n", WORKLOAD);
    expect(a).toMatchObject({ nodes: 1, volumeSizeGiB: 10, cpuMillis: 250, cpuLimitMillis: 1000, memoryMiB: 1024, bucket: "fiber_storage", tlsSecretName: "nats-tls" });
    expect(a.clientNamespaceLabel).toEqual({ key: "storage.sparki.io/nats-client", value: "true" });
  });

  it.each([
    ["two servers", { nodes: 2 }, /^NatsCluster n: nodes must be 1 or at least 3: .*, got 2$/],
    ["a bucket with a dot", { bucket: "a.b" }, /^NatsCluster n: bucket "a\.b" must be 1-64 letters, digits, '_' or '-' \(the KV API refuses other names\)$/],
    ["a Bitnami server image", { image: { registry: "docker.io", repository: "bitnami/nats", tag: "2.12.1", digest: `sha256:${"b".repeat(64)}` } }, /image repository "bitnami\/nats" is from the Bitnami catalogue/],
    ["a limit below the request", { cpuMillis: 800, cpuLimitMillis: 400 }, /cpuLimitMillis must be an integer 800\.\.64000, got 400/],
    ["no StorageClass at all", { storageClassName: undefined }, /storageClassName or ebsEncryption is required/],
  ])("refuses %s before registering anything", (_case, override, message) => {
    expect(() => resolveNatsArgs("n", { ...WORKLOAD, ...override })).toThrow(message);
  });
});
