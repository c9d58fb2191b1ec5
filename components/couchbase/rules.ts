// What the Couchbase Autonomous Operator and Couchbase Server refuse, and the limits this component holds to; pure,
// shared by the component's argument check, the stack's config rules and the policy pack's engine rules.

/** Where the operator's limits are read: the v2 API types (kubebuilder markers) and its admission validator. */
export const OPERATOR_SOURCE = "Couchbase Autonomous Operator 2.9 CRDs and admission validator (couchbase/couchbase-operator pkg/apis/couchbase/v2/types.go, pkg/validator/v2/validator.go)";
export const OPERATOR_TYPES_URL = "https://github.com/couchbase/couchbase-operator/blob/master/pkg/apis/couchbase/v2/types.go";
export const OPERATOR_VALIDATOR_URL = "https://github.com/couchbase/couchbase-operator/blob/master/pkg/validator/v2/validator.go";
export const DURABILITY_SOURCE = "https://docs.couchbase.com/server/8.0/learn/data/durability.html";

/** `spec.cluster.dataServiceMemoryQuota` and `indexServiceMemoryQuota`: at least 256Mi (validator checkConstraintDataServiceMemoryQuota; the type docs). */
export const MIN_SERVICE_QUOTA_MIB = 256;
/** `CouchbaseBucket.spec.memoryQuota`: at least 100Mi (its field doc and CRD default). */
export const MIN_BUCKET_QUOTA_MIB = 100;
/** `CouchbaseBucket.spec.replicas`: 0..3 (kubebuilder Minimum/Maximum). */
export const MAX_BUCKET_REPLICAS = 3;
/**
 * "Couchbase Server supports durability for up to two replicas. It does not support durability for buckets with
 * three or more replicas" (Couchbase Server 8.0, Durability, checked 2026-11-29).
 */
export const MAX_DURABLE_REPLICAS = 2;
/** `CouchbaseBucket.spec.maxTTL`: 0..2147483647 seconds (field doc "in the range 0-2147483648s"; validator checkMaxTTL against bucketTTLMax). */
export const MAX_TTL_SECONDS = 2_147_483_647;
/** Cluster names longer than 42 characters are refused (validator checkConstraintClusterName). */
export const MAX_CLUSTER_NAME_LENGTH = 42;
/** `spec.name` of a CouchbaseBucket: `^[a-zA-Z0-9-_%\.]{1,100}$` (BucketName kubebuilder pattern). */
export const BUCKET_NAME = /^[a-zA-Z0-9\-_%.]{1,100}$/;
/** A server group (zone) name: `^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$` (ServerGroups items pattern). */
export const SERVER_GROUP = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** Characters the operator refuses in the administrator password (validator checkConstraintAdminSecret; at least 6 characters). */
export const ADMIN_PASSWORD_REFUSED = "()<>,;:\\\"/[]?={}";
/** Memory a Couchbase pod needs above its service quotas: "approximately 25%" (AutoResourceAllocation.overheadPercent field doc). */
export const MEMORY_OVERHEAD_PERCENT = 25;

export const DURABILITY_LEVELS = ["none", "majority", "majorityAndPersistActive", "persistToMajority"] as const;
export type DurabilityLevel = (typeof DURABILITY_LEVELS)[number];
export const COMPRESSION_MODES = ["off", "passive", "active"] as const;
export type CompressionMode = (typeof COMPRESSION_MODES)[number];
export const EVICTION_POLICIES = ["valueOnly", "fullEviction"] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];

/** What the bucket and cluster limits are checked on. */
export interface SizingInput {
  readonly servers: number;
  readonly dataMemoryQuotaMiB: number;
  readonly indexMemoryQuotaMiB: number;
  readonly bucketMemoryQuotaMiB: number;
  readonly replicas: number;
  readonly durability: DurabilityLevel;
  readonly maxTtlSeconds: number;
  readonly memoryMiB: number;
}

/** Every limit the operator or the server enforces on these sizes, each as `{ field, message }`. */
export function engineSizingProblems(s: SizingInput): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (s.dataMemoryQuotaMiB < MIN_SERVICE_QUOTA_MIB) problems.push({ field: "dataMemoryQuotaMiB", message: `must be at least ${MIN_SERVICE_QUOTA_MIB} (MiB): the operator refuses a smaller spec.cluster.dataServiceMemoryQuota` });
  if (s.indexMemoryQuotaMiB < MIN_SERVICE_QUOTA_MIB) problems.push({ field: "indexMemoryQuotaMiB", message: `must be at least ${MIN_SERVICE_QUOTA_MIB} (MiB): the operator refuses a smaller spec.cluster.indexServiceMemoryQuota` });
  if (s.bucketMemoryQuotaMiB < MIN_BUCKET_QUOTA_MIB) problems.push({ field: "bucket.memoryQuotaMiB", message: `must be at least ${MIN_BUCKET_QUOTA_MIB} (MiB): the operator refuses a smaller CouchbaseBucket spec.memoryQuota` });
  // validateClusterMemoryConstraints: the buckets' per-node quotas may not exceed the data service quota.
  if (s.bucketMemoryQuotaMiB > s.dataMemoryQuotaMiB) problems.push({ field: "bucket.memoryQuotaMiB", message: `must be at most dataMemoryQuotaMiB (${s.dataMemoryQuotaMiB}): the operator refuses buckets whose quotas exceed the data service quota` });
  if (!Number.isInteger(s.replicas) || s.replicas < 0 || s.replicas > MAX_BUCKET_REPLICAS) problems.push({ field: "bucket.replicas", message: `must be an integer 0..${MAX_BUCKET_REPLICAS} (CouchbaseBucket spec.replicas)` });
  if (s.durability !== "none" && s.replicas > MAX_DURABLE_REPLICAS) problems.push({ field: "bucket.replicas", message: `must be at most ${MAX_DURABLE_REPLICAS} with durability "${s.durability}": Couchbase Server does not support durability for buckets with three or more replicas (${DURABILITY_SOURCE})` });
  if (!Number.isInteger(s.maxTtlSeconds) || s.maxTtlSeconds < 0 || s.maxTtlSeconds > MAX_TTL_SECONDS) problems.push({ field: "bucket.maxTtlSeconds", message: `must be an integer 0..${MAX_TTL_SECONDS} (seconds; CouchbaseBucket spec.maxTTL)` });
  return problems;
}

/**
 * Limits this component holds to beyond the engine's: a replica needs another data node (replicas beyond
 * `servers - 1` are never placed, and a durable write then waits for a majority that cannot exist), and the pod's
 * memory covers the service quotas plus the operator's recommended overhead.
 */
export function placementProblems(s: SizingInput): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (s.servers >= 1 && s.replicas > s.servers - 1) {
    problems.push({ field: "bucket.replicas", message: `must be at most servers - 1 (${s.servers - 1}): each replica lives on another data node, so with ${s.servers} server(s) a replica is never placed${s.durability === "none" ? "" : ` and durable writes ("${s.durability}") wait for copies that cannot exist`}` });
  }
  const needed = minimumMemoryMiB(s.dataMemoryQuotaMiB, s.indexMemoryQuotaMiB);
  if (s.memoryMiB < needed) {
    problems.push({ field: "memoryMiB", message: `must be at least ${needed} (MiB): the data and index quotas (${s.dataMemoryQuotaMiB} + ${s.indexMemoryQuotaMiB} MiB) plus the ${MEMORY_OVERHEAD_PERCENT} % overhead Couchbase Server needs above them` });
  }
  return problems;
}

/** The least pod memory for the given service quotas, MiB. */
export function minimumMemoryMiB(dataMiB: number, indexMiB: number): number {
  return Math.ceil((dataMiB + indexMiB) * (100 + MEMORY_OVERHEAD_PERCENT) / 100);
}

/** Whether a password would pass the operator's admin Secret check (at least 6 characters, none of {@link ADMIN_PASSWORD_REFUSED}). */
export function adminPasswordAccepted(password: string): boolean {
  return password.length >= 6 && ![...ADMIN_PASSWORD_REFUSED].some((c) => password.includes(c));
}

/**
 * A digest that only stands in for one: 64 times the same hex digit (`sha256:000…0`, `sha256:aaa…a`). No real image
 * has it, so a stack naming it would leave every backup job in ImagePullBackOff, seen only when the missed-backup
 * alert fires runs later.
 */
export function placeholderDigest(digest: string | undefined): boolean {
  return digest !== undefined && /^sha256:([a-f0-9])\1{63}$/.test(digest);
}

/** Days between the newest backup cbbackupmgr prunes and the S3 expiry of the configBackups bucket, at least. */
export const ARCHIVE_EXPIRY_MARGIN_DAYS = 7;

/**
 * The least `expirationDays` of the configBackups bucket that leaves the archive alone: the backup retention in days
 * (rounded up) plus {@link ARCHIVE_EXPIRY_MARGIN_DAYS}. cbbackupmgr prunes backups past `backupRetention` itself and
 * each full backup of the operator's `full_only` strategy configures a new repository ("config a new repo and then
 * take a Full backup", couchbase/couchbase-operator pkg/cluster/backup.go generateBackupContainer, read 2026-11-29),
 * so no object it still needs is older than the retention; S3's expiry must come after that, or it deletes backups
 * and repository metadata cbbackupmgr still lists.
 */
export function minimumArchiveExpiryDays(backupRetentionHours: number): number {
  return Math.ceil(backupRetentionHours / 24) + ARCHIVE_EXPIRY_MARGIN_DAYS;
}
