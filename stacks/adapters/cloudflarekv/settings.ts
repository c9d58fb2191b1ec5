import type { Jurisdiction } from "../../../components/cloudflarekv/rules";
import type { StackScope } from "../contract";
import type { CloudflareKvProfile } from "./profiles";
import type { CloudflareKvConfig } from "./schema";

/** What the stack deploys for the Fiber Workers KV namespace: its config over the tier over the component's defaults. */
export interface CloudflareKvSettings {
  readonly enabled: boolean;
  /** "" when the section names none (a rule refuses that when enabled). */
  readonly accountId: string;
  readonly namespaceTitle: string;
  readonly jurisdiction?: Jurisdiction;
  /** "" when the section names none (a rule refuses that when enabled). */
  readonly tokenIssuedOn: string;
  readonly tokenValidDays: number;
  readonly maxTokenValidDays: number;
  readonly tokenClientCidrs: readonly string[];
  readonly secretRecoveryWindowDays: number;
}

/** `sparki-<stack>-fiber-storage`: one namespace per stack (titles are unique per account, and dev and prod may share one). */
export function defaultNamespaceTitle(stack: string): string {
  return `sparki-${stack}-fiber-storage`;
}

export function cloudflareKvSettings(c: CloudflareKvConfig, p: CloudflareKvProfile, { env }: StackScope): CloudflareKvSettings {
  return {
    enabled: c.enabled ?? p.enabled,
    accountId: c.accountId ?? "",
    namespaceTitle: c.namespaceTitle ?? defaultNamespaceTitle(env.name),
    ...(c.jurisdiction !== undefined ? { jurisdiction: c.jurisdiction } : {}),
    tokenIssuedOn: c.tokenIssuedOn ?? "",
    tokenValidDays: c.tokenValidDays ?? p.tokenValidDays,
    maxTokenValidDays: p.maxTokenValidDays,
    tokenClientCidrs: c.tokenClientCidrs ?? [],
    secretRecoveryWindowDays: c.secretRecoveryWindowDays ?? p.secretRecoveryWindowDays,
  };
}
