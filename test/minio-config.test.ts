import { describe, expect, it } from "vitest";
import { erasureLayout, MINIO_SERVER_IMAGE } from "../components/minio";
import { stackConfig } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { minioAdapter } from "../stacks/adapters/minio";
import { adapterSettings } from "../stacks/project";
import { runWith } from "./harness";

/** prod's real MinIO section, which the cases below vary. */
const PROD_MINIO = {
  context: "sparki-prod", servers: 4, drivesPerServer: 4, volumeSizeGiB: 500, tlsSecretName: "minio-tls",
  ebsCsiRoleArn: "arn:aws:iam::222222222222:role/sparki-prod-ebs-csi-driver",
};
const DEV_MINIO = {
  context: "sparki-dev", servers: 1, drivesPerServer: 1, volumeSizeGiB: 10, insecureHttp: true, ebsKmsStorageClass: false, storageClass: "standard",
};
/** The part of the storageClass error that says what is allowed. */
const NAME_A_CLASS = "must name an existing StorageClass of the cluster for the drives when ebsKmsStorageClass is false "
  + "(e.g. gp2 on EKS, standard on kind, minikube or GKE; `kubectl get storageclass` lists them), or set ebsKmsStorageClass: true; "
  + "a claim without a class relies on the cluster's default StorageClass and stays Pending where there is none";

const KEY = "sparki-storage:minio";

describe("MinIO config errors name the key, the value and what is allowed, and register nothing", () => {
  it.each([
    ["3 servers (distributed needs 4+)", "prod", { ...PROD_MINIO, servers: 3 },
      "sparki-storage:minio.servers must be 1 (one server) or at least 4 (distributed erasure coding needs 4 or more servers), got 3"],
    ["0 drives", "dev", { ...DEV_MINIO, drivesPerServer: 0 },
      "sparki-storage:minio.drivesPerServer must be an integer 1..16, got 0"],
    ["2 drives on one server", "dev", { ...DEV_MINIO, drivesPerServer: 2 },
      "sparki-storage:minio.drivesPerServer must be 1 or at least 4 on a single server (erasure coding needs 4 or more drives), got 2"],
    ["17 servers: no erasure set of 4..16 drives fits", "prod", { ...PROD_MINIO, servers: 17, drivesPerServer: 1 },
      "sparki-storage:minio.servers times drivesPerServer (1) gives 17 drives, which MinIO cannot split into erasure sets of 4..16 drives spread evenly over 17 servers, got 17"],
    ["19 servers x 2 drives: 38 drives, no symmetric set", "prod", { ...PROD_MINIO, servers: 19, drivesPerServer: 2 },
      "sparki-storage:minio.servers times drivesPerServer (2) gives 38 drives, which MinIO cannot split into erasure sets of 4..16 drives spread evenly over 19 servers, got 19"],
    ["more servers than the pool allows", "prod", { ...PROD_MINIO, servers: 33 },
      "sparki-storage:minio.servers must be an integer 1..32, got 33"],
    ["17 drives per server", "prod", { ...PROD_MINIO, drivesPerServer: 17 },
      "sparki-storage:minio.drivesPerServer must be an integer 1..16, got 17"],
    ["CPU limit below the request", "dev", { ...DEV_MINIO, cpuMillis: 500, cpuLimitMillis: 100 },
      "sparki-storage:minio.cpuLimitMillis must be at least cpuMillis (500), got 100"],
    ["prod opting out of TLS", "prod", { ...PROD_MINIO, tlsSecretName: undefined, insecureHttp: true },
      'sparki-storage:minio.insecureHttp must not be true for profile "prod" (S3 traffic must be encrypted in transit; issue the certificate into tlsSecretName instead), got true'],
    ["a TLS Secret together with plain HTTP", "dev", { ...DEV_MINIO, tlsSecretName: "minio-tls" },
      'sparki-storage:minio.tlsSecretName must not be set together with insecureHttp: true (plain HTTP uses no certificate); remove one, got "minio-tls"'],
    ["customer-key drives without the EBS CSI driver's role", "prod", { ...PROD_MINIO, ebsCsiRoleArn: undefined },
      "sparki-storage:minio.ebsCsiRoleArn must name the IAM role of the cluster's EBS CSI driver when the drives use the customer-key StorageClass (ebsKmsStorageClass): "
      + "the key policy delegates to IAM, so without the policy this stack creates for that role no encrypted volume can be created, got nothing"],
    ["the EBS CSI driver's role in another account", "prod", { ...PROD_MINIO, ebsCsiRoleArn: "arn:aws:iam::333333333333:role/ebs-csi" },
      'sparki-storage:minio.ebsCsiRoleArn must be a role in this stack\'s account 222222222222 (the KMS key policy delegates to IAM of its own account only), got "arn:aws:iam::333333333333:role/ebs-csi"'],
    ["an EBS CSI role without customer-key drives", "dev", { ...DEV_MINIO, ebsCsiRoleArn: "arn:aws:iam::111111111111:role/ebs-csi" },
      'sparki-storage:minio.ebsCsiRoleArn only applies when the drives use the customer-key StorageClass (ebsKmsStorageClass: true); remove it or turn that on, got "arn:aws:iam::111111111111:role/ebs-csi"'],
    ["a user ARN as the EBS CSI role", "prod", { ...PROD_MINIO, ebsCsiRoleArn: "arn:aws:iam::222222222222:user/ebs" },
      'sparki-storage:minio.ebsCsiRoleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/ebs-csi-driver, got "arn:aws:iam::222222222222:user/ebs"'],
    ["a MinIO-only audit archive expiry", "prod", { ...PROD_MINIO, lifecycle: { auditArchive: { expirationDays: 2555 } } },
      "sparki-storage:minio.lifecycle.auditArchive.expirationDays must not be set: MinIO's audit archive takes its days from sparki-storage:objectStore.auditArchive "
      + "(now expirationDays 2557) so both keep audit logs equally long; change it there, got 2555"],
    ["prod without a kubeconfig context", "prod", { ...PROD_MINIO, context: undefined },
      'sparki-storage:minio.context must name the kubeconfig context of the target cluster for profile "prod" (never deploy to whatever context is current), got nothing'],
    ["a kubeconfig's contents instead of its path", "dev", { ...DEV_MINIO, kubeconfig: "apiVersion: v1\nclusters: []" },
      "sparki-storage:minio.kubeconfig must be a path to a kubeconfig file, never its contents (a kubeconfig holds credentials), got (looks like file contents; value not shown)"],
    ["an image tag without its digest", "dev", { ...DEV_MINIO, image: { registry: "registry.example", tag: "RELEASE.2025-10-15T17-29-55Z" } },
      "sparki-storage:minio.image.digest must be set together with image.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing"],
    ["a digest without its tag", "dev", { ...DEV_MINIO, clientImage: { digest: `sha256:${"a".repeat(64)}` } },
      "sparki-storage:minio.clientImage.tag must be set together with clientImage.digest (the default tag belongs to the default digest), got nothing"],
    ["a malformed digest", "dev", { ...DEV_MINIO, image: { tag: "RELEASE.2025-10-15T17-29-55Z", digest: "sha256:abc" } },
      'sparki-storage:minio.image.digest must be an image digest sha256:<64 lowercase hex digits>, got "sha256:abc"'],
    ["a misspelt data class", "dev", { ...DEV_MINIO, lifecycle: { deploymentLog: { expirationDays: 30 } } },
      'sparki-storage:minio.lifecycle.deploymentLog is not a known key (did you mean "deploymentLogs"?) (allowed: artifacts, deploymentLogs, testReports, configBackups, auditArchive, buildCache)'],
    ["zero expiry days", "dev", { ...DEV_MINIO, lifecycle: { artifacts: { expirationDays: 0 } } },
      "sparki-storage:minio.lifecycle.artifacts.expirationDays must be an integer 1..36500, got 0"],
    ["dev drives on no StorageClass (the cluster default, which a cluster may not have)", "dev", { ...DEV_MINIO, storageClass: undefined },
      `sparki-storage:minio.storageClass ${NAME_A_CLASS}, got nothing`],
    ["prod turning the EBS class off without naming another", "prod", { ...PROD_MINIO, ebsKmsStorageClass: false, ebsCsiRoleArn: undefined },
      `sparki-storage:minio.storageClass ${NAME_A_CLASS}, got nothing`],
    ["an existing StorageClass and the EBS one at once", "dev",
      { ...DEV_MINIO, storageClass: "gp3", ebsKmsStorageClass: true, ebsCsiRoleArn: "arn:aws:iam::111111111111:role/ebs-csi" },
      'sparki-storage:minio.storageClass must not be set together with ebsKmsStorageClass: true (that creates the drives\' StorageClass); remove one, got "gp3"'],
    ["an invalid namespace", "dev", { ...DEV_MINIO, namespace: "Sparki_MinIO" },
      "sparki-storage:minio.namespace must be a DNS label (lowercase letters, digits and '-', at most 63 characters), got \"Sparki_MinIO\""],
    ["a client label without a value separator", "dev", { ...DEV_MINIO, clientNamespaceLabel: "minio-client" },
      'sparki-storage:minio.clientNamespaceLabel must be a label key=value such as storage.sparki.io/minio-client=true, got "minio-client"'],
  ])("%s", async (_case, stack, minio, expected) => {
    const registered: string[] = [];
    const attempt = runWith(stack, { [KEY]: minio }, (r) => registered.push(r.type));
    const error = await attempt.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expected]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("accepts a valid distributed layout other than the profile's (8 servers x 2 drives: one 16-drive set)", () => {
    const loaded = loadConfig("prod", stackConfig("prod", { [KEY]: { ...PROD_MINIO, servers: 8, drivesPerServer: 2 } }));
    const s = adapterSettings(minioAdapter, loaded);
    expect(erasureLayout(s.servers, s.drivesPerServer)).toMatchObject({ mode: "distributed", totalDrives: 16, setSize: 16, sets: 1, parity: 4 });
  });

  it("takes absent fields from the profile and keeps the mirrored registry's tag and digest", () => {
    const image = { registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com" };
    const loaded = loadConfig("dev", stackConfig("dev", { [KEY]: { storageClass: "standard", image } }));
    const s = adapterSettings(minioAdapter, loaded);
    expect(s).toMatchObject({
      servers: 1, drivesPerServer: 1, volumeSizeGiB: 10, storageClass: "standard", ebsKmsStorageClass: false, insecureHttp: false, tlsSecretName: "minio-tls",
    });
    expect(s.image).toEqual({ ...MINIO_SERVER_IMAGE, registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com" });
  });

  it("accepts drives on a named StorageClass, or on the EBS class the stack creates, in either profile", () => {
    const dev = adapterSettings(minioAdapter, loadConfig("dev", stackConfig("dev")));
    expect(dev).toMatchObject({ storageClass: "standard", ebsKmsStorageClass: false });
    const prodOnGp2 = loadConfig("prod", stackConfig("prod", { [KEY]: { ...PROD_MINIO, storageClass: "gp2", ebsCsiRoleArn: undefined } }));
    expect(adapterSettings(minioAdapter, prodOnGp2)).toMatchObject({ storageClass: "gp2", ebsKmsStorageClass: false });
    expect(adapterSettings(minioAdapter, loadConfig("prod", stackConfig("prod")))).toMatchObject({ storageClass: undefined, ebsKmsStorageClass: true });
  });

  it("takes expiry and the audit archive's lock from the S3 side, so changing objectStore changes MinIO too", () => {
    const objectStore = { auditArchive: { expirationDays: 400, retentionDays: 365, noncurrentExpirationDays: 20 }, buildCache: { expirationDays: 2 } };
    const loaded = loadConfig("dev", stackConfig("dev", { "sparki-storage:objectStore": objectStore }));
    const s = adapterSettings(minioAdapter, loaded);
    expect(s.lifecycle.auditArchive).toEqual({ expirationDays: 400, noncurrentExpirationDays: 20 });
    expect(s.lifecycle.buildCache).toEqual({ expirationDays: 2, noncurrentExpirationDays: 1 });
    expect(s.auditObjectLock).toEqual({ mode: "GOVERNANCE", retentionDays: 365 });
  });

  it("still lets MinIO expire the other classes on its own schedule", () => {
    const loaded = loadConfig("prod", stackConfig("prod", { [KEY]: { ...PROD_MINIO, lifecycle: { buildCache: { expirationDays: 7 } } } }));
    const s = adapterSettings(minioAdapter, loaded);
    expect(s.lifecycle.buildCache).toEqual({ expirationDays: 7, noncurrentExpirationDays: 1 });
    expect(s.lifecycle.auditArchive).toEqual({ expirationDays: 2557, noncurrentExpirationDays: 30 });
    expect(s.auditObjectLock).toEqual({ mode: "COMPLIANCE", retentionDays: 2557 });
  });
});
