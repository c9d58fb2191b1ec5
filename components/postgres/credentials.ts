import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { templateRotation } from "../common/secret-rotation";

/** Length of generated database passwords: letters and digits only, so they need no escaping in a URI. */
const PASSWORD_LENGTH = 40;

/**
 * The one-time statement that creates the pool's role, run as the admin (README: PostgreSQL, first deploy).
 * `:'pool_password'` is a psql variable: the password comes from the pool secret, never from this file.
 * The role may connect and create its own tables in `public`; it is no superuser and cannot create roles. The
 * alternating-users rotation later clones it as `<role>_clone` and grants it this role.
 */
export function poolRoleBootstrapSql(databaseName: string, poolUsername: string): string {
  return [
    `CREATE ROLE ${poolUsername} LOGIN PASSWORD :'pool_password';`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${databaseName} TO ${poolUsername};`,
    `GRANT USAGE, CREATE ON SCHEMA public TO ${poolUsername};`,
  ].join("\n");
}

export interface DatabaseCredentialsArgs {
  /** Physical identifier of the primary: names the rotation functions. No default. */
  readonly identifier: string;
  /** Region of the stack. No default. */
  readonly region: string;
  /** Admin user of the instance. No default. */
  readonly adminUsername: string;
  /** The pool's own login role (what RDS Proxy opens connections as). No default. */
  readonly poolUsername: string;
  /** Database both secrets name. No default. */
  readonly databaseName: string;
  /** PostgreSQL port. No default. */
  readonly port: number;
  /** Customer KMS key of both secrets. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days Secrets Manager keeps a deleted secret recoverable: 0 or 7..30. No default. */
  readonly recoveryWindowDays: number;
  /** Days between rotations, 1..1000. No default. */
  readonly rotationDays: number;
  /** Pulumi `protect` on the secrets and passwords (losing the admin password locks the database). No default. */
  readonly protect: boolean;
}

export interface DatabaseSecret {
  readonly secret: aws.secretsmanager.Secret;
  /** The generated password, for the instance's create only (rotation owns it afterwards). */
  readonly initialPassword: pulumi.Output<string>;
}

export interface DatabaseCredentials {
  /** The admin's secret: `engine, host, port, username, password, dbname`. */
  readonly admin: DatabaseSecret;
  /** The pool's secret: the same keys plus `masterarn` (the admin secret, which alternating users need). */
  readonly pool: DatabaseSecret;
}

function generatedSecret(name: string, description: string, args: DatabaseCredentialsArgs, parent: pulumi.Resource): DatabaseSecret {
  const password = new random.RandomPassword(`${name}-password`, {
    length: PASSWORD_LENGTH, special: false, minLower: 1, minUpper: 1, minNumeric: 1,
  }, { parent, protect: args.protect });
  const secret = new aws.secretsmanager.Secret(name, {
    description,
    kmsKeyId: args.kmsKeyArn,
    recoveryWindowInDays: args.recoveryWindowDays,
  }, { parent, protect: args.protect });
  return { secret, initialPassword: pulumi.secret(password.result) };
}

/**
 * Two generated passwords in two secrets on the stack's key, both rotated by Secrets Manager's own functions:
 * the admin's by single-user rotation, the pool's by alternating users. Neither is RDS-managed, because RDS
 * refuses read replicas of an instance whose master password it manages (RDS User Guide, "Password management
 * with Amazon RDS and AWS Secrets Manager", Limitations).
 */
export function databaseSecrets(name: string, args: DatabaseCredentialsArgs, parent: pulumi.Resource): DatabaseCredentials {
  return {
    admin: generatedSecret(`${name}-admin`, `PostgreSQL ${args.identifier}: admin ${args.adminUsername} (rotated, single user)`, args, parent),
    pool: generatedSecret(`${name}-pool`, `PostgreSQL ${args.identifier}: RDS Proxy pool role ${args.poolUsername} (rotated, alternating users)`, args, parent),
  };
}

export interface SecretValuesArgs {
  /** The primary's address output (the host the rotation functions connect to). No default. */
  readonly host: pulumi.Input<string>;
  /** The primary: the secret values are written once it exists. No default. */
  readonly primary: aws.rds.Instance;
  /** Where the in-VPC rotation functions run. No default. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the rotation functions (to the primary and Secrets Manager). No default. */
  readonly rotationSecurityGroupId: pulumi.Input<string>;
}

/**
 * The first version of each secret, in the JSON the rotation templates read, and their rotation schedules.
 * Rotation writes every later version: Pulumi never writes the secret string again (`ignoreChanges`), or a
 * replaced primary would put the long-rotated initial password back as AWSCURRENT.
 */
export function secretValuesAndRotation(name: string, credentials: DatabaseCredentials, args: DatabaseCredentialsArgs & SecretValuesArgs, parent: pulumi.Resource): void {
  const value = (username: string, password: pulumi.Output<string>, extra: Record<string, pulumi.Input<string>> = {}) =>
    pulumi.secret(pulumi.jsonStringify({
      engine: "postgres", host: args.host, port: args.port, dbname: args.databaseName, username, password, ...extra,
    }));
  const versionOptions = { parent, dependsOn: [args.primary], ignoreChanges: ["secretString"] };
  const adminVersion = new aws.secretsmanager.SecretVersion(`${name}-admin`, {
    secretId: credentials.admin.secret.id,
    secretString: value(args.adminUsername, credentials.admin.initialPassword),
  }, versionOptions);
  const poolVersion = new aws.secretsmanager.SecretVersion(`${name}-pool`, {
    secretId: credentials.pool.secret.id,
    secretString: value(args.poolUsername, credentials.pool.initialPassword, { masterarn: credentials.admin.secret.arn }),
  }, versionOptions);

  const vpc = { subnetIds: args.subnetIds, securityGroupId: args.rotationSecurityGroupId };
  templateRotation(`${name}-admin`, {
    template: "postgresSingleUser", functionName: `${args.identifier}-admin-rotation`, region: args.region,
    secretId: credentials.admin.secret.id, kmsKeyArn: args.kmsKeyArn, vpc, automaticallyAfterDays: args.rotationDays,
    dependsOn: [adminVersion],
  }, parent);
  templateRotation(`${name}-pool`, {
    template: "postgresAlternatingUsers", functionName: `${args.identifier}-pool-rotation`, region: args.region,
    secretId: credentials.pool.secret.id, kmsKeyArn: args.kmsKeyArn, masterSecretArn: credentials.admin.secret.arn, vpc,
    automaticallyAfterDays: args.rotationDays, dependsOn: [poolVersion, adminVersion],
  }, parent);
}
