import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext, AlertTopics } from "../components/alerting";
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
