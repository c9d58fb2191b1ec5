import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CLOUDFLARE_TOKEN_COMPENSATING_CONTROLS, CLOUDFLARE_TOKEN_ROTATION_EXCEPTION } from "../components/cloudflarekv/exception";
import { ACCOUNT_RESOURCE, ACCOUNT_TOKEN_TYPE, TOKEN_TIME } from "../components/cloudflarekv/rules";
import { KV_PERMISSION_GROUP_IDS, KV_PERMISSION_GROUPS, TOKEN_VALID_DAYS } from "../components/cloudflarekv/token";
import { baseline } from "./lib/controls";
import { knownProperties } from "./lib/values";
import type { PolicyException } from "./rds";

// The Cloudflare KV row's baseline (components/cloudflarekv): no FSBP control covers a Cloudflare token, so these are the
// pack's own, after Cloudflare's guidance for API tokens (least privilege, client IP filtering, a TTL:
// https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ and .../restrict-tokens/, checked 2026-11-29).

/** The named exception (the PolicyException shape of policy/rds.ts), listed in docs/policy.md's "Named exceptions". */
export const CLOUDFLARE_TOKEN_ROTATION: PolicyException = {
  name: CLOUDFLARE_TOKEN_ROTATION_EXCEPTION,
  policy: "secretsmanager-1-rotation",
  waives: "a Secrets Manager rotation function for the secret holding the Cloudflare KV token (FSBP SecretsManager.1)",
  reason: "rolling a Cloudflare token needs a credential that can write API tokens, i.e. mint tokens with any permission: a rotation Lambda would keep a worse secret in AWS than the one it rotates (components/cloudflarekv/exception.ts)",
  compensatingControl: CLOUDFLARE_TOKEN_COMPENSATING_CONTROLS.join("; "),
};

/**
 * validateResourceOfType for a type token: the pack matches Cloudflare resources by token, so a stack without them never
 * loads @pulumi/cloudflare for its policy run (the SDK's `__pulumiType` is attached the same way, for the engine's filter).
 */
export function validateResourceOfToken(token: string, validate: (props: Readonly<Record<string, unknown>>, args: ResourceValidationArgs, report: ReportViolation) => void): ResourceValidation {
  const fn = (args: ResourceValidationArgs, report: ReportViolation) => (args.type === token ? validate(args.props, args, report) : args.notApplicable(`only ${token}`));
  return Object.assign(fn, { __pulumiType: token });
}

type Token = Record<string, unknown>;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The token's properties a check reads, or undefined when one of them is unknown (judged again at `pulumi up`). */
function tokenOf(props: object, keys: readonly string[]): Token | undefined {
  return knownProperties<Token>(props, keys);
}

/** Only allow policies with the Workers KV groups, each on exactly the token's own account. */
export function leastPrivilegeProblems(t: Token): string[] {
  const problems: string[] = [];
  const policies = Array.isArray(t.policies) ? t.policies : [];
  policies.forEach((p, i) => {
    if (!isObj(p)) return;
    if (p.effect !== "allow") return;
    const groups = Array.isArray(p.permissionGroups) ? p.permissionGroups.map((g) => (isObj(g) ? String(g.id) : String(g))) : [];
    const others = groups.filter((id) => !KV_PERMISSION_GROUP_IDS.includes(id));
    if (others.length > 0) {
      problems.push(`policies[${i}] grants permission groups ${others.join(", ")}: a storage/cloudflarekv token holds only ${KV_PERMISSION_GROUPS.read.name} (${KV_PERMISSION_GROUPS.read.id}) and ${KV_PERMISSION_GROUPS.write.name} (${KV_PERMISSION_GROUPS.write.id})`);
    }
    let resources: unknown;
    try { resources = typeof p.resources === "string" ? JSON.parse(p.resources) : undefined; } catch { resources = undefined; }
    const keys = isObj(resources) ? Object.keys(resources) : [];
    const account = keys.length === 1 ? ACCOUNT_RESOURCE.exec(keys[0])?.[1] : undefined;
    if (account === undefined || account !== t.accountId || (isObj(resources) && resources[keys[0]] !== "*")) {
      problems.push(`policies[${i}].resources is ${String(p.resources)}: name exactly the token's own account, {"com.cloudflare.api.account.${String(t.accountId)}":"*"} (never every account, a wildcard or another account)`);
    }
  });
  return problems;
}

const ANYWHERE = /\/0$/;

/** Usable only from named client ranges, none of them everything. */
export function clientRangeProblems(t: Token): string[] {
  const requestIp = isObj(t.condition) && isObj(t.condition.requestIp) ? t.condition.requestIp : undefined;
  const ins = requestIp && Array.isArray(requestIp.ins) ? requestIp.ins.map(String) : [];
  if (ins.length === 0) return ["condition.requestIp.ins is empty: the token works from any address on the internet; list the application's egress ranges"];
  const open = ins.filter((c) => ANYWHERE.test(c));
  return open.length > 0 ? [`condition.requestIp.ins admits ${open.join(", ")}: that is every address; list the application's egress ranges`] : [];
}

const DAY_MS = 86_400_000;

/** Expires at most 365 days after it becomes valid. */
export function expiryProblems(t: Token): string[] {
  if (typeof t.expiresOn !== "string" || !TOKEN_TIME.test(t.expiresOn)) return ["expiresOn is not set: the token never expires; set notBefore and expiresOn (components/cloudflarekv: tokenIssuedOn, tokenValidDays)"];
  if (typeof t.notBefore !== "string" || !TOKEN_TIME.test(t.notBefore)) return ["notBefore is not set: the token's lifetime cannot be bounded; set it to the issue day"];
  const days = (Date.parse(t.expiresOn) - Date.parse(t.notBefore)) / DAY_MS;
  return days > TOKEN_VALID_DAYS.max ? [`the token is valid ${days} days (${t.notBefore} to ${t.expiresOn}): at most ${TOKEN_VALID_DAYS.max}; rotate it by moving its issue day`] : [];
}

function tokenPolicy(name: string, summary: string, remediation: string, keys: readonly string[], problems: (t: Token) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...baseline("Sparki baseline: credentials", summary, "high", remediation),
    validateResource: validateResourceOfToken(ACCOUNT_TOKEN_TYPE, (token, _args, report) => {
      const t = tokenOf(token, keys);
      const found = t === undefined ? [] : problems(t);
      if (found.length > 0) report(`${found.join("; ")}.`);
    }),
  };
}

export const cloudflareTokenLeastPrivilege = tokenPolicy("cloudflarekv-token-least-privilege",
  "Account-owned Cloudflare tokens allow only Workers KV Storage Read/Write, on exactly their own account.",
  "Build the token with components/cloudflarekv (KV_PERMISSION_GROUPS, accountResources).",
  ["accountId", "policies"], leastPrivilegeProblems);

export const cloudflareTokenClientRanges = tokenPolicy("cloudflarekv-token-client-ranges",
  "Account-owned Cloudflare tokens work only from named client ranges (condition.requestIp.ins), never from every address.",
  "Set sparki-storage:cloudflarekv.tokenClientCidrs to the application's NAT egress addresses.",
  ["condition"], clientRangeProblems);

export const cloudflareTokenExpires = tokenPolicy("cloudflarekv-token-expires",
  `Account-owned Cloudflare tokens expire, at most ${TOKEN_VALID_DAYS.max} days after they become valid (their rotation period: named exception ${CLOUDFLARE_TOKEN_ROTATION_EXCEPTION}).`,
  "Set tokenIssuedOn and tokenValidDays (prod: at most 90); move tokenIssuedOn to rotate.",
  ["notBefore", "expiresOn"], expiryProblems);

export const CLOUDFLAREKV_POLICIES = [cloudflareTokenLeastPrivilege, cloudflareTokenClientRanges, cloudflareTokenExpires];

const SECRET_VERSION_TYPE = "aws:secretsmanager/secretVersion:SecretVersion";

/**
 * The account tokens whose value a version of `secret` is written from: a SecretVersion that depends on both the secret
 * (secretId) and the token (its value in secretString). Only that secret is the one the exception stands for; the tag on
 * any other secret (a database password) must not waive its rotation.
 */
function tokensFilling(resources: readonly PolicyResource[], secret: PolicyResource): PolicyResource[] {
  const versions = resources.filter((r) => r.type === SECRET_VERSION_TYPE && r.dependencies.includes(secret));
  return [...new Set(versions.flatMap((v) => v.dependencies.filter((d) => d.type === ACCOUNT_TOKEN_TYPE)))];
}

/**
 * Why a secret tagged with the exception does not meet its compensating controls (empty: it does, or a token's values
 * are not known yet). Read by `secretsmanager-1-rotation` (policy/kms-sns-secrets-alarms.ts).
 */
export function tokenRotationExceptionProblems(resources: readonly PolicyResource[], secret: PolicyResource): string[] {
  const tokens = tokensFilling(resources, secret);
  if (tokens.length === 0) return [`the ${CLOUDFLARE_TOKEN_ROTATION_EXCEPTION} exception covers only a secret whose version is written from a Cloudflare account token's value, and no version of this secret is`];
  return tokens.flatMap((r) => {
    const t = tokenOf(r.props, ["accountId", "policies", "condition", "notBefore", "expiresOn"]);
    const found = t === undefined ? [] : [...expiryProblems(t), ...clientRangeProblems(t), ...leastPrivilegeProblems(t)];
    return found.map((p) => `token ${r.name}: ${p}`);
  });
}
