// The component's pure modules only: its index loads @pulumi/kubernetes, which only deploy.ts may need.
import { ARANGODB_DEFAULTS } from "../../../components/arangodb/defaults";
import type { ArangoDbEdition } from "../../../components/arangodb/edition";
import type { DeploymentEnvironment, DeploymentMode } from "../../../components/arangodb/rules";
import type { ContainerImage } from "../../../components/kubernetes/image";
import type { StackScope } from "../contract";
import { type KubernetesHostingSettings, kubernetesHostingSettings } from "../kubernetes-hosting";
import type { ArangoDbProfile } from "./profiles";
import type { ArangoDbConfig } from "./schema";

/** What the stack deploys: config over the tier over the component's defaults. */
export interface ArangoDbSettings {
  readonly enabled: boolean;
  readonly hosting: KubernetesHostingSettings;
  readonly operatorInstalled: boolean;
  readonly operatorNamespace?: string;
  readonly mode: DeploymentMode;
  readonly environment: DeploymentEnvironment;
  readonly agents: number;
  readonly dbServers: number;
  readonly coordinators: number;
  readonly volumeSizeGiB: number;
  readonly agentVolumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly edition: ArangoDbEdition;
  readonly licenseSecretName?: string;
  readonly encryptionAtRest: boolean;
  readonly encryptionRequired: boolean;
  readonly tlsCaSecretName?: string;
  readonly database: string;
  readonly collection: string;
  readonly image: ContainerImage;
  readonly operatorEphemeralVolumes: boolean;
  readonly replicationFactor: number;
  readonly minReplicationFactor: number;
  readonly writeConcern: number;
}

export function arangoDbSettings(c: ArangoDbConfig, p: ArangoDbProfile, scope: StackScope): ArangoDbSettings {
  const d = ARANGODB_DEFAULTS;
  return {
    enabled: c.enabled ?? p.enabled,
    hosting: kubernetesHostingSettings("arangodb", c, p.hosting, scope),
    operatorInstalled: c.operatorInstalled ?? false,
    operatorNamespace: c.operatorNamespace,
    mode: c.mode ?? p.mode,
    environment: p.environment,
    agents: c.agents ?? d.agents,
    dbServers: c.dbServers ?? d.dbServers,
    coordinators: c.coordinators ?? d.coordinators,
    volumeSizeGiB: c.volumeSizeGiB ?? p.volumeSizeGiB ?? d.volumeSizeGiB,
    agentVolumeSizeGiB: c.agentVolumeSizeGiB ?? d.agentVolumeSizeGiB,
    cpuMillis: c.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? p.memoryMiB ?? d.memoryMiB,
    edition: c.edition ?? d.edition,
    licenseSecretName: c.licenseSecretName,
    encryptionAtRest: c.encryptionAtRest ?? d.encryptionAtRest,
    encryptionRequired: p.encryptionRequired,
    tlsCaSecretName: c.tlsCaSecretName,
    database: c.database ?? d.database,
    collection: c.collection ?? d.collection,
    image: { ...d.image, ...c.image },
    operatorEphemeralVolumes: c.operatorEphemeralVolumes ?? d.operatorEphemeralVolumes,
    replicationFactor: p.replication?.replicationFactor ?? d.replicationFactor,
    minReplicationFactor: p.replication?.minReplicationFactor ?? d.minReplicationFactor,
    writeConcern: p.replication?.writeConcern ?? d.writeConcern,
  };
}
