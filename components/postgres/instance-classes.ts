/**
 * Memory of the RDS instance classes this component runs PostgreSQL on, GiB, per family and size
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html).
 * FreeableMemory alarms are a share of this number, so a class outside the table cannot be alarmed on and is
 * refused. Graviton families only: the best price/performance RDS offers for PostgreSQL.
 */
export const INSTANCE_CLASS_MEMORY_GIB = {
  // Burstable: small, mostly idle databases (CPU credits run out under sustained load).
  "db.t4g": { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 },
  // General purpose: 4 GiB per vCPU.
  "db.m6g": { large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192, "16xlarge": 256 },
  "db.m7g": { large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192, "16xlarge": 256 },
  // Memory optimised: 8 GiB per vCPU, the working set of a primary data store stays in the buffer cache.
  "db.r6g": { large: 16, xlarge: 32, "2xlarge": 64, "4xlarge": 128, "8xlarge": 256, "12xlarge": 384, "16xlarge": 512 },
  "db.r7g": { large: 16, xlarge: 32, "2xlarge": 64, "4xlarge": 128, "8xlarge": 256, "12xlarge": 384, "16xlarge": 512 },
} as const satisfies Record<string, Record<string, number>>;

export type InstanceFamily = keyof typeof INSTANCE_CLASS_MEMORY_GIB;

const FAMILIES = Object.keys(INSTANCE_CLASS_MEMORY_GIB) as InstanceFamily[];

function split(instanceClass: string): { family: string; size: string } {
  const at = instanceClass.lastIndexOf(".");
  return at < 0 ? { family: instanceClass, size: "" } : { family: instanceClass.slice(0, at), size: instanceClass.slice(at + 1) };
}

function isFamily(family: string): family is InstanceFamily {
  return (FAMILIES as string[]).includes(family);
}

/** What is wrong with an instance class (sentence after the key), or undefined when the table knows it. */
export function instanceClassProblem(instanceClass: string): string | undefined {
  const { family, size } = split(instanceClass);
  if (!isFamily(family)) {
    return `must be a class of a supported family (${FAMILIES.join(", ")}), such as db.r7g.large`;
  }
  const sizes: Record<string, number> = INSTANCE_CLASS_MEMORY_GIB[family];
  return size in sizes ? undefined : `must be a ${family} size (${Object.keys(sizes).map((s) => `${family}.${s}`).join(", ")})`;
}

/** Memory of a known instance class, GiB; throws for a class outside the table. */
export function instanceMemoryGiB(instanceClass: string): number {
  const problem = instanceClassProblem(instanceClass);
  if (problem) throw new Error(`instance class "${instanceClass}" ${problem}`);
  const { family, size } = split(instanceClass);
  return (INSTANCE_CLASS_MEMORY_GIB[family as InstanceFamily] as Record<string, number>)[size];
}
