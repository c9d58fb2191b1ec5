/**
 * What the Fiber `storage/firestore` adapter expects, read from gofiber/storage firestore/config.go and firestore.go
 * (commit 8c8f56100b04b335210c7ac7bdb95d2f9d28eade, 2026-08-21; read 2026-11-29):
 * - `Config.ProjectID` is required (it panics without); `Config.Collection` defaults to `fiber_storage`.
 * - `New` calls `firestore.NewClient(ctx, ProjectID, ...)`, which opens the database `(default)`: the adapter has no
 *   database setting. A named database is usable only through `NewFromConnection` with a client the application
 *   opened itself (`firestore.NewClientWithDatabase`).
 * - Credentials: `Config.Credentials` (a JSON string) or `Config.CredentialsPath` (a file), otherwise Application
 *   Default Credentials. Both are passed to google.golang.org/api/option as credentials JSON, which accepts an
 *   `external_account` (workload identity federation) configuration as well as a service-account key; this stack
 *   never makes a key: the application points GOOGLE_APPLICATION_CREDENTIALS (or CredentialsPath) at the credential
 *   configuration this stack outputs.
 * - Documents are `{ k: string, v: bytes, exp_at: timestamp (omitempty) }` under `<collection>/<key>`. `exp_at` is a Go
 *   `time.Time`, which cloud.google.com/go/firestore writes as a Firestore timestamp (to_value.go: `time.Time` ->
 *   TimestampValue; `omitempty` drops the zero time), so the TTL policy acts on it (TTL ignores non-timestamp values);
 *   a key set without expiry has no `exp_at` and is never TTL-deleted (review 2026-11-29).
 * - Expiry: `Set(key, val, exp)` with exp > 0 writes `exp_at = now + exp`; `Get` returns nothing for a document
 *   whose `exp_at` has passed and deletes it in the background. Nothing else deletes expired documents, so a key
 *   never read again stays for ever: the TTL policy on `exp_at` removes those (Firestore deletes typically within
 *   24 hours of expiry, https://cloud.google.com/firestore/docs/ttl, checked 2026-11-29).
 * - `Reset()` (and `Config.Reset`) deletes every document of the collection one by one (BulkWriter), not the database.
 */
export const FIBER_FIRESTORE = {
  fiberPackage: "storage/firestore",
  defaultCollection: "fiber_storage",
  /** The only database `New` can open. */
  defaultDatabase: "(default)",
  keyField: "k",
  valueField: "v",
  /** The timestamp field `Set` writes the expiry to: the TTL policy's field. */
  expiryField: "exp_at",
  source: "https://github.com/gofiber/storage/blob/8c8f56100b04b335210c7ac7bdb95d2f9d28eade/firestore/firestore.go",
} as const;

/**
 * The one role the application's service account gets: read and write documents (roles/datastore.user: entities
 * get/list/create/update/delete, no index, database or IAM administration; https://cloud.google.com/firestore/docs/security/iam,
 * checked 2026-11-29), bound with an IAM condition to this database only.
 */
export const APPLICATION_ROLE = "roles/datastore.user";

/** Roles a Fiber service account must never hold (owner/editor/viewer are primitive; datastore.owner administers databases). */
export const NEVER_GRANTED_ROLES = ["roles/owner", "roles/editor", "roles/viewer", "roles/datastore.owner", "roles/datastore.importExportAdmin"] as const;
