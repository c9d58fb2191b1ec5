import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountScope } from "../common/aws";
import { bucketPolicyDocument } from "./bucket-policy";
import { type LifecycleDays, lifecycleProblems, lifecycleRule, MAX_LIFECYCLE_DAYS, type TransitionMinimumObjectSize } from "./lifecycle";
import { bucketArn, bucketNameProblem } from "./naming";

export type ObjectLockMode = "GOVERNANCE" | "COMPLIANCE";

/** The FilterId of the request-metrics configuration: the whole bucket. */
export const REQUEST_METRICS_FILTER_ID = "EntireBucket";

export interface SecureBucketArgs extends AccountScope {
  /** Globally unique bucket name (S3 rules, 3..63 characters, no dots). No default. */
  readonly bucketName: string;
  /**
   * Default encryption: SSE-KMS with this customer key and S3 Bucket Keys, or `s3-managed` (SSE-S3), which only
   * a server-access-log target should use (S3 log delivery cannot use a customer key without a key-policy grant). No default.
   */
  readonly encryption: { readonly kmsKeyArn: pulumi.Input<string> } | "s3-managed";
  /** Keep earlier versions of overwritten and deleted objects. Default: true. */
  readonly versioning?: boolean;
  /** Transition and expiry days. No default. */
  readonly lifecycle: LifecycleDays;
  /** Days after which the parts of an unfinished multipart upload are deleted. Default: 7 days. */
  readonly abortIncompleteMultipartUploadDays?: number;
  /** Which small objects never transition. Default: `all_storage_classes_128K` (stated explicitly on the rule). */
  readonly transitionMinimumObjectSize?: TransitionMinimumObjectSize;
  /** Object Lock default retention; the bucket is created lock-enabled. Needs versioning. Default: none. */
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly retentionDays: number };
  /** Where this bucket's server access logs go: target bucket name and key prefix (ending in `/`). Default: not logged. */
  readonly accessLog?: { readonly targetBucket: pulumi.Input<string>; readonly prefix: string };
  /** Names of buckets (this account) that may deliver server access logs here. Default: none (not a log target). */
  readonly logDeliverySources?: readonly string[];
  /** ARN of the one CloudFront distribution (origin access control) that may read objects. Default: none (no CloudFront access). */
  readonly cloudFrontDistributionArn?: pulumi.Input<string>;
  /** CloudWatch Logs vended delivery (CloudFront standard logs v2) from this account's sources in `sourceRegion`. Default: none. */
  readonly vendedLogDelivery?: { readonly sourceRegion: string };
  /** CloudWatch request metrics for the whole bucket (FilterId `EntireBucket`, billed per metric). Default: false. */
  readonly requestMetrics?: boolean;
  /** S3 Transfer Acceleration (edge-location uploads and downloads; billed per GB when faster). Default: false. */
  readonly transferAcceleration?: boolean;
  /** Let `pulumi destroy` delete a bucket that still holds objects, including locked ones. Default: false. */
  readonly forceDestroy?: boolean;
  /** Pulumi `protect` on the bucket. Default: false. */
  readonly protect?: boolean;
  /** Tags of the bucket, on top of the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What SecureBucketArgs leave out means, applied once by {@link resolveSecureBucketArgs}. */
export const SECURE_BUCKET_DEFAULTS = {
  versioning: true,
  abortIncompleteMultipartUploadDays: 7,
  transitionMinimumObjectSize: "all_storage_classes_128K",
  requestMetrics: false,
  transferAcceleration: false,
  forceDestroy: false,
  protect: false,
} as const satisfies Partial<SecureBucketArgs>;

type Defaulted = keyof typeof SECURE_BUCKET_DEFAULTS;
export type ResolvedSecureBucketArgs = Omit<SecureBucketArgs, Defaulted> & { readonly [K in Defaulted]-?: NonNullable<SecureBucketArgs[K]> };

/** The arguments with every default applied (the only place the component's defaults are read). */
export function resolveSecureBucketArgs(args: SecureBucketArgs): ResolvedSecureBucketArgs {
  const d = SECURE_BUCKET_DEFAULTS;
  return {
    ...args,
    versioning: args.versioning ?? d.versioning,
    abortIncompleteMultipartUploadDays: args.abortIncompleteMultipartUploadDays ?? d.abortIncompleteMultipartUploadDays,
    transitionMinimumObjectSize: args.transitionMinimumObjectSize ?? d.transitionMinimumObjectSize,
    requestMetrics: args.requestMetrics ?? d.requestMetrics,
    transferAcceleration: args.transferAcceleration ?? d.transferAcceleration,
    forceDestroy: args.forceDestroy ?? d.forceDestroy,
    protect: args.protect ?? d.protect,
  };
}

function validate(name: string, args: ResolvedSecureBucketArgs): void {
  const problems: string[] = [];
  const badName = bucketNameProblem(args.bucketName);
  if (badName) problems.push(`bucketName ${badName}`);
  for (const p of lifecycleProblems(args.lifecycle, args.objectLock?.retentionDays)) {
    problems.push(`lifecycle.${p.field} ${p.message}, got ${args.lifecycle[p.field]}`);
  }
  const abortDays = args.abortIncompleteMultipartUploadDays;
  if (!Number.isInteger(abortDays) || abortDays < 1 || abortDays > MAX_LIFECYCLE_DAYS) {
    problems.push(`abortIncompleteMultipartUploadDays must be an integer 1..${MAX_LIFECYCLE_DAYS}, got ${abortDays}`);
  }
  if (args.objectLock) {
    if (!args.versioning) problems.push("objectLock needs versioning (S3 locks object versions)");
    const days = args.objectLock.retentionDays;
    if (!Number.isInteger(days) || days < 1 || days > MAX_LIFECYCLE_DAYS) problems.push(`objectLock.retentionDays must be an integer 1..${MAX_LIFECYCLE_DAYS}, got ${days}`);
    if (args.logDeliverySources?.length) problems.push("objectLock is not allowed on a server-access-log target (S3 refuses to deliver logs to it)");
  }
  if (args.accessLog && !args.accessLog.prefix.endsWith("/")) problems.push(`accessLog.prefix must end with "/", got "${args.accessLog.prefix}"`);
  if (problems.length > 0) throw new Error(`SecureBucket ${name}: ${problems.join("; ")}`);
}

/**
 * One private S3 bucket with its side resources: bucket-owner-enforced ownership (no ACLs), all four public
 * access blocks, default encryption (SSE-C uploads blocked), versioning, a lifecycle, a TLS-only policy, and
 * optionally access logging, Object Lock, request metrics and Transfer Acceleration.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  /** The bucket name (explicit, so known before deploy). */
  readonly bucketName: string;
  /** The bucket ARN, derived from the name. */
  readonly arn: string;
  /** FilterId of the request metrics, when they are on. */
  readonly metricsFilterId?: string;
  /** The request-metrics configuration publishing the alarmed metrics (with `requestMetrics`). */
  readonly requestMetrics?: aws.s3.BucketMetric;

  constructor(name: string, given: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = resolveSecureBucketArgs(given);
    validate(name, args);
    super("sparki:object-store:SecureBucket", name, {}, opts);
    const parent = { parent: this };
    const owner = { expectedBucketOwner: args.accountId };
    this.bucketName = args.bucketName;
    this.arn = bucketArn(args.bucketName, args.region);

    this.bucket = new aws.s3.Bucket(name, {
      bucket: args.bucketName,
      forceDestroy: args.forceDestroy,
      ...(args.objectLock ? { objectLockEnabled: true } : {}),
      tags: { Name: args.bucketName, ...args.tags },
    }, { parent: this, protect: args.protect });
    const bucket = this.bucket.bucket;

    const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
      bucket, rule: { objectOwnership: "BucketOwnerEnforced" },
    }, parent);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
      bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, parent);
    const kms = args.encryption === "s3-managed" ? undefined : args.encryption;
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
      bucket, ...owner,
      rules: [kms
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kms.kmsKeyArn }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }],
    }, parent);
    const versioning = args.versioning
      ? new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, ...owner, versioningConfiguration: { status: "Enabled" } }, parent)
      : undefined;
    const afterVersioning = { parent: this, dependsOn: versioning ? [versioning] : [] };

    if (args.objectLock) {
      new aws.s3.BucketObjectLockConfiguration(`${name}-object-lock`, {
        bucket, ...owner,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.retentionDays } },
      }, afterVersioning);
    }
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
      bucket, ...owner,
      transitionDefaultMinimumObjectSize: args.transitionMinimumObjectSize,
      rules: [lifecycleRule(`${name}-lifecycle`, args.lifecycle, args.abortIncompleteMultipartUploadDays)],
    }, afterVersioning);

    const policy = pulumi.all([kms?.kmsKeyArn, args.cloudFrontDistributionArn]).apply(([kmsKeyArn, distributionArn]) => JSON.stringify(bucketPolicyDocument({
      ...(distributionArn !== undefined ? { cloudFrontRead: { distributionArn } } : {}),
      ...(args.vendedLogDelivery !== undefined ? { vendedLogDelivery: { accountId: args.accountId, ...args.vendedLogDelivery } } : {}),
      bucketArn: this.arn,
      ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
      ...(args.logDeliverySources?.length
        ? { logDelivery: { accountId: args.accountId, sourceBucketArns: args.logDeliverySources.map((b) => bucketArn(b, args.region)) } }
        : {}),
    })));
    // After the public access block and ownership controls: S3 rejects concurrent changes to one bucket.
    new aws.s3.BucketPolicy(`${name}-policy`, { bucket, policy }, { parent: this, dependsOn: [publicAccess, ownership] });

    if (args.accessLog) {
      new aws.s3.BucketLogging(`${name}-logging`, {
        bucket, ...owner,
        targetBucket: args.accessLog.targetBucket,
        targetPrefix: args.accessLog.prefix,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      }, parent);
    }
    if (args.requestMetrics) {
      this.requestMetrics = new aws.s3.BucketMetric(`${name}-request-metrics`, { bucket, name: REQUEST_METRICS_FILTER_ID }, parent);
      this.metricsFilterId = REQUEST_METRICS_FILTER_ID;
    }
    if (args.transferAcceleration) {
      new aws.s3.BucketAccelerateConfiguration(`${name}-acceleration`, { bucket, ...owner, status: "Enabled" }, parent);
    }
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}
