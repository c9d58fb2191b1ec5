import { describe, expect, it } from "vitest";
import { baselineProblems, datastorePath, datastorePathValid, isSurrealServer, startProblems } from "../components/surrealdb/engine";
import { serverStatefulSet } from "../components/surrealdb/statefulset";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { SURREALDB_ENGINE_RULES, surrealStartArgs } from "../policy/engine-rules-surrealdb";
import { POLICIES } from "../policy/policies";
import { SURREALDB_POLICIES, surrealDbSecured } from "../policy/surrealdb";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { readPolicyConfigFile } from "./policy-harness";

/**
 * The SurrealDB baseline policy (policy/surrealdb.ts) and engine rule (policy/engine-rules-surrealdb.ts) on the
 * StatefulSet components/surrealdb registers (passes) and counterexamples with their exact messages. Oracles: the
 * CLI refuses --web-crt without --web-key (clap `requires_all`, surrealdb-server src/cli/start.rs) and a path naming
 * no backend; the Helm chart's defaults (path `memory`, no TLS) are what the baseline refuses.
 */

const server = serverStatefulSet({
  namespace: "surreal", labels: { app: "surrealdb" }, selector: { app: "surrealdb" }, image: "docker.io/surrealdb/surrealdb:v3.2.4@sha256:" + "a".repeat(64),
  volumeSizeGiB: 10, storageClassName: "standard", cpuMillis: 250, cpuLimitMillis: 1000, memoryMiB: 1024, tlsSecretName: "surrealdb-tls", retainVolume: false,
  bootstrapChecksum: "0".repeat(64),
});
const compliant = JSON.parse(JSON.stringify(server)) as { metadata: unknown; spec: { template: { spec: { containers: { args: string[]; env?: unknown[] }[] } } } };
const ARGS = compliant.spec.template.spec.containers[0].args;

/** The same StatefulSet with the server's arguments (and optionally environment) replaced. */
function withServer(args: readonly string[], env?: readonly { name: string; value: string }[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(compliant)) as typeof compliant;
  copy.spec.template.spec.containers[0].args = [...args];
  if (env) copy.spec.template.spec.containers[0].env = [...(copy.spec.template.spec.containers[0].env ?? []), ...env];
  return { spec: copy.spec };
}
const without = (...flags: string[]) => ARGS.filter((a, i) => !flags.includes(a) && !flags.includes(ARGS[i - 1]));
const PASS = compliant as unknown as Record<string, unknown>;

const CASES: ResourceCase[] = [
  { policy: surrealStartArgs, type: T.statefulSet, pass: PASS, failures: [
    [withServer(without("--web-key")), "--web-crt is set without --web-key (the CLI requires both)."],
    [withServer(without("--web-crt")), "--web-key is set without --web-crt (the CLI requires both)."],
    [withServer([...ARGS.slice(0, -1), "/data/database"]),
      'datastore path "/data/database" is refused (the server takes memory, mem or a path starting file:, rocksdb:, surrealkv:, mem:, tikv:).'],
    // FoundationDB is not among the paths 3.x accepts (ds.rs path_valid); the old rule let it through.
    [withServer([...ARGS.slice(0, -1), "fdb:/etc/foundationdb/fdb.cluster"]),
      'datastore path "fdb:/etc/foundationdb/fdb.cluster" is refused (the server takes memory, mem or a path starting file:, rocksdb:, surrealkv:, mem:, tikv:).'],
  ] },
  { policy: surrealDbSecured, type: T.statefulSet, pass: PASS, failures: [
    // The Helm chart's defaults: `start` with SURREAL_PATH=memory and no certificate.
    [withServer(["start"], [{ name: "SURREAL_PATH", value: "memory" }]),
      "no --web-crt/--web-key: clients would speak plain HTTP/WS; datastore path is memory: every restart loses all data."],
    [withServer([...ARGS.slice(0, -1), "--unauthenticated", ARGS.at(-1)!]), "--unauthenticated: anyone who reaches the port is root."],
    [withServer(ARGS, [{ name: "SURREAL_UNAUTHENTICATED", value: "true" }]), "--unauthenticated: anyone who reaches the port is root."],
    [withServer(ARGS.slice(0, -1)), "datastore path is memory: every restart loses all data."],
    [withServer([...ARGS.slice(0, -1), "mem"]), "datastore path is memory: every restart loses all data."],
    // Capability widening (surrealdb/server/src/dbs/mod.rs DbsCapabilities): flag, short flag, cluster, valued form, environment.
    [withServer([...ARGS.slice(0, -1), "--allow-all", ARGS.at(-1)!]), "--allow-all widens the server's capabilities beyond its defaults."],
    [withServer([...ARGS.slice(0, -1), "-A", ARGS.at(-1)!]), "--allow-all widens the server's capabilities beyond its defaults."],
    [withServer([...ARGS.slice(0, -1), "--allow-net=example.com", ARGS.at(-1)!]), "--allow-net widens the server's capabilities beyond its defaults."],
    [withServer([...ARGS.slice(0, -1), "--allow-guests", "--allow-scripting", ARGS.at(-1)!]),
      "--allow-guests widens the server's capabilities beyond its defaults; --allow-scripting widens the server's capabilities beyond its defaults."],
    [withServer(ARGS, [{ name: "SURREAL_CAPS_ALLOW_NET", value: "10.0.0.0/8" }]), "--allow-net widens the server's capabilities beyond its defaults."],
    [withServer(ARGS, [{ name: "SURREAL_CAPS_ALLOW_ARBITRARY_QUERY", value: "guest" }]), "--allow-arbitrary-query widens the server's capabilities beyond its defaults."],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("SurrealDB server detection and arguments", () => {
  it("recognises the server by image or by `/surreal start`, and not other containers", () => {
    expect(isSurrealServer({ image: "docker.io/surrealdb/surrealdb:v3.2.4@sha256:x", args: ["start"] })).toBe(true);
    expect(isSurrealServer({ command: ["/surreal"], args: ["start"] })).toBe(true);
    expect(isSurrealServer({ command: ["/surreal", "export"], image: "docker.io/surrealdb/surrealdb:v3.2.4" })).toBe(false);
    expect(isSurrealServer({ image: "quay.io/minio/minio:x", args: ["server", "/data0"] })).toBe(false);
  });

  it("finds the path after valued flags, then SURREAL_PATH, then the CLI's default memory", () => {
    expect(datastorePath({ args: ARGS })).toBe("rocksdb:/data/database");
    expect(datastorePath({ args: ["start", "--log", "info", "--bind", "0.0.0.0:8000"] })).toBe("memory");
    expect(datastorePath({ args: ["start"], env: [{ name: "SURREAL_PATH", value: "surrealkv:/data" }] })).toBe("surrealkv:/data");
    expect(startProblems({ args: ARGS })).toEqual([]);
  });

  it("accepts exactly the paths ds.rs path_valid accepts (memory, mem, mem:, file:, rocksdb:, surrealkv:, tikv:, with ?query)", () => {
    for (const ok of ["memory", "mem", "memory?sync=every", "mem://", "file:/data", "rocksdb:/data/database", "surrealkv://data", "tikv://pd:2379"]) {
      expect(datastorePathValid(ok), ok).toBe(true);
    }
    for (const bad of ["fdb:/etc/fdb.cluster", "/data/database", "rocksdb", "memoryx", "indxdb:db"]) expect(datastorePathValid(bad), bad).toBe(false);
    expect(startProblems({ args: ["start", "--web-crt", "a", "--web-key", "b", "mem"] })).toEqual([]);
  });

  it("does not report explicit denials or false capability variables", () => {
    expect(baselineProblems({ args: [...ARGS.slice(0, -1), "--deny-net", "10.0.0.0/8", "-D", ARGS.at(-1)!] })).toEqual([]);
    expect(baselineProblems({ args: ARGS, env: [{ name: "SURREAL_CAPS_ALLOW_ALL", value: "false" }] })).toEqual([]);
  });

  it("is in the pack, the engine rules, and mandatory in dev (prod makes every policy mandatory)", () => {
    const names = POLICIES.map((p) => p.name);
    for (const p of [...SURREALDB_POLICIES, ...SURREALDB_ENGINE_RULES]) expect(names, p.name).toContain(p.name);
    expect(ENGINE_RULE_POLICIES).toContain(surrealStartArgs);
    expect(readPolicyConfigFile("dev")[surrealStartArgs.name]).toBe("mandatory");
    expect(readPolicyConfigFile("prod").all).toBe("mandatory");
  });
});
