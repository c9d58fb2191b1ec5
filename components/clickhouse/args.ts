import { type ContainerImage, imageProblems } from "../kubernetes/image";
import { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs } from "../kubernetes/workload";
import { CLICKHOUSE_DEFAULTS, FIBER_DEFAULTS, KEEPER_SIZES, MAX_REPLICAS, RESERVED_USERS } from "./defaults";
import { type FiberSchema, IDENTIFIER } from "./names";

export { ADMIN_USERNAME, CLICKHOUSE_DEFAULTS, FIBER_DEFAULTS, KEEPER_SIZES, MAX_REPLICAS, RESERVED_USERS } from "./defaults";

/** The Altinity operator that serves the custom resources: a prerequisite this component never installs. */
export interface ClickHouseOperator {
  /**
   * Namespace of the operator's pod (it queries every server for metrics and schema over HTTP 8123, and Keeper on
   * 2181); the NetworkPolicies admit only this namespace. Required, no default: the Helm chart installs into its
   * release namespace (`helm install -n <namespace>`), the install bundle into `kube-system`.
   */
  readonly namespace: string;
}

export interface ClickHouseArgs extends KubernetesWorkloadArgs {
  /** Server image, pinned by tag and digest (also runs the schema Job and the backup dump). Default: `CLICKHOUSE_SERVER_IMAGE` (image.ts). */
  readonly image?: ContainerImage;
  /** Keeper image, pinned by tag and digest. Default: `CLICKHOUSE_KEEPER_IMAGE` (image.ts). */
  readonly keeperImage?: ContainerImage;
  /** Replicas of the one shard, 1..5 (each its own StatefulSet, pod and volume). Default: 1. */
  readonly replicas?: number;
  /** Keeper members, 1, 3 or 5 (a Raft majority must stand). Default: 1. */
  readonly keeperReplicas?: number;
  /** Data volume of each replica, 1..16384. Default: 20 (GiB). */
  readonly volumeSizeGiB?: number;
  /** Volume of each Keeper member (log and snapshots), 1..1024. Default: 5 (GiB). */
  readonly keeperVolumeSizeGiB?: number;
  /** CPU request of each server, 100..64000. Default: 500 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit of each server, `cpuMillis`..64000. Default: 2000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request = limit of each server, 1024..262144. Default: 2048 (MiB). */
  readonly memoryMiB?: number;
  /** Memory request = limit of each Keeper member, 256..65536. Default: 512 (MiB). */
  readonly keeperMemoryMiB?: number;
  /** Database and table of the Fiber adapter (identifiers). Default: `fiber` and `fiber_storage`. */
  readonly fiber?: Partial<FiberSchema>;
  /** The application user (an identifier, not `default`). Default: `fiber`. */
  readonly appUsername?: string;
  /** Source networks the application and admin users may sign in from (ClickHouse `networks/ip`). Default: the RFC 1918 ranges and 100.64.0.0/10 (EKS custom networking). */
  readonly clientCidrs?: readonly string[];
  /** The operator (a prerequisite). Required: no default. */
  readonly operator: ClickHouseOperator;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
export function isCidr(value: string): boolean {
  const m = CIDR.exec(value);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

export interface ResolvedClickHouseArgs extends ResolvedWorkloadArgs {
  readonly image: ContainerImage;
  readonly keeperImage: ContainerImage;
  readonly replicas: number;
  readonly keeperReplicas: number;
  readonly volumeSizeGiB: number;
  readonly keeperVolumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly keeperMemoryMiB: number;
  readonly fiber: FiberSchema;
  readonly appUsername: string;
  readonly clientCidrs: readonly string[];
  readonly operatorNamespace: string;
}

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

function identifierProblem(field: string, value: string): string[] {
  return IDENTIFIER.test(value) ? [] : [`${field} "${value}" must be an identifier (a letter or _, then letters, digits or _, at most 63 characters)`];
}

/** Applies every default once and checks every argument; throws one Error listing all problems. */
export function resolveClickHouseArgs(name: string, args: ClickHouseArgs): ResolvedClickHouseArgs {
  const d = CLICKHOUSE_DEFAULTS;
  const workload = resolveWorkloadArgs("clickhouse", args);
  const resolved: ResolvedClickHouseArgs = {
    ...workload.resolved,
    image: args.image ?? d.image,
    keeperImage: args.keeperImage ?? d.keeperImage,
    replicas: args.replicas ?? d.replicas,
    keeperReplicas: args.keeperReplicas ?? d.keeperReplicas,
    volumeSizeGiB: args.volumeSizeGiB ?? d.volumeSizeGiB,
    keeperVolumeSizeGiB: args.keeperVolumeSizeGiB ?? d.keeperVolumeSizeGiB,
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    keeperMemoryMiB: args.keeperMemoryMiB ?? d.keeperMemoryMiB,
    fiber: { ...FIBER_DEFAULTS, ...args.fiber },
    appUsername: args.appUsername ?? d.appUsername,
    clientCidrs: args.clientCidrs ?? d.clientCidrs,
    // Optional chaining for JavaScript callers and stack settings: the type requires it; an absent one is refused below.
    operatorNamespace: (args.operator as ClickHouseOperator | undefined)?.namespace ?? "",
  };
  const problems = [
    ...workload.problems,
    ...imageProblems(resolved.image).map((p) => `image ${p}`),
    ...imageProblems(resolved.keeperImage).map((p) => `keeperImage ${p}`),
    ...integerProblem("replicas", resolved.replicas, 1, MAX_REPLICAS),
    ...((KEEPER_SIZES as readonly number[]).includes(resolved.keeperReplicas) ? [] : [`keeperReplicas must be 1, 3 or 5, got ${resolved.keeperReplicas}`]),
    ...integerProblem("volumeSizeGiB", resolved.volumeSizeGiB, 1, 16_384),
    ...integerProblem("keeperVolumeSizeGiB", resolved.keeperVolumeSizeGiB, 1, 1024),
    ...integerProblem("cpuMillis", resolved.cpuMillis, 100, 64_000),
    ...integerProblem("cpuLimitMillis", resolved.cpuLimitMillis, resolved.cpuMillis, 64_000),
    ...integerProblem("memoryMiB", resolved.memoryMiB, 1024, 262_144),
    ...integerProblem("keeperMemoryMiB", resolved.keeperMemoryMiB, 256, 65_536),
    ...identifierProblem("fiber.database", resolved.fiber.database),
    ...identifierProblem("fiber.table", resolved.fiber.table),
    ...identifierProblem("appUsername", resolved.appUsername),
    ...((RESERVED_USERS as readonly string[]).includes(resolved.appUsername) ? [`appUsername must not be "${resolved.appUsername}" (reserved: ${RESERVED_USERS.join(", ")})`] : []),
    ...(resolved.clientCidrs.length > 0 ? [] : ["clientCidrs must name at least one network"]),
    ...resolved.clientCidrs.filter((c) => !isCidr(c)).map((c) => `clientCidrs "${c}" is not an IPv4 CIDR block`),
    ...(resolved.operatorNamespace === ""
      ? [`operator.namespace must be set: the namespace the Altinity operator runs in (helm install -n <namespace>), the only one the NetworkPolicies admit to the servers' HTTP port and Keeper`]
      : /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(resolved.operatorNamespace) ? [] : [`operator.namespace "${resolved.operatorNamespace}" must be a DNS label`]),
  ];
  if (problems.length > 0) throw new Error(`ClickHouse ${name}: ${problems.join("; ")}`);
  return resolved;
}
