import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  AZUREBLOB_PLATFORM_KEY_EXCEPTION, AZUREBLOB_SHARED_KEY_EXCEPTION, PLATFORM_KEY_COMPENSATING_CONTROLS, POLICY_EXCEPTION_TAG, SHARED_KEY_COMPENSATING_CONTROLS,
} from "../components/azureblob/exception";
import { ZONE_REDUNDANT_SKUS } from "../components/azureblob/rules";
import { baseline } from "./lib/controls";
import { read } from "./lib/values";
import type { PolicyException } from "./rds";

// The Azure Blob row's baseline (components/azureblob). No FSBP control covers Azure, so these are the pack's own,
// after the Microsoft cloud security benchmark's built-in Azure Policy definitions for storage accounts
// (https://learn.microsoft.com/azure/storage/common/policy-reference, checked 2026-11-29): "Storage accounts should
// have the specified minimum TLS version", "Secure transfer to storage accounts should be enabled", "Storage account
// public access should be disallowed", "Storage accounts should restrict network access", "Storage accounts should
// prevent shared key access" (waived by name below), "Storage accounts should use customer-managed key for
// encryption" (waived by name below), and the Azure Verified Module avm/res/storage/storage-account's defaults
// (versioning, soft delete, a delete lock).

export const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
export const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
export const BLOB_CONTAINER = "azure-native:storage:BlobContainer";
export const MANAGEMENT_LOCK = "azure-native:authorization:ManagementLockByScope";
export const METRIC_ALERT = "azure-native:monitor:MetricAlert";

/** Blob and container soft delete below this many days is too short to notice a mistake (the AVM module's default is 7). */
export const MIN_SOFT_DELETE_DAYS = 7;

export const AZUREBLOB_SHARED_KEY: PolicyException = {
  name: AZUREBLOB_SHARED_KEY_EXCEPTION,
  policy: "azureblob-shared-key-access",
  waives: "allowSharedKeyAccess: false (Azure Policy \"Storage accounts should prevent shared key access\") and, for the secret holding the key, a Secrets Manager rotation function (FSBP SecretsManager.1)",
  reason: "the Fiber storage/azureblob adapter authenticates with the account key only (gofiber/storage azureblob.go: NewSharedKeyCredential); rotating an Azure key from AWS would need an Azure credential in a Lambda (components/azureblob/exception.ts)",
  compensatingControl: SHARED_KEY_COMPENSATING_CONTROLS.join("; "),
};

export const AZUREBLOB_PLATFORM_KEY: PolicyException = {
  name: AZUREBLOB_PLATFORM_KEY_EXCEPTION,
  policy: "azureblob-encryption",
  waives: "a customer-managed key (Azure Policy \"Storage accounts should use customer-managed key for encryption\"; the Sparki baseline's customer key)",
  reason: "the stack's key is an AWS KMS key, which Azure Storage cannot use; a Key Vault key hierarchy for one optional adapter is not worth its operation (components/azureblob/exception.ts)",
  compensatingControl: PLATFORM_KEY_COMPENSATING_CONTROLS.join("; "),
};

export const AZUREBLOB_POLICY_EXCEPTIONS: readonly PolicyException[] = [AZUREBLOB_SHARED_KEY, AZUREBLOB_PLATFORM_KEY];

type Props = Record<string, unknown>;
const UNKNOWN = Symbol("unknown during preview");
const isObj = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/** A property as plain data, or UNKNOWN while any part of it is unknown (preview). */
function plain(get: () => unknown): unknown {
  const r = read(() => {
    const value = get();
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
  });
  return r.known ? r.value : UNKNOWN;
}

/** The properties a check reads, or undefined when one of them is unknown: an unknown value proves nothing (judged again at `pulumi up`). */
function known(props: object, keys: readonly string[]): Props | undefined {
  const entries = keys.map((k) => [k, plain(() => (props as Props)[k])] as const);
  return entries.some(([, v]) => v === UNKNOWN) ? undefined : Object.fromEntries(entries);
}

/** The exception names an account's tag lists. */
export function exceptionsOf(tags: unknown): string[] {
  const value = isObj(tags) ? tags[POLICY_EXCEPTION_TAG] : undefined;
  return typeof value === "string" ? value.split(",").map((v) => v.trim()).filter(Boolean) : [];
}

/** A resource policy on one Azure type: other types are not applicable; `check` gets the named properties once all are known. */
function onType(type: string, keys: readonly string[], check: (p: Props) => string[]): (args: ResourceValidationArgs, report: ReportViolation) => void {
  return (args, report) => {
    if (args.type !== type) {
      args.notApplicable(`only ${type}`);
      return;
    }
    const p = known(args.props, keys);
    const problems = p === undefined ? [] : check(p);
    if (problems.length > 0) report(`${problems.join("; ")}.`);
  };
}

/** Why an account's network rules would not compensate for shared-key access: empty when it denies by default and admits no everything-range. */
export function networkProblems(networkRuleSet: unknown): string[] {
  const rules = isObj(networkRuleSet) ? networkRuleSet : {};
  const problems: string[] = [];
  if (rules.defaultAction !== "Deny") problems.push(`networkRuleSet.defaultAction is ${JSON.stringify(rules.defaultAction)}: deny by default and admit the application's egress addresses only`);
  const wide = (Array.isArray(rules.ipRules) ? rules.ipRules : []).map((r) => (isObj(r) ? String(r.iPAddressOrRange) : "")).filter((v) => /\/(0|[1-7])$/.test(v));
  if (wide.length > 0) problems.push(`networkRuleSet.ipRules admits ${wide.join(", ")}: ranges wider than /8 are the internet, not an egress`);
  if (rules.bypass !== undefined && rules.bypass !== "None") problems.push(`networkRuleSet.bypass is ${JSON.stringify(rules.bypass)}: with shared-key access on, no trusted-service bypass (None)`);
  return problems;
}

export const azureBlobSecureTransport: ResourceValidationPolicy = {
  name: "azureblob-secure-transport",
  ...baseline("Sparki baseline: azure", "Azure storage accounts take HTTPS only with TLS 1.2 at least (Azure Policy \"Secure transfer to storage accounts should be enabled\", \"... minimum TLS version\").", "high",
    "Set enableHttpsTrafficOnly: true and minimumTlsVersion: TLS1_2 (components/azureblob does)."),
  validateResource: onType(STORAGE_ACCOUNT, ["enableHttpsTrafficOnly", "minimumTlsVersion"], (a) => [
    ...(a.enableHttpsTrafficOnly === false ? ["enableHttpsTrafficOnly is false: plain HTTP would carry the shared-key signatures and the data"] : []),
    ...(a.minimumTlsVersion !== "TLS1_2" && a.minimumTlsVersion !== "TLS1_3"
      ? [`minimumTlsVersion is ${JSON.stringify(a.minimumTlsVersion)} (Azure's default is TLS 1.0): set TLS1_2`] : []),
  ]),
};

const publicAccountProblems = onType(STORAGE_ACCOUNT, ["allowBlobPublicAccess", "networkRuleSet", "publicNetworkAccess"], (a) => [
  ...(a.allowBlobPublicAccess !== false ? [`allowBlobPublicAccess is ${JSON.stringify(a.allowBlobPublicAccess)}: a container could be made anonymous; set false`] : []),
  ...(a.publicNetworkAccess === "Disabled" ? [] : networkProblems(a.networkRuleSet).filter((p) => !p.includes("bypass"))),
]);

export const azureBlobNoPublicAccess: ResourceValidationPolicy = {
  name: "azureblob-no-public-access",
  ...baseline("Sparki baseline: azure", "Azure storage accounts allow no anonymous blob access and deny every network but named ones; containers are private (Azure Policy \"Storage account public access should be disallowed\", \"Storage accounts should restrict network access\").", "critical",
    "Set allowBlobPublicAccess: false, networkRuleSet { defaultAction: Deny, bypass: None, ipRules: the egress addresses }, and publicAccess: None on containers."),
  validateResource: (args, report) => {
    if (args.type === BLOB_CONTAINER) {
      const c = known(args.props, ["publicAccess"]);
      if (c !== undefined && c.publicAccess !== undefined && c.publicAccess !== "None") report(`publicAccess is ${JSON.stringify(c.publicAccess)}: containers are private (None).`);
      return;
    }
    publicAccountProblems(args, report);
  },
};

export const azureBlobSharedKeyAccess: ResourceValidationPolicy = {
  name: "azureblob-shared-key-access",
  ...baseline("Sparki baseline: azure", `Azure storage accounts refuse shared-key access (Azure Policy "Storage accounts should prevent shared key access"), except under the named exception ${AZUREBLOB_SHARED_KEY_EXCEPTION} with its compensating controls: ${SHARED_KEY_COMPENSATING_CONTROLS.join("; ")}.`, "high",
    `Set allowSharedKeyAccess: false, or (Fiber storage/azureblob) tag the account ${POLICY_EXCEPTION_TAG}=${AZUREBLOB_SHARED_KEY_EXCEPTION} and keep the firewall and key policy.`),
  validateResource: onType(STORAGE_ACCOUNT, ["allowSharedKeyAccess", "tags", "networkRuleSet", "keyPolicy"], (a) => {
    if (a.allowSharedKeyAccess === false) return [];
    if (!exceptionsOf(a.tags).includes(AZUREBLOB_SHARED_KEY_EXCEPTION)) {
      return [`allowSharedKeyAccess is ${a.allowSharedKeyAccess === undefined ? "unset (Azure's default: on)" : "true"} and the account carries no ${POLICY_EXCEPTION_TAG}=${AZUREBLOB_SHARED_KEY_EXCEPTION} tag: anyone with a key has full access. Set false, or take the named exception with its compensating controls`];
    }
    const keyPolicy = isObj(a.keyPolicy) ? a.keyPolicy : {};
    return [
      ...networkProblems(a.networkRuleSet).map((p) => `the ${AZUREBLOB_SHARED_KEY_EXCEPTION} exception needs a closed firewall: ${p}`),
      ...(typeof keyPolicy.keyExpirationPeriodInDays !== "number" ? [`the ${AZUREBLOB_SHARED_KEY_EXCEPTION} exception needs a key expiration policy (keyPolicy.keyExpirationPeriodInDays) so a stale key is flagged`] : []),
    ];
  }),
};

export const azureBlobEncryption: ResourceValidationPolicy = {
  name: "azureblob-encryption",
  ...baseline("Sparki baseline: azure", `Azure storage accounts use a customer-managed key (Azure Policy "Storage accounts should use customer-managed key for encryption"), except under the named exception ${AZUREBLOB_PLATFORM_KEY_EXCEPTION} with infrastructure (double) encryption.`, "medium",
    `Set encryption.keySource Microsoft.Keyvault with a Key Vault key, or tag ${POLICY_EXCEPTION_TAG}=${AZUREBLOB_PLATFORM_KEY_EXCEPTION} and set encryption.requireInfrastructureEncryption: true.`),
  validateResource: onType(STORAGE_ACCOUNT, ["encryption", "tags"], (a) => {
    const encryption = isObj(a.encryption) ? a.encryption : {};
    if (encryption.keySource === "Microsoft.Keyvault") return [];
    if (!exceptionsOf(a.tags).includes(AZUREBLOB_PLATFORM_KEY_EXCEPTION)) {
      return [`encryption.keySource is ${JSON.stringify(encryption.keySource ?? "Microsoft.Storage")} (Microsoft-managed keys) and the account carries no ${POLICY_EXCEPTION_TAG}=${AZUREBLOB_PLATFORM_KEY_EXCEPTION} tag: use a customer-managed key or take the named exception`];
    }
    return encryption.requireInfrastructureEncryption === true ? [] : [`the ${AZUREBLOB_PLATFORM_KEY_EXCEPTION} exception needs encryption.requireInfrastructureEncryption: true (a second encryption layer; it can only be set at creation)`];
  }),
};

export const azureBlobDataProtection: ResourceValidationPolicy = {
  name: "azureblob-data-protection",
  ...baseline("Sparki baseline: azure", `The Azure blob service keeps versions and soft-deletes blobs and containers for at least ${MIN_SOFT_DELETE_DAYS} days.`, "high",
    `Set isVersioningEnabled: true, deleteRetentionPolicy and containerDeleteRetentionPolicy { enabled: true, days >= ${MIN_SOFT_DELETE_DAYS} }.`),
  validateResource: onType(BLOB_SERVICE, ["isVersioningEnabled", "deleteRetentionPolicy", "containerDeleteRetentionPolicy"], (s) => {
    const problems: string[] = [];
    if (s.isVersioningEnabled !== true) problems.push("isVersioningEnabled is not true: an overwritten blob (every Set of a Fiber key) could not be recovered");
    for (const field of ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"] as const) {
      const value = s[field];
      const policy = isObj(value) ? value : {};
      if (policy.enabled !== true || typeof policy.days !== "number" || policy.days < MIN_SOFT_DELETE_DAYS) {
        problems.push(`${field} keeps ${policy.enabled === true ? `${String(policy.days)} days` : "nothing"}: enable it for at least ${MIN_SOFT_DELETE_DAYS} days`);
      }
    }
    return problems;
  }),
};

export const azureBlobZoneRedundant: ResourceValidationPolicy = {
  name: "azureblob-zone-redundant",
  ...baseline("Sparki baseline: azure", `Azure storage accounts keep copies in three zones (${ZONE_REDUNDANT_SKUS.join(", ")}).`, "medium",
    "Set sku.name Standard_ZRS (the prod profile does; dev's LRS is advisory there)."),
  validateResource: onType(STORAGE_ACCOUNT, ["sku"], (a) => {
    const name = isObj(a.sku) ? a.sku.name : undefined;
    return (ZONE_REDUNDANT_SKUS as readonly unknown[]).includes(name) ? [] : [`sku.name is ${JSON.stringify(name)}: one zone's outage takes the account down; use ${ZONE_REDUNDANT_SKUS.join(", ")}`];
  }),
};

/** Whether the lock's scope names the account, or its scope was computed from it. */
function locks(lock: PolicyResource, account: PolicyResource): boolean {
  if (lock.dependencies.includes(account) || (lock.propertyDependencies.scope ?? []).includes(account)) return true;
  const scope = read(() => lock.props.scope as unknown);
  const id = read(() => account.props.id as unknown);
  return scope.known && id.known && scope.value !== undefined && scope.value === id.value;
}

export const azureBlobDeleteLock: StackValidationPolicy = {
  name: "azureblob-delete-lock",
  ...baseline("Sparki baseline: azure", "Every Azure storage account has a CanNotDelete management lock (Azure's deletion protection; the AVM module's `lock`).", "high",
    "Add an authorization.ManagementLockByScope { scope: account.id, level: CanNotDelete } (the prod profile does; dev leaves it off so pulumi destroy works)."),
  validateStack: (args, report) => {
    const accounts = args.resources.filter((r) => r.type === STORAGE_ACCOUNT);
    if (accounts.length === 0) args.notApplicable("no Azure storage accounts");
    const lockResources = args.resources.filter((r) => r.type === MANAGEMENT_LOCK);
    for (const account of accounts) {
      const lock = lockResources.find((l) => locks(l, account));
      const level = lock === undefined ? undefined : read(() => lock.props.level as unknown);
      if (lock === undefined) report(`storage account ${account.name} has no CanNotDelete lock: a console click or a stray destroy deletes every blob with it.`, account.urn);
      else if (level?.known && level.value !== "CanNotDelete") {
        report(`storage account ${account.name}'s lock is ${JSON.stringify(level.value)}: use CanNotDelete (ReadOnly also blocks listing the keys the application needs).`, account.urn);
      }
    }
  },
};

export const azureBlobAlertsNotify: ResourceValidationPolicy = {
  name: "azureblob-alerts-notify",
  ...baseline("Sparki baseline: azure", "Enabled Azure Monitor metric alert rules of critical severity (0) notify an action group.", "medium",
    "Set sparki-storage:alerts.critical subscribers (the component makes an action group of them); prod requires some."),
  validateResource: onType(METRIC_ALERT, ["severity", "enabled", "actions"], (a) =>
    a.severity === 0 && a.enabled !== false && (!Array.isArray(a.actions) || a.actions.length === 0)
      ? ["a critical (severity 0) alert rule notifies nobody: name an action group in actions"] : []),
};

/**
 * Why a secret under the azureblob-shared-key exception does not meet its compensating controls (for
 * secretsmanager-1-rotation): the stack holds a storage account that takes the exception and keeps a closed firewall
 * and a key expiration policy.
 */
export function sharedKeySecretProblems(resources: readonly PolicyResource[]): string[] {
  const accounts = resources.filter((r) => r.type === STORAGE_ACCOUNT);
  // Tags unknown during preview prove nothing; with none unknown, a tagged secret needs an account that takes the
  // exception (a stack without any Azure account must not let a tag alone waive rotation).
  if (accounts.some((a) => plain(() => a.props.tags) === UNKNOWN)) return [];
  const taking = accounts.filter((a) => definitelyTakes(a));
  if (taking.length === 0) return [`no storage account of the stack is tagged ${POLICY_EXCEPTION_TAG}=${AZUREBLOB_SHARED_KEY_EXCEPTION}`];
  return taking.flatMap((a) => {
    const p = known(a.props, ["networkRuleSet", "keyPolicy"]);
    if (p === undefined) return [];
    return [...networkProblems(p.networkRuleSet), ...(isObj(p.keyPolicy) && typeof p.keyPolicy.keyExpirationPeriodInDays === "number" ? [] : ["the account has no key expiration policy"])];
  });
}

function definitelyTakes(account: PolicyResource): boolean {
  const tags = read(() => plain(() => account.props.tags));
  return tags.known && exceptionsOf(tags.value).includes(AZUREBLOB_SHARED_KEY_EXCEPTION);
}

export const AZUREBLOB_POLICIES = [
  azureBlobSecureTransport, azureBlobNoPublicAccess, azureBlobSharedKeyAccess, azureBlobEncryption, azureBlobDataProtection,
  azureBlobZoneRedundant, azureBlobDeleteLock, azureBlobAlertsNotify,
];
