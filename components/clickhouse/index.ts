import { createHash } from "node:crypto";
import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { prometheusRule } from "../kubernetes/alert-rules";
import { S3Backup } from "../kubernetes/backup";
import { imageReference } from "../kubernetes/image";
import { objectLabels, selectorLabels } from "../kubernetes/labels";
import { ingressPolicy } from "../kubernetes/network-policy";
import { opaqueSecret } from "../kubernetes/secrets";
import { workloadFoundation } from "../kubernetes/workload";
import { ADMIN_USERNAME, type ClickHouseArgs, resolveClickHouseArgs } from "./args";
import { clickHouseAlertRules } from "./alerts";
import { RUN_AS } from "./image";
import { installationArgs, keeperArgs } from "./installation";
import { adminPasswordEnv, caMount, caVolume, dumpScript, schemaJob } from "./jobs";
import { CLICKHOUSE_NAMES, clientHost, CREDENTIAL_KEYS, type FiberSchema, OPERATOR_LABELS, PORTS, type ServerAddress, tlsDnsNames } from "./names";

export { ADMIN_USERNAME, CLICKHOUSE_DEFAULTS, type ClickHouseArgs, FIBER_DEFAULTS, KEEPER_SIZES, MAX_REPLICAS, RESERVED_USERS, resolveClickHouseArgs } from "./args";
export { clickHouseAlertRules, LATENCY_RULE_OMITTED } from "./alerts";
export { CLICKHOUSE_KEEPER_IMAGE, CLICKHOUSE_SERVER_IMAGE, RUN_AS } from "./image";
export { adminGrants, APP_PROFILE, appGrant, appProfile, CHI_API_VERSION, CHK_API_VERSION, installationArgs, keeperArgs, keeperPodSpec, namespaceDomainPattern, serverPodSpec, tlsConfigXml } from "./installation";
export { dumpScript, restoreCommands, schemaJob, schemaScript } from "./jobs";
export { CLICKHOUSE_NAMES, clientHost, CREDENTIAL_KEYS, FIBER_TABLE_ENGINE, type FiberSchema, fiberSchemaSql, OPERATOR_LABELS, PORTS, tlsDnsNames } from "./names";

/** SHA-256 hex of a password, as ClickHouse's `password_sha256_hex` wants it. */
export const sha256Hex = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");

/**
 * ClickHouse on an existing Kubernetes cluster, run by the Altinity clickhouse-operator (a prerequisite: this
 * component installs no operator and no CRD), for the Fiber `storage/clickhouse` adapter: a ClickHouseKeeperInstallation
 * (Raft coordination) and a ClickHouseInstallation of one shard with `replicas` replicas on encrypted volumes, TLS
 * ports for clients and replication, generated passwords kept in Secrets (the server reads only their hashes), the
 * Fiber database and ReplicatedReplacingMergeTree table created by a Job (the application user reading with FINAL), default-deny ingress, a PrometheusRule and (with
 * `backup`) a daily logical dump uploaded to S3. The operator creates the StatefulSets, Services and
 * PodDisruptionBudgets from the two custom resources (one PDB per cluster, pdbMaxUnavailable default 1).
 */
export class ClickHouse extends pulumi.ComponentResource {
  /** What the Fiber adapter's `Host` takes: the operator's installation Service. */
  readonly host: string;
  /** What its `Port` takes: the native protocol over TLS. */
  readonly port: number;
  /** Kubernetes namespace of the servers and the Secrets. */
  readonly namespace: string;
  readonly fiber: FiberSchema;
  /** Secret (in `namespace`) with the application user's `username` and `password` (never the values). */
  readonly appSecretName: string;
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  readonly installation: k8s.apiextensions.CustomResource;
  readonly keeper: k8s.apiextensions.CustomResource;
  readonly backup?: S3Backup;
  /** Policy to attach to the EBS CSI driver's role (`ebsEncryption` only). */
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;

  constructor(name: string, args: ClickHouseArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveClickHouseArgs(name, args);
    super("sparki:clickhouse:ClickHouse", name, {}, opts);
    const protect = a.protect;
    const labels = objectLabels("clickhouse", name, "server");
    const keeperLabels = objectLabels("clickhouse", name, "keeper");
    const jobLabels = objectLabels("clickhouse", name, "job");
    const jobSelector = selectorLabels("clickhouse", name, "job");
    const address: ServerAddress = { namespace: a.namespace, clusterDomain: a.clusterDomain };

    const foundation = workloadFoundation(this, name, a, labels, "ext4");
    const inNamespace = { parent: this, dependsOn: [foundation.namespace] };

    const password = (suffix: string) => new random.RandomPassword(`${name}-${suffix}`, { length: 40, special: false }, { parent: this, protect });
    const appPassword = password("app-password");
    const adminPassword = password("admin-password");
    const defaultPassword = password("default-password");
    const appSecret = new k8s.core.v1.Secret(`${name}-app-credentials`, opaqueSecret({
      name: CLICKHOUSE_NAMES.appSecret, namespace: a.namespace, labels,
      values: {
        [CREDENTIAL_KEYS.username]: a.appUsername,
        [CREDENTIAL_KEYS.password]: appPassword.result,
        [CREDENTIAL_KEYS.passwordSha256]: appPassword.result.apply(sha256Hex),
      },
    }), { ...inNamespace, protect });
    const adminSecret = new k8s.core.v1.Secret(`${name}-admin-credentials`, opaqueSecret({
      name: CLICKHOUSE_NAMES.adminSecret, namespace: a.namespace, labels,
      values: {
        [CREDENTIAL_KEYS.username]: ADMIN_USERNAME,
        [CREDENTIAL_KEYS.password]: adminPassword.result,
        [CREDENTIAL_KEYS.passwordSha256]: adminPassword.result.apply(sha256Hex),
        [CREDENTIAL_KEYS.defaultPassword]: defaultPassword.result,
      },
    }), { ...inNamespace, protect });

    const servers = { [OPERATOR_LABELS.installation]: CLICKHOUSE_NAMES.installation };
    const keepers = { [OPERATOR_LABELS.keeper]: CLICKHOUSE_NAMES.keeper };
    const operatorNamespace = { namespaceName: a.operatorNamespace };
    new k8s.networking.v1.NetworkPolicy(`${name}-ingress`, ingressPolicy({
      name: CLICKHOUSE_NAMES.networkPolicy, namespace: a.namespace, labels, podSelector: servers,
      flows: [
        // Applications: the TLS ports only.
        { from: [{ namespaceLabel: a.clientNamespaceLabel }], ports: [PORTS.nativeTls, PORTS.https] },
        // Replicas among themselves: distributed DDL over native TLS, replication over interserver HTTPS.
        { from: [{ podLabels: servers }], ports: [PORTS.nativeTls, PORTS.interserverHttps] },
        // The schema Job and the backup dump.
        { from: [{ podLabels: jobSelector }], ports: [PORTS.nativeTls] },
        // The operator reads metrics and maintains schema over HTTP(S) (its `access.scheme: auto`, port 8123 by default).
        { from: [operatorNamespace], ports: [PORTS.http, PORTS.https] },
      ],
    }), inNamespace);
    new k8s.networking.v1.NetworkPolicy(`${name}-keeper-ingress`, ingressPolicy({
      name: CLICKHOUSE_NAMES.keeperNetworkPolicy, namespace: a.namespace, labels: keeperLabels, podSelector: keepers,
      flows: [
        { from: [{ podLabels: servers }], ports: [PORTS.keeperClient] },
        { from: [{ podLabels: keepers }], ports: [PORTS.keeperClient, PORTS.keeperRaft] },
        { from: [operatorNamespace], ports: [PORTS.keeperClient] },
        { from: [{ namespaceName: a.monitoringNamespace }], ports: [PORTS.keeperMetrics] },
      ],
    }), inNamespace);

    const dependsOnClass = foundation.storageClass ? [foundation.storageClass] : [];
    this.keeper = new k8s.apiextensions.CustomResource(`${name}-keeper`, keeperArgs({
      namespace: a.namespace, clusterDomain: a.clusterDomain, labels: keeperLabels, replicas: a.keeperReplicas, image: imageReference(a.keeperImage), memoryMiB: a.keeperMemoryMiB,
      storageClassName: foundation.storageClassName, volumeSizeGiB: a.keeperVolumeSizeGiB, retainVolumes: protect,
    }), { parent: this, protect, dependsOn: [foundation.namespace, ...dependsOnClass] });

    this.installation = new k8s.apiextensions.CustomResource(`${name}-installation`, installationArgs({
      namespace: a.namespace, labels, address, replicas: a.replicas,
      pod: { image: imageReference(a.image), labels, cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB },
      storageClassName: foundation.storageClassName, volumeSizeGiB: a.volumeSizeGiB, tlsSecretName: a.tlsSecretName, retainVolumes: protect,
      fiber: a.fiber, appUsername: a.appUsername, clientCidrs: a.clientCidrs,
    }), { parent: this, protect, dependsOn: [foundation.namespace, appSecret, adminSecret, this.keeper, ...dependsOnClass] });

    new k8s.batch.v1.Job(`${name}-schema`, schemaJob({
      namespace: a.namespace, labels: jobLabels, image: imageReference(a.image), address, fiber: a.fiber, tlsSecretName: a.tlsSecretName,
    }), { parent: this, dependsOn: [this.installation, adminSecret], customTimeouts: { create: "30m", update: "30m" } });

    this.backup = a.backup === undefined ? undefined : new S3Backup(`${name}-backup`, {
      namespace: a.namespace,
      name: CLICKHOUSE_NAMES.backup,
      labels: jobLabels,
      schedule: a.backup.schedule,
      intervalSeconds: a.backup.intervalSeconds,
      target: a.backup.target,
      oidcProviderArn: a.backup.oidcProviderArn,
      runAs: RUN_AS,
      // The dump of the Fiber table is at most the replica's data: scratch on the workload's class, that size.
      scratch: { storageClassName: foundation.scratchStorageClassName, sizeGiB: a.volumeSizeGiB },
      dump: {
        image: imageReference(a.image),
        command: ["/bin/bash", "-c", dumpScript(address, a.fiber)],
        env: [adminPasswordEnv()],
        volumes: [caVolume(a.tlsSecretName)],
        volumeMounts: [caMount],
      },
    }, { parent: this, dependsOn: [this.installation] });

    new k8s.apiextensions.CustomResource(`${name}-alerts`, prometheusRule({
      name: CLICKHOUSE_NAMES.prometheusRule, namespace: a.namespace, labels,
      prometheusRelease: a.prometheusRelease,
      group: `${name}-clickhouse`,
      rules: clickHouseAlertRules(a.namespace, a.keeperReplicas, this.backup?.alertRules ?? []),
    }), inNamespace);

    this.host = clientHost(address);
    this.port = PORTS.nativeTls;
    this.namespace = a.namespace;
    this.fiber = a.fiber;
    this.appSecretName = CLICKHOUSE_NAMES.appSecret;
    this.tlsSecretName = a.tlsSecretName;
    this.tlsDnsNames = tlsDnsNames(address);
    this.ebsCsiKmsPolicy = foundation.ebsCsiKmsPolicy;
    this.registerOutputs({
      host: this.host, port: this.port, namespace: this.namespace, fiber: this.fiber, appSecretName: this.appSecretName,
      tlsSecretName: this.tlsSecretName, tlsDnsNames: this.tlsDnsNames, ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy?.arn,
    });
  }
}
