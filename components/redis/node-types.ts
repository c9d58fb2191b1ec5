/** What ElastiCache offers on one node type family. */
export interface NodeTypeFamily {
  /** Memory of each size, GiB (what the engine can use before reserved memory). No default. */
  readonly memoryGiB: Readonly<Record<string, number>>;
  /** Burstable (T-class): runs on CPU credits, so sustained load throttles it; unsuited to a P0 cache. No default. */
  readonly burstable: boolean;
  /** ElastiCache still launches new nodes of this family (previous generations only keep existing ones). No default. */
  readonly launchable: boolean;
  /**
   * Automatic failover, and with it cluster mode (which requires automatic failover) and Multi-AZ. No default.
   * AWS: "Multi-AZ with automatic failover is not supported on T1 instances."
   */
  readonly automaticFailover: boolean;
}

/**
 * Node type families this stack knows, from https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html
 * and the API reference's "Additional node type info". Data-tiering r6gd is left out: it needs settings this
 * component does not manage.
 */
export const NODE_TYPE_FAMILIES: Readonly<Record<string, NodeTypeFamily>> = {
  t1: { memoryGiB: { micro: 0.213 }, burstable: true, launchable: false, automaticFailover: false },
  t2: { memoryGiB: { micro: 0.555, small: 1.55, medium: 3.22 }, burstable: true, launchable: true, automaticFailover: true },
  t3: { memoryGiB: { micro: 0.5, small: 1.37, medium: 3.09 }, burstable: true, launchable: true, automaticFailover: true },
  t4g: { memoryGiB: { micro: 0.5, small: 1.37, medium: 3.09 }, burstable: true, launchable: true, automaticFailover: true },
  m5: { memoryGiB: { large: 6.38, xlarge: 12.93, "2xlarge": 26.04, "4xlarge": 52.26, "12xlarge": 157.12, "24xlarge": 314.32 }, burstable: false, launchable: true, automaticFailover: true },
  m6g: { memoryGiB: { large: 6.38, xlarge: 12.93, "2xlarge": 26.04, "4xlarge": 52.26, "8xlarge": 103.68, "12xlarge": 157.12, "16xlarge": 209.55 }, burstable: false, launchable: true, automaticFailover: true },
  m7g: { memoryGiB: { large: 6.38, xlarge: 12.93, "2xlarge": 26.04, "4xlarge": 52.26, "8xlarge": 103.68, "12xlarge": 157.12, "16xlarge": 209.55 }, burstable: false, launchable: true, automaticFailover: true },
  r5: { memoryGiB: { large: 13.07, xlarge: 26.32, "2xlarge": 52.82, "4xlarge": 105.81, "12xlarge": 317.77, "24xlarge": 635.61 }, burstable: false, launchable: true, automaticFailover: true },
  r6g: { memoryGiB: { large: 13.07, xlarge: 26.32, "2xlarge": 52.82, "4xlarge": 105.81, "8xlarge": 209.55, "12xlarge": 317.77, "16xlarge": 419.09 }, burstable: false, launchable: true, automaticFailover: true },
  r7g: { memoryGiB: { large: 13.07, xlarge: 26.32, "2xlarge": 52.82, "4xlarge": 105.81, "8xlarge": 209.55, "12xlarge": 317.77, "16xlarge": 419.09 }, burstable: false, launchable: true, automaticFailover: true },
};

/** A parsed node type of a listed family. */
export interface NodeType {
  /** The full name, `cache.<family>.<size>`. */
  readonly name: string;
  /** Family, e.g. `r7g`. */
  readonly family: string;
  /** Size, e.g. `large`. */
  readonly size: string;
  /** Memory of one node, GiB. */
  readonly memoryGiB: number;
  /** What the family offers. */
  readonly spec: NodeTypeFamily;
}

/** Parses `cache.<family>.<size>`; undefined for a type the table does not list. */
export function nodeType(name: string): NodeType | undefined {
  const match = /^cache\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(name);
  if (!match) return undefined;
  const [, family, size] = match;
  const spec = NODE_TYPE_FAMILIES[family] as NodeTypeFamily | undefined;
  const memoryGiB = spec?.memoryGiB[size];
  return spec && memoryGiB !== undefined ? { name, family, size, memoryGiB, spec } : undefined;
}

/** Problems of a node type on its own (unknown, previous generation); each follows the type's name. */
export function nodeTypeProblem(name: string): string | undefined {
  const type = nodeType(name);
  if (!type) {
    const sizes = Object.entries(NODE_TYPE_FAMILIES).filter(([, f]) => f.launchable)
      .map(([family, f]) => `${family} (${Object.keys(f.memoryGiB).join(", ")})`).join("; ");
    return `must be a node type cache.<family>.<size> of a listed family: ${sizes}`;
  }
  return type.spec.launchable ? undefined : `must be a current-generation node type (ElastiCache launches no new ${type.family.toUpperCase()} nodes)`;
}

/** Why a node type cannot run a shape, or undefined. `feature` names what needs automatic failover. */
export function failoverProblem(name: string, feature: "cluster mode" | "Multi-AZ"): string | undefined {
  const type = nodeType(name);
  return type && !type.spec.automaticFailover
    ? `${type.family.toUpperCase()} nodes (${name}) have no automatic failover, which ${feature} requires`
    : undefined;
}
