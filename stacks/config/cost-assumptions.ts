import { z } from "zod";
import { DATA_CLASS_KEYS } from "../../components/object-store/data-classes";
import { section } from "./rules";

/** A non-negative number up to `max`, decimals allowed. */
function amount(max: number, unit: string) {
  const error = `must be a number 0..${max} (${unit})`;
  return z.number({ error }).min(0, { error }).max(max, { error });
}

/** Data classes with a bucket each: the S3 data classes plus the access-log bucket. */
export const COST_DATA_CLASSES = [...DATA_CLASS_KEYS, "accessLogs"] as const;
export type CostDataClass = (typeof COST_DATA_CLASSES)[number];

const storedGb = amount(10_000_000, "GB stored");

/**
 * `sparki-storage:costAssumptions`: usage the monthly cost estimate of the offline plan cannot read from the
 * resources (scripts/offline/cost). The program itself ignores it. Absent values are reported as not assumed.
 */
export const costAssumptionsSchema = section({
  /** GB stored per data class at steady state; the bucket's lifecycle rules split it over storage classes. */
  objectStorageGb: section(
    Object.fromEntries(COST_DATA_CLASSES.map((k) => [k, storedGb.optional()])) as Record<CostDataClass, z.ZodOptional<typeof storedGb>>,
  ).default({}),
  /** GB ingested per month into each CloudWatch log group the stack creates. */
  logIngestGbPerGroupMonth: amount(100_000, "GB per month").optional(),
});

export type CostAssumptionsConfig = z.infer<typeof costAssumptionsSchema>;
