import * as authorization from "@pulumi/azure-native/authorization";
import * as monitor from "@pulumi/azure-native/monitor";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Severity } from "../alerting/topics";
import { ACCOUNT_METRIC_NAMESPACE, AZURE_SEVERITY, plannedAlerts } from "./alert-plan";
import { azureBlobProblems, type AzureBlobStoreArgs, type ContainerSpec, resolveAzureBlobStoreArgs } from "./args";
import { AZUREBLOB_PLATFORM_KEY_EXCEPTION, AZUREBLOB_SHARED_KEY_EXCEPTION, POLICY_EXCEPTION_TAG } from "./exception";
import { blobEndpointOf, FIBER_AZUREBLOB } from "./fiber";

export * from "./args";
export * from "./alert-plan";
export * from "./exception";
export { blobEndpointOf, FIBER_AZUREBLOB } from "./fiber";

/** Which account key the secret carries: rotation switches to the other key, then regenerates the one no longer used (README, Azure Blob). */
export type ActiveKey = "key1" | "key2";

/** What the application's Fiber `storage/azureblob` adapter needs (stack output `azureblob`): never the key itself. */
export interface AzureBlobOutputs {
  readonly fiberPackages: readonly string[];
  /** `Config.Account` and `Config.Credentials.Account`. */
  readonly accountName: string;
  /** `Config.Endpoint`: `https://<account>.blob.core.windows.net/` (the adapter's own default is the same host). */
  readonly endpoint: pulumi.Output<string>;
  /** `Config.Container`: the Fiber adapter's own private container. */
  readonly container: string;
  /** Every private container by data class key (and `fiber`). */
  readonly containers: Readonly<Record<string, string>>;
  /**
   * AWS Secrets Manager secret (stack KMS key) with JSON `{ account, key, container, endpoint }`: `key` is
   * `Config.Credentials.Key`. Read it at start; it changes when activeKey switches.
   */
  readonly secretArn: pulumi.Output<string>;
  /** IAM managed policy that reads exactly that secret: attach it to the application's role. */
  readonly readSecretPolicyArn: pulumi.Output<string>;
  /** `shared-key`: the adapter's only authentication (named exception azureblob-shared-key). */
  readonly authentication: "shared-key";
  /** Which account key the secret holds. */
  readonly activeKey: ActiveKey;
  /** `ignored`: Set ignores its expiry; blobs stay until deleted (or a data-class lifecycle rule deletes them). */
  readonly expiry: "ignored";
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly skuName: string;
  readonly blobSoftDeleteDays: number;
  readonly containerSoftDeleteDays: number;
  readonly pointInTimeRestoreDays?: number;
}

const azureTags = (environment: string): Record<string, string> => ({ "sparki-environment": environment, "sparki-fiber-adapter": FIBER_AZUREBLOB.fiberPackage });

/** One lifecycle rule per container: current blobs after expirationDays (when set), previous versions after noncurrentExpirationDays. */
function lifecycleRule(c: ContainerSpec) {
  return {
    name: c.key,
    enabled: true,
    type: "Lifecycle" as const,
    definition: {
      filters: { blobTypes: ["blockBlob"], prefixMatch: [`${c.name}/`] },
      actions: {
        ...(c.expirationDays !== undefined ? { baseBlob: { delete: { daysAfterModificationGreaterThan: c.expirationDays } } } : {}),
        version: { delete: { daysAfterCreationGreaterThan: c.noncurrentExpirationDays } },
      },
    },
  };
}

/**
 * An Azure Storage account (StorageV2) for the Fiber `storage/azureblob` adapter and the object store's data classes:
 * TLS 1.2 minimum, HTTPS only, no public blobs, a firewall that admits only the application's egress addresses,
 * versioning with blob and container soft delete (and point-in-time restore where set), infrastructure encryption,
 * a private container per data class plus the adapter's, a lifecycle policy, a CanNotDelete lock, Azure Monitor
 * alerts on availability and server latency, and the account key in an AWS Secrets Manager secret on the stack's key.
 * Every Azure resource uses the explicit provider it is given; the AWS ones inherit the stack's through `parent`.
 */
export class AzureBlobStore extends pulumi.ComponentResource {
  readonly outputs: AzureBlobOutputs;
  readonly account: storage.StorageAccount;

  constructor(name: string, args: AzureBlobStoreArgs & { readonly activeKey?: ActiveKey }, opts?: pulumi.ComponentResourceOptions) {
    super("sparki:azureblob:AzureBlobStore", name, {}, opts);
    const a = resolveAzureBlobStoreArgs(args);
    const problems = azureBlobProblems(a);
    if (problems.length > 0) {
      const valueOf = (field: string) => JSON.stringify((a as unknown as Record<string, unknown>)[field.split(".")[0]]);
      throw new Error(`AzureBlobStore ${name}: ${problems.map(([field, message]) => `${field} ${message}, got ${valueOf(field)}`).join("; ")}`);
    }
    const activeKey: ActiveKey = args.activeKey ?? "key1";
    const azure = { parent: this, provider: a.azureProvider };
    const stateful = { ...azure, protect: a.protect };
    const tags = azureTags(a.environment);

    const group = a.createResourceGroup
      ? new resources.ResourceGroup(`${name}-group`, { resourceGroupName: a.resourceGroupName, location: a.location, tags }, stateful)
      : undefined;
    const resourceGroupName = group ? group.name : pulumi.output(a.resourceGroupName);

    this.account = new storage.StorageAccount(`${name}-account`, {
      accountName: a.accountName,
      resourceGroupName,
      location: a.location,
      kind: "StorageV2",
      sku: { name: a.skuName },
      accessTier: "Hot",
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      // Named exception azureblob-shared-key: the Fiber adapter signs every request with the account key.
      allowSharedKeyAccess: true,
      defaultToOAuthAuthentication: true,
      allowCrossTenantReplication: false,
      publicNetworkAccess: "Enabled",
      networkRuleSet: {
        defaultAction: "Deny",
        bypass: "None",
        ipRules: a.allowedIpRanges.map((value) => ({ iPAddressOrRange: value, action: "Allow" })),
      },
      // Named exception azureblob-microsoft-managed-key: Microsoft-managed keys plus infrastructure (double) encryption.
      encryption: {
        keySource: "Microsoft.Storage",
        requireInfrastructureEncryption: true,
        services: { blob: { enabled: true, keyType: "Account" } },
      },
      keyPolicy: { keyExpirationPeriodInDays: a.keyExpirationDays },
      tags: { ...tags, [POLICY_EXCEPTION_TAG]: `${AZUREBLOB_SHARED_KEY_EXCEPTION},${AZUREBLOB_PLATFORM_KEY_EXCEPTION}` },
    }, stateful);

    const accountName = this.account.name;
    const restore = a.pointInTimeRestoreDays;
    const blobService = new storage.BlobServiceProperties(`${name}-blob-service`, {
      accountName, resourceGroupName, blobServicesName: "default",
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: a.blobSoftDeleteDays, allowPermanentDelete: false },
      containerDeleteRetentionPolicy: { enabled: true, days: a.containerSoftDeleteDays },
      // The change feed is what point-in-time restore replays; without restore it would only cost storage.
      changeFeed: restore !== undefined ? { enabled: true, retentionInDays: a.blobSoftDeleteDays } : { enabled: false },
      ...(restore !== undefined ? { restorePolicy: { enabled: true, days: restore } } : {}),
    }, azure);

    const containers = a.containers.map((c) => new storage.BlobContainer(`${name}-${c.key}`, {
      accountName, resourceGroupName, containerName: c.name, publicAccess: "None",
      metadata: { sparkidataclass: c.key },
    }, { ...stateful, dependsOn: [blobService] }));

    new storage.ManagementPolicy(`${name}-lifecycle`, {
      accountName, resourceGroupName, managementPolicyName: "default",
      policy: { rules: a.containers.map(lifecycleRule) },
    }, { ...azure, dependsOn: containers });

    if (a.deleteLock) {
      new authorization.ManagementLockByScope(`${name}-lock`, {
        scope: this.account.id, level: "CanNotDelete", lockName: `${a.accountName}-do-not-delete`,
        notes: "Sparki: the Fiber storage account; remove the lock (and Pulumi protect) on purpose before deleting it.",
      }, azure);
    }

    const actionGroups = this.actionGroups(name, a.receivers, resourceGroupName, tags, azure);
    for (const alert of plannedAlerts(a.evaluation)) {
      const group = actionGroups[alert.severity];
      const ruleName = `${a.environment}-azureblob-${alert.subject}-${alert.severity}`;
      new monitor.MetricAlert(`${name}-${alert.subject}-${alert.severity}`, {
        ruleName, resourceGroupName, location: "global",
        description: alert.description,
        severity: AZURE_SEVERITY[alert.severity],
        enabled: true,
        scopes: [this.account.id],
        windowSize: alert.windowSize,
        evaluationFrequency: alert.evaluationFrequency,
        autoMitigate: true,
        criteria: {
          odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
          allOf: [{
            criterionType: "StaticThresholdCriterion", name: alert.subject, metricName: alert.metricName,
            metricNamespace: ACCOUNT_METRIC_NAMESPACE, operator: alert.operator, threshold: alert.threshold, timeAggregation: alert.timeAggregation,
          }],
        },
        actions: group ? [{ actionGroupId: group.id }] : [],
        tags: { ...tags, "sparki-threshold-source": alert.source },
      }, azure);
    }

    const keys = storage.listStorageAccountKeysOutput({ resourceGroupName, accountName }, { parent: this, provider: a.azureProvider });
    const keyValue = keys.keys.apply((list) => {
      const found = list.find((k) => k.keyName === activeKey);
      if (!found) throw new Error(`AzureBlobStore ${name}: the account returned no ${activeKey}`);
      return found.value;
    });
    const endpoint = this.account.primaryEndpoints.apply((e) => e.blob);

    const secret = new aws.secretsmanager.Secret(`${name}-account-key`, {
      description: `Azure storage account ${a.accountName}: ${activeKey} for the Fiber storage/azureblob adapter (shared key; named exception ${AZUREBLOB_SHARED_KEY_EXCEPTION})`,
      kmsKeyId: a.kmsKeyArn,
      recoveryWindowInDays: a.secretRecoveryWindowDays,
      tags: { [POLICY_EXCEPTION_TAG]: AZUREBLOB_SHARED_KEY_EXCEPTION },
    }, { parent: this, protect: a.protect });
    new aws.secretsmanager.SecretVersion(`${name}-account-key`, {
      secretId: secret.id,
      secretString: pulumi.secret(pulumi.jsonStringify({ account: a.accountName, key: keyValue, container: a.fiberContainer, endpoint })),
    }, { parent: this });

    const readSecret = new aws.iam.Policy(`${name}-read-secret`, {
      name: `${name}-read-secret`,
      description: `Read the Azure storage account key secret of ${a.accountName} (Fiber storage/azureblob)`,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secret.arn },
          {
            Sid: "DecryptSecret", Effect: "Allow", Action: "kms:Decrypt", Resource: a.kmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${a.awsRegion}.amazonaws.com` } },
          },
        ],
      }),
    }, { parent: this });

    const fiber = a.containers.find((c) => c.name === a.fiberContainer);
    this.outputs = {
      fiberPackages: [FIBER_AZUREBLOB.fiberPackage],
      accountName: a.accountName,
      endpoint: endpoint.apply((e) => e || blobEndpointOf(a.accountName)),
      container: fiber?.name ?? a.fiberContainer,
      containers: Object.fromEntries(a.containers.map((c) => [c.key, c.name])),
      secretArn: secret.arn,
      readSecretPolicyArn: readSecret.arn,
      authentication: "shared-key",
      activeKey,
      expiry: "ignored",
      subscriptionId: a.subscriptionId,
      resourceGroupName: a.resourceGroupName,
      location: a.location,
      skuName: a.skuName,
      blobSoftDeleteDays: a.blobSoftDeleteDays,
      containerSoftDeleteDays: a.containerSoftDeleteDays,
      ...(restore !== undefined ? { pointInTimeRestoreDays: restore } : {}),
    };
    this.registerOutputs({ outputs: this.outputs });
  }

  /** One action group per severity that has receivers: the stack's alert e-mails and (secret) webhooks. */
  private actionGroups(name: string, receivers: AzureBlobStoreArgs["receivers"], resourceGroupName: pulumi.Input<string>, tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions): Partial<Record<Severity, monitor.ActionGroup>> {
    const groups: Partial<Record<Severity, monitor.ActionGroup>> = {};
    for (const severity of ["warning", "critical"] as const) {
      const emails = receivers[severity].emails ?? [];
      const hooks = receivers[severity].httpsEndpoints ?? [];
      if (emails.length + hooks.length === 0) continue;
      groups[severity] = new monitor.ActionGroup(`${name}-${severity}`, {
        resourceGroupName, location: "Global", enabled: true,
        groupShortName: severity === "critical" ? "sparki-crit" : "sparki-warn",
        emailReceivers: emails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress, useCommonAlertSchema: true })),
        webhookReceivers: hooks.map((url, i) => ({ name: `webhook-${i + 1}`, serviceUri: pulumi.secret(url), useCommonAlertSchema: true })),
        tags,
      }, opts);
    }
    return groups;
  }
}
