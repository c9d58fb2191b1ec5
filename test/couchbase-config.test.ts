import { describe, expect, it } from "vitest";
import { COUCHBASE_DEFAULTS, type CouchbaseArgs, resolveCouchbaseArgs } from "../components/couchbase/args";
import { adminPasswordAccepted, engineSizingProblems, minimumMemoryMiB, placementProblems, type SizingInput } from "../components/couchbase/rules";
import { stackConfig } from "../scripts/offline/stack-files";
import { couchbaseAdapter } from "../stacks/adapters/couchbase";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { exampleConfig, type Section } from "./example-config";

/**
 * Bad `sparki-storage:couchbase` sections, on top of the example stacks that turn Couchbase on (examples/couchbase):
 * each is refused before anything is registered, with one line naming the key, the value and what is allowed. The
 * operator's and the server's limits used as oracles are the operator's API types and validator (couchbase-operator
 * pkg/apis/couchbase/v2/types.go: data/index quota >= 256Mi, bucket quota >= 100Mi, replicas 0..3, cluster names
 * <= 42 characters) and Couchbase Server 8.0's durability page (no durability with three replicas), read 2026-11-29.
 */

const { KEY, DIR, DEV, PROD, refused } = exampleConfig("couchbase");

const LICENCE = "the Couchbase Autonomous Operator runs only Couchbase Server Enterprise Edition, which needs a Couchbase licence (README: Couchbase)";

describe("bad couchbase config: one line naming key, value and what is allowed; nothing registered", () => {
  it.each<[string, string, Section, string[]]>([
    // The licence and the operator are prerequisites.
    ["no licence acceptance", "couchbase-dev", { ...DEV, licenseAccepted: undefined }, [
      `${KEY}.licenseAccepted must be true to deploy Couchbase, together with operatorNamespace naming the operator's namespace: ${LICENCE}; install the operator and set both, got nothing`,
    ]],
    ["the licence refused", "couchbase-dev", { ...DEV, licenseAccepted: false }, [
      `${KEY}.licenseAccepted must be true to deploy Couchbase, together with operatorNamespace naming the operator's namespace: ${LICENCE}; install the operator and set both, got false`,
    ]],
    ["no operator namespace", "couchbase-dev", { ...DEV, operatorNamespace: undefined }, [
      `${KEY}.operatorNamespace must name the namespace of the Couchbase Autonomous Operator (a prerequisite this stack does not install), together with licenseAccepted: true: ${LICENCE}, got nothing`,
    ]],
    // Schema.
    ["a cluster name over 42 characters", "couchbase-dev", { ...DEV, clusterName: "c".repeat(43) },
      [`${KEY}.clusterName must be a DNS label of at most 42 characters (the operator refuses longer cluster names), got "${"c".repeat(43)}"`]],
    ["four replicas", "couchbase-dev", { ...DEV, bucket: { replicas: 4 } }, [`${KEY}.bucket.replicas must be an integer 0..3, got 4`]],
    ["an unknown durability level", "couchbase-dev", { ...DEV, bucket: { durability: "all" } },
      [`${KEY}.bucket.durability must be one of "none", "majority", "majorityAndPersistActive", "persistToMajority", got "all"`]],
    ["a bucket name with a space", "couchbase-dev", { ...DEV, bucket: { name: "fiber storage" } },
      [`${KEY}.bucket.name must be 1-100 of a-z, A-Z, 0-9 and "-_%.", got "fiber storage"`]],
    ["a data quota under 256 MiB", "couchbase-dev", { ...DEV, dataMemoryQuotaMiB: 128 }, [`${KEY}.dataMemoryQuotaMiB must be an integer 256..262144, got 128`]],
    ["a misspelt key", "couchbase-dev", { ...DEV, licenceAccepted: true }, [
      `${KEY}.licenceAccepted is not a known key (did you mean "licenseAccepted"?) (allowed: enabled, licenseAccepted, operatorNamespace, kubeconfig, context, namespace, clusterDomain, `
      + "storageClass, ebsKmsStorageClass, ebsCsiRoleArn, tlsSecretName, clientNamespaceLabel, monitoringNamespace, prometheusRelease, backup, clusterName, image, backupImage, "
      + "servers, serverGroups, volumeSizeGiB, cpuMillis, cpuLimitMillis, memoryMiB, dataMemoryQuotaMiB, indexMemoryQuotaMiB, bucket, appUsername, backupRetentionHours)",
    ]],
    // Rules: the engine's limits.
    ["a bucket quota above the data service quota", "couchbase-dev", { ...DEV, bucket: { memoryQuotaMiB: 1024 } },
      [`${KEY}.bucket.memoryQuotaMiB must be at most dataMemoryQuotaMiB (512): the operator refuses buckets whose quotas exceed the data service quota, got 1024`]],
    ["durability with three replicas", "couchbase-prod", { ...PROD, servers: 4, serverGroups: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], bucket: { replicas: 3 } },
      [`${KEY}.bucket.replicas must be at most 2 with durability "majority": Couchbase Server does not support durability for buckets with three or more replicas (https://docs.couchbase.com/server/8.0/learn/data/durability.html), got 3`]],
    // Rules: placement and sizing.
    ["a replica on a single server", "couchbase-dev", { ...DEV, bucket: { replicas: 1 } },
      [`${KEY}.bucket.replicas must be at most servers - 1 (0): each replica lives on another data node, so with 1 server(s) a replica is never placed, got 1`]],
    ["memory that does not hold the quotas", "couchbase-dev", { ...DEV, memoryMiB: 900 },
      [`${KEY}.memoryMiB must be at least 960 (MiB): the data and index quotas (512 + 256 MiB) plus the 25 % overhead Couchbase Server needs above them, got 900`]],
    ["a CPU limit under the request", "couchbase-dev", { ...DEV, cpuMillis: 2000, cpuLimitMillis: 1000 },
      [`${KEY}.cpuLimitMillis must be at least cpuMillis (2000): Kubernetes refuses a CPU limit below the request, got 1000`]],
    ["an image tag without its digest", "couchbase-dev", { ...DEV, image: { tag: "enterprise-8.0.2" } },
      [`${KEY}.image.digest must be set together with image.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing`]],
    ["backups without the backup image's digest", "couchbase-prod", { ...PROD, backupImage: undefined }, [
      `${KEY}.backupImage.digest must be set when backups are on: no public project pins a digest for couchbase/operator-backup:1.5.0 (the image the operator's backup jobs run); mirror it (\`crane copy\` keeps the digest) and name your mirror's digest, got nothing`,
    ]],
    // A stand-in digest never pulls (review finding 8).
    ["an all-zero backup image digest", "couchbase-prod", { ...PROD, backupImage: { ...(PROD.backupImage as Section), digest: `sha256:${"0".repeat(64)}` } }, [
      `${KEY}.backupImage.digest is a placeholder (one hex digit 64 times), not an image's digest: the backup jobs would never pull it. Name the digest of your mirror of couchbase/operator-backup:1.5.0 (\`crane digest <mirror>:1.5.0\`), got "sha256:${"0".repeat(64)}"`,
    ]],
    // The configBackups bucket expires objects after 365 days in prod (stacks/adapters/s3/profiles.ts): a year of
    // retention would let S3 delete backups cbbackupmgr still lists (review finding 2).
    ["a backup retention the configBackups expiry cuts short", "couchbase-prod", { ...PROD, backupRetentionHours: 365 * 24 }, [
      `${KEY}.backupRetentionHours must leave at least 7 days before objectStore.configBackups.expirationDays (365) deletes the archive's objects: at most 8592 hours, or raise that expiry to at least 372 days, got 8760`,
    ]],
    // Rules: prod.
    ["prod without replicas", "couchbase-prod", { ...PROD, bucket: { replicas: 0, durability: "none" } },
      [`${KEY}.bucket.replicas must be at least 1 for profile "prod" (every document keeps a copy on another server, so losing one server loses no data), got 0`]],
    ["prod servers in one zone", "couchbase-prod", { ...PROD, serverGroups: ["eu-west-1a"] },
      [`${KEY}.serverGroups must list at least 3 distinct zones for 3 servers in profile "prod" (one server per zone, up to three), got ["eu-west-1a"]`]],
    ["prod turning backups off", "couchbase-prod", { ...PROD, backup: { enabled: false } },
      [`${KEY}.backup.enabled must not be false for profile "prod" (a stateful workload in prod keeps a copy outside the cluster), got false`]],
    ["prod without a named context", "couchbase-prod", { ...PROD, context: undefined },
      [`${KEY}.context must name the kubeconfig context of the target cluster for profile "prod" (never deploy to whatever context is current), got nothing`]],
    ["dev servers on no StorageClass", "couchbase-dev", { ...DEV, storageClass: undefined },
      [`${KEY}.storageClass must name an existing StorageClass of the cluster when ebsKmsStorageClass is false (\`kubectl get storageclass\` lists them), or set ebsKmsStorageClass: true, got nothing`]],
  ])("%s", async (_case, stack, section, expected) => {
    const { problems, registered } = await refused(stack, section);
    expect(problems).toEqual(expected);
    expect(registered).toEqual([]);
  });
});

describe("couchbase settings", () => {
  it("takes absent fields from the profile, then the component, and the Fiber adapter's own bucket name", () => {
    const dev = adapterSettings(couchbaseAdapter, loadConfig("couchbase-dev", stackConfig("couchbase-dev", {}, DIR)));
    // gofiber/storage couchbase/config.go ConfigDefault.Bucket: "fiber_storage".
    expect(dev).toMatchObject({
      enabled: true, licenseAccepted: true, operatorNamespace: "couchbase-operator", servers: 1, serverGroups: [], storageClass: "standard",
      bucket: { name: "fiber_storage", replicas: 0, durability: "none", memoryQuotaMiB: 256 }, backup: { enabled: false, prefix: "kubernetes/couchbase/" },
    });
    const prod = adapterSettings(couchbaseAdapter, loadConfig("couchbase-prod", stackConfig("couchbase-prod", {}, DIR)));
    expect(prod).toMatchObject({
      servers: 3, serverGroups: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], ebsKmsStorageClass: true,
      bucket: { replicas: 2, durability: "majority", memoryQuotaMiB: 2048 }, backup: { enabled: true, schedule: "17 3 * * *" },
    });
  });

  it("is off in the dev and prod stacks", () => {
    for (const stack of ["dev", "prod"]) expect(adapterSettings(couchbaseAdapter, loadConfig(stack, stackConfig(stack))).enabled, stack).toBe(false);
  });
});

describe("the Couchbase component refuses bad arguments before registering anything", () => {
  const base: CouchbaseArgs = { namespace: "couchbase", storageClassName: "standard", operatorNamespace: "couchbase-operator", licenseAccepted: true };

  it("applies every default once", () => {
    const { resolved, problems } = resolveCouchbaseArgs(base);
    expect(problems).toEqual([]);
    expect(resolved).toMatchObject({ clusterName: "couchbase", servers: 1, bucket: COUCHBASE_DEFAULTS.bucket, appUsername: "sparki-fiber", backupRetentionHours: 720 });
    expect(resolved.workload.tlsSecretName).toBe("couchbase-tls");
  });

  it.each<[string, Partial<CouchbaseArgs>, string]>([
    ["no licence", { licenseAccepted: false }, "licenseAccepted must be true, got false: the Couchbase Autonomous Operator runs only Couchbase Server Enterprise Edition, which needs a Couchbase licence"],
    ["an operator namespace that is no DNS label", { operatorNamespace: "Couchbase_Operator" }, `operatorNamespace "Couchbase_Operator" must be a DNS label: the namespace of the Couchbase Autonomous Operator, a prerequisite installed outside this stack`],
    ["a Bitnami image", { image: { registry: "docker.io", repository: "bitnami/couchbase", tag: "8.0.0", digest: `sha256:${"a".repeat(64)}` } },
      `image: repository "bitnami/couchbase" is from the Bitnami catalogue (bitnami/), whose versioned images are no longer maintained; use the project's own image or a mirror of it`],
    ["a repeated zone", { servers: 3, serverGroups: ["eu-west-1a", "eu-west-1a"], bucket: { replicas: 1 } }, "serverGroups [eu-west-1a, eu-west-1a] must not repeat a zone (the operator takes them as a set)"],
    ["zero servers", { servers: 0 }, "servers must be an integer 1..16, got 0"],
    ["an unknown compression mode", { bucket: { compression: "gzip" as never } }, `bucket.compression "gzip" must be one of off, passive, active`],
  ])("%s", (_case, extra, message) => {
    const { problems } = resolveCouchbaseArgs({ ...base, ...extra });
    expect(problems).toEqual([message]);
  });

  it("needs the backup image's digest with backups", () => {
    const backup = {
      target: { bucketName: "b", bucketArn: "arn:aws:s3:::b", prefix: "kubernetes/couchbase/", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k", region: "eu-west-1" },
      oidcProviderArn: "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X", schedule: "17 3 * * *", intervalSeconds: 86_400,
    };
    expect(resolveCouchbaseArgs({ ...base, backup }).problems).toEqual([
      "backupImage.digest is required with backups: no public project pins a digest for couchbase/operator-backup:1.5.0; mirror it (`crane copy` keeps the digest) and name your mirror's digest",
    ]);
    expect(resolveCouchbaseArgs({ ...base, backup, backupImage: { digest: `sha256:${"0123456789abcdef".repeat(4)}` } }).problems).toEqual([]);
    expect(resolveCouchbaseArgs({ ...base, backup, backupImage: { digest: `sha256:${"b".repeat(64)}` } }).problems).toEqual([
      `backupImage.digest "sha256:${"b".repeat(64)}" is a placeholder (one hex digit 64 times), not an image's digest: name your mirror's digest`,
    ]);
  });
});

describe("the engine's limits (components/couchbase/rules.ts)", () => {
  const ok: SizingInput = { servers: 3, dataMemoryQuotaMiB: 512, indexMemoryQuotaMiB: 256, bucketMemoryQuotaMiB: 256, replicas: 2, durability: "majority", maxTtlSeconds: 0, memoryMiB: 2048 };

  it("accept what the operator accepts and name each limit crossed", () => {
    expect([...engineSizingProblems(ok), ...placementProblems(ok)]).toEqual([]);
    expect(engineSizingProblems({ ...ok, dataMemoryQuotaMiB: 255 }).map((p) => p.field)).toEqual(["dataMemoryQuotaMiB", "bucket.memoryQuotaMiB"]);
    expect(engineSizingProblems({ ...ok, indexMemoryQuotaMiB: 255 }).map((p) => p.field)).toEqual(["indexMemoryQuotaMiB"]);
    expect(engineSizingProblems({ ...ok, bucketMemoryQuotaMiB: 99 }).map((p) => p.field)).toEqual(["bucket.memoryQuotaMiB"]);
    expect(engineSizingProblems({ ...ok, replicas: 3, durability: "none" })).toEqual([]);
    expect(engineSizingProblems({ ...ok, maxTtlSeconds: 2_147_483_648 }).map((p) => p.field)).toEqual(["bucket.maxTtlSeconds"]);
    expect(engineSizingProblems({ ...ok, maxTtlSeconds: 2_147_483_647 })).toEqual([]);
  });

  it("size the pod from the quotas plus the operator's 25 % overhead", () => {
    // AutoResourceAllocation.overheadPercent: "For Couchbase Server this should be approximately 25%".
    expect(minimumMemoryMiB(512, 256)).toBe(960);
    expect(placementProblems({ ...ok, memoryMiB: 959 }).map((p) => p.field)).toEqual(["memoryMiB"]);
  });

  it("refuse the characters the operator refuses in the admin password", () => {
    // validator checkConstraintAdminSecret: at least 6 characters, none of ()<>,;:\"/[]?={}.
    expect(adminPasswordAccepted("abcdef123")).toBe(true);
    expect(adminPasswordAccepted("abc12")).toBe(false);
    for (const ch of "()<>,;:\\\"/[]?={}") expect(adminPasswordAccepted(`abcdef${ch}`), ch).toBe(false);
  });
});
