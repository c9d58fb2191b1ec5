// @ts-check
/**
 * Rotation function for the secret of ONE ElastiCache (Valkey / Redis OSS) RBAC user: the Lambda function's
 * `index.mjs` (shipped by components/redis/rotation.ts, nothing else is bundled). Written for this stack from the
 * documented protocol, not from AWS's sample functions:
 *
 * - Secrets Manager User Guide, "Rotation by Lambda function" and "Lambda rotation functions"
 *   (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html,
 *   https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html): Secrets
 *   Manager invokes the function once per step, `createSecret`, `setSecret`, `testSecret`, `finishSecret`, with the
 *   secret (`SecretId`) and the new version (`ClientRequestToken`), which it has staged `AWSPENDING`; the last step
 *   moves `AWSCURRENT` to that version. A step may be invoked again after a failure, so every step is idempotent.
 * - ElastiCache User Guide, "Automatically rotating passwords for users"
 *   (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/User-Secrets-Manager.html): the secret holds
 *   `username`, `password` and `user_arn`, and the function sets the user's password with ModifyUser.
 * - ElastiCache API, ModifyUser (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyUser.html):
 *   "The passwords belonging to the user. You are allowed up to two." setSecret gives the user [pending, current],
 *   so a client still holding the current password keeps authenticating until it re-reads the secret; the next
 *   rotation drops the older one.
 *
 * `rotate` does the work with the clients it is given (the unit tests pass fakes); `handler` builds the AWS SDK v3
 * clients the Node.js runtime provides ("Building Lambda functions with Node.js":
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html) and reads its configuration from the environment.
 * Passwords are never logged.
 */

import console from "node:console";
import process from "node:process";
import { setTimeout as delay } from "node:timers/promises";

/** @typedef {import("./rotation-handler.mjs").RotationStep} RotationStep */
/** @typedef {import("./rotation-handler.mjs").RotationEvent} RotationEvent */
/** @typedef {import("./rotation-handler.mjs").RotationClients} RotationClients */
/** @typedef {import("./rotation-handler.mjs").SecretsManagerApi} SecretsManagerApi */
/** @typedef {import("./rotation-handler.mjs").ElastiCacheApi} ElastiCacheApi */
/** @typedef {import("./rotation-handler.mjs").ElastiCacheUser} ElastiCacheUser */
/** @typedef {import("./rotation-handler.mjs").RotationConfig} RotationConfig */

/** @type {readonly RotationStep[]} */
export const STEPS = Object.freeze(["createSecret", "setSecret", "testSecret", "finishSecret"]);

/** Environment variables the function needs (set by components/redis/rotation.ts). */
export const REQUIRED_ENV = Object.freeze(["SECRET_ARN", "USER_NAME", "USER_ARN"]);

/** Length of a generated password (the same as the initial one from @pulumi/random, components/redis/auth.ts). */
export const PASSWORD_LENGTH = 40;

/**
 * The only characters besides letters and digits ElastiCache accepts in a password ("Nonalphanumeric characters are
 * restricted to (!, &, #, $, ^, <, >, -)": ElastiCache User Guide, "Authenticating with the Valkey and Redis OSS AUTH
 * command", https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html). Same rule as PASSWORD_SPECIALS in
 * auth.ts; a unit test keeps the two equal.
 */
export const PASSWORD_SPECIALS = "!&#$^<>-";

/**
 * Punctuation GetRandomPassword draws from by default (Secrets Manager API, GetRandomPassword:
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html).
 */
export const GENERATOR_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** `ExcludeCharacters`: the generator's punctuation that ElastiCache refuses. */
export const EXCLUDED_CHARACTERS = [...GENERATOR_PUNCTUATION].filter((c) => !PASSWORD_SPECIALS.includes(c)).join("");

/** Longest wait, seconds, for the user to turn `active` in one invocation (the function's timeout is above it). */
export const USER_WAIT_SECONDS = 240;

/** Seconds between two DescribeUsers while waiting. */
export const USER_POLL_SECONDS = 5;

const PENDING = "AWSPENDING";
const CURRENT = "AWSCURRENT";
const USER_ARN = /^arn:aws[a-z-]*:elasticache:[a-z0-9-]+:\d{12}:user:([a-zA-Z][a-zA-Z0-9-]*)$/;
const ALLOWED_PASSWORD = new RegExp(`^[A-Za-z0-9${PASSWORD_SPECIALS.replace(/[\\^\]-]/g, "\\$&")}]+$`);

/**
 * What the function was made for, from its environment.
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {RotationConfig}
 */
export function configFrom(env) {
  const missing = REQUIRED_ENV.filter((key) => !env[key]);
  if (missing.length > 0) throw new Error(`rotation function misconfigured: environment variable(s) ${missing.join(", ")} not set`);
  const secretArn = /** @type {string} */ (env.SECRET_ARN);
  const userName = /** @type {string} */ (env.USER_NAME);
  const userArn = /** @type {string} */ (env.USER_ARN);
  const match = USER_ARN.exec(userArn);
  if (!match) throw new Error(`rotation function misconfigured: USER_ARN "${userArn}" is not an ElastiCache user ARN (arn:aws:elasticache:<region>:<account>:user:<user id>)`);
  return { secretArn, userName, userArn, userId: match[1] };
}

/**
 * One step of a rotation of the configured secret.
 * @param {string} step
 * @param {RotationEvent} event
 * @param {RotationClients} clients
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Promise<void>}
 */
export async function rotate(step, event, clients, env) {
  const config = configFrom(env);
  const log = clients.log ?? ((message) => console.log(message));
  if (!isStep(step)) throw new Error(`unknown rotation step "${step}": expected one of ${STEPS.join(", ")}`);
  const secretId = event.SecretId;
  const token = event.ClientRequestToken;
  if (typeof token !== "string" || token === "") throw new Error(`${step}: the event has no ClientRequestToken`);
  // Made for one secret: Secrets Manager passes the secret's ARN, and only that one is rotated (the Lambda
  // permission's source ARN says the same to Secrets Manager; this says it to anyone else who can invoke it).
  if (secretId !== config.secretArn) throw new Error(`${step}: refusing to rotate secret ${show(secretId)}: this function rotates only ${config.secretArn}`);

  const sm = clients.secretsManager;
  const metadata = await sm.describeSecret({ SecretId: secretId });
  if (metadata.RotationEnabled !== true) throw new Error(`${step}: secret ${secretId} does not have rotation enabled; refusing to rotate it`);
  const versions = metadata.VersionIdsToStages ?? {};
  const stages = versions[token];
  if (!stages) throw new Error(`${step}: version ${token} is not a version of secret ${secretId}, so it has no stage for rotation`);
  if (stages.includes(CURRENT)) {
    log(`${step}: version ${token} is already ${CURRENT}; nothing to do`);
    return;
  }
  if (!stages.includes(PENDING)) throw new Error(`${step}: version ${token} of secret ${secretId} is not staged ${PENDING}; refusing to rotate it`);

  const context = { config, clients, secretId, token, log };
  switch (step) {
    case "createSecret": return createSecret(context);
    case "setSecret": return setSecret(context);
    case "testSecret": return testSecret(context);
    case "finishSecret": return finishSecret(context, versions);
  }
}

/**
 * @typedef {{ config: RotationConfig, clients: RotationClients, secretId: string, token: string, log: (message: string) => void }} StepContext
 */

/**
 * Puts a new password as the AWSPENDING version, unless that version already has a value.
 * @param {StepContext} c
 */
async function createSecret(c) {
  const sm = c.clients.secretsManager;
  const current = credentials(c, await sm.getSecretValue({ SecretId: c.secretId, VersionStage: CURRENT }), CURRENT);
  try {
    await sm.getSecretValue({ SecretId: c.secretId, VersionId: c.token, VersionStage: PENDING });
    c.log(`createSecret: version ${c.token} already has a value; not generating another`);
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const generated = await sm.getRandomPassword({
    PasswordLength: PASSWORD_LENGTH, ExcludeCharacters: EXCLUDED_CHARACTERS, IncludeSpace: false, RequireEachIncludedType: true,
  });
  const password = generated.RandomPassword;
  if (typeof password !== "string" || password.length !== PASSWORD_LENGTH || !ALLOWED_PASSWORD.test(password)) {
    throw new Error(`createSecret: GetRandomPassword returned no ${PASSWORD_LENGTH}-character password of letters, digits and ${PASSWORD_SPECIALS}`);
  }
  // Keeps whatever else the secret holds; user_arn comes from the configuration, so a secret written before it
  // held user_arn gains it here.
  const value = { ...current.value, username: c.config.userName, user_arn: c.config.userArn, password };
  await sm.putSecretValue({ SecretId: c.secretId, ClientRequestToken: c.token, SecretString: JSON.stringify(value), VersionStages: [PENDING] });
  c.log(`createSecret: put a new password as version ${c.token} (${PENDING})`);
}

/**
 * Gives the user the pending and the current password, once it is active.
 * @param {StepContext} c
 */
async function setSecret(c) {
  const { current, pending } = await currentAndPending(c);
  await waitForActive(c, "before changing its passwords");
  const passwords = pending.password === current.password ? [pending.password] : [pending.password, current.password];
  await c.clients.elastiCache.modifyUser({ UserId: c.config.userId, Passwords: passwords });
  c.log(`setSecret: user ${c.config.userId} now has ${passwords.length} password(s), the pending one first`);
}

/**
 * Waits until the user is active again, and checks it holds the passwords setSecret gave it.
 * @param {StepContext} c
 */
async function testSecret(c) {
  const { current, pending } = await currentAndPending(c);
  const user = await waitForActive(c, "after ModifyUser");
  const expected = pending.password === current.password ? 1 : 2;
  const authentication = user.Authentication;
  if (authentication?.Type !== "password" || authentication.PasswordCount !== expected) {
    throw new Error(`testSecret: user ${c.config.userId} authenticates by ${show(authentication?.Type)} with ${show(authentication?.PasswordCount)} password(s), expected password with ${expected}: setSecret has not taken effect`);
  }
  c.log(`testSecret: user ${c.config.userId} is active with ${expected} password(s)`);
}

/**
 * Moves AWSCURRENT to the pending version (rotate() has already returned if it is there).
 * @param {StepContext} c
 * @param {Record<string, string[]>} versions
 */
async function finishSecret(c, versions) {
  const currentVersion = Object.keys(versions).find((id) => versions[id].includes(CURRENT));
  await c.clients.secretsManager.updateSecretVersionStage({
    SecretId: c.secretId, VersionStage: CURRENT, MoveToVersionId: c.token,
    ...(currentVersion === undefined ? {} : { RemoveFromVersionId: currentVersion }),
  });
  c.log(`finishSecret: version ${c.token} is ${CURRENT}${currentVersion === undefined ? "" : ` (was ${currentVersion})`}`);
}

/**
 * @param {StepContext} c
 */
async function currentAndPending(c) {
  const sm = c.clients.secretsManager;
  const current = credentials(c, await sm.getSecretValue({ SecretId: c.secretId, VersionStage: CURRENT }), CURRENT);
  const pending = credentials(c, await sm.getSecretValue({ SecretId: c.secretId, VersionId: c.token, VersionStage: PENDING }), PENDING);
  if (pending.value.user_arn !== c.config.userArn) {
    throw new Error(`version ${c.token} names user_arn ${show(pending.value.user_arn)}; this function rotates only ${c.config.userArn}`);
  }
  return { current, pending };
}

/**
 * The JSON value of a version, refused unless it is the configured user's.
 * @param {StepContext} c
 * @param {{ SecretString?: string }} response
 * @param {string} label
 * @returns {{ value: Record<string, unknown>, password: string }}
 */
function credentials(c, response, label) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(response.SecretString ?? "");
  } catch {
    throw new Error(`the ${label} version of ${c.secretId} is not JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`the ${label} version of ${c.secretId} is not a JSON object`);
  const value = /** @type {Record<string, unknown>} */ (parsed);
  if (value.username !== c.config.userName) {
    throw new Error(`the ${label} version of ${c.secretId} is for user ${show(value.username)}; this function rotates only ${c.config.userName}`);
  }
  if (value.user_arn !== undefined && value.user_arn !== c.config.userArn) {
    throw new Error(`the ${label} version of ${c.secretId} names user_arn ${show(value.user_arn)}; this function rotates only ${c.config.userArn}`);
  }
  if (typeof value.password !== "string" || value.password === "") throw new Error(`the ${label} version of ${c.secretId} has no password`);
  return { value, password: value.password };
}

/**
 * Polls DescribeUsers until the user is `active`, for at most USER_WAIT_SECONDS.
 * @param {StepContext} c
 * @param {string} why
 * @returns {Promise<ElastiCacheUser>}
 */
async function waitForActive(c, why) {
  const now = c.clients.now ?? Date.now;
  const sleep = c.clients.sleep ?? ((ms) => delay(ms));
  const deadline = now() + USER_WAIT_SECONDS * 1000;
  for (;;) {
    const user = await describeUser(c);
    if (user.Status === "active") return user;
    if (user.Status === "deleting") throw new Error(`user ${c.config.userId} is being deleted; not rotating its password`);
    const left = deadline - now();
    if (left <= 0) {
      throw new Error(`user ${c.config.userId} is still "${show(user.Status)}" after ${USER_WAIT_SECONDS} s (waiting ${why}); `
        + "Secrets Manager retries the step later, or rotate again once the user is active");
    }
    c.log(`waiting for user ${c.config.userId} (${show(user.Status)}) ${why}`);
    await sleep(Math.min(USER_POLL_SECONDS * 1000, left));
  }
}

/**
 * @param {StepContext} c
 * @returns {Promise<ElastiCacheUser>}
 */
async function describeUser(c) {
  const response = await c.clients.elastiCache.describeUsers({ UserId: c.config.userId });
  const user = (response.Users ?? []).find((u) => u.UserId === c.config.userId);
  if (!user) throw new Error(`ElastiCache user ${c.config.userId} does not exist`);
  if (user.UserName !== c.config.userName) {
    throw new Error(`ElastiCache user ${c.config.userId} is named ${show(user.UserName)}; this function rotates only ${c.config.userName}`);
  }
  return user;
}

/**
 * A value from a secret or an API response, for an error message (never a password).
 * @param {unknown} value
 */
function show(value) {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "undefined";
}

/**
 * @param {string} step
 * @returns {step is RotationStep}
 */
function isStep(step) {
  return /** @type {readonly string[]} */ (STEPS).includes(step);
}

/**
 * @param {unknown} error
 */
function isNotFound(error) {
  return typeof error === "object" && error !== null && /** @type {{ name?: unknown }} */ (error).name === "ResourceNotFoundException";
}

// Module names in variables: the Lambda runtime provides these packages; this repository does not install them.
const SECRETS_MANAGER_MODULE = "@aws-sdk/client-secrets-manager";
const ELASTICACHE_MODULE = "@aws-sdk/client-elasticache";

/**
 * @param {string} name
 * @returns {Promise<unknown>}
 */
const load = (name) => import(name);

/** @type {RotationClients | undefined} */
let sdkClients;

/**
 * The SDK's aggregated clients have one method per API operation, matching SecretsManagerApi / ElastiCacheApi.
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Promise<RotationClients>}
 */
async function createSdkClients(env) {
  const secrets = /** @type {{ SecretsManager: new (config: { endpoint?: string }) => SecretsManagerApi }} */ (await load(SECRETS_MANAGER_MODULE));
  const elasticache = /** @type {{ ElastiCache: new (config: object) => ElastiCacheApi }} */ (await load(ELASTICACHE_MODULE));
  return {
    secretsManager: new secrets.SecretsManager(env.SECRETS_MANAGER_ENDPOINT ? { endpoint: env.SECRETS_MANAGER_ENDPOINT } : {}),
    elastiCache: new elasticache.ElastiCache({}),
  };
}

/**
 * Lambda entry point (`index.handler`).
 * @param {RotationEvent} event
 * @returns {Promise<void>}
 */
export async function handler(event) {
  sdkClients ??= await createSdkClients(process.env);
  await rotate(String(event.Step), event, sdkClients, process.env);
}
