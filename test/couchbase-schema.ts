import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { z } from "zod";

/**
 * The Couchbase Autonomous Operator's custom resources (couchbase.com/v2) for the fields components/couchbase sets,
 * written from the operator's API types, from which its CRDs are generated (kubebuilder markers: types, enums,
 * patterns, minimums and maximums): couchbase/couchbase-operator commit 32097d2d (2026-03-20, release 2.9 line),
 * pkg/apis/couchbase/v2/types.go, and its generated CRD reference docs/user/modules/ROOT/pages/resource/*.adoc (read
 * 2026-11-29). Objects are strict: a misspelt field fails here rather than being pruned by the API server. The pod
 * security contexts and the volume claim templates' `spec` are Kubernetes types (v1.PodSecurityContext,
 * v1.SecurityContext, v1.PersistentVolumeClaimSpec), checked with kubernetes-models. kubernetes-models has no model
 * for these kinds. (Couchbase's Helm chart ships the generated CRDs too: couchbase-partners/helm-charts
 * charts/couchbase-operator/crds/couchbase.crds.yaml.)
 */

interface Validatable { validate(): void }
const validate = (model: unknown) => (model as Validatable).validate();
/** A Kubernetes type checked by kubernetes-models, embedded in a Pod or a claim. */
const viaModel = (what: string, wrap: (value: unknown) => unknown) => z.unknown().superRefine((value, ctx) => {
  try {
    validate(wrap(value));
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `${what}: ${(e as Error).message}` });
  }
});
const podSecurityContext = viaModel("podSecurityContext", (securityContext) => new Pod({ metadata: { name: "x" }, spec: { containers: [{ name: "x" }], securityContext } }));
const containerSecurityContext = viaModel("securityContext", (securityContext) => new Pod({ metadata: { name: "x" }, spec: { containers: [{ name: "x", securityContext }] } }));
const claimSpec = viaModel("volumeClaimTemplates[].spec", (spec) => new PersistentVolumeClaim({ metadata: { name: "x" }, spec }));
const podSpec = viaModel("servers[].pod.spec", (spec) => new Pod({ metadata: { name: "x" }, spec: { containers: [{ name: "x" }], ...(spec as object) } }));

const labels = z.record(z.string(), z.string());
/** Object names are DNS subdomains; a CouchbaseCluster's at most 42 characters (validator checkConstraintClusterName). */
const objectMeta = z.object({ name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/).max(253), namespace: z.string().min(1), labels: labels.optional() }).strict();
const selector = z.object({ matchLabels: labels }).strict();
/** resource.Quantity as a string (`+kubebuilder:validation:Type=string`). */
const quantity = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|m|k|M|G|T)?$/);
/** metav1.Duration: Go duration syntax. */
const duration = z.string().regex(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
/** ClusterSpec.Image and ServerConfig.Image: `^(.*?(:\d+)?/)?.*?/.*?(:.*?\d+\.\d+\.\d+.*|@sha256:[0-9a-f]{64})$`. */
const serverImage = z.string().regex(/^(.*?(:\d+)?\/)?.*?\/.*?(:.*?\d+\.\d+\.\d+.*|@sha256:[0-9a-f]{64})$/);
/** ServerGroups items. */
const serverGroup = z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/);
const service = z.enum(["admin", "data", "index", "query", "search", "eventing", "analytics"]);
const resources = z.object({ requests: z.record(z.string(), quantity).optional(), limits: z.record(z.string(), quantity).optional() }).strict();

const couchbaseClusterSpec = z.object({
  image: serverImage,
  antiAffinity: z.boolean().optional(),
  serverGroups: z.array(serverGroup).optional(),
  cluster: z.object({
    clusterName: z.string().optional(),
    dataServiceMemoryQuota: quantity.optional(),
    indexServiceMemoryQuota: quantity.optional(),
    autoFailoverTimeout: duration.optional(),
    autoFailoverMaxCount: z.number().int().min(0).optional(),
  }).strict(),
  security: z.object({
    adminSecret: z.string().min(1),
    rbac: z.object({ managed: z.boolean().optional(), selector: selector.optional() }).strict().optional(),
    podSecurityContext: podSecurityContext.optional(),
    securityContext: containerSecurityContext.optional(),
  }).strict(),
  networking: z.object({
    exposedFeatures: z.array(z.enum(["admin", "xdcr", "client", "backup", "external-cluster-connection"])).optional(),
    exposeAdminConsole: z.boolean().optional(),
    disableUIOverHTTP: z.boolean().optional(),
    tls: z.object({
      secretSource: z.object({ serverSecretName: z.string().min(1), clientSecretName: z.string().optional() }).strict().optional(),
      nodeToNodeEncryption: z.enum(["ControlPlaneOnly", "All", "Strict"]).optional(),
      tlsMinimumVersion: z.enum(["TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]).optional(),
    }).strict().optional(),
  }).strict().optional(),
  buckets: z.object({ managed: z.boolean().optional(), selector: selector.optional() }).strict().optional(),
  backup: z.object({
    managed: z.boolean().optional(),
    image: z.string().min(1),
    serviceAccountName: z.string().optional(),
    selector: selector.optional(),
    resources: resources.optional(),
  }).strict().optional(),
  enableOnlineVolumeExpansion: z.boolean().optional(),
  volumeClaimTemplates: z.array(z.object({ metadata: z.object({ name: z.string().min(1), labels: labels.optional() }).strict(), spec: claimSpec }).strict()).optional(),
  // +listType=map, +listMapKey=name, MinItems=1; size Minimum=1.
  servers: z.array(z.object({
    name: z.string().min(1),
    size: z.number().int().min(1),
    services: z.array(service),
    serverGroups: z.array(serverGroup).optional(),
    volumeMounts: z.object({ default: z.string().optional(), data: z.string().optional(), index: z.string().optional(), logs: z.string().optional() }).strict().optional(),
    resources: resources.optional(),
    pod: z.object({ spec: podSpec.optional() }).strict().optional(),
  }).strict()).min(1),
}).strict();

const couchbaseBucketSpec = z.object({
  name: z.string().max(100).regex(/^[a-zA-Z0-9-_%.]{1,100}$/).optional(),
  storageBackend: z.enum(["couchstore", "magma"]).optional(),
  memoryQuota: quantity.optional(),
  replicas: z.number().int().min(0).max(3).optional(),
  ioPriority: z.enum(["low", "high"]).optional(),
  evictionPolicy: z.enum(["valueOnly", "fullEviction"]).optional(),
  conflictResolution: z.enum(["seqno", "lww"]).optional(),
  enableFlush: z.boolean().optional(),
  enableIndexReplica: z.boolean().optional(),
  compressionMode: z.enum(["off", "passive", "active"]).optional(),
  minimumDurability: z.enum(["none", "majority", "majorityAndPersistActive", "persistToMajority"]).optional(),
  maxTTL: duration.optional(),
}).strict();

/** Role.name's enumeration (types.go `+kubebuilder:validation:Enum`), the roles this stack grants among them. */
const ROLE_NAMES = ["admin", "analytics_admin", "analytics_manager", "analytics_reader", "analytics_select", "application_telemetry_writer", "backup_admin", "bucket_admin",
  "bucket_full_access", "cluster_admin", "data_backup", "data_dcp_reader", "data_monitoring", "data_reader", "data_writer", "eventing_admin", "eventing_manage_functions",
  "external_stats_reader", "fts_admin", "fts_searcher", "mobile_sync_gateway", "query_delete", "query_execute_external_functions", "query_execute_functions",
  "query_execute_global_external_functions", "query_execute_global_functions", "query_external_access", "query_insert", "query_list_index",
  "query_manage_external_functions", "query_manage_functions", "query_manage_global_external_functions", "query_manage_global_functions", "query_manage_index",
  "query_manage_sequences", "query_manage_system_catalog", "query_select", "query_system_catalog", "query_update", "query_use_sequences", "query_use_sequential_scans",
  "replication_admin", "replication_target", "ro_admin", "ro_security_admin", "scope_admin", "security_admin", "security_admin_external", "security_admin_local",
  "sync_gateway_app", "sync_gateway_app_ro", "sync_gateway_configurator", "sync_gateway_dev_ops", "sync_gateway_replicator", "user_admin_external", "user_admin_local",
  "views_admin", "views_reader"] as const;
const couchbaseGroupSpec = z.object({
  roles: z.array(z.object({
    name: z.enum(ROLE_NAMES),
    buckets: z.object({ resources: z.array(z.object({ kind: z.literal("CouchbaseBucket").optional(), name: z.string().min(1) }).strict()) }).strict().optional(),
  }).strict()),
}).strict();
const couchbaseUserSpec = z.object({
  name: z.string().optional(),
  fullName: z.string().optional(),
  authDomain: z.enum(["local", "external"]),
  authSecret: z.string().optional(),
}).strict();
const couchbaseRoleBindingSpec = z.object({
  subjects: z.array(z.object({ kind: z.literal("CouchbaseUser"), name: z.string().min(1) }).strict()),
  roleRef: z.object({ kind: z.literal("CouchbaseGroup"), name: z.string().min(1) }).strict(),
}).strict();
const couchbaseBackupSpec = z.object({
  strategy: z.enum(["full_incremental", "full_only", "immediate_incremental", "immediate_full", "periodic_merge"]).optional(),
  full: z.object({ schedule: z.string().min(1) }).strict().optional(),
  incremental: z.object({ schedule: z.string().min(1) }).strict().optional(),
  backupRetention: duration.optional(),
  logRetention: duration.optional(),
  successfulJobsHistoryLimit: z.number().int().min(0).optional(),
  failedJobsHistoryLimit: z.number().int().min(0).optional(),
  backoffLimit: z.number().int().optional(),
  ephemeralVolume: z.boolean().optional(),
  size: quantity.optional(),
  storageClassName: z.string().optional(),
  objectStore: z.object({
    useIAM: z.boolean().optional(),
    uri: z.string().regex(/^(az|s3|gs):\/\/.{3,}$/).optional(),
    secret: z.string().optional(),
  }).strict().optional(),
  env: z.array(z.object({ name: z.string().min(1), value: z.string() }).strict()).optional(),
}).strict();

const resource = <S extends z.ZodType>(kind: string, spec: S) => z.object({ apiVersion: z.literal("couchbase.com/v2"), kind: z.literal(kind), metadata: objectMeta, spec }).strict();
const check = (schema: z.ZodType) => (inputs: unknown): void => {
  const parsed = schema.safeParse(inputs);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
};

export const validateCouchbaseCluster = check(resource("CouchbaseCluster", couchbaseClusterSpec).refine((r) => r.metadata.name.length <= 42, { message: "a CouchbaseCluster name has at most 42 characters" }));
export const validateCouchbaseBucket = check(resource("CouchbaseBucket", couchbaseBucketSpec));
export const validateCouchbaseUser = check(resource("CouchbaseUser", couchbaseUserSpec));
export const validateCouchbaseGroup = check(resource("CouchbaseGroup", couchbaseGroupSpec));
export const validateCouchbaseRoleBinding = check(resource("CouchbaseRoleBinding", couchbaseRoleBindingSpec));
export const validateCouchbaseBackup = check(resource("CouchbaseBackup", couchbaseBackupSpec));
