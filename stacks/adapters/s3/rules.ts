import { ACCESS_LOGS_SLUG, DATA_CLASSES } from "../../../components/object-store/data-classes";
import { lifecycleProblems } from "../../../components/object-store/lifecycle";
import { bucketName, bucketNameProblem } from "../../../components/object-store/naming";
import { certificateProblem, CLOUDFRONT_CERTIFICATE_REGION, domainNameProblem, webAclProblem } from "../../../components/cdn/facts";
import type { Problem } from "../../config/problems";
import { validStackName } from "../../config/stack-name";
import type { AdapterRule } from "../contract";
import type { ObjectStoreProfile } from "./profiles";
import { LIFECYCLE_KEYS, type ObjectStoreConfig } from "./schema";
import type { ObjectStoreSettings } from "./settings";

type Rule = AdapterRule<ObjectStoreConfig, ObjectStoreProfile, ObjectStoreSettings>;

/** Lifecycle days of every bucket, after merging config over the profile; a value the stack leaves out is the profile's. */
const lifecycleRule: Rule = ({ settings }) =>
  LIFECYCLE_KEYS.flatMap((key): Problem[] => {
    const days = settings.lifecycle[key];
    const retention = key === "auditArchive" ? settings.auditRetentionDays : undefined;
    return lifecycleProblems(days, retention).map((p) => ({ path: [key, p.field], message: p.message, defaultInEffect: days[p.field] }));
  });

/** A build cache is disposable: the tier may cap how long it is kept (prod: the policy matrix-build-cache-expiry). */
const buildCacheExpiryRule: Rule = ({ profile, settings, scope }) => {
  const most = profile.maxBuildCacheExpirationDays;
  const days = settings.lifecycle.buildCache.expirationDays;
  return most !== undefined && days > most
    ? [{
      path: ["buildCache", "expirationDays"],
      message: `must be at most ${most} (days) for profile "${scope.env.profile.name}" (a build cache is rebuilt, never kept: the policy matrix-build-cache-expiry of policy/config/${scope.env.profile.name}.json refuses longer at preview)`,
    }]
    : [];
};

/** Every bucket name the prefix produces must be one S3 accepts. */
const bucketNameRule: Rule = ({ config, settings: { bucketPrefix }, scope }) => {
  // A default prefix from a stack name that cannot form physical names: the stack name's own problem says so.
  if (config.bucketPrefix === undefined && !validStackName(scope.env.name)) return [];
  const slugs = [...Object.values(DATA_CLASSES).map((c) => c.slug), ACCESS_LOGS_SLUG];
  const problem = slugs.map((slug) => bucketNameProblem(bucketName(bucketPrefix, slug))).find((p) => p !== undefined);
  if (problem === undefined) return [];
  const origin = config.bucketPrefix === undefined ? ` (the default prefix "${bucketPrefix}" comes from the stack name and accountId; set a shorter one)` : "";
  return [{ path: ["bucketPrefix"], message: `must give valid bucket names: ${problem}${origin}` }];
};

/**
 * CloudFront in front of the artifacts bucket needs an alternate domain name and an ACM certificate of this account in
 * us-east-1: with the default *.cloudfront.net certificate CloudFront pins the viewer security policy to TLSv1
 * (components/cdn/facts.ts has the sources), which the TLS 1.2 minimum forbids.
 */
const deliveryRule: Rule = ({ settings: { delivery }, scope }) => {
  if (!delivery.enabled) return [];
  const problems: Problem[] = [];
  const needs = "(CloudFront keeps TLSv1 as the minimum on its default *.cloudfront.net certificate; TLS 1.2 needs your own domain and certificate)";
  if (delivery.domainName === undefined) problems.push({ path: ["delivery", "domainName"], message: `is required with delivery.enabled ${needs}` });
  else {
    const p = domainNameProblem(delivery.domainName);
    if (p !== undefined) problems.push({ path: ["delivery", "domainName"], message: p });
  }
  if (delivery.certificateArn === undefined) {
    problems.push({ path: ["delivery", "certificateArn"], message: `is required with delivery.enabled: an ACM certificate in ${CLOUDFRONT_CERTIFICATE_REGION} covering delivery.domainName ${needs}` });
  } else {
    const p = certificateProblem(delivery.certificateArn, scope.env.accountId);
    if (p !== undefined) problems.push({ path: ["delivery", "certificateArn"], message: p });
  }
  const webAcl = delivery.webAclArn === undefined ? undefined : webAclProblem(delivery.webAclArn, scope.env.accountId);
  if (webAcl !== undefined) problems.push({ path: ["delivery", "webAclArn"], message: webAcl });
  return problems;
};

export const OBJECT_STORE_RULES: readonly Rule[] = [lifecycleRule, buildCacheExpiryRule, bucketNameRule, deliveryRule];
