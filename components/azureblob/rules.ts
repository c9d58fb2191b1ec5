/**
 * What Azure Resource Manager (or the azure-native provider before it) refuses when the storage account, its blob
 * service, containers, lifecycle policy and the Azure Monitor alerts are created, as pure checks of plain inputs.
 * Used by the component before it registers anything and by the policy pack (policy/engine-rules-azureblob.ts) for
 * any such resource in a stack. Each rule names where it is written down (read 2026-11-29).
 */

export const ACCOUNT_NAME_SOURCE =
  "@pulumi/azure-native 3.28 storage.StorageAccount `accountName` (\"between 3 and 24 characters in length and use numbers and lower-case letters only\"; https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage, globally unique)";
export const CONTAINER_NAME_SOURCE =
  "Azure Storage REST API, \"Naming and referencing containers, blobs, and metadata\" (https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata): 3-63 characters, lowercase letters, digits and '-', starting with a letter or digit, every '-' between letters or digits";
export const RESOURCE_GROUP_NAME_SOURCE =
  "Azure resource name rules, Microsoft.Resources/resourcegroups (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources): 1-90 characters of letters, digits, '_', '(', ')', '-' and '.', not ending in '.'";
export const IP_RULES_SOURCE =
  "Azure Storage firewall limitations (https://learn.microsoft.com/azure/storage/common/storage-network-security-limitations): IP network rules take public IPv4 addresses only (no RFC 1918 ranges), no /31 or /32 ranges (write single addresses instead), at most 400 IP rules per account (the 400 was not re-read: unverified); IPRule `value`: \"Only IPV4 address is allowed\" (Microsoft.Storage REST spec)";
export const RETENTION_SOURCE =
  "@pulumi/azure-native 3.28 storage.BlobServiceProperties: DeleteRetentionPolicy.days \"minimum 1, maximum 365\"; RestorePolicyProperties.days \"greater than zero and less than DeleteRetentionPolicy.days\"; allowPermanentDelete \"cannot be used [with] blob restore policy\"; ChangeFeed.retentionInDays 1..146000; point-in-time restore needs versioning, change feed and blob soft delete (https://learn.microsoft.com/azure/storage/blobs/point-in-time-restore-overview)";
export const BLOB_SERVICE_SOURCE_NAME =
  "@pulumi/azure-native 3.28 storage.BlobServiceProperties `blobServicesName`: \"Blob Service Name must be 'default'\"";
export const LIFECYCLE_SOURCE =
  "Azure Blob lifecycle management (https://learn.microsoft.com/azure/storage/blobs/lifecycle-management-overview): a rule name is up to 256 alphanumeric characters, unique in the policy; at most 100 rules; blobTypes is required; day counts are non-negative integers";
export const METRIC_ALERT_SOURCE =
  "Azure Monitor metric alert rules (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-metric-alert-rule and the Microsoft.Insights/metricAlerts template reference): windowSize one of PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, PT24H; evaluationFrequency one of PT1M, PT5M, PT15M, PT30M, PT1H and not longer than windowSize; severity 0..4; location `global`; a window longer than four hours needs a frequency of at least five minutes (Azure's 400 BadRequest \"Evaluation frequency must be greater than or equal to five minutes since the period is greater than four hours\", quoted in https://github.com/DFE-Digital/publish-teacher-training/pull/4368, read 2026-11-29)";
export const ACTION_GROUP_SOURCE =
  "Azure Monitor action groups (https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups): the short name is 1-12 characters; receiver names are unique within the group";

export const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
const RESOURCE_GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/u;
export const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Azure region names as ARM takes them (`westeurope`, `swedencentral`): lowercase letters and digits. */
export const LOCATION = /^[a-z][a-z0-9]{2,39}$/;
export const DELETE_RETENTION_DAYS = { min: 1, max: 365 } as const;
export const CHANGE_FEED_DAYS = { min: 1, max: 146_000 } as const;
export const MAX_IP_RULES = 400;
export const MAX_LIFECYCLE_RULES = 100;
export const ACTION_GROUP_SHORT_NAME_MAX = 12;
export const ALERT_WINDOWS = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "PT24H"] as const;
export const ALERT_FREQUENCIES = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H"] as const;
/** A window longer than this many minutes (four hours) needs an evaluation frequency of at least LONG_WINDOW_MIN_FREQUENCY_MINUTES (METRIC_ALERT_SOURCE). */
export const LONG_WINDOW_MINUTES = 240;
export const LONG_WINDOW_MIN_FREQUENCY_MINUTES = 5;
/** Minutes of each ISO 8601 duration the rules accept. */
export const DURATION_MINUTES: Readonly<Record<(typeof ALERT_WINDOWS)[number], number>> = {
  PT1M: 1, PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60, PT6H: 360, PT12H: 720, PT24H: 1440,
};
/** Redundancy SKUs that keep copies in three availability zones of the primary region. */
export const ZONE_REDUNDANT_SKUS = ["Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS"] as const;
/** The Standard general-purpose v2 SKUs this adapter offers (Premium block blob accounts have no lifecycle tiers or PITR). */
export const STANDARD_SKUS = ["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS", "Standard_RAGZRS"] as const;
export type StandardSku = (typeof STANDARD_SKUS)[number];

export function accountNameProblem(name: unknown): string | undefined {
  return typeof name === "string" && ACCOUNT_NAME.test(name)
    ? undefined
    : `storage account name ${JSON.stringify(name)} must be 3-24 lowercase letters and digits (Azure refuses it with AccountNameInvalid)`;
}

export function containerNameProblem(name: unknown): string | undefined {
  return typeof name === "string" && CONTAINER_NAME.test(name)
    ? undefined
    : `container name ${JSON.stringify(name)} must be 3-63 lowercase letters, digits and single '-' between them, starting with a letter or digit (Azure refuses it with InvalidResourceName)`;
}

export function resourceGroupNameProblem(name: unknown): string | undefined {
  return typeof name === "string" && RESOURCE_GROUP_NAME.test(name)
    ? undefined
    : `resource group name ${JSON.stringify(name)} must be 1-90 letters, digits, '_', '(', ')', '-' and '.', not ending in '.'`;
}

/** The address as a 32-bit unsigned number; undefined unless it is four decimal octets 0..255. */
function ipv4Value(address: string): number | undefined {
  const octets = address.split(".");
  if (octets.length !== 4 || !octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)) return undefined;
  return octets.reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

const PRIVATE_RANGES: readonly [number, number][] = [[10 * 2 ** 24, 8], [(172 * 256 + 16) * 2 ** 16, 12], [(192 * 256 + 168) * 2 ** 16, 16]];

/** Whether the rule's range overlaps an RFC 1918 block. */
function inPrivateRange(value: number, prefix: number): boolean {
  const ruleSize = 2 ** (32 - prefix);
  const ruleBase = value - (value % ruleSize);
  return PRIVATE_RANGES.some(([base, basePrefix]) => ruleBase < base + 2 ** (32 - basePrefix) && base < ruleBase + ruleSize);
}

/** What the storage firewall refuses in one IP rule value (an IPv4 address or CIDR range). */
export function ipRuleProblem(rule: unknown): string | undefined {
  if (typeof rule !== "string") return `IP rule ${JSON.stringify(rule)} must be an IPv4 address or CIDR range`;
  const [address, prefixText, ...rest] = rule.split("/");
  const value = ipv4Value(address);
  const prefix = prefixText === undefined ? 32 : /^\d{1,2}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (value === undefined || rest.length > 0 || !(prefix >= 0 && prefix <= 32)) {
    return `IP rule ${JSON.stringify(rule)} must be an IPv4 address or CIDR range (the storage firewall takes IPv4 only)`;
  }
  if (prefixText !== undefined && prefix >= 31) {
    return `IP rule ${JSON.stringify(rule)}: the storage firewall refuses /31 and /32 ranges; write the single addresses instead`;
  }
  if (inPrivateRange(value, prefix)) {
    return `IP rule ${JSON.stringify(rule)} is a private (RFC 1918) address: the storage firewall takes public addresses only (private clients reach an account through a private endpoint)`;
  }
  return undefined;
}

export function ipRulesProblems(rules: readonly unknown[]): string[] {
  const problems = rules.flatMap((r) => ipRuleProblem(r) ?? []);
  if (rules.length > MAX_IP_RULES) problems.push(`${rules.length} IP rules: a storage account takes at most ${MAX_IP_RULES}`);
  return problems;
}

/** The blob service's data protection as BlobServiceProperties takes it (plain values). */
export interface BlobServiceShape {
  readonly isVersioningEnabled?: boolean;
  readonly deleteRetentionPolicy?: { readonly enabled?: boolean; readonly days?: number; readonly allowPermanentDelete?: boolean };
  readonly containerDeleteRetentionPolicy?: { readonly enabled?: boolean; readonly days?: number };
  readonly changeFeed?: { readonly enabled?: boolean; readonly retentionInDays?: number };
  readonly restorePolicy?: { readonly enabled?: boolean; readonly days?: number };
}

const wholeIn = (v: unknown, min: number, max: number): boolean => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

export function blobServiceProblems(s: BlobServiceShape): string[] {
  const problems: string[] = [];
  const del = s.deleteRetentionPolicy;
  const { min, max } = DELETE_RETENTION_DAYS;
  if (del?.enabled === true && !wholeIn(del.days, min, max)) problems.push(`deleteRetentionPolicy.days must be a whole number of days ${min}..${max}, got ${String(del.days)}`);
  const con = s.containerDeleteRetentionPolicy;
  if (con?.enabled === true && !wholeIn(con.days, min, max)) problems.push(`containerDeleteRetentionPolicy.days must be a whole number of days ${min}..${max}, got ${String(con.days)}`);
  const feed = s.changeFeed;
  if (feed?.enabled === true && feed.retentionInDays !== undefined && !wholeIn(feed.retentionInDays, CHANGE_FEED_DAYS.min, CHANGE_FEED_DAYS.max)) {
    problems.push(`changeFeed.retentionInDays must be a whole number of days ${CHANGE_FEED_DAYS.min}..${CHANGE_FEED_DAYS.max}, got ${String(feed.retentionInDays)}`);
  }
  const restore = s.restorePolicy;
  if (restore?.enabled === true) {
    const missing = [
      s.isVersioningEnabled !== true ? "versioning" : undefined,
      feed?.enabled !== true ? "change feed" : undefined,
      del?.enabled !== true ? "blob soft delete" : undefined,
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) problems.push(`restorePolicy (point-in-time restore) needs ${missing.join(", ")} enabled too`);
    if (del?.enabled === true && typeof del.days === "number" && !(typeof restore.days === "number" && Number.isInteger(restore.days) && restore.days >= 1 && restore.days < del.days)) {
      problems.push(`restorePolicy.days must be a whole number of days from 1 to one less than the blob soft delete's ${del.days}, got ${String(restore.days)}`);
    }
    if (del?.allowPermanentDelete === true) problems.push("deleteRetentionPolicy.allowPermanentDelete cannot be true with a restore policy");
  }
  return problems;
}

/** One lifecycle rule as ManagementPolicy takes it (plain values). */
export interface LifecycleRuleShape {
  readonly name?: string;
  readonly type?: string;
  readonly definition?: {
    readonly filters?: { readonly blobTypes?: readonly string[]; readonly prefixMatch?: readonly string[] };
    readonly actions?: {
      readonly baseBlob?: { readonly delete?: { readonly daysAfterModificationGreaterThan?: number } };
      readonly version?: { readonly delete?: { readonly daysAfterCreationGreaterThan?: number } };
    };
  };
}

export function lifecycleProblems(rules: readonly LifecycleRuleShape[]): string[] {
  const problems: string[] = [];
  if (rules.length > MAX_LIFECYCLE_RULES) problems.push(`${rules.length} lifecycle rules: a policy takes at most ${MAX_LIFECYCLE_RULES}`);
  const seen = new Set<string>();
  for (const r of rules) {
    const name = r.name ?? "";
    if (!/^[A-Za-z0-9]{1,256}$/.test(name)) problems.push(`lifecycle rule name ${JSON.stringify(r.name)} must be 1-256 letters and digits`);
    else if (seen.has(name)) problems.push(`lifecycle rule name "${name}" is used twice: names are unique in a policy`);
    seen.add(name);
    if ((r.definition?.filters?.blobTypes ?? []).length === 0) problems.push(`lifecycle rule ${JSON.stringify(r.name)} names no blobTypes (required, e.g. blockBlob)`);
    const days = [r.definition?.actions?.baseBlob?.delete?.daysAfterModificationGreaterThan, r.definition?.actions?.version?.delete?.daysAfterCreationGreaterThan];
    for (const d of days) {
      if (d !== undefined && !wholeIn(d, 0, Number.MAX_SAFE_INTEGER)) problems.push(`lifecycle rule ${JSON.stringify(r.name)} has day count ${String(d)}: day counts are whole numbers from 0`);
    }
  }
  return problems;
}

/** A metric alert's evaluation as MetricAlert takes it (plain values). */
export interface MetricAlertShape {
  readonly windowSize?: string;
  readonly evaluationFrequency?: string;
  readonly severity?: number;
  readonly location?: string;
}

export function metricAlertProblems(a: MetricAlertShape): string[] {
  const problems: string[] = [];
  const window = ALERT_WINDOWS.find((w) => w === a.windowSize);
  const frequency = ALERT_FREQUENCIES.find((f) => f === a.evaluationFrequency);
  if (window === undefined) problems.push(`windowSize ${JSON.stringify(a.windowSize)} must be one of ${ALERT_WINDOWS.join(", ")}`);
  if (frequency === undefined) problems.push(`evaluationFrequency ${JSON.stringify(a.evaluationFrequency)} must be one of ${ALERT_FREQUENCIES.join(", ")}`);
  if (window !== undefined && frequency !== undefined && DURATION_MINUTES[frequency] > DURATION_MINUTES[window]) {
    problems.push(`evaluationFrequency ${frequency} is longer than windowSize ${window}: Azure Monitor refuses it`);
  }
  if (window !== undefined && frequency !== undefined && DURATION_MINUTES[window] > LONG_WINDOW_MINUTES && DURATION_MINUTES[frequency] < LONG_WINDOW_MIN_FREQUENCY_MINUTES) {
    problems.push(`evaluationFrequency ${frequency} with windowSize ${window}: Azure Monitor needs a frequency of at least PT5M when the window is longer than four hours`);
  }
  if (!wholeIn(a.severity, 0, 4)) problems.push(`severity ${String(a.severity)} must be 0..4`);
  if (a.location !== undefined && a.location.toLowerCase() !== "global") problems.push(`location ${JSON.stringify(a.location)} must be "global" for a metric alert rule`);
  return problems;
}

export function actionGroupShortNameProblem(shortName: unknown): string | undefined {
  return typeof shortName === "string" && shortName.length >= 1 && shortName.length <= ACTION_GROUP_SHORT_NAME_MAX
    ? undefined
    : `action group short name ${JSON.stringify(shortName)} must be 1-${ACTION_GROUP_SHORT_NAME_MAX} characters`;
}
