import { describe, expect, it } from "vitest";
import { artifactDeliveryProblems, accessLogsProblems, resolveArtifactDeliveryArgs } from "../components/cdn/args";
import { certificateProblem, domainNameProblem, ttlOrderProblem, webAclProblem } from "../components/cdn/facts";
import { stackConfig } from "../scripts/offline/stack-files";
import { s3Adapter } from "../stacks/adapters/s3";
import { deliveryLogsName, deliveryName } from "../stacks/adapters/s3/settings";
import { STACK_NAME_MAX } from "../stacks/config/stack-name";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { runWith } from "./harness";

/**
 * `sparki-storage:objectStore.delivery`: every refusal with its exact message, before anything is registered.
 * Oracles (checked 2026-11-29): CloudWatch Logs delivery names are 1..60 characters, CloudFront OAC names at most 64; CloudFront takes ACM certificates from us-east-1 only and from the distribution's own
 * account (CloudFront Developer Guide, "Requirements for using SSL/TLS certificates with CloudFront"); with the default
 * certificate its security policy is TLSv1 (CloudFront API Reference, ViewerCertificate); price classes are
 * PriceClass_100, PriceClass_200, PriceClass_All; MinTTL <= DefaultTTL <= MaxTTL (InvalidTTLOrder).
 */

const KEY = "sparki-storage:objectStore";
const DEV_CERT = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const WAF = "arn:aws:wafv2:us-east-1:111111111111:global/webacl/sparki-artifacts/473e64fd-f30b-4765-81a0-62ad96dd167a";
const NEEDS = "(CloudFront keeps TLSv1 as the minimum on its default *.cloudfront.net certificate; TLS 1.2 needs your own domain and certificate)";

function problemOf(stack: string, objectStore: unknown): string {
  try {
    loadConfig(stack, stackConfig(stack, { [KEY]: objectStore }));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const settingsOf = (stack: string, objectStore?: unknown) =>
  adapterSettings(s3Adapter, loadConfig(stack, stackConfig(stack, objectStore === undefined ? {} : { [KEY]: objectStore }))).delivery;

describe("objectStore.delivery settings", () => {
  it("is off in both profiles, on in prod's stack file, with each profile's price class and a one-year TTL", () => {
    expect(settingsOf("dev")).toEqual({ enabled: false, priceClass: "PriceClass_100", cacheTtlSeconds: 31_536_000 });
    expect(settingsOf("prod")).toEqual({
      enabled: true, priceClass: "PriceClass_All", cacheTtlSeconds: 31_536_000, domainName: "artifacts.sparki.example",
      certificateArn: "arn:aws:acm:us-east-1:222222222222:certificate/8c1f3a52-4d7e-4b0a-9f6e-2a7c5d9e1b34",
    });
    expect(settingsOf("prod", {}).enabled).toBe(false);
  });

  it("lets a dev stack opt in with its own domain, certificate, price class, TTL and web ACL", () => {
    expect(settingsOf("dev", { delivery: { enabled: true, domainName: "artifacts.dev.example", certificateArn: DEV_CERT, priceClass: "PriceClass_200", cacheTtlSeconds: 86_400, webAclArn: WAF } }))
      .toEqual({ enabled: true, domainName: "artifacts.dev.example", certificateArn: DEV_CERT, priceClass: "PriceClass_200", cacheTtlSeconds: 86_400, webAclArn: WAF });
  });
});

describe("objectStore.delivery config errors name the key, the value and the rule", () => {
  it.each([
    ["enabled without domain and certificate", { enabled: true }, [
      `${KEY}.delivery.domainName is required with delivery.enabled ${NEEDS}`,
      `${KEY}.delivery.certificateArn is required with delivery.enabled: an ACM certificate in us-east-1 covering delivery.domainName ${NEEDS}`,
    ]],
    ["a certificate outside us-east-1", { enabled: true, domainName: "artifacts.dev.example", certificateArn: DEV_CERT.replace("us-east-1", "eu-west-1") }, [
      `${KEY}.delivery.certificateArn must be a certificate in us-east-1 (CloudFront uses ACM certificates from US East (N. Virginia) only), got region eu-west-1`,
    ]],
    ["another account's certificate", { enabled: true, domainName: "artifacts.dev.example", certificateArn: DEV_CERT.replace("111111111111", "999999999999") }, [
      `${KEY}.delivery.certificateArn must be a certificate of the stack's account 111111111111 (CloudFront cannot use another account's ACM certificate), got 999999999999`,
    ]],
    ["something that is not an ACM certificate ARN", { enabled: true, domainName: "artifacts.dev.example", certificateArn: "arn:aws:iam::111111111111:server-certificate/x" }, [
      `${KEY}.delivery.certificateArn must be an ACM certificate ARN, arn:aws:acm:us-east-1:<account>:certificate/<uuid>`,
    ]],
    ["a REGIONAL web ACL", { enabled: true, domainName: "artifacts.dev.example", certificateArn: DEV_CERT, webAclArn: WAF.replace("us-east-1", "eu-west-1").replace("global", "regional") }, [
      `${KEY}.delivery.webAclArn must be a web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:...:global/webacl/...): a REGIONAL one cannot protect a distribution, got regional in eu-west-1`,
    ]],
    ["another account's web ACL", { enabled: true, domainName: "artifacts.dev.example", certificateArn: DEV_CERT, webAclArn: WAF.replace("111111111111", "999999999999") }, [
      `${KEY}.delivery.webAclArn must be a web ACL of the stack's account 111111111111, got 999999999999`,
    ]],
    ["something that is not a WAFv2 web ACL", { enabled: true, domainName: "artifacts.dev.example", certificateArn: DEV_CERT, webAclArn: "arn:aws:waf::111111111111:webacl/x" }, [
      `${KEY}.delivery.webAclArn must be a WAFv2 web ACL ARN, arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`,
    ]],
    ["a wildcard or one-label domain", { enabled: true, domainName: "*.dev.example", certificateArn: DEV_CERT }, [
      `${KEY}.delivery.domainName must be a lowercase DNS name of two or more labels, e.g. artifacts.example.com (no wildcard, at most 253 characters)`,
    ]],
  ])("%s", (_label, delivery, messages) => {
    const message = problemOf("dev", { delivery });
    for (const m of messages) expect(message).toContain(m);
    expect(message.split("\n").filter((l) => l.includes(`${KEY}.delivery`))).toHaveLength(messages.length);
  });

  it.each([
    ["an unknown price class", { priceClass: "PriceClass_300" }, `${KEY}.delivery.priceClass must be one of "PriceClass_100", "PriceClass_200", "PriceClass_All"`],
    ["a zero TTL", { cacheTtlSeconds: 0 }, `${KEY}.delivery.cacheTtlSeconds must be an integer 1..31536000, got 0`],
    ["a TTL beyond a year", { cacheTtlSeconds: 31_536_001 }, `${KEY}.delivery.cacheTtlSeconds must be an integer 1..31536000, got 31536001`],
    ["a typo", { enable: true }, `${KEY}.delivery.enable is not a known key`],
    ["a non-boolean switch", { enabled: "yes" }, `${KEY}.delivery.enabled must be true or false`],
  ])("refuses %s", (_label, delivery, message) => {
    expect(problemOf("dev", { delivery })).toContain(message);
  });

  it("checks domain and certificate only when delivery is on (prod's own section passes)", () => {
    expect(() => loadConfig("dev", stackConfig("dev", { [KEY]: { delivery: { domainName: "artifacts.dev.example" } } }))).not.toThrow();
  });

  it("registers nothing when the config is refused", async () => {
    const registered: string[] = [];
    const failure = await runWith("prod", { [KEY]: { delivery: { enabled: true } } }, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("components/cdn checks before registering", () => {
  const good = resolveArtifactDeliveryArgs({
    accountId: "111111111111", region: "eu-west-1", bucketName: "b", domainName: "artifacts.dev.example", certificateArn: DEV_CERT,
  });

  it("accepts the resolved defaults (PriceClass_100, one year)", () => {
    expect(good).toMatchObject({ priceClass: "PriceClass_100", cacheTtlSeconds: 31_536_000 });
    expect(artifactDeliveryProblems(good)).toEqual([]);
  });

  it("refuses what CloudFront would, naming each argument", () => {
    expect(artifactDeliveryProblems({ ...good, domainName: "Artifacts", certificateArn: "x", priceClass: "PriceClass_1" as never, cacheTtlSeconds: 1.5 })).toEqual([
      'domainName must be a lowercase DNS name of two or more labels, e.g. artifacts.example.com (no wildcard, at most 253 characters), got "Artifacts"',
      "certificateArn must be an ACM certificate ARN, arn:aws:acm:us-east-1:<account>:certificate/<uuid>",
      "priceClass must be one of PriceClass_100, PriceClass_200, PriceClass_All, got PriceClass_1",
      "cacheTtlSeconds must be an integer 1..31536000, got 1.5",
    ]);
  });

  it("refuses delivery names CloudWatch Logs (60) and CloudFront (64) would refuse; the longest stack name fits", () => {
    const longest = `sparki-${"a".repeat(STACK_NAME_MAX)}`;
    expect(accessLogsProblems(deliveryLogsName(longest))).toEqual([]);
    expect(artifactDeliveryProblems(good, deliveryName(longest))).toEqual([]);
    expect(accessLogsProblems("x".repeat(50))).toEqual([
      `name ${"x".repeat(50)}-destination must be 1..60 letters, digits, _ or - (CloudWatch Logs delivery names)`,
    ]);
    expect(artifactDeliveryProblems(good, "x".repeat(61))).toEqual([`name ${"x".repeat(61)}-oac must be at most 64 characters (CloudFront origin access control names)`]);
  });

  it("knows CloudFront's TTL order, certificate region and account, and host names", () => {
    expect(ttlOrderProblem({ minTtl: 10, defaultTtl: 5, maxTtl: 20 })).toBe("TTLs must satisfy minTtl <= defaultTtl <= maxTtl (CloudFront answers InvalidTTLOrder), got 10/5/20");
    expect(ttlOrderProblem({ minTtl: 0, defaultTtl: 30, maxTtl: 20 })).toBeDefined();
    expect(ttlOrderProblem({ minTtl: 0, defaultTtl: 20, maxTtl: 20 })).toBeUndefined();
    expect(certificateProblem(DEV_CERT, "111111111111")).toBeUndefined();
    expect(webAclProblem(WAF, "111111111111")).toBeUndefined();
    expect(artifactDeliveryProblems({ ...good, webAclArn: WAF.replace("global", "regional") })).toEqual([
      "webAclArn must be a web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:...:global/webacl/...): a REGIONAL one cannot protect a distribution, got regional in us-east-1",
    ]);
    expect(certificateProblem(DEV_CERT.replace("us-east-1", "us-west-2"), "111111111111")).toContain("got region us-west-2");
    expect(domainNameProblem("a.b")).toBeUndefined();
    expect(domainNameProblem("localhost")).toBeDefined();
    expect(domainNameProblem("-a.example.com")).toBeDefined();
    expect(domainNameProblem(`${"a".repeat(64)}.example.com`)).toBeDefined();
  });
});
