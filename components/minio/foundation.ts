import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { MINIO_NAMES, objectLabels, SECRET_KEYS } from "./names";
import { ebsKmsStorageClass } from "../kubernetes/ebs-encryption";
import { secretData } from "../kubernetes/secrets";
import { restrictedNamespace } from "../kubernetes/security";

/** The MinIO namespace, with the Restricted Pod Security Standard enforced by the API server. */
export function minioNamespace(name: string, instance: string): k8s.core.v1.NamespaceArgs {
  return restrictedNamespace(name, objectLabels(instance, "server"));
}

export interface Credentials {
  /** User name or access key (a Pulumi secret). No default. */
  readonly user: pulumi.Input<string>;
  /** Password or secret key (a Pulumi secret). No default. */
  readonly password: pulumi.Input<string>;
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

/** gp3 EBS volumes encrypted with the environment's KMS key, XFS (MinIO's recommended filesystem). */
export function minioStorageClass(name: string, instance: string, kmsKeyArn: pulumi.Input<string>, retainVolumes: boolean): k8s.storage.v1.StorageClassArgs {
  return ebsKmsStorageClass({ name, labels: objectLabels(instance, "server"), kmsKeyArn, retainVolumes, fsType: "xfs" });
}
