import { describe, expect, it } from "vitest";
import { arangoDeployment, groupSecurityContext, RUN_AS } from "../components/arangodb";
import { ARANGODB_POLICIES, arangoDbClusterReplication, arangoDbEncryptionAtRest, arangoDbImagePinned, arangoDbRestrictedPods, arangoDbSecured } from "../policy/arangodb";
import { ARANGODB_ENGINE_RULES, arangoDbBootstrapUsers, arangoDbGroupCounts } from "../policy/engine-rules-arangodb";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { checkResource, readPolicyConfigFile, reconcilePolicyConfig } from "./policy-harness";

/**
 * The ArangoDeployment policies and engine rules (policy/arangodb.ts, policy/engine-rules-arangodb.ts): each passes the
 * deployment components/arangodb builds for prod and fails each counterexample with its exact message.
 */

const TYPE = "kubernetes:database.arangodb.com/v1:ArangoDeployment";
const IMAGE = `docker.io/library/arangodb:3.12@sha256:${"f".repeat(64)}`;

const input = {
  name: "arangodb", namespace: "sparki-prod-arangodb", labels: {}, mode: "Cluster" as const, environment: "Production" as const, image: IMAGE,
  agents: 3, dbServers: 3, coordinators: 2, volumeSizeGiB: 100, agentVolumeSizeGiB: 2, storageClassName: "sparki-prod-arangodb-ebs-kms",
  cpuMillis: 500, cpuLimitMillis: 2000, memoryMiB: 8192, runAs: RUN_AS, caSecretName: "arangodb-ca", jwtSecretName: "arangodb-jwt",
  rootPasswordSecretName: "arangodb-root-password", encryptionKeySecretName: "arangodb-encryption-key",
  readOnlyRootFilesystem: false, replication: { replicationFactor: 3, minReplicationFactor: 2, writeConcern: 2 },
};
const prodDeployment = (): Record<string, unknown> => JSON.parse(JSON.stringify(arangoDeployment(input))) as Record<string, unknown>;
const spec = (change: Record<string, unknown>) => ({ spec: { ...(prodDeployment().spec as Record<string, unknown>), ...change } });
const group = (name: string, change: Record<string, unknown>) => {
  const s = prodDeployment().spec as Record<string, Record<string, unknown>>;
  return spec({ [name]: { ...s[name], ...change } });
};

const CASES: ResourceCase[] = [
  { policy: arangoDbRestrictedPods, type: TYPE, pass: prodDeployment(), failures: [
    [group("dbservers", { securityContext: { ...groupSecurityContext(RUN_AS), dropAllCapabilities: false } }), "dbservers: container server: capabilities.drop does not include ALL."],
    [spec({ id: { securityContext: { ...groupSecurityContext(RUN_AS), allowPrivilegeEscalation: true } } }), "id: container server: allowPrivilegeEscalation is not false."],
    [group("agents", { securityContext: { ...groupSecurityContext(RUN_AS), seccompProfile: undefined } }),
      "agents: container server: seccompProfile.type is not set: use RuntimeDefault or Localhost (on the container or the pod)."],
  ] },
  { policy: arangoDbSecured, type: TYPE, pass: prodDeployment(), failures: [
    [spec({ tls: { caSecretName: "None" } }), "tls.caSecretName is None: clients and members would speak plain HTTP. Name a CA Secret (the operator creates one when it does not exist)."],
    [spec({ auth: { jwtSecretName: "None" } }), "auth.jwtSecretName is None: authentication is off and anyone who reaches port 8529 is root. Name a JWT Secret."],
    [spec({ bootstrap: undefined }), "bootstrap.passwordSecretNames.root is not set: the operator leaves the root password empty (its default None). Name a Secret with the generated password."],
    [spec({ externalAccess: undefined }), "externalAccess.type is unset (Auto): the operator creates a LoadBalancer or NodePort Service outside the cluster. Set None."],
  ] },
  { policy: arangoDbEncryptionAtRest, type: TYPE, pass: prodDeployment(), failures: [
    [spec({ rocksdb: undefined }), "rocksdb.encryption.keySecretName is not set: the data files are readable by anyone with the volume (or a snapshot of it). Name the encryption key Secret."],
  ] },
  { policy: arangoDbImagePinned, type: TYPE, pass: prodDeployment(), failures: [
    [spec({ image: "arangodb/arangodb:3.12.11" }), "image arangodb/arangodb:3.12.11 is not pinned by digest: a re-pushed tag changes what new members run. Pin @sha256:<digest>."],
  ] },
  { policy: arangoDbClusterReplication, type: TYPE, pass: prodDeployment(), failures: [
    // No args: arangod's default of one copy.
    [group("coordinators", { args: undefined }), "coordinators run with a default replication factor of 1: every new shard has one copy, lost with one DB-Server's volume. Set --cluster.default-replication-factor to 2 or more."],
    [group("coordinators", { args: ["--cluster.default-replication-factor=1"] }), "coordinators run with a default replication factor of 1: every new shard has one copy, lost with one DB-Server's volume. Set --cluster.default-replication-factor to 2 or more."],
    [group("coordinators", { args: ["--cluster.default-replication-factor", "2", "--cluster.write-concern=3"] }), "--cluster.write-concern 3 is above the replication factor 2: no write could be acknowledged."],
  ] },
  // Engine rules: what the operator refuses.
  { policy: arangoDbGroupCounts, type: TYPE, pass: prodDeployment(), failures: [
    [group("coordinators", { count: 1 }), "coordinators.count must be at least 2 in mode Cluster, environment Production, got 1."],
    [group("agents", { count: 2 }), "agents.count must be at least 3 in mode Cluster, environment Production, got 2."],
    // Single mode: the operator drops the cluster groups' counts (SetDefaults) and runs exactly one server.
    [spec({ mode: "Single", single: { count: 2 } }), "single.count must be 1 in mode Single, got 2."],
    [spec({ environment: "Development", dbservers: { count: 1 } }), "dbservers.count must be at least 2 in mode Cluster, environment Development, got 1."],
  ] },
  { policy: arangoDbBootstrapUsers, type: TYPE, pass: prodDeployment(), failures: [
    [spec({ bootstrap: { passwordSecretNames: { root: "arangodb-root-password", fiber: "fiber-password" } } }), "passwordSecretNames names user \"fiber\": the operator bootstraps only root."],
  ] },
];

describeResourceCases(CASES, "kubernetes:core/v1:Secret");

describe("ArangoDB policies in the pack", () => {
  it("are registered, the engine rules among the engine rules and mandatory in both tiers' policy config", () => {
    for (const p of [...ARANGODB_POLICIES, ...ARANGODB_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of ARANGODB_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const p of ARANGODB_ENGINE_RULES) expect(config.get(p.name)?.enforcementLevel, `${stack} ${p.name}`).toBe("mandatory");
    }
  });

  it("pass the dev single server too", async () => {
    const dev = JSON.parse(JSON.stringify(arangoDeployment({ ...input, mode: "Single", environment: "Development", storageClassName: "standard" }))) as Record<string, unknown>;
    const failing: string[] = [];
    for (const policy of [...ARANGODB_POLICIES, ...ARANGODB_ENGINE_RULES]) {
      if ((await checkResource(policy, { type: TYPE, props: dev })).violations.length > 0) failing.push(policy.name);
    }
    expect(failing).toEqual([]);
  });
});
