import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { AccountScope } from "../common/aws";
import type { RedisEngine } from "./engines";
import { rotationFunctionName, userPasswordRotation } from "./rotation";

/**
 * Default ACL of the application user: every key and channel, every command except the `@dangerous`
 * category (FLUSHALL/FLUSHDB, KEYS, CONFIG, DEBUG, MONITOR, ...), which an application sharing the cache has
 * no business running. Note: Fiber's `Reset()` issues FLUSHDB and is refused on purpose.
 */
export const APP_ACCESS_STRING = "on ~* &* +@all -@dangerous";

/** The required `default` user, switched off: no command, no key, and a password nobody holds. */
export const DISABLED_DEFAULT_ACCESS_STRING = "off -@all";

/** Characters ElastiCache accepts in passwords besides letters and digits (rotation-handler.mjs generates with the same). */
export const PASSWORD_SPECIALS = "!&#$^<>-";

export interface RbacUsersArgs extends AccountScope {
  /** Replication group ID; prefixes the user IDs (`<id>-app`, `<id>-default`) and the user group ID (`<id>-users`). No default. */
  readonly replicationGroupId: string;
  /** Engine of the users and the user group; must be the replication group's. No default. */
  readonly engine: RedisEngine;
  /** User name of the application user (not `default`). No default. */
  readonly username: string;
  /** ACL access string of the application user, e.g. `APP_ACCESS_STRING`. No default. */
  readonly accessString: string;
  /** Customer KMS key ARN that encrypts the credentials secret. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days Secrets Manager keeps the deleted secret recoverable: 0 or 7-30 days. No default. */
  readonly secretRecoveryWindowDays: number;
  /** Pulumi `protect` on the application password and its secret. No default. */
  readonly protect: boolean;
  /** Retention of the rotation function's log group, days (a CloudWatch Logs retention value). No default. */
  readonly logRetentionDays: number;
  /** Days between rotations of the application password, 1..1000. No default. */
  readonly rotationDays: number;
}

export interface RbacUsers {
  /** The user group to attach to the replication group (`userGroupIds`). */
  readonly userGroup: aws.elasticache.UserGroup;
  /** User name of the application user. */
  readonly username: string;
  /** Secrets Manager secret holding `{"username", "password", "user_arn"}` of the application user; it rotates. */
  readonly secret: aws.secretsmanager.Secret;
  /** The secret's rotation schedule (function `<replicationGroupId>-app-rotation`). */
  readonly rotation: aws.secretsmanager.SecretRotation;
}

function password(name: string, parent: pulumi.Resource, protect: boolean): pulumi.Output<string> {
  const generated = new random.RandomPassword(name, {
    length: 40, special: true, overrideSpecial: PASSWORD_SPECIALS, minLower: 1, minUpper: 1, minNumeric: 1,
  }, { parent, protect });
  // The provider marks `result` secret itself; saying so again keeps it secret wherever it flows.
  return pulumi.secret(generated.result);
}

/**
 * RBAC: an application user whose generated password lives only in a KMS-encrypted Secrets Manager secret that
 * rotates every `rotationDays` (rotation.ts), and a replacement for the `default` user every user group must
 * contain, disabled.
 *
 * After the first rotation the user's passwords and the secret's value belong to the rotation function. Pulumi
 * must never write back the initial password: that would lock out every client holding the rotated one (and put a
 * password into the secret that the user may no longer accept). So the user ignores changes to its passwords
 * (`authenticationMode`) and the secret's first version ignores changes to its value (`secretString`); both only
 * take the initial password when they are created.
 */
export function rbacUsers(name: string, args: RbacUsersArgs, parent: pulumi.Resource): RbacUsers {
  const appPassword = password(`${name}-app-password`, parent, args.protect);
  const app = new aws.elasticache.User(`${name}-app`, {
    userId: `${args.replicationGroupId}-app`,
    userName: args.username,
    engine: args.engine,
    accessString: args.accessString,
    authenticationMode: { type: "password", passwords: [appPassword] },
  }, { parent, ignoreChanges: ["authenticationMode"] });
  // A Valkey user group admits only users that authenticate, so the disabled default user gets a password too.
  const defaultUser = new aws.elasticache.User(`${name}-default`, {
    userId: `${args.replicationGroupId}-default`,
    userName: "default",
    engine: args.engine,
    accessString: DISABLED_DEFAULT_ACCESS_STRING,
    authenticationMode: { type: "password", passwords: [password(`${name}-default-password`, parent, false)] },
  }, { parent });
  const userGroup = new aws.elasticache.UserGroup(`${name}-users`, {
    userGroupId: `${args.replicationGroupId}-users`,
    engine: args.engine,
    userIds: [defaultUser.userId, app.userId],
  }, { parent });

  const secret = new aws.secretsmanager.Secret(`${name}-app-credentials`, {
    description: `Valkey/Redis ${args.replicationGroupId}: application user ${args.username} (JSON: username, password, user_arn; rotated)`,
    kmsKeyId: args.kmsKeyArn,
    recoveryWindowInDays: args.secretRecoveryWindowDays,
  }, { parent, protect: args.protect });
  // user_arn ties the secret to the user (ElastiCache User Guide, "Automatically rotating passwords for users":
  // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/User-Secrets-Manager.html).
  const secretVersion = new aws.secretsmanager.SecretVersion(`${name}-app-credentials`, {
    secretId: secret.id,
    secretString: pulumi.secret(pulumi.jsonStringify({ username: args.username, password: appPassword, user_arn: app.arn })),
  }, { parent, ignoreChanges: ["secretString"] });
  const rotation = userPasswordRotation(`${name}-app`, {
    accountId: args.accountId, region: args.region,
    functionName: rotationFunctionName(args.replicationGroupId),
    secret, secretVersion, user: app, userName: args.username,
    kmsKeyArn: args.kmsKeyArn, logRetentionDays: args.logRetentionDays, automaticallyAfterDays: args.rotationDays,
  }, parent);
  return { userGroup, username: args.username, secret, rotation };
}
