import type * as pulumi from "@pulumi/pulumi";
import type { AccountScope } from "../common/aws";
import {
  certificateProblem, domainNameProblem, ONE_YEAR_SECONDS, PRICE_CLASSES, type PriceClass, ttlOrderProblem, webAclProblem,
} from "./facts";

export interface ArtifactDeliveryArgs extends AccountScope {
  /** Name of the private, SSE-KMS artifacts bucket CloudFront reads through origin access control (in `region`). No default. */
  readonly bucketName: string;
  /** Alternate domain name viewers download from, e.g. `artifacts.example.com` (you point its CNAME at the distribution). No default. */
  readonly domainName: string;
  /** ACM certificate in us-east-1 of this account covering `domainName`; gives the TLS 1.2 minimum. No default. */
  readonly certificateArn: string;
  /** Edge locations served: PriceClass_100, PriceClass_200 or PriceClass_All. Default: PriceClass_100. */
  readonly priceClass?: PriceClass;
  /**
   * How long edges keep an artifact when the object sets no Cache-Control, and the most they keep it when it does,
   * 1..31536000. Artifacts are immutable (a new build writes a new key), so the default is the maximum. Default: 31536000 (seconds, one year).
   */
  readonly cacheTtlSeconds?: number;
  /** WAFv2 web ACL (scope CLOUDFRONT, us-east-1, this account) in front of the distribution. Default: none (no WAF; see docs/components.md). */
  readonly webAclArn?: string;
}

export interface DistributionAccessLogsArgs extends AccountScope {
  /** ARN of the distribution whose standard logs (v2) are delivered. No default. */
  readonly distributionArn: pulumi.Input<string>;
  /** The log bucket (SSE-S3, no ACLs, its policy admitting delivery.logs.amazonaws.com): `arn:aws:s3:::<name>`. No default. */
  readonly bucketArn: string;
}

/** The arguments that have a fixed default, and that default (each documented on {@link ArtifactDeliveryArgs}). */
export const ARTIFACT_DELIVERY_DEFAULTS = { priceClass: "PriceClass_100", cacheTtlSeconds: ONE_YEAR_SECONDS } as const satisfies Partial<ArtifactDeliveryArgs>;

type Defaulted = keyof typeof ARTIFACT_DELIVERY_DEFAULTS;
export type ResolvedArtifactDeliveryArgs = Omit<ArtifactDeliveryArgs, Defaulted> & { readonly priceClass: PriceClass; readonly cacheTtlSeconds: number };

/** The arguments with every default applied (the only place the component's defaults are read). */
export function resolveArtifactDeliveryArgs(args: ArtifactDeliveryArgs): ResolvedArtifactDeliveryArgs {
  const d = ARTIFACT_DELIVERY_DEFAULTS;
  return { ...args, priceClass: args.priceClass ?? d.priceClass, cacheTtlSeconds: args.cacheTtlSeconds ?? d.cacheTtlSeconds };
}

/** The cache policy's TTLs: nothing below zero is forced, the default and the ceiling are the configured TTL. */
export function cacheTtls(cacheTtlSeconds: number): { minTtl: number; defaultTtl: number; maxTtl: number } {
  return { minTtl: 0, defaultTtl: cacheTtlSeconds, maxTtl: cacheTtlSeconds };
}

/** Everything CloudFront would refuse, checked before the component registers anything. */
export function artifactDeliveryProblems(args: ResolvedArtifactDeliveryArgs, name = "cdn"): string[] {
  const problems: string[] = [];
  if (`${name}-oac`.length > MAX_OAC_NAME_LENGTH) problems.push(`name ${name}-oac must be at most ${MAX_OAC_NAME_LENGTH} characters (CloudFront origin access control names)`);
  const domain = domainNameProblem(args.domainName);
  if (domain) problems.push(`domainName ${domain}, got "${args.domainName}"`);
  const certificate = certificateProblem(args.certificateArn, args.accountId);
  if (certificate) problems.push(`certificateArn ${certificate}`);
  const webAcl = args.webAclArn === undefined ? undefined : webAclProblem(args.webAclArn, args.accountId);
  if (webAcl) problems.push(`webAclArn ${webAcl}`);
  if (!(PRICE_CLASSES as readonly string[]).includes(args.priceClass)) problems.push(`priceClass must be one of ${PRICE_CLASSES.join(", ")}, got ${args.priceClass}`);
  const ttl = args.cacheTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > ONE_YEAR_SECONDS) problems.push(`cacheTtlSeconds must be an integer 1..${ONE_YEAR_SECONDS}, got ${ttl}`);
  const order = ttlOrderProblem(cacheTtls(ttl));
  if (order && problems.length === 0) problems.push(order);
  return problems;
}

/** CloudWatch Logs delivery source and destination names: 1..60 of `[\w-]` (PutDeliverySource, PutDeliveryDestination; checked 2026-11-29). */
export const MAX_DELIVERY_NAME_LENGTH = 60;
/** CloudFront origin access control names: at most 64 characters (OriginAccessControlConfig.Name; checked 2026-11-29). */
export const MAX_OAC_NAME_LENGTH = 64;

/** The longest name the access-log component derives from its own (`<name>-destination`). */
export const accessLogsNames = (name: string) => [`${name}-source`, `${name}-destination`];

export function accessLogsProblems(name: string): string[] {
  const problems: string[] = [];
  for (const n of accessLogsNames(name)) {
    if (n.length > MAX_DELIVERY_NAME_LENGTH || !/^[\w-]+$/.test(n)) problems.push(`name ${n} must be 1..${MAX_DELIVERY_NAME_LENGTH} letters, digits, _ or - (CloudWatch Logs delivery names)`);
  }
  return problems;
}
