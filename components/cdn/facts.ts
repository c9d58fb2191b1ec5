/**
 * What CloudFront and its log delivery accept, as pure data and checks (no SDK import): the config rules, the
 * component's own validation and the engine rules (policy/engine-rules-cdn.ts) all read these.
 */

/** CloudFront's price classes: edge locations in North America and Europe; plus most of Asia, the Middle East and Africa; all. */
export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/**
 * The security policy of the viewer connection: TLS 1.2 minimum with the 2021 cipher set. CloudFront applies it only
 * with a custom certificate and SNI; with the default *.cloudfront.net certificate it pins the policy to TLSv1
 * whatever the request asks ("If you specify true for CloudFrontDefaultCertificate, CloudFront automatically sets the
 * security policy to TLSv1 regardless of the value that you specify for MinimumProtocolVersion", CloudFront API
 * Reference, ViewerCertificate, https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html,
 * checked 2026-11-29).
 */
export const MINIMUM_PROTOCOL_VERSION = "TLSv1.2_2021";
/** Security policies that keep TLS 1.2 as the floor (the API's TLSv1.2_* values). */
export const TLS12_PROTOCOL_VERSIONS: readonly string[] = ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/**
 * Region of the ACM certificate a distribution may use: "To use an ACM certificate with CloudFront, make sure you
 * request (or import) the certificate in the US East (N. Virginia) Region (us-east-1)" (CloudFront Developer Guide,
 * "Requirements for using SSL/TLS certificates with CloudFront",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html, checked 2026-11-29).
 * The same page: the certificate must cover the alternate domain name, and it must be in the distribution's account.
 */
export const CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";

/**
 * Region of the CloudWatch Logs delivery source of a distribution's standard logs (v2): "you must use the US East
 * (N. Virginia) Region (us-east-1)" for the CloudWatch Logs API calls that set it up (CloudFront Developer Guide,
 * "Configure standard logging (v2)", https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html,
 * checked 2026-11-29). The S3 destination may be in any region.
 */
export const CLOUDFRONT_LOG_REGION = "us-east-1";
/** The delivery source's log type for CloudFront access logs (same page). */
export const CLOUDFRONT_LOG_TYPE = "ACCESS_LOGS";

/** A cache policy's largest TTL the console offers and the API default MaxTTL: one year, seconds. */
export const ONE_YEAR_SECONDS = 31_536_000;

/** HSTS max-age the response headers policy sends: two years, seconds (hstspreload.org asks for at least one). */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/** `arn:aws:acm:<region>:<account>:certificate/<uuid>`. */
const CERTIFICATE_ARN = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The region and account of an ACM certificate ARN, or undefined when it is not one. */
export function parseCertificateArn(arn: string): { readonly region: string; readonly accountId: string } | undefined {
  const m = CERTIFICATE_ARN.exec(arn);
  return m ? { region: m[1], accountId: m[2] } : undefined;
}

/** Why CloudFront would refuse this certificate for a distribution of `accountId`, or undefined. */
export function certificateProblem(arn: string, accountId: string): string | undefined {
  const parsed = parseCertificateArn(arn);
  if (parsed === undefined) return "must be an ACM certificate ARN, arn:aws:acm:us-east-1:<account>:certificate/<uuid>";
  if (parsed.region !== CLOUDFRONT_CERTIFICATE_REGION) {
    return `must be a certificate in ${CLOUDFRONT_CERTIFICATE_REGION} (CloudFront uses ACM certificates from US East (N. Virginia) only), got region ${parsed.region}`;
  }
  if (parsed.accountId !== accountId) return `must be a certificate of the stack's account ${accountId} (CloudFront cannot use another account's ACM certificate), got ${parsed.accountId}`;
  return undefined;
}

/**
 * A WAFv2 web ACL a distribution may name: scope CLOUDFRONT, which lives in us-east-1 (`global/webacl`): "To specify a
 * web ACL created using the latest version of AWS WAF, use the ACL ARN, for example
 * arn:aws:wafv2:us-east-1:123456789012:global/webacl/ExampleWebACL/473e64fd-..." (CloudFront API Reference,
 * DistributionConfig, WebACLId, https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html,
 * checked 2026-11-29). A REGIONAL web ACL cannot be associated with a distribution.
 */
const WEB_ACL_ARN = /^arn:aws:wafv2:([a-z0-9-]+):(\d{12}):(global|regional)\/webacl\/[\w-]{1,128}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Why CloudFront would refuse this web ACL for a distribution of `accountId`, or undefined. */
export function webAclProblem(arn: string, accountId: string): string | undefined {
  const m = WEB_ACL_ARN.exec(arn);
  if (m === null) return "must be a WAFv2 web ACL ARN, arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>";
  if (m[3] !== "global" || m[1] !== CLOUDFRONT_CERTIFICATE_REGION) {
    return `must be a web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:...:global/webacl/...): a REGIONAL one cannot protect a distribution, got ${m[3]} in ${m[1]}`;
  }
  if (m[2] !== accountId) return `must be a web ACL of the stack's account ${accountId}, got ${m[2]}`;
  return undefined;
}

/** A fully qualified DNS name of 2+ labels, each 1..63 letters, digits or hyphens (no wildcards: one host serves artifacts). */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function domainNameProblem(name: string): string | undefined {
  return HOST_NAME.test(name) ? undefined : "must be a lowercase DNS name of two or more labels, e.g. artifacts.example.com (no wildcard, at most 253 characters)";
}

/** Cache TTLs in the order CloudFront requires (MinTTL <= DefaultTTL <= MaxTTL; else InvalidTTLOrder). */
export interface CacheTtls {
  readonly minTtl: number;
  readonly defaultTtl: number;
  readonly maxTtl: number;
}

export function ttlOrderProblem(t: CacheTtls): string | undefined {
  return t.minTtl <= t.defaultTtl && t.defaultTtl <= t.maxTtl
    ? undefined
    : `TTLs must satisfy minTtl <= defaultTtl <= maxTtl (CloudFront answers InvalidTTLOrder), got ${t.minTtl}/${t.defaultTtl}/${t.maxTtl}`;
}

/** The S3 REST endpoint CloudFront signs requests to with OAC (never the website endpoint: OAC does not support it). */
export function s3OriginDomain(bucketName: string, region: string): string {
  return `${bucketName}.s3.${region}.amazonaws.com`;
}

/** `arn:aws:cloudfront::<account>:distribution/<id>`: CloudFront ARNs carry no region. */
export function distributionArnPattern(accountId: string): string {
  return `arn:aws:cloudfront::${accountId}:distribution/*`;
}
