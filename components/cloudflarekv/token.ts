/**
 * The account-owned API token the Fiber adapter authenticates with, as data: its permission groups, the one account
 * resource it names and the client ranges it is usable from.
 *
 * Account-owned (cloudflare.AccountToken, `/accounts/<id>/tokens`) rather than a user token (cloudflare.ApiToken): it is
 * a service principal that keeps working after the user who deployed the stack leaves, and Cloudflare lists Workers KV
 * among the products that accept it ("Account owned tokens", https://developers.cloudflare.com/fundamentals/api/get-started/account-owned-tokens/,
 * checked 2026-11-29). The deploying credential then needs "Account API Tokens Write" on the account, not the user-level
 * "API Tokens Write" that could mint tokens with any of the user's rights.
 */

/**
 * Permission group IDs, pinned rather than looked up (a lookup is a provider call at plan time that the offline runner
 * cannot answer, and the IDs are stable): "Workers KV Storage Read" and "Workers KV Storage Write", account scope, as
 * listed by `GET /accounts/<id>/tokens/permission_groups` and on https://developers.cloudflare.com/fundamentals/api/reference/permissions/
 * (checked 2026-11-29 through several public copies of that list and of the API's answers; not re-read from a live
 * account: unverified there). Read covers the adapter's Get and Reset's key listing; Write its Set, Delete and Reset's
 * bulk delete. Corroborated (review, 2026-11-29): @pulumi/cloudflare 6.22.1's own AccountToken example
 * (node_modules/@pulumi/cloudflare/accountToken.d.ts, "workers read-only token") grants 8b47d2786a534c08a1f94ee8f9f599ef on
 * `com.cloudflare.api.account.<id>` with an account-scoped resources map of this shape; public SDK tables pair both IDs
 * with these names and scope `com.cloudflare.api.account`.
 */
export const KV_PERMISSION_GROUPS = {
  read: { id: "8b47d2786a534c08a1f94ee8f9f599ef", name: "Workers KV Storage Read" },
  write: { id: "f7f0eda5697f475c90846e879bab8666", name: "Workers KV Storage Write" },
} as const;

export const KV_PERMISSION_GROUP_IDS: readonly string[] = Object.values(KV_PERMISSION_GROUPS).map((g) => g.id);

/**
 * Workers KV permissions apply to a whole account: a token cannot be narrowed to one namespace (unlike R2's per-bucket
 * resources), so it reaches every KV namespace of the account (README, Cloudflare KV exceptions).
 */
export function accountResources(accountId: string): string {
  return JSON.stringify({ [`com.cloudflare.api.account.${accountId}`]: "*" });
}

/** Days a token may be valid: the API sets no bound; ours, so that every token expires within a year. */
export const TOKEN_VALID_DAYS = { min: 1, max: 365 } as const;

/** `YYYY-MM-DD` for the day a token is issued (its notBefore, midnight UTC). */
export const ISSUE_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The token's validity window for an issue day and a number of days: RFC 3339 UTC times, or undefined for an impossible date. */
export function tokenWindow(issuedOn: string, validDays: number): { notBefore: string; expiresOn: string } | undefined {
  if (!ISSUE_DATE.test(issuedOn)) return undefined;
  const start = new Date(`${issuedOn}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== issuedOn) return undefined;
  const end = new Date(start.getTime() + validDays * 86_400_000);
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return { notBefore: iso(start), expiresOn: iso(end) };
}

const NOT_PUBLIC: readonly (readonly [string, number])[] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
];

/** Shortest prefix accepted for a client range: a /16 is already 65,536 addresses of someone's network. */
export const CLIENT_PREFIX = { min: 16, max: 32 } as const;

function addressValue(address: string): number | undefined {
  const octets = address.split(".");
  if (octets.length !== 4 || !octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)) return undefined;
  return octets.reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/**
 * Why `cidr` cannot be a client range of the token, or undefined when it can: the public IPv4 block the application's
 * traffic leaves AWS from (its NAT gateways' Elastic IPs, as /32s), aligned, /16../32. Cloudflare sees only public
 * source addresses, so a private range would lock the application out; IPv6 is left out (the stack's VPCs are IPv4).
 */
export function clientCidrProblem(cidr: string): string | undefined {
  const what = `must be a public IPv4 CIDR block /${CLIENT_PREFIX.min}../${CLIENT_PREFIX.max} (the application's NAT egress addresses, e.g. 203.0.113.10/32)`;
  const [address, prefixText, extra] = cidr.split("/");
  const value = addressValue(address);
  if (value === undefined || extra !== undefined || prefixText === undefined || !/^\d{1,2}$/.test(prefixText)) return what;
  const prefix = Number(prefixText);
  if (prefix < CLIENT_PREFIX.min || prefix > CLIENT_PREFIX.max) return what;
  const size = 2 ** (32 - prefix);
  if (value % size !== 0) return `${what}; ${cidr} has host bits set`;
  for (const [base, bits] of NOT_PUBLIC) {
    const start = addressValue(base) ?? 0;
    const blockSize = 2 ** (32 - bits);
    if (value >= start && value < start + blockSize) return `${what}; ${cidr} is in the non-public range ${base}/${bits}`;
  }
  return undefined;
}
