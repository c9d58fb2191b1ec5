import { describe, expect, it } from "vitest";
import {
  clientImageShellProblem, defaultQuotaGiB, ETCD_IMAGE, MAX_MEMBERS, MAX_QUOTA_GIB, maxQuotaGiB, memberCountProblem, memoryProblem, minMemoryMiB,
  quotaProblem, resolveEtcdArgs,
} from "../components/etcd";
import { quorumTolerance } from "../components/kubernetes/disruption-budget";
import { stackConfig } from "../scripts/offline/stack-files";
import { etcdAdapter } from "../stacks/adapters/etcd";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { runWith } from "./harness";

const KEY = "sparki-storage:etcd";
/** The smallest valid sections on the root stacks (dev: account 111111111111, prod: 222222222222). */
const DEV = { enabled: true, storageClass: "standard" };
const PROD = {
  enabled: true, context: "sparki-prod", ebsCsiRoleArn: "arn:aws:iam::222222222222:role/sparki-prod-ebs-csi-driver",
  backup: { oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" },
};
/** The memory rule's message for a floor and a quota (the floor itself is asserted in "etcd sizing"). */
const memoryMessage = (least: number, quota: number) =>
  `must be at least ${least} MiB for a ${quota} GiB backend quota (512 MiB plus half the quota: etcd's key index and the page cache of its memory-mapped database grow with the database, etcd hardware guide "Memory"); raise memoryMiB or lower quotaBackendGiB`;
const PROJECT_SHELL = "has no shell (the etcd project's release images are distroless since v3.5.7, etcd CHANGELOG-3.5; older tags are end of life) and the auth Job runs /bin/sh; "
  + "use registry.k8s.io/etcd:3.6.4-0 (the default, built by Kubernetes with a static bash as /bin/sh) or your own image with /bin/sh and etcdctl 3.6";
const ODD = 'must be odd (1, 3, 5 or 7): 2 members tolerate no more failures than 1 and need a larger quorum (etcd FAQ, "Why an odd number of cluster members?")';

describe("etcd config errors name the key, the value and what is allowed, and register nothing", () => {
  it.each([
    ["an even member count", "dev", { ...DEV, members: 2 }, `${KEY}.members ${ODD}, got 2`],
    ["more than seven members", "prod", { ...PROD, members: 9 }, `${KEY}.members must be an integer 1..7, got 9`],
    ["one member in prod", "prod", { ...PROD, members: 1 },
      `${KEY}.members must be at least 3 for profile "prod" (a quorum of three survives one member down; one member stops every write while it restarts), got 1`],
    ["a quota the volume cannot hold twice", "dev", { ...DEV, quotaBackendGiB: 3 },
      `${KEY}.quotaBackendGiB must be at most 1 GiB for a 4 GiB volume (defragmentation needs a second copy of the database beside the first, plus 1 GiB for the WAL and snapshots); lower it or raise volumeSizeGiB to at least 7, got 3`],
    ["a quota above etcd's suggested maximum", "prod", { ...PROD, quotaBackendGiB: 9, volumeSizeGiB: 100 }, `${KEY}.quotaBackendGiB must be an integer 1..8, got 9`],
    ["a volume too small for any quota", "dev", { ...DEV, volumeSizeGiB: 2 }, `${KEY}.volumeSizeGiB must be an integer 3..16384, got 2`],
    ["a key prefix without its separator", "dev", { ...DEV, keyPrefix: "sparki" },
      `${KEY}.keyPrefix must be a key prefix of letters, digits, '_', '.', '-' and '/' ending in '/', such as sparki/, got "sparki"`],
    ["a CPU limit below the request", "dev", { ...DEV, cpuMillis: 500, cpuLimitMillis: 100 }, `${KEY}.cpuLimitMillis must be at least cpuMillis (500), got 100`],
    ["an image tag without its digest", "dev", { ...DEV, image: { tag: "v3.6.7" } },
      `${KEY}.image.digest must be set together with image.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing`],
    ["a Bitnami image", "dev", { ...DEV, image: { repository: "bitnami/etcd" } },
      `${KEY}.image.repository must not be from the Bitnami catalogue (bitnami/), whose versioned images are no longer maintained; use the etcd project's own image (gcr.io/etcd-development/etcd) or a mirror of it, got "bitnami/etcd"`],
    ["dev volumes on no StorageClass", "dev", { enabled: true },
      `${KEY}.storageClass must name an existing StorageClass of the cluster when ebsKmsStorageClass is false (\`kubectl get storageclass\` lists them), or set ebsKmsStorageClass: true, got nothing`],
    ["prod without a kubeconfig context", "prod", { ...PROD, context: undefined },
      `${KEY}.context must name the kubeconfig context of the target cluster for profile "prod" (never deploy to whatever context is current), got nothing`],
    ["prod turning backups off", "prod", { ...PROD, backup: { ...PROD.backup, enabled: false } },
      `${KEY}.backup.enabled must not be false for profile "prod" (a stateful workload in prod keeps a copy outside the cluster), got false`],
    ["the EBS CSI role in another account", "prod", { ...PROD, ebsCsiRoleArn: "arn:aws:iam::333333333333:role/ebs-csi" },
      `${KEY}.ebsCsiRoleArn must be a role in this stack's account 222222222222 (the KMS key policy delegates to IAM of its own account only), got "arn:aws:iam::333333333333:role/ebs-csi"`],
    ["a client image digest without its tag", "dev", { ...DEV, clientImage: { digest: `sha256:${"b".repeat(64)}` } },
      `${KEY}.clientImage.tag must be set together with clientImage.digest (the default tag belongs to the default digest), got nothing`],
    ["backups on without the cluster's OIDC provider", "dev", { ...DEV, backup: { enabled: true } },
      `${KEY}.backup.oidcProviderArn must name the cluster's IAM OIDC provider when backups are on (the upload step assumes a write-only role through IRSA; no access keys are stored), got nothing`],
    ["a misspelt key", "dev", { ...DEV, member: 3 }, `${KEY}.member is not a known key (did you mean "members"?)`],
    ["too little memory for the quota", "dev", { ...DEV, memoryMiB: 768 }, `${KEY}.memoryMiB ${memoryMessage(1024, 1)}, got 768`],
    ["a larger quota without more memory", "prod", { ...PROD, volumeSizeGiB: 20, quotaBackendGiB: 4 }, `${KEY}.memoryMiB ${memoryMessage(2560, 4)}, got the profile "prod" default 2048 (the key is not set)`],
    ["a Bitnami client image", "dev", { ...DEV, clientImage: { repository: "bitnamilegacy/etcd" } },
      `${KEY}.clientImage.repository must not be from the Bitnami catalogue (bitnamilegacy/), whose versioned images are no longer maintained; use an image with /bin/sh and etcdctl 3.6 such as registry.k8s.io/etcd:3.6.4-0 (the default) or a mirror of it, got "bitnamilegacy/etcd"`],
    ["the etcd project's image (no shell) as client image", "dev", { ...DEV, clientImage: { registry: "gcr.io", repository: "etcd-development/etcd", tag: "v3.6.6", digest: ETCD_IMAGE.digest } },
      `${KEY}.clientImage.repository must name an image with a shell: gcr.io/etcd-development/etcd ${PROJECT_SHELL}, got "etcd-development/etcd"`],
    ["quay.io's etcd (no shell) as client image", "dev", { ...DEV, clientImage: { registry: "quay.io", repository: "coreos/etcd", tag: "v3.6.6", digest: ETCD_IMAGE.digest } },
      `${KEY}.clientImage.repository must name an image with a shell: quay.io/coreos/etcd ${PROJECT_SHELL}, got "coreos/etcd"`],
    ["registry.k8s.io/etcd 3.6.6-0 (the upstream image, no shell) as client image", "dev", { ...DEV, clientImage: { tag: "3.6.6-0", digest: ETCD_IMAGE.digest } },
      `${KEY}.clientImage.tag must name an image with a shell: registry.k8s.io/etcd:3.6.6-0 has no shell (from 3.6.6-0 and 3.5.23-0 that registry serves the etcd project's distroless image, kubernetes/k8s.io#8596) and the auth Job runs /bin/sh; use 3.6.4-0 (the default) or your own image with /bin/sh and etcdctl 3.6, got "3.6.6-0"`],
  ])("%s", async (_case, stack, etcd, expected) => {
    const registered: string[] = [];
    const error = await runWith(stack, { [KEY]: etcd }, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.replace(/ \(allowed: [^)]*\)$/, ""))).toEqual([expected]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("skips etcd's rules while it is off (an even member count in a disabled section is no error)", () => {
    expect(() => loadConfig("dev", stackConfig("dev", { [KEY]: { enabled: false, members: 2 } }))).not.toThrow();
  });

  it("takes absent fields from the profile: dev 1 member, 4 GiB, 1 GiB quota; prod 3 members, 10 GiB, etcd's default 2 GiB", () => {
    const dev = adapterSettings(etcdAdapter, loadConfig("dev", stackConfig("dev", { [KEY]: DEV })));
    expect(dev).toMatchObject({ enabled: true, members: 1, volumeSizeGiB: 4, quotaBackendGiB: 1, keyPrefix: "sparki/", storageClass: "standard", ebsKmsStorageClass: false });
    expect(dev.backup.enabled).toBe(false);
    const prod = adapterSettings(etcdAdapter, loadConfig("prod", stackConfig("prod", { [KEY]: PROD })));
    expect(prod).toMatchObject({ members: 3, volumeSizeGiB: 10, quotaBackendGiB: 2, ebsKmsStorageClass: true });
    expect(prod.backup).toMatchObject({ enabled: true, prefix: "kubernetes/etcd/", schedule: "17 3 * * *" });
    expect(prod.image).toEqual(ETCD_IMAGE);
  });

  it("is off in both tiers", () => {
    for (const stack of ["dev", "prod"]) expect(adapterSettings(etcdAdapter, loadConfig(stack, stackConfig(stack))).enabled, stack).toBe(false);
  });
});

describe("etcd sizing (oracles: the etcd FAQ and etcd's quota limits)", () => {
  it("accepts 1, 3, 5 and 7 members and refuses even counts and more than seven", () => {
    expect([1, 3, 5, 7].map(memberCountProblem)).toEqual([undefined, undefined, undefined, undefined]);
    expect(memberCountProblem(4)).toMatch(/^must be odd/);
    expect(memberCountProblem(8)).toMatch(/^must be an integer 1\.\.7/);
    expect(memberCountProblem(0)).toMatch(/^must be an integer 1\.\.7/);
    expect(MAX_MEMBERS).toBe(7);
  });

  it("lets drains take as many members as the quorum survives (FAQ table: 1->0, 3->1, 5->2, 7->3)", () => {
    expect([1, 3, 5, 7].map(quorumTolerance)).toEqual([0, 1, 2, 3]);
  });

  it("never sizes the quota above 8 GiB (etcd's suggested maximum) nor above half the volume left after the WAL", () => {
    expect(MAX_QUOTA_GIB).toBe(8);
    expect([3, 4, 5, 10, 17, 18, 100].map(maxQuotaGiB)).toEqual([1, 1, 2, 4, 8, 8, 8]);
    // etcd's default 2 GiB where the volume holds it.
    expect([3, 5, 10, 100].map(defaultQuotaGiB)).toEqual([1, 2, 2, 2]);
    expect(quotaProblem(2, 5)).toBeUndefined();
    expect(quotaProblem(3, 6)).toMatch(/^must be at most 2 GiB for a 6 GiB volume/);
    expect(quotaProblem(0, 10)).toMatch(/^must be an integer 1\.\.8 GiB/);
  });
});

describe("etcd memory against the backend quota (512 MiB plus half the quota)", () => {
  it("accepts the profiles' sizes and refuses one MiB less than the floor", () => {
    // dev: 1 GiB quota, 1024 MiB; prod: 2 GiB quota, 2048 MiB.
    expect(memoryProblem(1024, 1)).toBeUndefined();
    expect(memoryProblem(2048, 2)).toBeUndefined();
    expect([1, 2, 4, 8].map(minMemoryMiB)).toEqual([1024, 1536, 2560, 4608]);
    expect(memoryProblem(1023, 1)).toBe(memoryMessage(1024, 1));
    expect(memoryProblem(4607, 8)).toBe(memoryMessage(4608, 8));
  });
});

describe("client images without a shell (the auth Job runs /bin/sh)", () => {
  const img = (registry: string, repository: string, tag: string) => ({ registry, repository, tag });
  it("accepts Kubernetes' own builds up to 3.6.4-0 and other repositories (a mirror is not recognised)", () => {
    for (const tag of ["3.6.4-0", "3.6.0-0", "3.5.21-0"]) expect(clientImageShellProblem(img("registry.k8s.io", "etcd", tag)), tag).toBeUndefined();
    expect(clientImageShellProblem(img("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "etcd", "3.6.4-0"))).toBeUndefined();
  });
  it("refuses the etcd project's repositories at any tag and registry.k8s.io/etcd from 3.6.6-0 (and 3.5.23-0)", () => {
    expect(clientImageShellProblem(img("gcr.io", "etcd-development/etcd", "v3.6.6"))).toBe(`gcr.io/etcd-development/etcd ${PROJECT_SHELL}`);
    expect(clientImageShellProblem(img("quay.io", "coreos/etcd", "v3.6.6"))).toBe(`quay.io/coreos/etcd ${PROJECT_SHELL}`);
    for (const tag of ["3.6.6-0", "v3.6.6", "3.6.10-0", "3.7.0-0", "3.5.23-0"]) expect(clientImageShellProblem(img("registry.k8s.io", "etcd", tag)), tag).toMatch(/has no shell/);
  });
});

describe("the EtcdCluster component refuses bad arguments before registering anything", () => {
  const base = { namespace: "sparki-etcd", storageClassName: "standard" };
  it.each([
    [{ members: 4 }, `members ${ODD.replace("2 members", "4 members").replace("than 1", "than 3")}, got 4`],
    [{ members: 3, volumeSizeGiB: 4, quotaBackendGiB: 2 }, "quotaBackendGiB must be at most 1 GiB for a 4 GiB volume"],
    [{ keyPrefix: "/" }, undefined],
    [{ keyPrefix: "sparki" }, `keyPrefix "sparki" must be 1..128 characters of letters, digits, '_', '.', '-' and '/', ending in '/'`],
    [{ image: { ...ETCD_IMAGE, repository: "bitnamilegacy/etcd" } }, 'image repository "bitnamilegacy/etcd" is from the Bitnami catalogue (bitnamilegacy/)'],
    [{ defragSchedule: "daily" }, 'defragSchedule "daily" must have the five cron fields (minute hour day month weekday)'],
    [{ storageClassName: undefined }, "storageClassName or ebsEncryption is required"],
    [{ memoryMiB: 1000 }, `memoryMiB ${memoryMessage(1024, 1)}, got 1000`],
    [{ volumeSizeGiB: 10, quotaBackendGiB: 4, memoryMiB: 2560 }, undefined],
    [{ clientImage: { ...ETCD_IMAGE } }, `clientImage gcr.io/etcd-development/etcd ${PROJECT_SHELL}`],
    [{ clientImage: { ...ETCD_IMAGE, registry: "registry.k8s.io", repository: "etcd", tag: "3.6.6-0" } }, "clientImage registry.k8s.io/etcd:3.6.6-0 has no shell"],
  ])("%j", (args, expected) => {
    const attempt = () => resolveEtcdArgs("sparki-dev-etcd", { ...base, ...args });
    if (expected === undefined) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(`EtcdCluster sparki-dev-etcd: ${expected}`);
  });
});
