import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { read } from "./values";

/**
 * Finds which bucket each S3 side resource (public access block, policy, lifecycle...) configures, for stack
 * policies such as "every bucket has a public access block".
 *
 * A side resource names its bucket in a property (`bucket`, or `targetBucket` for log delivery). The engine
 * records which resources that property was computed from (propertyDependencies), which works in preview when
 * the name itself is still unknown; otherwise the name (or ARN) is matched against the buckets' `bucket`.
 */
export type BucketRef = PolicyResource | "unknown" | "external";

/** The bucket's name when known. */
export function bucketName(bucket: PolicyResource): string | undefined {
  const name = read(() => bucket.asType(aws.s3.Bucket)?.bucket);
  return name.known && typeof name.value === "string" ? name.value : undefined;
}

function bucketArn(bucket: PolicyResource): string | undefined {
  const arn = read(() => bucket.asType(aws.s3.Bucket)?.arn);
  return arn.known && typeof arn.value === "string" ? arn.value : undefined;
}

export function bucketsOf(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => r.isType(aws.s3.Bucket));
}

export function resolveBucket(side: PolicyResource, property: string, buckets: readonly PolicyResource[]): BucketRef {
  const dependencies = (side.propertyDependencies?.[property] ?? []).filter((d) => d.isType(aws.s3.Bucket));
  if (dependencies.length === 1) return dependencies[0];
  const ref = read(() => side.props[property] as unknown);
  if (!ref.known) return "unknown";
  if (typeof ref.value !== "string") return "external";
  const target = ref.value;
  return buckets.find((b) => bucketName(b) === target || bucketArn(b) === target) ?? "external";
}

/** Side resources of one class, each with the bucket it configures. */
export interface LinkedSide {
  readonly side: PolicyResource;
  readonly bucket: BucketRef;
}

export function sidesOf(
  resources: readonly PolicyResource[], cls: Parameters<PolicyResource["isType"]>[0], property = "bucket",
): LinkedSide[] {
  const buckets = bucketsOf(resources);
  return resources.filter((r) => r.isType(cls)).map((side) => ({ side, bucket: resolveBucket(side, property, buckets) }));
}

/**
 * Whether `bucket` has a side resource in `sides`: "yes", "no", or "unknown" when some side resource's bucket
 * cannot be resolved yet (preview without dependency information), so absence cannot be proven.
 */
export function hasSide(bucket: PolicyResource, sides: readonly LinkedSide[]): "yes" | "no" | "unknown" {
  if (sides.some((s) => s.bucket === bucket)) return "yes";
  return sides.some((s) => s.bucket === "unknown") ? "unknown" : "no";
}

/** How a bucket is named in messages: its physical name, else its logical name. */
export function describeBucket(bucket: PolicyResource): string {
  return bucketName(bucket) ?? bucket.name;
}
