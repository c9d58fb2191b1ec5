import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MINIO_NAMES, objectLabels, SECRET_KEYS } from "./names";
import { RESTRICTED_NAMESPACE_LABELS } from "./security";

/** The MinIO namespace, with the Restricted Pod Security Standard enforced by the API server. */
export function minioNamespace(name: string, instance: string): k8s.core.v1.NamespaceArgs {
  return { metadata: { name, labels: { ...objectLabels(instance, "server"), ...RESTRICTED_NAMESPACE_LABELS } } };
}

export interface Credentials {
  /** User name or access key (a Pulumi secret). No default. */
  readonly user: pulumi.Input<string>;
  /** Password or secret key (a Pulumi secret). No default. */
  readonly password: pulumi.Input<string>;
}

/**
 * A Secret's `data`: each value base64-encoded and kept a Pulumi secret. `stringData` is not used: the provider
 * applies server-side (the stack's provider sets enableServerSideApply), and the Kubernetes docs warn that "the
 * stringData field for a Secret does not work well with server-side apply"
 * (https://kubernetes.io/docs/tasks/configmap-secret/managing-secret-using-config-file/, checked 2026-11-29). The
 * API server folds stringData into data, so a key dropped from stringData can stay in the stored Secret
 * (kubernetes/kubernetes#108008), and pulumi-kubernetes needed fixes for stringData diffs under server-side apply
 * in 4.0.x (pulumi/pulumi-kubernetes#2507, #2513). No Pulumi document says 4.34.2 handles it; with `data` the
 * applied object is exactly what the program declares.
 */
export function secretData(values: Readonly<Record<string, pulumi.Input<string>>>): Record<string, pulumi.Output<string>> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) =>
    [key, pulumi.secret(pulumi.output(value).apply((plain) => Buffer.from(plain, "utf8").toString("base64")))]));
}

/** Root credentials, read by the servers and the provisioning Job only. */
export function rootCredentialsSecret(instance: string, namespace: string, credentials: Credentials): k8s.core.v1.SecretArgs {
  return {
    metadata: { name: MINIO_NAMES.rootSecret, namespace, labels: objectLabels(instance, "server") },
    type: "Opaque",
    data: secretData({ [SECRET_KEYS.rootUser]: credentials.user, [SECRET_KEYS.rootPassword]: credentials.password }),
  };
}

/** The least-privilege client credentials Sparki's services use (the Secret named in the Fiber outputs). */
export function clientCredentialsSecret(instance: string, namespace: string, credentials: Credentials): k8s.core.v1.SecretArgs {
  return {
    metadata: { name: MINIO_NAMES.clientSecret, namespace, labels: objectLabels(instance, "server") },
    type: "Opaque",
    data: secretData({ [SECRET_KEYS.accessKey]: credentials.user, [SECRET_KEYS.secretKey]: credentials.password }),
  };
}

export interface EbsStorageClassInput {
  /** StorageClass name (cluster-scoped). No default. */
  readonly name: string;
  /** Instance label value (the component name). No default. */
  readonly instance: string;
  /** Customer KMS key that encrypts every MinIO drive. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Keep the EBS volume when its claim is deleted (`Retain`), else `Delete`. No default. */
  readonly retainVolumes: boolean;
}

/** gp3 EBS volumes encrypted with the environment's KMS key, XFS (MinIO's recommended filesystem). */
export function ebsKmsStorageClass(input: EbsStorageClassInput): k8s.storage.v1.StorageClassArgs {
  return {
    metadata: { name: input.name, labels: objectLabels(input.instance, "server") },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", kmsKeyId: input.kmsKeyArn, "csi.storage.k8s.io/fstype": "xfs" },
    reclaimPolicy: input.retainVolumes ? "Retain" : "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}
