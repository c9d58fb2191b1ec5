export const BUCKET_ACCESS = ["read-only", "read-write"] as const;
export type BucketAccess = (typeof BUCKET_ACCESS)[number];

export interface AccessPolicyScope {
  /** `arn:<partition>:s3:::<bucket>`. No default. */
  readonly bucketArn: string;
  /** The bucket's KMS key; S3 uses it on the caller's behalf. No default. */
  readonly kmsKeyArn: string;
  /** Region of the bucket (the key is only usable through S3 in this region). No default. */
  readonly region: string;
  /** Writers may add objects but not delete them (Object Lock buckets). Default: false. */
  readonly appendOnly?: boolean;
}

type Statement = Record<string, unknown>;

/**
 * A least-privilege identity policy for a service using one bucket. Read-only: list and get current objects.
 * Read-write adds put, multipart (upload, list, abort) and, unless append-only, delete. Never version
 * history, retention, legal hold, bucket configuration or a governance bypass. The shared KMS key is usable
 * only through S3, only for this bucket's objects (encryption context, which S3 Bucket Keys set to the
 * bucket ARN and plain SSE-KMS to the object ARN).
 */
export function accessPolicyDocument(access: BucketAccess, scope: AccessPolicyScope): Record<string, unknown> {
  const objects = `${scope.bucketArn}/*`;
  const write = access === "read-write";
  const bucketActions = ["s3:ListBucket", "s3:GetBucketLocation", ...(write ? ["s3:ListBucketMultipartUploads"] : [])];
  const objectActions = [
    "s3:GetObject",
    ...(write ? ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"] : []),
    ...(write && !scope.appendOnly ? ["s3:DeleteObject"] : []),
  ];
  // Multipart uploads decrypt the data key of earlier parts, so writers need Decrypt too.
  const keyActions = write ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"];
  const statements: Statement[] = [
    { Sid: "ListBucket", Effect: "Allow", Action: bucketActions, Resource: scope.bucketArn },
    { Sid: write ? "ReadWriteObjects" : "ReadObjects", Effect: "Allow", Action: objectActions, Resource: objects },
    {
      Sid: "UseBucketKeyThroughS3",
      Effect: "Allow",
      Action: keyActions,
      Resource: scope.kmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": `s3.${scope.region}.amazonaws.com` },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [scope.bucketArn, objects] },
      },
    },
  ];
  return { Version: "2012-10-17", Statement: statements };
}
