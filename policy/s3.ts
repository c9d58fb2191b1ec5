import * as aws from "@pulumi/aws";
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { bucketsOf, describeBucket, hasSide, sidesOf } from "./lib/buckets";
import { fsbp, type PolicyMetadata } from "./lib/controls";
import { definitely, isAbsent, knownItems, read } from "./lib/values";

type ResourceClass = Parameters<PolicyResource["isType"]>[0];

/** One FSBP control that S3 enforces through a side resource of every bucket (aws 7 splits buckets into several). */
interface BucketControl {
  readonly name: string;
  readonly metadata: PolicyMetadata;
  /** The side resource class that carries the setting, e.g. BucketPublicAccessBlock. */
  readonly side: ResourceClass;
  /** Property of the side resource naming its bucket. */
  readonly property?: string;
  /** What is wrong with a side resource's settings (messages), if anything. */
  readonly check?: (side: PolicyResource, all: readonly PolicyResource[]) => string[];
  /** Message for a bucket without the side resource. */
  readonly missing: string;
  /** Why a bucket needs no side resource of this class, if it does not. */
  readonly exempt?: (bucket: PolicyResource, all: readonly PolicyResource[]) => string | undefined;
  /** Further stack-wide checks (e.g. resources that must not exist). */
  readonly extra?: (all: readonly PolicyResource[], report: ReportViolation) => void;
}

function bucketControl(control: BucketControl): StackValidationPolicy {
  return {
    name: control.name,
    ...control.metadata,
    validateStack: (args, report) => {
      const buckets = bucketsOf(args.resources);
      const sides = sidesOf(args.resources, control.side, control.property);
      if (buckets.length === 0 && sides.length === 0) args.notApplicable("no S3 buckets");
      for (const { side } of sides) {
        for (const message of control.check?.(side, args.resources) ?? []) report(`${side.name}: ${message}`, side.urn);
      }
      for (const bucket of buckets) {
        if (control.exempt?.(bucket, args.resources) !== undefined) continue;
        if (hasSide(bucket, sides) === "no") report(`bucket ${describeBucket(bucket)}: ${control.missing}`, bucket.urn);
      }
      control.extra?.(args.resources, report);
    },
  };
}

const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3BlockPublicAccess = bucketControl({
  name: "s3-8-block-public-access",
  metadata: fsbp(["S3.8"], "Every S3 bucket blocks all public access (all four public access block settings).", "high",
    "Give the bucket an aws.s3.BucketPublicAccessBlock with all four settings true."),
  side: aws.s3.BucketPublicAccessBlock,
  check: (side) => {
    const block = side.asType(aws.s3.BucketPublicAccessBlock)!;
    const off = PUBLIC_ACCESS_FLAGS.filter((flag) => definitely(() => block[flag] !== true));
    return off.length > 0 ? [`${off.join(", ")} not true: a bucket policy or ACL could make objects public.`] : [];
  },
  missing: "no BucketPublicAccessBlock: nothing stops a policy or ACL from making it public.",
});

interface Statement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** The statement S3.5 asks for: deny every S3 action to anyone when aws:SecureTransport is false. */
export function deniesInsecureTransport(statement: Statement): boolean {
  const principalAll = statement.Principal === "*" || (typeof statement.Principal === "object" && statement.Principal !== null
    && (statement.Principal as { AWS?: unknown }).AWS === "*");
  const actions = [statement.Action ?? []].flat();
  const secureTransport = Object.entries(statement.Condition ?? {})
    .filter(([operator]) => operator === "Bool" || operator === "BoolIfExists")
    .map(([, values]) => values["aws:SecureTransport"]);
  return statement.Effect === "Deny" && principalAll && actions.some((a) => a === "s3:*" || a === "*")
    && secureTransport.some((v) => v === false || v === "false");
}

/** The statements of a policy given as JSON text or as an object; undefined when it is not a policy document. */
function policyStatements(document: unknown): Statement[] | undefined {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  return [(parsed as { Statement?: Statement | Statement[] }).Statement ?? []].flat();
}

export const s3TlsOnly = bucketControl({
  name: "s3-5-tls-only",
  metadata: fsbp(["S3.5"], "Every S3 bucket policy denies requests that do not use TLS.", "medium",
    "Add a statement denying s3:* to Principal * when aws:SecureTransport is false."),
  side: aws.s3.BucketPolicy,
  check: (side) => {
    // Copy out of the unknown-checking proxy (an unknown anywhere in the document means: check it at apply).
    const document = read(() => JSON.parse(JSON.stringify(side.asType(aws.s3.BucketPolicy)!.policy ?? null)) as unknown);
    if (!document.known) return [];
    const statements = policyStatements(document.value);
    if (!statements) return ["the policy is not a JSON policy document."];
    return statements.some(deniesInsecureTransport) ? [] : ["the policy has no statement denying s3:* when aws:SecureTransport is false: plaintext HTTP requests would be served."];
  },
  missing: "no BucketPolicy: plaintext HTTP requests would be served (S3.5 needs a deny on aws:SecureTransport=false).",
});

/** Buckets that receive server access logs: logging them into themselves (or another log bucket) would loop. */
function isLogTarget(bucket: PolicyResource, all: readonly PolicyResource[]): boolean {
  return sidesOf(all, aws.s3.BucketLogging, "targetBucket").some((s) => s.bucket === bucket);
}

export const s3AccessLogging = bucketControl({
  name: "s3-9-access-logging",
  metadata: fsbp(["S3.9"], "Every S3 bucket except the access-log bucket itself delivers server access logs.", "medium",
    "Add an aws.s3.BucketLogging targeting the stack's access-log bucket."),
  side: aws.s3.BucketLogging,
  check: (side, all) => {
    const own = sidesOf(all, aws.s3.BucketLogging).find((s) => s.side === side)?.bucket;
    const target = sidesOf(all, aws.s3.BucketLogging, "targetBucket").find((s) => s.side === side)?.bucket;
    return own !== undefined && typeof own !== "string" && own === target ? ["the bucket logs into itself: every log write would create another log record."] : [];
  },
  missing: "no BucketLogging: requests to the bucket would leave no access record.",
  exempt: (bucket, all) => (isLogTarget(bucket, all) ? "receives the access logs" : undefined),
});

function isEnabled(rule: { status?: string }): boolean {
  return definitely(() => rule.status === "Enabled");
}

function versioningEnabled(bucket: PolicyResource, all: readonly PolicyResource[]): boolean {
  return sidesOf(all, aws.s3.BucketVersioning).some((s) => s.bucket === bucket
    && definitely(() => s.side.asType(aws.s3.BucketVersioning)!.versioningConfiguration.status === "Enabled"));
}

export const s3Lifecycle = bucketControl({
  name: "s3-13-lifecycle",
  metadata: fsbp(["S3.13", "S3.10"], "Every S3 bucket has an enabled lifecycle rule; versioned buckets also expire noncurrent versions.", "low",
    "Add an aws.s3.BucketLifecycleConfiguration with Enabled rules (with noncurrentVersionExpiration on versioned buckets)."),
  side: aws.s3.BucketLifecycleConfiguration,
  check: (side, all) => {
    const lifecycle = side.asType(aws.s3.BucketLifecycleConfiguration)!;
    const rules = read(() => lifecycle.rules);
    if (!rules.known) return [];
    const enabled = knownItems(() => lifecycle.rules).filter(isEnabled);
    if (enabled.length === 0) return ["no rule has status Enabled: objects would be kept (and billed) forever."];
    const bucket = sidesOf(all, aws.s3.BucketLifecycleConfiguration).find((s) => s.side === side)?.bucket;
    const expiresNoncurrent = enabled.some((r) => !isAbsent(() => r.noncurrentVersionExpiration));
    if (bucket !== undefined && typeof bucket !== "string" && versioningEnabled(bucket, all) && !expiresNoncurrent) {
      return ["the bucket is versioned but no enabled rule sets noncurrentVersionExpiration: overwritten and deleted objects would be kept forever (S3.10)."];
    }
    return [];
  },
  missing: "no BucketLifecycleConfiguration: objects would be kept (and billed) forever.",
});

export const s3NoAcls = bucketControl({
  name: "s3-12-no-acls",
  metadata: fsbp(["S3.12"], "S3 buckets disable ACLs (object ownership BucketOwnerEnforced); access is granted by policy only.", "medium",
    "Add an aws.s3.BucketOwnershipControls with objectOwnership BucketOwnerEnforced; remove BucketAcl resources and acl/grants."),
  side: aws.s3.BucketOwnershipControls,
  check: (side) => {
    const ownership = read(() => side.asType(aws.s3.BucketOwnershipControls)!.rule.objectOwnership);
    return ownership.known && ownership.value !== "BucketOwnerEnforced"
      ? [`objectOwnership is ${String(ownership.value)}: ACLs stay active and could grant access outside bucket policies. Use BucketOwnerEnforced.`]
      : [];
  },
  missing: "no BucketOwnershipControls: ACLs stay active (S3.12 wants objectOwnership BucketOwnerEnforced).",
  extra: (all, report) => {
    for (const acl of all.filter((r) => r.isType(aws.s3.BucketAcl))) {
      report(`${acl.name}: BucketAcl resources are not allowed: grant access through the bucket policy instead.`, acl.urn);
    }
    for (const bucket of bucketsOf(all)) {
      const props = bucket.asType(aws.s3.Bucket)!;
      if (!isAbsent(() => props.acl) || !isAbsent(() => props.grants)) {
        report(`bucket ${describeBucket(bucket)}: acl/grants are set: grant access through the bucket policy instead.`, bucket.urn);
      }
    }
  },
});

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

export const s3KmsEncryption = bucketControl({
  name: "s3-17-kms-encryption",
  metadata: fsbp(["S3.17"], "Every S3 bucket encrypts new objects with the customer KMS key by default (the access-log bucket with SSE-S3, the only encryption S3 log delivery supports).", "medium",
    "Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms and kmsMasterKeyId set to the environment's key."),
  side: aws.s3.BucketServerSideEncryptionConfiguration,
  check: (side, all) => {
    const config = side.asType(aws.s3.BucketServerSideEncryptionConfiguration)!;
    const bucket = sidesOf(all, aws.s3.BucketServerSideEncryptionConfiguration).find((s) => s.side === side)?.bucket;
    const logTarget = bucket !== undefined && typeof bucket !== "string" && isLogTarget(bucket, all);
    const problems: string[] = [];
    for (const rule of knownItems(() => config.rules)) {
      const algorithm = read(() => rule.applyServerSideEncryptionByDefault?.sseAlgorithm);
      if (logTarget && algorithm.known && algorithm.value === "AES256") continue;
      if (algorithm.known && !KMS_ALGORITHMS.includes(String(algorithm.value))) {
        problems.push(`sseAlgorithm is ${String(algorithm.value)}: objects would be encrypted with an S3-managed key. Use aws:kms.`);
      } else if (isAbsent(() => rule.applyServerSideEncryptionByDefault?.kmsMasterKeyId)) {
        problems.push("kmsMasterKeyId is not set: objects would use the AWS-managed aws/s3 key instead of the environment's customer key.");
      }
    }
    return problems;
  },
  missing: "no BucketServerSideEncryptionConfiguration: objects would use S3-managed keys instead of the customer key.",
});

export const S3_POLICIES: StackValidationPolicy[] = [s3BlockPublicAccess, s3TlsOnly, s3AccessLogging, s3Lifecycle, s3NoAcls, s3KmsEncryption];
