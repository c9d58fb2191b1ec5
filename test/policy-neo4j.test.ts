import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { neo4jConf } from "../components/neo4j/config";
import { confBaselineProblems, entrypointProblems, envBaselineProblems, envSettingName, isNeo4jServer, parseNeo4jConf } from "../components/neo4j/engine";
import { serverStatefulSet } from "../components/neo4j/statefulset";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { NEO4J_ENGINE_RULES, neo4jEntrypointWritable } from "../policy/engine-rules-neo4j";
import { NEO4J_POLICIES, neo4jNotPublic, neo4jTlsAuth } from "../policy/neo4j";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { pulumiType, readPolicyConfigFile } from "./policy-harness";

/**
 * The Neo4j engine rule (policy/engine-rules-neo4j.ts) and baseline policies (policy/neo4j.ts) on what
 * components/neo4j registers (passes) and counterexamples with their exact messages. Oracles: the image's entrypoint
 * appends to NEO4J_HOME/conf/neo4j.conf under `bash -eu` and, for a mounted /ssl, replaces NEO4J_HOME/certificates
 * with a symlink (neo4j/docker-neo4j docker-image-src/5/coredb/docker-entrypoint.sh); the HTTP connector is on and
 * Bolt TLS off unless configured (Neo4j 5 configuration settings); the official chart's default Service is a
 * LoadBalancer (neo4j/helm-charts values.yaml). All read 2026-11-29.
 */

const CONF = neo4jConf({ memoryMiB: 2048, advertisedAddress: "neo4j.graph.svc.cluster.local", txLogRetentionDays: 2 });
const server = serverStatefulSet({
  namespace: "graph", labels: { app: "neo4j" }, selector: { app: "neo4j" }, image: `docker.io/library/neo4j:5.26.30-community@sha256:${"a".repeat(64)}`,
  volumeSizeGiB: 10, storageClassName: "standard", cpuMillis: 500, cpuLimitMillis: 2000, memoryMiB: 2048, tlsSecretName: "neo4j-tls", neo4jConf: CONF, retainVolume: false,
});
type Mount = { name: string; mountPath: string; readOnly?: boolean };
const compliant = JSON.parse(JSON.stringify(server)) as { spec: { template: { spec: { containers: { volumeMounts: Mount[] }[] } } } };
const MOUNTS = compliant.spec.template.spec.containers[0].volumeMounts;

/** The same StatefulSet with the server's mounts replaced. */
function withMounts(mounts: readonly Mount[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(compliant)) as typeof compliant;
  copy.spec.template.spec.containers[0].volumeMounts = [...mounts];
  return { spec: copy.spec };
}
type Env = { name: string; value?: string; valueFrom?: unknown };
/** The same StatefulSet with variables added to the server's environment. */
function withEnv(env: readonly Env[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(compliant)) as { spec: { template: { spec: { containers: { env?: Env[] }[] } } } };
  const container = copy.spec.template.spec.containers[0];
  container.env = [...(container.env ?? []), ...env];
  return { spec: copy.spec };
}
const CONF_DIR = "/var/lib/neo4j/conf";
/** A neo4j.conf with some lines replaced (or added). */
const confWith = (changes: Record<string, string | undefined>) => {
  const settings = new Map(parseNeo4jConf(CONF));
  for (const [k, v] of Object.entries(changes)) if (v === undefined) settings.delete(k); else settings.set(k, v);
  return { data: { "neo4j.conf": [...settings].map(([k, v]) => `${k}=${v}`).join("\n") } };
};
const service = (type: string | undefined, port: number, targetPort?: number | string) => ({
  spec: { ...(type ? { type } : {}), selector: { app: "neo4j" }, ports: [{ port, ...(targetPort === undefined ? {} : { targetPort }) }] },
});

const CONFIG_MAP = pulumiType(k8s.core.v1.ConfigMap);
const SERVICE = pulumiType(k8s.core.v1.Service);

const CASES: ResourceCase[] = [
  { policy: neo4jEntrypointWritable, type: T.statefulSet, pass: compliant, failures: [
    [withMounts(MOUNTS.filter((m) => m.mountPath !== CONF_DIR)),
      `neo4j: read-only root filesystem without a writable volume at ${CONF_DIR}: the image's entrypoint appends to neo4j.conf there and exits.`],
    [withMounts(MOUNTS.map((m) => (m.mountPath === CONF_DIR ? { ...m, readOnly: true } : m))),
      `neo4j: read-only root filesystem without a writable volume at ${CONF_DIR}: the image's entrypoint appends to neo4j.conf there and exits.`],
    [withMounts([...MOUNTS, { name: "ssl", mountPath: "/ssl", readOnly: true }]),
      "neo4j: /ssl is mounted on a read-only root filesystem: the entrypoint replaces /var/lib/neo4j/certificates with a symlink to it and exits."],
  ] },
  { policy: neo4jTlsAuth, type: CONFIG_MAP, pass: { data: { "neo4j.conf": CONF } }, failures: [
    [confWith({ "server.bolt.tls_level": "OPTIONAL" }), "neo4j.conf: server.bolt.tls_level is OPTIONAL: Bolt clients may connect in plaintext."],
    // Neo4j's own defaults: Bolt TLS DISABLED, HTTP on.
    [confWith({ "server.bolt.tls_level": undefined, "server.http.enabled": undefined }),
      "neo4j.conf: server.bolt.tls_level is unset (DISABLED): Bolt clients may connect in plaintext; server.http.enabled is not false: the plaintext HTTP connector (7474) is on."],
    [confWith({ "dbms.ssl.policy.bolt.enabled": "false" }), "neo4j.conf: no enabled dbms.ssl.policy.bolt: Bolt has no certificate."],
    [confWith({ "dbms.ssl.policy.https.enabled": undefined }), "neo4j.conf: HTTPS is on without an enabled dbms.ssl.policy.https."],
    [confWith({ "dbms.security.auth_enabled": "false" }), "neo4j.conf: dbms.security.auth_enabled is false: anyone who reaches Bolt is an administrator."],
  ] },
  // The entrypoint writes every NEO4J_* variable over neo4j.conf (`_` is `.`, `__` is `_`) and reads NEO4J_AUTH=none as
  // "auth off" (docker-entrypoint.sh): what components/neo4j writes passes, each override is refused.
  { policy: neo4jTlsAuth, type: T.statefulSet, pass: withEnv([{ name: "NEO4J_server_bolt_tls__level", value: "REQUIRED" }, { name: "NEO4J_server_memory_heap_max__size", value: "1g" }]), failures: [
    [withEnv([{ name: "NEO4J_server_bolt_tls__level", value: "DISABLED" }]),
      "neo4j: NEO4J_server_bolt_tls__level=DISABLED overrides server.bolt.tls_level (must be REQUIRED)."],
    [withEnv([{ name: "NEO4J_server_http_enabled", value: "true" }]), "neo4j: NEO4J_server_http_enabled=true overrides server.http.enabled (must be false)."],
    [withEnv([{ name: "NEO4J_dbms_security_auth__enabled", value: "false" }]),
      "neo4j: NEO4J_dbms_security_auth__enabled=false overrides dbms.security.auth_enabled (must be true)."],
    [withEnv([{ name: "NEO4J_dbms_ssl_policy_bolt_enabled", value: "false" }]),
      "neo4j: NEO4J_dbms_ssl_policy_bolt_enabled=false overrides dbms.ssl.policy.bolt.enabled (must be true)."],
    [withEnv([{ name: "NEO4J_AUTH", value: "none" }]), "neo4j: NEO4J_AUTH=none turns authentication off."],
    [withEnv([{ name: "NEO4J_AUTH_FILE", value: "/run/secrets/auth" }]),
      "neo4j: NEO4J_AUTH_FILE sets NEO4J_AUTH from a value the policy cannot read; set it in neo4j.conf (the ConfigMap) instead."],
    [withEnv([{ name: "NEO4J_server_bolt_tls__level", valueFrom: { configMapKeyRef: { name: "x", key: "tls" } } }]),
      "neo4j: NEO4J_server_bolt_tls__level sets server.bolt.tls_level from a value the policy cannot read; set it in neo4j.conf (the ConfigMap) instead."],
  ] },
  { policy: neo4jNotPublic, type: SERVICE, pass: service("ClusterIP", 7687), failures: [
    // The official chart's default Service.
    [service("LoadBalancer", 7687), "Service of type LoadBalancer exposes Neo4j port(s) 7687 outside the cluster."],
    [service("NodePort", 7474), "Service of type NodePort exposes Neo4j port(s) 7474 outside the cluster."],
    // Another front port onto Bolt, by number and by the container port's name.
    [service("LoadBalancer", 443, 7687), "Service of type LoadBalancer exposes Neo4j port(s) 443->7687 outside the cluster."],
    [service("LoadBalancer", 443, "bolt"), "Service of type LoadBalancer exposes Neo4j port(s) 443->bolt outside the cluster."],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("Neo4j server detection and checks", () => {
  it("recognises the server by the official image running its own entrypoint, not the backup's cypher-shell step or other images", () => {
    expect(isNeo4jServer({ image: "docker.io/library/neo4j:5.26.30-community@sha256:x" })).toBe(true);
    expect(isNeo4jServer({ image: "neo4j:5.26-community" })).toBe(true);
    expect(isNeo4jServer({ image: "docker.io/library/neo4j:5.26.30-community", command: ["bash", "-c", "cypher-shell …"] })).toBe(false);
    expect(isNeo4jServer({ image: "docker.io/neo4j/neo4j-admin:5.26" })).toBe(false);
    expect(isNeo4jServer({ image: "quay.io/minio/minio:x" })).toBe(false);
  });

  it("lets a writable root filesystem do without the conf volume", () => {
    expect(entrypointProblems({ image: "neo4j:5", securityContext: { readOnlyRootFilesystem: false }, volumeMounts: [] })).toEqual([]);
  });

  it("passes what components/neo4j writes, and reads the last value of a repeated key as Neo4j does", () => {
    expect(confBaselineProblems(CONF)).toEqual([]);
    expect(parseNeo4jConf("a=1\n# a=3\na=2").get("a")).toBe("2");
  });

  it("derives settings from NEO4J_* variables as the entrypoint's sed does, skipping its control variables and _FILE secrets", () => {
    expect(envSettingName("NEO4J_dbms_security_auth__enabled")).toBe("dbms.security.auth_enabled");
    expect(envSettingName("NEO4J_server_bolt_tls__level")).toBe("server.bolt.tls_level");
    expect(envSettingName("NEO4J_AUTH_PATH")).toBeUndefined();
    expect(envSettingName("NEO4J_server_http_enabled_FILE")).toBeUndefined();
    expect(envSettingName("JAVA_OPTS")).toBeUndefined();
    // An empty value is skipped by the entrypoint, so it overrides nothing.
    expect(envBaselineProblems({ name: "neo4j", env: [{ name: "NEO4J_server_http_enabled", value: "" }] })).toEqual([]);
  });

  it("passes the server components/neo4j writes (its only variable is NEO4J_AUTH_PATH)", () => {
    expect(compliant.spec.template.spec.containers.flatMap((c) => envBaselineProblems(c as never))).toEqual([]);
  });

  it("leaves Services of other ports alone", async () => {
    expect(neo4jNotPublic.name).toBe("neo4j-no-public-service");
    const { checkResource } = await import("./policy-harness");
    expect((await checkResource(neo4jNotPublic, { type: SERVICE, props: service("LoadBalancer", 443) })).violations).toEqual([]);
    expect((await checkResource(neo4jNotPublic, { type: SERVICE, props: service("LoadBalancer", 443, "web") })).violations).toEqual([]);
  });

  it("is in the pack, the engine rules, and mandatory in dev (prod makes every policy mandatory)", () => {
    const names = POLICIES.map((p) => p.name);
    for (const p of [...NEO4J_POLICIES, ...NEO4J_ENGINE_RULES]) expect(names, p.name).toContain(p.name);
    expect(ENGINE_RULE_POLICIES).toContain(neo4jEntrypointWritable);
    expect(readPolicyConfigFile("dev")[neo4jEntrypointWritable.name]).toBe("mandatory");
    expect(readPolicyConfigFile("prod").all).toBe("mandatory");
  });
});
