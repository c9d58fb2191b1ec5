import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { prometheusRule } from "../kubernetes/alert-rules";
import { BACKUP_DIR, S3Backup } from "../kubernetes/backup";
import { imageReference } from "../kubernetes/image";
import { objectLabels, selectorLabels } from "../kubernetes/labels";
import { ingressPolicy } from "../kubernetes/network-policy";
import { opaqueSecret } from "../kubernetes/secrets";
import { TMP_VOLUME } from "../kubernetes/security";
import { workloadFoundation } from "../kubernetes/workload";
import { type ArangoDbArgs, ARANGODB_PORT, resolveArangoDbArgs, RUN_AS } from "./args";
import { arangoAlertRules, clientFlows, jobFlows, memberFlows } from "./monitoring";
import { provisionJob } from "./provisioning";
import { arangoDeployment, arangoNames, ENCRYPTION_KEY_BYTES, operatorPodLabels, SECRET_KEYS } from "./spec";
import { GP3 } from "../common/ebs";

export { ARANGODB_DEFAULTS, ARANGODB_PORT, type ArangoDbArgs, EXPORTER_PORT, resolveArangoDbArgs, RUN_AS } from "./args";
export { ARANGODB_IMAGE } from "./image";
export { PROVISION_JS, PROVISION_SCRIPT } from "./provisioning";
export { ARANGO_DEPLOYMENT_TYPE, arangoDeployment, arangoNames, groupSecurityContext, operatorPodLabels, renderedPodSecurity, SECRET_KEYS } from "./spec";

/**
 * ArangoDB on an existing Kubernetes cluster through the kube-arangodb operator (a prerequisite, not installed
 * here): a restricted namespace, the encrypted StorageClass (with `ebsEncryption`), generated root password, JWT
 * secret and RocksDB encryption key in Secrets the operator reads, the `ArangoDeployment` (TLS from an
 * operator-managed or given CA, no external access, restricted security contexts, replicated shards in Cluster
 * mode), a provisioning Job that creates the app's database, collection and least-privilege user (its password in
 * its own Secret), default-deny NetworkPolicies (client namespaces admitted only after that Job), the
 * PrometheusRule and, with `backup`, a nightly arangodump to S3. Both providers come through `opts.providers`.
 */
export class ArangoDb extends pulumi.ComponentResource {
  /** `https://<deployment>.<namespace>.svc`: the client Service (coordinators, or the single server). */
  readonly host: string;
  readonly port: number;
  readonly namespace: string;
  readonly deploymentName: string;
  readonly database: string;
  readonly collection: string;
  /** Secret with the root `username` and `password`: operators and the backup only. */
  readonly rootPasswordSecretName: string;
  /** The app's user (rw on `database` only) and the Secret with its `username` and `password`. */
  readonly fiberUsername: string;
  readonly fiberPasswordSecretName: string;
  /** Secret with the CA (`ca.crt`, also `ca.key`: copy only `ca.crt` to clients). */
  readonly caSecretName: string;
  readonly deployment: k8s.apiextensions.CustomResource;
  readonly ebsCsiKmsPolicy?: pulumi.Output<string>;

  constructor(name: string, args: ArangoDbArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveArangoDbArgs(name, args);
    super("sparki:arangodb:ArangoDb", name, {}, opts);
    const w = a.workload;
    const protect = w.protect;
    const d = a.deploymentName;
    const names = arangoNames(d);
    const labels = objectLabels("arangodb", name, "database");
    const foundation = workloadFoundation(this, name, w, labels, "ext4");
    const inNamespace = { parent: this, dependsOn: [foundation.namespace] };

    const secret = (id: string, secretName: string, values: Record<string, pulumi.Input<string>>) =>
      new k8s.core.v1.Secret(`${name}-${id}`, opaqueSecret({ name: secretName, namespace: w.namespace, labels, values }), { ...inNamespace, protect });
    const password = new random.RandomPassword(`${name}-root-password`, { length: 32, special: false }, { parent: this, protect });
    const rootSecret = secret("root-password", names.rootPasswordSecret, { [SECRET_KEYS.username]: "root", [SECRET_KEYS.password]: password.result });
    const jwt = new random.RandomPassword(`${name}-jwt`, { length: 64, special: false }, { parent: this, protect });
    const jwtSecret = secret("jwt", names.jwtSecret, { [SECRET_KEYS.jwt]: jwt.result });
    // 32 random bytes (256 bits; the operator refuses any other length). RandomBytes.base64 is already the
    // base64 of the raw bytes, which is what a Secret's `data` holds: it goes in as is, not through secretData
    // (that would base64 the text again).
    const key = a.encryptionAtRest ? new random.RandomBytes(`${name}-encryption-key`, { length: ENCRYPTION_KEY_BYTES }, { parent: this, protect }) : undefined;
    const keySecret = key ? new k8s.core.v1.Secret(`${name}-encryption-key`, {
      metadata: { name: names.encryptionKeySecret, namespace: w.namespace, labels },
      type: "Opaque",
      data: pulumi.secret(key.base64.apply((b64) => ({ [SECRET_KEYS.encryptionKey]: b64 }))),
    }, { ...inNamespace, protect }) : undefined;
    const fiberPassword = new random.RandomPassword(`${name}-fiber-password`, { length: 32, special: false }, { parent: this, protect });
    const fiberSecret = secret("fiber-password", names.fiberPasswordSecret, { [SECRET_KEYS.username]: a.fiberUsername, [SECRET_KEYS.password]: fiberPassword.result });

    const backupLabels = selectorLabels("arangodb", name, "backup");
    const provisionLabels = selectorLabels("arangodb", name, "provision");
    const flows = {
      deployment: d, operatorNamespace: a.operatorNamespace, monitoringNamespace: w.monitoringNamespace, clientNamespaceLabel: w.clientNamespaceLabel,
      provisionPodLabels: provisionLabels, backupPodLabels: w.backup ? backupLabels : undefined,
    };
    const clientPods = operatorPodLabels(d, a.mode === "Single" ? "single" : "coordinator");
    const members = new k8s.networking.v1.NetworkPolicy(`${name}-members`, ingressPolicy({
      name: names.membersPolicy, namespace: w.namespace, labels, podSelector: operatorPodLabels(d), flows: memberFlows(flows),
    }), inNamespace);
    const jobs = new k8s.networking.v1.NetworkPolicy(`${name}-jobs`, ingressPolicy({
      name: names.jobsPolicy, namespace: w.namespace, labels, podSelector: clientPods, flows: jobFlows(flows),
    }), inNamespace);

    const image = imageReference(a.image);
    this.deployment = new k8s.apiextensions.CustomResource(`${name}-deployment`, arangoDeployment({
      name: d, namespace: w.namespace, labels, mode: a.mode, environment: a.environment, image,
      agents: a.agents, dbServers: a.dbServers, coordinators: a.coordinators, volumeSizeGiB: a.volumeSizeGiB, agentVolumeSizeGiB: a.agentVolumeSizeGiB,
      storageClassName: foundation.storageClassName, cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB, runAs: RUN_AS,
      caSecretName: a.tlsCaSecretName, jwtSecretName: names.jwtSecret, rootPasswordSecretName: names.rootPasswordSecret,
      encryptionKeySecretName: keySecret ? names.encryptionKeySecret : undefined, licenseSecretName: a.licenseSecretName, prometheusRelease: w.prometheusRelease,
      readOnlyRootFilesystem: a.operatorEphemeralVolumes,
      replication: { replicationFactor: a.replicationFactor, minReplicationFactor: a.minReplicationFactor, writeConcern: a.writeConcern },
    }), {
      parent: this, protect,
      dependsOn: [foundation.namespace, rootSecret, jwtSecret, members, jobs, ...(keySecret ? [keySecret] : []), ...(foundation.storageClass ? [foundation.storageClass] : [])],
    });

    const serviceHost = `${names.clientService}.${w.namespace}.svc`;
    this.host = `https://${serviceHost}`;
    // Pulumi waits for the Job to complete; it completes only once root's generated password works (after the
    // operator's bootstrap), and creates the app's database, collection and user.
    const provision = new k8s.batch.v1.Job(`${name}-provision`, provisionJob({
      namespace: w.namespace, labels: objectLabels("arangodb", name, "provision"), podLabels: provisionLabels, image, runAs: RUN_AS,
      namePrefix: names.provisionJobPrefix, host: serviceHost,
      rootPasswordSecret: { name: names.rootPasswordSecret, key: SECRET_KEYS.password },
      fiberPasswordSecret: { name: names.fiberPasswordSecret, key: SECRET_KEYS.password },
      database: a.database, collection: a.collection, username: a.fiberUsername,
    }), { parent: this, dependsOn: [this.deployment, fiberSecret, jobs] });
    // Client namespaces only once root has its password and the app's user exists (see clientFlows).
    new k8s.networking.v1.NetworkPolicy(`${name}-clients`, ingressPolicy({
      name: names.clientsPolicy, namespace: w.namespace, labels, podSelector: clientPods, flows: clientFlows(flows),
    }), { parent: this, dependsOn: [provision] });

    const backup = w.backup === undefined ? undefined : new S3Backup(`${name}-backup`, {
      namespace: w.namespace, name: names.backup, labels: { ...objectLabels("arangodb", name, "backup"), ...backupLabels },
      schedule: w.backup.schedule, intervalSeconds: w.backup.intervalSeconds, target: w.backup.target, oidcProviderArn: w.backup.oidcProviderArn,
      runAs: RUN_AS,
      // Every database, compressed, is at most what the DB-Servers hold: scratch on the workload's class, that size.
      scratch: { storageClassName: foundation.scratchStorageClassName, sizeGiB: Math.min(GP3.maxGiB, a.volumeSizeGiB * Math.max(1, a.dbServers)) },
      dump: {
        image,
        // arangodump (in the server image) writes every database, system collections included (users), compressed,
        // through the client Service over TLS. The root password never reaches argv (/proc/<pid>/cmdline) nor a
        // file: the configuration file in /tmp names its environment variable (`@ARANGODB_ROOT_PASSWORD@`, see
        // ./provisioning.ts). arangodump 3.12 has no option to verify the server certificate against a CA (none
        // found among its SSL options): the dump is encrypted in transit, not server-authenticated; the
        // NetworkPolicies keep it inside the namespace.
        command: ["/bin/sh", "-c", [
          "umask 077 &&",
          `printf '[server]\\nusername = root\\npassword = @ARANGODB_ROOT_PASSWORD@\\n' > ${TMP_VOLUME.mountPath}/arangodump.conf &&`,
          `exec arangodump --configuration ${TMP_VOLUME.mountPath}/arangodump.conf`,
          `--server.endpoint ssl://${serviceHost}:${ARANGODB_PORT}`,
          "--all-databases true --include-system-collections true --compress-output true --overwrite true",
          `--output-directory ${BACKUP_DIR}/dump`,
        ].join(" ")],
        env: [{ name: "ARANGODB_ROOT_PASSWORD", valueFrom: { secretKeyRef: { name: names.rootPasswordSecret, key: SECRET_KEYS.password } } }],
      },
    }, { parent: this, dependsOn: [this.deployment] });

    new k8s.apiextensions.CustomResource(`${name}-alerts`, prometheusRule({
      name: names.alerts, namespace: w.namespace, labels, prometheusRelease: w.prometheusRelease, group: "arangodb",
      rules: [...arangoAlertRules({ namespace: w.namespace, deployment: d, mode: a.mode, agents: a.agents }), ...(backup?.alertRules ?? [])],
    }), inNamespace);

    this.port = ARANGODB_PORT;
    this.namespace = w.namespace;
    this.deploymentName = d;
    this.database = a.database;
    this.collection = a.collection;
    this.rootPasswordSecretName = names.rootPasswordSecret;
    this.fiberUsername = a.fiberUsername;
    this.fiberPasswordSecretName = names.fiberPasswordSecret;
    this.caSecretName = a.tlsCaSecretName;
    this.ebsCsiKmsPolicy = foundation.ebsCsiKmsPolicy?.arn;
    this.registerOutputs({
      host: this.host, port: this.port, namespace: this.namespace, deploymentName: d, database: this.database, collection: this.collection,
      rootPasswordSecretName: this.rootPasswordSecretName, fiberUsername: this.fiberUsername, fiberPasswordSecretName: this.fiberPasswordSecretName,
      caSecretName: this.caSecretName, ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy,
    });
  }
}
