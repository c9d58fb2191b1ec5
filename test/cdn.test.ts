import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun, childrenOf, json, ofType, one, type ProgramRun, stackRun } from "./harness";

/**
 * Artifact delivery (components/cdn) in the real stacks: prod's stack file turns it on, dev's profile leaves it off.
 * Oracles (outside facts, checked 2026-11-29): CloudFront ARNs have no region (`arn:aws:cloudfront::<account>:distribution/<id>`);
 * OAC reads need the service principal cloudfront.amazonaws.com conditioned on AWS:SourceArn (CloudFront Developer Guide,
 * "Restrict access to an Amazon S3 origin"); CloudFront's standard logs v2 are set up in us-east-1 and land under
 * `AWSLogs/<account>/` (CloudWatch Logs "Logs sent to Amazon S3"); one year is 31,536,000 seconds; TLSv1.2_2021 is the
 * CloudFront security policy with TLS 1.2 minimum.
 */

const PROD = { account: "222222222222", bucket: "sparki-prod-222222222222-artifacts", logs: "sparki-prod-222222222222-access-logs" };
const CLOUDFRONT_TYPES = [
  "aws:cloudfront/distribution:Distribution", "aws:cloudfront/originAccessControl:OriginAccessControl", "aws:cloudfront/cachePolicy:CachePolicy",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "aws:cloudwatch/logDeliverySource:LogDeliverySource",
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", "aws:cloudwatch/logDelivery:LogDelivery",
];

interface Statement { Sid?: string; Effect: string; Principal?: unknown; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }

function bucketPolicy(run: ProgramRun, slug: string): Statement[] {
  const bucket = one(run, "sparki:object-store:SecureBucket", `sparki-${run.stack}-s3-${slug}`);
  const policy = childrenOf(run, bucket).find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy");
  return json<{ Statement: Statement[] }>(policy?.inputs.policy).Statement;
}

function keyStatements(run: ProgramRun): Statement[] {
  return json<{ Statement: Statement[] }>(one(run, "aws:kms/key:Key", `sparki-${run.stack}-storage-key`).inputs.policy).Statement;
}

describe("artifact delivery in prod (the stack file opts in)", () => {
  it("puts one distribution in front of the artifacts bucket over its S3 REST endpoint, signed by origin access control", async () => {
    const run = await stackRun("prod");
    const d = one(run, "aws:cloudfront/distribution:Distribution");
    const oac = one(run, "aws:cloudfront/originAccessControl:OriginAccessControl");
    expect(oac.inputs).toMatchObject({ originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
    const origins = d.inputs.origins as Record<string, unknown>[];
    expect(origins).toHaveLength(1);
    expect(origins[0]).toMatchObject({
      domainName: `${PROD.bucket}.s3.eu-west-1.amazonaws.com`, s3OriginConfig: { originAccessIdentity: "" },
    });
    expect(String(origins[0].originAccessControlId)).toMatch(/^E[A-Z0-9]+/);
    expect(d.dependencies.map((r) => r.type)).toContain("aws:cloudfront/originAccessControl:OriginAccessControl");
  });

  it("serves HTTPS only, TLS 1.2 minimum on the configured domain and certificate, HTTP/2 and 3, GET and HEAD, every edge", async () => {
    const d = one(await stackRun("prod"), "aws:cloudfront/distribution:Distribution").inputs;
    expect(d).toMatchObject({
      enabled: true, aliases: ["artifacts.sparki.example"], httpVersion: "http2and3", priceClass: "PriceClass_All", defaultRootObject: "index.html",
      viewerCertificate: {
        acmCertificateArn: "arn:aws:acm:us-east-1:222222222222:certificate/8c1f3a52-4d7e-4b0a-9f6e-2a7c5d9e1b34",
        sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021",
      },
      defaultCacheBehavior: { viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], compress: true },
    });
    expect((d.viewerCertificate as Record<string, unknown>).cloudfrontDefaultCertificate).toBeUndefined();
  });

  it("caches immutable artifacts for a year with nothing but the path in the key, and sends HSTS", async () => {
    const run = await stackRun("prod");
    const cache = one(run, "aws:cloudfront/cachePolicy:CachePolicy").inputs;
    expect(cache).toMatchObject({
      minTtl: 0, defaultTtl: 31_536_000, maxTtl: 31_536_000,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" }, headersConfig: { headerBehavior: "none" }, queryStringsConfig: { queryStringBehavior: "none" },
      },
    });
    const headers = one(run, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy").inputs;
    const hsts = (headers.securityHeadersConfig as { strictTransportSecurity: { accessControlMaxAgeSec: number; override: boolean } }).strictTransportSecurity;
    expect(hsts.override).toBe(true);
    expect(hsts.accessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    const behavior = one(run, "aws:cloudfront/distribution:Distribution").inputs.defaultCacheBehavior as Record<string, unknown>;
    expect(behavior.cachePolicyId).toBeTruthy();
    expect(behavior.responseHeadersPolicyId).toBeTruthy();
  });

  it("admits exactly that distribution (GetObject only) in the artifacts bucket policy, and no other bucket lets CloudFront in", async () => {
    const run = await stackRun("prod");
    const grants = bucketPolicy(run, "artifacts").filter((s) => JSON.stringify(s.Principal).includes("cloudfront"));
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({
      Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${PROD.bucket}/*`,
    });
    expect(String(grants[0].Condition?.StringEquals["AWS:SourceArn"])).toMatch(new RegExp(`^arn:aws:cloudfront::${PROD.account}:distribution/E[A-Z0-9]+$`));
    for (const slug of ["deployment-logs", "test-reports", "config-backups", "audit-archive", "build-cache", "access-logs"]) {
      expect(JSON.stringify(bucketPolicy(run, slug)), slug).not.toContain("cloudfront.amazonaws.com");
    }
    // The deny statements stay: CloudFront reads over TLS 1.2 with the bucket's own key.
    expect(bucketPolicy(run, "artifacts").map((s) => s.Sid)).toEqual(expect.arrayContaining(["DenyInsecureTransport", "DenyOutdatedTls", "DenyOtherKmsKey"]));
  });

  it("lets CloudFront decrypt with the stack key only for this account's distributions and the artifacts bucket's objects", async () => {
    const statement = keyStatements(await stackRun("prod")).filter((s) => JSON.stringify(s.Principal).includes("cloudfront"));
    expect(statement).toEqual([{
      Sid: "CloudFrontDistributionsOfThisAccountReadOriginObjects", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "kms:Decrypt", Resource: "*",
      Condition: {
        ArnLike: { "AWS:SourceArn": `arn:aws:cloudfront::${PROD.account}:distribution/*` },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${PROD.bucket}`, `arn:aws:s3:::${PROD.bucket}/*`] },
      },
    }]);
  });

  it("delivers standard logs (v2) from us-east-1 to the access-log bucket, whose policy admits only this account's us-east-1 log delivery under AWSLogs/<account>/", async () => {
    const run = await stackRun("prod");
    const source = one(run, "aws:cloudwatch/logDeliverySource:LogDeliverySource").inputs;
    expect(source).toMatchObject({ region: "us-east-1", logType: "ACCESS_LOGS" });
    expect(String(source.resourceArn)).toMatch(new RegExp(`^arn:aws:cloudfront::${PROD.account}:distribution/`));
    const destination = one(run, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination").inputs;
    expect(destination).toMatchObject({ region: "us-east-1", deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:s3:::${PROD.logs}` } });
    const delivery = one(run, "aws:cloudwatch/logDelivery:LogDelivery");
    expect(delivery.inputs).toMatchObject({ region: "us-east-1", deliverySourceName: source.name });
    const component = one(run, "sparki:cdn:DistributionAccessLogs");
    expect(component.options.dependsOn.map((d) => `${d.type}::${d.name}`)).toEqual(["sparki:object-store:SecureBucket::sparki-prod-s3-access-logs"]);

    const vended = bucketPolicy(run, "access-logs").filter((s) => JSON.stringify(s.Principal).includes("delivery.logs"));
    const source_ = { StringEquals: { "aws:SourceAccount": PROD.account }, ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${PROD.account}:*` } };
    expect(vended).toEqual([
      {
        Sid: "AllowVendedLogDeliveryWrite", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" }, Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${PROD.logs}/AWSLogs/${PROD.account}/*`,
        Condition: { ...source_, StringEquals: { "aws:SourceAccount": PROD.account, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      {
        Sid: "AllowVendedLogDeliveryAclCheck", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: `arn:aws:s3:::${PROD.logs}`, Condition: source_,
      },
    ]);
  });

  it("outputs the domain to use and the distribution name its CNAME points at", async () => {
    const run = await stackRun("prod");
    const delivery = (run.outputs.s3 as { delivery?: Record<string, unknown> }).delivery;
    expect(delivery?.domainName).toBe("artifacts.sparki.example");
    expect(String(delivery?.distributionDomainName)).toMatch(/^d[a-z0-9]+\.cloudfront\.net$/);
  });

  it("builds every piece under the two sparki:cdn components", async () => {
    const run = await stackRun("prod");
    const parents = CLOUDFRONT_TYPES.map((t) => one(run, t).parent?.type);
    expect(parents).toEqual([
      "sparki:cdn:ArtifactDelivery", "sparki:cdn:ArtifactDelivery", "sparki:cdn:ArtifactDelivery", "sparki:cdn:ArtifactDelivery",
      "sparki:cdn:DistributionAccessLogs", "sparki:cdn:DistributionAccessLogs", "sparki:cdn:DistributionAccessLogs",
    ]);
  });
});

describe("artifact delivery in dev (the profile leaves it off)", () => {
  it("registers no CloudFront or log delivery resource, no CloudFront grant in a bucket or key policy", async () => {
    const run = await stackRun("dev");
    for (const type of CLOUDFRONT_TYPES) expect(ofType(run, type), type).toEqual([]);
    expect(JSON.stringify(keyStatements(run))).not.toContain("cloudfront");
    expect(JSON.stringify(bucketPolicy(run, "artifacts"))).not.toContain("cloudfront");
    expect(JSON.stringify(bucketPolicy(run, "access-logs"))).not.toContain("delivery.logs");
    expect((run.outputs.s3 as Record<string, unknown>).delivery).toBeUndefined();
  });
});

describe("examples/artifact-delivery (dev and prod opting in with their own price class, TTL and, in dev, a web ACL)", () => {
  const DIR = join(REPO_ROOT, "examples", "artifact-delivery");

  it("dev: the cheapest edges, a day's TTL, its own domain and certificate, and the key and bucket grants", async () => {
    const run = await capturedRun({ stack: "cdn-dev", stackDir: DIR });
    expect(one(run, "aws:cloudfront/distribution:Distribution").inputs).toMatchObject({
      priceClass: "PriceClass_100", aliases: ["artifacts.dev.sparki.example"],
      viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:121212121212:certificate/3f6a9c1e-7b2d-4e8f-a0c5-1d9b7e4f2a60", minimumProtocolVersion: "TLSv1.2_2021" },
    });
    expect(one(run, "aws:cloudfront/cachePolicy:CachePolicy").inputs).toMatchObject({ minTtl: 0, defaultTtl: 86_400, maxTtl: 86_400 });
    expect(one(run, "aws:cloudfront/distribution:Distribution").inputs.webAclId).toBe("arn:aws:wafv2:us-east-1:121212121212:global/webacl/sparki-artifacts/473e64fd-f30b-4765-81a0-62ad96dd167a");
    expect(JSON.stringify(keyStatements(run))).toContain("arn:aws:s3:::sparki-cdn-dev-121212121212-artifacts");
    expect(JSON.stringify(bucketPolicy(run, "artifacts"))).toContain("AllowCloudFrontDistributionRead");
  });

  it("prod: PriceClass_200 over the profile's PriceClass_All, and the profile's one-year TTL", async () => {
    const run = await capturedRun({ stack: "cdn-prod", stackDir: DIR });
    expect(one(run, "aws:cloudfront/distribution:Distribution").inputs.priceClass).toBe("PriceClass_200");
    expect(one(run, "aws:cloudfront/cachePolicy:CachePolicy").inputs).toMatchObject({ defaultTtl: 31_536_000, maxTtl: 31_536_000 });
    expect(ofType(run, "aws:cloudwatch/logDelivery:LogDelivery")).toHaveLength(1);
    expect(one(run, "aws:cloudfront/distribution:Distribution").inputs.webAclId).toBeUndefined();
  });
});

/**
 * IAM's ArnLike / StringLike: `*` matches any run of characters, `?` exactly one (IAM User Guide, "Condition operators",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html, checked 2026-11-29).
 */
function iamLike(pattern: string, value: string): boolean {
  const body = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&"))).join("");
  return new RegExp(`^${body}$`).test(value);
}

describe("the origin, the bucket grant and the key grant name the same bucket and distribution (else reads fail with 403 at runtime)", () => {
  const DIR = join(REPO_ROOT, "examples", "artifact-delivery");
  const runs: [string, () => Promise<ProgramRun>][] = [
    ["prod", () => stackRun("prod")],
    ["cdn-dev", () => capturedRun({ stack: "cdn-dev", stackDir: DIR })],
    ["cdn-prod", () => capturedRun({ stack: "cdn-prod", stackDir: DIR })],
  ];
  for (const [stack, load] of runs) {
    it(stack, async () => {
      const run = await load();
      const origins = one(run, "aws:cloudfront/distribution:Distribution").inputs.origins as { domainName: string }[];
      const bucket = /^(.+)\.s3\.[a-z0-9-]+\.amazonaws\.com$/.exec(origins[0].domainName)?.[1];
      expect(bucket, origins[0].domainName).toBeDefined();
      const admitted = bucketPolicy(run, "artifacts").find((s) => JSON.stringify(s.Principal).includes("cloudfront"));
      expect(admitted?.Resource).toBe(`arn:aws:s3:::${bucket}/*`);
      const key = keyStatements(run).find((s) => JSON.stringify(s.Principal).includes("cloudfront"));
      // CloudFront's decrypt call carries the distribution the bucket admits as AWS:SourceArn.
      expect(iamLike(String(key?.Condition?.ArnLike["AWS:SourceArn"]), String(admitted?.Condition?.StringEquals["AWS:SourceArn"]))).toBe(true);
      // S3's encryption context aws:s3:arn: the bucket ARN with S3 Bucket Keys, the object ARN without (S3 User Guide,
      // "Using server-side encryption with AWS KMS keys (SSE-KMS)", Encryption context, checked 2026-11-29).
      const contexts = [key?.Condition?.StringLike["kms:EncryptionContext:aws:s3:arn"]].flat().map(String);
      const admits = (arn: string) => contexts.some((p) => iamLike(p, arn));
      expect(admits(`arn:aws:s3:::${bucket}`)).toBe(true);
      expect(admits(`arn:aws:s3:::${bucket}/builds/42/app.tar.gz`)).toBe(true);
      expect(admits(`arn:aws:s3:::${bucket}-x`)).toBe(false);
      expect(admits(`arn:aws:s3:::${bucket?.replace("-artifacts", "-config-backups")}/a`)).toBe(false);
    });
  }
});
