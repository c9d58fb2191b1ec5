import { type ContainerImage, imageProblems } from "../kubernetes/image";
import { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs } from "../kubernetes/workload";
import { COMMUNITY_SINGLE_INSTANCE, MIN_MEMORY_MIB, NEO4J_DEFAULTS } from "./defaults";
import { NODE_LABEL } from "./names";

export { COMMUNITY_SINGLE_INSTANCE, MIN_MEMORY_MIB, NEO4J_DEFAULTS, TX_LOG_RETENTION_DAYS } from "./defaults";

export interface Neo4jArgs extends KubernetesWorkloadArgs {
  /** Server image, pinned by tag and digest; a Community Edition image (also runs the backup's `cypher-shell`). Default: NEO4J_IMAGE (image.ts). */
  readonly image?: ContainerImage;
  /**
   * Server pods. Only 1: clustering is Enterprise Edition only, and so is online backup. Default: 1 (pods).
   * See {@link COMMUNITY_SINGLE_INSTANCE}.
   */
  readonly replicas?: number;
  /** Size of the data volume (store files and transaction logs), 1..16384. Default: 10 (GiB). */
  readonly volumeSizeGiB?: number;
  /** CPU request, 100..64000. Default: 500 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit, `cpuMillis`..64000. Default: 2000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request and limit (equal: the JVM's heap and page cache are sized from it), 2048..262144 (Neo4j's documented minimum, MIN_MEMORY_MIB). Default: 2048 (MiB). */
  readonly memoryMiB?: number;
  /** The node label the Fiber adapter stores its keys under (its `Node`), and the backup exports. Default: `fiber_storage`. */
  readonly nodeLabel?: string;
}

export interface ResolvedNeo4jArgs extends ResolvedWorkloadArgs {
  readonly image: ContainerImage;
  readonly replicas: number;
  readonly volumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly nodeLabel: string;
}

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

/** Applies every default once and checks every argument; throws one Error listing all problems. */
export function resolveNeo4jArgs(name: string, args: Neo4jArgs): ResolvedNeo4jArgs {
  const d = NEO4J_DEFAULTS;
  const workload = resolveWorkloadArgs("neo4j", args);
  const resolved: ResolvedNeo4jArgs = {
    ...workload.resolved,
    image: args.image ?? d.image,
    replicas: args.replicas ?? d.replicas,
    volumeSizeGiB: args.volumeSizeGiB ?? d.volumeSizeGiB,
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    nodeLabel: args.nodeLabel ?? d.nodeLabel,
  };
  const problems = [
    ...workload.problems,
    ...imageProblems(resolved.image).map((p) => `image ${p}`),
    ...(/enterprise/i.test(resolved.image.tag) ? [`image tag "${resolved.image.tag}" is an Enterprise Edition image; this component runs Community Edition (Enterprise needs a licence and the licence-agreement variable)`] : []),
    ...(resolved.replicas === 1 ? [] : [`replicas must be 1, got ${resolved.replicas}: ${COMMUNITY_SINGLE_INSTANCE}`]),
    ...integerProblem("volumeSizeGiB", resolved.volumeSizeGiB, 1, 16_384),
    ...integerProblem("cpuMillis", resolved.cpuMillis, 100, 64_000),
    ...integerProblem("cpuLimitMillis", resolved.cpuLimitMillis, resolved.cpuMillis, 64_000),
    ...integerProblem("memoryMiB", resolved.memoryMiB, MIN_MEMORY_MIB, 262_144),
    ...(NODE_LABEL.test(resolved.nodeLabel) ? [] : [`nodeLabel "${resolved.nodeLabel}" must be a letter, then letters, digits or _ (at most 63 characters): the Fiber adapter writes it into Cypher unquoted`]),
  ];
  if (problems.length > 0) throw new Error(`Neo4j ${name}: ${problems.join("; ")}`);
  return resolved;
}
