import { Provider } from "@pulumi/azure-native/provider";
import { AzureBlobStore, type AzureBlobOutputs } from "../../../components/azureblob";
import { DEFAULT_EVALUATION, type Severity } from "../../../components/alerting";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { AzureBlobSettings } from "./settings";

export type { AzureBlobOutputs } from "../../../components/azureblob";

/**
 * The Azure Storage account of the Fiber `storage/azureblob` adapter, through one explicit azure-native provider
 * with only the subscription and location from config: credentials come from the environment at deploy time
 * (ARM_USE_OIDC, ARM_CLIENT_ID, ARM_TENANT_ID from the CI's azure/login OIDC step), never from config. Alerts go
 * to Azure Monitor action groups with the stack's `alerts.<severity>` e-mails and webhooks; the account's metrics
 * live in Azure Monitor, so the CloudWatch dashboard gets no row. Stack output `azureblob`: no key, its secret's ARN.
 */
export function deployAzureBlob(s: AzureBlobSettings, { env, opts, baseName, key }: SharedBlocks): Deployed<AzureBlobOutputs> {
  // The rules refuse an enabled section without these; the checks keep the types honest.
  if (s.subscriptionId === undefined || s.location === undefined) throw new Error("azureblob: subscriptionId and location are required when enabled");
  const azureProvider = new Provider(`${baseName}-azureblob-provider`, { subscriptionId: s.subscriptionId, location: s.location });
  const evaluationOf = (sev: Severity) => ({ ...DEFAULT_EVALUATION[sev], ...env.alerts.evaluation[sev] });
  const evaluation = { warning: evaluationOf("warning"), critical: evaluationOf("critical") };
  const store = new AzureBlobStore(`${baseName}-azureblob`, {
    subscriptionId: s.subscriptionId, location: s.location, resourceGroupName: s.resourceGroupName, createResourceGroup: s.createResourceGroup,
    accountName: s.accountName, skuName: s.skuName, allowedIpRanges: s.allowedIpRanges, containers: s.containers, fiberContainer: s.fiberContainer,
    blobSoftDeleteDays: s.blobSoftDeleteDays, containerSoftDeleteDays: s.containerSoftDeleteDays, pointInTimeRestoreDays: s.pointInTimeRestoreDays,
    keyExpirationDays: s.keyExpirationDays, activeKey: s.activeKey, deleteLock: s.deleteLock, protect: env.profile.protectStatefulResources,
    environment: env.name, receivers: { warning: env.alerts.warning, critical: env.alerts.critical }, evaluation,
    kmsKeyArn: key.arn, awsRegion: env.region, secretRecoveryWindowDays: s.secretRecoveryWindowDays, azureProvider,
  }, opts);
  return { fiberPackages: store.outputs.fiberPackages, outputs: store.outputs, dashboard: [] };
}
