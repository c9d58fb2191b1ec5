import { describe, expect, it } from "vitest";
import { platformThreshold, RateAlarmPair, rateExpression } from "../components/alerting";
import {
  accessPolicyDocument, bucketArn, bucketNameProblem, bucketPolicyDocument, DATA_CLASS_KEYS, lifecycleProblems, lifecycleRule, ObjectStore,
  SecureBucket, type SecureBucketArgs,
} from "../components/object-store";
import { runProgram } from "../scripts/offline/run-program";
import { ofType } from "./harness";

interface Statement { Sid: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }

describe("lifecycle validation", () => {
  const base = { expirationDays: 365, noncurrentExpirationDays: 30 };

  it("accepts the issue's examples", () => {
    expect(lifecycleProblems({ ...base, standardIaDays: 30, glacierIrDays: 90 })).toEqual([]);
    expect(lifecycleProblems({ ...base, glacierDays: 30, deepArchiveDays: 180, expirationDays: 360 })).toEqual([]);
    expect(lifecycleProblems({ ...base, glacierDays: 0, deepArchiveDays: 90, expirationDays: 270 })).toEqual([]);
  });

  it.each([
    [{ standardIaDays: 29 }, "standardIaDays", "must be at least 30 (S3 refuses STANDARD_IA earlier)"],
    [{ oneZoneIaDays: 0 }, "oneZoneIaDays", "must be at least 30 (S3 refuses ONEZONE_IA earlier)"],
    [{ glacierIrDays: 90, glacierDays: 90 }, "glacierDays", "must be greater than glacierIrDays (90): transitions run in storage-class order GLACIER_IR -> GLACIER"],
    [{ glacierIrDays: 30, glacierDays: 119 }, "glacierDays", "must be at least 120 (glacierIrDays 30 + 90): GLACIER_IR bills at least 90 days of storage, so leaving it earlier costs as much as staying"],
    [{ standardIaDays: 30, oneZoneIaDays: 59 }, "oneZoneIaDays", "must be at least 60 (standardIaDays 30 + 30): S3 keeps objects in STANDARD_IA at least 30 days before the next transition"],
    [{ deepArchiveDays: 365 }, "expirationDays", "must be greater than deepArchiveDays (365): objects expire after their last transition"],
    [{ standardIaDays: 340 }, "expirationDays", "must be at least 370 (standardIaDays 340 + 30): STANDARD_IA bills at least 30 days of storage, so leaving it earlier costs as much as staying"],
    [{ glacierDays: 1.5 }, "glacierDays", "must be an integer 0..36500"],
    [{ noncurrentExpirationDays: 0 }, "noncurrentExpirationDays", "must be an integer 1..36500"],
  ] as const)("%j -> %s %s", (days, field, message) => {
    expect(lifecycleProblems({ ...base, ...days })).toEqual([{ field, message }]);
  });

  it("refuses an expiry inside the Object Lock retention, and allows one at its end", () => {
    expect(lifecycleProblems(base, 400)).toEqual([{
      field: "expirationDays",
      message: "must be at least the Object Lock retention (400 days): locked versions cannot expire, an earlier expiry only hides them behind delete markers",
    }]);
    expect(lifecycleProblems(base, 365)).toEqual([]);
  });

  it("does not pile follow-on problems onto a transition S3 refuses", () => {
    expect(lifecycleProblems({ standardIaDays: 5, glacierDays: 20, expirationDays: 25, noncurrentExpirationDays: 1 }).map((p) => p.field)).toEqual(["standardIaDays"]);
  });

  it("builds one rule over the whole bucket with transitions in storage-class order", () => {
    expect(lifecycleRule("r", { deepArchiveDays: 200, glacierDays: 30, expirationDays: 400, noncurrentExpirationDays: 9 }, 3)).toEqual({
      id: "r", status: "Enabled", filter: {},
      transitions: [{ days: 30, storageClass: "GLACIER" }, { days: 200, storageClass: "DEEP_ARCHIVE" }],
      expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 9 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 3 },
    });
  });
});

describe("bucket names", () => {
  it.each([
    ["sparki-prod-123456789012-artifacts", undefined],
    ["a".repeat(64), `"${"a".repeat(64)}" has 64 characters; S3 bucket names have 3..63`],
    ["ab", '"ab" has 2 characters; S3 bucket names have 3..63'],
    ["sparki.prod", '"sparki.prod" may hold only lowercase letters, digits and hyphens, and must start and end with a letter or digit'],
    ["sparki-", '"sparki-" may hold only lowercase letters, digits and hyphens, and must start and end with a letter or digit'],
    ["sthree-logs", '"sthree-logs" uses "sthree-", which S3 reserves'],
    ["logs-s3alias", '"logs-s3alias" uses "-s3alias", which S3 reserves'],
  ])("%s", (name, problem) => {
    expect(bucketNameProblem(name)).toBe(problem);
  });

  it("derives ARNs per partition", () => {
    expect(bucketArn("b", "us-gov-west-1")).toBe("arn:aws-us-gov:s3:::b");
    expect(bucketArn("b", "cn-north-1")).toBe("arn:aws-cn:s3:::b");
  });
});

describe("bucket policy", () => {
  const arn = "arn:aws:s3:::bkt";

  it("denies non-TLS and TLS < 1.2 for every principal and action on bucket and objects", () => {
    const doc = bucketPolicyDocument({ bucketArn: arn }) as { Statement: Statement[] };
    expect(doc.Statement.map((s) => [s.Sid, s.Effect, s.Action, s.Resource, s.Condition])).toEqual([
      ["DenyInsecureTransport", "Deny", "s3:*", [arn, `${arn}/*`], { Bool: { "aws:SecureTransport": "false" } }],
      ["DenyOutdatedTls", "Deny", "s3:*", [arn, `${arn}/*`], { NumericLessThan: { "s3:TlsVersion": "1.2" } }],
    ]);
  });

  it("with a KMS key, denies uploads that name another algorithm or key (only when they name one)", () => {
    const doc = bucketPolicyDocument({ bucketArn: arn, kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k" }) as { Statement: Statement[] };
    const key = doc.Statement.find((s) => s.Sid === "DenyOtherKmsKey");
    expect(key?.Condition).toEqual({
      StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-west-1:111111111111:key/k" },
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
    });
    expect(doc.Statement.filter((s) => s.Effect === "Allow")).toEqual([]);
  });
});

describe("IAM access policies", () => {
  const scope = { bucketArn: "arn:aws:s3:::bkt", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k", region: "eu-west-1" };
  const actions = (doc: Record<string, unknown>) => (doc as { Statement: Statement[] }).Statement.flatMap((s) => [s.Action].flat());

  it("read-only lists, gets and decrypts; nothing else", () => {
    expect(actions(accessPolicyDocument("read-only", scope))).toEqual(["s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject", "kms:Decrypt"]);
  });

  it("read-write adds put, multipart and delete, and GenerateDataKey; append-only drops delete", () => {
    expect(actions(accessPolicyDocument("read-write", scope))).toEqual([
      "s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads",
      "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:DeleteObject",
      "kms:Decrypt", "kms:GenerateDataKey",
    ]);
    expect(actions(accessPolicyDocument("read-write", { ...scope, appendOnly: true }))).not.toContain("s3:DeleteObject");
  });

  it("scopes the shared key to S3 in the region and to this bucket's encryption context", () => {
    const kms = (accessPolicyDocument("read-write", scope) as { Statement: Statement[] }).Statement.find((s) => s.Sid === "UseBucketKeyThroughS3");
    expect(kms?.Resource).toBe(scope.kmsKeyArn);
    expect(kms?.Condition).toEqual({
      StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
      StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::bkt", "arn:aws:s3:::bkt/*"] },
    });
  });
});

describe("SecureBucket refuses bad arguments before registering anything", () => {
  const valid: SecureBucketArgs = {
    accountId: "111111111111", region: "eu-west-1", bucketName: "sparki-test-bucket", encryption: { kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k" },
    lifecycle: { expirationDays: 30, noncurrentExpirationDays: 7 },
  };

  it.each([
    [{ lifecycle: { standardIaDays: 10, expirationDays: 60, noncurrentExpirationDays: 7 } }, "SecureBucket b: lifecycle.standardIaDays must be at least 30 (S3 refuses STANDARD_IA earlier), got 10"],
    [{ objectLock: { mode: "COMPLIANCE", retentionDays: 60 } }, "SecureBucket b: lifecycle.expirationDays must be at least the Object Lock retention (60 days): locked versions cannot expire, an earlier expiry only hides them behind delete markers, got 30"],
    [{ objectLock: { mode: "GOVERNANCE", retentionDays: 1 }, versioning: false }, "SecureBucket b: objectLock needs versioning (S3 locks object versions)"],
    [{ objectLock: { mode: "GOVERNANCE", retentionDays: 1 }, logDeliverySources: ["x-bucket"] }, "SecureBucket b: objectLock is not allowed on a server-access-log target (S3 refuses to deliver logs to it)"],
    [{ bucketName: "Sparki" }, 'SecureBucket b: bucketName "Sparki" may hold only lowercase letters, digits and hyphens, and must start and end with a letter or digit'],
    [{ accessLog: { targetBucket: "logs", prefix: "nolash" } }, 'SecureBucket b: accessLog.prefix must end with "/", got "nolash"'],
    [{ abortIncompleteMultipartUploadDays: 0 }, "SecureBucket b: abortIncompleteMultipartUploadDays must be an integer 1..36500, got 0"],
  ] as const)("%j", async (change, message) => {
    const run = runProgram({ stack: "dev", program: () => {
      new SecureBucket("b", { ...valid, ...change });
      return {};
    } });
    await expect(run).rejects.toThrow(message);
  });

  it("registers a valid bucket with versioning and no extras by default", async () => {
    const run = await runProgram({ stack: "dev", program: () => {
      new SecureBucket("b", valid);
      return {};
    } });
    expect(run.resources.map((r) => r.type).sort()).toEqual([
      "aws:s3/bucket:Bucket", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketVersioning:BucketVersioning",
      "sparki:object-store:SecureBucket",
    ]);
    expect(ofType(run, "aws:s3/bucket:Bucket")[0].inputs).toMatchObject({ bucket: "sparki-test-bucket", forceDestroy: false });
  });
});

describe("ObjectStore refuses bad arguments before registering anything", () => {
  const lifecycle = { expirationDays: 30, noncurrentExpirationDays: 7 };
  const args = {
    accountId: "111111111111", region: "eu-west-1", bucketPrefix: "sparki-unit", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k",
    classes: Object.fromEntries(DATA_CLASS_KEYS.map((k) => [k, { lifecycle }])) as Record<(typeof DATA_CLASS_KEYS)[number], { lifecycle: typeof lifecycle }>,
    accessLogs: lifecycle,
    objectLock: { mode: "COMPLIANCE" as const, retentionDays: 90 },
    alarms: { environment: "unit", topicArns: { warning: "arn:aws:sns:eu-west-1:111111111111:w", critical: "arn:aws:sns:eu-west-1:111111111111:c" } },
  };

  it("reports a retention longer than the audit expiry and a bucket prefix too long, with no resource registered", async () => {
    const registered: string[] = [];
    const run = runProgram({ stack: "dev", observe: (r) => registered.push(r.type), program: () => {
      new ObjectStore("s", { ...args, bucketPrefix: "p".repeat(50) });
      return {};
    } });
    await expect(run).rejects.toThrow(`ObjectStore s: bucket name "${"p".repeat(50)}-deployment-logs" has 66 characters; S3 bucket names have 3..63`);
    await expect(runProgram({ stack: "dev", observe: (r) => registered.push(r.type), program: () => {
      new ObjectStore("s", args);
      return {};
    } })).rejects.toThrow("ObjectStore s: auditArchive.expirationDays must be at least the Object Lock retention (90 days): locked versions cannot expire, an earlier expiry only hides them behind delete markers, got 30");
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("RateAlarmPair", () => {
  const topicArns = { warning: "arn:aws:sns:eu-west-1:111111111111:warn", critical: "arn:aws:sns:eu-west-1:111111111111:crit" };
  const dimensions = { BucketName: "bkt", FilterId: "EntireBucket" };

  it("alarms on 100 * errors / requests in percent, both summed over the alarm period", async () => {
    const run = await runProgram({ stack: "dev", program: () => {
      new RateAlarmPair({
        context: { environment: "dev", topicArns, evaluation: { warning: { periodSeconds: 600 } } }, subject: "bkt",
        metric: "s3ClientErrors", of: "s3AllRequests", dimensions, threshold: platformThreshold("s3ClientErrorRatePercent"),
      });
      return {};
    } });
    const alarms = Object.fromEntries(ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => [(a.inputs.tags as Record<string, string>).Severity, a.inputs]));
    expect(alarms.warning).toMatchObject({
      name: "dev-bkt-s3-client-errors-rate-warning", threshold: 5, evaluationPeriods: 3, datapointsToAlarm: 2,
      alarmActions: [topicArns.warning], okActions: [topicArns.warning],
      alarmDescription: "warning: 4xxErrors / AllRequests > 5 % on bkt; source platform:s3ClientErrorRatePercent",
    });
    expect(alarms.warning.metricName).toBeUndefined();
    expect(alarms.warning.metricQueries).toEqual([
      { id: "numerator", returnData: false, metric: { namespace: "AWS/S3", metricName: "4xxErrors", dimensions, stat: "Sum", period: 600 } },
      { id: "denominator", returnData: false, metric: { namespace: "AWS/S3", metricName: "AllRequests", dimensions, stat: "Sum", period: 600 } },
      { id: "rate", expression: "100 * FILL(numerator, 0) / denominator", label: "4xxErrors per AllRequests (%)", returnData: true },
    ]);
    expect(alarms.critical).toMatchObject({ threshold: 20, alarmActions: [topicArns.critical] });
    expect((alarms.critical.metricQueries as { metric?: { period: number } }[])[0].metric?.period).toBe(60);
  });

  it("fills periods without errors with zero", () => {
    expect(rateExpression("e", "r")).toBe("100 * FILL(e, 0) / r");
  });

  it.each([
    [{ threshold: platformThreshold("s3ServerErrors") }, "rate alarm bkt: a share of AllRequests is in percent; platform:s3ServerErrors is in count"],
    [{ metric: "s3FirstByteLatency" }, "rate alarm bkt: FirstByteLatency must be a count summed per period (is milliseconds, Average)"],
  ] as const)("refuses %j", (change, message) => {
    expect(() => new RateAlarmPair({
      context: { environment: "dev", topicArns }, subject: "bkt", metric: "s3ClientErrors", of: "s3AllRequests", dimensions,
      threshold: platformThreshold("s3ClientErrorRatePercent"), ...change,
    })).toThrow(message);
  });
});
