import type { AccountScope } from "../common/aws";

/**
 * What a rotation function in the VPC calls through the endpoint: the four-step protocol reads the secret, generates
 * a password, stages the new version and moves AWSCURRENT (Secrets Manager User Guide, "Lambda rotation function
 * execution role permissions"; checked 2026-11-29).
 */
export const ROTATION_ACTIONS = [
  "secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
  "secretsmanager:UpdateSecretVersionStage", "secretsmanager:GetRandomPassword",
] as const;

/**
 * Endpoint policy of the Secrets Manager interface endpoint: only principals of this account, and only what the
 * PostgreSQL admin secret's rotation function calls. Anything else, e.g. a stolen key of another account used from
 * inside the VPC, or deleting a secret, is refused at the endpoint. The IAM policies of the callers still apply on top.
 */
export function secretsManagerEndpointPolicy(scope: AccountScope): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "ThisAccountRotatesSecrets",
      Effect: "Allow",
      Principal: "*",
      Action: [...ROTATION_ACTIONS],
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": scope.accountId } },
    }],
  };
}
