/** Oldest TLS version the buckets accept (the `s3:TlsVersion` condition key compares numerically). */
export const MINIMUM_TLS_VERSION = "1.2";

export interface BucketPolicyScope {
  /** `arn:<partition>:s3:::<bucket>`. No default. */
  readonly bucketArn: string;
  /** Customer KMS key ARN the bucket encrypts with; uploads naming another key or algorithm are denied. Default: none (SSE-S3 bucket). */
  readonly kmsKeyArn?: string;
  /** For the access-log bucket: which buckets of which account may deliver server access logs. Default: none. */
  readonly logDelivery?: { readonly accountId: string; readonly sourceBucketArns: readonly string[] };
  /** For a CloudFront origin: the one distribution (OAC, service principal) that may read objects. Default: none. */
  readonly cloudFrontRead?: { readonly distributionArn: string };
  /** For a CloudWatch Logs vended-delivery target (CloudFront standard logs v2): the source account and region. Default: none. */
  readonly vendedLogDelivery?: { readonly accountId: string; readonly sourceRegion: string };
}

type Statement = Record<string, unknown>;

/**
 * The bucket policy: no plaintext HTTP and nothing older than TLS 1.2 (AWS FSBP S3.5), uploads only with the
 * bucket's own KMS key, and, for the log bucket, delivery by the S3 logging service on behalf of the listed
 * source buckets of this account only (ACLs are off, so a policy is the only way to grant it).
 */
export function bucketPolicyDocument(scope: BucketPolicyScope): Record<string, unknown> {
  const everything = [scope.bucketArn, `${scope.bucketArn}/*`];
  const statements: Statement[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: everything,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyOutdatedTls",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: everything,
      Condition: { NumericLessThan: { "s3:TlsVersion": MINIMUM_TLS_VERSION } },
    },
  ];
  if (scope.kmsKeyArn !== undefined) {
    // Only requests that name an encryption are checked (Null = false); the rest get the bucket default.
    statements.push(
      {
        Sid: "DenyOtherEncryption",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${scope.bucketArn}/*`,
        Condition: {
          StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
          Null: { "s3:x-amz-server-side-encryption": "false" },
        },
      },
      {
        Sid: "DenyOtherKmsKey",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${scope.bucketArn}/*`,
        Condition: {
          StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": scope.kmsKeyArn },
          Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
        },
      },
    );
  }
  if (scope.logDelivery !== undefined) {
    statements.push({
      Sid: "AllowServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${scope.bucketArn}/*`,
      Condition: {
        ArnLike: { "aws:SourceArn": [...scope.logDelivery.sourceBucketArns] },
        StringEquals: { "aws:SourceAccount": scope.logDelivery.accountId },
      },
    });
  }
  if (scope.cloudFrontRead !== undefined) {
    // CloudFront Developer Guide, "Restrict access to an Amazon S3 origin" (OAC bucket policy, checked 2026-11-29).
    statements.push({
      Sid: "AllowCloudFrontDistributionRead",
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Resource: `${scope.bucketArn}/*`,
      Condition: { StringEquals: { "AWS:SourceArn": scope.cloudFrontRead.distributionArn } },
    });
  }
  if (scope.vendedLogDelivery !== undefined) {
    // CloudWatch Logs User Guide, "Logs sent to Amazon S3" (V2 permissions, checked 2026-11-29); keys start AWSLogs/<account>/.
    const { accountId, sourceRegion } = scope.vendedLogDelivery;
    const source = { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": `arn:aws:logs:${sourceRegion}:${accountId}:*` } };
    statements.push(
      {
        Sid: "AllowVendedLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${scope.bucketArn}/AWSLogs/${accountId}/*`,
        Condition: { ...source, StringEquals: { ...source.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      {
        Sid: "AllowVendedLogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: scope.bucketArn,
        Condition: source,
      },
    );
  }
  return { Version: "2012-10-17", Statement: statements };
}
