import { describe, expect, it } from "vitest";
import { S3_POLICIES, s3AccessLogging, s3BlockPublicAccess, s3KmsEncryption, s3Lifecycle, s3NoAcls, s3TlsOnly } from "../policy/s3";
import { bucketWithSides, KEY_ARN, loggedBuckets, T } from "./policy-fixtures";
import { checkStack, type StackInput, UNKNOWN } from "./policy-harness";

const DATA = "sparki-dev-artifacts";
const LOGS = "sparki-dev-access-logs";

function change(inputs: readonly StackInput[], name: string, props: Record<string, unknown>): StackInput[] {
  return inputs.map((r) => (r.name === name ? { ...r, props: { ...r.props, ...props } } : r));
}

function without(inputs: readonly StackInput[], name: string): StackInput[] {
  return inputs.filter((r) => r.name !== name);
}

async function violations(policy: (typeof S3_POLICIES)[number], inputs: readonly StackInput[]): Promise<string[]> {
  const outcome = await checkStack(policy, inputs);
  expect(outcome.unknownError).toBeUndefined();
  return outcome.violations;
}

describe.each(S3_POLICIES)("$name", (policy) => {
  it("passes the compliant buckets (data bucket logging into an SSE-S3 access-log bucket)", async () => {
    expect(await violations(policy, loggedBuckets())).toEqual([]);
  });

  it("is not applicable to a stack without buckets", async () => {
    expect((await checkStack(policy, [])).notApplicable).toBe("no S3 buckets");
  });
});

describe("s3-8-block-public-access", () => {
  it("fails a block with a setting off, and a bucket without a block", async () => {
    expect(await violations(s3BlockPublicAccess, change(loggedBuckets(), `${DATA}-public-access`, { restrictPublicBuckets: false, blockPublicPolicy: undefined })))
      .toEqual([`${DATA}-public-access: blockPublicPolicy, restrictPublicBuckets not true: a bucket policy or ACL could make objects public.`]);
    expect(await violations(s3BlockPublicAccess, without(loggedBuckets(), `${DATA}-public-access`)))
      .toEqual([`bucket ${DATA}: no BucketPublicAccessBlock: nothing stops a policy or ACL from making it public.`]);
  });
});

describe("s3-5-tls-only", () => {
  const allowAll = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:*", Resource: "*" }] });

  it("fails a policy without the deny, an invalid document, and a bucket without a policy", async () => {
    expect(await violations(s3TlsOnly, change(loggedBuckets(), `${DATA}-policy`, { policy: allowAll })))
      .toEqual([`${DATA}-policy: the policy has no statement denying s3:* when aws:SecureTransport is false: plaintext HTTP requests would be served.`]);
    expect(await violations(s3TlsOnly, change(loggedBuckets(), `${DATA}-policy`, { policy: "{not json" })))
      .toEqual([`${DATA}-policy: the policy is not a JSON policy document.`]);
    expect(await violations(s3TlsOnly, without(loggedBuckets(), `${DATA}-policy`)))
      .toEqual([`bucket ${DATA}: no BucketPolicy: plaintext HTTP requests would be served (S3.5 needs a deny on aws:SecureTransport=false).`]);
  });

  it("accepts the document as an object and with BoolIfExists / a boolean false", async () => {
    const statement = { Effect: "Deny", Principal: { AWS: "*" }, Action: ["s3:*"], Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": false } } };
    expect(await violations(s3TlsOnly, change(loggedBuckets(), `${DATA}-policy`, { policy: { Version: "2012-10-17", Statement: [statement] } }))).toEqual([]);
  });

  it("skips a policy document unknown during preview", async () => {
    expect(await violations(s3TlsOnly, change(loggedBuckets(), `${DATA}-policy`, { policy: UNKNOWN }))).toEqual([]);
  });
});

describe("s3-9-access-logging", () => {
  it("fails a data bucket without logging; the log bucket is exempt while it receives logs", async () => {
    const other = bucketWithSides("sparki-dev-test-reports", { logsTo: LOGS });
    expect(await violations(s3AccessLogging, without([...loggedBuckets(), ...other], `${DATA}-logging`)))
      .toEqual([`bucket ${DATA}: no BucketLogging: requests to the bucket would leave no access record.`]);
    // With no bucket logging into it, it is an ordinary bucket again.
    expect(await violations(s3AccessLogging, without(loggedBuckets(), `${DATA}-logging`))).toEqual([
      `bucket ${LOGS}: no BucketLogging: requests to the bucket would leave no access record.`,
      `bucket ${DATA}: no BucketLogging: requests to the bucket would leave no access record.`,
    ]);
  });

  it("fails a bucket that logs into itself", async () => {
    const looped = change(loggedBuckets(), `${DATA}-logging`, { targetBucket: DATA });
    expect(await violations(s3AccessLogging, looped)).toEqual([
      `${DATA}-logging: the bucket logs into itself: every log write would create another log record.`,
      `bucket ${LOGS}: no BucketLogging: requests to the bucket would leave no access record.`,
    ]);
  });
});

describe("s3-13-lifecycle", () => {
  it("fails a bucket without a lifecycle and one whose rules are all disabled", async () => {
    expect(await violations(s3Lifecycle, without(loggedBuckets(), `${DATA}-lifecycle`)))
      .toEqual([`bucket ${DATA}: no BucketLifecycleConfiguration: objects would be kept (and billed) forever.`]);
    expect(await violations(s3Lifecycle, change(loggedBuckets(), `${DATA}-lifecycle`, { rules: [{ id: "off", status: "Disabled", expiration: { days: 1 } }] })))
      .toEqual([`${DATA}-lifecycle: no rule has status Enabled: objects would be kept (and billed) forever.`]);
  });

  it("fails a versioned bucket that never expires noncurrent versions (S3.10), not an unversioned one", async () => {
    const rules = [{ id: "all", status: "Enabled", expiration: { days: 30 } }];
    expect(await violations(s3Lifecycle, bucketWithSides(DATA, { rules })))
      .toEqual([`${DATA}-lifecycle: the bucket is versioned but no enabled rule sets noncurrentVersionExpiration: overwritten and deleted objects would be kept forever (S3.10).`]);
    expect(await violations(s3Lifecycle, bucketWithSides(DATA, { rules, versioned: false }))).toEqual([]);
  });
});

describe("s3-12-no-acls", () => {
  it("fails ownership that keeps ACLs, a bucket without ownership controls, BucketAcl resources and inline ACLs", async () => {
    expect(await violations(s3NoAcls, change(loggedBuckets(), `${DATA}-ownership`, { rule: { objectOwnership: "ObjectWriter" } })))
      .toEqual([`${DATA}-ownership: objectOwnership is ObjectWriter: ACLs stay active and could grant access outside bucket policies. Use BucketOwnerEnforced.`]);
    expect(await violations(s3NoAcls, without(loggedBuckets(), `${DATA}-ownership`)))
      .toEqual([`bucket ${DATA}: no BucketOwnershipControls: ACLs stay active (S3.12 wants objectOwnership BucketOwnerEnforced).`]);
    const acl: StackInput = { type: T.bucketAcl, name: `${DATA}-acl`, props: { bucket: DATA, acl: "public-read" } };
    expect(await violations(s3NoAcls, [...loggedBuckets(), acl]))
      .toEqual([`${DATA}-acl: BucketAcl resources are not allowed: grant access through the bucket policy instead.`]);
    expect(await violations(s3NoAcls, change(loggedBuckets(), DATA, { acl: "private" })))
      .toEqual([`bucket ${DATA}: acl/grants are set: grant access through the bucket policy instead.`]);
  });
});

describe("s3-17-kms-encryption", () => {
  it("fails SSE-S3 on a data bucket, SSE-KMS without the customer key, and a bucket without default encryption", async () => {
    expect(await violations(s3KmsEncryption, change(loggedBuckets(), `${DATA}-encryption`, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })))
      .toEqual([`${DATA}-encryption: sseAlgorithm is AES256: objects would be encrypted with an S3-managed key. Use aws:kms.`]);
    expect(await violations(s3KmsEncryption, change(loggedBuckets(), `${DATA}-encryption`, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] })))
      .toEqual([`${DATA}-encryption: kmsMasterKeyId is not set: objects would use the AWS-managed aws/s3 key instead of the environment's customer key.`]);
    expect(await violations(s3KmsEncryption, without(loggedBuckets(), `${DATA}-encryption`)))
      .toEqual([`bucket ${DATA}: no BucketServerSideEncryptionConfiguration: objects would use S3-managed keys instead of the customer key.`]);
  });

  it("accepts SSE-S3 only on a bucket that receives access logs", async () => {
    const unlogged = bucketWithSides(LOGS, { encryption: "s3" });
    expect(await violations(s3KmsEncryption, unlogged))
      .toEqual([`${LOGS}-encryption: sseAlgorithm is AES256: objects would be encrypted with an S3-managed key. Use aws:kms.`]);
  });
});

describe("linking side resources to buckets", () => {
  /** As in a real preview of auto-named buckets: the side's `bucket` is unknown, the engine knows what it came from. */
  function unknownNames(inputs: readonly StackInput[], withDependencies: boolean): StackInput[] {
    return inputs.map((r) => {
      if (r.type === T.bucket || typeof r.props.bucket !== "string") return r;
      const owner = r.props.bucket;
      return { ...r, props: { ...r.props, bucket: UNKNOWN }, ...(withDependencies ? { propertyDependencies: { bucket: [owner] } } : {}) };
    });
  }

  it("uses the engine's property dependencies when a side resource's bucket is unknown", async () => {
    const inputs = unknownNames(without(loggedBuckets(), `${DATA}-public-access`), true);
    expect(await violations(s3BlockPublicAccess, inputs))
      .toEqual([`bucket ${DATA}: no BucketPublicAccessBlock: nothing stops a policy or ACL from making it public.`]);
  });

  it("proves nothing missing when neither the name nor dependencies are known", async () => {
    const inputs = unknownNames(without(loggedBuckets(), `${DATA}-public-access`), false);
    expect(await violations(s3BlockPublicAccess, inputs)).toEqual([]);
  });

  it("matches a side resource naming its bucket by ARN", async () => {
    const inputs = change(loggedBuckets(), `${DATA}-public-access`, { bucket: `arn:aws:s3:::${DATA}` });
    const withArn = change(inputs, DATA, { arn: `arn:aws:s3:::${DATA}` });
    expect(await violations(s3BlockPublicAccess, withArn)).toEqual([]);
    expect(KEY_ARN).toMatch(/^arn:aws:kms:/);
  });
});
