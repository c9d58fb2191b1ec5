export type MinioObjectLockMode = "GOVERNANCE" | "COMPLIANCE";
export const OBJECT_LOCK_MODES: readonly MinioObjectLockMode[] = ["GOVERNANCE", "COMPLIANCE"];

/** Object Lock (WORM) of a bucket: every new object version is locked for `retentionDays`. */
export interface MinioObjectLock {
  /** GOVERNANCE: the root user may lift a lock early; COMPLIANCE: nobody can, not even root. No default. */
  readonly mode: MinioObjectLockMode;
  /** Default retention of each new object version. Days 1..36500, no default. */
  readonly retentionDays: number;
}

/** One bucket and its expiry rules (MinIO ILM supports expiry, not storage-class transitions). */
export interface MinioBucket {
  /** Bucket name: 3-63 lowercase letters, digits, dots and hyphens. No default. */
  readonly name: string;
  /** Keep object versions, and expire noncurrent ones after `noncurrentExpireDays`. No default. */
  readonly versioned: boolean;
  /** Current objects expire this many days after creation. Days 1..36500, no default. */
  readonly expireDays: number;
  /** Noncurrent versions expire this many days after they became noncurrent (versioned buckets). Days 1..36500, no default. */
  readonly noncurrentExpireDays: number;
  /** Clients may write and read but never delete (audit trails); expiry still applies. No default. */
  readonly appendOnly: boolean;
  /**
   * Create the bucket with Object Lock and this default retention (needs `versioned`; `expireDays` at least
   * `retentionDays`). MinIO turns Object Lock on only when it creates a bucket. Default: none (no lock).
   */
  readonly objectLock?: MinioObjectLock;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_DAYS = 36_500;

export function bucketProblems(buckets: readonly MinioBucket[]): string[] {
  const problems: string[] = [];
  if (buckets.length === 0) problems.push("buckets must not be empty");
  const names = buckets.map((b) => b.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`bucket "${name}" is declared twice`);
  for (const b of buckets) {
    if (!BUCKET_NAME.test(b.name) || b.name.includes("..")) problems.push(`bucket name "${b.name}" must be 3-63 lowercase letters, digits, dots or hyphens`);
    for (const field of ["expireDays", "noncurrentExpireDays"] as const) {
      if (!Number.isInteger(b[field]) || b[field] < 1 || b[field] > MAX_DAYS) problems.push(`bucket "${b.name}" ${field} must be an integer 1..${MAX_DAYS}, got ${b[field]}`);
    }
    if (b.objectLock !== undefined) problems.push(...objectLockProblems(b, b.objectLock));
  }
  return problems;
}

function objectLockProblems(b: MinioBucket, lock: MinioObjectLock): string[] {
  const at = `bucket "${b.name}" objectLock`;
  const problems: string[] = [];
  if (!OBJECT_LOCK_MODES.includes(lock.mode)) problems.push(`${at}.mode must be ${OBJECT_LOCK_MODES.join(" or ")}, got ${String(lock.mode)}`);
  if (!Number.isInteger(lock.retentionDays) || lock.retentionDays < 1 || lock.retentionDays > MAX_DAYS) {
    problems.push(`${at}.retentionDays must be an integer 1..${MAX_DAYS}, got ${lock.retentionDays}`);
  } else if (b.expireDays < lock.retentionDays) {
    // Locked versions cannot expire: an earlier expiry only hides them behind delete markers.
    problems.push(`bucket "${b.name}" expireDays must be at least objectLock.retentionDays (${lock.retentionDays}), got ${b.expireDays}`);
  }
  if (!b.versioned) problems.push(`${at} needs versioned: true (Object Lock locks object versions)`);
  return problems;
}

interface LifecycleRule {
  ID: string;
  Status: "Enabled";
  Filter: { Prefix: string };
  Expiration?: { Days: number } | { ExpiredObjectDeleteMarker: true };
  NoncurrentVersionExpiration?: { NoncurrentDays: number };
}

/** The bucket's whole lifecycle, in the S3 JSON form `mc ilm rule import` reads (it replaces the existing rules). */
export function lifecycleConfiguration(bucket: MinioBucket): { Rules: LifecycleRule[] } {
  const all = { Status: "Enabled", Filter: { Prefix: "" } } as const;
  const rules: LifecycleRule[] = [{ ID: "expire-current-versions", ...all, Expiration: { Days: bucket.expireDays } }];
  if (bucket.versioned) {
    rules.push(
      { ID: "expire-noncurrent-versions", ...all, NoncurrentVersionExpiration: { NoncurrentDays: bucket.noncurrentExpireDays } },
      // Expiring a current version leaves a delete marker; once its versions are gone the marker is clutter.
      { ID: "remove-expired-delete-markers", ...all, Expiration: { ExpiredObjectDeleteMarker: true } },
    );
  }
  return { Rules: rules };
}

/** Name of the MinIO policy attached to the client user. */
export const CLIENT_POLICY_NAME = "sparki-client";

/** Least privilege for Sparki's services: list and object access on these buckets only; no deletes on append-only ones. */
export function clientPolicyDocument(buckets: readonly MinioBucket[]): Record<string, unknown> {
  const arn = (name: string) => `arn:aws:s3:::${name}`;
  const objectActions = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];
  const deletable = buckets.filter((b) => !b.appendOnly);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ListTheBuckets",
        Effect: "Allow",
        Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
        Resource: buckets.map((b) => arn(b.name)),
      },
      { Sid: "ReadWriteObjects", Effect: "Allow", Action: objectActions, Resource: buckets.map((b) => `${arn(b.name)}/*`) },
      ...(deletable.length > 0
        ? [{ Sid: "DeleteObjects", Effect: "Allow", Action: ["s3:DeleteObject"], Resource: deletable.map((b) => `${arn(b.name)}/*`) }]
        : []),
    ],
  };
}
