import { describe, expect, it } from "vitest";
import {
  AZUREBLOB_POLICIES, AZUREBLOB_POLICY_EXCEPTIONS, azureBlobAlertsNotify, azureBlobDataProtection, azureBlobDeleteLock, azureBlobEncryption,
  azureBlobNoPublicAccess, azureBlobSecureTransport, azureBlobSharedKeyAccess, azureBlobZoneRedundant,
} from "../policy/azureblob";
import {
  AZUREBLOB_ENGINE_RULES, azureBlobAccountName, azureBlobActionGroup, azureBlobContainerName, azureBlobLifecycle, azureBlobMetricAlert,
  azureBlobNetworkRules, azureBlobServiceRetention,
} from "../policy/engine-rules-azureblob";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { secretsRotated } from "../policy/kms-sns-secrets-alarms";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { KEY_ARN, T } from "./policy-fixtures";
import { checkResource, checkStack, readPolicyConfigFile, reconcilePolicyConfig, type StackInput } from "./policy-harness";

/**
 * The Azure Blob baseline, its named exceptions and the engine rules (policy/azureblob.ts, policy/engine-rules-azureblob.ts):
 * each has the resource as components/azureblob registers it in prod (passes) and counterexamples with the exact
 * message; the engine rules' counterexamples are what Azure refuses (sources in components/azureblob/rules.ts).
 */

const ACCOUNT = "azure-native:storage:StorageAccount";
const SERVICE = "azure-native:storage:BlobServiceProperties";
const CONTAINER = "azure-native:storage:BlobContainer";
const LIFECYCLE = "azure-native:storage:ManagementPolicy";
const ALERT = "azure-native:monitor:MetricAlert";
const GROUP = "azure-native:monitor:ActionGroup";
const LOCK = "azure-native:authorization:ManagementLockByScope";
const ACCOUNT_ID = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sparkiprod1a2b3c";

/** The prod account as components/azureblob registers it. */
const account = (): Record<string, unknown> => ({
  accountName: "sparkiprod1a2b3c", kind: "StorageV2", sku: { name: "Standard_ZRS" }, minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true,
  allowBlobPublicAccess: false, allowSharedKeyAccess: true, publicNetworkAccess: "Enabled",
  networkRuleSet: { defaultAction: "Deny", bypass: "None", ipRules: [{ iPAddressOrRange: "203.0.113.10", action: "Allow" }] },
  encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: true, services: { blob: { enabled: true, keyType: "Account" } } },
  keyPolicy: { keyExpirationPeriodInDays: 90 },
  tags: { "sparki:policy-exception": "azureblob-shared-key,azureblob-microsoft-managed-key" },
});
const service = (): Record<string, unknown> => ({
  blobServicesName: "default", isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30, allowPermanentDelete: false },
  containerDeleteRetentionPolicy: { enabled: true, days: 30 }, changeFeed: { enabled: true, retentionInDays: 30 }, restorePolicy: { enabled: true, days: 29 },
});
const rule = (name: string) => ({ name, enabled: true, type: "Lifecycle", definition: { filters: { blobTypes: ["blockBlob"], prefixMatch: [`${name}/`] }, actions: { version: { delete: { daysAfterCreationGreaterThan: 7 } } } } });
const alert = (): Record<string, unknown> => ({ severity: 0, enabled: true, location: "global", windowSize: "PT5M", evaluationFrequency: "PT1M", actions: [{ actionGroupId: "/ag" }] });

const SHARED_KEY_UNTAGGED = "allowSharedKeyAccess is true and the account carries no sparki:policy-exception=azureblob-shared-key tag: anyone with a key has full access. Set false, or take the named exception with its compensating controls.";

const CASES: ResourceCase[] = [
  { policy: azureBlobSecureTransport, type: ACCOUNT, pass: account(), failures: [
    [{ enableHttpsTrafficOnly: false }, "enableHttpsTrafficOnly is false: plain HTTP would carry the shared-key signatures and the data."],
    [{ minimumTlsVersion: "TLS1_0" }, "minimumTlsVersion is \"TLS1_0\" (Azure's default is TLS 1.0): set TLS1_2."],
    [{ minimumTlsVersion: undefined }, "minimumTlsVersion is undefined (Azure's default is TLS 1.0): set TLS1_2."],
  ] },
  { policy: azureBlobNoPublicAccess, type: ACCOUNT, pass: account(), failures: [
    [{ allowBlobPublicAccess: true }, "allowBlobPublicAccess is true: a container could be made anonymous; set false."],
    [{ networkRuleSet: { defaultAction: "Allow" } }, "networkRuleSet.defaultAction is \"Allow\": deny by default and admit the application's egress addresses only."],
    [{ networkRuleSet: { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "0.0.0.0/1" }] } }, "networkRuleSet.ipRules admits 0.0.0.0/1: ranges wider than /8 are the internet, not an egress."],
  ] },
  { policy: azureBlobNoPublicAccess, type: CONTAINER, pass: { containerName: "artifacts", publicAccess: "None" }, failures: [
    [{ publicAccess: "Blob" }, "publicAccess is \"Blob\": containers are private (None)."],
  ] },
  { policy: azureBlobSharedKeyAccess, type: ACCOUNT, pass: account(), failures: [
    [{ tags: {} }, SHARED_KEY_UNTAGGED],
    [{ tags: { "sparki:policy-exception": "azureblob-microsoft-managed-key" } }, SHARED_KEY_UNTAGGED],
    [{ networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [] } },
      "the azureblob-shared-key exception needs a closed firewall: networkRuleSet.bypass is \"AzureServices\": with shared-key access on, no trusted-service bypass (None)."],
    [{ keyPolicy: undefined }, "the azureblob-shared-key exception needs a key expiration policy (keyPolicy.keyExpirationPeriodInDays) so a stale key is flagged."],
  ] },
  { policy: azureBlobEncryption, type: ACCOUNT, pass: account(), failures: [
    [{ tags: {} }, "encryption.keySource is \"Microsoft.Storage\" (Microsoft-managed keys) and the account carries no sparki:policy-exception=azureblob-microsoft-managed-key tag: use a customer-managed key or take the named exception."],
    [{ encryption: { keySource: "Microsoft.Storage" } }, "the azureblob-microsoft-managed-key exception needs encryption.requireInfrastructureEncryption: true (a second encryption layer; it can only be set at creation)."],
  ] },
  { policy: azureBlobZoneRedundant, type: ACCOUNT, pass: account(), failures: [
    [{ sku: { name: "Standard_LRS" } }, "sku.name is \"Standard_LRS\": one zone's outage takes the account down; use Standard_ZRS, Standard_GZRS, Standard_RAGZRS."],
  ] },
  { policy: azureBlobDataProtection, type: SERVICE, pass: service(), failures: [
    [{ isVersioningEnabled: false }, "isVersioningEnabled is not true: an overwritten blob (every Set of a Fiber key) could not be recovered."],
    [{ deleteRetentionPolicy: { enabled: true, days: 3 } }, "deleteRetentionPolicy keeps 3 days: enable it for at least 7 days."],
    [{ containerDeleteRetentionPolicy: undefined }, "containerDeleteRetentionPolicy keeps nothing: enable it for at least 7 days."],
  ] },
  { policy: azureBlobAlertsNotify, type: ALERT, pass: alert(), failures: [
    [{ actions: [] }, "a critical (severity 0) alert rule notifies nobody: name an action group in actions."],
  ] },
  // Engine rules: what Azure Resource Manager refuses.
  { policy: azureBlobAccountName, type: ACCOUNT, pass: account(), failures: [
    [{ accountName: "Sparki-Prod" }, "storage account name \"Sparki-Prod\" must be 3-24 lowercase letters and digits (Azure refuses it with AccountNameInvalid)."],
    [{ accountName: "sparkiazureblobprod1234567" }, "storage account name \"sparkiazureblobprod1234567\" must be 3-24 lowercase letters and digits (Azure refuses it with AccountNameInvalid)."],
  ] },
  { policy: azureBlobNetworkRules, type: ACCOUNT, pass: account(), failures: [
    [{ networkRuleSet: { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "10.86.0.0/16" }] } },
      "IP rule \"10.86.0.0/16\" is a private (RFC 1918) address: the storage firewall takes public addresses only (private clients reach an account through a private endpoint)."],
    [{ networkRuleSet: { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "203.0.113.10/32" }] } },
      "IP rule \"203.0.113.10/32\": the storage firewall refuses /31 and /32 ranges; write the single addresses instead."],
    [{ networkRuleSet: { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "2001:db8::1" }] } },
      "IP rule \"2001:db8::1\" must be an IPv4 address or CIDR range (the storage firewall takes IPv4 only)."],
    // A range that contains a private block is refused as well (172.0.0.0/8 holds 172.16.0.0/12).
    [{ networkRuleSet: { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "172.0.0.0/8" }] } },
      "IP rule \"172.0.0.0/8\" is a private (RFC 1918) address: the storage firewall takes public addresses only (private clients reach an account through a private endpoint)."],
  ] },
  { policy: azureBlobContainerName, type: CONTAINER, pass: { containerName: "fiber-storage", publicAccess: "None" }, failures: [
    [{ containerName: "Fiber" }, "container name \"Fiber\" must be 3-63 lowercase letters, digits and single '-' between them, starting with a letter or digit (Azure refuses it with InvalidResourceName)."],
    [{ containerName: "fiber--storage" }, "container name \"fiber--storage\" must be 3-63 lowercase letters, digits and single '-' between them, starting with a letter or digit (Azure refuses it with InvalidResourceName)."],
    [{ containerName: "ab" }, "container name \"ab\" must be 3-63 lowercase letters, digits and single '-' between them, starting with a letter or digit (Azure refuses it with InvalidResourceName)."],
  ] },
  { policy: azureBlobServiceRetention, type: SERVICE, pass: service(), failures: [
    [{ restorePolicy: { enabled: true, days: 30 } }, "restorePolicy.days must be a whole number of days from 1 to one less than the blob soft delete's 30, got 30."],
    [{ changeFeed: { enabled: false } }, "restorePolicy (point-in-time restore) needs change feed enabled too."],
    [{ deleteRetentionPolicy: { enabled: true, days: 366 } },
      "deleteRetentionPolicy.days must be a whole number of days 1..365, got 366."],
    [{ deleteRetentionPolicy: { enabled: true, days: 30, allowPermanentDelete: true } }, "deleteRetentionPolicy.allowPermanentDelete cannot be true with a restore policy."],
    [{ blobServicesName: "blobs" }, "blobServicesName \"blobs\" must be \"default\"."],
  ] },
  { policy: azureBlobLifecycle, type: LIFECYCLE, pass: { managementPolicyName: "default", policy: { rules: [rule("artifacts"), rule("fiber")] } }, failures: [
    [{ policy: { rules: [rule("build-cache")] } }, "lifecycle rule name \"build-cache\" must be 1-256 letters and digits."],
    [{ policy: { rules: [rule("fiber"), rule("fiber")] } }, "lifecycle rule name \"fiber\" is used twice: names are unique in a policy."],
    [{ policy: { rules: [{ ...rule("fiber"), definition: { filters: { blobTypes: [] }, actions: {} } }] } }, "lifecycle rule \"fiber\" names no blobTypes (required, e.g. blockBlob)."],
  ] },
  { policy: azureBlobMetricAlert, type: ALERT, pass: alert(), failures: [
    [{ windowSize: "PT10M" }, "windowSize \"PT10M\" must be one of PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, PT24H."],
    [{ evaluationFrequency: "PT15M" }, "evaluationFrequency PT15M is longer than windowSize PT5M: Azure Monitor refuses it."],
    [{ severity: 5 }, "severity 5 must be 0..4."],
    [{ location: "westeurope" }, "location \"westeurope\" must be \"global\" for a metric alert rule."],
    // Azure's 400 BadRequest for a window over four hours checked every minute (source in components/azureblob/rules.ts).
    [{ windowSize: "PT6H", evaluationFrequency: "PT1M" }, "evaluationFrequency PT1M with windowSize PT6H: Azure Monitor needs a frequency of at least PT5M when the window is longer than four hours."],
  ] },
  { policy: azureBlobActionGroup, type: GROUP, pass: { groupShortName: "sparki-crit", emailReceivers: [{ name: "email-1", emailAddress: "a@b.c" }] }, failures: [
    [{ groupShortName: "sparki-critical" }, "action group short name \"sparki-critical\" must be 1-12 characters."],
    [{ emailReceivers: [{ name: "r", emailAddress: "a@b.c" }], webhookReceivers: [{ name: "r", serviceUri: "https://x" }] }, "receiver name \"r\" is used twice: names are unique in a group."],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("azureblob-delete-lock", () => {
  const acct: StackInput = { type: ACCOUNT, name: "account", props: { ...account(), id: ACCOUNT_ID } };

  it("passes an account with a CanNotDelete lock scoped to it", async () => {
    expect((await checkStack(azureBlobDeleteLock, [acct, { type: LOCK, name: "lock", props: { level: "CanNotDelete", scope: ACCOUNT_ID } }])).violations).toEqual([]);
    // A scope computed from the account's id (unknown in preview) counts through the dependency.
    expect((await checkStack(azureBlobDeleteLock, [acct, { type: LOCK, name: "lock", props: { level: "CanNotDelete" }, propertyDependencies: { scope: ["account"] } }])).violations).toEqual([]);
  });

  it("reports an account without a lock, and a ReadOnly lock (which blocks listing keys)", async () => {
    expect((await checkStack(azureBlobDeleteLock, [acct])).violations).toEqual([
      "storage account account has no CanNotDelete lock: a console click or a stray destroy deletes every blob with it.",
    ]);
    expect((await checkStack(azureBlobDeleteLock, [acct, { type: LOCK, name: "lock", props: { level: "ReadOnly", scope: ACCOUNT_ID } }])).violations).toEqual([
      "storage account account's lock is \"ReadOnly\": use CanNotDelete (ReadOnly also blocks listing the keys the application needs).",
    ]);
  });
});

describe("named exception azureblob-shared-key (secretsmanager-1-rotation)", () => {
  const secret = (tags?: Record<string, string>): StackInput => ({ type: T.secret, name: "account-key", props: { kmsKeyId: KEY_ARN, ...(tags ? { tags } : {}) } });
  const tagged = secret({ "sparki:policy-exception": "azureblob-shared-key" });
  const PREFIX = "secret account-key has no rotation under the azureblob-shared-key exception, whose compensating control fails:";

  it("lets the tagged secret pass without a rotation while the account takes the exception behind a closed firewall", async () => {
    expect((await checkStack(secretsRotated, [tagged, { type: ACCOUNT, name: "a", props: account() }])).violations).toEqual([]);
  });

  it("reports the exception by name when the account's firewall is open or no account takes it", async () => {
    expect((await checkStack(secretsRotated, [tagged, { type: ACCOUNT, name: "a", props: { ...account(), networkRuleSet: { defaultAction: "Allow" } } }])).violations).toEqual([
      `${PREFIX} networkRuleSet.defaultAction is "Allow": deny by default and admit the application's egress addresses only.`,
    ]);
    expect((await checkStack(secretsRotated, [tagged, { type: ACCOUNT, name: "a", props: { ...account(), tags: {} } }])).violations).toEqual([
      `${PREFIX} no storage account of the stack is tagged sparki:policy-exception=azureblob-shared-key.`,
    ]);
    // The tag alone, in a stack without any Azure storage account, waives nothing.
    expect((await checkStack(secretsRotated, [tagged])).violations).toEqual([
      `${PREFIX} no storage account of the stack is tagged sparki:policy-exception=azureblob-shared-key.`,
    ]);
  });

  it("still reports an untagged secret without rotation", async () => {
    expect((await checkStack(secretsRotated, [secret(), { type: ACCOUNT, name: "a", props: account() }])).violations).toEqual([
      "secret account-key has no rotation: a leaked value would stay valid for good.",
    ]);
  });
});

describe("Azure Blob policies in the pack", () => {
  it("are registered, the engine rules among the engine rules and mandatory in dev; everything mandatory in prod", () => {
    for (const p of [...AZUREBLOB_POLICIES, ...AZUREBLOB_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of AZUREBLOB_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    const dev = reconcilePolicyConfig(readPolicyConfigFile("dev"), "mandatory");
    for (const p of AZUREBLOB_ENGINE_RULES) expect(dev.get(p.name)?.enforcementLevel, p.name).toBe("mandatory");
    const prod = reconcilePolicyConfig(readPolicyConfigFile("prod"), "mandatory");
    for (const p of AZUREBLOB_POLICIES) expect(prod.get(p.name)?.enforcementLevel, p.name).toBe("mandatory");
  });

  it("know the two named exceptions, each with its policy", () => {
    expect(AZUREBLOB_POLICY_EXCEPTIONS.map((e) => `${e.policy}: ${e.name}`)).toEqual([
      "azureblob-shared-key-access: azureblob-shared-key", "azureblob-encryption: azureblob-microsoft-managed-key",
    ]);
    for (const e of AZUREBLOB_POLICY_EXCEPTIONS) expect(POLICIES.some((p) => p.name === e.policy)).toBe(true);
  });

  it("pass the dev account but for zone redundancy, which dev leaves at LRS by design (advisory there)", async () => {
    const dev = { ...account(), sku: { name: "Standard_LRS" } };
    const failing: string[] = [];
    for (const policy of [...AZUREBLOB_POLICIES, ...AZUREBLOB_ENGINE_RULES]) {
      if ("validateResource" in policy && (await checkResource(policy, { type: ACCOUNT, props: dev })).violations.length > 0) failing.push(policy.name);
    }
    expect(failing).toEqual(["azureblob-zone-redundant"]);
  });
});
