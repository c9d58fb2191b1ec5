import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import {
  CDN_POLICIES, cloudFrontAccessLogs, cloudFrontBucketOneDistribution, cloudFrontCustomCertificateSni, cloudFrontDefaultRootObject,
  cloudFrontExistingS3Origin, cloudFrontGrantProblems, cloudFrontHsts, cloudFrontHttpsOnly, cloudFrontKeyGrantProblems, cloudFrontOriginAccessControl,
  cloudFrontOriginKeyGrant, keyAdmitsCloudFrontRead, s3OriginBucket,
} from "../policy/cdn";
import {
  CDN_ENGINE_RULES, cloudFrontCachePolicyTtls, cloudFrontLogDeliveryRegion, cloudFrontOriginAccess, cloudFrontViewerCertificate,
} from "../policy/engine-rules-cdn";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { POLICIES } from "../policy/policies";
import { stackRun } from "./harness";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { checkResource, checkStack, pulumiType, runPack, type StackInput } from "./policy-harness";

/**
 * The CloudFront policies (policy/cdn.ts) and engine rules (policy/engine-rules-cdn.ts): what components/cdn registers in
 * prod passes; each counterexample fails with its exact message. Oracles (checked 2026-11-29): FSBP CloudFront.1/3/5/7/8/12/13
 * (Security Hub, "Security Hub controls for CloudFront"); CloudFront refuses ACM certificates outside us-east-1, aliases on the
 * default certificate and an origin with both OAC and OAI (IllegalOriginAccessConfiguration), TTLs out of order
 * (InvalidTTLOrder); the standard-logs (v2) delivery source lives in us-east-1 with logType ACCESS_LOGS.
 */

const DIST = pulumiType(aws.cloudfront.Distribution);
const CACHE = pulumiType(aws.cloudfront.CachePolicy);
const HEADERS = pulumiType(aws.cloudfront.ResponseHeadersPolicy);
const SOURCE = pulumiType(aws.cloudwatch.LogDeliverySource);
const DELIVERY = pulumiType(aws.cloudwatch.LogDelivery);
const ACCOUNT = "222222222222";
const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/8c1f3a52-4d7e-4b0a-9f6e-2a7c5d9e1b34`;
const ARN = `arn:aws:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE`;
/** What components/cdn registers (test/cdn.test.ts checks the real prod inputs; the pack test below runs them). */
const origin = { originId: "artifacts-bucket", domainName: "sparki-prod-222222222222-artifacts.s3.eu-west-1.amazonaws.com", originAccessControlId: "E2OAC", s3OriginConfig: { originAccessIdentity: "" } };
const behavior = { targetOriginId: "artifacts-bucket", viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], cachePolicyId: "c", responseHeadersPolicyId: "h" };
const certificate = { acmCertificateArn: CERT, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" };
const DISTRIBUTION = {
  enabled: true, aliases: ["artifacts.sparki.example"], httpVersion: "http2and3", priceClass: "PriceClass_All", defaultRootObject: "index.html",
  origins: [origin], defaultCacheBehavior: behavior, viewerCertificate: certificate, restrictions: { geoRestriction: { restrictionType: "none" } },
};
const CACHE_POLICY = { name: "c", minTtl: 0, defaultTtl: 31_536_000, maxTtl: 31_536_000 };
const HEADERS_POLICY = { name: "h", securityHeadersConfig: { strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: false, override: true } } };
const LOG_SOURCE = { name: "s", region: "us-east-1", logType: "ACCESS_LOGS", resourceArn: ARN };
const DEFAULT_CERT = { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1" };

const CASES: ResourceCase[] = [
  { policy: cloudFrontDefaultRootObject, type: DIST, pass: DISTRIBUTION, failures: [
    [{ defaultRootObject: "" }, "no defaultRootObject: a request for / goes to the bucket root."],
  ] },
  { policy: cloudFrontHttpsOnly, type: DIST, pass: DISTRIBUTION, failures: [
    [{ defaultCacheBehavior: { ...behavior, viewerProtocolPolicy: "allow-all" } }, "defaultCacheBehavior: viewerProtocolPolicy allow-all serves plain HTTP."],
    [{ orderedCacheBehaviors: [{ ...behavior, pathPattern: "/x/*", viewerProtocolPolicy: "allow-all" }] }, "orderedCacheBehaviors /x/*: viewerProtocolPolicy allow-all serves plain HTTP."],
  ] },
  { policy: cloudFrontCustomCertificateSni, type: DIST, pass: DISTRIBUTION, failures: [
    [{ viewerCertificate: DEFAULT_CERT }, "the default *.cloudfront.net certificate (CloudFront keeps TLSv1 as its minimum); sslSupportMethod undefined, not sni-only (vip costs $600 a month per distribution); minimumProtocolVersion TLSv1, below TLS 1.2."],
    [{ viewerCertificate: { ...certificate, sslSupportMethod: "vip" } }, "sslSupportMethod vip, not sni-only (vip costs $600 a month per distribution)."],
    [{ viewerCertificate: { ...certificate, minimumProtocolVersion: "TLSv1.1_2016" } }, "minimumProtocolVersion TLSv1.1_2016, below TLS 1.2."],
  ] },
  { policy: cloudFrontOriginAccessControl, type: DIST, pass: DISTRIBUTION, failures: [
    [{ origins: [{ ...origin, originAccessControlId: undefined }] }, "origin artifacts-bucket: an S3 origin without origin access control (the bucket would have to be public or use a legacy OAI)."],
  ] },
  { policy: cloudFrontHsts, type: HEADERS, pass: HEADERS_POLICY, failures: [
    [{ securityHeadersConfig: {} }, "no Strict-Transport-Security header: a browser may try plain HTTP first."],
    [{ securityHeadersConfig: { strictTransportSecurity: { accessControlMaxAgeSec: 86_400, override: true } } },
      "Strict-Transport-Security max-age 86400 s, override true: at least 31536000 s, overriding the origin."],
  ] },
  { policy: cloudFrontViewerCertificate, type: DIST, pass: DISTRIBUTION, failures: [
    [{ viewerCertificate: { ...certificate, acmCertificateArn: String(certificate.acmCertificateArn).replace("us-east-1", "eu-west-1") } },
      "acmCertificateArn is in eu-west-1: CloudFront accepts ACM certificates from us-east-1 only (InvalidViewerCertificate)."],
    [{ viewerCertificate: { ...certificate, sslSupportMethod: undefined } }, "acmCertificateArn without sslSupportMethod: CloudFront refuses it (InvalidViewerCertificate)."],
    [{ webAclId: "arn:aws:wafv2:eu-west-1:222222222222:regional/webacl/x/473e64fd-f30b-4765-81a0-62ad96dd167a" },
      "webAclId is a REGIONAL web ACL: a distribution takes only a web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:...:global/webacl/...)."],
    [{ viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" } },
      "alternate domain names (aliases) on the default *.cloudfront.net certificate: CloudFront refuses them (InvalidViewerCertificate); minimumProtocolVersion TLSv1.2_2021 on the default certificate: CloudFront sets TLSv1 instead (a perpetual diff, and no TLS 1.2 minimum); use your own certificate for TLSv1.2_2021."],
  ] },
  { policy: cloudFrontOriginAccess, type: DIST, pass: DISTRIBUTION, failures: [
    [{ origins: [{ ...origin, s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E2QWRUHAPOMQZL" } }] },
      "origin artifacts-bucket has both an origin access control and an origin access identity (IllegalOriginAccessConfiguration)."],
    [{ origins: [{ ...origin, domainName: "b.s3-website-eu-west-1.amazonaws.com" }] }, "origin artifacts-bucket is an S3 website endpoint, which origin access control cannot sign for."],
  ] },
  { policy: cloudFrontCachePolicyTtls, type: CACHE, pass: CACHE_POLICY, failures: [
    [{ minTtl: 10, defaultTtl: 5 }, "TTLs must satisfy minTtl <= defaultTtl <= maxTtl (CloudFront answers InvalidTTLOrder), got 10/5/31536000."],
    [{ defaultTtl: 40_000_000 }, "TTLs must satisfy minTtl <= defaultTtl <= maxTtl (CloudFront answers InvalidTTLOrder), got 0/40000000/31536000."],
  ] },
  { policy: cloudFrontLogDeliveryRegion, type: SOURCE, pass: LOG_SOURCE, failures: [
    [{ region: "eu-west-1" }, `delivery source for ${ARN}: region eu-west-1, not us-east-1.`],
    [{ logType: "CONNECTION_LOGS" }, `delivery source for ${ARN}: logType CONNECTION_LOGS, not ACCESS_LOGS.`],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("cloudfront-bucket-admits-one-distribution", () => {
  const grant = (condition: unknown, action: unknown = "s3:GetObject") => JSON.stringify({ Statement: [{
    Sid: "G", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: action, Resource: "arn:aws:s3:::b/*", Condition: condition,
  }] });

  it("passes every bucket policy prod registers, the artifacts bucket's grant included", async () => {
    const run = await stackRun("prod");
    expect(String(run.resources.find((r) => r.name === "sparki-prod-s3-artifacts-policy")?.inputs.policy)).toContain("cloudfront.amazonaws.com");
    for (const p of run.resources.filter((r) => r.type === T.bucketPolicy)) {
      expect((await checkResource(cloudFrontBucketOneDistribution, { type: T.bucketPolicy, props: { policy: p.inputs.policy } })).violations, p.name).toEqual([]);
    }
  });

  it("refuses a grant to any distribution, or anything but GetObject", async () => {
    expect((await checkResource(cloudFrontBucketOneDistribution, { type: T.bucketPolicy, props: { policy: grant(undefined) } })).violations).toEqual([
      "G admits CloudFront without StringEquals AWS:SourceArn naming one distribution (any distribution of any account could read).",
    ]);
    expect(cloudFrontGrantProblems(grant({ StringLike: { "AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/*" } }))).toHaveLength(1);
    expect(cloudFrontGrantProblems(grant({ StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/*" } }))).toHaveLength(1);
    expect(cloudFrontGrantProblems(grant({ StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE" } }, ["s3:GetObject", "s3:PutObject"])))
      .toEqual(["G grants s3:GetObject, s3:PutObject (only s3:GetObject)"]);
    expect(cloudFrontGrantProblems(grant({ StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE" } }))).toEqual([]);
  });
});

describe("cloudfront stack policies", () => {
  const dist = (props: Record<string, unknown> = {}): StackInput => ({ type: DIST, name: "d", props: { ...DISTRIBUTION, arn: ARN, ...props } });
  const source = (props: Record<string, unknown> = {}): StackInput => ({ type: SOURCE, name: "s", props: { name: "s", region: "us-east-1", logType: "ACCESS_LOGS", resourceArn: ARN, ...props } });
  const delivery = (props: Record<string, unknown> = {}): StackInput => ({ type: DELIVERY, name: "l", props: { deliverySourceName: "s", deliveryDestinationArn: "x", ...props } });
  const bucket = (name: string): StackInput => ({ type: T.bucket, name, props: { bucket: name } });
  const BUCKET = "sparki-prod-222222222222-artifacts";

  it("cloudfront-5: passes a distribution with an ACCESS_LOGS source and its delivery, matched by value or by dependency", async () => {
    expect((await checkStack(cloudFrontAccessLogs, [dist(), source(), delivery()])).violations).toEqual([]);
    const byDependency = [dist({ arn: undefined }), { ...source({ resourceArn: undefined }), dependsOnNames: ["d"] }, { ...delivery({ deliverySourceName: undefined }), dependsOnNames: ["s"] }];
    expect((await checkStack(cloudFrontAccessLogs, byDependency)).violations).toEqual([]);
  });

  it("cloudfront-5: refuses a distribution without a source, or a source without a delivery", async () => {
    expect((await checkStack(cloudFrontAccessLogs, [dist()])).violations).toEqual(["distribution d: no ACCESS_LOGS delivery source and no legacy logging: requests leave no trace."]);
    expect((await checkStack(cloudFrontAccessLogs, [dist(), source({ logType: "CONNECTION_LOGS" }), delivery()])).violations).toHaveLength(1);
    expect((await checkStack(cloudFrontAccessLogs, [dist(), source()])).violations).toEqual(["distribution d: its delivery source has no LogDelivery to a destination: nothing is delivered."]);
    expect((await checkStack(cloudFrontAccessLogs, [bucket("b")])).notApplicable).toBe("no CloudFront distributions");
  });

  it("cloudfront-12: passes an origin bucket of the stack and refuses one that is not", async () => {
    expect(s3OriginBucket(`${BUCKET}.s3.eu-west-1.amazonaws.com`)).toBe(BUCKET);
    expect(s3OriginBucket("example.com")).toBeUndefined();
    expect((await checkStack(cloudFrontExistingS3Origin, [dist(), bucket(BUCKET)])).violations).toEqual([]);
    expect((await checkStack(cloudFrontExistingS3Origin, [dist(), bucket("other")])).violations).toEqual([`distribution d: S3 origin ${BUCKET} is not a bucket of this stack.`]);
    expect((await checkStack(cloudFrontExistingS3Origin, [bucket("b")])).notApplicable).toBe("no CloudFront distributions");
  });
});

describe("cloudfront-origin-key-grant (OAC reads of SSE-KMS objects need kms:Decrypt in the key policy; AWS's statement names the distribution in AWS:SourceArn)", () => {
  const BUCKET = "sparki-prod-222222222222-artifacts";
  const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
  const ADMIN = { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
  const READ = {
    Sid: "R", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*",
    Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:cloudfront::${ACCOUNT}:distribution/*` }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [BUCKET_ARN, `${BUCKET_ARN}/*`] } },
  };
  const keyPolicy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: [ADMIN, ...statements] });
  const stack = (policy: string, sse = "aws:kms"): StackInput[] => [
    { type: DIST, name: "d", props: { ...DISTRIBUTION, arn: ARN } },
    { type: T.bucket, name: "b", props: { bucket: BUCKET } },
    { type: T.encryption, name: "e", props: { bucket: BUCKET, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: sse } }] } },
    { type: T.key, name: "k", props: { policy } },
  ];
  const MISSING = `distribution d: origin ${BUCKET} is SSE-KMS but no key policy of the stack lets cloudfront.amazonaws.com kms:Decrypt its objects: every read through CloudFront is a 403.`;

  it("passes prod's program (the stack key grants the artifacts bucket) and the statement components/kms writes", async () => {
    const run = await stackRun("prod");
    expect((await runPack(run, { all: "mandatory" }, [cloudFrontOriginKeyGrant])).violations).toEqual([]);
    expect((await checkStack(cloudFrontOriginKeyGrant, stack(keyPolicy(READ)))).violations).toEqual([]);
    expect(keyAdmitsCloudFrontRead(keyPolicy(READ), BUCKET_ARN)).toBe(true);
  });

  it("refuses an SSE-KMS origin whose key has no CloudFront grant, or a grant for another bucket; an SSE-S3 origin needs none", async () => {
    expect((await checkStack(cloudFrontOriginKeyGrant, stack(keyPolicy()))).violations).toEqual([MISSING]);
    const other = { ...READ, Condition: { ...READ.Condition, StringLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::sparki-prod-222222222222-config-backups/*" } } };
    expect((await checkStack(cloudFrontOriginKeyGrant, stack(keyPolicy(other)))).violations).toEqual([MISSING]);
    expect((await checkStack(cloudFrontOriginKeyGrant, stack(keyPolicy(), "AES256"))).violations).toEqual([]);
    expect((await checkStack(cloudFrontOriginKeyGrant, [{ type: T.key, name: "k", props: { policy: keyPolicy() } }])).notApplicable).toBe("no CloudFront distributions");
  });

  it("refuses a key grant to CloudFront beyond kms:Decrypt or without AWS:SourceArn on one account's distributions", async () => {
    const broad = { ...READ, Sid: "B", Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Condition: undefined };
    expect((await checkStack(cloudFrontOriginKeyGrant, stack(keyPolicy(broad)))).violations).toEqual([
      "key k: B grants CloudFront kms:Decrypt, kms:GenerateDataKey* (reads need only kms:Decrypt).",
      "key k: B lets CloudFront use the key without AWS:SourceArn on distributions of one account.",
    ]);
    expect(cloudFrontKeyGrantProblems(keyPolicy({ ...READ, Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:cloudfront::*:distribution/*" } } }))).toHaveLength(1);
    expect(cloudFrontKeyGrantProblems(keyPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceArn": ARN } } }))).toEqual([]);
  });
});

describe("the CloudFront policies in the pack", () => {
  it("are listed in the pack, the engine rules among the engine rules", () => {
    for (const p of [...CDN_POLICIES, ...CDN_ENGINE_RULES]) expect(POLICIES).toContain(p);
    for (const p of CDN_ENGINE_RULES) expect(ENGINE_RULE_POLICIES).toContain(p);
  });

  it("all apply to prod's program and find nothing; none applies to dev's", async () => {
    const names = [...CDN_POLICIES, ...CDN_ENGINE_RULES].map((p) => p.name);
    const prod = await runPack(await stackRun("prod"), { all: "mandatory" }, [...CDN_POLICIES, ...CDN_ENGINE_RULES]);
    expect(prod.violations).toEqual([]);
    expect([...prod.applied].sort()).toEqual([...names].filter((n) => n !== "cloudfront-bucket-admits-one-distribution").concat("cloudfront-bucket-admits-one-distribution").sort());
    const dev = await runPack(await stackRun("dev"), { all: "mandatory" }, [...CDN_POLICIES, ...CDN_ENGINE_RULES]);
    expect([...dev.applied]).toEqual(["cloudfront-bucket-admits-one-distribution"]);
  });
});
