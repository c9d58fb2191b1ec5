import { CLIENT_CIDR_RULE, privateCidrProblem } from "../common/cidr";
import { logRetentionProblem } from "../common/log-retention";
import { DAILY_WINDOW, WEEKLY_WINDOW, windowPairProblem, type WindowPairRule } from "../common/windows";
import { engineVersionProblem } from "./engines";
import type { RedisCacheArgs } from "./args";
import { replicationGroupIdProblem } from "./naming";
import { failoverProblem, nodeTypeProblem } from "./node-types";

/** UTC; apart from each other, and off European and US working hours. */
export const DEFAULT_SNAPSHOT_WINDOW = "03:00-04:00";
export const DEFAULT_MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
/** Days between rotations of the application password when `secretRotationDays` is not given. */
export const DEFAULT_SECRET_ROTATION_DAYS = 30;

/** ElastiCache's demands on the snapshot (daily) and maintenance (weekly) windows: 60 minutes each, no overlap. */
export const CACHE_WINDOW_RULE: WindowPairRule = { minimumMinutes: 60, dailyLabel: "snapshot" };
/** The argument (and config key) a window-pair problem is about. */
export const CACHE_WINDOW_KEYS = { daily: "snapshotWindow", weekly: "maintenanceWindow" } as const;

/**
 * Engine rule (checked 2026-11-29): a Valkey 7.2+ / Redis OSS 5.0.6+ cluster holds at most 500 nodes, primaries
 * and replicas together; the default quota is 90 and a service-limit increase is needed above it.
 */
export const MAX_NODES_PER_GROUP = 500;
export const MAX_NODES_SOURCE = "ElastiCache User Guide, \"Working with shards in ElastiCache\"";

/** `eu-west-1`, `us-gov-west-1`, `cn-north-1`, ... */
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

const isInt = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** Every problem with a set of component arguments, as `<argument> <what is wrong>`. Empty when valid. */
export function redisCacheArgsProblems(args: RedisCacheArgs): string[] {
  const problems: string[] = [];
  const check = (field: string, problem: string | false | undefined) => { if (problem) problems.push(`${field} ${problem}`); };
  const engine = args.engine ?? "valkey";
  const clusterMode = args.clusterMode ?? false;
  const shards = args.shards ?? 1;
  const replicas = args.replicasPerShard ?? 0;
  const multiAz = args.multiAz ?? false;

  check("accountId", !/^\d{12}$/.test(args.accountId) && `must be a 12-digit AWS account ID, got "${args.accountId}"`);
  check("region", !AWS_REGION.test(args.region) && `must be an AWS region such as eu-west-1, got "${args.region}"`);
  check("replicationGroupId", replicationGroupIdProblem(args.replicationGroupId));
  check("engineVersion", engineVersionProblem(engine, args.engineVersion));
  check("nodeType", nodeTypeProblem(args.nodeType));
  check("clusterMode", clusterMode && failoverProblem(args.nodeType, "cluster mode"));
  check("multiAz", multiAz && failoverProblem(args.nodeType, "Multi-AZ"));
  check("shards", !isInt(shards, 1, 500) ? `must be an integer 1..500, got ${shards}` : shards > 1 && !clusterMode && `of ${shards} needs clusterMode (without it a group has one shard)`);
  check("replicasPerShard", !isInt(replicas, 0, 5) && `must be an integer 0..5, got ${replicas}`);
  check("shards", isInt(shards, 1, 500) && isInt(replicas, 0, 5) && shards * (replicas + 1) > MAX_NODES_PER_GROUP
    && `x (1 + replicasPerShard) is ${shards * (replicas + 1)} nodes; ElastiCache allows at most ${MAX_NODES_PER_GROUP} per cluster (${MAX_NODES_SOURCE})`);
  check("multiAz", multiAz && replicas < 1 && "needs at least 1 replica per shard (a failover target in another zone)");
  check("availabilityZones", args.availabilityZones.length < (multiAz ? 2 : 1) && `must list at least ${multiAz ? 2 : 1} zone(s), got ${args.availabilityZones.length}`);
  check("port", !isInt(args.port ?? 6379, 1024, 65535) && `must be an integer 1024..65535, got ${args.port}`);
  check("reservedMemoryPercent", !isInt(args.reservedMemoryPercent ?? 25, 0, 100) && `must be an integer 0..100, got ${args.reservedMemoryPercent}`);
  check("snapshotRetentionDays", !isInt(args.snapshotRetentionDays ?? 1, 1, 35) && `must be an integer 1..35 (snapshots stay on), got ${args.snapshotRetentionDays}`);
  check("snapshotWindow", args.snapshotWindow !== undefined && !DAILY_WINDOW.test(args.snapshotWindow) && `must look like 03:00-04:00 (UTC), got "${args.snapshotWindow}"`);
  check("maintenanceWindow", args.maintenanceWindow !== undefined && !WEEKLY_WINDOW.test(args.maintenanceWindow) && `must look like sun:05:00-sun:06:00 (UTC), got "${args.maintenanceWindow}"`);
  const windows = { snapshotWindow: args.snapshotWindow ?? DEFAULT_SNAPSHOT_WINDOW, maintenanceWindow: args.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW };
  if (DAILY_WINDOW.test(windows.snapshotWindow) && WEEKLY_WINDOW.test(windows.maintenanceWindow)) {
    const problem = windowPairProblem(windows.snapshotWindow, windows.maintenanceWindow, CACHE_WINDOW_RULE);
    if (problem) {
      const key = CACHE_WINDOW_KEYS[problem.window];
      check(key, `${problem.message}, got "${windows[key]}"`);
    }
  }
  const recovery = args.secretRecoveryWindowDays ?? 30;
  check("secretRecoveryWindowDays", !(recovery === 0 || isInt(recovery, 7, 30)) && `must be 0 or an integer 7..30, got ${recovery}`);
  const rotationDays = args.secretRotationDays ?? DEFAULT_SECRET_ROTATION_DAYS;
  check("secretRotationDays", !isInt(rotationDays, 1, 1000) && `must be an integer 1..1000 (Secrets Manager's rotation interval), got ${rotationDays}`);
  const retention = args.logRetentionDays ?? 30;
  const retentionProblem = logRetentionProblem(retention);
  check("logRetentionDays", retentionProblem && `${retentionProblem}, got ${retention}`);
  check("appUsername", args.appUsername !== undefined && !/^[a-zA-Z][a-zA-Z0-9_-]{0,119}$/.test(args.appUsername) || args.appUsername === "default"
    ? `must be a letter then letters, digits, "-" or "_" (and not "default", the disabled user), got "${args.appUsername}"` : undefined);
  for (const cidr of args.allowedCidrs ?? []) {
    const problem = privateCidrProblem(cidr, CLIENT_CIDR_RULE);
    check("allowedCidrs", problem && `${problem}, got "${cidr}"`);
  }
  check("allowedCidrs", (args.allowedCidrs ?? []).length + (args.allowedSecurityGroupIds ?? []).length === 0
    && "or allowedSecurityGroupIds must name at least one client source (otherwise nothing can connect)");
  return problems;
}
