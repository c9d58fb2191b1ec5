import type { ProfileName } from "../../config/schema";

/** What a tier means for the Fiber Workers KV namespace before config overrides it. */
export interface CloudflareKvProfile {
  /** Off in both tiers: examples/cloudflarekv turns it on. */
  readonly enabled: boolean;
  /** Days the API token is valid after tokenIssuedOn. */
  readonly tokenValidDays: number;
  /** The most days config may set for this tier. */
  readonly maxTokenValidDays: number;
  /** Days Secrets Manager keeps the deleted token secret recoverable. */
  readonly secretRecoveryWindowDays: number;
}

export const CLOUDFLARE_KV_PROFILES: Readonly<Record<ProfileName, CloudflareKvProfile>> = {
  // A year at most: a dev token still expires, but nobody has to rotate it every quarter.
  dev: { enabled: false, tokenValidDays: 365, maxTokenValidDays: 365, secretRecoveryWindowDays: 7 },
  // A quarter: the token's lifetime is its rotation period (named exception cloudflarekv-token-rotation), as the other
  // stack secrets rotate every 30-90 days.
  prod: { enabled: false, tokenValidDays: 90, maxTokenValidDays: 90, secretRecoveryWindowDays: 30 },
};
