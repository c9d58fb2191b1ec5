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
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import { workloadFoundation } from "../kubernetes/workload";
import { type Neo4jArgs, resolveNeo4jArgs, TX_LOG_RETENTION_DAYS } from "./args";
import { neo4jAlertRules } from "./alerts";
import { EXPORT_CA_DIR, exportScript } from "./backup";
import { CONFIG_FILES, consoleLogConfig, neo4jConf } from "./config";
import { RUN_AS } from "./image";
import { ADMIN_USERNAME, BOLT_PORT, boltUri, clientHost, CREDENTIAL_KEYS, NEO4J_NAMES, type ServerAddress, tlsDnsNames } from "./names";
import { serverStatefulSet } from "./statefulset";

export { COMMUNITY_SINGLE_INSTANCE, MIN_MEMORY_MIB, NEO4J_DEFAULTS, type Neo4jArgs, resolveNeo4jArgs, type ResolvedNeo4jArgs, TX_LOG_RETENTION_DAYS } from "./args";
export { CERT_EXPIRY_DAYS, DATA_CLAIM, METRICS_OMITTED, neo4jAlertRules, SERVER_POD } from "./alerts";
export {
  EXPORT_CA_DIR, EXPORT_HEADER, exportFile, exportJavaOptions, exportQuery, exportScript, type ExportRow, KEY_SENTINEL, parseExport, renderExport,
  renderExportRow, restoreBatches, restoreQuery, TRUSTSTORE,
} from "./backup";
export { CONFIG_FILES, consoleLogConfig, DEFAULT_JVM_OPTIONS, memorySettings, neo4jConf } from "./config";
export { ENTRYPOINT, NEO4J_HOME, NEO4J_IMAGE, RUN_AS } from "./image";
export {
  ADMIN_USERNAME, BOLT_PORT, boltUri, clientHost, CREDENTIAL_KEYS, FIBER_DEFAULT_NODE, HTTPS_PORT, NEO4J_NAMES, NODE_LABEL, PATHS, type ServerAddress,
  tlsDnsNames,
} from "./names";
export { configHash, PROBE_TIMING, RELOADER_SECRET_ANNOTATION, serverStatefulSet, TERMINATION_GRACE_SECONDS, WRITABLE_DIRS } from "./statefulset";

/**
 * Length of the generated password: well above Neo4j's minimum (`dbms.security.auth_minimum_password_length`,
 * `newBuilder("dbms.security.auth_minimum_password_length", INT, 8)` in neo4j/neo4j GraphDatabaseSettings, read
 * 2026-11-29; the entrypoint warns below it, defaulting to 8 as well). Letters and digits only: NEO4J_AUTH is `neo4j/<password>` and
 * the entrypoint splits it on `/` (`^([^/]+)\/([^/]+)/?…$`, docker-entrypoint.sh).
 */
export const PASSWORD_LENGTH = 40;

/**
 * Neo4j Community Edition on an existing Kubernetes cluster for the Fiber `storage/neo4j` adapter: one server (a
 * StatefulSet of one pod; clustering is Enterprise) on an encrypted volume in a restricted namespace, Bolt with TLS
 * required and HTTPS from a `kubernetes.io/tls` Secret (HTTP off), a generated password for `neo4j`, a ClusterIP
 * Service only (the official chart's default LoadBalancer Service is never created), default-deny ingress, a
 * PrometheusRule, and (with `backup`) a daily export of the Fiber label to S3. With `ebsEncryption` also the
 * KMS-encrypted StorageClass and the policy the EBS CSI driver's role needs. No PodDisruptionBudget: with one replica
 * a budget of 0 unavailable would block every node drain.
 */
export class Neo4j extends pulumi.ComponentResource {
  /** The Fiber adapter's `URI`: `neo4j+s://neo4j.<namespace>.svc.<domain>:7687`. */
  readonly uri: string;
  /** Kubernetes namespace of the server and its Secret. */
  readonly namespace: string;
  /** The Fiber adapter's `Username`. */
  readonly username: string;
  /** Secret (in `namespace`) with `username` and `password` (never the values). */
  readonly credentialsSecretName: string;
  /** The node label of the Fiber adapter (its `Node`). */
  readonly nodeLabel: string;
  /** Secret the server certificate must be issued into, and the names it must cover. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  readonly backup?: S3Backup;
  /** Policy to attach to the EBS CSI driver's role (`ebsEncryption` only). */
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;

  constructor(name: string, args: Neo4jArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveNeo4jArgs(name, args);
    super("sparki:neo4j:Neo4j", name, {}, opts);
    const protect = a.protect;
    const labels = objectLabels("neo4j", name, "server");
    const selector = selectorLabels("neo4j", name, "server");
    const address: ServerAddress = { namespace: a.namespace, clusterDomain: a.clusterDomain };

    const foundation = workloadFoundation(this, name, a, labels, "ext4");
    const inNamespace = { parent: this, dependsOn: [foundation.namespace] };

    const password = new random.RandomPassword(`${name}-password`, { length: PASSWORD_LENGTH, special: false }, { parent: this, protect });
    const credentials = new k8s.core.v1.Secret(`${name}-credentials`, opaqueSecret({
      name: NEO4J_NAMES.credentialsSecret, namespace: a.namespace, labels,
      values: {
        [CREDENTIAL_KEYS.username]: ADMIN_USERNAME,
        [CREDENTIAL_KEYS.password]: password.result,
        [CREDENTIAL_KEYS.auth]: password.result.apply((value) => `${ADMIN_USERNAME}/${value}`),
      },
    }), { ...inNamespace, protect });

    const conf = neo4jConf({ memoryMiB: a.memoryMiB, advertisedAddress: clientHost(address), txLogRetentionDays: TX_LOG_RETENTION_DAYS });
    const config = new k8s.core.v1.ConfigMap(`${name}-config`, {
      metadata: { name: NEO4J_NAMES.configMap, namespace: a.namespace, labels },
      data: {
        [CONFIG_FILES.neo4j]: conf,
        [CONFIG_FILES.serverLogs]: consoleLogConfig("INFO"),
        [CONFIG_FILES.userLogs]: consoleLogConfig("INFO"),
      },
    }, inNamespace);

    const ports = [{ name: "bolt", port: BOLT_PORT, targetPort: BOLT_PORT, protocol: "TCP" }];
    const headless = new k8s.core.v1.Service(`${name}-headless`, {
      metadata: { name: NEO4J_NAMES.headlessService, namespace: a.namespace, labels },
      spec: { clusterIP: "None", selector, ports },
    }, inNamespace);
    // ClusterIP only: the official chart's `services.neo4j` is `type: LoadBalancer` by default, "in most cloud
    // environments LoadBalancer type will receive an ephemeral public IP address automatically" (neo4j/helm-charts
    // neo4j/values.yaml, read 2026-11-29). The HTTPS port (Browser) is not on the Service: reach it by port-forward.
    new k8s.core.v1.Service(`${name}-client`, {
      metadata: { name: NEO4J_NAMES.clientService, namespace: a.namespace, labels },
      spec: { type: "ClusterIP", selector, ports },
    }, inNamespace);

    const backupSelector = selectorLabels("neo4j", name, "backup");
    new k8s.networking.v1.NetworkPolicy(`${name}-ingress`, ingressPolicy({
      name: NEO4J_NAMES.networkPolicy, namespace: a.namespace, labels, podSelector: selector,
      flows: [
        { from: [{ namespaceLabel: a.clientNamespaceLabel }], ports: [BOLT_PORT] },
        // No flow from the monitoring namespace: Prometheus reads nothing from Neo4j (Community has no metrics
        // endpoint; the rules use kubelet and kube-state-metrics), and Bolt is an administrator's port.
        ...(a.backup ? [{ from: [{ podLabels: backupSelector }], ports: [BOLT_PORT] }] : []),
      ],
    }), inNamespace);

    this.statefulSet = new k8s.apps.v1.StatefulSet(`${name}-server`, serverStatefulSet({
      namespace: a.namespace, labels, selector,
      image: imageReference(a.image),
      volumeSizeGiB: a.volumeSizeGiB,
      storageClassName: foundation.storageClassName,
      cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB,
      tlsSecretName: a.tlsSecretName,
      neo4jConf: conf,
      retainVolume: protect,
    }), {
      parent: this, protect,
      dependsOn: [foundation.namespace, credentials, config, headless, ...(foundation.storageClass ? [foundation.storageClass] : [])],
    });

    const fromSecret = (variable: string, key: string) => ({ name: variable, valueFrom: { secretKeyRef: { name: NEO4J_NAMES.credentialsSecret, key } } });
    this.backup = a.backup === undefined ? undefined : new S3Backup(`${name}-backup`, {
      namespace: a.namespace,
      name: NEO4J_NAMES.backup,
      labels: objectLabels("neo4j", name, "backup"),
      schedule: a.backup.schedule,
      intervalSeconds: a.backup.intervalSeconds,
      target: a.backup.target,
      oidcProviderArn: a.backup.oidcProviderArn,
      runAs: RUN_AS,
      // The export lands on a volume of the workload's StorageClass (encrypted like the data, with the stack key when
      // ebsEncryption is on), as large as the data volume: gzip of the export is far smaller than the store.
      scratch: { storageClassName: foundation.scratchStorageClassName, sizeGiB: a.volumeSizeGiB },
      dump: {
        image: imageReference(a.image),
        command: ["bash", "-c", exportScript(boltUri(address), a.nodeLabel)],
        env: [fromSecret("NEO4J_USERNAME", CREDENTIAL_KEYS.username), fromSecret("NEO4J_PASSWORD", CREDENTIAL_KEYS.password)],
        volumes: [tlsSecretVolume("ca", a.tlsSecretName, [{ key: TLS_SECRET_KEYS.ca, path: TLS_SECRET_KEYS.ca }])],
        volumeMounts: [{ name: "ca", mountPath: EXPORT_CA_DIR, readOnly: true }],
      },
    }, { parent: this, dependsOn: [this.statefulSet] });

    new k8s.apiextensions.CustomResource(`${name}-alerts`, prometheusRule({
      name: NEO4J_NAMES.prometheusRule, namespace: a.namespace, labels,
      prometheusRelease: a.prometheusRelease,
      group: `${name}-neo4j`,
      rules: neo4jAlertRules(a.namespace, this.backup?.alertRules ?? []),
    }), inNamespace);

    this.uri = boltUri(address);
    this.namespace = a.namespace;
    this.username = ADMIN_USERNAME;
    this.credentialsSecretName = NEO4J_NAMES.credentialsSecret;
    this.nodeLabel = a.nodeLabel;
    this.tlsSecretName = a.tlsSecretName;
    this.tlsDnsNames = tlsDnsNames(address);
    this.ebsCsiKmsPolicy = foundation.ebsCsiKmsPolicy;
    this.registerOutputs({
      uri: this.uri, namespace: this.namespace, username: this.username, credentialsSecretName: this.credentialsSecretName,
      nodeLabel: this.nodeLabel, tlsSecretName: this.tlsSecretName, tlsDnsNames: this.tlsDnsNames, ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy?.arn,
    });
  }
}
