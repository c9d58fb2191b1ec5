import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import { accountIdProblem, JURISDICTIONS, type Jurisdiction, NAMESPACE_TITLE_MAX, TOKEN_NAME_MAX } from "./rules";
import { clientCidrProblem, ISSUE_DATE, tokenWindow, TOKEN_VALID_DAYS } from "./token";

/** Secrets Manager's recovery window: 7..30 days (DeleteSecret RecoveryWindowInDays). */
export const SECRET_RECOVERY_DAYS = { min: 7, max: 30 } as const;
/** At most this many client ranges on the token (ours: a handful of NAT addresses, not a network list). */
export const MAX_CLIENT_CIDRS = 20;

export interface CloudflareKvStoreArgs {
  /** Cloudflare account that owns the namespace and the token: 32 lowercase hex digits. No default. */
  readonly accountId: string;
  /** Namespace title, 1-512 characters, unique in the account. No default. */
  readonly namespaceTitle: string;
  /** Where Cloudflare stores the data durably ("eu", "fedramp", "us"); set at creation only. Default: none (anywhere). */
  readonly jurisdiction?: Jurisdiction;
  /**
   * Day the token is issued, `YYYY-MM-DD` (its notBefore, midnight UTC). Moving it replaces the token: the rotation.
   * No default.
   */
  readonly tokenIssuedOn: string;
  /** Days the token is valid after tokenIssuedOn, 1..365. Default: 90 (days). */
  readonly tokenValidDays?: number;
  /** Public IPv4 CIDR blocks the token is usable from (the application's NAT egress addresses), 1..20. No default. */
  readonly tokenClientCidrs: readonly string[];
  /** Customer KMS key of the AWS secret holding the token. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days Secrets Manager keeps the deleted secret recoverable, 7..30. Default: 30 (days). */
  readonly secretRecoveryWindowDays?: number;
  /** Region of the AWS secret and alarms (the KMS condition names Secrets Manager there). No default. */
  readonly region: string;
  /** Where the alarms report. No default. */
  readonly alarms: AlarmContext;
  /** The explicit Cloudflare provider (credentials from CLOUDFLARE_API_TOKEN at deploy time). No default. */
  readonly provider: pulumi.ProviderResource;
  /** Pulumi `protect` on the namespace and the secret. Default: false. */
  readonly protect?: boolean;
}

export const CLOUDFLARE_KV_DEFAULTS = {
  tokenValidDays: 90,
  secretRecoveryWindowDays: SECRET_RECOVERY_DAYS.max,
  protect: false,
} as const;

export type ResolvedCloudflareKvStoreArgs = Required<Omit<CloudflareKvStoreArgs, "jurisdiction">> & Pick<CloudflareKvStoreArgs, "jurisdiction">;

/** Every default applied once. */
export function resolveCloudflareKvStoreArgs(args: CloudflareKvStoreArgs): ResolvedCloudflareKvStoreArgs {
  const d = CLOUDFLARE_KV_DEFAULTS;
  return {
    ...args,
    tokenValidDays: args.tokenValidDays ?? d.tokenValidDays,
    secretRecoveryWindowDays: args.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
    protect: args.protect ?? d.protect,
  };
}

/** `<namespace title>-token-<issue day>`: names which token of the rotation this is. */
export function tokenNameOf(namespaceTitle: string, issuedOn: string): string {
  return `${namespaceTitle}-token-${issuedOn}`;
}

/** The arguments {@link cloudflareKvProblems} judges (the stack's settings carry the same fields). */
export type CloudflareKvCheckedArgs = Pick<ResolvedCloudflareKvStoreArgs,
  "accountId" | "namespaceTitle" | "jurisdiction" | "tokenIssuedOn" | "tokenValidDays" | "tokenClientCidrs" | "secretRecoveryWindowDays">;

/**
 * What Cloudflare or Secrets Manager would refuse, or the token's safety needs, as [field, message]; the message says
 * what is allowed (callers add the value). Empty when the arguments are good.
 */
export function cloudflareKvProblems(a: CloudflareKvCheckedArgs): [string, string][] {
  const problems: [string, string][] = [];
  if (accountIdProblem(a.accountId) !== undefined) problems.push(["accountId", "must be a Cloudflare account ID (32 lowercase hexadecimal digits)"]);
  if (a.namespaceTitle.length < 1 || a.namespaceTitle.length > NAMESPACE_TITLE_MAX) {
    problems.push(["namespaceTitle", `must be 1-${NAMESPACE_TITLE_MAX} characters (Workers KV namespace title)`]);
  } else if (tokenNameOf(a.namespaceTitle, a.tokenIssuedOn).length > TOKEN_NAME_MAX) {
    problems.push(["namespaceTitle", `must be at most ${TOKEN_NAME_MAX - tokenNameOf("", a.tokenIssuedOn).length} characters: the token is named <namespaceTitle>-token-<tokenIssuedOn> and Cloudflare token names are at most ${TOKEN_NAME_MAX}`]);
  }
  if (a.jurisdiction !== undefined && !(JURISDICTIONS as readonly string[]).includes(a.jurisdiction)) {
    problems.push(["jurisdiction", `must be one of ${JURISDICTIONS.map((j) => `"${j}"`).join(", ")}`]);
  }
  if (!ISSUE_DATE.test(a.tokenIssuedOn) || tokenWindow(a.tokenIssuedOn, 1) === undefined) {
    problems.push(["tokenIssuedOn", "must be a calendar date YYYY-MM-DD (the token's first valid day, UTC)"]);
  }
  if (!Number.isInteger(a.tokenValidDays) || a.tokenValidDays < TOKEN_VALID_DAYS.min || a.tokenValidDays > TOKEN_VALID_DAYS.max) {
    problems.push(["tokenValidDays", `must be a whole number of days ${TOKEN_VALID_DAYS.min}..${TOKEN_VALID_DAYS.max}`]);
  }
  if (a.tokenClientCidrs.length < 1 || a.tokenClientCidrs.length > MAX_CLIENT_CIDRS) {
    problems.push(["tokenClientCidrs", `must list 1..${MAX_CLIENT_CIDRS} public IPv4 CIDR blocks the application calls Cloudflare from (a token usable from anywhere is refused)`]);
  }
  a.tokenClientCidrs.forEach((cidr, i) => {
    const problem = clientCidrProblem(cidr);
    if (problem) problems.push([`tokenClientCidrs.${i}`, problem]);
  });
  if (new Set(a.tokenClientCidrs).size !== a.tokenClientCidrs.length) problems.push(["tokenClientCidrs", "must not list a block twice"]);
  if (!Number.isInteger(a.secretRecoveryWindowDays) || a.secretRecoveryWindowDays < SECRET_RECOVERY_DAYS.min || a.secretRecoveryWindowDays > SECRET_RECOVERY_DAYS.max) {
    problems.push(["secretRecoveryWindowDays", `must be a whole number of days ${SECRET_RECOVERY_DAYS.min}..${SECRET_RECOVERY_DAYS.max} (Secrets Manager recovery window)`]);
  }
  return problems;
}
