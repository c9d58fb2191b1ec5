import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmContext, DashboardGraph, DashboardSection } from "../alerting";
import type { AccountScope } from "../common/aws";
import { accessPolicyDocument, BUCKET_ACCESS, type BucketAccess } from "./access-policy";
import { type ObjectLockMode, SecureBucket } from "./bucket";
import { ACCESS_LOGS_SLUG, DATA_CLASS_KEYS, DATA_CLASSES, type DataClassKey } from "./data-classes";
import { type LifecycleDays, lifecycleProblems } from "./lifecycle";
import { bucketName, bucketNameProblem } from "./naming";
import { requestAlarms } from "./request-alarms";

export * from "./access-policy";
export * from "./bucket";
export * from "./bucket-policy";
export * from "./data-classes";
export * from "./lifecycle";
export * from "./naming";
export * from "./request-alarms";

/** Settings of one data class's bucket. */
export interface DataClassSettings {
  /** Transition and expiry days. No default. */
  readonly lifecycle: LifecycleDays;
  /** S3 Transfer Acceleration on this bucket. Default: false. */
  readonly transferAcceleration?: boolean;
  /** The one CloudFront distribution (origin access control) whose reads this bucket's policy admits. Default: none. */
  readonly cloudFrontDistributionArn?: pulumi.Input<string>;
}

export interface ObjectStoreArgs extends AccountScope {
  /** Start of every bucket name; each appends its class slug, e.g. `sparki-prod-123456789012`. No default. */
  readonly bucketPrefix: string;
  /** Customer KMS key of every data bucket (SSE-KMS with Bucket Keys). No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Per data class. No default. */
  readonly classes: Readonly<Record<DataClassKey, DataClassSettings>>;
  /** Lifecycle of the server-access-log bucket. No default. */
  readonly accessLogs: LifecycleDays;
  /** Object Lock of the classes that have it (the audit archive): mode and default retention in days. No default. */
  readonly objectLock: { readonly mode: ObjectLockMode; readonly retentionDays: number };
  /** Alarm topics and evaluation of the environment (request alarms on hot buckets). No default. */
  readonly alarms: AlarmContext;
  /** CloudWatch Logs vended delivery (CloudFront standard logs v2) the access-log bucket admits, from this account's sources in that region. Default: none. */
  readonly accessLogsVendedDelivery?: { readonly sourceRegion: string };
  /** Let `pulumi destroy` empty the buckets (even locked objects). Default: false. */
  readonly forceDestroy?: boolean;
  /** Pulumi `protect` on every bucket. Default: false. */
  readonly protect?: boolean;
}

/** The arguments that have a fixed default, and that default (each documented on {@link ObjectStoreArgs}). */
export const OBJECT_STORE_DEFAULTS = { transferAcceleration: false, forceDestroy: false, protect: false } as const;

/** What a service needs to use one bucket. */
export interface BucketFacts {
  readonly bucket: SecureBucket;
  readonly name: string;
  readonly arn: string;
  /** IAM policies granting the bucket's read-only and read-write access. */
  readonly policies: Readonly<Record<BucketAccess, aws.iam.Policy>>;
}

/** Everything its buckets would refuse, checked before the component registers anything. */
function validate(name: string, args: ObjectStoreArgs): void {
  const missing = DATA_CLASS_KEYS.filter((k) => args.classes[k] === undefined);
  if (missing.length > 0) throw new Error(`ObjectStore ${name}: classes lacks ${missing.join(", ")}`);
  const buckets = [
    ...DATA_CLASS_KEYS.map((k) => ({
      label: k, slug: DATA_CLASSES[k].slug, lifecycle: args.classes[k].lifecycle,
      retentionDays: DATA_CLASSES[k].objectLock ? args.objectLock.retentionDays : undefined,
    })),
    { label: "accessLogs", slug: ACCESS_LOGS_SLUG, lifecycle: args.accessLogs, retentionDays: undefined },
  ];
  const problems = buckets.flatMap((b) => [
    ...[bucketNameProblem(bucketName(args.bucketPrefix, b.slug))].filter((p) => p !== undefined).map((p) => `bucket name ${p}`),
    ...lifecycleProblems(b.lifecycle, b.retentionDays).map((p) => `${b.label}.${p.field} ${p.message}, got ${b.lifecycle[p.field]}`),
  ]);
  if (problems.length > 0) throw new Error(`ObjectStore ${name}: ${problems.join("; ")}`);
}

/**
 * Sparki's S3 storage: one private, KMS-encrypted bucket per data class with its own lifecycle, an
 * access-log bucket they all log to, per-class IAM policies, and request alarms on the hot buckets.
 */
export class ObjectStore extends pulumi.ComponentResource {
  readonly buckets: Readonly<Record<DataClassKey, BucketFacts>>;
  readonly accessLogBucket: SecureBucket;
  /** Graphs of the hot buckets' request metrics. */
  readonly dashboard: DashboardSection;

  constructor(name: string, args: ObjectStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    validate(name, args);
    super("sparki:object-store:ObjectStore", name, {}, opts);
    const scope = { accountId: args.accountId, region: args.region };
    const d = OBJECT_STORE_DEFAULTS;
    const common = { ...scope, forceDestroy: args.forceDestroy ?? d.forceDestroy, protect: args.protect ?? d.protect };
    const names = Object.fromEntries(DATA_CLASS_KEYS.map((k) => [k, bucketName(args.bucketPrefix, DATA_CLASSES[k].slug)])) as Record<DataClassKey, string>;

    // Never object-locked and SSE-S3: S3 server access logging delivers to neither a locked nor a customer-key bucket.
    this.accessLogBucket = new SecureBucket(`${name}-${ACCESS_LOGS_SLUG}`, {
      ...common,
      bucketName: bucketName(args.bucketPrefix, ACCESS_LOGS_SLUG),
      encryption: "s3-managed",
      lifecycle: args.accessLogs,
      logDeliverySources: DATA_CLASS_KEYS.map((k) => names[k]),
      ...(args.accessLogsVendedDelivery !== undefined ? { vendedLogDelivery: args.accessLogsVendedDelivery } : {}),
      tags: { DataClass: "accessLogs" },
    }, { parent: this });

    const graphs: DashboardGraph[] = [];
    const buckets: Partial<Record<DataClassKey, BucketFacts>> = {};
    for (const key of DATA_CLASS_KEYS) {
      const dataClass = DATA_CLASSES[key];
      const settings = args.classes[key];
      const bucket = new SecureBucket(`${name}-${dataClass.slug}`, {
        ...common,
        bucketName: names[key],
        encryption: { kmsKeyArn: args.kmsKeyArn },
        versioning: dataClass.versioned,
        lifecycle: settings.lifecycle,
        ...(dataClass.objectLock ? { objectLock: args.objectLock } : {}),
        accessLog: { targetBucket: this.accessLogBucket.bucket.bucket, prefix: `${dataClass.slug}/` },
        requestMetrics: dataClass.hot,
        transferAcceleration: settings.transferAcceleration ?? d.transferAcceleration,
        ...(settings.cloudFrontDistributionArn !== undefined ? { cloudFrontDistributionArn: settings.cloudFrontDistributionArn } : {}),
        tags: { DataClass: key },
      }, { parent: this });
      if (bucket.metricsFilterId !== undefined && bucket.requestMetrics) {
        graphs.push(...requestAlarms({
          context: args.alarms, subject: dataClass.slug, bucketName: bucket.bucketName, filterId: bucket.metricsFilterId, metricsConfiguration: bucket.requestMetrics,
        }, { parent: this }));
      }
      const policies = Object.fromEntries(BUCKET_ACCESS.map((access) => [access, new aws.iam.Policy(`${name}-${dataClass.slug}-${access}`, {
        name: `${name}-${dataClass.slug}-${access}`,
        description: `${access} access to ${bucket.bucketName} (${dataClass.contents})`,
        policy: pulumi.output(args.kmsKeyArn).apply((kmsKeyArn) => JSON.stringify(accessPolicyDocument(access, {
          bucketArn: bucket.arn, kmsKeyArn, region: args.region, appendOnly: dataClass.appendOnly,
        }))),
        tags: { DataClass: key, Access: access },
      }, { parent: this })])) as Record<BucketAccess, aws.iam.Policy>;
      buckets[key] = { bucket, name: bucket.bucketName, arn: bucket.arn, policies };
    }
    this.buckets = buckets as Record<DataClassKey, BucketFacts>;
    this.dashboard = { title: "S3 object storage (request metrics of the hot buckets)", graphs };
    this.registerOutputs({
      buckets: Object.fromEntries(DATA_CLASS_KEYS.map((k) => [k, { name: names[k], arn: this.buckets[k].arn }])),
      accessLogBucket: { name: this.accessLogBucket.bucketName, arn: this.accessLogBucket.arn },
    });
  }
}
