import { type ContainerImage, imageProblems } from "../kubernetes/image";
import { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs } from "../kubernetes/workload";
import { defaultMaxFileStoreGiB } from "./config";
import { KV_BUCKET_NAME, NATS_DEFAULTS } from "./defaults";
import { nodesProblem } from "./topology";

export interface NatsClusterArgs extends KubernetesWorkloadArgs {
  /** Server pods: 1 (no cluster), or 3..9 (a JetStream cluster; 2 is refused, see topology.ts). Default: 1 (count). */
  readonly nodes?: number;
  /**
   * Size of each server's JetStream volume in the claim template, 1..16384. Default: 10 (GiB). Fixed once created: the
   * template is immutable, so a change replaces the StatefulSet; grow by expanding the claims (docs/components.md).
   */
  readonly volumeSizeGiB?: number;
  /**
   * Size the claims were expanded to after creation (`kubectl patch pvc`), integer `volumeSizeGiB`..16384. Default:
   * `volumeSizeGiB` (GiB). Changes only the JetStream cap's ceiling and default, never the claim template.
   */
  readonly expandedVolumeSizeGiB?: number;
  /**
   * JetStream's file-store cap per server (`max_file_store`), integer 1..the claim size (`expandedVolumeSizeGiB`).
   * Default: 80 % of the claim size (GiB). Never above the claim: JetStream would accept writes the disk cannot hold.
   */
  readonly jetStreamMaxFileStoreGiB?: number;
  /** CPU request per server, 50..64000. Default: 250 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit per server, `cpuMillis`..64000. Default: 1000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request and limit per server, 256..262144. Default: 1024 (MiB). */
  readonly memoryMiB?: number;
  /** Server image, pinned by digest. Default: `NATS_SERVER_IMAGE` (image.ts). */
  readonly image?: ContainerImage;
  /** `nats` CLI image of the bucket Job and the backup dump, pinned by digest. Default: `NATS_BOX_IMAGE` (image.ts). */
  readonly boxImage?: ContainerImage;
  /** Metrics exporter sidecar image, pinned by digest. Default: `NATS_EXPORTER_IMAGE` (image.ts). */
  readonly exporterImage?: ContainerImage;
  /** KV bucket the Fiber adapter uses (its stream is `KV_<bucket>`). Default: `fiber_storage` (the adapter's own default). */
  readonly bucket?: string;
}

export interface ResolvedNatsArgs extends ResolvedWorkloadArgs {
  readonly nodes: number;
  readonly volumeSizeGiB: number;
  readonly expandedVolumeSizeGiB: number;
  /** GiB; fractional when it is the default share of the volume. */
  readonly jetStreamMaxFileStoreGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly image: ContainerImage;
  readonly boxImage: ContainerImage;
  readonly exporterImage: ContainerImage;
  readonly bucket: string;
}

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

/** Every default applied once and every argument checked; throws one Error naming the component and all problems. */
export function resolveNatsArgs(name: string, args: NatsClusterArgs): ResolvedNatsArgs {
  const d = NATS_DEFAULTS;
  const { resolved: workload, problems: workloadProblems } = resolveWorkloadArgs("nats", args);
  const volumeSizeGiB = args.volumeSizeGiB ?? d.volumeSizeGiB;
  const expandedVolumeSizeGiB = args.expandedVolumeSizeGiB ?? volumeSizeGiB;
  const resolved: ResolvedNatsArgs = {
    ...workload,
    nodes: args.nodes ?? d.nodes,
    volumeSizeGiB,
    expandedVolumeSizeGiB,
    jetStreamMaxFileStoreGiB: args.jetStreamMaxFileStoreGiB ?? defaultMaxFileStoreGiB(expandedVolumeSizeGiB),
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    image: args.image ?? d.image,
    boxImage: args.boxImage ?? d.boxImage,
    exporterImage: args.exporterImage ?? d.exporterImage,
    bucket: args.bucket ?? d.bucket,
  };
  const nodes = nodesProblem(resolved.nodes);
  const problems = [
    ...workloadProblems,
    ...(nodes ? [`nodes ${nodes}, got ${resolved.nodes}`] : []),
    ...integerProblem("volumeSizeGiB", resolved.volumeSizeGiB, 1, 16_384),
    // A claim grows but never shrinks.
    ...integerProblem("expandedVolumeSizeGiB", resolved.expandedVolumeSizeGiB, resolved.volumeSizeGiB, 16_384),
    // Above the claim, JetStream would accept writes the disk cannot hold (the volume also carries Raft logs).
    ...(args.jetStreamMaxFileStoreGiB === undefined ? [] : integerProblem("jetStreamMaxFileStoreGiB", args.jetStreamMaxFileStoreGiB, 1, resolved.expandedVolumeSizeGiB)),
    ...integerProblem("cpuMillis", resolved.cpuMillis, 50, 64_000),
    ...integerProblem("cpuLimitMillis", resolved.cpuLimitMillis, resolved.cpuMillis, 64_000),
    ...integerProblem("memoryMiB", resolved.memoryMiB, 256, 262_144),
    ...imageProblems(resolved.image).map((p) => `image ${p}`),
    ...imageProblems(resolved.boxImage).map((p) => `boxImage ${p}`),
    ...imageProblems(resolved.exporterImage).map((p) => `exporterImage ${p}`),
    ...(KV_BUCKET_NAME.test(resolved.bucket) ? [] : [`bucket "${resolved.bucket}" must be 1-64 letters, digits, '_' or '-' (the KV API refuses other names)`]),
  ];
  if (problems.length > 0) throw new Error(`NatsCluster ${name}: ${problems.join("; ")}`);
  return resolved;
}

export { FIBER_DEFAULT_BUCKET, KV_BUCKET_NAME, NATS_DEFAULTS } from "./defaults";
