import { describe, expect, it } from "vitest";
import { resolveSurrealDbArgs } from "../components/surrealdb/args";
import { bootstrapSurql, surqlString } from "../components/surrealdb/names";
import { verifyHash, verifyJob } from "../components/surrealdb/verify";
import { stackConfig } from "../scripts/offline/stack-files";
import { surrealdbAdapter } from "../stacks/adapters/surrealdb";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { exampleConfig, type Section } from "./example-config";

/**
 * Bad `sparki-storage:surrealdb` sections, on top of the example stacks that turn SurrealDB on (examples/surrealdb):
 * each is refused before anything is registered, with one line naming the key, the value and what is allowed.
 */

const { KEY, DIR, DEV, PROD, refused } = exampleConfig("surrealdb");

const NAME_A_CLASS = "must name an existing StorageClass of the cluster when ebsKmsStorageClass is false (`kubectl get storageclass` lists them), or set ebsKmsStorageClass: true";

describe("bad surrealdb config: one line naming key, value and what is allowed; nothing registered", () => {
  it.each<[string, string, Section, string]>([
    // Schema (stacks/adapters/surrealdb/schema.ts and the shared hosting fields).
    ["a namespace name with a hyphen (written into SurrealQL unquoted)", "surrealdb-dev", { ...DEV, fiberNamespace: "fiber-storage" },
      `${KEY}.fiberNamespace must be a SurrealQL identifier: a letter or _, then letters, digits or _, at most 63 characters, got "fiber-storage"`],
    ["a table name starting with a digit", "surrealdb-dev", { ...DEV, fiberTable: "1kv" },
      `${KEY}.fiberTable must be a SurrealQL identifier: a letter or _, then letters, digits or _, at most 63 characters, got "1kv"`],
    ["a volume of 0 GiB", "surrealdb-dev", { ...DEV, volumeSizeGiB: 0 }, `${KEY}.volumeSizeGiB must be an integer 1..16384, got 0`],
    ["memory under 512 MiB", "surrealdb-dev", { ...DEV, memoryMiB: 256 }, `${KEY}.memoryMiB must be an integer 512..262144, got 256`],
    ["a misspelt key", "surrealdb-dev", { ...DEV, volumeSizeGb: 20 },
      `${KEY}.volumeSizeGb is not a known key (did you mean "volumeSizeGiB"?) (allowed: enabled, kubeconfig, context, namespace, clusterDomain, storageClass, `
      + "ebsKmsStorageClass, ebsCsiRoleArn, tlsSecretName, clientNamespaceLabel, monitoringNamespace, prometheusRelease, backup, image, volumeSizeGiB, cpuMillis, "
      + "cpuLimitMillis, memoryMiB, fiberNamespace, fiberDatabase, fiberTable, appUsername)"],
    ["a malformed digest", "surrealdb-dev", { ...DEV, image: { tag: "v3.2.4", digest: "sha256:abc" } },
      `${KEY}.image.digest must be an image digest sha256:<64 lowercase hex digits>, got "sha256:abc"`],
    // Rules (stacks/adapters/surrealdb/rules.ts and kubernetesHostingProblems).
    ["an image tag without its digest", "surrealdb-dev", { ...DEV, image: { tag: "v3.2.5" } },
      `${KEY}.image.digest must be set together with image.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing`],
    ["a CPU limit under the request", "surrealdb-dev", { ...DEV, cpuMillis: 2000, cpuLimitMillis: 1000 },
      `${KEY}.cpuLimitMillis must be at least cpuMillis (2000): Kubernetes refuses a CPU limit below the request, got 1000`],
    ["the application signing in as root", "surrealdb-dev", { ...DEV, appUsername: "root" },
      `${KEY}.appUsername must not be "root": the application signs in as its own EDITOR user, never as root, got "root"`],
    ["dev volume on no StorageClass (the cluster default, which a cluster may not have)", "surrealdb-dev", { ...DEV, storageClass: undefined },
      `${KEY}.storageClass ${NAME_A_CLASS}, got nothing`],
    ["prod without a named context", "surrealdb-prod", { ...PROD, context: undefined },
      `${KEY}.context must name the kubeconfig context of the target cluster for profile "prod" (never deploy to whatever context is current), got nothing`],
    ["prod turning backups off", "surrealdb-prod", { ...PROD, backup: { enabled: false } },
      `${KEY}.backup.enabled must not be false for profile "prod" (a stateful workload in prod keeps a copy outside the cluster), got false`],
    ["backups without the cluster's OIDC provider", "surrealdb-dev", { ...DEV, backup: { enabled: true } },
      `${KEY}.backup.oidcProviderArn must name the cluster's IAM OIDC provider when backups are on (the upload step assumes a write-only role through IRSA; no access keys are stored), got nothing`],
    ["the EBS CSI role of another account", "surrealdb-prod", { ...PROD, ebsCsiRoleArn: "arn:aws:iam::111111111111:role/ebs-csi" },
      `${KEY}.ebsCsiRoleArn must be a role in this stack's account 555555555555 (the KMS key policy delegates to IAM of its own account only), got "arn:aws:iam::111111111111:role/ebs-csi"`],
  ])("%s", async (_case, stack, section, expected) => {
    const { problems, registered } = await refused(stack, section);
    expect(problems).toEqual([expected]);
    expect(registered).toEqual([]);
  });
});

describe("surrealdb settings", () => {
  it("takes absent fields from the profile, then the component, and the Fiber adapter's own defaults", () => {
    const dev = adapterSettings(surrealdbAdapter, loadConfig("surrealdb-dev", stackConfig("surrealdb-dev", {}, DIR)));
    // gofiber/storage surrealdb/config.go ConfigDefault: Namespace, Database and DefaultTable "fiber_storage".
    expect(dev).toMatchObject({
      enabled: true, storageClass: "standard", ebsKmsStorageClass: false, volumeSizeGiB: 10, cpuMillis: 250, cpuLimitMillis: 1000, memoryMiB: 1024,
      fiber: { namespace: "fiber_storage", database: "fiber_storage", table: "fiber_storage" }, appUsername: "fiber",
      backup: { enabled: false, prefix: "kubernetes/surrealdb/" },
    });
    const prod = adapterSettings(surrealdbAdapter, loadConfig("surrealdb-prod", stackConfig("surrealdb-prod", {}, DIR)));
    expect(prod).toMatchObject({ ebsKmsStorageClass: true, volumeSizeGiB: 100, memoryMiB: 4096, backup: { enabled: true } });
    expect(prod.backup.oidcProviderArn).toContain(":oidc-provider/");
  });

  it("is off in the dev and prod root stacks", () => {
    for (const stack of ["dev", "prod"]) {
      expect(adapterSettings(surrealdbAdapter, loadConfig(stack, stackConfig(stack))).enabled, stack).toBe(false);
    }
  });
});

describe("SurrealDb component arguments (resolveSurrealDbArgs)", () => {
  const base = { namespace: "surreal", storageClassName: "standard" };
  it("applies its defaults once", () => {
    const a = resolveSurrealDbArgs("t", base);
    expect(a).toMatchObject({ volumeSizeGiB: 10, cpuMillis: 250, cpuLimitMillis: 1000, memoryMiB: 1024, appUsername: "fiber", tlsSecretName: "surrealdb-tls", clusterDomain: "cluster.local" });
    expect(a.clientNamespaceLabel).toEqual({ key: "storage.sparki.io/surrealdb-client", value: "true" });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a bad identifier", { fiber: { database: "my-db" } }, 'fiber.database "my-db" must be an identifier'],
    ["the root user as the application's", { appUsername: "root" }, 'appUsername must not be "root"'],
    ["a limit under the request", { cpuMillis: 500, cpuLimitMillis: 100 }, "cpuLimitMillis must be an integer 500..64000, got 100"],
    ["a Bitnami image", { image: { registry: "docker.io", repository: "bitnami/surrealdb", tag: "3", digest: `sha256:${"a".repeat(64)}` } }, "Bitnami"],
    ["no StorageClass at all", { storageClassName: undefined }, "storageClassName or ebsEncryption is required"],
  ])("refuses %s", (_case, extra, message) => {
    expect(() => resolveSurrealDbArgs("t", { ...base, ...extra })).toThrow(message);
  });
});

describe("bootstrap SurrealQL", () => {
  const schema = { namespace: "fiber_storage", database: "fiber_storage", table: "kv" };
  it("re-asserts both users and creates the namespace, database and table idempotently", () => {
    const surql = bootstrapSurql(schema, { username: "root", password: "Rp1" }, { username: "fiber", password: "Ap2" });
    expect(surql.split("\n").filter(Boolean)).toEqual([
      "DEFINE USER OVERWRITE `root` ON ROOT PASSWORD 'Rp1' ROLES OWNER;",
      "DEFINE USER OVERWRITE `fiber` ON ROOT PASSWORD 'Ap2' ROLES EDITOR;",
      "DEFINE NAMESPACE IF NOT EXISTS `fiber_storage`;",
      "USE NS `fiber_storage`;",
      "DEFINE DATABASE IF NOT EXISTS `fiber_storage`;",
      "USE NS `fiber_storage` DB `fiber_storage`;",
      "DEFINE TABLE IF NOT EXISTS `kv` SCHEMALESS;",
    ]);
  });

  it("backtick-quotes every identifier, so a reserved word such as NONE or IF is still a name", () => {
    // Oracle: `none`, `null` and `if` are SurrealQL keywords (https://surrealdb.com/docs/surrealql/datamodel/none-and-null,
    // https://surrealdb.com/docs/surrealql/statements/ifelse, checked 2026-11-29); unquoted they do not parse as a table name.
    const surql = bootstrapSurql({ namespace: "none", database: "null", table: "if" }, { username: "root", password: "p" }, { username: "fiber", password: "q" });
    expect(surql).toContain("DEFINE NAMESPACE IF NOT EXISTS `none`;");
    expect(surql).toContain("USE NS `none` DB `null`;");
    expect(surql).toContain("DEFINE TABLE IF NOT EXISTS `if` SCHEMALESS;");
    expect(surql).not.toMatch(/ (none|null|if)[; ]/);
  });

  it("escapes quotes and backslashes in a password, so it cannot end the string literal", () => {
    expect(surqlString("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(bootstrapSurql(schema, { username: "root", password: "x'; REMOVE NAMESPACE fiber_storage; --" }, { username: "fiber", password: "p" }))
      .toContain("PASSWORD 'x\\'; REMOVE NAMESPACE fiber_storage; --' ROLES OWNER;");
  });

  it("refuses names outside the identifier pattern (they would need escaping inside the backticks)", () => {
    expect(() => bootstrapSurql({ ...schema, table: "kv; REMOVE TABLE x" }, { username: "root", password: "p" }, { username: "fiber", password: "p" }))
      .toThrow('table "kv; REMOVE TABLE x" must match');
  });
});

describe("verification Job name", () => {
  const base = { image: "docker.io/surrealdb/surrealdb:v3.2.4@sha256:" + "a".repeat(64), address: { namespace: "s", clusterDomain: "cluster.local" },
    fiber: { namespace: "fiber_storage", database: "fiber_storage", table: "fiber_storage" }, appUsername: "fiber", bootstrapChecksum: "0".repeat(64) };
  it("changes with the bootstrap (a new password re-runs the check) and with the names it checks, and only then", () => {
    expect(verifyHash(base)).toBe(verifyHash({ ...base }));
    expect(verifyHash({ ...base, bootstrapChecksum: "1".repeat(64) })).not.toBe(verifyHash(base));
    expect(verifyHash({ ...base, appUsername: "app" })).not.toBe(verifyHash(base));
    expect(verifyJob({ namespace: "s", labels: {}, image: base.image, hash: verifyHash(base), address: base.address, fiber: base.fiber, tlsSecretName: "t" })
      .metadata).toMatchObject({ name: `surrealdb-verify-${verifyHash(base)}` });
  });
});
