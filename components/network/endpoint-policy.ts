import type { AccountScope } from "../common/aws";

/**
 * Endpoint policy of the Secrets Manager interface endpoint: only principals of this account, and only reading
 * secrets (what RDS Proxy does). Anything else, e.g. a stolen key of another account used from inside the VPC
 * to write data out, is refused at the endpoint. The IAM policies of the callers still apply on top.
 */
export function secretsManagerEndpointPolicy(scope: AccountScope): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "ThisAccountReadsSecrets",
      Effect: "Allow",
      Principal: "*",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": scope.accountId } },
    }],
  };
}
