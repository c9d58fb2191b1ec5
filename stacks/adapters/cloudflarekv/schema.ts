import type { z } from "zod";
import { MAX_CLIENT_CIDRS, SECRET_RECOVERY_DAYS } from "../../../components/cloudflarekv/args";
import { ACCOUNT_ID, JURISDICTIONS, NAMESPACE_TITLE_MAX } from "../../../components/cloudflarekv/rules";
import { ISSUE_DATE, TOKEN_VALID_DAYS } from "../../../components/cloudflarekv/token";
import { documented } from "../../config/docs";
import { flag, intRange, list, matching, oneOf, section } from "../../config/rules";

/** `sparki-storage:cloudflarekv`: the Workers KV namespace the Fiber `storage/cloudflarekv` adapter uses. Absent fields take the profile's value. */
export const cloudflareKvSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Create the Cloudflare Workers KV namespace and its token at all (off in dev and prod; examples/cloudflarekv turns it on)." }),
  accountId: documented(matching(ACCOUNT_ID, "a Cloudflare account ID (32 lowercase hexadecimal digits)").optional(), {
    type: "Cloudflare account ID", default: "— (required when enabled)",
    description: "The account that owns the namespace and the token; not a secret. The deploy credential comes from CLOUDFLARE_API_TOKEN, never from config.",
  }),
  namespaceTitle: documented(matching(new RegExp(`^[\\s\\S]{1,${NAMESPACE_TITLE_MAX}}$`, "u"), `1-${NAMESPACE_TITLE_MAX} characters (Workers KV namespace title)`).optional(), {
    type: "namespace title", default: "`sparki-<stack>-fiber-storage`",
    description: "The namespace's title, unique in the account; the token is named `<namespaceTitle>-token-<tokenIssuedOn>`.",
  }),
  jurisdiction: documented(oneOf(JURISDICTIONS).optional(), {
    type: JURISDICTIONS.map((j) => `\`${j}\``).join(" \\| "), default: "— (Cloudflare's choice)",
    description: "Where Cloudflare stores the data durably; fixed at creation (changing it replaces the namespace, and its data).",
  }),
  tokenIssuedOn: documented(matching(ISSUE_DATE, "a date YYYY-MM-DD").optional(), {
    type: "date YYYY-MM-DD", default: "— (required when enabled)",
    description: "The API token's first valid day (UTC). Moving it rotates the token: a new token, a new secret version, the old token deleted.",
  }),
  tokenValidDays: documented(intRange(TOKEN_VALID_DAYS.min, TOKEN_VALID_DAYS.max).optional(), {
    type: `integer days ${TOKEN_VALID_DAYS.min}..${TOKEN_VALID_DAYS.max}`, default: "dev 365, prod 90",
    description: "Days the token is valid after tokenIssuedOn; prod refuses more than 90. Rotate (move tokenIssuedOn) before it expires.",
  }),
  tokenClientCidrs: documented(list(matching(/^[0-9./]{9,18}$/, "a public IPv4 CIDR block such as 203.0.113.10/32"), MAX_CLIENT_CIDRS).optional(), {
    type: "list of public IPv4 CIDR blocks", default: "— (required when enabled)",
    description: "The only source addresses the token works from: the public (NAT egress) addresses the application calls Cloudflare from, /16 to /32.",
  }),
  secretRecoveryWindowDays: documented(intRange(SECRET_RECOVERY_DAYS.min, SECRET_RECOVERY_DAYS.max).optional(), {
    type: `integer days ${SECRET_RECOVERY_DAYS.min}..${SECRET_RECOVERY_DAYS.max}`, default: "dev 7, prod 30",
    description: "Days a deleted token secret stays recoverable in Secrets Manager.",
  }),
}), {
  description: "The Cloudflare Workers KV namespace the Fiber `storage/cloudflarekv` adapter uses (opt-in): an account-owned API token limited to Workers KV on one account, the application's addresses and a validity window, kept in an AWS secret on the stack key. Absent fields take the profile default.",
});

export type CloudflareKvConfig = z.infer<typeof cloudflareKvSchema>;
