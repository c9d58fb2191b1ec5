import { partitionOf } from "../common/aws";

export const MAX_BUCKET_NAME_LENGTH = 63;

/** Prefixes and suffixes S3 reserves for access points, Object Lambda, directory and table buckets. */
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"];

/**
 * What is wrong with a general-purpose bucket name, or nothing. Stricter than S3 in one way: no dots, which
 * break virtual-hosted TLS (the wildcard certificate covers one label) and Transfer Acceleration.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > MAX_BUCKET_NAME_LENGTH) {
    return `"${name}" has ${name.length} characters; S3 bucket names have 3..${MAX_BUCKET_NAME_LENGTH}`;
  }
  if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(name)) {
    return `"${name}" may hold only lowercase letters, digits and hyphens, and must start and end with a letter or digit`;
  }
  const reserved = RESERVED_PREFIXES.find((p) => name.startsWith(p)) ?? RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  return reserved ? `"${name}" uses "${reserved}", which S3 reserves` : undefined;
}

/** `<prefix>-<slug>`, e.g. `sparki-prod-123456789012-artifacts`. */
export function bucketName(prefix: string, slug: string): string {
  return `${prefix}-${slug}`;
}

/** S3 ARNs carry no region or account: known from the name alone, so policies and outputs need no apply. */
export function bucketArn(name: string, region: string): string {
  return `arn:${partitionOf(region)}:s3:::${name}`;
}
