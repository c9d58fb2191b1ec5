import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { prometheusRule } from "../kubernetes/alert-rules";
import { S3Backup } from "../kubernetes/backup";
import { imageReference } from "../kubernetes/image";
import { opaqueSecret } from "../kubernetes/secrets";
import { workloadFoundation } from "../kubernetes/workload";
import { type EtcdClusterArgs, resolveEtcdArgs } from "./args";
import { RUN_AS } from "./defaults";
import { etcdAlertRules } from "./alerts";
import { defragCronJob, snapshotDump } from "./maintenance";
import { APP_USER, clientEndpoint, type EtcdAddress, ETCD_NAMES, memberClientUrls, objectLabels, SECRET_KEYS, tlsDnsNames } from "./names";
import { authJob } from "./provisioning";
import { clientService, memberDisruptionBudget, memberIngressPolicy, memberPodMonitor, memberStatefulSet, peerService } from "./workload";

export { type EtcdClusterArgs, ETCD_DEFAULTS, KEY_PREFIX, resolveEtcdArgs, RUN_AS } from "./args";
export { ETCD_METRICS, etcdAlertRules } from "./alerts";
export { clientImageShellProblem, ETCD_CLIENT_IMAGE, ETCD_IMAGE, SHELL_LESS_ETCD_REPOSITORIES } from "./image";
export { defragCronJob, SNAPSHOT_FILE, snapshotDump } from "./maintenance";
export { APP_ROLE, APP_USER, clientEndpoint, ETCD_NAMES, initialCluster, memberClientUrls, memberHosts, PORTS, SECRET_KEYS, tlsDnsNames } from "./names";
export { AUTH_SCRIPT, authJob, authJobHash, authJobName } from "./provisioning";
export * from "./sizing";
export { memberStatefulSet, serverArgs, TLS_DIR } from "./workload";

const GIB = 1024 ** 3;

/**
 * A separate etcd cluster for Sparki's Fiber `storage/etcd` adapter on an existing Kubernetes cluster (never the
 * cluster's own etcd; the providers come through `opts.providers`): a restricted namespace, a StatefulSet of 1..7
 * members bootstrapped statically over the headless Service's stable names, TLS with client-certificate
 * authentication for clients and peers, authentication on (root plus an application user whose role is limited
 * to one key prefix, both with generated passwords in Secrets, turned on by an idempotent Job), the backend quota
 * sized from the volume with hourly compaction and a daily member-by-member defragmentation, a
 * PodDisruptionBudget of the quorum's tolerance, a NetworkPolicy, a PodMonitor and a PrometheusRule, and with
 * `backup` scheduled snapshots to the stack's S3 bucket.
 */
export class EtcdCluster extends pulumi.ComponentResource {
  /** In-cluster client endpoint (the client Service), https. */
  readonly endpoint: string;
  /** Every member's own client URL (`https://etcd-<i>.etcd-peers.<ns>.svc.<domain>:2379`), in order. */
  readonly memberEndpoints: readonly string[];
  readonly namespace: string;
  readonly members: number;
  /** Secret (in `namespace`) with the application's `username` and `password`. */
  readonly appSecretName: string;
  readonly keyPrefix: string;
  readonly quotaBackendBytes: number;
  /** Secret the certificate is issued into, and the names it must cover. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  /** Policy to attach to the EBS CSI driver's role (`ebsEncryption` only). */
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;
  /** The scheduled snapshots (`backup` only). */
  readonly backup?: S3Backup;

  constructor(name: string, args: EtcdClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveEtcdArgs(name, args);
    super("sparki:etcd:EtcdCluster", name, {}, opts);
    const address: EtcdAddress = { namespace: a.namespace, clusterDomain: a.clusterDomain };
    const protect = a.protect;
    const labels = objectLabels(name, "server");

    const foundation = workloadFoundation(this, name, a, labels, "ext4");
    const inNamespace = { parent: this, dependsOn: [foundation.namespace] };

    const password = (suffix: string) => new random.RandomPassword(`${name}-${suffix}`, { length: 40, special: false }, { parent: this, protect });
    const rootSecret = new k8s.core.v1.Secret(`${name}-root-credentials`, opaqueSecret({
      name: ETCD_NAMES.rootSecret, namespace: a.namespace, labels,
      values: { [SECRET_KEYS.username]: "root", [SECRET_KEYS.password]: password("root-password").result },
    }), { ...inNamespace, protect });
    const appPassword = password("app-password").result;
    const appSecret = new k8s.core.v1.Secret(`${name}-app-credentials`, opaqueSecret({
      name: ETCD_NAMES.appSecret, namespace: a.namespace, labels,
      values: { [SECRET_KEYS.username]: APP_USER, [SECRET_KEYS.password]: appPassword },
    }), { ...inNamespace, protect });

    const peers = new k8s.core.v1.Service(`${name}-peers`, peerService(name, address), inNamespace);
    const client = new k8s.core.v1.Service(`${name}-client`, clientService(name, address), inNamespace);
    const ingress = new k8s.networking.v1.NetworkPolicy(`${name}-ingress`, memberIngressPolicy({
      instance: name, namespace: a.namespace, clientNamespaceLabel: a.clientNamespaceLabel, monitoringNamespace: a.monitoringNamespace,
    }), inNamespace);
    if (a.members > 1) {
      new k8s.policy.v1.PodDisruptionBudget(`${name}-disruption-budget`, memberDisruptionBudget(name, a.namespace, a.members), inNamespace);
    }

    const image = imageReference(a.image);
    this.quotaBackendBytes = a.quotaBackendGiB * GIB;
    this.statefulSet = new k8s.apps.v1.StatefulSet(`${name}-members`, memberStatefulSet({
      instance: name, address, members: a.members, image, volumeSizeGiB: a.volumeSizeGiB, storageClassName: foundation.storageClassName,
      quotaBackendBytes: this.quotaBackendBytes, cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB,
      tlsSecretName: a.tlsSecretName, retainVolumes: protect,
    }), {
      parent: this, protect, dependsOn: [foundation.namespace, peers, ...(foundation.storageClass ? [foundation.storageClass] : [])],
      // Another member count is another cluster: every member is bootstrapped with `--initial-cluster-state=new`
      // and the current count, which a member with a data directory ignores, so an in-place change splits the
      // cluster (1 -> 3) or loses its quorum (3 -> 1). Replacing it is visible in the preview and refused while it
      // is protected (prod); unprotected (dev) the claims go with it (`whenDeleted: Delete`) and a new, empty
      // cluster starts. The name is fixed, so the old one must go first.
      replaceOnChanges: ["spec.replicas"],
      deleteBeforeReplace: true,
    });

    this.endpoint = clientEndpoint(address);
    this.memberEndpoints = memberClientUrls(address, a.members);
    new k8s.batch.v1.Job(`${name}-auth`, authJob({
      instance: name, namespace: a.namespace, endpoint: this.endpoint, members: a.members, image: imageReference(a.clientImage), keyPrefix: a.keyPrefix,
      tlsSecretName: a.tlsSecretName,
    }, appPassword), { parent: this, dependsOn: [this.statefulSet, rootSecret, appSecret, client, ingress] });

    new k8s.batch.v1.CronJob(`${name}-defrag`, defragCronJob({
      instance: name, namespace: a.namespace, image, memberUrls: this.memberEndpoints, schedule: a.defragSchedule, tlsSecretName: a.tlsSecretName,
    }), { parent: this, dependsOn: [rootSecret, ingress] });

    this.backup = a.backup === undefined ? undefined : new S3Backup(`${name}-backup`, {
      namespace: a.namespace, name: ETCD_NAMES.backupCronJob, labels: objectLabels(name, "backup"),
      schedule: a.backup.schedule, intervalSeconds: a.backup.intervalSeconds, target: a.backup.target, oidcProviderArn: a.backup.oidcProviderArn,
      dump: snapshotDump(image, this.endpoint, a.tlsSecretName), runAs: RUN_AS,
      // A snapshot is at most the backend quota: scratch on the members' (encrypted) class, the quota plus a GiB.
      scratch: { storageClassName: foundation.scratchStorageClassName, sizeGiB: a.quotaBackendGiB + 1 },
    }, { parent: this, dependsOn: [foundation.namespace, rootSecret] });

    new k8s.apiextensions.CustomResource(`${name}-pod-monitor`, memberPodMonitor(name, a.namespace, a.prometheusRelease), inNamespace);
    new k8s.apiextensions.CustomResource(`${name}-alerts`, prometheusRule({
      name: ETCD_NAMES.prometheusRule, namespace: a.namespace, labels, prometheusRelease: a.prometheusRelease, group: "etcd",
      rules: [...etcdAlertRules(a.namespace), ...(this.backup?.alertRules ?? [])],
    }), inNamespace);

    this.namespace = a.namespace;
    this.members = a.members;
    this.appSecretName = ETCD_NAMES.appSecret;
    this.keyPrefix = a.keyPrefix;
    this.tlsSecretName = a.tlsSecretName;
    this.tlsDnsNames = tlsDnsNames(address);
    this.ebsCsiKmsPolicy = foundation.ebsCsiKmsPolicy;
    this.registerOutputs({
      endpoint: this.endpoint, memberEndpoints: this.memberEndpoints, namespace: this.namespace, members: this.members, appSecretName: this.appSecretName, keyPrefix: this.keyPrefix,
      quotaBackendBytes: this.quotaBackendBytes, tlsSecretName: this.tlsSecretName, tlsDnsNames: this.tlsDnsNames, ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy?.arn,
    });
  }
}
