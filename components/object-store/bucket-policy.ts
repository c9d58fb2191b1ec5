/** Oldest TLS version the buckets accept (the `s3:TlsVersion` condition key compares numerically). */
export const MINIMUM_TLS_VERSION = "1.2";

export interface BucketPolicyScope {
  /** `arn:<partition>:s3:::<bucket>`. No default. */
  readonly bucketArn: string;
  /** Customer KMS key ARN the bucket encrypts with; uploads naming another key or algorithm are denied. Default: none (SSE-S3 bucket). */
  readonly kmsKeyArn?: string;
  /** For the access-log bucket: which buckets of which account may deliver server access logs. Default: none. */
  readonly logDelivery?: { readonly accountId: string; readonly sourceBucketArns: readonly string[] };
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
  return { Version: "2012-10-17", Statement: statements };
}
