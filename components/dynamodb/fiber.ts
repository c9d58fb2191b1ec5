/**
 * What the Fiber `storage/dynamodb` adapter expects, read from gofiber/storage dynamodb/config.go and dynamodb.go
 * (commit 8c8f56100b04b335210c7ac7bdb95d2f9d28eade, 2026-08-21; read 2026-11-29):
 * - `Config.Table` defaults to `fiber_storage`.
 * - `Config.Endpoint` must be set: `NewWithContext` always sets `o.BaseEndpoint = aws.String(cfg.Endpoint)`, so an
 *   empty Endpoint is a non-nil pointer to "", and aws-sdk-go-v2's DynamoDB resolver (service/dynamodb/endpoints.go)
 *   takes its custom-endpoint branch for any non-nil BaseEndpoint: `url.Parse("")` gives an empty scheme and host, the
 *   first DescribeTable fails and the adapter panics (read from the code, not run). The application sets it to the
 *   stack output `endpoint`, `https://dynamodb.<region>.amazonaws.com`.
 * - Items are `{ k: S (partition/HASH key), v: B }`: `SetWithContext` writes `k` as a string and `v` as binary;
 *   `GetWithContext` reads `k`; `DeleteWithContext` deletes by `k`.
 * - Expiry: `Set(key, val, exp)` ignores `exp` entirely; no expiry attribute is ever written and reads never check
 *   one. Items live until deleted. DynamoDB TTL therefore has nothing to act on for the adapter's own items.
 * - `NewWithContext` calls DescribeTable; only on ResourceNotFoundException does it CreateTable itself, with
 *   BillingMode PROVISIONED (the API default) and Read/WriteCapacityUnits 5/5, no SSE specification (AWS-owned key)
 *   and no PITR. No setting turns that off; any other DescribeTable error (AccessDenied) panics.
 * - `ResetWithContext` calls DeleteTable (not a scan-and-delete).
 * - `MaxAttempts` (default 3) retries throttled and 5xx requests with the SDK's standard retryer.
 */
export const FIBER_DYNAMODB = {
  fiberPackage: "storage/dynamodb",
  defaultTable: "fiber_storage",
  keyAttribute: { name: "k", type: "S" },
  valueAttribute: { name: "v", type: "B" },
  /** What the adapter's own CreateTable would make if the table were missing. */
  selfCreated: { billingMode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 5 },
  source: "https://github.com/gofiber/storage/blob/8c8f56100b04b335210c7ac7bdb95d2f9d28eade/dynamodb/dynamodb.go",
} as const;

/** The item operations the adapter calls: CloudWatch publishes latency and system errors per table and operation. */
export const ADAPTER_OPERATIONS = ["GetItem", "PutItem", "DeleteItem"] as const;
export type AdapterOperation = (typeof ADAPTER_OPERATIONS)[number];

/** IAM actions the policies grant: DescribeTable (at New), then the item operations. */
export const READ_ACTIONS = ["dynamodb:DescribeTable", "dynamodb:GetItem"] as const;
export const WRITE_ACTIONS = ["dynamodb:PutItem", "dynamodb:DeleteItem"] as const;

/**
 * Never granted: CreateTable (a missing or misspelt table then fails loudly instead of appearing unencrypted,
 * provisioned 5/5 and without PITR) and DeleteTable (the adapter's Reset would drop the stack's table).
 */
export const NEVER_GRANTED = ["dynamodb:CreateTable", "dynamodb:DeleteTable"] as const;
