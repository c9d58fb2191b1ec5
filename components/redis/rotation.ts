import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AccountScope, partitionOf } from "../common/aws";
import { shortHash } from "../common/hash";

/**
 * The rotation function's whole source: plain JavaScript (an ES module) that Lambda runs as it is, unit-tested
 * with fake clients (test/redis-rotation-handler.test.ts). Why our own function and not Secrets Manager's
 * `SecretsManagerElasticacheUserRotation` template: the template is not reliably published in the Serverless
 * Application Repository, so a stack deploying it could not be created.
 */
export const ROTATION_HANDLER_PATH = join(__dirname, "rotation-handler.mjs");

/** The text shipped as the function's `index.mjs`. */
export function rotationHandlerSource(): string {
  return readFileSync(ROTATION_HANDLER_PATH, "utf8");
}

/** The function's code: the handler as `index.mjs` (an ES module by its extension), nothing else. */
export function rotationCode(): pulumi.asset.AssetArchive {
  return new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.StringAsset(rotationHandlerSource()) });
}

/** Lambda runtime: Node.js 22 (ES modules, AWS SDK for JavaScript v3 included). */
export const ROTATION_RUNTIME = "nodejs22.x";
/** Memory, MB: the function makes a handful of API calls; Lambda's smallest size is plenty. */
export const ROTATION_MEMORY_MB = 128;
/**
 * Timeout, seconds: above the handler's longest wait for the user to turn active (USER_WAIT_SECONDS, 240 s) plus
 * the API calls around it; a test keeps it above.
 */
export const ROTATION_TIMEOUT_SECONDS = 300;
/** Days between rotations when the caller says nothing (Secrets Manager accepts 1..1000). */
export const DEFAULT_ROTATION_DAYS = 30;

/** Name of the rotation function of a replication group's application user (Lambda: at most 64 characters). */
export function rotationFunctionName(replicationGroupId: string): string {
  return `${replicationGroupId}-app-rotation`;
}

/**
 * The log group Lambda writes a function's logs to by default ("By default, CloudWatch automatically creates a log
 * group named /aws/lambda/<function name>": Lambda Developer Guide, "Configuring CloudWatch log groups",
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html).
 */
export function rotationLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** Secrets Manager's regional endpoint, which the function's client calls. */
export function secretsManagerEndpoint(region: string): string {
  return `https://secretsmanager.${region}.amazonaws.com`;
}

/**
 * Trust policy of the function's role: only Lambda may assume it, and only for this account (`aws:SourceAccount`,
 * IAM User Guide, "AWS global condition context keys":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount).
 */
export function rotationTrustPolicy(scope: AccountScope): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
    }],
  };
}

export interface RotationPolicyScope extends AccountScope {
  /** The one secret the function rotates. */
  readonly secretArn: string;
  /** The one ElastiCache user whose password it changes. */
  readonly userArn: string;
  /** The customer KMS key that encrypts the secret. */
  readonly kmsKeyArn: string;
  /** The function's log group. */
  readonly logGroupName: string;
}

/**
 * What the function may do, and nothing else. After the Secrets Manager User Guide's example for a rotation
 * function's execution role ("Lambda rotation function execution role permissions for AWS Secrets Manager":
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html):
 * - the four secret actions on this secret only; GetRandomPassword has no resource, so `*`;
 * - the key: the same page's customer-managed-key statement (Decrypt and GenerateDataKey, limited by the
 *   `SecretARN` encryption context to this secret), and only through Secrets Manager in this region
 *   (`kms:ViaService`); not DescribeKey, which the function never calls;
 * - ModifyUser and DescribeUsers on this user only: both take a user ARN as resource (ElastiCache User Guide,
 *   "ElastiCache API permissions: Actions, resources, and conditions reference":
 *   https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/IAM.APIReference.html);
 * - its own log streams in its own log group. No `logs:CreateLogGroup`: the group exists before the function, and
 *   Lambda must never re-create it unencrypted and kept forever if it is deleted. No EC2 network-interface actions:
 *   the function is not in a VPC.
 */
export function rotationPolicy(p: RotationPolicyScope): Record<string, unknown> {
  const partition = partitionOf(p.region);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "RotateTheOneSecret",
        Effect: "Allow",
        Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
        Resource: p.secretArn,
      },
      {
        Sid: "GeneratePasswords",
        Effect: "Allow",
        Action: "secretsmanager:GetRandomPassword",
        Resource: "*",
      },
      {
        Sid: "UseTheKeyForTheSecretThroughSecretsManager",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: p.kmsKeyArn,
        Condition: {
          StringEquals: {
            "kms:ViaService": `secretsmanager.${p.region}.amazonaws.com`,
            "kms:EncryptionContext:SecretARN": p.secretArn,
          },
        },
      },
      {
        Sid: "ChangeTheOneUsersPasswords",
        Effect: "Allow",
        Action: ["elasticache:ModifyUser", "elasticache:DescribeUsers"],
        Resource: p.userArn,
      },
      {
        Sid: "WriteItsOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        // The `:*` form covers the group's log streams (CloudWatch Logs User Guide, "Overview of managing access
        // permissions": https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html).
        Resource: `arn:${partition}:logs:${p.region}:${p.accountId}:log-group:${p.logGroupName}:*`,
      },
    ],
  };
}

export interface UserPasswordRotationArgs extends AccountScope {
  /** Name of the function (1-64 letters, digits, hyphens, underscores); also names its log group. No default. */
  readonly functionName: string;
  /** The secret to rotate; it must hold `{username, password, user_arn}`. No default. */
  readonly secret: aws.secretsmanager.Secret;
  /** The secret's first value: the schedule is set once it exists. No default. */
  readonly secretVersion: aws.secretsmanager.SecretVersion;
  /** The ElastiCache user whose password rotates. No default. */
  readonly user: aws.elasticache.User;
  /** Its user name (the function refuses a secret for another). No default. */
  readonly userName: string;
  /** Customer KMS key of the secret and of the function's log group. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Retention of the function's log group, days (a CloudWatch Logs retention value). No default. */
  readonly logRetentionDays: number;
  /** Days between rotations, 1..1000. Default: {@link DEFAULT_ROTATION_DAYS}. */
  readonly automaticallyAfterDays?: number;
}

/**
 * Rotation of an ElastiCache RBAC user's password secret by our own Lambda function (rotation-handler.mjs): the
 * function, its encrypted log group, its least-privilege role, the permission for Secrets Manager to invoke it for
 * this secret only, and the schedule. The first rotation waits for the schedule (rotateImmediately false) instead
 * of racing the deployment that creates the user.
 *
 * The function runs outside any VPC: it only calls the ElastiCache and Secrets Manager APIs (ModifyUser,
 * DescribeUsers, the secret's versions), never the cache itself, so it needs no subnet, security group or network
 * path to the nodes, and a VPC function would need EC2 network-interface permissions and an endpoint or NAT to
 * reach those APIs.
 */
export function userPasswordRotation(name: string, args: UserPasswordRotationArgs, parent: pulumi.Resource): aws.secretsmanager.SecretRotation {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(args.functionName)) {
    throw new Error(`rotation ${name}: functionName ${args.functionName} must be 1-64 letters, digits, hyphens or underscores (Lambda's rule)`);
  }
  const days = args.automaticallyAfterDays ?? DEFAULT_ROTATION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 1000) throw new Error(`rotation ${name}: automaticallyAfterDays must be an integer 1..1000, got ${days}`);
  const scope: AccountScope = { accountId: args.accountId, region: args.region };
  const logGroupName = rotationLogGroupName(args.functionName);

  // Created before the function (its loggingConfig names it), so Lambda never creates it unencrypted, kept forever.
  const logGroup = new aws.cloudwatch.LogGroup(`${name}-rotation-logs`, {
    name: logGroupName,
    retentionInDays: args.logRetentionDays,
    kmsKeyId: args.kmsKeyArn,
  }, { parent });
  const role = new aws.iam.Role(`${name}-rotation`, {
    description: `Rotates the password of ElastiCache user ${args.userName} (function ${args.functionName})`,
    assumeRolePolicy: JSON.stringify(rotationTrustPolicy(scope)),
  }, { parent });
  const policy = new aws.iam.RolePolicy(`${name}-rotation`, {
    role: role.id,
    policy: pulumi.all([args.secret.arn, args.user.arn, pulumi.output(args.kmsKeyArn)]).apply(([secretArn, userArn, kmsKeyArn]) =>
      JSON.stringify(rotationPolicy({ ...scope, secretArn, userArn, kmsKeyArn, logGroupName }))),
  }, { parent });
  const fn = new aws.lambda.Function(`${name}-rotation`, {
    name: args.functionName,
    description: `Secrets Manager rotation of ElastiCache user ${args.userName}'s password (components/redis/rotation-handler.mjs)`,
    role: role.arn,
    runtime: ROTATION_RUNTIME,
    architectures: ["arm64"],
    handler: "index.handler",
    code: rotationCode(),
    memorySize: ROTATION_MEMORY_MB,
    timeout: ROTATION_TIMEOUT_SECONDS,
    loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
    // The archive's content is not an input a plan or the inventory can print; its hash is, so a change to the
    // handler shows up in review.
    tags: { HandlerSha256: shortHash(rotationHandlerSource(), 16) },
    environment: {
      variables: {
        SECRET_ARN: args.secret.arn,
        USER_NAME: args.userName,
        // The user the function changes, from the configuration rather than from the secret: a secret written
        // before it held user_arn gains it at the first rotation.
        USER_ARN: args.user.arn,
        SECRETS_MANAGER_ENDPOINT: secretsManagerEndpoint(args.region),
      },
    },
  }, { parent });
  // Secrets Manager may invoke it for this secret only (and RotateSecret checks that it may).
  const permission = new aws.lambda.Permission(`${name}-rotation`, {
    action: "lambda:InvokeFunction",
    function: fn.name,
    principal: "secretsmanager.amazonaws.com",
    sourceArn: args.secret.arn,
    sourceAccount: args.accountId,
  }, { parent });
  return new aws.secretsmanager.SecretRotation(`${name}-rotation`, {
    secretId: args.secret.id,
    rotationLambdaArn: fn.arn,
    rotateImmediately: false,
    rotationRules: { automaticallyAfterDays: days },
  }, { parent, dependsOn: [permission, policy, args.secretVersion] });
}
