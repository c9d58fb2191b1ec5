import { z } from "zod";
import { DATA_CLASS_KEYS } from "../../components/object-store/data-classes";
import { documented } from "./docs";
import { section } from "./rules";

/** A non-negative number up to `max`, decimals allowed. */
function amount(max: number, unit: string) {
  const error = `must be a number 0..${max} (${unit})`;
  return z.number({ error }).min(0, { error }).max(max, { error });
}

/** Data classes with a bucket each: the S3 data classes plus the access-log bucket. */
export const COST_DATA_CLASSES = [...DATA_CLASS_KEYS, "accessLogs"] as const;
export type CostDataClass = (typeof COST_DATA_CLASSES)[number];

const storedGb = documented(amount(10_000_000, "GB stored").optional(), {
  type: "number GB 0..10000000",
  default: "— (reported as not assumed); stack files: dev 1–30, prod 50–2000",
  description: "Data stored per S3 data class at steady state, for the plan's cost estimate only (the program ignores it). `<class>`: the S3 classes plus `accessLogs`.",
});

/**
 * `sparki-storage:costAssumptions`: usage the monthly cost estimate of the offline plan cannot read from the
 * resources (scripts/offline/cost). The program itself ignores it. Absent values are reported as not assumed.
 */
export const costAssumptionsSchema = documented(section({
  /** GB stored per data class at steady state; the bucket's lifecycle rules split it over storage classes. */
  objectStorageGb: documented(section(
    Object.fromEntries(COST_DATA_CLASSES.map((k) => [k, storedGb])) as Record<CostDataClass, typeof storedGb>,
  ), { description: "GB stored per data class.", each: "<class>" }).default({}),
  /** GB ingested per month into each CloudWatch log group the stack creates. */
  logIngestGbPerGroupMonth: documented(amount(100_000, "GB per month").optional(), {
    type: "number GB 0..100000",
    default: "— (reported as not assumed); stack files: dev 0.5, prod 5",
    description: "GB ingested per month into each CloudWatch log group, for the cost estimate only.",
  }),
}), {
  description: "usage behind the offline plan's monthly cost estimate (the program ignores it): GB stored per S3 data class, GB ingested per CloudWatch log group and month. Absent values are reported as not assumed.",
});

export type CostAssumptionsConfig = z.infer<typeof costAssumptionsSchema>;
