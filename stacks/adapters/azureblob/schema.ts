import { z } from "zod";
import { DATA_CLASS_KEYS } from "../../../components/object-store/data-classes";
import { ACCOUNT_NAME, DELETE_RETENTION_DAYS, LOCATION, STANDARD_SKUS, SUBSCRIPTION_ID } from "../../../components/azureblob/rules";
import { KEY_EXPIRATION_DAYS } from "../../../components/azureblob/args";
import { documented } from "../../config/docs";
import { flag, intRange, list, matching, oneOf, section } from "../../config/rules";

/** Data classes that may get an Azure container: all but the audit archive, whose WORM retention lives in S3 Object Lock. */
export const AZURE_DATA_CLASSES = DATA_CLASS_KEYS.filter((k) => k !== "auditArchive");

/** `sparki-storage:azureblob`: the Azure Storage account of the Fiber `storage/azureblob` adapter. Absent fields take the profile's value. */
export const azureBlobSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Create the Azure Storage account at all (off in dev and prod; examples/azureblob turns it on). Loads @pulumi/azure-native only then." }),
  subscriptionId: documented(matching(SUBSCRIPTION_ID, "an Azure subscription ID (a lowercase GUID)").optional(), {
    type: "GUID", default: "— (required when enabled)",
    description: "Azure subscription of every Azure resource (not a secret). Credentials never go in config: the provider reads ARM_USE_OIDC/ARM_CLIENT_ID/ARM_TENANT_ID from the CI's azure/login step.",
  }),
  location: documented(matching(LOCATION, "an Azure region name such as westeurope (lowercase letters and digits)").optional(), {
    type: "Azure region", default: "— (required when enabled)",
    description: "Azure region of the account, its resource group and alerts; prod's ZRS needs a region with availability zones.",
  }),
  existingResourceGroupName: documented(z.string({ error: "must be a resource group name" }).optional(), {
    type: "resource group name", default: "— (the stack creates `sparki-<stack>-fiber-storage`)",
    description: "Place the account in this existing resource group instead of creating one.",
  }),
  accountName: documented(matching(ACCOUNT_NAME, "3-24 lowercase letters and digits (Azure storage account naming rules)").optional(), {
    type: "3-24 lowercase letters and digits", default: "`sparki<stack letters>` + 6 hex digits of the subscription and stack",
    description: "Storage account name, globally unique (it is the blob endpoint's host name): the adapter's `Config.Account`.",
  }),
  skuName: documented(oneOf(STANDARD_SKUS).optional(), {
    type: STANDARD_SKUS.map((s) => `\`${s}\``).join(" | "),
    description: "Redundancy; prod refuses SKUs that are not zone-redundant (ZRS, GZRS, RA-GZRS).",
  }),
  allowedIpRanges: documented(list(z.string({ error: "must be an IPv4 address or CIDR range" }), 400).optional(), {
    type: "list of public IPv4 addresses or CIDR ranges (no /31, /32)", default: "— (required when enabled)",
    description: "The application's public egress addresses (the EKS cluster's NAT gateway IPs): the account firewall denies every other network.",
  }),
  dataClasses: documented(list(oneOf(AZURE_DATA_CLASSES as unknown as [string, ...string[]])).optional(), {
    type: AZURE_DATA_CLASSES.map((k) => `\`${k}\``).join(", "), default: "all five",
    description: "Object-store data classes that get a private container (expiry and version retention from the objectStore section); the audit archive stays in S3 (Object Lock).",
  }),
  fiberContainer: documented(z.string({ error: "must be a container name" }).optional(), {
    type: "container name", default: "`fiber-storage`",
    description: "The Fiber adapter's own private container (`Config.Container`).",
  }),
  fiberVersionRetentionDays: documented(intRange(1, 365).optional(), {
    type: "integer days 1..365", default: "dev 1, prod 7",
    description: "Days previous versions in the Fiber container are kept (every Set of an existing key makes one).",
  }),
  blobSoftDeleteDays: documented(intRange(DELETE_RETENTION_DAYS.min, DELETE_RETENTION_DAYS.max).optional(), {
    type: `integer days ${DELETE_RETENTION_DAYS.min}..${DELETE_RETENTION_DAYS.max}`,
    description: "Days a deleted or overwritten blob stays recoverable; prod refuses fewer than 30.",
  }),
  containerSoftDeleteDays: documented(intRange(DELETE_RETENTION_DAYS.min, DELETE_RETENTION_DAYS.max).optional(), {
    type: `integer days ${DELETE_RETENTION_DAYS.min}..${DELETE_RETENTION_DAYS.max}`,
    description: "Days a deleted container stays recoverable; prod refuses fewer than 30.",
  }),
  pointInTimeRestoreDays: documented(intRange(1, DELETE_RETENTION_DAYS.max - 1).nullable().optional(), {
    type: `integer days 1..${DELETE_RETENTION_DAYS.max - 1}, or \`null\``, default: "dev off, prod 29",
    description: "Point-in-time restore reach (turns on the change feed); less than blobSoftDeleteDays; `null` turns it off (dev only).",
  }),
  keyExpirationDays: documented(intRange(KEY_EXPIRATION_DAYS.min, KEY_EXPIRATION_DAYS.max).optional(), {
    type: `integer days ${KEY_EXPIRATION_DAYS.min}..${KEY_EXPIRATION_DAYS.max}`, default: "90",
    description: "Key expiration policy: Azure flags an account key older than this as due for rotation.",
  }),
  activeKey: documented(oneOf(["key1", "key2"]).optional(), {
    type: "`key1` | `key2`", default: "`key1`",
    description: "Which account key the AWS secret carries: rotate by switching, restarting the application, then regenerating the other key.",
  }),
}), {
  description: "The Azure Storage account of the Fiber `storage/azureblob` adapter (opt-in): TLS 1.2, HTTPS only, no public blobs, firewall to the named egress, versioning and soft delete, ZRS and a delete lock in prod, a private container per data class, the shared key in an AWS secret. Absent fields take the profile default.",
});

export type AzureBlobConfig = z.infer<typeof azureBlobSchema>;
