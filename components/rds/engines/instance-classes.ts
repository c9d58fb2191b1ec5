/**
 * Memory of the Graviton RDS instance classes PostgreSQL and MySQL run on here, GiB, per family and size
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html).
 * FreeableMemory alarms are a share of this number, so a class outside the table cannot be alarmed on and is
 * refused. Graviton families only: the best price/performance RDS offers for both engines.
 */
export const GRAVITON_CLASS_MEMORY_GIB = {
  // Burstable: small, mostly idle databases (CPU credits run out under sustained load).
  "db.t4g": { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 },
  // General purpose: 4 GiB per vCPU.
  "db.m6g": { large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192, "16xlarge": 256 },
  "db.m7g": { large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192, "16xlarge": 256 },
  // Memory optimised: 8 GiB per vCPU, the working set of a primary data store stays in the buffer cache.
  "db.r6g": { large: 16, xlarge: 32, "2xlarge": 64, "4xlarge": 128, "8xlarge": 256, "12xlarge": 384, "16xlarge": 512 },
  "db.r7g": { large: 16, xlarge: 32, "2xlarge": 64, "4xlarge": 128, "8xlarge": 256, "12xlarge": 384, "16xlarge": 512 },
} as const satisfies Record<string, Record<string, number>>;

/** Memory per class, GiB, by family and size. */
export type ClassMemoryTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

function split(instanceClass: string): { family: string; size: string } {
  const at = instanceClass.lastIndexOf(".");
  return at < 0 ? { family: instanceClass, size: "" } : { family: instanceClass.slice(0, at), size: instanceClass.slice(at + 1) };
}

/** What is wrong with an instance class (sentence after the key), or undefined when the table knows it. */
export function instanceClassProblem(instanceClass: string, table: ClassMemoryTable): string | undefined {
  const { family, size } = split(instanceClass);
  const families = Object.keys(table);
  const sizes = table[family] as Readonly<Record<string, number>> | undefined;
  if (sizes === undefined) {
    return `must be a class of a supported family (${families.join(", ")}), such as ${families.at(-1)}.large`;
  }
  return size in sizes ? undefined : `must be a ${family} size (${Object.keys(sizes).map((s) => `${family}.${s}`).join(", ")})`;
}

/** Memory of a known instance class, GiB; throws for a class outside the table. */
export function instanceMemoryGiB(instanceClass: string, table: ClassMemoryTable): number {
  const problem = instanceClassProblem(instanceClass, table);
  if (problem) throw new Error(`instance class "${instanceClass}" ${problem}`);
  const { family, size } = split(instanceClass);
  return table[family][size];
}

/**
 * Memory of the x86 classes SQL Server runs on here, GiB (RDS for SQL Server has no Graviton classes; same
 * source as above). Burstable db.t3 for Express and Web in dev, general purpose and memory optimised 6th
 * generation Intel for Standard and Enterprise.
 */
export const X86_CLASS_MEMORY_GIB = {
  "db.t3": { small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 },
  "db.m6i": { large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192, "16xlarge": 256 },
  "db.r6i": { large: 16, xlarge: 32, "2xlarge": 64, "4xlarge": 128, "8xlarge": 256, "12xlarge": 384, "16xlarge": 512 },
} as const satisfies Record<string, Record<string, number>>;

/** The size part of a class (`large` of `db.r6i.large`). */
export function classSize(instanceClass: string): string {
  return instanceClass.slice(instanceClass.lastIndexOf(".") + 1);
}
