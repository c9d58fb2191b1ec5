import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { templateRotation } from "../common/secret-rotation";

/** Length of the generated admin password: letters and digits only, so it needs no escaping in a URI. */
const PASSWORD_LENGTH = 40;

/**
 * The one-time statements that create the pool's role, run as the admin (docs/components.md: PostgreSQL, first deploy). The
 * role has no password: `rds_iam` makes it log in with IAM tokens only, which RDS Proxy requests itself
 * (end-to-end IAM). It may connect and create its own tables in `public`; it is no superuser and cannot create
 * roles.
 */
export function poolRoleBootstrapSql(databaseName: string, poolUsername: string): string {
  return [
    `CREATE ROLE ${poolUsername} LOGIN;`,
    `GRANT rds_iam TO ${poolUsername};`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${databaseName} TO ${poolUsername};`,
    `GRANT USAGE, CREATE ON SCHEMA public TO ${poolUsername};`,
  ].join("\n");
}

export interface AdminSecretArgs {
  /** Physical identifier of the primary: names the secret's description and rotation function. No default. */
  readonly identifier: string;
  /** Admin user of the instance. No default. */
  readonly adminUsername: string;
  /** Customer KMS key of the secret. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days Secrets Manager keeps the deleted secret recoverable: 0 or 7..30. No default. */
  readonly recoveryWindowDays: number;
  /** Pulumi `protect` on the secret and the password (losing the admin password locks the database). No default. */
  readonly protect: boolean;
}

export interface AdminSecret {
  readonly secret: aws.secretsmanager.Secret;
  /** The generated password, for the instance's create only (rotation owns it afterwards). */
  readonly initialPassword: pulumi.Output<string>;
}

/**
 * The admin's generated password and the secret that will hold it, on the stack's key. Not RDS-managed: RDS
 * refuses read replicas of an instance whose master password it manages (RDS User Guide, "Password management
 * with Amazon RDS and AWS Secrets Manager", Limitations).
 */
export function adminSecret(name: string, args: AdminSecretArgs, parent: pulumi.Resource): AdminSecret {
  const password = new random.RandomPassword(`${name}-admin-password`, {
    length: PASSWORD_LENGTH, special: false, minLower: 1, minUpper: 1, minNumeric: 1,
  }, { parent, protect: args.protect });
  const secret = new aws.secretsmanager.Secret(`${name}-admin`, {
    description: `PostgreSQL ${args.identifier}: admin ${args.adminUsername} (migrations, bootstrap; rotated)`,
    kmsKeyId: args.kmsKeyArn,
    recoveryWindowInDays: args.recoveryWindowDays,
  }, { parent, protect: args.protect });
  return { secret, initialPassword: pulumi.secret(password.result) };
}

export interface AdminRotationArgs {
  /** Region of the stack. No default. */
  readonly region: string;
  /** Physical identifier of the primary (names the rotation function). No default. */
  readonly identifier: string;
  /** Admin user. No default. */
  readonly adminUsername: string;
  /** Database the secret names. No default. */
  readonly databaseName: string;
  /** PostgreSQL port. No default. */
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
}

/**
 * The secret's first value, in the JSON Secrets Manager's PostgreSQL rotation function reads, and its rotation
 * (single user: the admin changes its own password; it is used interactively, never pooled). Rotation writes
 * every later version, so Pulumi never writes the string again (`ignoreChanges`): a replaced primary would
 * otherwise put the long-rotated initial password back as AWSCURRENT.
 */
export function adminSecretValueAndRotation(name: string, admin: AdminSecret, args: AdminRotationArgs, parent: pulumi.Resource): void {
  const version = new aws.secretsmanager.SecretVersion(`${name}-admin`, {
    secretId: admin.secret.id,
    secretString: pulumi.secret(pulumi.jsonStringify({
      engine: "postgres", host: args.primary.address, port: args.port, dbname: args.databaseName,
      username: args.adminUsername, password: admin.initialPassword,
    })),
  }, { parent, dependsOn: [args.primary], ignoreChanges: ["secretString"] });
  templateRotation(`${name}-admin`, {
    template: "postgresSingleUser", functionName: `${args.identifier}-admin-rotation`, region: args.region,
    secretId: admin.secret.arn, kmsKeyArn: args.kmsKeyArn, automaticallyAfterDays: args.rotationDays,
    vpc: { subnetIds: args.subnetIds, securityGroupId: args.rotationSecurityGroupId },
    dependsOn: [version],
  }, parent);
}
