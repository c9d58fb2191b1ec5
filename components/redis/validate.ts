import { CLIENT_CIDR_RULE, privateCidrProblem } from "../common/cidr";
import { logRetentionProblem } from "../common/log-retention";
import { DAILY_WINDOW, WEEKLY_WINDOW, windowPairProblem, type WindowPairRule } from "../common/windows";
import { applyRedisDefaults, type RedisCacheArgs, type ResolvedRedisArgs } from "./args";
import { engineVersionProblem } from "./engines";
import { replicationGroupIdProblem } from "./naming";
import { failoverProblem, nodeTypeProblem } from "./node-types";

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

/** Every problem with a set of component arguments (defaults applied), as `<argument> <what is wrong>`. Empty when valid. */
export function redisCacheArgsProblems(args: RedisCacheArgs): string[] {
  return resolvedProblems(applyRedisDefaults(args));
}

/** The arguments with every default applied (REDIS_DEFAULTS), once; throws one Error listing every problem. */
export function resolveRedisArgs(name: string, args: RedisCacheArgs): ResolvedRedisArgs {
  const resolved = applyRedisDefaults(args);
  const problems = resolvedProblems(resolved);
  if (problems.length > 0) throw new Error(`RedisCache ${name}: ${problems.join("; ")}`);
  return resolved;
}

function resolvedProblems(a: ResolvedRedisArgs): string[] {
  const problems: string[] = [];
  const check = (field: string, problem: string | false | undefined) => { if (problem) problems.push(`${field} ${problem}`); };
  const { shards, replicasPerShard: replicas, multiAz } = a;

  check("accountId", !/^\d{12}$/.test(a.accountId) && `must be a 12-digit AWS account ID, got "${a.accountId}"`);
  check("region", !AWS_REGION.test(a.region) && `must be an AWS region such as eu-west-1, got "${a.region}"`);
  check("replicationGroupId", replicationGroupIdProblem(a.replicationGroupId));
  check("engineVersion", engineVersionProblem(a.engine, a.engineVersion));
  check("nodeType", nodeTypeProblem(a.nodeType));
  check("clusterMode", a.clusterMode && failoverProblem(a.nodeType, "cluster mode"));
  check("multiAz", multiAz && failoverProblem(a.nodeType, "Multi-AZ"));
  check("shards", !isInt(shards, 1, 500) ? `must be an integer 1..500, got ${shards}` : shards > 1 && !a.clusterMode && `of ${shards} needs clusterMode (without it a group has one shard)`);
  check("replicasPerShard", !isInt(replicas, 0, 5) && `must be an integer 0..5, got ${replicas}`);
  check("shards", isInt(shards, 1, 500) && isInt(replicas, 0, 5) && shards * (replicas + 1) > MAX_NODES_PER_GROUP
    && `x (1 + replicasPerShard) is ${shards * (replicas + 1)} nodes; ElastiCache allows at most ${MAX_NODES_PER_GROUP} per cluster (${MAX_NODES_SOURCE})`);
  check("multiAz", multiAz && replicas < 1 && "needs at least 1 replica per shard (a failover target in another zone)");
  check("availabilityZones", a.availabilityZones.length < (multiAz ? 2 : 1) && `must list at least ${multiAz ? 2 : 1} zone(s), got ${a.availabilityZones.length}`);
  check("port", !isInt(a.port, 1024, 65535) && `must be an integer 1024..65535, got ${a.port}`);
  check("reservedMemoryPercent", !isInt(a.reservedMemoryPercent, 0, 100) && `must be an integer 0..100, got ${a.reservedMemoryPercent}`);
  check("snapshotRetentionDays", !isInt(a.snapshotRetentionDays, 1, 35) && `must be an integer 1..35 (snapshots stay on), got ${a.snapshotRetentionDays}`);
  check("snapshotWindow", !DAILY_WINDOW.test(a.snapshotWindow) && `must look like 03:00-04:00 (UTC), got "${a.snapshotWindow}"`);
  check("maintenanceWindow", !WEEKLY_WINDOW.test(a.maintenanceWindow) && `must look like sun:05:00-sun:06:00 (UTC), got "${a.maintenanceWindow}"`);
  if (DAILY_WINDOW.test(a.snapshotWindow) && WEEKLY_WINDOW.test(a.maintenanceWindow)) {
    const problem = windowPairProblem(a.snapshotWindow, a.maintenanceWindow, CACHE_WINDOW_RULE);
    if (problem) {
      const key = CACHE_WINDOW_KEYS[problem.window];
      check(key, `${problem.message}, got "${a[key]}"`);
    }
  }
  const recovery = a.secretRecoveryWindowDays;
  check("secretRecoveryWindowDays", !(recovery === 0 || isInt(recovery, 7, 30)) && `must be 0 or an integer 7..30, got ${recovery}`);
  check("secretRotationDays", !isInt(a.secretRotationDays, 1, 1000) && `must be an integer 1..1000 (Secrets Manager's rotation interval), got ${a.secretRotationDays}`);
  const retentionProblem = logRetentionProblem(a.logRetentionDays);
  check("logRetentionDays", retentionProblem && `${retentionProblem}, got ${a.logRetentionDays}`);
  check("appUsername", !/^[a-zA-Z][a-zA-Z0-9_-]{0,119}$/.test(a.appUsername) || a.appUsername === "default"
    ? `must be a letter then letters, digits, "-" or "_" (and not "default", the disabled user), got "${a.appUsername}"` : undefined);
  for (const cidr of a.allowedCidrs) {
    const problem = privateCidrProblem(cidr, CLIENT_CIDR_RULE);
    check("allowedCidrs", problem && `${problem}, got "${cidr}"`);
  }
  check("allowedCidrs", a.allowedCidrs.length + a.allowedSecurityGroupIds.length === 0
    && "or allowedSecurityGroupIds must name at least one client source (otherwise nothing can connect)");
  return problems;
}
