/** What one DocumentDB instance class offers: memory and the engine's connection limit. */
export interface DocDbInstanceClass {
  /** Memory, GiB (Instance class specifications). No default. */
  readonly memoryGiB: number;
  /** Most connections (active and idle) an instance accepts (Quotas and limits, Instance limits). No default. */
  readonly maxConnections: number;
  /** Burstable (T): CPU credits run out under sustained load; for dev only. No default. */
  readonly burstable: boolean;
}

/**
 * Provisioned instance classes this component deploys, from the DocumentDB Developer Guide: memory from
 * "Instance class specifications" (https://docs.aws.amazon.com/documentdb/latest/developerguide/db-instance-classes.html),
 * connection limits from "Quotas and limits", Instance limits
 * (https://docs.aws.amazon.com/documentdb/latest/developerguide/limits.html). The connection limits were not
 * re-read on 2026-11-29 (the page's table could not be loaded here): they are the documented values as last
 * known, unverified; the engine also publishes them per instance as the CloudWatch metric DatabaseConnectionsLimit,
 * which the dashboard draws beside the alarm. Graviton (r6g, t4g) and r5 only; sizes whose limit is not known
 * (8xlarge) are left out so no alarm is built on a guess.
 */
export const DOCDB_INSTANCE_CLASSES: Readonly<Record<string, DocDbInstanceClass>> = {
  "db.t3.medium": { memoryGiB: 4, maxConnections: 500, burstable: true },
  "db.t4g.medium": { memoryGiB: 4, maxConnections: 500, burstable: true },
  "db.r5.large": { memoryGiB: 16, maxConnections: 1700, burstable: false },
  "db.r5.xlarge": { memoryGiB: 32, maxConnections: 3500, burstable: false },
  "db.r5.2xlarge": { memoryGiB: 64, maxConnections: 6500, burstable: false },
  "db.r5.4xlarge": { memoryGiB: 128, maxConnections: 8800, burstable: false },
  "db.r5.12xlarge": { memoryGiB: 384, maxConnections: 30000, burstable: false },
  "db.r5.24xlarge": { memoryGiB: 768, maxConnections: 30000, burstable: false },
  "db.r6g.large": { memoryGiB: 16, maxConnections: 1700, burstable: false },
  "db.r6g.xlarge": { memoryGiB: 32, maxConnections: 3500, burstable: false },
  "db.r6g.2xlarge": { memoryGiB: 64, maxConnections: 6500, burstable: false },
  "db.r6g.4xlarge": { memoryGiB: 128, maxConnections: 8800, burstable: false },
  "db.r6g.12xlarge": { memoryGiB: 384, maxConnections: 30000, burstable: false },
  "db.r6g.16xlarge": { memoryGiB: 512, maxConnections: 30000, burstable: false },
};

/** What is wrong with an instance class (a sentence after the key), or undefined when the table knows it. */
export function docDbInstanceClassProblem(instanceClass: string): string | undefined {
  return instanceClass in DOCDB_INSTANCE_CLASSES
    ? undefined
    : `must be a DocumentDB instance class with a known memory size and connection limit: ${Object.keys(DOCDB_INSTANCE_CLASSES).join(", ")}`;
}

/** The class's entry; throws for a class outside the table. */
export function docDbInstanceClass(instanceClass: string): DocDbInstanceClass {
  const spec = DOCDB_INSTANCE_CLASSES[instanceClass] as DocDbInstanceClass | undefined;
  if (!spec) throw new Error(`instance class "${instanceClass}" ${docDbInstanceClassProblem(instanceClass) ?? ""}`);
  return spec;
}
