import type { z } from "zod";
import { MAX_REQUEST_UNITS } from "../../../components/dynamodb/args";
import { PITR_DAYS, TABLE_NAME } from "../../../components/dynamodb/rules";
import { documented } from "../../config/docs";
import { flag, intRange, matching, section } from "../../config/rules";

/** `sparki-storage:dynamodb`: the table the Fiber `storage/dynamodb` adapter uses. Absent fields take the profile's value. */
export const dynamoDbSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Create the Fiber DynamoDB table at all (off in dev and prod; examples/dynamodb turns it on)." }),
  tableName: documented(matching(TABLE_NAME, "3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB table naming rules)").optional(), {
    type: "DynamoDB table name", default: "`sparki-<stack>-fiber-storage`",
    description: "The table; the application sets it as the adapter's `Config.Table` (the adapter's own default `fiber_storage` is not used).",
  }),
  recoveryPeriodDays: documented(intRange(PITR_DAYS.min, PITR_DAYS.max).optional(), {
    type: `integer days ${PITR_DAYS.min}..${PITR_DAYS.max}`, default: "dev 7, prod 35",
    description: "Days point-in-time recovery keeps (always on); prod refuses fewer than 35.",
  }),
  ttlAttribute: documented(matching(/^.{1,255}$/su, "an attribute name of 1-255 characters").optional(), {
    type: "attribute name", default: "— (TTL off)",
    description: "Turns on DynamoDB TTL on this Number attribute (epoch seconds). The Fiber adapter ignores expiry and writes none, so TTL only removes items the application writes itself; not `k` or `v`.",
  }),
  maxReadRequestUnits: documented(intRange(MAX_REQUEST_UNITS.min, MAX_REQUEST_UNITS.max).optional(), {
    type: `integer ${MAX_REQUEST_UNITS.min}..${MAX_REQUEST_UNITS.max}`, default: "— (uncapped)",
    description: "On-demand cap on read request units per second: bounds cost (the matrix: \"higher costs\"); requests past it are throttled.",
  }),
  maxWriteRequestUnits: documented(intRange(MAX_REQUEST_UNITS.min, MAX_REQUEST_UNITS.max).optional(), {
    type: `integer ${MAX_REQUEST_UNITS.min}..${MAX_REQUEST_UNITS.max}`, default: "— (uncapped)",
    description: "On-demand cap on write request units per second; requests past it are throttled.",
  }),
}), {
  description: "The DynamoDB table the Fiber `storage/dynamodb` adapter uses (opt-in): on demand, stack KMS key, point-in-time recovery, deletion protection in prod. Absent fields take the profile default.",
});

export type DynamoDbConfig = z.infer<typeof dynamoDbSchema>;
