import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { STATEFUL_RESOURCE_TYPES } from "../stacks/adapters/registry";
import { isSecretWire, secretValue } from "./secret-wire";
import { capturedRun, childrenOf, ofType, one, type ProgramRun, type RegisteredResource } from "./harness";

/**
 * The Azure Storage account of the Fiber storage/azureblob adapter (components/azureblob; adapter
 * stacks/adapters/azureblob) as examples/azureblob/Pulumi.azureblob-{dev,prod}.yaml register it. Expected values come
 * from the stack files, the tiers (dev: LRS, 7 days of soft delete, no restore, no lock; prod: ZRS, 30 days, 29 days of
 * point-in-time restore, a CanNotDelete lock, protect), the issue's baseline (TLS 1.2, HTTPS only, no public blobs,
 * shared key as a named exception) and the outside figures named beside them; never from the program.
 */

const ACCOUNT = "azure-native:storage:StorageAccount";
const PROVIDER = "pulumi:providers:azure-native";
const CONTAINER = "azure-native:storage:BlobContainer";
const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const LIFECYCLE = "azure-native:storage:ManagementPolicy";
const LOCK = "azure-native:authorization:ManagementLockByScope";
const ALERT = "azure-native:monitor:MetricAlert";
const ACTION_GROUP = "azure-native:monitor:ActionGroup";
const GROUP = "azure-native:resources:ResourceGroup";
const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const COMPONENT = "sparki:azureblob:AzureBlobStore";
const SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";

const EXAMPLES = [
  {
    stack: "azureblob-dev", sku: "Standard_LRS", softDelete: 7, restore: undefined as number | undefined, lock: false, protect: false,
    ips: ["203.0.113.10", "198.51.100.0/28"], criticalEmails: [] as string[], fiberVersionDays: 1,
  },
  {
    stack: "azureblob-prod", sku: "Standard_ZRS", softDelete: 30, restore: 29 as number | undefined, lock: true, protect: true,
    ips: ["203.0.113.10", "203.0.113.11", "203.0.113.12"], criticalEmails: ["platform-oncall@sparki.example"], fiberVersionDays: 7,
  },
] as const;

const runOf = (stack: string) => capturedRun({ stack, stackDir: join(REPO_ROOT, "examples", "azureblob") });
const azureResources = (run: ProgramRun) => run.resources.filter((r) => r.custom && r.type.startsWith("azure-native:"));

// The matrix's object-storage row (S3: 50-200 ms, spec/storage-adapters-integration-matrix.txt) by the derived latency
// rule, PostgreSQL's ratio in the spec's Alerting Thresholds (upper bound 20 ms -> warning 50 ms, critical 100 ms):
// 200 ms x 2.5 = 500 ms warning, x 2 = 1000 ms critical, in SuccessServerLatency's own unit (milliseconds).
const LATENCY_MS = { warning: 500, critical: 1000 };
// Azure Storage SLA: 99.9 % for LRS/ZRS hot accounts, larger credit below 99 % (Availability is in percent).
const AVAILABILITY = { warning: 99.9, critical: 99 };

describe.each(EXAMPLES)("Azure Blob of $stack", (e) => {
  const accountName = (run: ProgramRun) => String(one(run, ACCOUNT).inputs.accountName);

  it("creates one azure-native provider with the subscription and location only, and every Azure resource uses it", async () => {
    const run = await runOf(e.stack);
    const provider = one(run, PROVIDER);
    expect(provider.name).toBe(`sparki-${e.stack}-azureblob-provider`);
    // `version` and `environment` (the public cloud, "public") are the SDK's own defaults; no credential of any kind.
    const settings = Object.keys(provider.inputs).filter((k) => k !== "version" && k !== "environment");
    expect(settings.sort()).toEqual(["location", "subscriptionId"]);
    expect(provider.inputs.environment ?? "public").toBe("public");
    expect(provider.inputs).toMatchObject({ subscriptionId: SUBSCRIPTION, location: "westeurope" });
    const azure = azureResources(run);
    expect(azure.length).toBeGreaterThan(8);
    for (const r of azure) expect(r.provider, `${r.type} ${r.name}`).toMatch(new RegExp(`::sparki-${e.stack}-azureblob-provider::`));
  });

  it("creates a StorageV2 account with TLS 1.2, HTTPS only, no public blobs and a firewall that admits only the named egress", async () => {
    const run = await runOf(e.stack);
    const account = one(run, ACCOUNT);
    expect(account.parent?.type).toBe(COMPONENT);
    expect(account.inputs).toMatchObject({
      kind: "StorageV2", sku: { name: e.sku }, location: "westeurope", resourceGroupName: `sparki-${e.stack}-fiber-storage`,
      minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true, allowBlobPublicAccess: false, allowCrossTenantReplication: false,
    });
    expect(account.inputs.networkRuleSet).toEqual({ defaultAction: "Deny", bypass: "None", ipRules: e.ips.map((v) => ({ iPAddressOrRange: v, action: "Allow" })) });
    // Global names: 3-24 lowercase letters and digits (Azure naming rules).
    expect(accountName(run)).toMatch(/^[a-z0-9]{3,24}$/);
    expect(accountName(run)).toMatch(/^sparkiazureblob/);
  });

  it("keeps shared-key access on only as the named exception, with infrastructure encryption and a key expiration policy", async () => {
    const run = await runOf(e.stack);
    const account = one(run, ACCOUNT);
    expect(account.inputs.allowSharedKeyAccess).toBe(true);
    expect(String((account.inputs.tags as Record<string, string>)["sparki:policy-exception"]).split(",")).toEqual(["azureblob-shared-key", "azureblob-microsoft-managed-key"]);
    expect(account.inputs.encryption).toEqual({ keySource: "Microsoft.Storage", requireInfrastructureEncryption: true, services: { blob: { enabled: true, keyType: "Account" } } });
    expect(account.inputs.keyPolicy).toEqual({ keyExpirationPeriodInDays: 90 });
  });

  it(`turns on versioning and ${e.softDelete} days of blob and container soft delete${e.restore ? `, with ${e.restore} days of point-in-time restore` : ", without restore"}`, async () => {
    const run = await runOf(e.stack);
    const service = one(run, BLOB_SERVICE);
    expect(service.inputs).toMatchObject({
      blobServicesName: "default", isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: e.softDelete, allowPermanentDelete: false },
      containerDeleteRetentionPolicy: { enabled: true, days: e.softDelete },
    });
    if (e.restore === undefined) {
      expect(service.inputs.restorePolicy).toBeUndefined();
      expect(service.inputs.changeFeed).toEqual({ enabled: false });
    } else {
      // Azure: the restore period must be at least a day shorter than blob soft delete, and needs the change feed.
      expect(service.inputs.restorePolicy).toEqual({ enabled: true, days: e.restore });
      expect(service.inputs.changeFeed).toEqual({ enabled: true, retentionInDays: e.softDelete });
    }
  });

  it("creates a private container per data class but the audit archive, plus the Fiber adapter's, protected in prod", async () => {
    const run = await runOf(e.stack);
    const containers = ofType(run, CONTAINER);
    expect(containers.map((c) => c.inputs.containerName).sort()).toEqual(["artifacts", "build-cache", "config-backups", "deployment-logs", "fiber-storage", "test-reports"]);
    for (const c of containers) {
      expect(c.inputs.publicAccess).toBe("None");
      expect(c.inputs.accountName).toBe(accountName(run));
      expect(c.options.protect).toBe(e.protect);
    }
    expect(one(run, ACCOUNT).options.protect).toBe(e.protect);
    expect(one(run, GROUP).options.protect).toBe(e.protect);
    for (const type of [GROUP, ACCOUNT, CONTAINER, SECRET]) expect(STATEFUL_RESOURCE_TYPES.has(type), type).toBe(true);
  });

  it("deletes previous versions by lifecycle rule per container, and expires data classes as their S3 buckets do", async () => {
    const run = await runOf(e.stack);
    type Rule = { name: string; definition: { filters: { prefixMatch: string[]; blobTypes: string[] }; actions: Record<string, { delete: Record<string, number> }> } };
    const rules = (one(run, LIFECYCLE).inputs.policy as { rules: Rule[] }).rules;
    const byName = Object.fromEntries(rules.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(["artifacts", "buildCache", "configBackups", "deploymentLogs", "fiber", "testReports"]);
    expect(byName.fiber.definition.filters).toEqual({ blobTypes: ["blockBlob"], prefixMatch: ["fiber-storage/"] });
    // The adapter ignores expiry: its container never expires current blobs, only the versions every Set leaves behind.
    expect(byName.fiber.definition.actions.baseBlob).toBeUndefined();
    expect(byName.fiber.definition.actions.version.delete).toEqual({ daysAfterCreationGreaterThan: e.fiberVersionDays });
    // The same expiry as the stack's S3 bucket of the class (its lifecycle configuration in this very run).
    const s3Rules = ofType(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")
      .find((r) => String(r.name).includes("build-cache"))?.inputs.rules as { expiration?: { days?: number } }[] | undefined;
    const s3Days = s3Rules?.find((r) => r.expiration?.days !== undefined)?.expiration?.days;
    expect(s3Days).toBeDefined();
    expect(byName.buildCache.definition.actions.baseBlob.delete).toEqual({ daysAfterModificationGreaterThan: s3Days });
  });

  it(e.lock ? "locks the account against deletion (CanNotDelete)" : "puts no delete lock on the dev account", async () => {
    const run = await runOf(e.stack);
    const locks = ofType(run, LOCK);
    if (!e.lock) {
      expect(locks).toEqual([]);
      return;
    }
    expect(locks).toHaveLength(1);
    expect(locks[0].inputs.level).toBe("CanNotDelete");
    expect(String(locks[0].inputs.scope)).toMatch(/\/providers\/Microsoft\.Storage\/storageAccounts\/sparkiazureblob/);
  });

  it("alerts in Azure Monitor on availability below the SLA and average server latency above the matrix's derived object-storage levels", async () => {
    const run = await runOf(e.stack);
    const alerts = ofType(run, ALERT);
    expect(alerts).toHaveLength(4);
    const criterion = (a: RegisteredResource) => (a.inputs.criteria as { allOf: Record<string, unknown>[] }).allOf[0];
    for (const severity of ["warning", "critical"] as const) {
      const ofSeverity = alerts.filter((a) => String(a.inputs.ruleName).endsWith(`-${severity}`));
      const availability = ofSeverity.find((a) => criterion(a).metricName === "Availability");
      const latency = ofSeverity.find((a) => criterion(a).metricName === "SuccessServerLatency");
      expect(criterion(availability!)).toMatchObject({ operator: "LessThan", threshold: AVAILABILITY[severity], timeAggregation: "Average", metricNamespace: "Microsoft.Storage/storageAccounts" });
      expect(criterion(latency!)).toMatchObject({ operator: "GreaterThan", threshold: LATENCY_MS[severity], timeAggregation: "Average" });
      // The stack's default evaluation: warning 3 x 300 s -> a 15-minute window every 5 minutes; critical 5 x 60 s -> 5 minutes every minute.
      const window = severity === "warning" ? { windowSize: "PT15M", evaluationFrequency: "PT5M", severity: 2 } : { windowSize: "PT5M", evaluationFrequency: "PT1M", severity: 0 };
      for (const a of [availability!, latency!]) {
        expect(a.inputs).toMatchObject({ ...window, location: "global", enabled: true, scopes: [expect.stringMatching(/storageAccounts\/sparkiazureblob/)] });
      }
    }
  });

  it("notifies the stack's alert subscribers through action groups, only where the stack has subscribers", async () => {
    const run = await runOf(e.stack);
    const groups = ofType(run, ACTION_GROUP);
    const critical = ofType(run, ALERT).filter((a) => String(a.inputs.ruleName).endsWith("-critical"));
    const warning = ofType(run, ALERT).filter((a) => String(a.inputs.ruleName).endsWith("-warning"));
    for (const a of warning) expect(a.inputs.actions).toEqual([]);
    if (e.criticalEmails.length === 0) {
      expect(groups).toEqual([]);
      for (const a of critical) expect(a.inputs.actions).toEqual([]);
      return;
    }
    expect(groups).toHaveLength(1);
    expect(groups[0].inputs).toMatchObject({ groupShortName: "sparki-crit", enabled: true, emailReceivers: e.criticalEmails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress, useCommonAlertSchema: true })) });
    for (const a of critical) {
      const actions = a.inputs.actions as { actionGroupId: string }[];
      expect(actions).toHaveLength(1);
      expect(actions[0].actionGroupId).toMatch(/actionGroups\//);
    }
  });

  it("stores the account key only in a Secrets Manager secret on the stack's KMS key and outputs its ARN, never the key", async () => {
    const run = await runOf(e.stack);
    const component = one(run, COMPONENT);
    const secret = childrenOf(run, component).find((r) => r.type === SECRET)!;
    expect(secret.inputs.kmsKeyId).toBe(run.outputs.kmsKeyArn);
    expect(secret.options.protect).toBe(e.protect);
    const version = childrenOf(run, component).find((r) => r.type === SECRET_VERSION)!;
    expect(isSecretWire(version.inputs.secretString)).toBe(true);
    const value = JSON.parse(String(secretValue(version.inputs.secretString))) as Record<string, string>;
    expect(value).toMatchObject({ account: accountName(run), container: "fiber-storage", endpoint: `https://${accountName(run)}.blob.core.windows.net/` });
    // An account key: 64 bytes in base64 (88 characters).
    expect(value.key).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    const out = run.outputs.azureblob as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/azureblob"], accountName: accountName(run), container: "fiber-storage", authentication: "shared-key", activeKey: "key1",
      expiry: "ignored", endpoint: `https://${accountName(run)}.blob.core.windows.net/`, subscriptionId: SUBSCRIPTION, location: "westeurope",
    });
    expect(String(out.secretArn)).toMatch(/^arn:aws:secretsmanager:eu-west-1:555555555555:/);
    expect(JSON.stringify(run.outputs)).not.toContain(value.key);
  });
});
