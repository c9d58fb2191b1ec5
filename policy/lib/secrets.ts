import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { knownString } from "./rds";
import type { Read } from "./values";

/**
 * Secrets Manager secrets, their first values (SecretVersion) and their rotations as stack policies see them. A
 * secret's ARN and ID are outputs: policies link by the engine's dependencies first, by known IDs second, and an
 * unknown value never resolves to an answer.
 */

const isSecret = (r: PolicyResource) => r.isType(aws.secretsmanager.Secret);
const isSecretVersion = (r: PolicyResource) => r.isType(aws.secretsmanager.SecretVersion);

/** Whether a known ID or ARN names this secret. */
function names(id: string | undefined, secret: PolicyResource): boolean {
  return id !== undefined && [knownString(() => secret.props.arn), knownString(() => secret.props.id)].includes(id);
}

/** Whether a rotation names this secret: by dependency, or by the secret's ID or ARN when known. */
export function rotates(rotation: PolicyResource, secret: PolicyResource): boolean {
  if (rotation.dependencies.includes(secret)) return true;
  return names(knownString(() => rotation.asType(aws.secretsmanager.SecretRotation)?.secretId), secret);
}

/**
 * The Secrets Manager secret a secret version writes: the one its `secretId` depends on, else its only linked
 * secret, else the one its known `secretId` names. An alternating-users secret's value names its master secret
 * (`masterarn`), so its version depends on two secrets: then the one it writes is the one no other version writes.
 */
export function secretOfVersion(version: PolicyResource, resources: readonly PolicyResource[]): PolicyResource | undefined {
  const secrets = resources.filter(isSecret);
  const bySecretId = (version.propertyDependencies?.secretId ?? []).filter((d) => secrets.includes(d));
  if (bySecretId.length === 1) return bySecretId[0];
  const linked = version.dependencies.filter((d) => secrets.includes(d));
  if (linked.length === 1) return linked[0];
  const id = knownString(() => version.asType(aws.secretsmanager.SecretVersion)?.secretId);
  const named = secrets.find((s) => names(id, s));
  if (named) return named;
  const own = linked.filter((s) => !resources.some((v) => v !== version && isSecretVersion(v) && v.dependencies.includes(s)));
  return own.length === 1 ? own[0] : undefined;
}

/** The first values written into a secret (its SecretVersions). */
export function versionsOf(secret: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => isSecretVersion(r) && secretOfVersion(r, resources) === secret);
}

/** The secret a rotation rotates: its only linked secret, or the one its known `secretId` names. */
export function rotatedSecret(rotation: PolicyResource, resources: readonly PolicyResource[]): PolicyResource | undefined {
  const secrets = resources.filter(isSecret);
  const linked = rotation.dependencies.filter((d) => secrets.includes(d));
  if (linked.length === 1) return linked[0];
  const id = knownString(() => rotation.asType(aws.secretsmanager.SecretRotation)?.secretId);
  return secrets.find((s) => names(id, s));
}

/** A secret version's value as JSON; `known: false` while the value is unknown or not a JSON object. */
export function secretJson(version: PolicyResource): Read<Readonly<Record<string, unknown>>> {
  const value = knownString(() => version.asType(aws.secretsmanager.SecretVersion)?.secretString);
  if (value === undefined) return { known: false };
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { known: true, value: parsed as Record<string, unknown> } : { known: false };
  } catch {
    return { known: false };
  }
}

/** `username` in a secret version's JSON value; `known: false` while the value is unknown or not JSON with a username. */
export function secretUsername(version: PolicyResource): Read<string> {
  const json = secretJson(version);
  const username = json.known ? json.value.username : undefined;
  return typeof username === "string" ? { known: true, value: username } : { known: false };
}
