/**
 * What the Fiber `storage/cloudflarekv` adapter does, read from gofiber/storage cloudflarekv/config.go and
 * cloudflarekv.go (commit 8c8f56100b04b335210c7ac7bdb95d2f9d28eade, 2026-08-21; read 2026-11-29):
 * - It calls Cloudflare's REST API (cloudflare-go v0.117.0, `cloudflare.NewWithAPIToken(cfg.Key)`), over HTTPS to
 *   api.cloudflare.com, with `Config.Key` as a bearer API token; `Config.Email` is kept but never used to authenticate.
 * - `Config.AccountID` and `Config.NamespaceID` default to the literal "fiber": both must be set from the stack output.
 * - Expiry: `Set(key, val, exp)` ignores `exp`. WriteWorkersKVEntry is sent without `expiration` or `expiration_ttl`,
 *   so every entry lives until it is deleted; nothing in the adapter, Cloudflare or this stack expires it.
 * - `Get` of a missing key returns the API's 404 as an error (not `nil, nil` as other Fiber storages do).
 * - `Config.Reset` is declared but never read: `New` does not clear the namespace. `Reset()` lists every key and
 *   bulk-deletes them (ListWorkersKVKeys + DeleteWorkersKVEntries), so the token needs list and bulk-delete as well.
 * - `Close` does nothing; there is no retry or timeout setting.
 */
export const FIBER_CLOUDFLAREKV = {
  fiberPackage: "storage/cloudflarekv",
  /** The adapter's own defaults for `AccountID` and `NamespaceID` (never a real account or namespace). */
  defaultId: "fiber",
  /** The Fiber `Config` fields the stack's secret carries, by name. */
  configFields: { token: "Key", accountId: "AccountID", namespaceId: "NamespaceID" },
  source: "https://github.com/gofiber/storage/blob/8c8f56100b04b335210c7ac7bdb95d2f9d28eade/cloudflarekv/cloudflarekv.go",
} as const;

/** The KV REST operations the adapter calls: the custom metric's `Operation` dimension takes these values. */
export const ADAPTER_OPERATIONS = ["Get", "Set", "Delete", "Reset"] as const;
export type AdapterOperation = (typeof ADAPTER_OPERATIONS)[number];
