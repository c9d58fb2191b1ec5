import * as aws from "@pulumi/aws";
import { type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { CLOUDFRONT_LOG_TYPE, HSTS_MAX_AGE_SECONDS, ONE_YEAR_SECONDS, TLS12_PROTOCOL_VERSIONS } from "../components/cdn/facts";
import { bucketName, bucketsOf, sidesOf } from "./lib/buckets";
import { baseline, fsbp } from "./lib/controls";
import { definitely, knownItems, read } from "./lib/values";

/**
 * CloudFront distributions (components/cdn, artifact delivery), by the FSBP CloudFront controls that apply to a
 * distribution with one private S3 origin: CloudFront.1, .3, .5, .7/.8, .12 and .13. Not here, and why:
 * CloudFront.4 (origin failover: one origin bucket; a failover origin would be a second region's copy, the DR part's
 * scope), CloudFront.6 (WAF: the distribution serves GET/HEAD of immutable objects by path, no application to shield;
 * a web ACL costs $5/month plus rules), CloudFront.9/.10 (custom origins only: the origin is S3 REST).
 * CloudFront.5 here accepts standard logging (v2); Security Hub's own check does not: its Config rule
 * cloudfront-accesslogs-enabled "is NON_COMPLIANT if a CloudFront distribution does not have legacy logging configured"
 * (https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-accesslogs-enabled.html, checked 2026-11-29).
 */

type Behavior = { viewerProtocolPolicy?: string; pathPattern?: string };
type Origin = { originId?: string; domainName?: string; originAccessControlId?: string; s3OriginConfig?: { originAccessIdentity?: string } };

/** The bucket name of an S3 REST origin domain (`<bucket>.s3.<region>.amazonaws.com` or `<bucket>.s3.amazonaws.com`), or undefined. */
export function s3OriginBucket(domain: string): string | undefined {
  return /^(.+)\.s3(?:\.[a-z0-9-]+)?\.amazonaws\.com$/.exec(domain)?.[1];
}

const originsOf = (d: { readonly origins?: unknown }) => knownItems(() => d.origins as Origin[] | undefined);

export const cloudFrontDefaultRootObject: ResourceValidationPolicy = {
  name: "cloudfront-1-default-root-object",
  ...fsbp(["CloudFront.1"], "A CloudFront distribution with S3 origins names a default root object.", "high",
    "Set defaultRootObject (components/cdn sets index.html; the bucket policy grants s3:GetObject only, so / never lists the bucket)."),
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, report) => {
    if (definitely(() => !d.defaultRootObject)) report("no defaultRootObject: a request for / goes to the bucket root.");
  }),
};

export const cloudFrontHttpsOnly: ResourceValidationPolicy = {
  name: "cloudfront-3-https-only",
  ...fsbp(["CloudFront.3"], "Every cache behaviour of a CloudFront distribution requires HTTPS (viewerProtocolPolicy https-only or redirect-to-https).", "medium",
    "Set viewerProtocolPolicy to https-only (components/cdn) or redirect-to-https on the default and every ordered cache behaviour."),
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, report) => {
    const behaviors: { label: string; b: Behavior }[] = [];
    const main = read(() => d.defaultCacheBehavior as unknown as Behavior);
    if (main.known) behaviors.push({ label: "defaultCacheBehavior", b: main.value });
    for (const b of knownItems(() => d.orderedCacheBehaviors as unknown as Behavior[])) behaviors.push({ label: `orderedCacheBehaviors ${b.pathPattern ?? "?"}`, b });
    const plain = behaviors.filter(({ b }) => definitely(() => b.viewerProtocolPolicy === "allow-all"));
    if (plain.length > 0) report(`${plain.map((p) => p.label).join(", ")}: viewerProtocolPolicy allow-all serves plain HTTP.`);
  }),
};

export const cloudFrontCustomCertificateSni: ResourceValidationPolicy = {
  name: "cloudfront-7-8-custom-certificate-tls12",
  ...fsbp(["CloudFront.7", "CloudFront.8"], "A CloudFront distribution serves a custom ACM certificate over SNI with a TLS 1.2 minimum security policy.", "medium",
    "Set viewerCertificate { acmCertificateArn (us-east-1), sslSupportMethod: sni-only, minimumProtocolVersion: TLSv1.2_2021 } and the alternate domain name (objectStore.delivery.domainName and certificateArn)."),
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, report) => {
    const found: string[] = [];
    const v = () => d.viewerCertificate;
    if (definitely(() => v().cloudfrontDefaultCertificate === true || !v().acmCertificateArn)) {
      found.push("the default *.cloudfront.net certificate (CloudFront keeps TLSv1 as its minimum)");
    }
    if (definitely(() => v().sslSupportMethod !== "sni-only")) found.push(`sslSupportMethod ${read(() => v().sslSupportMethod).known ? String(v().sslSupportMethod) : "?"}, not sni-only (vip costs $600 a month per distribution)`);
    if (definitely(() => !TLS12_PROTOCOL_VERSIONS.includes(v().minimumProtocolVersion ?? "TLSv1"))) found.push(`minimumProtocolVersion ${v().minimumProtocolVersion ?? "absent"}, below TLS 1.2`);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const cloudFrontOriginAccessControl: ResourceValidationPolicy = {
  name: "cloudfront-13-origin-access-control",
  ...fsbp(["CloudFront.13"], "Every S3 origin of a CloudFront distribution signs its requests with origin access control (the bucket stays private).", "medium",
    "Give the origin an aws.cloudfront.OriginAccessControl (s3, sigv4, always) and admit only the distribution's ARN in the bucket policy, as components/cdn does."),
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, report) => {
    const bare = originsOf(d).filter((o) => o.domainName !== undefined && s3OriginBucket(o.domainName) !== undefined && definitely(() => !o.originAccessControlId));
    if (bare.length > 0) report(`origin ${bare.map((o) => o.originId ?? o.domainName).join(", ")}: an S3 origin without origin access control (the bucket would have to be public or use a legacy OAI).`);
  }),
};

const distributionsOf = (resources: readonly PolicyResource[]) => resources.filter((r) => r.isType(aws.cloudfront.Distribution));

export const cloudFrontAccessLogs: StackValidationPolicy = {
  name: "cloudfront-5-access-logs",
  ...fsbp(["CloudFront.5"], "Every CloudFront distribution delivers its access logs: standard logging (v2) through a CloudWatch Logs delivery source of type ACCESS_LOGS and a delivery, or legacy logging.", "medium",
    "Add components/cdn DistributionAccessLogs for the distribution (a LogDeliverySource in us-east-1 for its ARN, a destination and a LogDelivery)."),
  validateStack: (args, report) => {
    const distributions = distributionsOf(args.resources);
    if (distributions.length === 0) {
      args.notApplicable("no CloudFront distributions");
      return;
    }
    const sources = args.resources.filter((r) => r.isType(aws.cloudwatch.LogDeliverySource));
    const deliveries = args.resources.filter((r) => r.isType(aws.cloudwatch.LogDelivery));
    for (const r of distributions) {
      const d = r.asType(aws.cloudfront.Distribution)!;
      if (definitely(() => d.loggingConfig !== undefined && !!d.loggingConfig.bucket)) continue;
      const arn = read(() => d.arn);
      const mine = sources.filter((s) => {
        const source = s.asType(aws.cloudwatch.LogDeliverySource)!;
        return linked(s, "resourceArn", r, () => arn.known && typeof arn.value === "string" && source.resourceArn === arn.value)
          && definitely(() => source.logType === CLOUDFRONT_LOG_TYPE);
      });
      if (mine.length === 0) {
        const unresolved = sources.some((s) => !read(() => s.asType(aws.cloudwatch.LogDeliverySource)!.resourceArn).known && s.dependencies.length === 0);
        if (!unresolved) report(`distribution ${r.name}: no ${CLOUDFRONT_LOG_TYPE} delivery source and no legacy logging: requests leave no trace.`, r.urn);
        continue;
      }
      const delivered = deliveries.some((l) => mine.some((s) => linked(l, "deliverySourceName", s, () => {
        const name = read(() => s.asType(aws.cloudwatch.LogDeliverySource)!.name);
        return !name.known || l.asType(aws.cloudwatch.LogDelivery)!.deliverySourceName === name.value;
      })));
      if (!delivered) report(`distribution ${r.name}: its delivery source has no LogDelivery to a destination: nothing is delivered.`, r.urn);
    }
  },
};

/** Whether `from` takes `property` from `to`: by the engine's recorded dependencies, or by equal known values. */
function linked(from: PolicyResource, property: string, to: PolicyResource, equal: () => boolean): boolean {
  return (from.propertyDependencies?.[property] ?? []).includes(to) || (from.dependencies ?? []).includes(to) || definitely(equal);
}

export const cloudFrontExistingS3Origin: StackValidationPolicy = {
  name: "cloudfront-12-existing-s3-origin",
  ...fsbp(["CloudFront.12"], "Every S3 origin of a CloudFront distribution is a bucket this stack creates (a missing bucket could be created by anyone and served under your domain).", "high",
    "Point the origin at a bucket of the stack (components/cdn takes the artifacts bucket's name)."),
  validateStack: (args, report) => {
    const distributions = distributionsOf(args.resources);
    if (distributions.length === 0) {
      args.notApplicable("no CloudFront distributions");
      return;
    }
    const buckets = bucketsOf(args.resources).map(bucketName);
    // A bucket whose name is unknown (preview of a generated name) could be any origin: nothing is proven.
    if (buckets.some((n) => n === undefined)) return;
    const names = new Set(buckets);
    for (const r of distributions) {
      const missing = originsOf(r.asType(aws.cloudfront.Distribution)!).map((o) => o.domainName === undefined ? undefined : s3OriginBucket(o.domainName))
        .filter((b): b is string => b !== undefined && !names.has(b));
      if (missing.length > 0) report(`distribution ${r.name}: S3 origin ${missing.join(", ")} is not a bucket of this stack.`, r.urn);
    }
  },
};

type Statement = { Sid?: string; Effect?: string; Principal?: { Service?: string | string[] }; Action?: string | string[]; Condition?: Record<string, Record<string, unknown>> };

/** What is wrong with a bucket policy's grants to CloudFront: each must be GetObject for one exact distribution ARN. */
export function cloudFrontGrantProblems(policy: string): string[] {
  let statements: Statement[];
  try {
    statements = (JSON.parse(policy) as { Statement?: Statement[] }).Statement ?? [];
  } catch {
    return [];
  }
  const toCloudFront = statements.filter((s) => s.Effect === "Allow" && [s.Principal?.Service].flat().includes("cloudfront.amazonaws.com"));
  return toCloudFront.flatMap((s) => {
    const label = s.Sid ?? "a statement";
    const actions = [s.Action].flat();
    const found: string[] = [];
    if (actions.some((a) => a !== "s3:GetObject")) found.push(`${label} grants ${actions.join(", ")} (only s3:GetObject)`);
    const arn = s.Condition?.StringEquals?.["AWS:SourceArn"] ?? s.Condition?.StringEquals?.["aws:SourceArn"];
    if (typeof arn !== "string" || !/^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+$/.test(arn)) {
      found.push(`${label} admits CloudFront without StringEquals AWS:SourceArn naming one distribution (any distribution of any account could read)`);
    }
    return found;
  });
}

export const cloudFrontBucketOneDistribution: ResourceValidationPolicy = {
  name: "cloudfront-bucket-admits-one-distribution",
  ...baseline("Sparki baseline: access", "A bucket policy grants CloudFront only s3:GetObject, and only for one distribution (StringEquals AWS:SourceArn on its ARN).", "high",
    "Admit the distribution as components/object-store/bucket-policy.ts does (cloudFrontRead: AllowCloudFrontDistributionRead)."),
  validateResource: validateResourceOfType(aws.s3.BucketPolicy, (p, _args, report) => {
    const policy = read(() => p.policy);
    if (!policy.known || typeof policy.value !== "string") return;
    const found = cloudFrontGrantProblems(policy.value);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const cloudFrontHsts: ResourceValidationPolicy = {
  name: "cloudfront-hsts",
  ...baseline("Sparki baseline: encryption", `A CloudFront response headers policy sends Strict-Transport-Security for at least a year (${ONE_YEAR_SECONDS} s), overriding the origin's.`, "medium",
    `Set securityHeadersConfig.strictTransportSecurity { accessControlMaxAgeSec: ${HSTS_MAX_AGE_SECONDS}, override: true } as components/cdn does.`),
  validateResource: validateResourceOfType(aws.cloudfront.ResponseHeadersPolicy, (p, _args, report) => {
    const hsts = () => p.securityHeadersConfig?.strictTransportSecurity;
    if (definitely(() => hsts() === undefined)) report("no Strict-Transport-Security header: a browser may try plain HTTP first.");
    else if (definitely(() => hsts()!.accessControlMaxAgeSec < ONE_YEAR_SECONDS || hsts()!.override !== true)) {
      report(`Strict-Transport-Security max-age ${String(hsts()!.accessControlMaxAgeSec)} s, override ${String(hsts()!.override)}: at least ${ONE_YEAR_SECONDS} s, overriding the origin.`);
    }
  }),
};

const CLOUDFRONT_PRINCIPAL = "cloudfront.amazonaws.com";

function statementsOf(policy: string): Statement[] {
  try {
    return [(JSON.parse(policy) as { Statement?: Statement | Statement[] }).Statement ?? []].flat();
  } catch {
    return [];
  }
}

const allowsCloudFront = (s: Statement) => s.Effect === "Allow" && [s.Principal?.Service].flat().includes(CLOUDFRONT_PRINCIPAL);

/** The values a statement's conditions give `key` (any operator; condition keys are case-insensitive). */
function conditionValues(s: Statement, key: string): string[] {
  return Object.values(s.Condition ?? {}).flatMap((op) => Object.entries(op).filter(([k]) => k.toLowerCase() === key.toLowerCase()).flatMap(([, v]) => [v].flat().map(String)));
}

/** IAM's StringLike / ArnLike match: `*` any run of characters, `?` one character. */
function iamLike(pattern: string, value: string): boolean {
  return new RegExp(`^${[...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&"))).join("")}$`).test(value);
}

/**
 * What is wrong with a KMS key policy's grants to CloudFront: OAC reads of SSE-KMS objects need kms:Decrypt only, and
 * AWS's statement conditions it on AWS:SourceArn, the distribution (CloudFront Developer Guide, "Restrict access to an
 * Amazon S3 origin", SSE-KMS, checked 2026-11-29); `distribution/*` of one account is the fallback when the key exists
 * before the distribution.
 */
export function cloudFrontKeyGrantProblems(policy: string): string[] {
  return statementsOf(policy).filter(allowsCloudFront).flatMap((s) => {
    const label = s.Sid ?? "a statement";
    const found: string[] = [];
    const actions = [s.Action].flat();
    if (actions.some((a) => a !== "kms:Decrypt")) found.push(`${label} grants CloudFront ${actions.join(", ")} (reads need only kms:Decrypt)`);
    const arns = conditionValues(s, "AWS:SourceArn");
    if (arns.length === 0 || arns.some((a) => !/^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Za-z0-9*]+$/.test(a))) {
      found.push(`${label} lets CloudFront use the key without AWS:SourceArn on distributions of one account`);
    }
    return found;
  });
}

/** Whether a key policy lets CloudFront decrypt objects of `bucketArn` (S3's encryption context aws:s3:arn: the bucket ARN with Bucket Keys, else the object ARN). */
export function keyAdmitsCloudFrontRead(policy: string, bucketArn: string): boolean {
  return statementsOf(policy).filter(allowsCloudFront).some((s) => {
    if (![s.Action].flat().some((a) => a === "kms:Decrypt" || a === "kms:*")) return false;
    const contexts = conditionValues(s, "kms:EncryptionContext:aws:s3:arn");
    return contexts.length === 0 || contexts.some((p) => iamLike(p, bucketArn) || iamLike(p, `${bucketArn}/any-object`));
  });
}

export const cloudFrontOriginKeyGrant: StackValidationPolicy = {
  name: "cloudfront-origin-key-grant",
  ...baseline("Sparki baseline: access", "A distribution reading an SSE-KMS bucket of the stack through origin access control has a key policy letting cloudfront.amazonaws.com kms:Decrypt that bucket's objects (else every read is a 403), and every key grant to CloudFront is kms:Decrypt for distributions of one account (AWS:SourceArn).", "high",
    "Pass the origin bucket to the stack key (EncryptionKey cloudFrontReadBucketArns), as stacks/program.ts does while objectStore.delivery is on."),
  validateStack: (args, report) => {
    const distributions = distributionsOf(args.resources);
    if (distributions.length === 0) {
      args.notApplicable("no CloudFront distributions");
      return;
    }
    const keys = args.resources.filter((r) => r.isType(aws.kms.Key)).map((k) => ({ k, policy: read(() => k.asType(aws.kms.Key)!.policy) }));
    for (const { k, policy } of keys) {
      if (policy.known && typeof policy.value === "string") for (const m of cloudFrontKeyGrantProblems(policy.value)) report(`key ${k.name}: ${m}.`, k.urn);
    }
    // A key policy still unknown (preview) could hold the grant: absence is not proven.
    const policies = keys.flatMap(({ policy }) => (policy.known ? [String(policy.value)] : []));
    if (policies.length < keys.length) return;
    const buckets = bucketsOf(args.resources);
    const encryption = sidesOf(args.resources, aws.s3.BucketServerSideEncryptionConfiguration);
    for (const r of distributions) {
      for (const o of originsOf(r.asType(aws.cloudfront.Distribution)!)) {
        const name = o.domainName === undefined ? undefined : s3OriginBucket(o.domainName);
        const bucket = buckets.find((b) => name !== undefined && bucketName(b) === name);
        if (bucket === undefined || definitely(() => !o.originAccessControlId)) continue;
        const kms = encryption.filter((e) => e.bucket === bucket).some((e) => definitely(() =>
          (e.side.asType(aws.s3.BucketServerSideEncryptionConfiguration)?.rules ?? []).some((rule) => rule.applyServerSideEncryptionByDefault?.sseAlgorithm === "aws:kms")));
        if (kms && !policies.some((p) => keyAdmitsCloudFrontRead(p, `arn:aws:s3:::${name}`))) {
          report(`distribution ${r.name}: origin ${name} is SSE-KMS but no key policy of the stack lets ${CLOUDFRONT_PRINCIPAL} kms:Decrypt its objects: every read through CloudFront is a 403.`, r.urn);
        }
      }
    }
  },
};

export const CDN_POLICIES = [
  cloudFrontDefaultRootObject, cloudFrontHttpsOnly, cloudFrontCustomCertificateSni, cloudFrontOriginAccessControl,
  cloudFrontAccessLogs, cloudFrontExistingS3Origin, cloudFrontBucketOneDistribution, cloudFrontHsts, cloudFrontOriginKeyGrant,
];
