import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { COUCHBASE_TYPES } from "../components/couchbase/spec";
import { baseline, kubernetes } from "./lib/controls";
import { restrictedViolations } from "./kubernetes";
import { read } from "./lib/values";

/**
 * Policies for the Couchbase Autonomous Operator's custom resources (components/couchbase). The operator creates the
 * pods, Services and backup jobs, so the pack judges the specs it creates them from: the security contexts it copies
 * onto every container (spec.security.podSecurityContext / securityContext), TLS and no external exposure, persistent
 * volumes, digest-pinned images, and groups that grant no administrative role.
 */

type Spec = Record<string, unknown>;
/** A value as the message shows it (objects as JSON). */
const show = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
const at = (spec: Spec, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Spec)[k] : undefined), spec);

/** The spec as plain data, or undefined when any part of it is unknown (preview: nothing is proven). */
function specOf(args: ResourceValidationArgs, type: string, what: string): Spec | undefined {
  if (args.type !== type) return args.notApplicable(`not a Couchbase ${what}`);
  const r = read(() => {
    const spec = (args.props as { spec?: unknown }).spec;
    return spec === undefined ? {} : JSON.parse(JSON.stringify(spec)) as Spec;
  });
  return r.known ? r.value : undefined;
}
const clusterSpec = (args: ResourceValidationArgs) => specOf(args, COUCHBASE_TYPES.cluster, "CouchbaseCluster");

export const couchbaseRestrictedPods: ResourceValidationPolicy = {
  name: "couchbase-restricted-pod-security",
  ...kubernetes("PSS restricted", "Every pod the Couchbase operator creates for a CouchbaseCluster (servers, their init containers, backup jobs) meets the Restricted standard: the pod and container security contexts the operator copies onto them (spec.security.podSecurityContext and securityContext; the deprecated spec.securityContext when the former is absent) pass the same checks as k8s-restricted-pod-security.",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "Set spec.security.podSecurityContext (runAsNonRoot, runAsUser 1000, seccompProfile RuntimeDefault) and spec.security.securityContext (allowPrivilegeEscalation false, capabilities drop ALL); components/couchbase does."),
  validateResource: (args, report) => {
    const spec = clusterSpec(args);
    if (spec === undefined) return;
    const podContext = at(spec, "security", "podSecurityContext") ?? at(spec, "securityContext");
    const container = at(spec, "security", "securityContext");
    const pod = { securityContext: podContext, containers: [{ name: "couchbase-server", ...(container === undefined ? {} : { securityContext: container }) }] };
    for (const violation of restrictedViolations(pod as never)) report(violation);
  },
};

export const couchbaseTlsNotExposed: ResourceValidationPolicy = {
  name: "couchbase-tls-not-exposed",
  ...baseline("Sparki baseline: encryption", "A CouchbaseCluster serves TLS from a certificate Secret (spec.networking.tls.secretSource), encrypts all traffic between its servers (nodeToNodeEncryption All or Strict), refuses TLS below 1.2, and exposes nothing outside the cluster (no exposedFeatures: they create NodePort or LoadBalancer Services; no admin console Service).", "high",
    "Set spec.networking.tls.secretSource.serverSecretName, nodeToNodeEncryption All, tlsMinimumVersion TLS1.2 or TLS1.3, exposedFeatures [] and exposeAdminConsole false (components/couchbase does)."),
  validateResource: (args, report) => {
    const spec = clusterSpec(args);
    if (spec === undefined) return;
    const tls = at(spec, "networking", "tls");
    const secret = at(spec, "networking", "tls", "secretSource", "serverSecretName");
    if (typeof secret !== "string" || secret === "") report("spec.networking.tls.secretSource.serverSecretName is not set: clients and servers would speak plain text. Name the servers' kubernetes.io/tls Secret.");
    const n2n = at(spec, "networking", "tls", "nodeToNodeEncryption");
    if (tls !== undefined && n2n !== "All" && n2n !== "Strict") report(`spec.networking.tls.nodeToNodeEncryption is ${show(n2n ?? "unset (off)")}: documents travel between servers in plain text. Set All (or Strict).`);
    const min = at(spec, "networking", "tls", "tlsMinimumVersion");
    if (min === "TLS1.0" || min === "TLS1.1") report(`spec.networking.tls.tlsMinimumVersion is ${min}: set TLS1.2 or TLS1.3.`);
    const exposed = at(spec, "networking", "exposedFeatures");
    if (Array.isArray(exposed) && exposed.length > 0) report(`spec.networking.exposedFeatures is [${exposed.join(", ")}]: the operator creates a Service per pod reachable outside the cluster. Set [].`);
    if (at(spec, "networking", "exposeAdminConsole") === true) report("spec.networking.exposeAdminConsole is true: the operator creates a NodePort or LoadBalancer Service for the web console. Set false.");
  },
};

export const couchbasePersistentVolumes: ResourceValidationPolicy = {
  name: "couchbase-persistent-volumes",
  ...baseline("Sparki baseline: durability", "Every server class of a CouchbaseCluster keeps its data on a persistent volume (volumeMounts.default naming one of spec.volumeClaimTemplates): without it a restarted pod loses its documents and indexes, and the operator cannot recover it from its volume.", "high",
    "Give every entry of spec.servers volumeMounts.default naming a volume claim template with an explicit storageClassName (components/couchbase does)."),
  validateResource: (args, report) => {
    const spec = clusterSpec(args);
    if (spec === undefined) return;
    const templates = (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) as { metadata?: { name?: string }; spec?: { storageClassName?: string } }[];
    for (const server of (Array.isArray(spec.servers) ? spec.servers : []) as { name?: string; volumeMounts?: { default?: string } }[]) {
      const claim = server.volumeMounts?.default;
      const template = templates.find((t) => t.metadata?.name === claim);
      if (claim === undefined) report(`server class ${server.name ?? "(unnamed)"} has no volumeMounts.default: its data lives on the pod's ephemeral storage.`);
      else if (!template) report(`server class ${server.name ?? "(unnamed)"} mounts ${claim}, which is not in spec.volumeClaimTemplates.`);
      else if (!template.spec?.storageClassName) report(`volume claim template ${claim} names no storageClassName: its claims wait for a cluster default StorageClass that may not exist.`);
    }
  },
};

export const couchbaseImagePinned: ResourceValidationPolicy = {
  name: "couchbase-image-pinned-digest",
  // https://kubernetes.io/docs/concepts/containers/images/#image-names: a digest "uniquely identifies a specific version of an image".
  ...baseline("Sparki baseline: images", "A CouchbaseCluster's server image and (with managed backups) backup image name their digest (`@sha256:`): every server and backup job the operator creates, now or after a restart, runs the same build.", "high",
    "Set spec.image and spec.backup.image to registry/repository:tag@sha256:<digest> (components/couchbase does)."),
  validateResource: (args, report) => {
    const spec = clusterSpec(args);
    if (spec === undefined) return;
    const pinned = (image: unknown) => typeof image === "string" && /@sha256:[a-f0-9]{64}$/.test(image);
    if (!pinned(spec.image)) report(`spec.image ${show(spec.image ?? "(unset)")} is not pinned by digest: a re-pushed tag changes what new servers run. Pin @sha256:<digest>.`);
    if (at(spec, "backup", "managed") === true && !pinned(at(spec, "backup", "image"))) report(`spec.backup.image ${show(at(spec, "backup", "image") ?? "(unset: the operator's default)")} is not pinned by digest. Pin @sha256:<digest>.`);
  },
};

/** Roles that administer the cluster, its security or every bucket: never granted by a group this stack manages. */
export const ADMIN_ROLES = ["admin", "cluster_admin", "security_admin", "security_admin_local", "security_admin_external", "user_admin_local", "user_admin_external", "ro_security_admin", "replication_admin"] as const;
/** Roles that reach data and, without a bucket list, reach every bucket. */
const BUCKET_SCOPED = ["bucket_admin", "bucket_full_access", "data_reader", "data_writer", "data_dcp_reader", "data_backup", "data_monitoring", "views_admin", "views_reader", "query_select", "query_insert", "query_update", "query_delete", "scope_admin", "fts_admin", "fts_searcher"];

export const couchbaseLeastPrivilege: ResourceValidationPolicy = {
  name: "couchbase-least-privilege-groups",
  ...baseline("Sparki baseline: access", "A CouchbaseGroup grants no administrative role (admin, cluster, security or user administration, XDCR) and limits every data role to named buckets: without `buckets` a bucket role reaches every bucket of the cluster.", "high",
    "Grant data_reader / data_writer with buckets.resources naming the CouchbaseBucket (components/couchbase does); administer through the operator's admin Secret."),
  validateResource: (args, report) => {
    const spec = specOf(args, COUCHBASE_TYPES.group, "CouchbaseGroup");
    if (spec === undefined) return;
    for (const role of (Array.isArray(spec.roles) ? spec.roles : []) as { name?: string; bucket?: string; buckets?: { resources?: unknown[]; selector?: unknown } }[]) {
      if ((ADMIN_ROLES as readonly (string | undefined)[]).includes(role.name)) report(`role ${role.name} administers the cluster: an application or metrics group must not hold it.`);
      const limited = (role.buckets?.resources?.length ?? 0) > 0 || role.buckets?.selector !== undefined || (role.bucket !== undefined && role.bucket !== "*");
      if (BUCKET_SCOPED.includes(role.name ?? "") && !limited) report(`role ${role.name} names no bucket: it reaches every bucket of the cluster. List the bucket in buckets.resources.`);
    }
  },
};

export const COUCHBASE_POLICIES = [couchbaseRestrictedPods, couchbaseTlsNotExposed, couchbasePersistentVolumes, couchbaseImagePinned, couchbaseLeastPrivilege];
