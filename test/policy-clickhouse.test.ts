import { describe, expect, it } from "vitest";
import { installationArgs, keeperArgs } from "../components/clickhouse";
import { clickHouseImagePinned, clickHouseNoSpecPasswords, clickHouseRestrictedPods, clickHouseTls, CLICKHOUSE_POLICIES } from "../policy/clickhouse";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { clickHouseClusterNames, clickHouseCrdEnums, CLICKHOUSE_ENGINE_RULES } from "../policy/engine-rules-clickhouse";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { readPolicyConfigFile, reconcilePolicyConfig } from "./policy-harness";

/**
 * The ClickHouse policies and engine rules (policy/clickhouse.ts, policy/engine-rules-clickhouse.ts): each passes the
 * installation components/clickhouse builds for prod and fails each counterexample with its exact message. The engine
 * rules' counterexamples are values the operator's CRD schema refuses (cluster name pattern `^[a-zA-Z0-9-]{0,15}$`
 * with maxLength 15, TypeStringBool enum, port 0..65535; clickhouse-operator 0.25.6 CRDs, read 2026-11-29).
 */

const CHI = "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation";
const CHK = "kubernetes:clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation";
const IMAGE = `docker.io/clickhouse/clickhouse-server:25.8.3.66@sha256:${"a".repeat(64)}`;

type Spec = Record<string, Record<string, unknown>>;
const prod = (): { spec: Spec } => JSON.parse(JSON.stringify(installationArgs({
  namespace: "sparki-prod-clickhouse", labels: {}, address: { namespace: "sparki-prod-clickhouse", clusterDomain: "cluster.local" }, replicas: 2,
  pod: { image: IMAGE, labels: {}, cpuMillis: 1000, cpuLimitMillis: 4000, memoryMiB: 8192 }, storageClassName: "gp3", volumeSizeGiB: 100,
  tlsSecretName: "clickhouse-tls", retainVolumes: true, fiber: { database: "fiber", table: "fiber_storage" }, appUsername: "fiber", clientCidrs: ["10.0.0.0/8"],
}))) as { spec: Spec };
const keeper = (): { spec: Spec } => JSON.parse(JSON.stringify(keeperArgs({
  namespace: "n", clusterDomain: "cluster.local", labels: {}, replicas: 3, image: IMAGE, memoryMiB: 512, storageClassName: "gp3", volumeSizeGiB: 10, retainVolumes: true,
}))) as { spec: Spec };

const withConfiguration = (change: Record<string, unknown>) => { const p = prod(); return { spec: { ...p.spec, configuration: { ...p.spec.configuration, ...change } } }; };
const cluster = (change: Record<string, unknown>) => withConfiguration({ clusters: [{ ...(prod().spec.configuration.clusters as Record<string, unknown>[])[0], ...change }] });
const settings = (change: Record<string, unknown>) => withConfiguration({ settings: { ...prod().spec.configuration.settings as object, ...change } });
const users = (change: Record<string, unknown>) => withConfiguration({ users: { ...prod().spec.configuration.users as object, ...change } });
const podSpec = (change: Record<string, unknown>) => {
  const p = prod();
  const templates = p.spec.templates as { podTemplates: { spec: Record<string, unknown> }[] };
  const pod = templates.podTemplates[0];
  return { spec: { ...p.spec, templates: { ...templates, podTemplates: [{ ...pod, spec: { ...pod.spec, ...change } }] } } };
};
const container = (change: Record<string, unknown>) => {
  const containers = (prod().spec.templates as { podTemplates: { spec: { containers: Record<string, unknown>[] } }[] }).podTemplates[0].spec.containers;
  return podSpec({ containers: [{ ...containers[0], ...change }] });
};

const serverSecurity = () => (prod().spec.templates as { podTemplates: { spec: { containers: { securityContext: object }[] } }[] }).podTemplates[0].spec.containers[0].securityContext;

const CASES: ResourceCase[] = [
  { policy: clickHouseRestrictedPods, type: CHI, pass: prod(), failures: [
    [container({ securityContext: { ...serverSecurity(), allowPrivilegeEscalation: true } }),
      "pod template server: container clickhouse: allowPrivilegeEscalation is not false."],
  ] },
  { policy: clickHouseRestrictedPods, type: CHK, pass: keeper(), failures: [
    [{ spec: { ...keeper().spec, templates: {} } }, "no pod template: the operator's default pods run as root-capable containers without a restricted securityContext. Define one and name it in defaults.templates.podTemplate."],
  ] },
  { policy: clickHouseImagePinned, type: CHI, pass: prod(), failures: [
    [container({ image: "clickhouse/clickhouse-server:25.8" }), "pod template server: image clickhouse/clickhouse-server:25.8 is not pinned by digest: a re-pushed tag changes what new hosts run. Pin @sha256:<digest>."],
  ] },
  { policy: clickHouseTls, type: CHI, pass: prod(), failures: [
    [cluster({ secure: "no" }), "cluster main is not secure: the operator opens no TLS port for it. Set secure: \"yes\"."],
    [settings({ https_port: undefined }), "tcp_port_secure or https_port is not set: clients would have only the plain native and HTTP ports. Set both."],
    [settings({ interserver_http_port: 9009 }), "replication is not HTTPS-only: set interserver_https_port and interserver_http_port: _removed_."],
    [{ spec: { ...prod().spec, templates: { ...prod().spec.templates, serviceTemplates: [{ name: "client", spec: { ports: [{ name: "tcp", port: 9000 }] } }] } } },
      "the installation Service exposes a plain port (9000): name a template with only 9440 and 8443 in defaults.templates.serviceTemplate."],
  ] },
  { policy: clickHouseNoSpecPasswords, type: CHI, pass: prod(), failures: [
    [users({ "fiber/password_sha256_hex": "716b36073a90c6fe1d445ac1af85f4777c5b7a155cea359961826a030513e448" }), "fiber/password_sha256_hex is written into the spec: take it from a Secret (valueFrom.secretKeyRef)."],
    [users({ "default/networks/ip": ["::/0"] }), "default/networks/ip is [\"::/0\"]: the default user must be limited to localhost (::1, 127.0.0.1)."],
  ] },
  // Engine rules: what the API server refuses (the CRDs' structural schemas).
  { policy: clickHouseClusterNames, type: CHI, pass: prod(), failures: [
    [cluster({ name: "sixteen-chars-xx" }), "configuration.clusters[0].name \"sixteen-chars-xx\" must be 1-15 letters, digits or '-'."],
    [cluster({ name: "under_score" }), "configuration.clusters[0].name \"under_score\" must be 1-15 letters, digits or '-'."],
  ] },
  { policy: clickHouseClusterNames, type: CHK, pass: keeper(), failures: [
    [{ spec: { ...keeper().spec, configuration: { clusters: [{ name: "", layout: { replicasCount: 3 } }] } } }, "configuration.clusters[0].name \"\" must be 1-15 letters, digits or '-'."],
  ] },
  { policy: clickHouseCrdEnums, type: CHI, pass: prod(), failures: [
    [cluster({ secure: "always" }), "configuration.clusters[0].secure \"always\" is not one of the CRD's string booleans (e.g. \"yes\", \"no\")."],
    [withConfiguration({ zookeeper: { nodes: [{ host: "k", port: 70000 }] } }), "configuration.zookeeper.nodes[0].port 70000 must be an integer 0..65535."],
  ] },
];

describeResourceCases(CASES, "kubernetes:core/v1:Secret");

describe("ClickHouse policies in the pack", () => {
  it("are registered, the engine rules among the engine rules and mandatory in both tiers' policy config", () => {
    for (const p of [...CLICKHOUSE_POLICIES, ...CLICKHOUSE_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of CLICKHOUSE_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const p of CLICKHOUSE_ENGINE_RULES) expect(config.get(p.name)?.enforcementLevel, `${stack} ${p.name}`).toBe("mandatory");
    }
  });
});
