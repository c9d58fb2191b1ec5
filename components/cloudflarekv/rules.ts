/**
 * What Cloudflare (or the Pulumi provider before it) refuses when a Workers KV namespace or an account-owned API token
 * is created, as pure checks of the resources' inputs. Used by the component before it registers anything and by the
 * policy pack (policy/engine-rules-cloudflarekv.ts) for any such resource in a stack. Each names its source (read
 * 2026-11-29).
 */

export const KV_NAMESPACE_SOURCE =
  "Cloudflare API schema (cloudflare/api-schemas openapi.json, read 2026-11-29 through public copies): `workers-kv_namespace_title` maxLength 512, title required; \"Create a Namespace\" refuses a title already used in the account (error 10014); @pulumi/cloudflare 6.22.1 WorkersKvNamespace.jurisdiction: \"eu\", \"fedramp\" or \"us\", only at creation";
export const ACCOUNT_ID_SOURCE =
  "Cloudflare API schema: account identifiers are 32-character tags (`*_account_identifier` maxLength 32) shown as 32 lowercase hexadecimal digits in the dashboard (https://developers.cloudflare.com/fundamentals/account/find-account-and-zone-ids/, checked 2026-11-29)";
// Review 2026-11-29: name maxLength 120, effect allow/deny, request_ip in/not_in and "Account API Tokens Write" as the
// accepted permission are on Cloudflare's own reference of POST /accounts/{account_id}/tokens
// (https://developers.cloudflare.com/api/go/resources/accounts/subresources/tokens/methods/create/).
export const ACCOUNT_TOKEN_SOURCE =
  "@pulumi/cloudflare 6.22.1 AccountToken (name and policies required; policy effect \"allow\" or \"deny\"; resources a JSON object; requestIp lists of IPv4/IPv6 CIDRs) and the Cloudflare API \"Create Token\" (name maxLength 120, permission group IDs 32-character tags, expires_on/not_before date-times, resources keyed `com.cloudflare.api.account.<account id>`; https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/, checked 2026-11-29)";

/** A Cloudflare account ID: 32 lowercase hexadecimal digits. */
export const ACCOUNT_ID = /^[0-9a-f]{32}$/;
/** Namespace titles: 1-512 characters. */
export const NAMESPACE_TITLE_MAX = 512;
export const JURISDICTIONS = ["eu", "fedramp", "us"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
/** API token names: 1-120 characters. */
export const TOKEN_NAME_MAX = 120;
export const PERMISSION_GROUP_ID = /^[0-9a-f]{32}$/;
/** The account resource a token policy names: `com.cloudflare.api.account.<account id>`. */
export const ACCOUNT_RESOURCE = /^com\.cloudflare\.api\.account\.([0-9a-f]{32})$/;
/** RFC 3339 in UTC to the second, as the API returns and the provider's examples write them. */
export const TOKEN_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The inputs of a namespace these rules read. */
export interface NamespaceShape {
  readonly accountId?: unknown;
  readonly title?: unknown;
  readonly jurisdiction?: unknown;
}

export function accountIdProblem(accountId: unknown): string | undefined {
  if (typeof accountId !== "string") return undefined;
  return ACCOUNT_ID.test(accountId) ? undefined : `accountId "${accountId}" is no Cloudflare account ID (32 lowercase hexadecimal digits)`;
}

export function namespaceProblems(n: NamespaceShape): string[] {
  const problems: string[] = [];
  const account = accountIdProblem(n.accountId);
  if (account) problems.push(account);
  if (typeof n.title === "string" && (n.title.length < 1 || n.title.length > NAMESPACE_TITLE_MAX)) {
    problems.push(`title must be 1-${NAMESPACE_TITLE_MAX} characters, got ${n.title.length}`);
  }
  if (typeof n.jurisdiction === "string" && !(JURISDICTIONS as readonly string[]).includes(n.jurisdiction)) {
    problems.push(`jurisdiction "${n.jurisdiction}" must be one of ${JURISDICTIONS.map((j) => `"${j}"`).join(", ")}`);
  }
  return problems;
}

/** The inputs of an account-owned token these rules read. */
export interface TokenShape {
  readonly accountId?: unknown;
  readonly name?: unknown;
  readonly policies?: unknown;
  readonly notBefore?: unknown;
  readonly expiresOn?: unknown;
  readonly condition?: unknown;
}

/** An IPv4 or IPv6 CIDR block as the token condition takes it (address/prefix). */
export function isCidr(value: string): boolean {
  const [address, prefix, extra] = value.split("/");
  if (extra !== undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (address.includes(":")) return bits <= 128 && /^[0-9a-fA-F:]+$/.test(address) && address.split("::").length <= 2;
  const octets = address.split(".");
  return bits <= 32 && octets.length === 4 && octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255);
}

export function tokenProblems(t: TokenShape): string[] {
  const problems: string[] = [];
  const account = accountIdProblem(t.accountId);
  if (account) problems.push(account);
  if (typeof t.name === "string" && (t.name.length < 1 || t.name.length > TOKEN_NAME_MAX)) {
    problems.push(`name must be 1-${TOKEN_NAME_MAX} characters, got ${t.name.length}`);
  }
  if (Array.isArray(t.policies)) {
    if (t.policies.length === 0) problems.push("policies is empty: a token needs at least one policy");
    t.policies.forEach((p, i) => {
      if (!isObj(p)) return;
      if (typeof p.effect === "string" && p.effect !== "allow" && p.effect !== "deny") problems.push(`policies[${i}].effect "${p.effect}" must be "allow" or "deny"`);
      if (Array.isArray(p.permissionGroups)) {
        if (p.permissionGroups.length === 0) problems.push(`policies[${i}].permissionGroups is empty`);
        for (const g of p.permissionGroups) {
          if (isObj(g) && typeof g.id === "string" && !PERMISSION_GROUP_ID.test(g.id)) problems.push(`policies[${i}] names permission group "${g.id}", which is no permission group ID (32 hexadecimal digits)`);
        }
      }
      if (typeof p.resources === "string") {
        let parsed: unknown;
        try { parsed = JSON.parse(p.resources); } catch { parsed = undefined; }
        if (!isObj(parsed) || Object.keys(parsed).length === 0) problems.push(`policies[${i}].resources must be a JSON object naming at least one resource, got ${p.resources}`);
      }
    });
  }
  for (const field of ["notBefore", "expiresOn"] as const) {
    const v = t[field];
    if (typeof v === "string" && !TOKEN_TIME.test(v)) problems.push(`${field} "${v}" must be an RFC 3339 UTC time such as 2027-01-31T00:00:00Z`);
  }
  if (typeof t.notBefore === "string" && typeof t.expiresOn === "string" && TOKEN_TIME.test(t.notBefore) && TOKEN_TIME.test(t.expiresOn) && t.expiresOn <= t.notBefore) {
    problems.push(`expiresOn ${t.expiresOn} is not after notBefore ${t.notBefore}: the token would never be valid`);
  }
  if (isObj(t.condition) && isObj(t.condition.requestIp)) {
    for (const list of ["ins", "notIns"] as const) {
      const cidrs = t.condition.requestIp[list];
      if (!Array.isArray(cidrs)) continue;
      for (const c of cidrs) if (typeof c === "string" && !isCidr(c)) problems.push(`condition.requestIp.${list} "${c}" is no IPv4 or IPv6 CIDR block`);
    }
  }
  return problems;
}

/**
 * Pulumi type tokens of the two Cloudflare resources, so the policy pack can match them without loading
 * @pulumi/cloudflare into every stack's policy run (test/policy-cloudflarekv.test.ts checks them against the SDK).
 */
export const KV_NAMESPACE_TYPE = "cloudflare:index/workersKvNamespace:WorkersKvNamespace";
export const ACCOUNT_TOKEN_TYPE = "cloudflare:index/accountToken:AccountToken";
