import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { type RotationTemplate, templateRotation } from "../common/secret-rotation";

/** Length of the generated passwords: letters and digits only, so they need no escaping in a URI or a DSN. */
const PASSWORD_LENGTH = 40;

/** Whose password: the admin (break-glass, bootstrap) or the pool user (the application, where IAM cannot be used). */
export type SecretRole = "admin" | "pool";

export interface GeneratedSecretArgs {
  /** Physical identifier of the primary: names the secret's description and rotation function. No default. */
  readonly identifier: string;
  /** Engine's human name, e.g. `PostgreSQL`, for the description. No default. */
  readonly label: string;
  /** The database user the password is for. No default. */
  readonly username: string;
  /** Customer KMS key of the secret. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days Secrets Manager keeps the deleted secret recoverable: 0 or 7..30. No default. */
  readonly recoveryWindowDays: number;
  /** Pulumi `protect` on the secret and the password (losing the admin password locks the database). No default. */
  readonly protect: boolean;
}

export interface GeneratedSecret {
  readonly role: SecretRole;
  readonly secret: aws.secretsmanager.Secret;
  /** The generated password, for the first value only (rotation owns it afterwards). */
  readonly initialPassword: pulumi.Output<string>;
}

const DESCRIPTIONS: Readonly<Record<SecretRole, string>> = {
  admin: "(migrations, bootstrap; rotated)",
  pool: "(the application's login; rotated)",
};

/**
 * A generated password and the secret that will hold it, on the stack's key. Not RDS-managed: RDS refuses read
 * replicas of an instance whose master password it manages (RDS User Guide, "Password management with Amazon
 * RDS and AWS Secrets Manager", Limitations).
 */
export function generatedSecret(name: string, role: SecretRole, args: GeneratedSecretArgs, parent: pulumi.Resource): GeneratedSecret {
  const password = new random.RandomPassword(`${name}-${role}-password`, {
    length: PASSWORD_LENGTH, special: false, minLower: 1, minUpper: 1, minNumeric: 1,
  }, { parent, protect: args.protect });
  const secret = new aws.secretsmanager.Secret(`${name}-${role}`, {
    description: `${args.label} ${args.identifier}: ${role} ${args.username} ${DESCRIPTIONS[role]}`,
    kmsKeyId: args.kmsKeyArn,
    recoveryWindowInDays: args.recoveryWindowDays,
  }, { parent, protect: args.protect });
  return { role, secret, initialPassword: pulumi.secret(password.result) };
}

export interface SecretRotationArgs {
  /** Region of the stack. No default. */
  readonly region: string;
  /** Physical identifier of the primary (names the rotation function). No default. */
  readonly identifier: string;
  /** `engine` in the secret JSON, e.g. `postgres`. No default. */
  readonly secretEngine: string;
  /** Secrets Manager's single-user rotation function for the engine. No default. */
  readonly template: RotationTemplate;
  /** The user whose password the secret holds. No default. */
  readonly username: string;
  /** Database the secret names; undefined connects the rotation to the engine's default (SQL Server: master). No default. */
  readonly databaseName: string | undefined;
  /** Database port. No default. */
  readonly port: number;
  /** Customer KMS key of the secret. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days between rotations, 1..1000. No default. */
  readonly rotationDays: number;
  /** The primary: the secret's value is written once it exists, with its address. No default. */
  readonly primary: aws.rds.Instance;
  /** Where the rotation function runs. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the rotation function (to the primary and Secrets Manager). No default. */
  readonly rotationSecurityGroupId: pulumi.Input<string>;
  /** For an alternating-users template: the admin's secret (the secret's `masterarn`) and its key. Default: none. */
  readonly masterSecret?: { readonly arn: pulumi.Input<string>; readonly kmsKeyArn: pulumi.Input<string> };
}

/**
 * The secret's first value, in the JSON Secrets Manager's rotation function reads, and its rotation (single user:
 * the user changes its own password; alternating users: the master secret's user changes the other of two). Rotation writes every later version, so Pulumi never writes the string
 * again (`ignoreChanges`): a replaced primary would otherwise put the long-rotated initial password back as
 * AWSCURRENT.
 */
export function secretValueAndRotation(name: string, generated: GeneratedSecret, args: SecretRotationArgs, parent: pulumi.Resource): void {
  const role = generated.role;
  const version = new aws.secretsmanager.SecretVersion(`${name}-${role}`, {
    secretId: generated.secret.id,
    secretString: pulumi.secret(pulumi.jsonStringify({
      engine: args.secretEngine, host: args.primary.address, port: args.port,
      ...(args.databaseName === undefined ? {} : { dbname: args.databaseName }),
      username: args.username, password: generated.initialPassword,
      ...(args.masterSecret ? { masterarn: args.masterSecret.arn } : {}),
    })),
  }, { parent, dependsOn: [args.primary], ignoreChanges: ["secretString"] });
  templateRotation(`${name}-${role}`, {
    template: args.template, functionName: `${args.identifier}-${role}-rotation`, region: args.region,
    secretId: generated.secret.arn, kmsKeyArn: args.kmsKeyArn, automaticallyAfterDays: args.rotationDays,
    vpc: { subnetIds: args.subnetIds, securityGroupId: args.rotationSecurityGroupId },
    ...(args.masterSecret ? { masterSecret: args.masterSecret } : {}),
    dependsOn: [version],
  }, parent);
}
