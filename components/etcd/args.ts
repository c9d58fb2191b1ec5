import { type ContainerImage, imageProblems } from "../kubernetes/image";
import { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs } from "../kubernetes/workload";
import { ETCD_DEFAULTS, KEY_PREFIX } from "./defaults";
import { clientImageShellProblem } from "./image";
import { defaultQuotaGiB, MIN_VOLUME_GIB, memberCountProblem, memoryProblem, quotaProblem } from "./sizing";

export { ETCD_DEFAULTS, KEY_PREFIX, RUN_AS } from "./defaults";

export interface EtcdClusterArgs extends KubernetesWorkloadArgs {
  /**
   * Members (pods), odd, 1..7. Default: 1 (count). A change replaces the StatefulSet (`replaceOnChanges`): a new,
   * empty cluster, refused while it is protected; the data comes back only by restoring a snapshot.
   */
  readonly members?: number;
  /** Size of each member's data volume, 3..16384. Default: 4 (GiB). */
  readonly volumeSizeGiB?: number;
  /** `--quota-backend-bytes`, 1..8 and at most (volume - 1) / 2. Default: 2, or less where the volume cannot hold it (GiB). */
  readonly quotaBackendGiB?: number;
  /** CPU request per member, 50..64000. Default: 250 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit per member, `cpuMillis`..64000. Default: 1000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request and limit per member, 256..262144 and at least 512 + 512 per GiB of quota (sizing.ts). Default: 1024 (MiB). */
  readonly memoryMiB?: number;
  /** Server image (also runs the backup and defragmentation), pinned by digest. Default: `ETCD_IMAGE` (image.ts). */
  readonly image?: ContainerImage;
  /**
   * Image of the auth provisioning Job (needs /bin/sh and etcdctl), pinned by digest; the etcd project's own images
   * and `registry.k8s.io/etcd` from 3.6.6-0 have no shell and are refused. Default: `ETCD_CLIENT_IMAGE` (image.ts).
   */
  readonly clientImage?: ContainerImage;
  /** Key prefix the application's role may read and write, ending in `/`. Default: `sparki/`. */
  readonly keyPrefix?: string;
  /** Cron schedule (UTC) of the defragmentation CronJob. Default: `43 4 * * *` (daily). */
  readonly defragSchedule?: string;
}

const CRON_FIELDS = /^\S+( \S+){4}$/;

export interface ResolvedEtcdArgs extends ResolvedWorkloadArgs {
  readonly members: number;
  readonly volumeSizeGiB: number;
  readonly quotaBackendGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly image: ContainerImage;
  readonly clientImage: ContainerImage;
  readonly keyPrefix: string;
  readonly defragSchedule: string;
}

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

/** Every default applied once and every argument checked; throws one Error naming each problem. */
export function resolveEtcdArgs(name: string, args: EtcdClusterArgs): ResolvedEtcdArgs {
  const d = ETCD_DEFAULTS;
  const workload = resolveWorkloadArgs("etcd", args);
  const volumeSizeGiB = args.volumeSizeGiB ?? d.volumeSizeGiB;
  const resolved: ResolvedEtcdArgs = {
    ...workload.resolved,
    members: args.members ?? d.members,
    volumeSizeGiB,
    quotaBackendGiB: args.quotaBackendGiB ?? defaultQuotaGiB(volumeSizeGiB),
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    image: args.image ?? d.image,
    clientImage: args.clientImage ?? d.clientImage,
    keyPrefix: args.keyPrefix ?? d.keyPrefix,
    defragSchedule: args.defragSchedule ?? d.defragSchedule,
  };
  const members = memberCountProblem(resolved.members);
  const volume = integerProblem("volumeSizeGiB", resolved.volumeSizeGiB, MIN_VOLUME_GIB, 16_384);
  const quota = volume.length === 0 ? quotaProblem(resolved.quotaBackendGiB, resolved.volumeSizeGiB) : undefined;
  const memory = volume.length === 0 && !quota ? memoryProblem(resolved.memoryMiB, resolved.quotaBackendGiB) : undefined;
  const shell = clientImageShellProblem(resolved.clientImage);
  const problems = [
    ...workload.problems,
    ...(members ? [`members ${members}, got ${resolved.members}`] : []),
    ...volume,
    ...(quota ? [`quotaBackendGiB ${quota}, got ${resolved.quotaBackendGiB}`] : []),
    ...integerProblem("cpuMillis", resolved.cpuMillis, 50, 64_000),
    ...integerProblem("cpuLimitMillis", resolved.cpuLimitMillis, resolved.cpuMillis, 64_000),
    ...integerProblem("memoryMiB", resolved.memoryMiB, 256, 262_144),
    ...(memory ? [`memoryMiB ${memory}, got ${resolved.memoryMiB}`] : []),
    ...imageProblems(resolved.image).map((p) => `image ${p}`),
    ...imageProblems(resolved.clientImage).map((p) => `clientImage ${p}`),
    ...(shell ? [`clientImage ${shell}`] : []),
    ...(KEY_PREFIX.test(resolved.keyPrefix) ? [] : [`keyPrefix "${resolved.keyPrefix}" must be 1..128 characters of letters, digits, '_', '.', '-' and '/', ending in '/'`]),
    ...(CRON_FIELDS.test(resolved.defragSchedule) ? [] : [`defragSchedule "${resolved.defragSchedule}" must have the five cron fields (minute hour day month weekday)`]),
  ];
  if (problems.length > 0) throw new Error(`EtcdCluster ${name}: ${problems.join("; ")}`);
  return resolved;
}
