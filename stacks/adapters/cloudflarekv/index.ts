import type { Adapter } from "../contract";
import type { CloudflareKvOutputs } from "./deploy";
import { CLOUDFLARE_KV_PROFILES, type CloudflareKvProfile } from "./profiles";
import { CLOUDFLARE_KV_RULES } from "./rules";
import { type CloudflareKvConfig, cloudflareKvSchema } from "./schema";
import { type CloudflareKvSettings, cloudflareKvSettings } from "./settings";

/** The Workers KV namespace the Fiber `storage/cloudflarekv` adapter uses (components/cloudflarekv); opt-in. */
export const cloudflareKvAdapter: Adapter<CloudflareKvConfig, CloudflareKvProfile, CloudflareKvSettings, CloudflareKvOutputs> = {
  key: "cloudflarekv",
  configKey: "cloudflarekv",
  schema: cloudflareKvSchema,
  profiles: CLOUDFLARE_KV_PROFILES,
  settings: cloudflareKvSettings,
  enabled: (s) => s.enabled,
  rules: CLOUDFLARE_KV_RULES,
  loadDeploy: async () => (await import("./deploy")).deployCloudflareKv,
  resourceTypes: [
    { type: "pulumi:providers:cloudflare", stateful: false },
    // The data itself: replaced (a new title's namespace, a new jurisdiction), every entry is gone.
    { type: "cloudflare:index/workersKvNamespace:WorkersKvNamespace", stateful: true },
    // Replaced on purpose when tokenIssuedOn moves (the rotation); the secret below is what the application reads.
    { type: "cloudflare:index/accountToken:AccountToken", stateful: false },
    { type: "aws:secretsmanager/secret:Secret", stateful: true },
    { type: "aws:secretsmanager/secretVersion:SecretVersion", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
  ],
};
