import { type AccountScope, partitionOf } from "../common/aws";

/** A role only the named AWS service may assume, and only on behalf of this account (no confused deputy). */
export function serviceAssumeRolePolicy(service: string, accountId: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    }],
  };
}

export interface ProxySecretAccess extends AccountScope {
  /** ARNs of the secrets the proxy logs in with. No default. */
  readonly secretArns: readonly string[];
  /** ARN of the customer KMS key that encrypts the secret. No default. */
  readonly kmsKeyArn: string;
}

/**
 * What RDS Proxy needs to log in to the database: read these secrets, and decrypt with the environment key
 * only when Secrets Manager asks on its behalf.
 */
export function proxySecretPolicy(access: ProxySecretAccess): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadTheLoginSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: [...access.secretArns],
      },
      {
        Sid: "DecryptTheSecretThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: access.kmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${access.region}.amazonaws.com` } },
      },
    ],
  };
}

/** AWS's managed policy for the enhanced-monitoring agent (it writes to the RDSOSMetrics log group). */
export function enhancedMonitoringPolicyArn(region: string): string {
  return `arn:${partitionOf(region)}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;
}
