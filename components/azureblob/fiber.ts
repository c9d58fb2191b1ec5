/**
 * What the Fiber `storage/azureblob` adapter expects, read from gofiber/storage azureblob/config.go and azureblob.go
 * (commit 8c8f56100b04b335210c7ac7bdb95d2f9d28eade, 2026-08-21; read 2026-11-29):
 * - `Config.Account`, `Config.Container` and `Config.Credentials{Account, Key}` are required, and `Account` must equal
 *   `Credentials.Account` (validateConfig panics otherwise). `Config.Endpoint` defaults to
 *   `https://<account>.blob.core.windows.net`.
 * - Authentication is a shared key only: `azblob.NewSharedKeyCredential(account, key)` and
 *   `NewClientWithSharedKeyCredential`; no Entra ID (OAuth), SAS or managed-identity option. The account must keep
 *   shared-key access on (the named exception `azureblob-shared-key`).
 * - `New` calls `CreateContainer` and ignores only `ContainerAlreadyExists`: the container the stack creates is used
 *   as is (private), and a misspelt name would create a new container with the key's full rights.
 * - Values are block blobs named by the key (`UploadBuffer`); `Get` is `DownloadStream`; `Delete` is `DeleteBlob`.
 *   A `Get` of a missing key returns the BlobNotFound error, not `nil, nil`: the application treats it as a miss.
 * - Expiry: `Set(key, val, exp)` ignores `exp`; blobs live until deleted. With versioning on, every Set of an existing
 *   key and every Delete leaves a previous version, which the lifecycle policy deletes after a few days.
 * - `Reset` lists the container and deletes every blob one by one (soft delete and versions keep them recoverable).
 * - `MaxAttempts` (default 3) exists in Config but is not passed to the client (the SDK's own retry policy applies).
 */
export const FIBER_AZUREBLOB = {
  fiberPackage: "storage/azureblob",
  /** Authentication the adapter supports: shared key (account access key) only. */
  authentication: "shared-key",
  source: "https://github.com/gofiber/storage/blob/8c8f56100b04b335210c7ac7bdb95d2f9d28eade/azureblob/azureblob.go",
} as const;

/** The blob endpoint the adapter derives when `Config.Endpoint` is empty (azureblob/config.go `configure`). */
export function blobEndpointOf(accountName: string): string {
  return `https://${accountName}.blob.core.windows.net/`;
}
