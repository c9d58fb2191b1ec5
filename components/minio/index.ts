import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { type MinioClusterArgs, resolveMinioArgs } from "./args";
import { ebsKmsPolicyDocument } from "../common/ebs";
import { clientCredentialsSecret, minioNamespace, minioStorageClass, rootCredentialsSecret } from "./foundation";
import { imageReference } from "./image";
import { type ClusterAddress, endpointUrl, MINIO_NAMES, tlsDnsNames } from "./names";
import { apiIngressPolicy, serverDisruptionBudget } from "./policies";
import { provisioningConfigMap, provisioningData, provisioningHash, provisioningJob } from "./provisioning";
import { clientService, headlessService } from "./services";
import { serverStatefulSet } from "./statefulset";
import type { ErasureLayout } from "./topology";

export type { MinioClusterArgs } from "./args";
export { DEFAULT_TLS_SECRET_NAME, MINIO_DEFAULTS, resolveMinioArgs } from "./args";
export {
  type MinioBucket, type MinioObjectLock, type MinioObjectLockMode, clientPolicyDocument, lifecycleConfiguration, CLIENT_POLICY_NAME,
  OBJECT_LOCK_MODES,
} from "./buckets";
export { type EbsEncryption } from "./ebs-encryption";
export { type ContainerImage, IMAGE_PATTERNS, imageReference, MINIO_CLIENT_IMAGE, MINIO_SERVER_IMAGE } from "./image";
export { API_PORT, endpointUrl, MINIO_NAMES, SECRET_KEYS, tlsDnsNames } from "./names";
export { type NamespaceLabel } from "./policies";
export { PROVISION_SCRIPT, provisioningData } from "./provisioning";
export { RUN_AS } from "./security";
export { serverStatefulSet } from "./statefulset";
export {
  defaultParity, type ErasureLayout, erasureLayout, erasureSetSize, MAX_DRIVES_PER_SERVER, MAX_SERVERS, serverPool,
  topologyProblem,
} from "./topology";

/**
 * MinIO on an existing Kubernetes cluster (the provider comes through `opts.providers`): a restricted namespace,
 * generated root and client credentials, headless and client Services, the server StatefulSet (single server or
 * a distributed erasure-coded pool) serving HTTPS unless told otherwise, PodDisruptionBudget, NetworkPolicy,
 * and a Job that declares the buckets (with Object Lock where asked), their ILM expiry rules and the
 * least-privilege client user. With `ebsEncryption` also a KMS-encrypted StorageClass and the IAM policy the
 * EBS CSI driver's role needs for that key (the AWS provider also comes through `opts.providers`).
 */
export class MinioCluster extends pulumi.ComponentResource {
  /** In-cluster S3 endpoint (client Service). */
  readonly endpoint: string;
  readonly namespace: string;
  /** Secret (in `namespace`) with the client's `accessKey` and `secretKey`. */
  readonly clientSecretName: string;
  readonly bucketNames: readonly string[];
  readonly layout: ErasureLayout;
  /** Whether the servers speak HTTPS (false only with `insecureHttp`). */
  readonly tls: boolean;
  /** Secret (in `namespace`) the certificate must be issued into; undefined for plain HTTP. */
  readonly tlsSecretName?: string;
  /** DNS names a TLS certificate for the servers must cover. */
  readonly tlsDnsNames: readonly string[];
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  /** Policy to attach to the EBS CSI driver's role (`ebsEncryption` only): lets it use the drives' KMS key. */
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;

  constructor(name: string, args: MinioClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveMinioArgs(name, args);
    super("sparki:minio:MinioCluster", name, {}, opts);
    const address: ClusterAddress = { namespace: a.namespace, clusterDomain: a.clusterDomain, tls: !a.insecureHttp };
    const protect = a.protect;

    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, minioNamespace(a.namespace, name), { parent: this, protect });
    const inNamespace = { parent: this, dependsOn: [namespace] };

    const rootUser = new random.RandomString(`${name}-root-user`, { length: 20, special: false, upper: false }, { parent: this, protect });
    const rootPassword = new random.RandomPassword(`${name}-root-password`, { length: 40, special: false }, { parent: this, protect });
    const rootSecret = new k8s.core.v1.Secret(`${name}-root-credentials`,
      rootCredentialsSecret(name, a.namespace, { user: rootUser.result, password: rootPassword.result }), inNamespace);
    const accessKey = new random.RandomString(`${name}-client-access-key`, { length: 20, special: false, lower: false }, { parent: this });
    const secretKey = new random.RandomPassword(`${name}-client-secret-key`, { length: 40, special: false }, { parent: this });
    const clientSecret = new k8s.core.v1.Secret(`${name}-client-credentials`,
      clientCredentialsSecret(name, a.namespace, { user: accessKey.result, password: secretKey.result }), inNamespace);

    const ebs = a.ebsEncryption;
    const storageClass = ebs === undefined ? undefined : new k8s.storage.v1.StorageClass(`${name}-storage-class`,
      minioStorageClass(`${a.namespace}-ebs-kms`, name, ebs.kmsKeyArn, protect),
      { parent: this, protect });
    // A policy this stack owns, for the cluster's owners to attach to the driver's role (a role this stack does not manage).
    this.ebsCsiKmsPolicy = ebs === undefined ? undefined : new aws.iam.Policy(`${name}-ebs-csi-kms`, {
      name: `${name}-ebs-csi-kms`,
      description: "Lets the EBS CSI driver create and attach MinIO's volumes encrypted with this KMS key, through EC2 only",
      policy: pulumi.output(ebs.kmsKeyArn).apply((keyArn) => JSON.stringify(ebsKmsPolicyDocument(keyArn, ebs.region))),
    }, { parent: this });

    const headless = new k8s.core.v1.Service(`${name}-headless`, headlessService(name, address), inNamespace);
    const client = new k8s.core.v1.Service(`${name}-client`, clientService(name, address), inNamespace);
    const ingress = new k8s.networking.v1.NetworkPolicy(`${name}-api-ingress`, apiIngressPolicy({
      instance: name, namespace: a.namespace, clientNamespaceLabel: a.clientNamespaceLabel, monitoringNamespace: a.monitoringNamespace,
    }), inNamespace);

    this.statefulSet = new k8s.apps.v1.StatefulSet(`${name}-servers`, serverStatefulSet({
      instance: name,
      address,
      layout: a.layout,
      image: imageReference(a.image),
      volumeSizeGiB: a.volumeSizeGiB,
      storageClassName: a.storageClassName ?? (storageClass ? `${a.namespace}-ebs-kms` : undefined),
      resources: { cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB },
      tlsSecretName: a.tlsSecretName,
      retainVolumes: protect,
    }), { parent: this, protect, dependsOn: [namespace, rootSecret, headless, ...(storageClass ? [storageClass] : [])] });

    if (a.layout.servers > 1) {
      new k8s.policy.v1.PodDisruptionBudget(`${name}-disruption-budget`, serverDisruptionBudget(name, a.namespace), inNamespace);
    }

    const data = provisioningData(a.buckets);
    const clientImage = imageReference(a.clientImage);
    const config = new k8s.core.v1.ConfigMap(`${name}-provisioning`, provisioningConfigMap(name, a.namespace, data), inNamespace);
    new k8s.batch.v1.Job(`${name}-provision`, provisioningJob({
      instance: name, address, image: clientImage, hash: provisioningHash(data, clientImage, address), tlsSecretName: a.tlsSecretName,
    }), { parent: this, dependsOn: [this.statefulSet, config, clientSecret, client, ingress] });

    this.endpoint = endpointUrl(address);
    this.namespace = a.namespace;
    this.clientSecretName = MINIO_NAMES.clientSecret;
    this.bucketNames = a.buckets.map((b) => b.name);
    this.layout = a.layout;
    this.tls = address.tls;
    this.tlsSecretName = a.tlsSecretName;
    this.tlsDnsNames = tlsDnsNames(address);
    this.registerOutputs({
      endpoint: this.endpoint, namespace: this.namespace, clientSecretName: this.clientSecretName, bucketNames: this.bucketNames,
      layout: this.layout, tls: this.tls, tlsSecretName: this.tlsSecretName, tlsDnsNames: this.tlsDnsNames,
      ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy?.arn,
    });
  }
}
