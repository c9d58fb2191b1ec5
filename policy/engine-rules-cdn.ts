import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  CLOUDFRONT_CERTIFICATE_REGION, CLOUDFRONT_LOG_REGION, CLOUDFRONT_LOG_TYPE, MINIMUM_PROTOCOL_VERSION, parseCertificateArn, ttlOrderProblem,
} from "../components/cdn/facts";
import { engineRule } from "./lib/controls";
import { definitely, knownItems, read } from "./lib/values";

/**
 * What CloudFront and CloudWatch Logs refuse (or silently change) when the artifact delivery (components/cdn) is
 * created; components/cdn/facts.ts holds the checks and their sources. Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";
const CERTIFICATE_REQUIREMENTS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html";

export const cloudFrontViewerCertificate: ResourceValidationPolicy = {
  name: "engine-cloudfront-viewer-certificate",
  ...engineRule("CloudFront Developer Guide, \"Requirements for using SSL/TLS certificates with CloudFront\"; CloudFront API Reference, ViewerCertificate and DistributionConfig WebACLId", CHECKED,
    "A distribution's ACM certificate is in us-east-1 and comes with sslSupportMethod; alternate domain names need a certificate of your own; on the default *.cloudfront.net certificate CloudFront sets the security policy to TLSv1 whatever minimumProtocolVersion says; a WAFv2 web ACL is of scope CLOUDFRONT.",
    "Request the certificate in us-east-1 (objectStore.delivery.certificateArn), give the distribution its alias and sni-only, as components/cdn does.",
    CERTIFICATE_REQUIREMENTS),
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, report) => {
    const v = () => d.viewerCertificate;
    const found: string[] = [];
    const arn = read(() => v().acmCertificateArn);
    if (arn.known && typeof arn.value === "string") {
      const region = parseCertificateArn(arn.value)?.region;
      if (region !== undefined && region !== CLOUDFRONT_CERTIFICATE_REGION) {
        found.push(`acmCertificateArn is in ${region}: CloudFront accepts ACM certificates from ${CLOUDFRONT_CERTIFICATE_REGION} only (InvalidViewerCertificate)`);
      }
      if (definitely(() => !v().sslSupportMethod)) found.push("acmCertificateArn without sslSupportMethod: CloudFront refuses it (InvalidViewerCertificate)");
    }
    const defaultCertificate = definitely(() => v().cloudfrontDefaultCertificate === true);
    if (defaultCertificate && knownItems(() => d.aliases).length > 0) {
      found.push("alternate domain names (aliases) on the default *.cloudfront.net certificate: CloudFront refuses them (InvalidViewerCertificate)");
    }
    const acl = read(() => d.webAclId);
    if (acl.known && typeof acl.value === "string" && acl.value.startsWith("arn:aws:wafv2:") && !/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//.test(acl.value)) {
      found.push("webAclId is a REGIONAL web ACL: a distribution takes only a web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:...:global/webacl/...)");
    }
    if (defaultCertificate && definitely(() => (v().minimumProtocolVersion ?? "TLSv1") !== "TLSv1")) {
      found.push(`minimumProtocolVersion ${String(v().minimumProtocolVersion)} on the default certificate: CloudFront sets TLSv1 instead (a perpetual diff, and no TLS 1.2 minimum); use your own certificate for ${MINIMUM_PROTOCOL_VERSION}`);
    }
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

type Origin = { originId?: string; domainName?: string; originAccessControlId?: string; s3OriginConfig?: { originAccessIdentity?: string } };

export const cloudFrontOriginAccess: ResourceValidationPolicy = {
  name: "engine-cloudfront-origin-access",
  ...engineRule("CloudFront Developer Guide, \"Restrict access to an Amazon S3 origin\"; CloudFront API Reference, CreateDistribution errors", CHECKED,
    "An origin does not carry both an origin access control and an origin access identity (IllegalOriginAccessConfiguration), and no origin access control fronts an S3 website endpoint (OAC supports the REST endpoint only).",
    "Give an OAC origin an empty s3OriginConfig.originAccessIdentity and the bucket's REST domain `<bucket>.s3.<region>.amazonaws.com`, as components/cdn does.",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html"),
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, report) => {
    const found = knownItems(() => d.origins as unknown as Origin[]).flatMap((o) => {
      if (definitely(() => !o.originAccessControlId)) return [];
      const label = o.originId ?? o.domainName ?? "?";
      return [
        ...(definitely(() => !!o.s3OriginConfig?.originAccessIdentity) ? [`origin ${label} has both an origin access control and an origin access identity (IllegalOriginAccessConfiguration)`] : []),
        ...(definitely(() => /\.s3-website[.-]/.test(o.domainName ?? "")) ? [`origin ${label} is an S3 website endpoint, which origin access control cannot sign for`] : []),
      ];
    });
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const cloudFrontCachePolicyTtls: ResourceValidationPolicy = {
  name: "engine-cloudfront-cache-policy-ttls",
  ...engineRule("CloudFront API Reference, CachePolicyConfig (MinTTL, DefaultTTL, MaxTTL) and CreateCachePolicy errors", CHECKED,
    "A cache policy's TTLs satisfy minTtl <= defaultTtl <= maxTtl (CloudFront answers InvalidTTLOrder).",
    "Derive the TTLs as components/cdn does (cacheTtls: 0 / cacheTtlSeconds / cacheTtlSeconds).",
    "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CachePolicyConfig.html"),
  validateResource: validateResourceOfType(aws.cloudfront.CachePolicy, (p, _args, report) => {
    const ttls = read(() => ({ minTtl: p.minTtl ?? 0, defaultTtl: p.defaultTtl ?? 86_400, maxTtl: p.maxTtl ?? 31_536_000 }));
    if (!ttls.known || [ttls.value.minTtl, ttls.value.defaultTtl, ttls.value.maxTtl].some((t) => typeof t !== "number")) return;
    const problem = ttlOrderProblem(ttls.value);
    if (problem) report(`${problem}.`);
  }),
};

export const cloudFrontLogDeliveryRegion: ResourceValidationPolicy = {
  name: "engine-cloudfront-log-delivery-region",
  ...engineRule("CloudFront Developer Guide, \"Configure standard logging (v2)\"", CHECKED,
    "The CloudWatch Logs delivery source of a CloudFront distribution is created in us-east-1 with logType ACCESS_LOGS (elsewhere CloudWatch Logs cannot find the distribution).",
    "Create the delivery source, destination and delivery with region us-east-1, as components/cdn DistributionAccessLogs does.",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html"),
  validateResource: validateResourceOfType(aws.cloudwatch.LogDeliverySource, (s, _args, report) => {
    const arn = read(() => s.resourceArn);
    if (!arn.known || typeof arn.value !== "string" || !/^arn:aws[a-z-]*:cloudfront::/.test(arn.value)) return;
    const found: string[] = [];
    if (definitely(() => s.region !== CLOUDFRONT_LOG_REGION)) found.push(`region ${s.region ?? "(the provider's)"}, not ${CLOUDFRONT_LOG_REGION}`);
    if (definitely(() => s.logType !== CLOUDFRONT_LOG_TYPE)) found.push(`logType ${s.logType}, not ${CLOUDFRONT_LOG_TYPE}`);
    if (found.length > 0) report(`delivery source for ${arn.value}: ${found.join("; ")}.`);
  }),
};

export const CDN_ENGINE_RULES = [cloudFrontViewerCertificate, cloudFrontOriginAccess, cloudFrontCachePolicyTtls, cloudFrontLogDeliveryRegion];
