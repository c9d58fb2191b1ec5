import { createHash } from "node:crypto";
import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { prometheusRule } from "../kubernetes/alert-rules";
import { S3Backup } from "../kubernetes/backup";
import { imageReference } from "../kubernetes/image";
import { opaqueSecret } from "../kubernetes/secrets";
import { workloadFoundation } from "../kubernetes/workload";
import { type NatsClusterArgs, resolveNatsArgs } from "./args";
import { type KvBucketSpec, kvBucketSpec, renderServerConfig } from "./config";
import { natsAlertRules, podMonitor } from "./monitoring";
import {
  CONFIG_KEY, CREDENTIAL_KEYS, clientUrl, inboxPrefix, NATS_NAMES, NATS_USER_ROLES, NATS_USERS, type NatsAddress, type NatsUserRole, objectLabels, tlsDnsNames,
} from "./names";
import { backupDump, backupLabels, bucketJob } from "./provisioning";
import { clientService, headlessService, natsIngressPolicy, serverDisruptionBudget } from "./services";
import { NATS_RUN_AS, serverStatefulSet } from "./statefulset";

export type { NatsClusterArgs } from "./args";
export { FIBER_DEFAULT_BUCKET, KV_BUCKET_NAME, NATS_DEFAULTS, resolveNatsArgs } from "./args";
export {
  defaultMaxFileStoreGiB, expectedRoutes, type KvBucketSpec, kvBucketSpec, maxFileStoreBytes, renderServerConfig, serverConfig, userPermissions,
} from "./config";
export { NATS_BOX_IMAGE, NATS_EXPORTER_IMAGE, NATS_SERVER_IMAGE } from "./image";
export { natsAlertRules } from "./monitoring";
export { clientUrl, inboxPrefix, NATS_NAMES, NATS_PORTS, NATS_USERS, tlsDnsNames } from "./names";
export { backupDump, bucketScript, cliPrefix } from "./provisioning";
export { HEALTH_PATHS, NATS_RUN_AS } from "./statefulset";
export { bucketReplicas, nodesProblem } from "./topology";

/**
 * NATS with JetStream on an existing Kubernetes cluster (the provider comes through `opts.providers`) for the Fiber
 * `storage/nats` adapter: a restricted namespace, the volumes' encrypted StorageClass (with `ebsEncryption`), one
 * server per pod of a StatefulSet (1, or a 3+ member cluster with mutual-TLS routes over the headless Service's pod
 * names), TLS-only clients with generated passwords (bcrypt-hashed in the server configuration, which is a Secret),
 * the KV bucket created by a Job, the prometheus-nats-exporter sidecar with its PodMonitor and alert rules, a
 * PodDisruptionBudget that keeps a quorum, default-deny NetworkPolicy, and with `backup` a daily `nats stream backup`
 * to the stack's S3 bucket.
 */
export class NatsCluster extends pulumi.ComponentResource {
  /** What `Config.URLs` of the Fiber adapter takes (`tls://…:4222`). */
  readonly url: string;
  readonly namespace: string;
  /** Secret (in `namespace`) with the Fiber user's `user` and `password`. */
  readonly clientSecretName: string;
  /** The Fiber user's inbox prefix: the app must connect with `nats.CustomInboxPrefix(clientInboxPrefix)`. */
  readonly clientInboxPrefix: string;
  /** Secret (in `namespace`) with the `restore` user's credentials, for an operator's `nats stream restore`. */
  readonly restoreSecretName: string;
  /** The bucket as the adapter's `KeyValueConfig` names it. */
  readonly bucket: KvBucketSpec;
  /** Secret (in `namespace`) the certificate must be issued into; its `ca.crt` verifies the servers. */
  readonly tlsSecretName: string;
  /** DNS names the certificate must cover (client Service, every pod for the routes). */
  readonly tlsDnsNames: readonly string[];
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  /** Policy to attach to the EBS CSI driver's role (`ebsEncryption` only). */
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;

  constructor(name: string, args: NatsClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveNatsArgs(name, args);
    super("sparki:nats:NatsCluster", name, {}, opts);
    const protect = a.protect;
    const address: NatsAddress = { namespace: a.namespace, clusterDomain: a.clusterDomain };
    const labels = objectLabels(name, "server");
    const foundation = workloadFoundation(this, name, a, labels, "ext4");
    const inNamespace = { parent: this, dependsOn: [foundation.namespace] };
    const spec = kvBucketSpec(a.bucket, a.nodes);

    // One generated password per user; the random provider keeps its bcrypt hash, which the server configuration holds.
    const passwords = Object.fromEntries(NATS_USER_ROLES.map((role) => [role,
      new random.RandomPassword(`${name}-${role}-password`, { length: 40, special: false }, { parent: this, protect })])) as Record<NatsUserRole, random.RandomPassword>;
    const credentialSecrets = NATS_USER_ROLES.map((role) => new k8s.core.v1.Secret(`${name}-${role}-credentials`, opaqueSecret({
      name: NATS_USERS[role].secret, namespace: a.namespace, labels,
      values: { [CREDENTIAL_KEYS.user]: NATS_USERS[role].name, [CREDENTIAL_KEYS.password]: passwords[role].result },
    }), { ...inNamespace, protect }));

    const configText = pulumi.all(NATS_USER_ROLES.map((role) => passwords[role].bcryptHash)).apply((hashes) => renderServerConfig({
      address, nodes: a.nodes, volumeSizeGiB: a.expandedVolumeSizeGiB, maxFileStoreGiB: a.jetStreamMaxFileStoreGiB, memoryMiB: a.memoryMiB, bucket: a.bucket,
      passwordHashes: Object.fromEntries(NATS_USER_ROLES.map((role, i) => [role, hashes[i]])) as Record<NatsUserRole, string>,
    }));
    const config = new k8s.core.v1.Secret(`${name}-config`, opaqueSecret({
      name: NATS_NAMES.configSecret, namespace: a.namespace, labels, values: { [CONFIG_KEY]: configText },
    }), inNamespace);
    // A digest of the configuration rolls the pods when it changes; it reveals nothing of the hashes it covers.
    const configHash = pulumi.unsecret(configText.apply((text) => createHash("sha256").update(text).digest("hex").slice(0, 16)));

    const headless = new k8s.core.v1.Service(`${name}-headless`, headlessService(name, a.namespace), inNamespace);
    const client = new k8s.core.v1.Service(`${name}-client`, clientService(name, a.namespace), inNamespace);
    const ingress = new k8s.networking.v1.NetworkPolicy(`${name}-ingress`, natsIngressPolicy({
      instance: name, namespace: a.namespace, clientNamespaceLabel: a.clientNamespaceLabel, monitoringNamespace: a.monitoringNamespace,
    }), inNamespace);

    this.statefulSet = new k8s.apps.v1.StatefulSet(`${name}-servers`, serverStatefulSet({
      instance: name, address, nodes: a.nodes, image: imageReference(a.image), exporterImage: imageReference(a.exporterImage),
      volumeSizeGiB: a.volumeSizeGiB, storageClassName: foundation.storageClassName,
      resources: { cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB },
      tlsSecretName: a.tlsSecretName, retainVolumes: protect, configHash,
    }), { parent: this, protect, dependsOn: [foundation.namespace, config, headless, ...(foundation.storageClass ? [foundation.storageClass] : [])] });

    if (a.nodes > 1) {
      new k8s.policy.v1.PodDisruptionBudget(`${name}-disruption-budget`, serverDisruptionBudget(name, a.namespace, a.nodes), inNamespace);
    }

    new k8s.batch.v1.Job(`${name}-bucket`, bucketJob({
      instance: name, address, spec, image: imageReference(a.boxImage), tlsSecretName: a.tlsSecretName,
    }), { parent: this, dependsOn: [this.statefulSet, client, ingress, ...credentialSecrets] });

    new k8s.apiextensions.CustomResource(`${name}-pod-monitor`, podMonitor(name, a.namespace, a.prometheusRelease), inNamespace);

    const backup = a.backup === undefined ? undefined : new S3Backup(`${name}-backup`, {
      namespace: a.namespace, name: NATS_NAMES.backup, labels: backupLabels(name),
      schedule: a.backup.schedule, intervalSeconds: a.backup.intervalSeconds, target: a.backup.target, oidcProviderArn: a.backup.oidcProviderArn,
      dump: backupDump(address, spec, imageReference(a.boxImage), a.tlsSecretName), runAs: NATS_RUN_AS,
      // The KV stream's snapshot can be as large as JetStream's store: scratch on the workload's class, that size.
      scratch: { storageClassName: foundation.scratchStorageClassName, sizeGiB: a.volumeSizeGiB },
    }, inNamespace);

    new k8s.apiextensions.CustomResource(`${name}-rules`, prometheusRule({
      name: NATS_NAMES.prometheusRule, namespace: a.namespace, labels, prometheusRelease: a.prometheusRelease, group: "nats",
      rules: [...natsAlertRules({ namespace: a.namespace, nodes: a.nodes, stream: spec.stream, replicas: spec.replicas }), ...(backup?.alertRules ?? [])],
    }), inNamespace);

    this.url = clientUrl(address);
    this.namespace = a.namespace;
    this.clientSecretName = NATS_NAMES.clientSecret;
    this.clientInboxPrefix = inboxPrefix("client");
    this.restoreSecretName = NATS_NAMES.restoreSecret;
    this.bucket = spec;
    this.tlsSecretName = a.tlsSecretName;
    this.tlsDnsNames = tlsDnsNames(address);
    this.ebsCsiKmsPolicy = foundation.ebsCsiKmsPolicy;
    this.registerOutputs({
      url: this.url, namespace: this.namespace, clientSecretName: this.clientSecretName, clientInboxPrefix: this.clientInboxPrefix,
      restoreSecretName: this.restoreSecretName, bucket: this.bucket,
      tlsSecretName: this.tlsSecretName, tlsDnsNames: this.tlsDnsNames, ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy?.arn,
    });
  }
}
