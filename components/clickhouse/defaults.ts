import { CLICKHOUSE_KEEPER_IMAGE, CLICKHOUSE_SERVER_IMAGE } from "./image";
import type { FiberSchema } from "./names";

// Pure (no provider SDK): the stack's schema, settings and rules read these; args.ts re-exports them.

/** The Fiber defaults: database `fiber`, table `fiber_storage` (the adapter has no table default: it refuses an empty one). */
export const FIBER_DEFAULTS: FiberSchema = { database: "fiber", table: "fiber_storage" };

/** The arguments with a fixed default, and that default (each documented on {@link ClickHouseArgs}). */
export const CLICKHOUSE_DEFAULTS = {
  image: CLICKHOUSE_SERVER_IMAGE,
  keeperImage: CLICKHOUSE_KEEPER_IMAGE,
  replicas: 1,
  keeperReplicas: 1,
  volumeSizeGiB: 20,
  keeperVolumeSizeGiB: 5,
  cpuMillis: 500,
  cpuLimitMillis: 2000,
  memoryMiB: 2048,
  keeperMemoryMiB: 512,
  appUsername: "fiber",
  /**
   * RFC 1918 plus 100.64.0.0/10 (RFC 6598 shared address space): EKS pods get addresses from a secondary VPC CIDR in
   * that range under VPC CNI custom networking (https://docs.aws.amazon.com/eks/latest/userguide/cni-custom-network.html,
   * checked 2026-11-29). The NetworkPolicy, not this list, decides who reaches the servers.
   */
  clientCidrs: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"],
} as const;

/** The namespace the README installs the operator into (`helm install -n clickhouse-operator`); an example, never a default. */
export const OPERATOR_NAMESPACE_EXAMPLE = "clickhouse-operator";

/** Users the component defines itself: the application user may be none of them. */
export const RESERVED_USERS = ["default", "sparki_admin", "clickhouse_operator"] as const;
export const ADMIN_USERNAME = "sparki_admin";
/** Keeper sizes: a Raft majority of 1, 3 or 5 members (an even count tolerates no more failures than one fewer). */
export const KEEPER_SIZES = [1, 3, 5] as const;
export const MAX_REPLICAS = 5;
