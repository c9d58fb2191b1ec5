import type { ContainerSpec } from "../../../components/azureblob/args";
import type { StandardSku } from "../../../components/azureblob/rules";
import { shortHash } from "../../../components/common/hash";
import { DATA_CLASSES, type DataClassKey } from "../../../components/object-store/data-classes";
import type { StackScope } from "../contract";
import { s3Adapter } from "../s3";
import type { AzureBlobProfile } from "./profiles";
import { AZURE_DATA_CLASSES, type AzureBlobConfig } from "./schema";

/** What the stack deploys for the Azure Blob account: its config over the tier over the component's defaults. */
export interface AzureBlobSettings {
  readonly enabled: boolean;
  readonly subscriptionId?: string;
  readonly location?: string;
  readonly resourceGroupName: string;
  readonly createResourceGroup: boolean;
  readonly accountName: string;
  readonly skuName: StandardSku;
  readonly zoneRedundantOnly: boolean;
  readonly allowedIpRanges: readonly string[];
  readonly containers: readonly ContainerSpec[];
  readonly fiberContainer: string;
  readonly blobSoftDeleteDays: number;
  readonly containerSoftDeleteDays: number;
  readonly minSoftDeleteDays: number;
  readonly pointInTimeRestoreDays?: number;
  readonly keyExpirationDays: number;
  readonly activeKey: "key1" | "key2";
  readonly deleteLock: boolean;
  readonly secretRecoveryWindowDays: number;
}

export const FIBER_CONTAINER_DEFAULT = "fiber-storage";
export const KEY_EXPIRATION_DEFAULT_DAYS = 90;

/**
 * `sparki` + the stack name's letters and digits (up to 12) + 6 hex digits of the subscription and stack: account
 * names are global across Azure, so the hash keeps two tenants' `prod` stacks apart. At most 24 characters.
 */
export function defaultAccountName(stack: string, subscriptionId: string | undefined): string {
  const letters = stack.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 12);
  return `sparki${letters}${shortHash(`${subscriptionId ?? ""}/${stack}`, 6)}`;
}

export function azureBlobSettings(c: AzureBlobConfig, p: AzureBlobProfile, scope: StackScope): AzureBlobSettings {
  const s3 = scope.settingsOf(s3Adapter);
  const fiberContainer = c.fiberContainer ?? FIBER_CONTAINER_DEFAULT;
  const fiberVersionDays = c.fiberVersionRetentionDays ?? p.fiberVersionRetentionDays;
  const classes = (c.dataClasses ?? AZURE_DATA_CLASSES) as readonly DataClassKey[];
  const containers: ContainerSpec[] = [
    ...classes.map((k): ContainerSpec => ({
      key: k, name: DATA_CLASSES[k].slug,
      expirationDays: s3.lifecycle[k].expirationDays, noncurrentExpirationDays: s3.lifecycle[k].noncurrentExpirationDays,
    })),
    { key: "fiber", name: fiberContainer, noncurrentExpirationDays: fiberVersionDays },
  ];
  const restore = c.pointInTimeRestoreDays === null ? undefined : c.pointInTimeRestoreDays ?? p.pointInTimeRestoreDays;
  return {
    enabled: c.enabled ?? p.enabled,
    ...(c.subscriptionId !== undefined ? { subscriptionId: c.subscriptionId } : {}),
    ...(c.location !== undefined ? { location: c.location } : {}),
    resourceGroupName: c.existingResourceGroupName ?? `sparki-${scope.env.name}-fiber-storage`,
    createResourceGroup: c.existingResourceGroupName === undefined,
    accountName: c.accountName ?? defaultAccountName(scope.env.name, c.subscriptionId),
    skuName: c.skuName ?? p.skuName,
    zoneRedundantOnly: p.zoneRedundantOnly,
    allowedIpRanges: c.allowedIpRanges ?? [],
    containers,
    fiberContainer,
    blobSoftDeleteDays: c.blobSoftDeleteDays ?? p.blobSoftDeleteDays,
    containerSoftDeleteDays: c.containerSoftDeleteDays ?? p.containerSoftDeleteDays,
    minSoftDeleteDays: p.minSoftDeleteDays,
    ...(restore !== undefined ? { pointInTimeRestoreDays: restore } : {}),
    keyExpirationDays: c.keyExpirationDays ?? KEY_EXPIRATION_DEFAULT_DAYS,
    activeKey: c.activeKey ?? "key1",
    deleteLock: p.deleteLock,
    secretRecoveryWindowDays: p.secretRecoveryWindowDays,
  };
}
