import { describe, expect, it } from "vitest";
import { azureEvaluation, plannedAlerts } from "../components/azureblob/alert-plan";
import { ipRuleProblem } from "../components/azureblob/rules";
import { stackConfig } from "../scripts/offline/stack-files";
import { azureblobAdapter } from "../stacks/adapters/azureblob";
import { defaultAccountName } from "../stacks/adapters/azureblob/settings";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { type RdsExample, refused, sectionOf, stackDirOf } from "./rds-example";

/**
 * Bad `sparki-storage:azureblob` sections on top of the example stacks that turn the account on (examples/azureblob):
 * each is refused before anything is registered, with one line naming the key, the value and what is allowed.
 */

const KEY = "sparki-storage:azureblob";
// test/rds-example.ts's helpers run any example folder; its type names only the RDS ones.
const DEV = { folder: "azureblob", stack: "azureblob-dev", profile: "dev" } as unknown as RdsExample;
const PROD = { folder: "azureblob", stack: "azureblob-prod", profile: "prod" } as unknown as RdsExample;
const DEV_SECTION = sectionOf(DEV, KEY);
const PROD_SECTION = sectionOf(PROD, KEY);
const sectionFor = (ex: RdsExample) => (ex === DEV ? DEV_SECTION : PROD_SECTION);

const ALLOWED = "(allowed: enabled, subscriptionId, location, existingResourceGroupName, accountName, skuName, allowedIpRanges, dataClasses, fiberContainer, fiberVersionRetentionDays, blobSoftDeleteDays, containerSoftDeleteDays, pointInTimeRestoreDays, keyExpirationDays, activeKey)";
const CONTAINER = "must be 3-63 lowercase letters, digits and single '-' between them, starting with a letter or digit (Azure refuses it with InvalidResourceName)";

describe("azureblob config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, RdsExample, Record<string, unknown>, string]>([
    ["no subscription", DEV, { subscriptionId: undefined }, "subscriptionId is required when azureblob is enabled: the Azure subscription (GUID) of the storage account; it is not a secret, got nothing"],
    ["an uppercase subscription GUID", DEV, { subscriptionId: "11111111-2222-3333-4444-55555555555A" }, 'subscriptionId must be an Azure subscription ID (a lowercase GUID), got "11111111-2222-3333-4444-55555555555A"'],
    ["no location", PROD, { location: undefined }, "location is required when azureblob is enabled: the Azure region of the storage account, e.g. westeurope, got nothing"],
    ["a display-name location", DEV, { location: "West Europe" }, 'location must be an Azure region name such as westeurope (lowercase letters and digits), got "West Europe"'],
    ["an account name with capitals", DEV, { accountName: "SparkiDev" }, 'accountName must be 3-24 lowercase letters and digits (Azure storage account naming rules), got "SparkiDev"'],
    ["a 25-character account name", DEV, { accountName: "a".repeat(25) }, `accountName must be 3-24 lowercase letters and digits (Azure storage account naming rules), got "${"a".repeat(25)}"`],
    ["a Premium SKU", DEV, { skuName: "Premium_LRS" }, 'skuName must be one of "Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS", "Standard_RAGZRS", got "Premium_LRS"'],
    ["LRS in prod", PROD, { skuName: "Standard_LRS" },
      'skuName must be zone-redundant (Standard_ZRS, Standard_GZRS, Standard_RAGZRS) for profile "prod": an LRS or GRS account is lost with its one zone until Microsoft fails it over, got "Standard_LRS"'],
    ["no egress addresses", DEV, { allowedIpRanges: [] },
      "allowedIpRanges must name at least one public IPv4 address or range (the application's egress): the account denies every other network, got []"],
    ["the VPC's own private range", DEV, { allowedIpRanges: ["10.86.0.0/16"] },
      'allowedIpRanges IP rule "10.86.0.0/16" is a private (RFC 1918) address: the storage firewall takes public addresses only (private clients reach an account through a private endpoint), got ["10.86.0.0/16"]'],
    ["a /32 range", PROD, { allowedIpRanges: ["203.0.113.10/32"] },
      'allowedIpRanges IP rule "203.0.113.10/32": the storage firewall refuses /31 and /32 ranges; write the single addresses instead, got ["203.0.113.10/32"]'],
    ["an IPv6 address", DEV, { allowedIpRanges: ["2001:db8::1"] },
      'allowedIpRanges IP rule "2001:db8::1" must be an IPv4 address or CIDR range (the storage firewall takes IPv4 only), got ["2001:db8::1"]'],
    ["the audit archive as a container", DEV, { dataClasses: ["auditArchive"] },
      'dataClasses.0 must be one of "artifacts", "deploymentLogs", "testReports", "configBackups", "buildCache", got "auditArchive"'],
    ["a data class twice", DEV, { dataClasses: ["artifacts", "artifacts"] }, 'dataClasses must not name a data class twice ("artifacts"): each gets one container, got ["artifacts","artifacts"]'],
    ["a Fiber container with capitals", DEV, { fiberContainer: "Fiber" }, `fiberContainer container name "Fiber" ${CONTAINER}, got "Fiber"`],
    ["a Fiber container named like a data class's", DEV, { fiberContainer: "artifacts" },
      'fiberContainer must not be a data-class container\'s name: container "artifacts" twice: each data class and the Fiber adapter need their own container, got "artifacts"'],
    ["a year and a day of soft delete", DEV, { blobSoftDeleteDays: 366 }, "blobSoftDeleteDays must be an integer 1..365, got 366"],
    ["a week of soft delete in prod", PROD, { blobSoftDeleteDays: 7, pointInTimeRestoreDays: 6 },
      'blobSoftDeleteDays must be at least 30 (days) for profile "prod" (a deletion noticed weeks later must still be recoverable), got 7'],
    ["a week of container soft delete in prod", PROD, { containerSoftDeleteDays: 7 },
      'containerSoftDeleteDays must be at least 30 (days) for profile "prod" (a deletion noticed weeks later must still be recoverable), got 7'],
    ["restore as long as soft delete", DEV, { blobSoftDeleteDays: 10, pointInTimeRestoreDays: 10 },
      "pointInTimeRestoreDays must be a whole number of days from 1 to one less than blobSoftDeleteDays (10): Azure keeps restorable data only while soft delete does, got 10"],
    ["no restore in prod", PROD, { pointInTimeRestoreDays: null },
      'pointInTimeRestoreDays must be set for profile "prod": point-in-time restore is prod\'s answer to a Reset() or a bad bulk write, got null'],
    ["a key expiration over a year", DEV, { keyExpirationDays: 400 }, "keyExpirationDays must be an integer 1..365, got 400"],
    ["a third key", DEV, { activeKey: "key3" }, 'activeKey must be one of "key1", "key2", got "key3"'],
    ["a credential in the section", DEV, { accountKey: "abc" }, `accountKey is not a known key ${ALLOWED}`],
    ["a misspelt key", PROD, { allowedIPRanges: ["203.0.113.10"] }, `allowedIPRanges is not a known key (did you mean "allowedIpRanges"?) ${ALLOWED}`],
  ])("%s", async (_case, ex, change, expected) => {
    const { problems, registered } = await refused(ex, KEY, { ...sectionFor(ex), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });
});

describe("Azure Blob turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Record<string, unknown>) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));

  it("is off in the root dev and prod stacks (opt-in), so its rules do not run there", () => {
    expect(load("dev", undefined, {})).not.toThrow();
    expect(load("prod", undefined, { skuName: "Standard_LRS" })).not.toThrow();
    expect(load("prod", undefined, { enabled: true })).toThrow(ConfigError);
  });

  it("is not checked by the rules when disabled, but still has its keys validated by the schema", () => {
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, skuName: "Standard_LRS", enabled: false })).not.toThrow();
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, enabled: false, accountName: "X" })).toThrow(`${KEY}.accountName`);
  });
});

describe("azureblob settings: config over the tier over the component's defaults", () => {
  const settingsOf = (ex: RdsExample, section?: Record<string, unknown>) =>
    adapterSettings(azureblobAdapter, loadConfig(ex.stack, stackConfig(ex.stack, section === undefined ? {} : { [KEY]: section }, stackDirOf(ex))));

  it("takes redundancy, soft delete, restore and the lock from the tier", () => {
    expect(settingsOf(DEV)).toMatchObject({ skuName: "Standard_LRS", blobSoftDeleteDays: 7, containerSoftDeleteDays: 7, deleteLock: false, activeKey: "key1" });
    expect(settingsOf(DEV).pointInTimeRestoreDays).toBeUndefined();
    expect(settingsOf(PROD)).toMatchObject({ skuName: "Standard_ZRS", blobSoftDeleteDays: 30, containerSoftDeleteDays: 30, pointInTimeRestoreDays: 29, deleteLock: true });
  });

  it("creates the resource group unless config names an existing one", () => {
    expect(settingsOf(DEV)).toMatchObject({ resourceGroupName: "sparki-azureblob-dev-fiber-storage", createResourceGroup: true });
    expect(settingsOf(DEV, { ...DEV_SECTION, existingResourceGroupName: "platform-storage" })).toMatchObject({ resourceGroupName: "platform-storage", createResourceGroup: false });
  });

  it("names the account within Azure's 24 characters, apart per subscription", () => {
    const name = defaultAccountName("a-very-long-stack-name-prod", "11111111-2222-3333-4444-555555555555");
    expect(name).toMatch(/^sparkiaverylongsta[0-9a-f]{6}$/);
    expect(name.length).toBeLessThanOrEqual(24);
    expect(defaultAccountName("prod", "11111111-2222-3333-4444-555555555555")).not.toBe(defaultAccountName("prod", "99999999-2222-3333-4444-555555555555"));
  });
});

describe("the storage firewall's IP rules (Azure Storage firewall limitations)", () => {
  it.each(["203.0.113.10", "198.51.100.0/28", "172.32.0.0/16", "11.0.0.0/8"])("accepts the public %s", (rule) => {
    expect(ipRuleProblem(rule)).toBeUndefined();
  });
  it.each(["192.168.1.1", "172.16.5.0/24", "10.0.0.0/8", "8.0.0.0/4", "203.0.113.10/31", "300.1.1.1", "1.2.3.4/33"])("refuses %s", (rule) => {
    expect(ipRuleProblem(rule)).toBeDefined();
  });
});

describe("Azure Monitor evaluation from the stack's alarm evaluation", () => {
  it.each<[number, number, string, string]>([
    [300, 3, "PT15M", "PT5M"],
    [60, 5, "PT5M", "PT1M"],
    [10, 3, "PT1M", "PT1M"],
    [3600, 24, "PT24H", "PT1H"],
    [120, 5, "PT15M", "PT1M"],
    // Over four hours Azure refuses a 1-minute frequency ("Evaluation frequency must be greater than or equal to five
    // minutes since the period is greater than four hours"): PT5M, the shortest it takes.
    [60, 100, "PT6H", "PT5M"],
    [60, 1440, "PT24H", "PT5M"],
  ])("%d s x %d -> window %s every %s (Azure's allowed values, frequency never above the window)", (periodSeconds, evaluationPeriods, windowSize, evaluationFrequency) => {
    expect(azureEvaluation({ periodSeconds, evaluationPeriods })).toEqual({ windowSize, evaluationFrequency });
  });

  it("plans availability and server-latency alerts per severity with their sources", () => {
    const plan = plannedAlerts({ warning: { periodSeconds: 300, evaluationPeriods: 3 }, critical: { periodSeconds: 60, evaluationPeriods: 5 } });
    expect(plan.map((a) => `${a.severity} ${a.metricName} ${a.source}`)).toEqual([
      "warning Availability platform:azureBlobAvailabilityPercent", "warning SuccessServerLatency derived:azureblobLatencyP95",
      "critical Availability platform:azureBlobAvailabilityPercent", "critical SuccessServerLatency derived:azureblobLatencyP95",
    ]);
  });
});
