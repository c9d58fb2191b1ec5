import { describe, expect, it } from "vitest";
import { NATS_SERVER_IMAGE } from "../components/nats";
import { stackConfig } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { natsAdapter } from "../stacks/adapters/nats";
import { adapterSettings } from "../stacks/project";
import { runWith } from "./harness";

const KEY = "sparki-storage:nats";
/** Valid sections the cases vary: dev on the cluster's `standard` class; prod as examples/nats has it, in prod's account. */
const DEV = { enabled: true, context: "sparki-dev", storageClass: "standard" };
const PROD = {
  enabled: true, context: "sparki-prod", ebsCsiRoleArn: "arn:aws:iam::222222222222:role/sparki-prod-ebs-csi-driver",
  backup: { oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" },
};
const CAP_ABOVE = (claim: number) => `must be at most the claim size (${claim} GiB: expandedVolumeSizeGiB, else volumeSizeGiB): above it JetStream accepts writes the disk cannot hold; `
  + "expand the claims (kubectl patch pvc data-nats-<i>) and set expandedVolumeSizeGiB first";
const RAFT_OF_TWO = "must be 1 or at least 3: a JetStream cluster keeps its metadata in a Raft group, and 2 servers stop when either is down "
  + "(NATS docs recommend 3 or 5 JetStream servers; R3 streams need 3)";

describe("NATS config errors name the key, the value and what is allowed, and register nothing", () => {
  it.each([
    ["two servers (a Raft group of 2 has no failure tolerance)", "dev", { ...DEV, nodes: 2 }, `${KEY}.nodes ${RAFT_OF_TWO}, got 2`],
    ["more servers than one StatefulSet runs", "dev", { ...DEV, nodes: 10 }, `${KEY}.nodes must be an integer 1..9, got 10`],
    ["prod on one server", "prod", { ...PROD, nodes: 1 },
      `${KEY}.nodes must be at least 3 for profile "prod" (JetStream keeps the bucket at R3 and survives the loss of one server only with 3 or more), got 1`],
    ["a CPU limit below the request", "dev", { ...DEV, cpuMillis: 500, cpuLimitMillis: 100 },
      `${KEY}.cpuLimitMillis must be at least cpuMillis (500): Kubernetes refuses a CPU limit below the request, got 100`],
    ["a bucket name the KV API refuses", "dev", { ...DEV, bucket: "fiber.storage" },
      `${KEY}.bucket must be a KV bucket name: 1-64 letters, digits, '_' or '-', got "fiber.storage"`],
    ["an image tag without its digest", "dev", { ...DEV, image: { tag: "2.12.13-alpine" } },
      `${KEY}.image.digest must be set together with image.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing`],
    ["a nats-box digest without its tag", "dev", { ...DEV, boxImage: { digest: `sha256:${"a".repeat(64)}` } },
      `${KEY}.boxImage.tag must be set together with boxImage.digest (the default tag belongs to the default digest), got nothing`],
    ["a Bitnami exporter", "dev", { ...DEV, exporterImage: { repository: "bitnami/nats-exporter" } },
      `${KEY}.exporterImage.repository must not be from the Bitnami catalogue (bitnami/): its versioned images are no longer maintained; use the project's own image (nats, natsio/*) or a mirror of it, got "bitnami/nats-exporter"`],
    ["prod without a kubeconfig context", "prod", { ...PROD, context: undefined },
      `${KEY}.context must name the kubeconfig context of the target cluster for profile "prod" (never deploy to whatever context is current), got nothing`],
    ["prod turning backups off", "prod", { ...PROD, backup: { ...PROD.backup, enabled: false } },
      `${KEY}.backup.enabled must not be false for profile "prod" (a stateful workload in prod keeps a copy outside the cluster), got false`],
    ["prod backups without the cluster's OIDC provider", "prod", { ...PROD, backup: {} },
      `${KEY}.backup.oidcProviderArn must name the cluster's IAM OIDC provider when backups are on (the upload step assumes a write-only role through IRSA; no access keys are stored), got nothing`],
    ["dev volumes on no StorageClass", "dev", { ...DEV, storageClass: undefined },
      `${KEY}.storageClass must name an existing StorageClass of the cluster when ebsKmsStorageClass is false (\`kubectl get storageclass\` lists them), or set ebsKmsStorageClass: true, got nothing`],
    ["a JetStream cap above the claim (the disk would fill before JetStream refuses writes)", "dev", { ...DEV, volumeSizeGiB: 20, jetStreamMaxFileStoreGiB: 21 },
      `${KEY}.jetStreamMaxFileStoreGiB ${CAP_ABOVE(20)}, got 21`],
    ["a JetStream cap above prod's default volume", "prod", { ...PROD, jetStreamMaxFileStoreGiB: 60 }, `${KEY}.jetStreamMaxFileStoreGiB ${CAP_ABOVE(50)}, got 60`],
    ["a JetStream cap above the expanded claims", "prod", { ...PROD, expandedVolumeSizeGiB: 100, jetStreamMaxFileStoreGiB: 101 }, `${KEY}.jetStreamMaxFileStoreGiB ${CAP_ABOVE(100)}, got 101`],
    ["claims said to have shrunk", "prod", { ...PROD, expandedVolumeSizeGiB: 40 },
      `${KEY}.expandedVolumeSizeGiB must be at least volumeSizeGiB (50): a claim can grow but never shrink, got 40`],
    ["a misspelt key", "dev", { ...DEV, replicas: 3 },
      `${KEY}.replicas is not a known key (allowed: enabled, kubeconfig, context, namespace, clusterDomain, storageClass, ebsKmsStorageClass, ebsCsiRoleArn, tlsSecretName, clientNamespaceLabel, monitoringNamespace, prometheusRelease, backup, nodes, volumeSizeGiB, expandedVolumeSizeGiB, jetStreamMaxFileStoreGiB, cpuMillis, cpuLimitMillis, memoryMiB, bucket, image, boxImage, exporterImage)`],
  ])("%s", async (_case, stack, nats, expected) => {
    const registered: string[] = [];
    const attempt = runWith(stack, { [KEY]: nats }, (r) => registered.push(r.type));
    const error = await attempt.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expected]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("does not run NATS rules while NATS is off (prod's own section may be incomplete)", () => {
    const loaded = loadConfig("prod", stackConfig("prod", { [KEY]: { nodes: 2 } }));
    expect(adapterSettings(natsAdapter, loaded)).toMatchObject({ enabled: false, nodes: 2 });
  });

  it("takes absent fields from the profile, and keeps a mirror's registry with the pinned tag and digest", () => {
    const dev = adapterSettings(natsAdapter, loadConfig("dev", stackConfig("dev", { [KEY]: { ...DEV, image: { registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com" } } })));
    expect(dev).toMatchObject({ nodes: 1, volumeSizeGiB: 10, bucket: "fiber_storage", ebsKmsStorageClass: false, namespace: "sparki-dev-nats", backup: { enabled: false } });
    expect(dev.image).toEqual({ ...NATS_SERVER_IMAGE, registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com" });
    const prod = adapterSettings(natsAdapter, loadConfig("prod", stackConfig("prod", { [KEY]: PROD })));
    expect(prod).toMatchObject({
      nodes: 3, volumeSizeGiB: 50, ebsKmsStorageClass: true, namespace: "sparki-prod-nats",
      backup: { enabled: true, schedule: "17 3 * * *", intervalHours: 24, prefix: "kubernetes/nats/", bucketName: "sparki-prod-222222222222-config-backups" },
    });
  });

  it("accepts a five-server cluster and another bucket name", () => {
    const s = adapterSettings(natsAdapter, loadConfig("prod", stackConfig("prod", { [KEY]: { ...PROD, nodes: 5, bucket: "sessions-v2" } })));
    expect(s).toMatchObject({ nodes: 5, bucket: "sessions-v2" });
  });

  it("leaves the JetStream cap to the component unless set, and accepts it up to the volume size", () => {
    expect(adapterSettings(natsAdapter, loadConfig("dev", stackConfig("dev", { [KEY]: DEV }))).jetStreamMaxFileStoreGiB).toBeUndefined();
    const s = adapterSettings(natsAdapter, loadConfig("prod", stackConfig("prod", { [KEY]: { ...PROD, jetStreamMaxFileStoreGiB: 50 } })));
    expect(s).toMatchObject({ volumeSizeGiB: 50, jetStreamMaxFileStoreGiB: 50 });
    // After the claims grew from 50 to 200 GiB: the cap may follow, the template (volumeSizeGiB) stays.
    const grown = adapterSettings(natsAdapter, loadConfig("prod", stackConfig("prod", { [KEY]: { ...PROD, expandedVolumeSizeGiB: 200, jetStreamMaxFileStoreGiB: 180 } })));
    expect(grown).toMatchObject({ volumeSizeGiB: 50, expandedVolumeSizeGiB: 200, jetStreamMaxFileStoreGiB: 180 });
  });
});
