import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext, AlertTopics } from "../components/alerting";
import type { EncryptionKey } from "../components/kms";
import type { Network } from "../components/network";
import type { SecretsManagerRoute } from "../components/rds/security-groups";
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

/** The client CIDRs a stack admits: those the section names, or else the created VPC's own CIDR (none for an existing VPC). */
export function clientCidrs(network: Network, named: readonly string[] | undefined): readonly string[] {
  return named ?? (network.cidrBlock ? [network.cidrBlock] : []);
}

/**
 * How a rotation function reaches Secrets Manager: the network's named endpoint group, or else HTTPS anywhere (egress
 * only): an existing VPC without a named endpoint reaches it through its NAT or an endpoint the stack cannot know.
 */
export function secretsManagerRoute(network: Network): SecretsManagerRoute {
  return network.secretsManagerEndpointSecurityGroupId
    ? { endpointSecurityGroupId: network.secretsManagerEndpointSecurityGroupId }
    : { cidrBlocks: ["0.0.0.0/0"] };
}
