/** The AWS partition a region belongs to (ARNs and service principals differ per partition). */
export function partitionOf(region: string): "aws" | "aws-cn" | "aws-us-gov" {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Identifies the account and region a component builds policies for. */
export interface AccountScope {
  /** 12-digit AWS account ID the stack deploys into. No default. */
  readonly accountId: string;
  /** AWS region, e.g. `eu-west-1`. No default. */
  readonly region: string;
}

/** A stable, readable resource-name fragment from free text (e-mail, URL): lowercase, dashes, at most 40 chars. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
}
