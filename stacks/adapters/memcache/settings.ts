import { defaultAzMode, MEMCACHED_DEFAULTS, type MemcachedAzMode } from "../../../components/memcached/args";
import type { MemcacheProfile } from "./profiles";
import type { MemcacheConfig } from "./schema";

/** What the stack deploys on ElastiCache for Memcached: its config over the tier over the component's defaults. */
export interface MemcacheSettings {
  readonly enabled: boolean;
  readonly engineVersion: string;
  readonly nodeType: string;
  readonly numNodes: number;
  readonly minNodes: number;
  readonly azMode: MemcachedAzMode;
  readonly crossAzRequired: boolean;
  readonly maxItemSizeBytes: number;
  readonly maintenanceWindow: string;
  readonly applyImmediately: boolean;
  /** Undefined: the CIDR of the VPC the stack creates (the deployment fills it in). */
  readonly allowedCidrs?: readonly string[];
  readonly allowedSecurityGroupIds: readonly string[];
}

export function memcacheSettings(c: MemcacheConfig, p: MemcacheProfile): MemcacheSettings {
  const d = MEMCACHED_DEFAULTS;
  const numNodes = c.numNodes ?? p.numNodes;
  return {
    enabled: c.enabled ?? p.enabled,
    engineVersion: c.engineVersion ?? p.engineVersion,
    nodeType: c.nodeType ?? p.nodeType,
    numNodes,
    minNodes: p.minNodes,
    azMode: c.azMode ?? defaultAzMode(numNodes),
    crossAzRequired: p.crossAzRequired,
    maxItemSizeBytes: c.maxItemSizeBytes ?? d.maxItemSizeBytes,
    maintenanceWindow: c.maintenanceWindow ?? d.maintenanceWindow,
    applyImmediately: p.applyImmediately,
    allowedCidrs: c.allowedCidrs,
    allowedSecurityGroupIds: c.allowedSecurityGroupIds ?? [],
  };
}
