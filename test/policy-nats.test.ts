import { describe, expect, it } from "vitest";
import { bucketJob } from "../components/nats/provisioning";
import { kvBucketSpec } from "../components/nats/config";
import { baselineProblems, isNatsServer, kvAdds, kvReplicaProblems } from "../components/nats/engine";
import { serverStatefulSet } from "../components/nats/statefulset";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { NATS_ENGINE_RULES, natsKvReplicas } from "../policy/engine-rules-nats";
import { NATS_POLICIES, natsSecretConfigQuorum } from "../policy/nats";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { checkStack, pulumiType, readPolicyConfigFile, type StackInput } from "./policy-harness";
import * as k8s from "@pulumi/kubernetes";

/**
 * The NATS baseline policy (policy/nats.ts) and engine rule (policy/engine-rules-nats.ts) on the objects
 * components/nats registers (they pass) and counterexamples with their exact messages. Oracles (checked 2026-11-29):
 * JetStream refuses more than 5 stream replicas ("maximum replicas is 5", nats-server server/stream.go), replicas > 1
 * on a server without a cluster (JSStreamReplicasNotSupportedErr) and more replicas than servers (JSInsufficientResourcesErr);
 * the NATS Helm chart's default keeps the configuration in a ConfigMap.
 */

const address = { namespace: "sparki-test-nats", clusterDomain: "cluster.local" };
const IMAGE = `docker.io/library/nats:2.12.12-alpine@sha256:${"a".repeat(64)}`;
const set = (nodes: number) => JSON.parse(JSON.stringify(serverStatefulSet({
  instance: "n", address, nodes, image: IMAGE, exporterImage: `docker.io/natsio/prometheus-nats-exporter:0.11.0@sha256:${"b".repeat(64)}`,
  volumeSizeGiB: 10, storageClassName: "standard", resources: { cpuMillis: 250, cpuLimitMillis: 1000, memoryMiB: 1024 },
  tlsSecretName: "nats-tls", retainVolumes: false, configHash: "0123456789abcdef",
}))) as { metadata: unknown; spec: { replicas: number; template: { spec: { containers: { args: string[]; volumeMounts: unknown[] }[]; volumes: Record<string, unknown>[] } } } };
const job = (nodes: number, replicas: number) => JSON.parse(JSON.stringify(bucketJob({
  instance: "n", address, spec: { ...kvBucketSpec("fiber_storage", nodes), replicas }, image: `docker.io/natsio/nats-box:0.19.3@sha256:${"c".repeat(64)}`, tlsSecretName: "nats-tls",
}))) as Record<string, unknown>;

const PASS = set(3);
/** The server's configuration volume as the NATS Helm chart has it: a ConfigMap. */
const configMapVolumes = PASS.spec.template.spec.volumes.map((v) => v.name === "config" ? { name: "config", configMap: { name: "nats-config" } } : v);
const withSpec = (replicas: number, volumes = PASS.spec.template.spec.volumes, args = PASS.spec.template.spec.containers[0].args) => {
  const [server, exporter] = PASS.spec.template.spec.containers;
  return { spec: { ...PASS.spec, replicas, template: { ...PASS.spec.template, spec: { ...PASS.spec.template.spec, volumes, containers: [{ ...server, args }, exporter] } } } };
};

const CASES: ResourceCase[] = [
  { policy: natsSecretConfigQuorum, type: T.statefulSet, pass: PASS, failures: [
    [withSpec(3, configMapVolumes), "--config /etc/nats/nats.conf is not read from a Secret volume (it is a ConfigMap): the configuration holds the users' password hashes."],
    [withSpec(2), "2 servers: a JetStream Raft group of 2 stops when either server is down; run 1 or at least 3."],
    [withSpec(3, undefined, ["--server_name", "$(POD_NAME)"]), "no --config: the server would run without users or TLS (anyone reaching port 4222 could connect in plaintext)."],
  ] },
];

describeResourceCases(CASES, T.bucket);

const JOB = pulumiType(k8s.batch.v1.Job);
const stack = (nodes: number, replicas: number): StackInput[] => [
  { type: T.statefulSet, name: "nats-servers", props: set(nodes) },
  { type: JOB, name: "nats-bucket", props: job(nodes, replicas) },
];

describe("engine-nats-kv-replicas", () => {
  it("passes the bucket components/nats makes on 1, 3 and 5 servers", async () => {
    for (const nodes of [1, 3, 5]) expect((await checkStack(natsKvReplicas, stack(nodes, Math.min(nodes, 3)))).violations, String(nodes)).toEqual([]);
  });

  it("refuses what JetStream refuses: R3 on one server, R5 on three, R6 anywhere", async () => {
    expect((await checkStack(natsKvReplicas, stack(1, 3))).violations).toEqual([
      'Job nats-bucket: bucket fiber_storage asks for 3 replicas of a single server: JetStream refuses it ("replicas > 1 not supported in non-clustered mode").',
    ]);
    expect((await checkStack(natsKvReplicas, stack(3, 5))).violations).toEqual([
      'Job nats-bucket: bucket fiber_storage asks for 5 replicas of 3 servers: JetStream cannot place it ("insufficient resources").',
    ]);
    expect((await checkStack(natsKvReplicas, stack(9, 6))).violations).toEqual([
      'Job nats-bucket: bucket fiber_storage asks for 6 replicas: JetStream refuses more than 5 ("maximum replicas is 5").',
    ]);
  });

  it("does not apply to stacks without a NATS server and a Job, and ignores Jobs of other namespaces", async () => {
    expect((await checkStack(natsKvReplicas, [stack(1, 1)[0]])).notApplicable).toBe("no NATS server StatefulSet and bucket Job");
    const elsewhere = { ...job(1, 3), metadata: { name: "x", namespace: "other" } };
    expect((await checkStack(natsKvReplicas, [stack(1, 1)[0], { type: JOB, name: "other", props: elsewhere }])).violations).toEqual([]);
  });
});

describe("NATS detection and parsing", () => {
  it("recognises the server by `nats-server` or the official image's entrypoint, and not nats-box or the exporter", () => {
    expect(isNatsServer({ command: ["nats-server"], args: [] })).toBe(true);
    expect(isNatsServer({ image: "nats:2.12.12-alpine" })).toBe(true);
    expect(isNatsServer({ image: "docker.io/library/nats@sha256:x" })).toBe(true);
    expect(isNatsServer({ image: "docker.io/natsio/nats-box:0.19.3", command: ["/bin/sh", "-c", "nats kv add x"] })).toBe(false);
    expect(isNatsServer({ image: "docker.io/natsio/prometheus-nats-exporter:0.11.0" })).toBe(false);
  });

  it("reads every `nats kv add` of a script with its replicas (1 when not given)", () => {
    expect(kvAdds('set -eu\n  nats kv add "a" --storage=file --replicas=3 --history=1\nnats kv add b')).toEqual([{ bucket: "a", replicas: 3 }, { bucket: "b", replicas: 1 }]);
    expect(kvReplicaProblems("a", 3, 3)).toEqual([]);
    expect(baselineProblems(1, { command: ["nats-server"], args: ["--config", "/etc/nats/nats.conf"], volumeMounts: [{ name: "c", mountPath: "/etc/nats" }] }, [{ name: "c", secret: {} }])).toEqual([]);
  });
});

describe("the pack", () => {
  it("carries the NATS policies, the engine rule among the engine rules, mandatory in dev", () => {
    const names = POLICIES.map((p) => p.name);
    for (const p of [...NATS_POLICIES, ...NATS_ENGINE_RULES]) expect(names).toContain(p.name);
    expect(ENGINE_RULE_POLICIES.map((p) => p.name)).toContain("engine-nats-kv-replicas");
    expect(readPolicyConfigFile("dev")["engine-nats-kv-replicas"]).toBe("mandatory");
  });
});
