import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { prometheusRule } from "../kubernetes/alert-rules";
import { irsaTrustPolicy } from "../kubernetes/backup";
import { type ContainerImage, imageReference } from "../kubernetes/image";
import { objectLabels } from "../kubernetes/labels";
import { opaqueSecret } from "../kubernetes/secrets";
import { workloadFoundation } from "../kubernetes/workload";
import { type CouchbaseArgs, resolveCouchbaseArgs, RUN_AS } from "./args";
import { couchbaseAlertRules, serverNetworkPolicy } from "./monitoring";
import {
  BACKUP_ROLE_RULES, backupBucketPolicy, bucketObjectName, couchbaseBackup, couchbaseBucket, couchbaseCluster, couchbaseGroup, couchbaseNames, couchbaseRoleBinding,
  couchbaseUser, operatorImageDigestLine, SECRET_KEYS, serviceMonitor,
} from "./spec";

export { COUCHBASE_DEFAULTS, type CouchbaseArgs, type CouchbaseBucketArgs, resolveCouchbaseArgs, RUN_AS } from "./args";
export { COUCHBASE_BACKUP_IMAGE, COUCHBASE_SERVER_IMAGE } from "./image";
export { CLIENT_TLS_PORTS, SERVER_PORTS } from "./monitoring";
export { bucketObjectName, COUCHBASE_TYPES, couchbaseNames, operatorImageDigestLine } from "./spec";

/** The administrator the operator signs in as (the admin Secret's `username`). */
export const ADMIN_USERNAME = "Administrator";
/** The metrics user Prometheus scrapes `/metrics` as (role external_stats_reader). */
export const METRICS_USERNAME = "sparki-metrics";

/**
 * The DNS names every server certificate must carry, as the operator checks them before it creates the cluster
 * (x509.MandatorySANs with bare host names, couchbase/couchbase-operator pkg/util/x509/x509.go).
 */
export function couchbaseTlsDnsNames(cluster: string, namespace: string, clusterDomain: string): string[] {
  return [
    `*.${cluster}`, `*.${cluster}.${namespace}`, `*.${cluster}.${namespace}.svc`, `*.${cluster}.${namespace}.svc.${clusterDomain}`,
    `${cluster}-srv.${namespace}`, `${cluster}-srv.${namespace}.svc`, `*.${cluster}-srv.${namespace}.svc.${clusterDomain}`, "localhost", `${cluster}-srv`,
  ];
}

/**
 * Couchbase Server Enterprise Edition on an existing Kubernetes cluster through the Couchbase Autonomous Operator
 * (a prerequisite with its licence, not installed here): a restricted namespace, the encrypted StorageClass (with
 * `ebsEncryption`), the `CouchbaseCluster` (TLS from the given Secret, node-to-node encryption, nothing exposed,
 * restricted pods, generated admin credentials), the Fiber adapter's `CouchbaseBucket`, a least-privilege
 * application user and a metrics user (`CouchbaseUser`/`CouchbaseGroup`/`CouchbaseRoleBinding`, generated passwords
 * in Secrets), a default-deny NetworkPolicy, a ServiceMonitor and the PrometheusRule and, with `backup`, a daily
 * `CouchbaseBackup` to the stack's S3 bucket through an IRSA role. The operator creates the pods, Services and the
 * PodDisruptionBudget (`<cluster>-pdb`, minAvailable = servers - 1).
 */
export class Couchbase extends pulumi.ComponentResource {
  /** `couchbases://<cluster>-srv.<namespace>.svc.<domain>`: DNS SRV bootstrap over TLS (the Fiber adapter's `Host`). */
  readonly connectionString: string;
  readonly namespace: string;
  readonly clusterName: string;
  /** The bucket's name in Couchbase (the adapter's `Bucket`). */
  readonly bucketName: string;
  /** The application user (the adapter's `Username`). */
  readonly username: string;
  /** Secret with the application's `username` and `password`. */
  readonly appSecretName: string;
  /** `kubernetes.io/tls` Secret the servers serve from; its `ca.crt` is what clients trust. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  /**
   * With a digest-pinned server image: the line `<digest hex>=<tag>\n` the operator's IMAGE_DIGESTS_CONFIG_MAP must
   * hold (a prerequisite on the operator's Deployment; see operatorImageDigestLine).
   */
  readonly operatorImageDigest?: string;
  readonly cluster: k8s.apiextensions.CustomResource;
  readonly backupRoleArn?: pulumi.Output<string>;
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;

  constructor(name: string, args: CouchbaseArgs, opts?: pulumi.ComponentResourceOptions) {
    const { resolved: a, problems } = resolveCouchbaseArgs(args);
    if (problems.length > 0) throw new Error(`Couchbase ${name}: ${problems.join("; ")}`);
    super("sparki:couchbase:Couchbase", name, {}, opts);
    const w = a.workload;
    const protect = w.protect;
    const c = a.clusterName;
    const names = couchbaseNames(c);
    const labels = objectLabels("couchbase", name, "database");
    const foundation = workloadFoundation(this, name, w, labels, "ext4");
    const inNamespace = { parent: this, dependsOn: [foundation.namespace] };
    const custom = (id: string, resource: k8s.apiextensions.CustomResourceArgs, extra: pulumi.CustomResourceOptions = {}) =>
      new k8s.apiextensions.CustomResource(`${name}-${id}`, resource, { ...inNamespace, ...extra });

    // Letters and digits only: none of the characters the operator refuses in the admin password.
    const password = (id: string) => new random.RandomPassword(`${name}-${id}-password`, { length: 32, special: false }, { parent: this, protect });
    const secret = (id: string, secretName: string, username: string, pass: random.RandomPassword) =>
      new k8s.core.v1.Secret(`${name}-${id}`, opaqueSecret({ name: secretName, namespace: w.namespace, labels, values: { [SECRET_KEYS.username]: username, [SECRET_KEYS.password]: pass.result } }), { ...inNamespace, protect });
    const adminSecret = secret("admin", names.adminSecret, ADMIN_USERNAME, password("admin"));
    const appSecret = secret("app", names.appSecret, a.appUsername, password("app"));
    const metricsSecret = secret("metrics", names.metricsSecret, METRICS_USERNAME, password("metrics"));

    const role = { namespace: w.namespace, labels, cluster: c };
    // The bucket's name is in both its object name and its Pulumi name: a rename is a replacement, not an update.
    const bucketObject = bucketObjectName(c, a.bucket.name);
    const bucket = custom(`bucket-${bucketObject}`, couchbaseBucket({
      ...role, name: bucketObject, bucketName: a.bucket.name, memoryQuotaMiB: a.bucket.memoryQuotaMiB, replicas: a.bucket.replicas,
      durability: a.bucket.durability, maxTtlSeconds: a.bucket.maxTtlSeconds, compression: a.bucket.compression, evictionPolicy: a.bucket.evictionPolicy,
    }), { protect });
    // Least privilege: read and write documents of the Fiber bucket, nothing else (no flush, no index, no other bucket).
    const appGroup = custom("app-group", couchbaseGroup({ ...role, name: names.appGroup, roles: ["data_reader", "data_writer"], bucketResource: bucketObject }));
    const appUser = custom("app-user", couchbaseUser({ ...role, name: names.appUser, username: a.appUsername, fullName: "Sparki Fiber storage adapter", authSecret: names.appSecret }), { dependsOn: [foundation.namespace, appSecret] });
    const appBinding = custom("app-binding", couchbaseRoleBinding({ ...role, name: names.appBinding, user: names.appUser, group: names.appGroup }));
    const metricsGroup = custom("metrics-group", couchbaseGroup({ ...role, name: names.metricsGroup, roles: ["external_stats_reader"] }));
    const metricsUser = custom("metrics-user", couchbaseUser({ ...role, name: names.metricsUser, username: METRICS_USERNAME, fullName: "Prometheus metrics reader", authSecret: names.metricsSecret }), { dependsOn: [foundation.namespace, metricsSecret] });
    const metricsBinding = custom("metrics-binding", couchbaseRoleBinding({ ...role, name: names.metricsBinding, user: names.metricsUser, group: names.metricsGroup }));

    const backupPodLabels = w.backup ? { couchbase_backup: names.backup } : undefined;
    const policy = new k8s.networking.v1.NetworkPolicy(`${name}-servers`, serverNetworkPolicy({
      name: names.serverPolicy, namespace: w.namespace, labels,
      cluster: c, operatorNamespace: a.operatorNamespace, monitoringNamespace: w.monitoringNamespace, clientNamespaceLabel: w.clientNamespaceLabel, backupPodLabels,
    }), inNamespace);

    let backupAccount: k8s.core.v1.ServiceAccount | undefined;
    if (w.backup) {
      const target = w.backup.target;
      const backupRole = new aws.iam.Role(`${name}-backup-role`, {
        description: `cbbackupmgr archive of ${w.namespace}/${c} in s3://${target.bucketName}/${target.prefix}`,
        assumeRolePolicy: JSON.stringify(irsaTrustPolicy(w.backup.oidcProviderArn, w.namespace, names.backupServiceAccount)),
      }, { parent: this });
      new aws.iam.RolePolicy(`${name}-backup-archive`, {
        role: backupRole.name,
        policy: pulumi.output(target.kmsKeyArn).apply((keyArn) => JSON.stringify(backupBucketPolicy(target.bucketArn, target.prefix, keyArn, target.region))),
      }, { parent: this });
      this.backupRoleArn = backupRole.arn;
      // The operator's backup jobs run as this account: the annotation gives them the role (IRSA), the Role lets the
      // job's script report into the CouchbaseBackup's status (so its token stays mounted).
      backupAccount = new k8s.core.v1.ServiceAccount(`${name}-backup-account`, {
        metadata: { name: names.backupServiceAccount, namespace: w.namespace, labels, annotations: { "eks.amazonaws.com/role-arn": backupRole.arn } },
      }, inNamespace);
      new k8s.rbac.v1.Role(`${name}-backup-rbac`, { metadata: { name: names.backupServiceAccount, namespace: w.namespace, labels }, rules: [...BACKUP_ROLE_RULES] }, inNamespace);
      new k8s.rbac.v1.RoleBinding(`${name}-backup-rbac-binding`, {
        metadata: { name: names.backupServiceAccount, namespace: w.namespace, labels },
        subjects: [{ kind: "ServiceAccount", name: names.backupServiceAccount, namespace: w.namespace }],
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: names.backupServiceAccount },
      }, inNamespace);
    }

    this.cluster = custom("cluster", couchbaseCluster({
      name: c, namespace: w.namespace, labels, image: imageReference(a.image), servers: a.servers, serverGroups: a.serverGroups,
      storageClassName: foundation.storageClassName, expandableVolumes: foundation.storageClass !== undefined, volumeSizeGiB: a.volumeSizeGiB,
      cpuMillis: a.cpuMillis, cpuLimitMillis: a.cpuLimitMillis, memoryMiB: a.memoryMiB, dataMemoryQuotaMiB: a.dataMemoryQuotaMiB, indexMemoryQuotaMiB: a.indexMemoryQuotaMiB,
      tlsSecretName: w.tlsSecretName, runAs: RUN_AS,
      backup: w.backup ? { image: imageReference(a.backupImage as ContainerImage), serviceAccountName: names.backupServiceAccount } : undefined,
    }), {
      protect,
      dependsOn: [
        foundation.namespace, adminSecret, appSecret, metricsSecret, bucket, appGroup, appUser, appBinding, metricsGroup, metricsUser, metricsBinding, policy,
        ...(foundation.storageClass ? [foundation.storageClass] : []), ...(backupAccount ? [backupAccount] : []),
      ],
    });

    if (w.backup) {
      custom("backup", couchbaseBackup({
        ...role, name: names.backup, schedule: w.backup.schedule, objectStoreUri: `s3://${w.backup.target.bucketName}/${w.backup.target.prefix.replace(/\/$/, "")}`,
        region: w.backup.target.region, retentionHours: a.backupRetentionHours, storageClassName: foundation.scratchStorageClassName,
      }), { dependsOn: [this.cluster] });
    }

    custom("service-monitor", serviceMonitor({
      name: names.serviceMonitor, namespace: w.namespace, labels, cluster: c, metricsSecret: names.metricsSecret, tlsSecretName: w.tlsSecretName, prometheusRelease: w.prometheusRelease,
    }));
    custom("alerts", prometheusRule({
      name: names.alerts, namespace: w.namespace, labels, prometheusRelease: w.prometheusRelease, group: "couchbase",
      rules: couchbaseAlertRules({ namespace: w.namespace, cluster: c, servers: a.servers, replicas: a.bucket.replicas, backupIntervalSeconds: w.backup?.intervalSeconds }),
    }));

    this.namespace = w.namespace;
    this.clusterName = c;
    this.connectionString = `couchbases://${names.srvService}.${w.namespace}.svc.${w.clusterDomain}`;
    this.bucketName = a.bucket.name;
    this.username = a.appUsername;
    this.appSecretName = names.appSecret;
    this.tlsSecretName = w.tlsSecretName;
    this.tlsDnsNames = couchbaseTlsDnsNames(c, w.namespace, w.clusterDomain);
    this.operatorImageDigest = operatorImageDigestLine(a.image);
    this.ebsCsiKmsPolicy = foundation.ebsCsiKmsPolicy;
    this.registerOutputs({
      connectionString: this.connectionString, namespace: this.namespace, clusterName: c, bucketName: this.bucketName, username: this.username,
      appSecretName: this.appSecretName, tlsSecretName: this.tlsSecretName, backupRoleArn: this.backupRoleArn, ebsCsiKmsPolicyArn: this.ebsCsiKmsPolicy?.arn,
    });
  }
}
