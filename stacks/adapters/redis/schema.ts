import type { z } from "zod";
import { CLIENT_CIDR_RULE } from "../../../components/common/cidr";
import { DAILY_WINDOW, WEEKLY_WINDOW } from "../../../components/common/windows";
import { ENGINE_VERSIONS, MAXMEMORY_POLICIES, NODE_TYPE_FAMILIES, REDIS_ENGINES } from "../../../components/redis";
import { documented } from "../../config/docs";
import { flag, intRange, list, matching, oneOf, privateCidr, section } from "../../config/rules";

export const REDIS_AUTH_MODES = ["rbac", "none"] as const;

const code = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(" | ");

/** "valkey `7.2`, `8.0`; redis `6.2`" and "valkey7/8, redis6.x/7", from the engine table. */
const versionsByEngine = REDIS_ENGINES.map((e) => `${e} ${Object.keys(ENGINE_VERSIONS[e]).map((v) => `\`${v}\``).join(", ")}`).join("; ");
const familiesByEngine = REDIS_ENGINES.map((e) => [...new Set(Object.values(ENGINE_VERSIONS[e]))].map((f, i) => (i === 0 ? f : f.slice(e.length))).join("/")).join(", ");
const launchableFamilies = Object.entries(NODE_TYPE_FAMILIES).filter(([, f]) => f.launchable).map(([name]) => name).join(", ");

/** `sparki-storage:redis`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const redisSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy the Valkey/Redis cache at all." }),
  engine: documented(oneOf(REDIS_ENGINES).optional(), { type: code(REDIS_ENGINES), description: "Cache engine." }),
  engineVersion: documented(matching(/^\d+\.\d+$/, 'a quoted major.minor engine version such as "8.1"').optional(), {
    type: 'quoted `"major.minor"`',
    description: `${versionsByEngine}. Decides the parameter group family (${familiesByEngine}).`,
  }),
  nodeType: documented(matching(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "a node type such as cache.r7g.large").optional(), {
    type: "`cache.<family>.<size>`",
    description: `Families ${launchableFamilies} (T1 is refused: previous generation, no automatic failover).`,
  }),
  clusterMode: documented(flag().optional(), { type: "boolean", description: "Shard data over node groups; clients use the configuration endpoint." }),
  shards: documented(intRange(1, 500).optional(), { type: "integer 1..500", description: "Node groups; above 1 needs `clusterMode`." }),
  replicasPerShard: documented(intRange(0, 5).optional(), { type: "integer 0..5", description: "Read replicas per shard (the failover targets)." }),
  multiAz: documented(flag().optional(), { type: "boolean", description: "Multi-AZ with automatic failover; needs `replicasPerShard` ≥ 1; prod refuses `false`." }),
  maxmemoryPolicy: documented(oneOf(MAXMEMORY_POLICIES).optional(), { type: code(MAXMEMORY_POLICIES), description: "Eviction policy (see the cache section for why)." }),
  snapshotRetentionDays: documented(intRange(1, 35).optional(), { type: "integer days 1..35", description: "Automatic snapshots kept; prod refuses fewer than 7." }),
  snapshotWindow: documented(matching(DAILY_WINDOW, "a daily UTC window such as 03:00-04:00").optional(), {
    type: "`hh:mm-hh:mm`, UTC",
    description: "Daily snapshot window, ≥ 60 minutes.",
  }),
  maintenanceWindow: documented(matching(WEEKLY_WINDOW, "a weekly UTC window such as sun:05:00-sun:06:00").optional(), {
    type: "`ddd:hh:mm-ddd:hh:mm`, UTC",
    description: "Weekly maintenance window, ≥ 60 minutes, not overlapping the snapshot window.",
  }),
  auth: documented(oneOf(REDIS_AUTH_MODES).optional(), { type: code(REDIS_AUTH_MODES), description: "Client authentication; prod refuses `none`." }),
  allowedCidrs: documented(list(privateCidr(CLIENT_CIDR_RULE)).optional(), {
    type: "list of private IPv4 CIDRs /8–/32 (10/8, 172.16/12, 192.168/16, 100.64/10; network address, no host bits)",
    default: "the created VPC's CIDR",
    description: "Clients allowed to the TLS port 6379; public ranges (e.g. `3.0.0.0/8`) are refused. Required (or `allowedSecurityGroupIds`) with `network.vpcId`.",
  }),
  allowedSecurityGroupIds: documented(list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90")).optional(), {
    type: "list of `sg-…`",
    description: "Client security groups allowed to the TLS port.",
  }),
}), {
  description: "Valkey/Redis cache on ElastiCache. Absent fields take the profile default.",
});

export type RedisConfig = z.infer<typeof redisSchema>;
