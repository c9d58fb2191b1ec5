import type { z } from "zod";
import { KEYSPACES_DEFAULTS, MAX_TTL_SECONDS } from "../../../components/keyspaces/args";
import { documented } from "../../config/docs";
import { flag, intRange, matching, section } from "../../config/rules";

// Shape only (letters, digits, '_'); the length, lowercase and reserved-prefix rules are the component's, in rules.ts.
const identifier = matching(/^[A-Za-z0-9_]+$/, "a Keyspaces name of letters, digits and '_' such as kv_store");

/** `sparki-storage:cassandra`: the Amazon Keyspaces keyspace and table the Fiber `storage/cassandra` adapter uses. */
export const cassandraSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Create the Keyspaces keyspace and table at all (off in dev and prod; examples/cassandra turns it on)." }),
  keyspaceName: documented(identifier.optional(), {
    type: "1-48 lowercase letters, digits, `_`", default: "`sparki_<stack>` (the stack name with `-` as `_`)",
    description: "The adapter's `Config.Keyspace` (set it from the `keyspace` output: the adapter's own default `gofiber` is not created); unique per account and region, lowercase (the adapter writes it unquoted into CQL), not starting with `system`.",
  }),
  tableName: documented(identifier.optional(), {
    type: "1-48 lowercase letters, digits, `_`", default: `\`${KEYSPACES_DEFAULTS.tableName}\``, description: "The adapter's `Config.Table`.",
  }),
  defaultTtlSeconds: documented(intRange(0, MAX_TTL_SECONDS).optional(), {
    type: `integer seconds 0..${MAX_TTL_SECONDS}`, default: "0 (none)",
    description: "Table default TTL for rows written without one (the adapter stores `Set(key, value, 0)` without expiry). TTL itself is always enabled: the adapter writes `USING TTL`.",
  }),
  pointInTimeRecovery: documented(flag().optional(), { type: "boolean", default: "true", description: "Point-in-time recovery (35 days); prod refuses `false`." }),
}), {
  description: "Amazon Keyspaces keyspace and table for the Fiber `storage/cassandra` adapter: on-demand, TTL enabled, point-in-time recovery, the stack's KMS key, a least-privilege IAM policy. Absent fields take the profile default.",
});

export type CassandraConfig = z.infer<typeof cassandraSchema>;
