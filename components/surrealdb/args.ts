import { type ContainerImage, imageProblems } from "../kubernetes/image";
import { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs } from "../kubernetes/workload";
import { FIBER_DEFAULTS, ROOT_USERNAME, SURREALDB_DEFAULTS } from "./defaults";
import { type FiberSchema, IDENTIFIER } from "./names";

export { FIBER_DEFAULTS, ROOT_USERNAME, SURREALDB_DEFAULTS } from "./defaults";

export interface SurrealDbArgs extends KubernetesWorkloadArgs {
  /** Server image, pinned by tag and digest (also runs the backup's `surreal export`). Default: `SURREALDB_IMAGE` (image.ts). */
  readonly image?: ContainerImage;
  /** Size of the data volume (RocksDB), 1..16384. Default: 10 (GiB). */
  readonly volumeSizeGiB?: number;
  /** CPU request, 50..64000. Default: 250 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit, `cpuMillis`..64000. Default: 1000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request and limit (equal: the pod is never OOM-killed for using what it asked for), 512..262144. Default: 1024 (MiB). */
  readonly memoryMiB?: number;
  /** Namespace, database and table the Fiber adapter uses (identifiers). Default: the adapter's own defaults, `fiber_storage` each. */
  readonly fiber?: Partial<FiberSchema>;
  /** Name of the application user (an identifier). Default: `fiber`. */
  readonly appUsername?: string;
}

export interface ResolvedSurrealDbArgs extends ResolvedWorkloadArgs {
  readonly image: ContainerImage;
  readonly volumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly fiber: FiberSchema;
  readonly appUsername: string;
}

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

function identifierProblem(field: string, value: string): string[] {
  return IDENTIFIER.test(value) ? [] : [`${field} "${value}" must be an identifier (a letter or _, then letters, digits or _, at most 63 characters)`];
}

/** Applies every default once and checks every argument; throws one Error listing all problems. */
export function resolveSurrealDbArgs(name: string, args: SurrealDbArgs): ResolvedSurrealDbArgs {
  const d = SURREALDB_DEFAULTS;
  const workload = resolveWorkloadArgs("surrealdb", args);
  const resolved: ResolvedSurrealDbArgs = {
    ...workload.resolved,
    image: args.image ?? d.image,
    volumeSizeGiB: args.volumeSizeGiB ?? d.volumeSizeGiB,
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    fiber: { ...FIBER_DEFAULTS, ...args.fiber },
    appUsername: args.appUsername ?? d.appUsername,
  };
  const problems = [
    ...workload.problems,
    ...imageProblems(resolved.image).map((p) => `image ${p}`),
    ...integerProblem("volumeSizeGiB", resolved.volumeSizeGiB, 1, 16_384),
    ...integerProblem("cpuMillis", resolved.cpuMillis, 50, 64_000),
    ...integerProblem("cpuLimitMillis", resolved.cpuLimitMillis, resolved.cpuMillis, 64_000),
    ...integerProblem("memoryMiB", resolved.memoryMiB, 512, 262_144),
    ...identifierProblem("fiber.namespace", resolved.fiber.namespace),
    ...identifierProblem("fiber.database", resolved.fiber.database),
    ...identifierProblem("fiber.table", resolved.fiber.table),
    ...identifierProblem("appUsername", resolved.appUsername),
    ...(resolved.appUsername === ROOT_USERNAME ? [`appUsername must not be "${ROOT_USERNAME}" (the application user is not the root user)`] : []),
  ];
  if (problems.length > 0) throw new Error(`SurrealDb ${name}: ${problems.join("; ")}`);
  return resolved;
}
