import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow, MULTIPART_THRESHOLD_MEGABYTES } from "../../../components/matrix";
import { ArtifactDelivery, CLOUDFRONT_LOG_REGION, DistributionAccessLogs } from "../../../components/cdn";
import { ACCESS_LOGS_SLUG, bucketArn, bucketName, DATA_CLASS_KEYS, DATA_CLASSES, ObjectStore } from "../../../components/object-store";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { deliveryLogsName, deliveryName, type ObjectStoreSettings } from "./settings";

/** A bucket as a service uses it: where it is and which policy to attach for which access. */
export interface BucketOutput {
  readonly name: string;
  readonly region: string;
  readonly arn: string;
  /** Artifacts only, with Transfer Acceleration on. */
  readonly accelerateEndpoint?: string;
  readonly iamPolicies: Readonly<Record<"readOnly" | "readWrite", { readonly arn: pulumi.Output<string>; readonly document: pulumi.Output<string> }>>;
}

/** Stack output `s3`. */
export interface ObjectStoreOutputs {
  readonly region: string;
  readonly buckets: Readonly<Record<string, BucketOutput>>;
  readonly accessLogBucket: { readonly name: string; readonly arn: string };
  /** Uploads that name a key must name this one (the bucket policies deny any other). */
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly multipartThresholdMegabytes: number;
  /** With `delivery.enabled`: where artifacts download from (CNAME `domainName` to `distributionDomainName`). */
  readonly delivery?: { readonly domainName: string; readonly distributionDomainName: pulumi.Output<string>; readonly distributionArn: pulumi.Output<string> };
}

/**
 * S3 for the Fiber `storage/s3` adapter: one bucket per data class plus the access-log bucket. Outputs per
 * class the bucket name, region and ARN, and the read-only / read-write IAM policies to attach to services.
 */
export function deployObjectStore(settings: ObjectStoreSettings, { env, opts, baseName, key, alarms }: SharedBlocks): Deployed<ObjectStoreOutputs> {
  const { lifecycle } = settings;
  const { delivery: deliverySettings } = settings;
  // Before the buckets: the artifacts bucket's policy admits this distribution's ARN (the origin is a name, no cycle).
  // Names end in `-s3`: the plan counts a top-level component as the adapter its name ends with (scripts/offline/tree.ts).
  const delivery = deliverySettings.enabled && deliverySettings.domainName !== undefined && deliverySettings.certificateArn !== undefined
    ? new ArtifactDelivery(deliveryName(baseName), {
      accountId: env.accountId,
      region: env.region,
      bucketName: bucketName(settings.bucketPrefix, DATA_CLASSES.artifacts.slug),
      domainName: deliverySettings.domainName,
      certificateArn: deliverySettings.certificateArn,
      priceClass: deliverySettings.priceClass,
      cacheTtlSeconds: deliverySettings.cacheTtlSeconds,
      ...(deliverySettings.webAclArn !== undefined ? { webAclArn: deliverySettings.webAclArn } : {}),
    }, opts)
    : undefined;
  const store = new ObjectStore(`${baseName}-s3`, {
    accountId: env.accountId,
    region: env.region,
    bucketPrefix: settings.bucketPrefix,
    kmsKeyArn: key.arn,
    classes: {
      artifacts: {
        lifecycle: lifecycle.artifacts, transferAcceleration: settings.artifactsTransferAcceleration,
        ...(delivery ? { cloudFrontDistributionArn: delivery.arn } : {}),
      },
      deploymentLogs: { lifecycle: lifecycle.deploymentLogs },
      testReports: { lifecycle: lifecycle.testReports },
      configBackups: { lifecycle: lifecycle.configBackups },
      auditArchive: { lifecycle: lifecycle.auditArchive },
      buildCache: { lifecycle: lifecycle.buildCache },
    },
    accessLogs: lifecycle.accessLogs,
    objectLock: { mode: settings.auditLockMode, retentionDays: settings.auditRetentionDays },
    ...(delivery ? { accessLogsVendedDelivery: { sourceRegion: CLOUDFRONT_LOG_REGION } } : {}),
    alarms,
    forceDestroy: settings.forceDestroy,
    protect: env.profile.protectStatefulResources,
  }, opts);

  if (delivery) {
    new DistributionAccessLogs(deliveryLogsName(baseName), {
      accountId: env.accountId,
      region: env.region,
      distributionArn: delivery.arn,
      bucketArn: bucketArn(bucketName(settings.bucketPrefix, ACCESS_LOGS_SLUG), env.region),
    }, { ...opts, dependsOn: [store.accessLogBucket] });
  }

  const buckets = Object.fromEntries(DATA_CLASS_KEYS.map((k): [string, BucketOutput] => {
    const facts = store.buckets[k];
    return [k, {
      name: facts.name,
      region: env.region,
      arn: facts.arn,
      ...(k === "artifacts" && settings.artifactsTransferAcceleration
        ? { accelerateEndpoint: `${facts.name}.s3-accelerate.amazonaws.com` }
        : {}),
      iamPolicies: {
        readOnly: { arn: facts.policies["read-only"].arn, document: facts.policies["read-only"].policy },
        readWrite: { arn: facts.policies["read-write"].arn, document: facts.policies["read-write"].policy },
      },
    }];
  }));
  return {
    // The stack output has carried no package list since it was first published; the composition knows it here.
    fiberPackages: matrixRow("s3").fiberPackages,
    outputs: {
      region: env.region,
      buckets,
      accessLogBucket: { name: store.accessLogBucket.bucketName, arn: store.accessLogBucket.arn },
      kmsKeyArn: key.arn,
      multipartThresholdMegabytes: MULTIPART_THRESHOLD_MEGABYTES,
      ...(delivery ? { delivery: { domainName: delivery.domainName, distributionDomainName: delivery.distributionDomainName, distributionArn: delivery.arn } } : {}),
    },
    dashboard: [store.dashboard],
    recovery: {
      buckets: DATA_CLASS_KEYS.map((k) => ({
        dataClass: k, name: store.buckets[k].name, arn: store.buckets[k].arn, lifecycle: lifecycle[k], versioned: DATA_CLASSES[k].versioned,
        ...(DATA_CLASSES[k].objectLock ? { objectLock: { mode: settings.auditLockMode, retentionDays: settings.auditRetentionDays } } : {}),
        resource: store.buckets[k].bucket,
      })),
    },
  };
}
