import { describe, expect, it } from "vitest";
import { ARANGODB_IMAGE } from "../components/arangodb/image";
import { runProgram } from "../scripts/offline/run-program";
import { stackConfig } from "../scripts/offline/stack-files";
import { arangoDbAdapter } from "../stacks/adapters/arangodb";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";

/** The example stacks' ArangoDB sections, which the cases below vary. */
const DEV = { enabled: true, operatorInstalled: true, operatorNamespace: "kube-arangodb", storageClass: "standard" };
const PROD = {
  enabled: true, context: "sparki-prod-graph", operatorInstalled: true, operatorNamespace: "kube-arangodb",
  ebsCsiRoleArn: "arn:aws:iam::555555555555:role/sparki-prod-ebs-csi-driver", prometheusRelease: "kube-prometheus-stack",
  backup: { oidcProviderArn: "arn:aws:iam::555555555555:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE" },
};
const KEY = "sparki-storage:arangodb";
const P = `${KEY}.`;
const DIGEST = `sha256:${"c".repeat(64)}`;

function attempt(profile: "dev" | "prod", section: Record<string, unknown>) {
  const registered: string[] = [];
  const run = runProgram({ stack: `arangodb-${profile}`, stackDir: "examples/arangodb", overrides: { [KEY]: section }, observe: (r) => registered.push(r.type) });
  return { run, registered };
}

describe("ArangoDB config errors name the key, the value and what is allowed, and register nothing", () => {
  it.each([
    ["the operator not asserted", "dev", { ...DEV, operatorInstalled: false },
      `${P}operatorInstalled must be true: the stack creates an ArangoDeployment for the kube-arangodb operator (Helm chart kube-arangodb 1.4.4 from https://arangodb.github.io/kube-arangodb, with its CRDs) and does not install it; install the operator on the cluster first, then set operatorInstalled: true, got false`],
    ["no operator namespace", "dev", { ...DEV, operatorNamespace: undefined },
      `${P}operatorNamespace must name the namespace the kube-arangodb operator runs in (the NetworkPolicy admits only it, the deployment's own pods and Prometheus to the servers), got nothing`],
    ["a server certificate Secret", "dev", { ...DEV, tlsSecretName: "arangodb-tls" },
      `${P}tlsSecretName does not apply to ArangoDB: the operator issues every server certificate itself from the CA in tlsCaSecretName (operator-managed unless given); remove it, got "arangodb-tls"`],
    ["cluster counts in Single mode", "dev", { ...DEV, coordinators: 3 },
      `${P}coordinators only applies to mode Cluster (mode Single runs one server); remove it or set mode: Cluster, got 3`],
    ["one coordinator in prod", "prod", { ...PROD, coordinators: 1 },
      `${P}coordinators must be at least 2 for environment Production (the operator refuses fewer: kube-arangodb 1.4.4 pkg/apis/deployment/v1/server_group_spec.go (ServerGroupSpec.Validate)), got 1`],
    ["an even agency", "prod", { ...PROD, agents: 4 },
      `${P}agents must be odd: the agency is a Raft group, and an even count tolerates no more failures than one agent fewer, got 4`],
    ["one agent in prod", "prod", { ...PROD, agents: 1 },
      `${P}agents must be at least 3 for environment Production (the operator refuses fewer: kube-arangodb 1.4.4 pkg/apis/deployment/v1/server_group_spec.go (ServerGroupSpec.Validate)), got 1`],
    ["one DB-Server", "prod", { ...PROD, dbServers: 1 },
      `${P}dbServers must be an integer 2..32, got 1`],
    ["two DB-Servers in prod, which keeps 3 copies of each shard", "prod", { ...PROD, dbServers: 2 },
      `${P}dbServers must be at least 3 for profile "prod": every shard is kept on 3 DB-Servers (--cluster.default-replication-factor), got 2`],
    ["a single server in prod", "prod", { ...PROD, mode: "Single" },
      `${P}mode must be Cluster for profile "prod" (a single server has no failover; the agency and replicated DB-Servers do), got "Single"`],
    ["an unknown mode", "dev", { ...DEV, mode: "ActiveFailover" },
      `${P}mode must be one of "Single", "Cluster", got "ActiveFailover"`],
    ["prod without encryption at rest", "prod", { ...PROD, encryptionAtRest: false },
      `${P}encryptionAtRest must not be false for profile "prod" (RocksDB encryption at rest keeps the data unreadable without the key, beyond the volume's own encryption), got false`],
    ["enterprise without a licence", "dev", { ...DEV, edition: "enterprise" },
      `${P}licenseSecretName must name the Secret holding the Enterprise licence key (the operator's spec.license.secretName) when edition is enterprise, got nothing`],
    ["a licence for the community edition", "dev", { ...DEV, licenseSecretName: "arangodb-license" },
      `${P}licenseSecretName only applies to edition enterprise (the Community Edition runs without a licence key); remove it or set edition: enterprise, got "arangodb-license"`],
    ["a community image before 3.12.5 with encryption", "dev", { ...DEV, image: { tag: "3.12.4", digest: DIGEST } },
      `${P}image.tag is ArangoDB 3.12.4: encryption at rest needs the Enterprise Edition before 3.12.5 (https://docs.arangodb.com/3.12/release-notes/version-3.12/whats-new-in-3-12/); use 3.12.5 or later, set edition: enterprise with a licence, or turn encryptionAtRest off (prod refuses that), got "3.12.4"`],
    ["a minor-line tag of another build with encryption", "dev", { ...DEV, image: { tag: "3.12", digest: DIGEST } },
      `${P}image.tag must name a full ArangoDB version (e.g. 3.12.11) when encryptionAtRest is on with edition community: encryption at rest is in the Community Edition only from 3.12.5 (https://docs.arangodb.com/3.12/release-notes/version-3.12/whats-new-in-3-12/), and a minor line such as 3.12 does not say which build it is, got "3.12"`],
    ["a Bitnami image", "dev", { ...DEV, image: { repository: "bitnami/arangodb" } },
      `${P}image.repository repository "bitnami/arangodb" is from the Bitnami catalogue (bitnami/), whose versioned images are no longer maintained; use the project's own image or a mirror of it, got "bitnami/arangodb"`],
    ["a tag without its digest", "dev", { ...DEV, image: { tag: "3.12.11" } },
      `${P}image.digest must be set together with image.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing`],
    ["a CPU limit below the request", "dev", { ...DEV, cpuMillis: 1000, cpuLimitMillis: 500 },
      `${P}cpuLimitMillis must be at least cpuMillis (1000), got 500`],
    ["a database name with a dot", "dev", { ...DEV, database: "fiber.kv" },
      `${P}database must be a database name: a letter, then letters, digits, '_' or '-' (at most 64), got "fiber.kv"`],
    ["prod without a context", "prod", { ...PROD, context: undefined },
      `${P}context must name the kubeconfig context of the target cluster for profile "prod" (never deploy to whatever context is current), got nothing`],
    ["prod without backups", "prod", { ...PROD, backup: { enabled: false } },
      `${P}backup.enabled must not be false for profile "prod" (a stateful workload in prod keeps a copy outside the cluster), got false`],
    ["dev on no StorageClass", "dev", { ...DEV, storageClass: undefined },
      `${P}storageClass must name an existing StorageClass of the cluster when ebsKmsStorageClass is false (\`kubectl get storageclass\` lists them), or set ebsKmsStorageClass: true, got nothing`],
  ] as const)("%s", async (_case, profile, section, expected) => {
    const { run, registered } = attempt(profile, section);
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expected]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("ArangoDB settings", () => {
  it("is off in the dev and prod root stacks", () => {
    for (const stack of ["dev", "prod"]) expect(adapterSettings(arangoDbAdapter, loadConfig(stack, stackConfig(stack))).enabled, stack).toBe(false);
  });

  it("takes dev's Single server and prod's Production cluster from the profile, the rest from the component", () => {
    const dev = adapterSettings(arangoDbAdapter, loadConfig("dev", stackConfig("dev", { [KEY]: DEV })));
    expect(dev).toMatchObject({ mode: "Single", environment: "Development", volumeSizeGiB: 10, memoryMiB: 2048, edition: "community", encryptionAtRest: true, image: ARANGODB_IMAGE });
    expect(dev.hosting).toMatchObject({ ebsKmsStorageClass: false, storageClass: "standard", backup: { enabled: false } });
    const prod = adapterSettings(arangoDbAdapter, loadConfig("prod", stackConfig("prod", { [KEY]: { ...PROD, ebsCsiRoleArn: "arn:aws:iam::222222222222:role/ebs", backup: { oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/oidc.example/id/X" } } })));
    expect(prod).toMatchObject({ mode: "Cluster", environment: "Production", agents: 3, dbServers: 3, coordinators: 2, volumeSizeGiB: 100, memoryMiB: 8192 });
    // Three copies, two at least, two acknowledgements: one DB-Server lost keeps every shard and every write.
    expect(prod).toMatchObject({ replicationFactor: 3, minReplicationFactor: 2, writeConcern: 2, operatorEphemeralVolumes: false });
    expect(dev.operatorEphemeralVolumes).toBe(false);
    expect(prod.hosting).toMatchObject({ ebsKmsStorageClass: true, backup: { enabled: true, prefix: "kubernetes/arangodb/", schedule: "17 3 * * *" } });
  });

  it("takes operatorEphemeralVolumes from the config", () => {
    expect(adapterSettings(arangoDbAdapter, loadConfig("dev", stackConfig("dev", { [KEY]: { ...DEV, operatorEphemeralVolumes: true } }))).operatorEphemeralVolumes).toBe(true);
  });

  it("accepts an enterprise edition with its licence Secret, and a mirrored image with its own full version", () => {
    const image = { registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", repository: "arangodb/arangodb", tag: "3.12.11", digest: DIGEST };
    const s = adapterSettings(arangoDbAdapter, loadConfig("dev", stackConfig("dev", { [KEY]: { ...DEV, edition: "enterprise", licenseSecretName: "arangodb-license", image } })));
    expect(s).toMatchObject({ edition: "enterprise", licenseSecretName: "arangodb-license", image });
  });
});
