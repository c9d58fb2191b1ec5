export { POLICY_EXCEPTION_TAG } from "../common/policy-exception";
/**
 * The policy pack's named exceptions for the Azure Blob account (policy/azureblob.ts knows them by name). The account
 * carries `sparki:policy-exception` with the names, comma-separated; each policy accepts its exception only with the
 * compensating controls it can see on the resources.
 */
export const AZUREBLOB_SHARED_KEY_EXCEPTION = "azureblob-shared-key";
export const AZUREBLOB_PLATFORM_KEY_EXCEPTION = "azureblob-microsoft-managed-key";

/**
 * Why shared-key access stays on, and what compensates: the Fiber adapter authenticates with the account key only
 * (components/azureblob/fiber.ts), so `allowSharedKeyAccess: false` would lock it out.
 */
export const SHARED_KEY_COMPENSATING_CONTROLS = [
  "the account firewall denies every network but the application's named public egress addresses (networkRuleSet defaultAction Deny, no trusted-service bypass)",
  "the key lives only in an AWS Secrets Manager secret on the stack's KMS key, readable through one IAM policy; stack outputs carry its ARN, never the value",
  "a key expiration policy flags the key for rotation (90 days by default); rotation is two-phase through sparki-storage:azureblob.activeKey (README)",
  "the stack issues no SAS, and the portal defaults to Entra ID for operators (defaultToOAuthAuthentication true)",
] as const;

/**
 * Why the account is encrypted with Microsoft-managed keys (AES-256, always on) plus infrastructure encryption, not
 * a customer key: the stack's key is an AWS KMS key, which Azure Storage cannot use; a customer key would need an
 * Azure Key Vault with purge protection (a 7-90 day undeletable vault) and a user-assigned identity, i.e. a second
 * key hierarchy to operate for one adapter. Revisit if Azure Blob becomes more than an option.
 */
export const PLATFORM_KEY_COMPENSATING_CONTROLS = [
  "infrastructure encryption (requireInfrastructureEncryption: a second AES-256 layer with a separate key)",
  "blob service encryption with the account key type on, HTTPS only with TLS 1.2 minimum",
] as const;
