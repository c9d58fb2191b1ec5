import type { z } from "zod";
import { DATA_CLASS_KEYS, type DataClassKey } from "../../../components/object-store/data-classes";
import { MAX_LIFECYCLE_DAYS } from "../../../components/object-store/lifecycle";
import { documented } from "../../config/docs";
import { PROD_POLICY } from "../../config/prod-policy";
import { flag, intRange, matching, oneOf, section } from "../../config/rules";
import { ONE_YEAR_SECONDS, PRICE_CLASSES } from "../../../components/cdn/facts";

export type LifecycleKey = DataClassKey | "accessLogs";
/** Buckets with a lifecycle of their own: every data class, then the access-log bucket. */
export const LIFECYCLE_KEYS: readonly LifecycleKey[] = [...DATA_CLASS_KEYS, "accessLogs"];

const CLASSES = LIFECYCLE_KEYS.map((k) => `\`${k}\``).join(", ");

/** Transition day, or `null` to drop a transition the profile sets. The five transitions share one configuration-reference row. */
const transitionDays = documented(intRange(0, MAX_LIFECYCLE_DAYS).nullable().optional(), {
  type: `integer days 0..${MAX_LIFECYCLE_DAYS}, or \`null\``,
  default: "per profile (see S3 section)",
  description: `Days after creation an object moves to that storage class; \`null\` drops a transition the profile sets. \`<class>\`: ${CLASSES}.`,
});

const lifecycleFields = {
  standardIaDays: transitionDays,
  oneZoneIaDays: transitionDays,
  glacierIrDays: transitionDays,
  glacierDays: transitionDays,
  deepArchiveDays: transitionDays,
  expirationDays: documented(intRange(1, MAX_LIFECYCLE_DAYS).optional(), {
    type: `integer days 1..${MAX_LIFECYCLE_DAYS}`,
    default: "per profile",
    description: `Days after creation the current version expires; prod's \`buildCache\` at most ${PROD_POLICY.buildCacheMaxExpirationDays} (matrix-build-cache-expiry, policy/config/prod.json).`,
  }),
  noncurrentExpirationDays: documented(intRange(1, MAX_LIFECYCLE_DAYS).optional(), {
    type: `integer days 1..${MAX_LIFECYCLE_DAYS}`,
    default: "per profile (dev 7, prod 30; build cache 1; prod backups 90, test reports 7)",
    description: "Days a version is kept after it stops being current.",
  }),
};

/** `sparki-storage:objectStore`: S3 buckets per data class. Absent fields take the profile's value. */
export const objectStoreSchema = documented(section({
  bucketPrefix: documented(matching(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and hyphens, starting and ending with a letter or digit").optional(), {
    type: "lowercase letters, digits, `-`",
    default: "`sparki-<stack>-<accountId>`",
    description: "Start of every S3 bucket name; every resulting name must pass S3's rules (≤ 63 characters).",
  }),
  artifacts: section({
    ...lifecycleFields,
    transferAcceleration: documented(flag().optional(), {
      type: "boolean",
      setting: "artifactsTransferAcceleration",
      description: "S3 Transfer Acceleration on the artifacts bucket.",
    }),
  }).default({}),
  deploymentLogs: section(lifecycleFields).default({}),
  testReports: section(lifecycleFields).default({}),
  configBackups: section(lifecycleFields).default({}),
  auditArchive: section({
    ...lifecycleFields,
    retentionDays: documented(intRange(1, MAX_LIFECYCLE_DAYS).optional(), {
      type: `integer days 1..${MAX_LIFECYCLE_DAYS}`,
      setting: "auditRetentionDays",
      description: "Object Lock default retention of the audit archive; its `expirationDays` must not be shorter.",
    }),
  }).default({}),
  buildCache: section(lifecycleFields).default({}),
  accessLogs: section(lifecycleFields).default({}),
  delivery: section({
    enabled: documented(flag().optional(), {
      type: "boolean",
      setting: "delivery.enabled",
      description: "A CloudFront distribution in front of the artifacts bucket (origin access control, TLS 1.2 minimum, HTTP/2 and 3, standard logs v2 to the access-log bucket); needs `domainName` and `certificateArn`.",
    }),
    domainName: documented(matching(/^\S{1,253}$/, "a DNS name").optional(), {
      type: "DNS name, e.g. `artifacts.example.com`",
      default: "— (required with `enabled`)",
      description: "Alternate domain name viewers download from; point its CNAME (or Route 53 alias) at the stack output `s3.delivery.distributionDomainName`.",
    }),
    certificateArn: documented(matching(/^arn:\S+$/, "an ACM certificate ARN").optional(), {
      type: "ACM certificate ARN in us-east-1",
      default: "— (required with `enabled`)",
      description: "Certificate of this account in us-east-1 covering `domainName`. Without one CloudFront pins the default *.cloudfront.net certificate to TLSv1, so the stack refuses to deliver without it.",
    }),
    priceClass: documented(oneOf(PRICE_CLASSES).optional(), {
      type: PRICE_CLASSES.map((c) => `\`${c}\``).join(", "),
      setting: "delivery.priceClass",
      description: "Edge locations that serve downloads (100: North America, Europe, Israel; 200: adds most of Asia, the Middle East and Africa; All: every edge).",
    }),
    webAclArn: documented(matching(/^arn:\S+$/, "a WAFv2 web ACL ARN").optional(), {
      type: "WAFv2 web ACL ARN (scope CLOUDFRONT)",
      default: "— (no WAF)",
      description: "Optional AWS WAF web ACL in front of the distribution (FSBP CloudFront.6); scope CLOUDFRONT, so arn:aws:wafv2:us-east-1:<account>:global/webacl/...",
    }),
    cacheTtlSeconds: documented(intRange(1, ONE_YEAR_SECONDS).optional(), {
      type: `integer seconds 1..${ONE_YEAR_SECONDS}`,
      setting: "delivery.cacheTtlSeconds",
      description: "Default and maximum edge TTL of an artifact (artifacts are immutable: a new build writes a new key).",
    }),
  }).default({}),
}), {
  description: `S3 buckets per data class: the bucket name prefix, lifecycle days per class (${LIFECYCLE_KEYS.join(", ")}), Transfer Acceleration of artifacts, Object Lock retention of the audit archive, CloudFront delivery of artifacts (delivery). Absent fields take the profile default.`,
  each: "<class>",
});

export type ObjectStoreConfig = z.infer<typeof objectStoreSchema>;
