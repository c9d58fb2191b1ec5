import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ArtifactDeliveryArgs, artifactDeliveryProblems, cacheTtls, resolveArtifactDeliveryArgs } from "./args";
import { HSTS_MAX_AGE_SECONDS, MINIMUM_PROTOCOL_VERSION, s3OriginDomain } from "./facts";

const ORIGIN_ID = "artifacts-bucket";

/**
 * A CloudFront distribution in front of the private artifacts bucket: origin access control (SigV4-signed requests;
 * the bucket stays private and SSE-KMS encrypted, its policy admits only this distribution), HTTPS only with TLS 1.2
 * minimum on the alternate domain name, HTTP/2 and HTTP/3, GET/HEAD only, a long-TTL cache policy without cookies,
 * headers or query strings in the key (artifacts are immutable), and HSTS. Its logs: {@link DistributionAccessLogs}.
 */
export class ArtifactDelivery extends pulumi.ComponentResource {
  readonly distribution: aws.cloudfront.Distribution;
  readonly arn: pulumi.Output<string>;
  /** `dxxxx.cloudfront.net`: the target of the alternate domain name's CNAME (or alias record). */
  readonly distributionDomainName: pulumi.Output<string>;
  readonly domainName: string;

  constructor(name: string, given: ArtifactDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = resolveArtifactDeliveryArgs(given);
    const problems = artifactDeliveryProblems(args, name);
    if (problems.length > 0) throw new Error(`ArtifactDelivery ${name}: ${problems.join("; ")}`);
    super("sparki:cdn:ArtifactDelivery", name, {}, opts);
    const parent = { parent: this };
    this.domainName = args.domainName;

    const oac = new aws.cloudfront.OriginAccessControl(`${name}-oac`, {
      name: `${name}-oac`,
      description: `SigV4-signed reads of ${args.bucketName}`,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    }, parent);
    const cachePolicy = new aws.cloudfront.CachePolicy(`${name}-cache`, {
      name: `${name}-immutable`,
      comment: "Immutable build artifacts: long TTL, nothing but the path in the cache key",
      ...cacheTtls(args.cacheTtlSeconds),
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "none" },
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    }, parent);
    const headers = new aws.cloudfront.ResponseHeadersPolicy(`${name}-headers`, {
      name: `${name}-security-headers`,
      comment: "HSTS, nosniff, no framing, no referrer",
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: false, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "no-referrer", override: true },
      },
    }, parent);

    this.distribution = new aws.cloudfront.Distribution(`${name}-distribution`, {
      enabled: true,
      comment: `Artifact downloads from ${args.bucketName}`,
      aliases: [args.domainName],
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      priceClass: args.priceClass,
      // FSBP CloudFront.1; GET / never lists the bucket either way (the policy grants s3:GetObject only).
      defaultRootObject: "index.html",
      origins: [{
        originId: ORIGIN_ID,
        domainName: s3OriginDomain(args.bucketName, args.region),
        originAccessControlId: oac.id,
        // OAC, not an origin access identity: the identity stays empty (CloudFront refuses both on one origin).
        s3OriginConfig: { originAccessIdentity: "" },
      }],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: "https-only",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: cachePolicy.id,
        responseHeadersPolicyId: headers.id,
      },
      viewerCertificate: { acmCertificateArn: args.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: MINIMUM_PROTOCOL_VERSION },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      ...(args.webAclArn !== undefined ? { webAclId: args.webAclArn } : {}),
      tags: { Name: `${name}-distribution`, DataClass: "artifacts" },
    }, parent);
    this.arn = this.distribution.arn;
    this.distributionDomainName = this.distribution.domainName;
    this.registerOutputs({ arn: this.arn, distributionDomainName: this.distributionDomainName, domainName: this.domainName });
  }
}
