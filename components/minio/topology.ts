import { API_PORT, type ClusterAddress, MINIO_NAMES, scheme } from "./names";

/** Limits this component accepts (MinIO's own limits are wider; these keep a pool reviewable). */
export const MAX_SERVERS = 32;
export const MAX_DRIVES_PER_SERVER = 16;

/** Erasure set sizes MinIO can form (cmd/endpoint-ellipses.go `setSizes`). */
const SET_SIZES = Array.from({ length: 15 }, (_, i) => i + 2);

export type MinioMode = "single-drive" | "single-server-erasure" | "distributed";

export interface ErasureLayout {
  readonly mode: MinioMode;
  readonly servers: number;
  readonly drivesPerServer: number;
  readonly totalDrives: number;
  /** Drives per erasure set (1 for a single drive: no erasure coding). */
  readonly setSize: number;
  readonly sets: number;
  /** MinIO's default parity for the set size (EC:N of the STANDARD storage class). */
  readonly parity: number;
}

export interface TopologyProblem {
  readonly field: "servers" | "drivesPerServer";
  /** What is wrong and what is allowed, without the value (callers append it). */
  readonly message: string;
}

/**
 * The erasure set size MinIO would pick for `servers` × `drivesPerServer` drives given as one `{0...N}` pool:
 * the largest size 2..16 that divides the drive count and is symmetric with the server count (divides it or is
 * a multiple of it). `undefined` when no size fits: MinIO refuses to start.
 */
export function erasureSetSize(servers: number, drivesPerServer: number): number | undefined {
  const total = servers * drivesPerServer;
  const fitting = SET_SIZES.filter((size) =>
    total % size === 0 && (servers > size ? servers % size === 0 : size % servers === 0));
  return fitting.length > 0 ? Math.max(...fitting) : undefined;
}

/** MinIO's default parity per erasure set size (cmd/format-erasure.go `ecDrivesNoConfig`). */
export function defaultParity(setSize: number): number {
  if (setSize <= 1) return 0;
  if (setSize <= 3) return 1;
  if (setSize <= 5) return 2;
  if (setSize <= 7) return 3;
  return 4;
}

/** The first reason MinIO (or this component) would refuse the topology, or `undefined`. */
export function topologyProblem(servers: number, drivesPerServer: number): TopologyProblem | undefined {
  if (!Number.isInteger(servers) || servers < 1 || servers > MAX_SERVERS) {
    return { field: "servers", message: `must be an integer 1..${MAX_SERVERS}` };
  }
  if (!Number.isInteger(drivesPerServer) || drivesPerServer < 1 || drivesPerServer > MAX_DRIVES_PER_SERVER) {
    return { field: "drivesPerServer", message: `must be an integer 1..${MAX_DRIVES_PER_SERVER}` };
  }
  if (servers > 1 && servers < 4) {
    return { field: "servers", message: "must be 1 (one server) or at least 4 (distributed erasure coding needs 4 or more servers)" };
  }
  if (servers === 1 && drivesPerServer > 1 && drivesPerServer < 4) {
    return { field: "drivesPerServer", message: "must be 1 or at least 4 on a single server (erasure coding needs 4 or more drives)" };
  }
  if (servers === 1 && drivesPerServer === 1) return undefined;
  const setSize = erasureSetSize(servers, drivesPerServer);
  if (setSize === undefined || setSize < 4) {
    return {
      field: "servers",
      message: `times drivesPerServer (${drivesPerServer}) gives ${servers * drivesPerServer} drives, which MinIO cannot split into `
        + `erasure sets of 4..16 drives spread evenly over ${servers} servers`,
    };
  }
  return undefined;
}

/** The layout of a valid topology; throws the problem otherwise. */
export function erasureLayout(servers: number, drivesPerServer: number): ErasureLayout {
  const problem = topologyProblem(servers, drivesPerServer);
  if (problem) throw new Error(`${problem.field} ${problem.message}, got ${servers} servers × ${drivesPerServer} drives`);
  const totalDrives = servers * drivesPerServer;
  const setSize = totalDrives === 1 ? 1 : (erasureSetSize(servers, drivesPerServer) ?? totalDrives);
  return {
    mode: servers > 1 ? "distributed" : totalDrives > 1 ? "single-server-erasure" : "single-drive",
    servers,
    drivesPerServer,
    totalDrives,
    setSize,
    sets: totalDrives / setSize,
    parity: defaultParity(setSize),
  };
}

/** Mount path of drive `index` inside a server pod. */
export function drivePath(index: number): string {
  return `/data${index}`;
}

/**
 * The `minio server` arguments naming every drive: `/data0` for one drive, `/data{0...3}` for one server with
 * four, and one `{0...N}` URL expanding over the StatefulSet's stable pod DNS names in distributed mode.
 */
export function serverPool(layout: ErasureLayout, address: ClusterAddress): string {
  const drives = layout.drivesPerServer === 1 ? drivePath(0) : `/data{0...${layout.drivesPerServer - 1}}`;
  if (layout.servers === 1) return drives;
  const hosts = `${MINIO_NAMES.statefulSet}-{0...${layout.servers - 1}}.${MINIO_NAMES.headlessService}.${address.namespace}.svc.${address.clusterDomain}`;
  return `${scheme(address)}://${hosts}:${API_PORT}${drives}`;
}
