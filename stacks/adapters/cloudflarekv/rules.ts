import { cloudflareKvProblems } from "../../../components/cloudflarekv/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { CloudflareKvProfile } from "./profiles";
import type { CloudflareKvConfig } from "./schema";
import type { CloudflareKvSettings } from "./settings";

type Rule = AdapterRule<CloudflareKvConfig, CloudflareKvProfile, CloudflareKvSettings>;

const REQUIRED: readonly [keyof CloudflareKvConfig, string][] = [
  ["accountId", "is required when cloudflarekv is enabled: the Cloudflare account (32 lowercase hexadecimal digits) that owns the namespace"],
  ["tokenIssuedOn", "is required when cloudflarekv is enabled: the API token's first valid day, YYYY-MM-DD (move it to rotate the token)"],
  ["tokenClientCidrs", "is required when cloudflarekv is enabled: the public IPv4 blocks the application calls Cloudflare from (a token usable from anywhere is refused)"],
];

/** Cross-field rules of `sparki-storage:cloudflarekv`, on the settings after tier and component defaults. */
export const CLOUDFLARE_KV_RULES: readonly Rule[] = [
  ({ config }) => REQUIRED.filter(([key]) => config[key] === undefined).map(([key, message]): Problem => ({ path: [key], message })),

  // What Cloudflare or Secrets Manager would refuse, worded by the component, at the key the stack set; a missing
  // required key is reported once, above.
  ({ config, settings: s }) => cloudflareKvProblems(s)
    .filter(([field]) => !REQUIRED.some(([key]) => config[key] === undefined && field.split(".")[0] === key))
    .map(([field, message]): Problem => ({ path: field.split("."), message })),

  ({ settings: s, profile, scope }) => s.tokenValidDays > profile.maxTokenValidDays
    ? [{ path: ["tokenValidDays"], message: `must be at most ${profile.maxTokenValidDays} (days) for profile "${scope.env.profile.name}" (the token's lifetime is its rotation period)` }]
    : [],
];
