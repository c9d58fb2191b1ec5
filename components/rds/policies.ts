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

export interface DatabaseConnect extends AccountScope {
  /** Resource IDs of what is connected to: DB instances' `db-…`, proxies' `prx-…`. At least one. No default. */
  readonly dbResourceIds: readonly string[];
  /** The database user the IAM token is for. No default. */
  readonly username: string;
}

/**
 * `rds-db:connect` as one database user on the given instances or proxies, nothing else (RDS User Guide, "Creating
 * and using an IAM policy for IAM database access": `arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<user>`).
 */
export function databaseConnectPolicy(access: DatabaseConnect): Record<string, unknown> {
  if (access.dbResourceIds.length === 0) throw new Error("databaseConnectPolicy needs at least one resource ID");
  const arn = (id: string) => `arn:${partitionOf(access.region)}:rds-db:${access.region}:${access.accountId}:dbuser:${id}/${access.username}`;
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "ConnectAsThePoolRole",
      Effect: "Allow",
      Action: "rds-db:connect",
      Resource: access.dbResourceIds.length === 1 ? arn(access.dbResourceIds[0]) : access.dbResourceIds.map(arn),
    }],
  };
}

/** The `prx-…` resource ID at the end of a proxy ARN (`arn:aws:rds:<region>:<account>:db-proxy:prx-…`). */
export function proxyResourceId(proxyArn: string): string {
  const id = proxyArn.split(":").at(-1) ?? "";
  if (!/^prx-[0-9a-z]+$/.test(id)) throw new Error(`not an RDS Proxy ARN: ${proxyArn}`);
  return id;
}

/** AWS's managed policy for the enhanced-monitoring agent (it writes to the RDSOSMetrics log group). */
export function enhancedMonitoringPolicyArn(region: string): string {
  return `arn:${partitionOf(region)}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;
}

export interface SecretRead extends AccountScope {
  /** ARN of the secret the application reads its login from. No default. */
  readonly secretArn: string;
  /** ARN of the customer KMS key the secret is encrypted with. No default. */
  readonly kmsKeyArn: string;
}

/**
 * Read one secret's value and nothing else: GetSecretValue on it, and Decrypt with its key only when Secrets
 * Manager asks on the caller's behalf (`kms:ViaService`), for engines whose applications log in with a password.
 */
export function secretReadPolicy(access: SecretRead): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadTheLoginSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: access.secretArn },
      {
        Sid: "DecryptThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: access.kmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${access.region}.amazonaws.com` } },
      },
    ],
  };
}
