import type { ProfileName } from "../../config/schema";

/** What a tier means for the Memcached cluster before config overrides it (absent fields: the component's defaults). */
export interface MemcacheProfile {
  /** Off in both tiers: examples/memcache turns it on. */
  readonly enabled: boolean;
  /** Memcached version (the component's default is the newest). */
  readonly engineVersion: string;
  /** The component has no default. */
  readonly nodeType: string;
  readonly numNodes: number;
  /** The fewest nodes config may set for this tier. */
  readonly minNodes: number;
  /** Config may not choose `single-az` (nodes must be spread over the zones). */
  readonly crossAzRequired: boolean;
  /** Apply changes at once (true) or in the maintenance window. */
  readonly applyImmediately: boolean;
}

export const MEMCACHE_PROFILES: Readonly<Record<ProfileName, MemcacheProfile>> = {
  // One burstable node: a dev cache is disposable and its misses cheap.
  dev: { enabled: false, engineVersion: "1.6.22", nodeType: "cache.t4g.micro", numNodes: 1, minNodes: 1, crossAzRequired: false, applyImmediately: true },
  // Three memory-optimised Graviton nodes, one per zone: a zone outage costs a third of the keys (misses, not errors
  // for long: the client marks the node dead), never the whole cache. Changes wait for the maintenance window.
  prod: { enabled: false, engineVersion: "1.6.22", nodeType: "cache.r6g.large", numNodes: 3, minNodes: 2, crossAzRequired: true, applyImmediately: false },
};
