export { POLICY_EXCEPTION_TAG } from "../common/policy-exception";
/**
 * The policy pack's named exceptions for the Cloudflare KV row (docs/policy.md, "Named exceptions"; README, Cloudflare KV).
 *
 * `cloudflarekv-token-rotation` (policy `secretsmanager-1-rotation`): the Secrets Manager secret holding the Cloudflare
 * token has no rotation function. Cloudflare can roll an account-owned token's value only for a caller holding "Account
 * API Tokens Write"
 * (https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/, checked 2026-11-29), which can also mint tokens
 * with any permission: keeping that in AWS for a Lambda would be a worse secret than the one it rotates. The token is
 * rotated by the stack instead: it expires (tokenValidDays after tokenIssuedOn) and moving tokenIssuedOn replaces it
 * (a new token, the secret's new version, the old token deleted).
 */
export const CLOUDFLARE_TOKEN_ROTATION_EXCEPTION = "cloudflarekv-token-rotation";

/** What the policy verifies before it lets the unrotated secret pass. */
export const CLOUDFLARE_TOKEN_COMPENSATING_CONTROLS = [
  "the secret carries the exception tag and its version is written from a cloudflare.AccountToken's value (the tag on any other secret waives nothing)",
  "every such token expires (expiresOn set) at most 365 days after its notBefore",
  "every such token is usable only from named client ranges (condition.requestIp.ins, none of them 0.0.0.0/0 or ::/0)",
  "every such token allows Workers KV Storage Read/Write only, on one account",
] as const;

// Documented, not waivable by a policy (README, Cloudflare KV; docs/components.md): what Workers KV itself does not offer.
// - Encryption at rest with the stack's key: Cloudflare encrypts every value at rest with 256-bit AES-GCM under its own
//   keys ("How KV works", https://developers.cloudflare.com/kv/concepts/how-kv-works/, checked 2026-11-29); no
//   customer-managed key exists for KV.
// - Backups, point-in-time recovery, deletion protection: none exist for a namespace; Pulumi `protect` (prod) guards it.
// - A private endpoint: the adapter calls the public REST API over TLS; the token works only from the named addresses.
// - Per-namespace scope: the Workers KV permission groups are account-scoped (scope `com.cloudflare.api.account`, "API
//   token permissions"), so the token reaches every namespace of the account: Sparki's should live in an account of its own.
