export { POLICY_EXCEPTION_TAG } from "../common/policy-exception";
/**
 * The policy pack's named exception for this component: the Fiber `storage/memcache` adapter connects over plain TCP
 * (gofiber/storage memcache `Config` has `Servers` and `Reset` only; `New` calls bradfitz/gomemcache `memcache.New`,
 * which dials plain TCP), so in-transit encryption on the cluster would lock it out. Read 2026-11-29.
 *
 * The cluster carries `POLICY_EXCEPTION_TAG = MEMCACHE_PLAINTEXT_EXCEPTION`; the policy
 * `elasticache-cluster-transit-encryption` (policy/memcached.ts) accepts a plaintext cluster only with this tag AND
 * the compensating controls it can see on the resource.
 */
export const MEMCACHE_PLAINTEXT_EXCEPTION = "memcache-plaintext-client";
/** What the cluster holds: `cache` (losing it costs hit rate, never data). */
export const DATA_CLASS_TAG = "sparki:data-class";

/** The compensating controls, as the README and the policy state them. */
export const MEMCACHE_COMPENSATING_CONTROLS = [
  "its own security group is the only access control: inbound on the Memcached port only, from the named client CIDRs or security groups only, no outbound rule",
  "private subnets only (its own subnet group; the VPC has no internet or NAT gateway), and ElastiCache gives Memcached no public endpoint",
  "caching only: no snapshots (Memcached has none), nothing that must not be lost or read by another VPC client; secrets and sessions that must stay confidential go to the Valkey/Redis row (TLS + RBAC)",
] as const;
