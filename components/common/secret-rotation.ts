import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "./aws";

/**
 * Secrets Manager's own rotation functions, published in the AWS Serverless Application Repository
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_available-rotation-templates.html).
 * Versions are pinned where a published one could be read (the AWS CDK's `SecretRotationApplication`, which pins
 * the same applications: 1.1.671 for PostgreSQL and MySQL, 1.1.670 for SQL Server's single-user and 1.1.671 for its
 * alternating-users function and for MongoDB/DocumentDB's single-user function, read 2026-11-29); a template without a pin takes the latest.
 */
export const ROTATION_TEMPLATES = {
  /** One database user changes its own password: for the admin, used interactively and by migrations. */
  postgresSingleUser: { application: "SecretsManagerRDSPostgreSQLRotationSingleUser", semanticVersion: "1.1.671", inVpc: true },
  mysqlSingleUser: { application: "SecretsManagerRDSMySQLRotationSingleUser", semanticVersion: "1.1.671", inVpc: true },
  /** Changes the login's own password (`ALTER LOGIN ... OLD_PASSWORD`): no grant beyond the login itself. */
  sqlserverSingleUser: { application: "SecretsManagerRDSSQLServerRotationSingleUser", semanticVersion: "1.1.670", inVpc: true },
  /**
   * Alternating users: the admin (the master secret) creates `<username>_clone` and the two take turns, so the
   * previous login keeps working for a whole rotation period (for clients that read their password only at start).
   */
  sqlserverMultiUser: { application: "SecretsManagerRDSSQLServerRotationMultiUser", semanticVersion: "1.1.671", inVpc: true, multiUser: true },
  /**
   * Amazon DocumentDB (MongoDB-compatible): the user changes its own password (`updateUser`). The secret JSON must say
   * `engine: "mongo"` and carry host, username and password (port defaults to 27017, dbname to `admin`); `ssl: true`
   * makes it connect over TLS without a plaintext fallback (aws-samples/aws-secrets-manager-rotation-lambdas,
   * SecretsManagerMongoDBRotationSingleUser/lambda_function.py). Version as the AWS CDK pins it (1.1.671, read 2026-11-29).
   */
  mongodbSingleUser: { application: "SecretsManagerMongoDBRotationSingleUser", semanticVersion: "1.1.671", inVpc: true },
  /** Alternating users for MongoDB-compatible clusters (DocumentDB), the master secret's user creating and changing them. */
  mongodbMultiUser: { application: "SecretsManagerMongoDBRotationMultiUser", semanticVersion: "1.1.671", inVpc: true, multiUser: true },
} as const;

export type RotationTemplate = keyof typeof ROTATION_TEMPLATES;

/** Characters the generated passwords leave out: those that need escaping in a connection URI or a shell. */
export const ROTATION_EXCLUDED_CHARACTERS = " %+~`#$&*()|[]{}:;<>?!'/@\"\\^=,";

/** Lambda: 1-64 of [A-Za-z0-9_-]; CloudFormation stack names: a letter, then [A-Za-z0-9-] (CreateFunction, CreateStack). */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

/** The SAR application ARN of a template in the stack's partition (AWS publishes them from us-east-1). */
export function rotationApplicationArn(template: RotationTemplate, region: string): string {
  const partition = partitionOf(region);
  if (partition !== "aws") throw new Error(`secret rotation templates are only wired for the aws partition, not ${partition}`);
  return `arn:aws:serverlessrepo:us-east-1:297356227824:applications/${ROTATION_TEMPLATES[template].application}`;
}

export interface TemplateRotationArgs {
  /** Which Secrets Manager rotation function. No default. */
  readonly template: RotationTemplate;
  /**
   * Name of the rotation Lambda function, and of the CloudFormation stack the provider deploys it with (as
   * `serverlessrepo-<name>`): a letter, then letters, digits or hyphens, 64 at most (Lambda allows 64 and
   * underscores; CloudFormation stack names refuse underscores). No default.
   */
  readonly functionName: string;
  /** Region of the stack (the endpoint the function calls). No default. */
  readonly region: string;
  /** The secret to rotate. No default. */
  readonly secretId: pulumi.Input<string>;
  /** Customer KMS key of the rotated secret. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** For in-VPC templates: where the function runs, with a security group that reaches the target and Secrets Manager. No default. */
  readonly vpc?: { readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>; readonly securityGroupId: pulumi.Input<string> };
  /** Days between rotations, 1..1000. Default: 30 days. */
  readonly automaticallyAfterDays?: number;
  /**
   * For alternating-users templates: the secret whose user creates and changes the two users (its ARN is also the
   * rotated secret's `masterarn`), with its KMS key. Required by those templates, refused by the others.
   */
  readonly masterSecret?: { readonly arn: pulumi.Input<string>; readonly kmsKeyArn: pulumi.Input<string> };
  /** Resources the first scheduled rotation needs (e.g. the database the secret names). Default: none. */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * A rotation Lambda from Secrets Manager's template and the schedule that runs it. The first rotation waits for
 * the schedule rather than running at create, where it would race the resource it rotates into.
 */
export function templateRotation(name: string, args: TemplateRotationArgs, parent: pulumi.Resource): aws.secretsmanager.SecretRotation {
  const template = ROTATION_TEMPLATES[args.template];
  if (!FUNCTION_NAME.test(args.functionName)) {
    throw new Error(`rotation ${name}: functionName ${args.functionName} must be a letter then letters, digits or hyphens, 64 at most (Lambda function and CloudFormation stack name rules)`);
  }
  if (template.inVpc !== (args.vpc !== undefined)) {
    throw new Error(`rotation ${name}: template ${args.template} ${template.inVpc ? "connects to the database and needs vpc" : "calls an AWS API and runs outside the VPC"}`);
  }
  const multiUser = "multiUser" in template && template.multiUser;
  if (multiUser !== (args.masterSecret !== undefined)) {
    throw new Error(`rotation ${name}: template ${args.template} ${multiUser ? "alternates users and needs masterSecret" : "rotates one user and takes no masterSecret"}`);
  }
  const parameters: Record<string, pulumi.Input<string>> = {
    endpoint: `https://secretsmanager.${args.region}.amazonaws.com`,
    functionName: args.functionName,
    kmsKeyArn: args.kmsKeyArn,
    excludeCharacters: ROTATION_EXCLUDED_CHARACTERS,
    ...(args.masterSecret ? { masterSecretArn: args.masterSecret.arn, masterSecretKmsKeyArn: args.masterSecret.kmsKeyArn } : {}),
    ...(args.vpc ? {
      vpcSubnetIds: pulumi.output(args.vpc.subnetIds).apply((ids) => ids.join(",")),
      vpcSecurityGroupIds: args.vpc.securityGroupId,
    } : {}),
  };
  const application = new aws.serverlessrepository.CloudFormationStack(`${name}-rotation-function`, {
    // The provider prefixes the deployed stack's name with `serverlessrepo-` itself.
    name: args.functionName,
    applicationId: rotationApplicationArn(args.template, args.region),
    ...(template.semanticVersion ? { semanticVersion: template.semanticVersion } : {}),
    // The templates create the function's IAM role and its resource policy for Secrets Manager.
    capabilities: ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
    parameters,
  }, { parent });
  return new aws.secretsmanager.SecretRotation(`${name}-rotation`, {
    secretId: args.secretId,
    rotationLambdaArn: application.outputs.apply((outputs) => {
      const arn = outputs.RotationLambdaARN;
      if (!arn) throw new Error(`rotation ${name}: the ${template.application} stack has no RotationLambdaARN output`);
      return arn;
    }),
    rotateImmediately: false,
    rotationRules: { automaticallyAfterDays: args.automaticallyAfterDays ?? 30 },
  }, { parent, dependsOn: args.dependsOn });
}
