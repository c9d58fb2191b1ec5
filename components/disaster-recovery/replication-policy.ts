export interface ReplicationPolicyScope {
  /** Source buckets (stack Region) and their replicas (recovery Region), pairwise. No default. */
  readonly pairs: readonly { readonly sourceArn: string; readonly replicaArn: string }[];
  /** The source buckets' KMS key (stack Region). No default. */
  readonly sourceKmsKeyArn: string;
  /** The replicas' KMS key (recovery Region). No default. */
  readonly replicaKmsKeyArn: string;
  readonly sourceRegion: string;
  readonly recoveryRegion: string;
}

type Statement = Record<string, unknown>;

/**
 * The trust policy: only S3 assumes the replication role. Exactly the statement the S3 User Guide documents ("Setting
 * up permissions for live replication", Step 2, checked 2026-11-29), with no `aws:SourceAccount` condition: that page
 * documents none for live replication, and a condition key S3 does not send when it assumes the role would fail every
 * replication (AssumeRoleNotPermitted). Only principals of this account can pass the role (iam:PassRole) to a
 * replication configuration, which is what keeps other accounts' buckets from using it.
 */
export function replicationTrustPolicy(): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: "sts:AssumeRole",
    }],
  };
}

/**
 * Least privilege for S3 live replication of KMS-encrypted, possibly Object-Locked objects (S3 User Guide,
 * "Setting up permissions for live replication" and "Replicating objects created with server-side encryption",
 * checked 2026-11-29): read the replication configuration and list the sources; read each version for replication
 * with its tags and its lock (retention, legal hold); replicate objects and tags (never deletes: delete markers
 * are not replicated) into the replicas only; decrypt with the source key only through S3 in the stack Region
 * and encrypt with the replica key only through S3 in the recovery Region, each for its own buckets' objects
 * (the encryption context is the object ARN, or the bucket ARN with S3 Bucket Keys).
 */
export function replicationRolePolicy(scope: ReplicationPolicyScope): Record<string, unknown> {
  const sources = scope.pairs.map((p) => p.sourceArn);
  const replicas = scope.pairs.map((p) => p.replicaArn);
  const within = (buckets: readonly string[]) => buckets.flatMap((b) => [b, `${b}/*`]);
  const statements: Statement[] = [
    { Sid: "ReadReplicationConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: sources },
    {
      Sid: "ReadSourceVersions",
      Effect: "Allow",
      Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"],
      Resource: sources.map((b) => `${b}/*`),
    },
    { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateTags"], Resource: replicas.map((b) => `${b}/*`) },
    {
      Sid: "DecryptSourcesThroughS3",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: scope.sourceKmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": `s3.${scope.sourceRegion}.amazonaws.com` },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": within(sources) },
      },
    },
    {
      Sid: "EncryptReplicasThroughS3",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:GenerateDataKey"],
      Resource: scope.replicaKmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": `s3.${scope.recoveryRegion}.amazonaws.com` },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": within(replicas) },
      },
    },
  ];
  return { Version: "2012-10-17", Statement: statements };
}

/** The replication role's name: `<base>-s3-replication`, within IAM's 64 characters for any valid stack name. */
export function replicationRoleName(base: string): string {
  return `${base}-s3-replication`;
}
