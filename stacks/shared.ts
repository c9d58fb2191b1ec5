import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext, AlertTopics, DashboardSection } from "../components/alerting";
import type { EncryptionKey } from "../components/kms";
import type { Network } from "../components/network";
import type { Environment } from "./environment";

/** The per-environment building blocks every adapter deployment receives. */
export interface SharedBlocks {
  readonly env: Environment;
  /** Options for top-level components: the explicit AWS provider (children inherit it through `parent`). */
  readonly opts: pulumi.ComponentResourceOptions;
  /** `sparki-<env>`: prefix of every logical name. */
  readonly baseName: string;
  readonly key: EncryptionKey;
  readonly topics: AlertTopics;
  readonly network: Network;
  readonly alarms: AlarmContext;
}

/** What one adapter deployment hands back to the composition. */
export interface Deployed {
  /** Stack output key, e.g. `postgres` (the Fiber adapter's connection facts; never a password). */
  readonly outputKey: string;
  readonly outputs: Record<string, unknown>;
  /** Dashboard rows for this adapter. Default: none. */
  readonly dashboard?: readonly DashboardSection[];
}

/** Deploys one adapter when the environment wants it; `undefined` when it is turned off. */
export type AdapterDeployment = (shared: SharedBlocks) => Deployed | undefined;
