import prodPolicyConfig from "../../policy/config/prod.json";

/**
 * Prod's invariants that the policy pack enforces at preview (`pulumi preview --policy-pack-config
 * policy/config/prod.json`), read from that same file so the plan refuses at plan time exactly what the preview
 * would: the prod profile's rules (stacks/adapters/<key>/profiles.ts) take their numbers from here.
 */
export const PROD_POLICY = {
  /** matrix-postgres-ha: read replicas of every PostgreSQL primary, at least. */
  postgresMinReplicas: prodPolicyConfig["matrix-postgres-ha"].minimumReplicas,
  /** matrix-build-cache-expiry: days after which the build cache expires, at most. */
  buildCacheMaxExpirationDays: prodPolicyConfig["matrix-build-cache-expiry"].maximumDays,
} as const;
