import type { Adapter } from "../contract";
import type { AzureBlobOutputs } from "./deploy";
import { AZUREBLOB_PROFILES, type AzureBlobProfile } from "./profiles";
import { AZUREBLOB_RULES } from "./rules";
import { type AzureBlobConfig, azureBlobSchema } from "./schema";
import { type AzureBlobSettings, azureBlobSettings } from "./settings";

/** The Azure Storage account the Fiber `storage/azureblob` adapter uses (components/azureblob); opt-in, loads @pulumi/azure-native only when on. */
export const azureblobAdapter: Adapter<AzureBlobConfig, AzureBlobProfile, AzureBlobSettings, AzureBlobOutputs> = {
  key: "azureblob",
  configKey: "azureblob",
  schema: azureBlobSchema,
  profiles: AZUREBLOB_PROFILES,
  settings: azureBlobSettings,
  enabled: (s) => s.enabled,
  rules: AZUREBLOB_RULES,
  loadDeploy: async () => (await import("./deploy")).deployAzureBlob,
  resourceTypes: [
    { type: "pulumi:providers:azure-native", stateful: false },
    // The group holds the account: replacing it deletes everything in it.
    { type: "azure-native:resources:ResourceGroup", stateful: true },
    // The data and the keys: a replaced account is a new, empty account with new keys (names are global: the old one is gone).
    { type: "azure-native:storage:StorageAccount", stateful: true },
    { type: "azure-native:storage:BlobContainer", stateful: true },
    { type: "azure-native:storage:BlobServiceProperties", stateful: false },
    { type: "azure-native:storage:ManagementPolicy", stateful: false },
    { type: "azure-native:authorization:ManagementLockByScope", stateful: false },
    { type: "azure-native:monitor:ActionGroup", stateful: false },
    { type: "azure-native:monitor:MetricAlert", stateful: false },
    // The application's only copy of the key; replaced, its ARN changes under the application.
    { type: "aws:secretsmanager/secret:Secret", stateful: true },
    { type: "aws:secretsmanager/secretVersion:SecretVersion", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
  ],
};
