import type * as pulumi from "@pulumi/pulumi";
import type { Severity } from "../alerting/topics";
import {
  accountNameProblem, blobServiceProblems, containerNameProblem, DELETE_RETENTION_DAYS, ipRulesProblems, LOCATION, resourceGroupNameProblem,
  type StandardSku, STANDARD_SKUS, SUBSCRIPTION_ID,
} from "./rules";

/** One private container: a data class of the object store (components/object-store/data-classes.ts) or the Fiber adapter's. */
export interface ContainerSpec {
  /** Data class key (`artifacts`...) or `fiber`; names the container's lifecycle rule. No default. */
  readonly key: string;
  /** Container name (3-63 lowercase letters, digits, single '-'). No default. */
  readonly name: string;
  /** Days after the last modification a current blob is deleted. Default: never. */
  readonly expirationDays?: number;
  /** Days after a previous version is created (the blob was overwritten or deleted) it is deleted for good. No default. */
  readonly noncurrentExpirationDays: number;
}

/** Who an Azure Monitor action group notifies for one severity: the stack's `alerts.<severity>` subscribers. */
export interface AlertReceivers {
  /** E-mail addresses. Default: none. */
  readonly emails?: readonly string[];
  /** HTTPS webhook URLs (secret config; kept secret in state). Default: none. */
  readonly httpsEndpoints?: readonly string[];
}

/** How long a condition must hold: the stack's alarm evaluation per severity (components/alerting DEFAULT_EVALUATION). */
export interface AlertEvaluation {
  /** Seconds per period. No default. */
  readonly periodSeconds: number;
  /** Periods watched. No default. */
  readonly evaluationPeriods: number;
}

export interface AzureBlobStoreArgs {
  /** Azure subscription (GUID) of every Azure resource: resource IDs and the lock scope. No default. */
  readonly subscriptionId: string;
  /** Azure region, e.g. `westeurope`. No default. */
  readonly location: string;
  /** Resource group name. No default. */
  readonly resourceGroupName: string;
  /** Create the resource group (false: it exists and the stack only places resources in it). Default: true. */
  readonly createResourceGroup?: boolean;
  /** Storage account name, globally unique, 3-24 lowercase letters and digits: the adapter's `Config.Account`. No default. */
  readonly accountName: string;
  /** Redundancy SKU (Standard general-purpose v2). Default: `Standard_ZRS` (three zones of the region). */
  readonly skuName?: StandardSku;
  /** Public IPv4 addresses or ranges (the application's egress) the account firewall admits; everything else is denied. No default. */
  readonly allowedIpRanges: readonly string[];
  /** Private containers, one per data class plus the Fiber adapter's. No default. */
  readonly containers: readonly ContainerSpec[];
  /** Name of the container the Fiber adapter uses (`Config.Container`); one of `containers`. No default. */
  readonly fiberContainer: string;
  /** Days a deleted or overwritten blob stays recoverable (blob soft delete), 1..365. Default: 30 (days). */
  readonly blobSoftDeleteDays?: number;
  /** Days a deleted container stays recoverable, 1..365. Default: 30 (days). */
  readonly containerSoftDeleteDays?: number;
  /** Days point-in-time restore reaches back (needs change feed; less than blobSoftDeleteDays). Default: none (off). */
  readonly pointInTimeRestoreDays?: number;
  /** Days after which Azure flags an account key as due for rotation (key expiration policy). Default: 90 (days). */
  readonly keyExpirationDays?: number;
  /** A CanNotDelete management lock on the account (Azure's deletion protection). Default: true. */
  readonly deleteLock?: boolean;
  /** Pulumi `protect` on the account, its containers, the resource group and the key's secret. Default: false. */
  readonly protect?: boolean;
  /** Stack name: first part of every alert rule name. No default. */
  readonly environment: string;
  /** Action group receivers per severity (none: the alert rule fires without notifying). No default. */
  readonly receivers: Readonly<Record<Severity, AlertReceivers>>;
  /** Alert evaluation per severity. No default. */
  readonly evaluation: Readonly<Record<Severity, AlertEvaluation>>;
  /** The stack's KMS key: the AWS secret holding the account key is encrypted with it. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** AWS region of that secret (the `kms:ViaService` condition of the read policy). No default. */
  readonly awsRegion: string;
  /** Days Secrets Manager keeps the deleted secret recoverable, 7..30. Default: 30 (days). */
  readonly secretRecoveryWindowDays?: number;
  /** The explicit azure-native provider every Azure resource uses. No default. */
  readonly azureProvider: pulumi.ProviderResource;
}

export const AZUREBLOB_DEFAULTS = {
  createResourceGroup: true,
  skuName: "Standard_ZRS",
  blobSoftDeleteDays: 30,
  containerSoftDeleteDays: 30,
  keyExpirationDays: 90,
  deleteLock: true,
  protect: false,
  secretRecoveryWindowDays: 30,
} as const satisfies Partial<AzureBlobStoreArgs>;

export type ResolvedAzureBlobStoreArgs = Required<Omit<AzureBlobStoreArgs, "pointInTimeRestoreDays">> & Pick<AzureBlobStoreArgs, "pointInTimeRestoreDays">;

/** Every default applied once. */
export function resolveAzureBlobStoreArgs(args: AzureBlobStoreArgs): ResolvedAzureBlobStoreArgs {
  const d = AZUREBLOB_DEFAULTS;
  return {
    ...args,
    createResourceGroup: args.createResourceGroup ?? d.createResourceGroup,
    skuName: args.skuName ?? d.skuName,
    blobSoftDeleteDays: args.blobSoftDeleteDays ?? d.blobSoftDeleteDays,
    containerSoftDeleteDays: args.containerSoftDeleteDays ?? d.containerSoftDeleteDays,
    keyExpirationDays: args.keyExpirationDays ?? d.keyExpirationDays,
    deleteLock: args.deleteLock ?? d.deleteLock,
    protect: args.protect ?? d.protect,
    secretRecoveryWindowDays: args.secretRecoveryWindowDays ?? d.secretRecoveryWindowDays,
  };
}

/** Key expiration policy bounds (days): the portal offers 1..365; longer reminders would not remind. */
export const KEY_EXPIRATION_DAYS = { min: 1, max: 365 } as const;

/** The arguments {@link azureBlobProblems} judges (the stack's settings carry the same fields). */
export type AzureBlobCheckedArgs = Pick<ResolvedAzureBlobStoreArgs,
  "subscriptionId" | "location" | "resourceGroupName" | "accountName" | "skuName" | "allowedIpRanges" | "containers" | "fiberContainer"
  | "blobSoftDeleteDays" | "containerSoftDeleteDays" | "pointInTimeRestoreDays" | "keyExpirationDays">;

/**
 * What Azure would refuse (or the adapter could not use), as [field, message]; the message says what is allowed
 * (callers add the value). Empty when the arguments are good.
 */
export function azureBlobProblems(a: AzureBlobCheckedArgs): [string, string][] {
  const problems: [string, string][] = [];
  if (!SUBSCRIPTION_ID.test(a.subscriptionId)) problems.push(["subscriptionId", "must be an Azure subscription ID (a lowercase GUID)"]);
  if (!LOCATION.test(a.location)) problems.push(["location", "must be an Azure region name such as westeurope (lowercase letters and digits)"]);
  const rg = resourceGroupNameProblem(a.resourceGroupName);
  if (rg !== undefined) problems.push(["resourceGroupName", "must be 1-90 letters, digits, '_', '(', ')', '-' and '.', not ending in '.' (Azure resource group naming rules)"]);
  if (accountNameProblem(a.accountName) !== undefined) problems.push(["accountName", "must be 3-24 lowercase letters and digits (Azure storage account naming rules)"]);
  if (!(STANDARD_SKUS as readonly string[]).includes(a.skuName)) problems.push(["skuName", `must be one of ${STANDARD_SKUS.join(", ")}`]);
  if (a.allowedIpRanges.length === 0) {
    problems.push(["allowedIpRanges", "must name at least one public IPv4 address or range (the application's egress): the account denies every other network"]);
  }
  for (const p of ipRulesProblems(a.allowedIpRanges)) problems.push(["allowedIpRanges", p]);
  for (const c of a.containers) {
    const p = containerNameProblem(c.name);
    if (p !== undefined) problems.push([`containers.${c.key}`, p]);
  }
  const names = a.containers.map((c) => c.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) problems.push(["containers", `name container "${repeated}" twice: each data class and the Fiber adapter need their own container`]);
  if (!names.includes(a.fiberContainer)) problems.push(["fiberContainer", "must be one of the containers the stack creates"]);
  const { min, max } = DELETE_RETENTION_DAYS;
  for (const field of ["blobSoftDeleteDays", "containerSoftDeleteDays"] as const) {
    const days = a[field];
    if (!Number.isInteger(days) || days < min || days > max) problems.push([field, `must be a whole number of days ${min}..${max} (Azure soft delete retention)`]);
  }
  if (a.pointInTimeRestoreDays !== undefined) {
    const restore = blobServiceProblems({
      isVersioningEnabled: true, changeFeed: { enabled: true },
      deleteRetentionPolicy: { enabled: true, days: a.blobSoftDeleteDays }, restorePolicy: { enabled: true, days: a.pointInTimeRestoreDays },
    });
    if (restore.length > 0) problems.push(["pointInTimeRestoreDays", `must be a whole number of days from 1 to one less than blobSoftDeleteDays (${a.blobSoftDeleteDays}): Azure keeps restorable data only while soft delete does`]);
  }
  const k = KEY_EXPIRATION_DAYS;
  if (!Number.isInteger(a.keyExpirationDays) || a.keyExpirationDays < k.min || a.keyExpirationDays > k.max) {
    problems.push(["keyExpirationDays", `must be a whole number of days ${k.min}..${k.max}`]);
  }
  return problems;
}
