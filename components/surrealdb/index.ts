import { createHash } from "node:crypto";
import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { prometheusRule } from "../kubernetes/alert-rules";
import { BACKUP_DIR, S3Backup } from "../kubernetes/backup";
import { imageReference } from "../kubernetes/image";
import { objectLabels, selectorLabels } from "../kubernetes/labels";
import { ingressPolicy } from "../kubernetes/network-policy";
import { opaqueSecret } from "../kubernetes/secrets";
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import { workloadFoundation } from "../kubernetes/workload";
import { ROOT_USERNAME, resolveSurrealDbArgs, type SurrealDbArgs } from "./args";
import { surrealDbAlertRules } from "./alerts";
import { RUN_AS, SURREAL_BINARY } from "./image";
import {
  BOOTSTRAP_KEY, bootstrapSurql, CREDENTIAL_KEYS, type FiberSchema, httpsEndpoint, type ServerAddress, SURREALDB_NAMES, SURREALDB_PORT,
  tlsDnsNames, websocketEndpoint,
} from "./names";
import { rootUserEnv, serverStatefulSet } from "./statefulset";
import { verifyHash, verifyJob } from "./verify";

export { FIBER_DEFAULTS, ROOT_USERNAME, resolveSurrealDbArgs, type ResolvedSurrealDbArgs, SURREALDB_DEFAULTS, type SurrealDbArgs } from "./args";
export { certificateRules, DATA_CLAIM, LATENCY_RULE_OMITTED, SERVER_POD, surrealDbAlertRules } from "./alerts";
export { RUN_AS, SURREAL_BINARY, SURREALDB_IMAGE } from "./image";
export {
  APP_ROLE, BOOTSTRAP_KEY, bootstrapSurql, CREDENTIAL_KEYS, DATASTORE_PATH, type FiberSchema, httpsEndpoint, IDENTIFIER, PATHS, SURREALDB_NAMES,
  SURREALDB_PORT, surqlIdent, tlsDnsNames, websocketEndpoint,
} from "./names";
export { BOOTSTRAP_CHECKSUM_ANNOTATION, RELOADER_SECRET_ANNOTATION, serverArgs, serverStatefulSet } from "./statefulset";
export { verifyCommand, verifyHash, verifyJob } from "./verify";

/** Where the CA of the server certificate is mounted in the backup's dump step. */
const DUMP_CA_DIR = "/ca";

/** The backup's dump step: `surreal export` of the Fiber database over HTTPS, as root; no shell (the image has none). */
export function exportCommand(address: ServerAddress, fiber: FiberSchema): string[] {
  return [
    SURREAL_BINARY, "export",
    "--endpoint", httpsEndpoint(address),
    "--namespace", fiber.namespace,
    "--database", fiber.database,
    `${BACKUP_DIR}/${fiber.namespace}-${fiber.database}.surql`,
  ];
}

/**
 * SurrealDB on an existing Kubernetes cluster for the Fiber `storage/surrealdb` adapter: one server (RocksDB on an
 * encrypted volume) in a restricted namespace, serving WSS/HTTPS only from a `kubernetes.io/tls` Secret, root and
 * application credentials generated into Secrets, the Fiber namespace, database and table created at every start,
 * a hash-named verification Job after every change (verify.ts: the import's errors are otherwise silent),
 * default-deny ingress, a PrometheusRule, and (with `backup`) a daily `surreal export` uploaded to S3. With
 * `ebsEncryption` also the KMS-encrypted StorageClass and the policy the EBS CSI driver's role needs. No
 * PodDisruptionBudget: with one replica a budget of 0 unavailable would block every node drain, and 1 allows what
 * no budget allows anyway.
 */
export class SurrealDb extends pulumi.ComponentResource {
  /** What the Fiber adapter's `ConnectionString` takes (`wss://…:8000`). */
  readonly endpoint: string;
  /** Kubernetes namespace of the server and its Secrets. */
  readonly namespace: string;
  /** SurrealDB namespace, database and table of the Fiber adapter. */
  readonly fiber: FiberSchema;
  /** Secret (in `namespace`) with the application user's `username` and `password` (never the values). */
  readonly appSecretName: string;
  /** Secret (in `namespace`) with the root user's `username` and `password`: administration and backups only. */
  readonly rootSecretName: string;
  /** Secret the server certificate must be issued into, and the names it must cover. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  readonly backup?: S3Backup;
  /** Policy to attach to the EBS CSI driver's role (`ebsEncryption` only). */
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;

  constructor(name: string, args: SurrealDbArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveSurrealDbArgs(name, args);
    super("sparki:surrealdb:SurrealDb", name, {}, opts);
    const protect = a.protect;
    const labels = objectLabels("surrealdb", name, "server");
    const selector = selectorLabels("surrealdb", name, "server");
    const address: ServerAddress = { namespace: a.namespace, clusterDomain: a.clusterDomain };

    const foundation = workloadFoundation(this, name, a, labels, "ext4");
    const inNamespace = { parent: this, dependsOn: [foundation.namespace] };

    const rootPassword = new random.RandomPassword(`${name}-root-password`, { length: 40, special: false }, { parent: this, protect });
    const appPassword = new random.RandomPassword(`${name}-app-password`, { length: 40, special: false }, { parent: this, protect });
    const rootSecret = new k8s.core.v1.Secret(`${name}-root-credentials`, opaqueSecret({
      name: SURREALDB_NAMES.rootSecret, namespace: a.namespace, labels,
      values: { [CREDENTIAL_KEYS.username]: ROOT_USERNAME, [CREDENTIAL_KEYS.password]: rootPassword.result },
    }), { ...inNamespace, protect });
    const appSecret = new k8s.core.v1.Secret(`${name}-app-credentials`, opaqueSecret({
      name: SURREALDB_NAMES.appSecret, namespace: a.namespace, labels,
      values: { [CREDENTIAL_KEYS.username]: a.appUsername, [CREDENTIAL_KEYS.password]: appPassword.result },
    }), inNamespace);
    const bootstrap = pulumi.all([rootPassword.result, appPassword.result]).apply(([root, app]) =>
      bootstrapSurql(a.fiber, { username: ROOT_USERNAME, password: root }, { username: a.appUsername, password: app }));
    // Not secret: a SHA-256 of 40 random characters per password reveals nothing, and it names the verification Job.
    const bootstrapChecksum = pulumi.unsecret(bootstrap.apply((text) => createHash("sha256").update(text).digest("hex")));
    const bootstrapSecret = new k8s.core.v1.Secret(`${name}-bootstrap`, opaqueSecret({
      name: SURREALDB_NAMES.bootstrapSecret, namespace: a.namespace, labels, values: { [BOOTSTRAP_KEY]: bootstrap },
    }), inNamespace);

    const headless = new k8s.core.v1.Service(`${name}-headless`, {
      metadata: { name: SURREALDB_NAMES.headlessService, namespace: a.namespace, labels },
      spec: { clusterIP: "None", selector, ports: [{ name: "https", port: SURREALDB_PORT, targetPort: SURREALDB_PORT, protocol: "TCP" }] },
    }, inNamespace);
    new k8s.core.v1.Service(`${name}-client`, {
      metadata: { name: SURREALDB_NAMES.clientService, namespace: a.namespace, labels },
      spec: { type: "ClusterIP", selector, ports: [{ name: "https", port: SURREALDB_PORT, targetPort: SURREALDB_PORT, protocol: "TCP" }] },
    }, inNamespace);

    const backupLabels = objectLabels("surrealdb", name, "backup");
    const ingress = new k8s.networking.v1.NetworkPolicy(`${name}-ingress`, ingressPolicy({
      name: SURREALDB_NAMES.networkPolicy, namespace: a.namespace, labels, podSelector: selector,
      flows: [
        { from: [{ namespaceLabel: a.clientNamespaceLabel }], ports: [SURREALDB_PORT] },
        // Prometheus reads the public /metrics subset on the same port.
        { from: [{ namespaceName: a.monitoringNamespace }], ports: [SURREALDB_PORT] },
        ...(a.backup ? [{ from: [{ podLabels: selectorLabels("surrealdb", name, "backup") }], ports: [SURREALDB_PORT] }] : []),
        // The post-deploy verification Job.
        { from: [{ podLabels: selectorLabels("surrealdb", name, "verify") }], ports: [SURREALDB_PORT] },
      ],
    }), inNamespace);

    this.statefulSet = new k8s.apps.v1.StatefulSet(`${name}-server`, serverStatefulSet({
      namespace: a.namespace, labels, selector,
      image: imageReference(a.image),
      volumeSizeGiB: a.volumeSizeGiB,
      storageClassName: foundation.storageClassName,
      cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB,
      tlsSecretName: a.tlsSecretName,
      retainVolume: protect,
      bootstrapChecksum,
    }), {
      parent: this, protect,
      dependsOn: [foundation.namespace, rootSecret, appSecret, bootstrapSecret, headless, ...(foundation.storageClass ? [foundation.storageClass] : [])],
    });

    const serverImage = imageReference(a.image);
    new k8s.batch.v1.Job(`${name}-verify`, verifyJob({
      namespace: a.namespace,
      labels: objectLabels("surrealdb", name, "verify"),
      image: serverImage,
      hash: bootstrapChecksum.apply((checksum) => verifyHash({ image: serverImage, address, fiber: a.fiber, appUsername: a.appUsername, bootstrapChecksum: checksum })),
      address, fiber: a.fiber, tlsSecretName: a.tlsSecretName,
    }), { parent: this, dependsOn: [this.statefulSet, appSecret, ingress] });

    this.backup = a.backup === undefined ? undefined : new S3Backup(`${name}-backup`, {
      namespace: a.namespace,
      name: SURREALDB_NAMES.backup,
      labels: backupLabels,
      schedule: a.backup.schedule,
      intervalSeconds: a.backup.intervalSeconds,
      target: a.backup.target,
      oidcProviderArn: a.backup.oidcProviderArn,
      runAs: RUN_AS,
      // The export is written whole before the upload, so it can outgrow the shared 20 GiB emptyDir (the pod is then
      // evicted every night). Scratch of the data volume's class (encrypted alike) and size grows with the database;
      // a SurrealQL text export can still be larger than RocksDB's compressed files: raise volumeSizeGiB if runs fail.
      scratch: { storageClassName: foundation.scratchStorageClassName, sizeGiB: a.volumeSizeGiB },
      dump: {
        image: imageReference(a.image),
        command: exportCommand(address, a.fiber),
        // `surreal export` reads SURREAL_USER/SURREAL_PASS (https://surrealdb.com/docs/reference/cli/db/commands/export,
        // checked 2026-11-29); SSL_CERT_FILE points its TLS client at the cluster CA that issued the server certificate.
        env: [...rootUserEnv(), { name: "SSL_CERT_FILE", value: `${DUMP_CA_DIR}/${TLS_SECRET_KEYS.ca}` }],
        volumes: [tlsSecretVolume("ca", a.tlsSecretName, [{ key: TLS_SECRET_KEYS.ca, path: TLS_SECRET_KEYS.ca }])],
        volumeMounts: [{ name: "ca", mountPath: DUMP_CA_DIR, readOnly: true }],
      },
    }, { parent: this, dependsOn: [this.statefulSet] });

    new k8s.apiextensions.CustomResource(`${name}-alerts`, prometheusRule({
      name: SURREALDB_NAMES.prometheusRule, namespace: a.namespace, labels,
      prometheusRelease: a.prometheusRelease,
      group: `${name}-surrealdb`,
      rules: surrealDbAlertRules(a.namespace, a.tlsSecretName, this.backup?.alertRules ?? []),
    }), inNamespace);

    this.endpoint = websocketEndpoint(address);
    this.namespace = a.namespace;
    this.fiber = a.fiber;
    this.appSecretName = SURREALDB_NAMES.appSecret;
    this.rootSecretName = SURREALDB_NAMES.rootSecret;
    this.tlsSecretName = a.tlsSecretName;
    this.tlsDnsNames = tlsDnsNames(address);
    this.ebsCsiKmsPolicy = foundation.ebsCsiKmsPolicy;
    this.registerOutputs({
      endpoint: this.endpoint, namespace: this.namespace, fiber: this.fiber, appSecretName: this.appSecretName, rootSecretName: this.rootSecretName,
      tlsSecretName: this.tlsSecretName, tlsDnsNames: this.tlsDnsNames, ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy?.arn,
    });
  }
}
