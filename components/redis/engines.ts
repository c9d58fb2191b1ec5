/** Engines an ElastiCache replication group can run. Valkey is the open-source default the matrix recommends. */
export const REDIS_ENGINES = ["valkey", "redis"] as const;
export type RedisEngine = (typeof REDIS_ENGINES)[number];

/**
 * Engine versions this stack creates, each with the parameter group family it needs (a parameter group of
 * another family is refused by ElastiCache). Redis OSS starts at 6.2 because RBAC users need 6.0 or later.
 * Source: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html
 */
export const ENGINE_VERSIONS: Readonly<Record<RedisEngine, Readonly<Record<string, string>>>> = {
  valkey: { "7.2": "valkey7", "8.0": "valkey8", "8.1": "valkey8", "8.2": "valkey8" },
  redis: { "6.2": "redis6.x", "7.0": "redis7", "7.1": "redis7" },
};

/** The parameter group family of an engine version, or undefined when the engine has no such version. */
export function parameterGroupFamily(engine: RedisEngine, engineVersion: string): string | undefined {
  return ENGINE_VERSIONS[engine][engineVersion];
}

/** What is wrong with an engine/version pair, phrased to follow the version's name; undefined when it is fine. */
export function engineVersionProblem(engine: RedisEngine, engineVersion: string): string | undefined {
  if (parameterGroupFamily(engine, engineVersion) !== undefined) return undefined;
  const versions = ENGINE_VERSIONS[engine];
  const families = [...new Set(Object.values(versions))].join(", ");
  return `must be one of ${Object.keys(versions).map((v) => `"${v}"`).join(", ")} for engine "${engine}" (parameter group families ${families})`;
}
