// Pure builders of the Couchbase Autonomous Operator's custom resources (apiVersion couchbase.com/v2). Field names and
// limits follow the operator's v2 types (couchbase/couchbase-operator pkg/apis/couchbase/v2/types.go, read 2026-11-29).
import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import { restrictedContainerSecurity, restrictedPodSecurity, type RunAs } from "../kubernetes/security";
import type { CompressionMode, DurabilityLevel, EvictionPolicy } from "./rules";
import { containerResources } from "../kubernetes/resources";

export const COUCHBASE_API_VERSION = "couchbase.com/v2";
/** Pulumi type tokens of the custom resources, as `k8s.apiextensions.CustomResource` registers them. */
export const COUCHBASE_TYPES = {
  cluster: "kubernetes:couchbase.com/v2:CouchbaseCluster",
  bucket: "kubernetes:couchbase.com/v2:CouchbaseBucket",
  user: "kubernetes:couchbase.com/v2:CouchbaseUser",
  group: "kubernetes:couchbase.com/v2:CouchbaseGroup",
  roleBinding: "kubernetes:couchbase.com/v2:CouchbaseRoleBinding",
  backup: "kubernetes:couchbase.com/v2:CouchbaseBackup",
} as const;

/** Labels the operator puts on every pod of a cluster (k8sutil LabelsForCluster: `app`, `couchbase_cluster`). */
export function operatorPodLabels(cluster: string): Record<string, string> {
  return { app: "couchbase", couchbase_cluster: cluster };
}
/** Labels of the Couchbase Server pods only (SelectorForClusterResource adds `couchbase_server: "true"`; backup pods lack it). */
export function serverPodLabels(cluster: string): Record<string, string> {
  return { ...operatorPodLabels(cluster), couchbase_server: "true" };
}

/** The label the cluster selects its buckets, users, groups, role bindings and backups by (spec.buckets/security.rbac/backup .selector). */
export function resourceSelectorLabels(cluster: string): Record<string, string> {
  return { "couchbase.sparki.io/cluster": cluster };
}

/** Names of everything one cluster owns, from its name (the operator's own: the Services, pods and CronJob). */
export function couchbaseNames(cluster: string) {
  return {
    cluster,
    /** Headless Service of every pod (generatePeerService: the cluster's name). */
    peerService: cluster,
    /** Headless Service of the data pods with the `couchbases` SRV port (generateDiscoveryService: `<cluster>-srv`): the clients' bootstrap. */
    srvService: `${cluster}-srv`,
    /** PodDisruptionBudget the operator creates (ReconcilePDB: `<cluster>-pdb`, minAvailable = size - 1). */
    disruptionBudget: `${cluster}-pdb`,
    adminSecret: `${cluster}-admin`,
    appSecret: `${cluster}-app`,
    metricsSecret: `${cluster}-metrics`,
    appUser: `${cluster}-app`,
    appGroup: `${cluster}-app`,
    appBinding: `${cluster}-app`,
    metricsUser: `${cluster}-metrics`,
    metricsGroup: `${cluster}-metrics`,
    metricsBinding: `${cluster}-metrics`,
    backup: `${cluster}-s3`,
    /** CronJob the operator creates for a full_only backup: `<backup>-full` (pkg/cluster/backup.go). */
    backupCronJob: `${cluster}-s3-full`,
    backupServiceAccount: `${cluster}-backup`,
    serverPolicy: `${cluster}-servers`,
    serviceMonitor: `${cluster}-metrics`,
    alerts: `${cluster}-alerts`,
    volumeTemplate: "couchbase",
  } as const;
}

/**
 * The `CouchbaseBucket` object's name, derived from the bucket's name in Couchbase: `<cluster>-<slug>-<hash>` (slug:
 * lower case, anything but a-z, 0-9 and `-` as `-`; hash: 8 hex of SHA-256 of the exact name, so `a_b` and `a-b` differ).
 * The component also puts it in the resource's Pulumi name: renaming the bucket is then a new resource and the removal
 * of the old one, which the replacement guard reports for a stateful type, never an in-place update (the operator
 * would delete the old bucket with every document, couchbase-operator pkg/validator/v2/validator.go
 * CheckImmutableFieldsBucket freezes only conflictResolution, read 2026-11-29).
 */
export function bucketObjectName(cluster: string, bucketName: string): string {
  const slug = bucketName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "bucket";
  return `${cluster}-${slug}-${createHash("sha256").update(bucketName).digest("hex").slice(0, 8)}`;
}

/**
 * The line the operator needs to know what version a digest-pinned image runs: `<64 hex>=<tag>`. The operator reads
 * the version from the text after the image's last `:`; for a digest it looks it up in its built-in table (Couchbase's
 * own couchbase/server digests, up to 8.0.0 at HEAD) and then in the operator's environment variable
 * IMAGE_DIGESTS_CONFIG_MAP (lines `<digest>=<version>`, each ending in a newline: regexp `<digest>=(.*)\s?\n`);
 * an unknown digest reads as version 9.9.9, which turns every version gate on and skips upgrade-path checks
 * (couchbase/couchbase-operator pkg/util/couchbaseutil/version.go CouchbaseImageVersion, GetSHA256Version,
 * GetVersionFromEnvConfigMap; pkg/util/constants/constants.go ImageDigests and EnvDigestsConfigMap, read 2026-11-29).
 * Undefined when the image is pinned by tag only (the operator then parses the tag).
 */
export function operatorImageDigestLine(image: { readonly tag: string; readonly digest?: string }): string | undefined {
  return image.digest === undefined ? undefined : `${image.digest.replace(/^sha256:/, "")}=${image.tag}\n`;
}

/** Keys of the Secrets: the admin Secret needs `username` and `password` (CouchbaseClusterSecuritySpec.adminSecret); a user's `password` (CouchbaseUser.authSecret). */
export const SECRET_KEYS = { username: "username", password: "password" } as const;

/**
 * The container security context the operator applies to every container it creates (server, its init container,
 * backup jobs; spec.security.securityContext): the Restricted standard, with a writable root filesystem because the
 * image's runit supervisor writes under /etc/service (the Dockerfile chowns it to `couchbase` for that).
 */
export function containerSecurity(runAs: RunAs): k8s.types.input.core.v1.SecurityContext {
  return { ...restrictedContainerSecurity(runAs), readOnlyRootFilesystem: false };
}

export interface ClusterSpecInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `registry/repository:tag@sha256:…`. */
  readonly image: string;
  readonly servers: number;
  readonly serverGroups: readonly string[];
  readonly storageClassName: string;
  /** The class allows expansion (the EBS class this stack creates does): turn on online volume expansion. */
  readonly expandableVolumes: boolean;
  readonly volumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly dataMemoryQuotaMiB: number;
  readonly indexMemoryQuotaMiB: number;
  readonly tlsSecretName: string;
  readonly runAs: RunAs;
  /** Managed backups: the backup image and the ServiceAccount its jobs run as. */
  readonly backup?: { readonly image: string; readonly serviceAccountName: string };
}

/** The `CouchbaseCluster`: data, index and query on every server, TLS only inside the cluster, restricted pods. */
export function couchbaseCluster(i: ClusterSpecInput): k8s.apiextensions.CustomResourceArgs {
  const names = couchbaseNames(i.name);
  const selector = { matchLabels: resourceSelectorLabels(i.name) };
  return {
    apiVersion: COUCHBASE_API_VERSION,
    kind: "CouchbaseCluster",
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels } },
    spec: {
      image: i.image,
      // One server per Kubernetes node; meaningless (and unschedulable on a one-node dev cluster) for a single server.
      antiAffinity: i.servers > 1,
      ...(i.serverGroups.length > 0 ? { serverGroups: [...i.serverGroups] } : {}),
      cluster: {
        dataServiceMemoryQuota: `${i.dataMemoryQuotaMiB}Mi`,
        indexServiceMemoryQuota: `${i.indexMemoryQuotaMiB}Mi`,
        // Couchbase fails over a server that stays unreachable this long (at most one at a time) so its replicas serve.
        autoFailoverTimeout: "120s",
        autoFailoverMaxCount: 1,
      },
      security: {
        adminSecret: names.adminSecret,
        rbac: { managed: true, selector },
        podSecurityContext: restrictedPodSecurity(i.runAs),
        securityContext: containerSecurity(i.runAs),
      },
      networking: {
        // No per-pod Services, NodePorts or LoadBalancers: clients reach the pods inside the cluster only.
        exposedFeatures: [],
        exposeAdminConsole: false,
        disableUIOverHTTP: true,
        tls: {
          secretSource: { serverSecretName: i.tlsSecretName },
          // Documents, not only cluster management, are encrypted between servers.
          nodeToNodeEncryption: "All",
          tlsMinimumVersion: "TLS1.2",
        },
      },
      buckets: { managed: true, selector },
      ...(i.backup ? { backup: { managed: true, image: i.backup.image, serviceAccountName: i.backup.serviceAccountName, selector, resources: BACKUP_RESOURCES } } : {}),
      ...(i.expandableVolumes ? { enableOnlineVolumeExpansion: true } : {}),
      volumeClaimTemplates: [{
        metadata: { name: names.volumeTemplate },
        spec: {
          storageClassName: i.storageClassName,
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: `${i.volumeSizeGiB}Gi` } },
        },
      }],
      servers: [{
        name: "data",
        size: i.servers,
        services: ["data", "index", "query"],
        volumeMounts: { default: names.volumeTemplate },
        resources: containerResources(i),
        // The servers never call the Kubernetes API.
        pod: { spec: { automountServiceAccountToken: false } },
      }],
    },
  };
}

/** Requests and limits of the operator's backup jobs (spec.backup.resources). */
export const BACKUP_RESOURCES = { requests: { cpu: "100m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "1Gi" } } as const;

export interface BucketSpecInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly cluster: string;
  /** Name in Couchbase (may hold `_`, which object names may not). */
  readonly bucketName: string;
  readonly memoryQuotaMiB: number;
  readonly replicas: number;
  readonly durability: DurabilityLevel;
  readonly maxTtlSeconds: number;
  readonly compression: CompressionMode;
  readonly evictionPolicy: EvictionPolicy;
}

/** The Fiber adapter's `CouchbaseBucket`, labelled so the cluster's `spec.buckets.selector` picks it up. */
export function couchbaseBucket(i: BucketSpecInput): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: COUCHBASE_API_VERSION,
    kind: "CouchbaseBucket",
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels, ...resourceSelectorLabels(i.cluster) } },
    spec: {
      name: i.bucketName,
      // Couchstore's per-bucket minimum quota is 100 MiB on every supported server version; Magma's was 1 GiB before 8.0.
      storageBackend: "couchstore",
      memoryQuota: `${i.memoryQuotaMiB}Mi`,
      replicas: i.replicas,
      ioPriority: "low",
      evictionPolicy: i.evictionPolicy,
      conflictResolution: "seqno",
      // storage/couchbase Reset() flushes the bucket; flush stays off (see the README's exceptions).
      enableFlush: false,
      enableIndexReplica: false,
      compressionMode: i.compression,
      minimumDurability: i.durability,
      maxTTL: `${i.maxTtlSeconds}s`,
    },
  };
}

export interface RoleInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly cluster: string;
}

/** A `CouchbaseGroup` with the given roles, each limited to the named CouchbaseBucket when one is given. */
export function couchbaseGroup(i: RoleInput & { readonly roles: readonly string[]; readonly bucketResource?: string }): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: COUCHBASE_API_VERSION,
    kind: "CouchbaseGroup",
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels, ...resourceSelectorLabels(i.cluster) } },
    spec: {
      roles: i.roles.map((role) => ({
        name: role,
        ...(i.bucketResource ? { buckets: { resources: [{ kind: "CouchbaseBucket", name: i.bucketResource }] } } : {}),
      })),
    },
  };
}

/** A local `CouchbaseUser` whose initial password is the `password` key of `authSecret`. */
export function couchbaseUser(i: RoleInput & { readonly username: string; readonly fullName: string; readonly authSecret: string }): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: COUCHBASE_API_VERSION,
    kind: "CouchbaseUser",
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels, ...resourceSelectorLabels(i.cluster) } },
    spec: { name: i.username, fullName: i.fullName, authDomain: "local", authSecret: i.authSecret },
  };
}

/** A `CouchbaseRoleBinding` of one user to one group. */
export function couchbaseRoleBinding(i: RoleInput & { readonly user: string; readonly group: string }): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: COUCHBASE_API_VERSION,
    kind: "CouchbaseRoleBinding",
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels, ...resourceSelectorLabels(i.cluster) } },
    spec: { subjects: [{ kind: "CouchbaseUser", name: i.user }], roleRef: { kind: "CouchbaseGroup", name: i.group } },
  };
}

export interface BackupSpecInput extends RoleInput {
  /** Cron schedule (UTC) of the full backups. */
  readonly schedule: string;
  /** `s3://<bucket>/<prefix>` the archive lives under. */
  readonly objectStoreUri: string;
  /** Region of the bucket (cbbackupmgr's CB_OBJSTORE_REGION). */
  readonly region: string;
  readonly retentionHours: number;
  /** StorageClass of the job's ephemeral staging volume. */
  readonly storageClassName: string;
}

/** Staging volume of a backup job, GiB (the operator's default `spec.size`). */
export const BACKUP_STAGING_GIB = 20;

/**
 * A `CouchbaseBackup`: a daily full backup straight to S3 with cbbackupmgr, staged on an ephemeral volume, old
 * backups deleted after the retention. No `objectStore.secret` and `useIAM: false`: the operator then passes only
 * `--obj-store` (pkg/cluster/backup.go applyObjStoreConfiguration returns before any auth flag without a Secret;
 * `useIAM: true` adds `--obj-auth-by-instance-metadata`, EC2 instance metadata, i.e. the node's role, and only with a
 * Secret). The job's ServiceAccount carries the IRSA role, so the pod's environment holds AWS_ROLE_ARN and
 * AWS_WEB_IDENTITY_TOKEN_FILE; cbbackupmgr's documented AWS sources do not list web identity
 * (https://docs.couchbase.com/server/current/backup-restore/cbbackupmgr-cloud.html, checked 2026-11-29): NOT
 * VERIFIED, the first deploy runs one immediate backup to prove it (docs/components.md, Couchbase). No access key
 * exists anywhere.
 */
export function couchbaseBackup(i: BackupSpecInput): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: COUCHBASE_API_VERSION,
    kind: "CouchbaseBackup",
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels, ...resourceSelectorLabels(i.cluster) } },
    spec: {
      strategy: "full_only",
      full: { schedule: i.schedule },
      backupRetention: `${i.retentionHours}h`,
      logRetention: "168h",
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      backoffLimit: 2,
      ephemeralVolume: true,
      size: `${BACKUP_STAGING_GIB}Gi`,
      storageClassName: i.storageClassName,
      objectStore: { uri: i.objectStoreUri, useIAM: false },
      env: [{ name: "CB_OBJSTORE_REGION", value: i.region }],
    },
  };
}

/**
 * What the backup jobs need of the Kubernetes API to report their status: the rules the operator's own
 * `cao create backup` grants (couchbase/couchbase-operator pkg/config/backup.go GetBackupRole).
 */
export const BACKUP_ROLE_RULES: readonly k8s.types.input.rbac.v1.PolicyRule[] = [
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["get", "list"] },
  { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
  { apiGroups: [""], resources: ["events"], verbs: ["create"] },
  { apiGroups: ["couchbase.com"], resources: ["couchbasebackups", "couchbasebackuprestores"], verbs: ["get", "list", "watch", "patch", "update"] },
];

/**
 * Read, write, list and delete under one prefix of the configBackups bucket: cbbackupmgr keeps an archive there
 * (it reads its own metadata and lock, and deletes backups past the retention), so the role is not write-only like
 * the shared S3Backup's. SSE-KMS through S3 only.
 */
export function backupBucketPolicy(bucketArn: string, prefix: string, keyArn: string, region: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ArchiveObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], Resource: [`${bucketArn}/${prefix}*`] },
      // cbbackupmgr may list the archive root itself (`kubernetes/couchbase`) as well as what lies under it.
      { Sid: "ListArchive", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucketArn], Condition: { StringLike: { "s3:prefix": [prefix.replace(/\/$/, ""), `${prefix}*`] } } },
      { Sid: "BucketRegion", Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: [bucketArn] },
      {
        Sid: "EncryptWithStackKey", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: [keyArn],
        Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
    ],
  };
}

export interface ServiceMonitorInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly cluster: string;
  /** Secret with the metrics user's `username` and `password`. */
  readonly metricsSecret: string;
  /** The servers' TLS Secret, whose `ca.crt` the scrape trusts. */
  readonly tlsSecretName: string;
  readonly prometheusRelease?: string;
}

/** prometheus-operator `ServiceMonitor` scraping every server's `/metrics` over TLS with the metrics user. */
export function serviceMonitor(i: ServiceMonitorInput): k8s.apiextensions.CustomResourceArgs {
  const names = couchbaseNames(i.cluster);
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels, ...(i.prometheusRelease ? { release: i.prometheusRelease } : {}) } },
    spec: {
      // The operator's peer Service (every pod; its ports are named tcp-<port>); the -srv Service has no 18091.
      selector: { matchLabels: operatorPodLabels(i.cluster) },
      namespaceSelector: { matchNames: [i.namespace] },
      endpoints: [{
        port: `tcp-${METRICS_PORT}`,
        scheme: "https",
        path: "/metrics",
        interval: "30s",
        basicAuth: {
          username: { name: i.metricsSecret, key: SECRET_KEYS.username },
          password: { name: i.metricsSecret, key: SECRET_KEYS.password },
        },
        // Every server certificate must name `<cluster>-srv.<namespace>.svc` (the operator's mandatory SANs).
        tlsConfig: { ca: { secret: { name: i.tlsSecretName, key: "ca.crt" } }, serverName: `${names.srvService}.${i.namespace}.svc` },
      }],
    },
  };
}

/** Couchbase Server's Prometheus endpoint, HTTPS on the management port (7.0+: /metrics on 8091 and 18091). */
export const METRICS_PORT = 18091;
