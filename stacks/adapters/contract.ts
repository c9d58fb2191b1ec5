import type { z } from "zod";
import type { DashboardSection } from "../../components/alerting";
import type { RecoverySources } from "../../components/disaster-recovery/sources";
import type { MatrixAdapterKey } from "../../components/matrix";
import type { Problem } from "../config/problems";
import type { ProfileName } from "../config/schema";
import type { Environment } from "../environment";
import type { SharedBlocks } from "../shared";

/**
 * What every storage adapter of the stack declares. An adapter is one folder under stacks/adapters/ exporting
 * one of these, plus one line in registry.ts; the project schema, the profiles, the rule runner, the
 * composition, the stateful-type list and the config reference are all built from the registry.
 */
export interface Adapter<Config, Profile, Settings, Outputs> {
  /** Its row of the integration matrix (components/matrix), and its stack output key. */
  readonly key: MatrixAdapterKey;
  /** Its config section: `sparki-storage:<configKey>`. */
  readonly configKey: string;
  /** The section's schema; every key documented (stacks/config/docs.ts) for the generated config reference. */
  readonly schema: z.ZodType<Config>;
  /** What each environment tier means for this adapter, before the stack's config overrides it. */
  readonly profiles: Readonly<Record<ProfileName, Profile>>;
  /** What the stack deploys: the section over the tier's values over the component's own defaults. */
  settings(config: Config, profile: Profile, scope: StackScope): Settings;
  /** Whether the stack deploys this adapter at all; a disabled adapter's rules do not run. */
  enabled(settings: Settings): boolean;
  /** Rules across keys (and the foundation), run on the settings only when the adapter is enabled. */
  readonly rules: readonly AdapterRule<Config, Profile, Settings>[];
  /**
   * Loads the code that registers the adapter's component(s), only when the adapter is enabled and the config is
   * valid: a stack never loads a provider SDK (e.g. @pulumi/kubernetes) or a component it does not deploy.
   * Write it as `async () => (await import("./deploy")).deployX`; a static import of ./deploy defeats it.
   */
  loadDeploy(): Promise<DeployFunction<Settings, Outputs>>;
  /** Every Pulumi type token it registers, and whether replacing one loses data. */
  readonly resourceTypes: readonly ResourceTypeInfo[];
}

/** What the adapters' settings and rules may read beyond their own section. */
export interface StackScope {
  readonly env: Environment;
  /**
   * Settings of another adapter, from that adapter's own section and tier, whether or not it is enabled
   * (MinIO keeps the S3 side's expiry and audit lock).
   */
  settingsOf<C, P, S, O>(adapter: Adapter<C, P, S, O>): S;
}

export interface RuleInput<Config, Profile, Settings> {
  /** The section as written (after schema defaults): tells what the stack set from what the tier did. */
  readonly config: Config;
  readonly profile: Profile;
  readonly settings: Settings;
  readonly scope: StackScope;
}

/** A rule across keys; paths of its problems are inside the adapter's section (the runner prefixes configKey). */
export type AdapterRule<Config, Profile, Settings> = (input: RuleInput<Config, Profile, Settings>) => Problem[];

/** Registers an adapter's component(s) with the shared blocks. */
export type DeployFunction<Settings, Outputs> = (settings: Settings, shared: SharedBlocks) => Deployed<Outputs>;

/** What a deployment hands back to the composition. */
export interface Deployed<Outputs> {
  /** The stack output `<key>`: what the Fiber adapter connects with (never a password). */
  readonly outputs: Outputs;
  /** Fiber storage packages this deployment serves (its matrix row's). */
  readonly fiberPackages: readonly string[];
  /** Its rows of the environment's dashboard (may be none). */
  readonly dashboard: readonly DashboardSection[];
  /** What it holds that the disaster-recovery copies may take (stacks/disaster-recovery.ts). Default: nothing. */
  readonly recovery?: RecoverySources;
}

/** A Pulumi type token and whether a replacement (delete, then create) loses data, credentials or identity. */
export interface ResourceTypeInfo {
  readonly type: string;
  /** The replacement guard watches resources of stateful types (their URNs must not change). */
  readonly stateful: boolean;
}
