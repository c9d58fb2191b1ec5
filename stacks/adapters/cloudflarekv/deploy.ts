import * as cloudflare from "@pulumi/cloudflare";
import { CloudflareKvStore, type CloudflareKvOutputs } from "../../../components/cloudflarekv";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { CloudflareKvSettings } from "./settings";

export type { CloudflareKvOutputs } from "../../../components/cloudflarekv";

/**
 * The Workers KV namespace the Fiber `storage/cloudflarekv` adapter expects, through one explicit Cloudflare provider.
 * The provider takes no settings from config: it reads its deploy credential from CLOUDFLARE_API_TOKEN at deploy time
 * (a CI secret; Cloudflare has no OIDC federation), which needs Workers KV Storage Write and Account API Tokens Write on
 * the account. Stack output `cloudflarekv`: account and namespace IDs, the token secret's ARN (never the token).
 */
export function deployCloudflareKv(s: CloudflareKvSettings, { env, opts, baseName, key, alarms }: SharedBlocks): Deployed<CloudflareKvOutputs> {
  const provider = new cloudflare.Provider(`${baseName}-cloudflarekv-provider`, {});
  const store = new CloudflareKvStore(`${baseName}-cloudflarekv`, {
    accountId: s.accountId, namespaceTitle: s.namespaceTitle, jurisdiction: s.jurisdiction,
    tokenIssuedOn: s.tokenIssuedOn, tokenValidDays: s.tokenValidDays, tokenClientCidrs: s.tokenClientCidrs,
    kmsKeyArn: key.arn, secretRecoveryWindowDays: s.secretRecoveryWindowDays, region: env.region, alarms, provider,
    protect: env.profile.protectStatefulResources,
  }, opts);
  return { fiberPackages: store.outputs.fiberPackages, outputs: store.outputs, dashboard: [store.dashboard] };
}
