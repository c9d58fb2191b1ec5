import type { Adapter } from "../contract";
import type { EmbeddedKvOutputs } from "./deploy";
import { EMBEDDED_KV_PROFILES, type EmbeddedKvProfile } from "./profiles";
import { EMBEDDED_KV_RULES } from "./rules";
import { type EmbeddedKvConfig, embeddedKvSchema } from "./schema";
import { type EmbeddedKvSettings, embeddedKvSettings } from "./settings";

/**
 * The deployment agents' embedded store (components/embedded-kv): Badger, the P1 row, and its supported siblings
 * LevelDB and Pebble by `engine`. Opt-in; the stack provisions what the agents stand on, not the agents.
 */
export const badgerAdapter: Adapter<EmbeddedKvConfig, EmbeddedKvProfile, EmbeddedKvSettings, EmbeddedKvOutputs> = {
  key: "badger",
  configKey: "embeddedKv",
  schema: embeddedKvSchema,
  profiles: EMBEDDED_KV_PROFILES,
  settings: embeddedKvSettings,
  enabled: (s) => s.enabled,
  rules: EMBEDDED_KV_RULES,
  loadDeploy: async () => (await import("./deploy")).deployEmbeddedKv,
  resourceTypes: [
    // The schedule that keeps every agent volume's snapshots: replaced, the history is still there but a gap opens.
    { type: "aws:dlm/lifecyclePolicy:LifecyclePolicy", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:iam/instanceProfile:InstanceProfile", stateful: false },
    { type: "aws:ssm/parameter:Parameter", stateful: false },
    { type: "aws:ec2/launchTemplate:LaunchTemplate", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Its reclaim policy keeps the agents' volumes; a replaced class orphans them from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
  ],
};
