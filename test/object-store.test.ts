import { describe, expect, it } from "vitest";
import { MINIMUM_STORAGE_DAYS, TRANSITION_CLASSES, type TransitionClass } from "../components/object-store";
import { childrenOf, json, ofType, one, type ProgramRun, type RegisteredResource, STACKS, stackRun } from "./harness";

const SLUGS = ["artifacts", "deployment-logs", "test-reports", "config-backups", "audit-archive", "build-cache"] as const;
type Slug = (typeof SLUGS)[number] | "access-logs";
const ALL: readonly Slug[] = [...SLUGS, "access-logs"];

interface Expected {
  readonly transitions: readonly [TransitionClass, number][];
  readonly expiration: number;
  readonly noncurrent: number;
}

/** Days per bucket from the profile defaults and the stack files (Pulumi.dev.yaml shortens two, Pulumi.prod.yaml sets the audit retention). */
const LIFECYCLE: Record<(typeof STACKS)[number], Record<Slug, Expected>> = {
  dev: {
    "artifacts": { transitions: [["STANDARD_IA", 30]], expiration: 60, noncurrent: 7 },
    "deployment-logs": { transitions: [], expiration: 30, noncurrent: 7 },
    "test-reports": { transitions: [], expiration: 7, noncurrent: 7 },
    "config-backups": { transitions: [], expiration: 30, noncurrent: 7 },
    "audit-archive": { transitions: [], expiration: 30, noncurrent: 7 },
    "build-cache": { transitions: [], expiration: 3, noncurrent: 1 },
    "access-logs": { transitions: [], expiration: 30, noncurrent: 7 },
  },
  prod: {
    "artifacts": { transitions: [["STANDARD_IA", 30], ["GLACIER_IR", 90]], expiration: 365, noncurrent: 30 },
    "deployment-logs": { transitions: [["GLACIER", 30], ["DEEP_ARCHIVE", 180]], expiration: 730, noncurrent: 30 },
    "test-reports": { transitions: [["STANDARD_IA", 30]], expiration: 90, noncurrent: 7 },
    "config-backups": { transitions: [["STANDARD_IA", 30], ["GLACIER_IR", 90]], expiration: 365, noncurrent: 90 },
    "audit-archive": { transitions: [["GLACIER", 90], ["DEEP_ARCHIVE", 365]], expiration: 2557, noncurrent: 30 },
    "build-cache": { transitions: [], expiration: 30, noncurrent: 1 },
    "access-logs": { transitions: [], expiration: 365, noncurrent: 30 },
  },
};

interface Statement { Sid: string; Effect: string; Principal?: unknown; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }
interface Rule {
  id: string; status: string; filter: Record<string, unknown>;
  transitions: { days: number; storageClass: TransitionClass }[];
  expiration: { days: number }; noncurrentVersionExpiration: { noncurrentDays: number };
  abortIncompleteMultipartUpload: { daysAfterInitiation: number };
}

describe.each(STACKS)("S3 buckets of %s", (stack) => {
  const isProd = stack === "prod";
  const accountId = isProd ? "222222222222" : "111111111111";
  const nameOf = (slug: Slug) => `sparki-${stack}-${accountId}-${slug}`;
  const arnOf = (slug: Slug) => `arn:aws:s3:::${nameOf(slug)}`;

  function side(run: ProgramRun, slug: Slug, type: string): RegisteredResource | undefined {
    const component = one(run, "sparki:object-store:SecureBucket", `sparki-${stack}-s3-${slug}`);
    const found = childrenOf(run, component).filter((r) => r.type === type);
    expect(found.length, `${slug} ${type}`).toBeLessThanOrEqual(1);
    return found[0];
  }
  function sideOf(run: ProgramRun, slug: Slug, type: string): RegisteredResource {
    const found = side(run, slug, type);
    if (!found) throw new Error(`${slug} has no ${type}`);
    return found;
  }

  it("creates one explicitly named bucket per data class plus the access-log bucket, protected and force-destroyable per profile", async () => {
    const run = await stackRun(stack);
    // The object store's own buckets (prod's disaster-recovery replicas, `sparki-prod-dr-*`, are test/disaster-recovery.test.ts's).
    const buckets = ofType(run, "aws:s3/bucket:Bucket").filter((b) => !b.name.startsWith(`sparki-${stack}-dr-`));
    expect(buckets.map((b) => b.inputs.bucket).sort()).toEqual(ALL.map(nameOf).sort());
    for (const slug of ALL) {
      const bucket = sideOf(run, slug, "aws:s3/bucket:Bucket");
      expect(bucket.inputs.forceDestroy, slug).toBe(!isProd);
      expect(bucket.options.protect, slug).toBe(isProd);
      expect(String(bucket.inputs.bucket).length).toBeLessThanOrEqual(63);
      expect(bucket.inputs.objectLockEnabled, slug).toBe(slug === "audit-archive" ? true : undefined);
    }
  });

  it("turns ACLs off and blocks every kind of public access on every bucket", async () => {
    const run = await stackRun(stack);
    for (const slug of ALL) {
      expect(sideOf(run, slug, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs).toMatchObject({
        bucket: nameOf(slug), rule: { objectOwnership: "BucketOwnerEnforced" },
      });
      expect(sideOf(run, slug, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({
        bucket: nameOf(slug), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
      });
    }
  });

  it("encrypts data buckets with the environment's KMS key and bucket keys; the log target with SSE-S3", async () => {
    const run = await stackRun(stack);
    const keyArn = `arn:aws:kms:eu-west-1:${accountId}:key/`;
    for (const slug of SLUGS) {
      const { rules } = sideOf(run, slug, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs as { rules: Record<string, unknown>[] };
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] });
      expect(String((rules[0].applyServerSideEncryptionByDefault as { kmsMasterKeyId: string }).kmsMasterKeyId)).toContain(keyArn);
    }
    const logs = sideOf(run, "access-logs", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs as { rules: unknown[] };
    expect(logs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }]);
  });

  it("versions every bucket except the build cache", async () => {
    const run = await stackRun(stack);
    for (const slug of ALL) {
      const versioning = side(run, slug, "aws:s3/bucketVersioning:BucketVersioning");
      if (slug === "build-cache") {
        expect(versioning).toBeUndefined();
      } else {
        expect(versioning?.inputs, slug).toMatchObject({ versioningConfiguration: { status: "Enabled" }, expectedBucketOwner: accountId });
      }
    }
  });

  it("gives each bucket its data class's lifecycle, aborting multipart uploads and expiring noncurrent versions", async () => {
    const run = await stackRun(stack);
    for (const slug of ALL) {
      const lifecycle = sideOf(run, slug, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
      expect(lifecycle.inputs.transitionDefaultMinimumObjectSize, slug).toBe("all_storage_classes_128K");
      const rules = lifecycle.inputs.rules as Rule[];
      expect(rules, slug).toHaveLength(1);
      const want = LIFECYCLE[stack][slug];
      expect(rules[0], slug).toEqual({
        id: `sparki-${stack}-s3-${slug}-lifecycle`, status: "Enabled", filter: {},
        transitions: want.transitions.map(([storageClass, days]) => ({ days, storageClass })),
        expiration: { days: want.expiration },
        noncurrentVersionExpiration: { noncurrentDays: want.noncurrent },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      });
      const versioned = slug !== "build-cache";
      expect(lifecycle.options.dependsOn.map((d) => d.type), slug).toEqual(versioned ? ["aws:s3/bucketVersioning:BucketVersioning"] : []);
    }
  });

  it("orders transitions by storage class with increasing days, respecting minimum storage durations up to expiry", async () => {
    const run = await stackRun(stack);
    for (const r of ofType(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")) {
      const [rule] = r.inputs.rules as Rule[];
      const steps = rule.transitions;
      const ranks = steps.map((t) => TRANSITION_CLASSES.indexOf(t.storageClass));
      expect(ranks, r.name).toEqual([...ranks].sort((a, b) => a - b));
      const exits = [...steps.slice(1).map((t) => t.days), rule.expiration.days];
      steps.forEach((t, i) => {
        expect(exits[i] - t.days, `${r.name} ${t.storageClass}`).toBeGreaterThanOrEqual(MINIMUM_STORAGE_DAYS[t.storageClass]);
        if (t.storageClass === "STANDARD_IA") expect(t.days).toBeGreaterThanOrEqual(30);
      });
    }
  });

  it("puts prod's long-lived classes into Glacier and Deep Archive", async () => {
    const run = await stackRun(stack);
    const classes = ofType(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")
      .flatMap((r) => (r.inputs.rules as Rule[])[0].transitions.map((t) => t.storageClass));
    expect(new Set(classes)).toEqual(new Set(isProd ? ["STANDARD_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] : ["STANDARD_IA"]));
  });

  it("locks the audit archive (GOVERNANCE in dev, COMPLIANCE in prod) for the configured retention, and nothing else", async () => {
    const run = await stackRun(stack);
    const locks = ofType(run, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").filter((l) => !l.name.startsWith(`sparki-${stack}-dr-`));
    expect(locks).toHaveLength(1);
    expect(locks[0].inputs).toEqual({
      bucket: nameOf("audit-archive"), expectedBucketOwner: accountId, objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: isProd ? "COMPLIANCE" : "GOVERNANCE", days: isProd ? 2557 : 7 } },
    });
    expect(locks[0].options.dependsOn.map((d) => d.type)).toEqual(["aws:s3/bucketVersioning:BucketVersioning"]);
    const audit = (sideOf(run, "audit-archive", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules as Rule[])[0];
    expect(audit.expiration.days).toBeGreaterThanOrEqual(isProd ? 2557 : 7);
  });

  it("logs every data bucket to the never-locked access-log bucket under its own prefix", async () => {
    const run = await stackRun(stack);
    for (const slug of SLUGS) {
      expect(sideOf(run, slug, "aws:s3/bucketLogging:BucketLogging").inputs).toEqual({
        bucket: nameOf(slug), expectedBucketOwner: accountId, targetBucket: nameOf("access-logs"), targetPrefix: `${slug}/`,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      });
    }
    expect(side(run, "access-logs", "aws:s3/bucketLogging:BucketLogging")).toBeUndefined();
    expect(side(run, "access-logs", "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toBeUndefined();
    expect(sideOf(run, "access-logs", "aws:s3/bucket:Bucket").inputs.objectLockEnabled).toBeUndefined();
  });

  it("denies plaintext and pre-1.2 TLS on every bucket, and uploads under another key on the data buckets", async () => {
    const run = await stackRun(stack);
    for (const slug of ALL) {
      const policy = sideOf(run, slug, "aws:s3/bucketPolicy:BucketPolicy");
      expect(policy.options.dependsOn.map((d) => d.type).sort()).toEqual(["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"]);
      const statements = json<{ Statement: Statement[] }>(policy.inputs.policy).Statement;
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      expect(bySid.DenyInsecureTransport).toEqual({
        Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
        Resource: [arnOf(slug), `${arnOf(slug)}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } },
      });
      expect(bySid.DenyOutdatedTls).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } });
      // Prod's artifact delivery (test/cdn.test.ts) adds CloudFront's read and the standard-logs delivery.
      const delivery: Partial<Record<Slug, string[]>> = isProd ? { "artifacts": ["AllowCloudFrontDistributionRead"], "access-logs": ["AllowVendedLogDeliveryWrite", "AllowVendedLogDeliveryAclCheck"] } : {};
      expect(statements.filter((s) => s.Effect === "Allow").map((s) => s.Sid)).toEqual([...(slug === "access-logs" ? ["AllowServerAccessLogDelivery"] : []), ...(delivery[slug] ?? [])]);
      if (slug !== "access-logs") {
        expect(String(bySid.DenyOtherKmsKey.Condition?.StringNotEquals["s3:x-amz-server-side-encryption-aws-kms-key-id"])).toMatch(/^arn:aws:kms:eu-west-1:\d{12}:key\//);
        expect(bySid.DenyOtherEncryption.Condition).toEqual({
          StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" },
        });
      }
    }
  });

  it("lets only S3 log delivery for this account's data buckets write to the access-log bucket", async () => {
    const run = await stackRun(stack);
    const statements = json<{ Statement: Statement[] }>(sideOf(run, "access-logs", "aws:s3/bucketPolicy:BucketPolicy").inputs.policy).Statement;
    expect(statements.find((s) => s.Sid === "AllowServerAccessLogDelivery")).toEqual({
      Sid: "AllowServerAccessLogDelivery", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject",
      Resource: `${arnOf("access-logs")}/*`,
      Condition: { ArnLike: { "aws:SourceArn": SLUGS.map(arnOf) }, StringEquals: { "aws:SourceAccount": accountId } },
    });
  });

  it("publishes request metrics on the hot buckets only and alarms on their 5xx count and 4xx rate", async () => {
    const run = await stackRun(stack);
    const metrics = ofType(run, "aws:s3/bucketMetric:BucketMetric");
    expect(metrics.map((m) => [m.inputs.bucket, m.inputs.name, m.inputs.filter]).sort()).toEqual([
      [nameOf("artifacts"), "EntireBucket", undefined], [nameOf("build-cache"), "EntireBucket", undefined],
    ]);
    const alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => /-s3-(server|client)-errors/.test(String(a.inputs.name)));
    expect(alarms.map((a) => a.inputs.name).sort()).toEqual(["artifacts", "build-cache"].flatMap((s) => [
      `${stack}-${s}-s3-client-errors-rate-critical`, `${stack}-${s}-s3-client-errors-rate-warning`,
      `${stack}-${s}-s3-server-errors-critical`, `${stack}-${s}-s3-server-errors-warning`,
    ]).sort());
    const serverErrors = alarms.find((a) => a.inputs.name === `${stack}-artifacts-s3-server-errors-critical`);
    expect(serverErrors?.inputs).toMatchObject({
      namespace: "AWS/S3", metricName: "5xxErrors", statistic: "Sum", threshold: 50, comparisonOperator: "GreaterThanThreshold",
      dimensions: { BucketName: nameOf("artifacts"), FilterId: "EntireBucket" }, treatMissingData: "notBreaching",
    });
    const rate = alarms.find((a) => a.inputs.name === `${stack}-build-cache-s3-client-errors-rate-warning`);
    expect(rate?.inputs).toMatchObject({ threshold: 5, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching" });
    const queries = rate?.inputs.metricQueries as { id: string; expression?: string; returnData: boolean; metric?: { metricName: string; stat: string; period: number; dimensions: Record<string, string> } }[];
    expect(queries.map((q) => [q.id, q.metric?.metricName ?? q.expression, q.returnData])).toEqual([
      ["numerator", "4xxErrors", false], ["denominator", "AllRequests", false], ["rate", "100 * FILL(numerator, 0) / denominator", true],
    ]);
    expect(queries[0].metric).toMatchObject({ stat: "Sum", period: 300, dimensions: { BucketName: nameOf("build-cache"), FilterId: "EntireBucket" } });
  });

  it(`${isProd ? "turns on" : "leaves off"} Transfer Acceleration on the artifacts bucket`, async () => {
    const run = await stackRun(stack);
    const acceleration = ofType(run, "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration");
    expect(acceleration.map((a) => [a.inputs.bucket, a.inputs.status])).toEqual(isProd ? [[nameOf("artifacts"), "Enabled"]] : []);
  });

  it("creates read-only and read-write IAM policies per data class; audit writers cannot delete", async () => {
    const run = await stackRun(stack);
    const policies = ofType(run, "aws:iam/policy:Policy").filter((p) => String(p.inputs.name).startsWith(`sparki-${stack}-s3-`));
    expect(policies.map((p) => p.inputs.name).sort()).toEqual(SLUGS.flatMap((s) => [`sparki-${stack}-s3-${s}-read-only`, `sparki-${stack}-s3-${s}-read-write`]).sort());
    const actionsOf = (name: string) => json<{ Statement: Statement[] }>(policies.find((p) => p.inputs.name === name)?.inputs.policy)
      .Statement.flatMap((s) => [s.Action].flat());
    expect(actionsOf(`sparki-${stack}-s3-artifacts-read-only`)).toEqual(["s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject", "kms:Decrypt"]);
    expect(actionsOf(`sparki-${stack}-s3-artifacts-read-write`)).toContain("s3:DeleteObject");
    const audit = actionsOf(`sparki-${stack}-s3-audit-archive-read-write`);
    expect(audit).toContain("s3:PutObject");
    expect(audit.filter((a) => /Delete|Retention|LegalHold|Bypass/.test(a))).toEqual([]);
  });

  it("returns Fiber storage/s3 outputs: name, region, ARN and IAM policies per data class", async () => {
    const run = await stackRun(stack);
    const s3 = run.outputs.s3 as { region: string; multipartThresholdMegabytes: number; buckets: Record<string, Record<string, unknown>>; accessLogBucket: { name: string } };
    expect(s3.region).toBe("eu-west-1");
    expect(Object.keys(s3.buckets)).toEqual(["artifacts", "deploymentLogs", "testReports", "configBackups", "auditArchive", "buildCache"]);
    SLUGS.forEach((slug, i) => {
      const facts = Object.values(s3.buckets)[i];
      expect(facts).toMatchObject({ name: nameOf(slug), region: "eu-west-1", arn: arnOf(slug) });
      expect(facts.iamPolicies).toMatchObject({
        readOnly: { arn: `arn:aws:iam::${accountId}:policy/sparki-${stack}-s3-${slug}-read-only` },
        readWrite: { arn: `arn:aws:iam::${accountId}:policy/sparki-${stack}-s3-${slug}-read-write` },
      });
    });
    expect(s3.buckets.artifacts.accelerateEndpoint).toBe(isProd ? `${nameOf("artifacts")}.s3-accelerate.amazonaws.com` : undefined);
    expect(s3.accessLogBucket.name).toBe(nameOf("access-logs"));
    expect(s3.multipartThresholdMegabytes).toBe(100);
    expect(JSON.stringify(s3)).not.toMatch(/password|secret/i);
  });

  it("adds an S3 section to the storage dashboard with the hot buckets' request graphs", async () => {
    const run = await stackRun(stack);
    const body = json<{ widgets: { type: string; properties: { markdown?: string; title?: string; metrics?: unknown[][] } }[] }>(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.map((w) => w.properties.markdown).filter(Boolean)).toContain("## S3 object storage (request metrics of the hot buckets)");
    const titles = body.widgets.map((w) => w.properties.title).filter((t) => /^(artifacts|build-cache):/.test(String(t)));
    expect(titles).toEqual(["artifacts", "build-cache"].flatMap((s) => [`${s}: 5xx errors`, `${s}: 4xx errors`, `${s}: requests`]));
  });
});
