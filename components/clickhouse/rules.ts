/**
 * What the API server refuses in a ClickHouseInstallation or ClickHouseKeeperInstallation because the operator's CRD
 * schema says so (the structural schema is enforced at create time, before the operator sees anything), written from
 * Altinity/clickhouse-operator 0.25.6 deploy/helm/clickhouse-operator/crds/*.yaml (read 2026-11-29). Pure: used by the
 * engine rules (policy/engine-rules-clickhouse.ts).
 */

export const CLICKHOUSE_CRD_SOURCE = "Altinity clickhouse-operator 0.25.6 CRDs clickhouseinstallations.clickhouse.altinity.com and clickhousekeeperinstallations.clickhouse-keeper.altinity.com, openAPIV3Schema";

/** Cluster names: `minLength: 1`, `maxLength: 15`, `pattern: "^[a-zA-Z0-9-]{0,15}$"` (namePartClusterMaxLen). */
export const CLUSTER_NAME = /^[a-zA-Z0-9-]{1,15}$/;

/** TypeStringBool: the only values `secure`, `insecure`, `replicasUseFQDN` and the like may take. */
export const STRING_BOOLS = [
  "", "0", "1", "False", "false", "True", "true", "No", "no", "Yes", "yes", "Off", "off", "On", "on",
  "Disable", "disable", "Enable", "enable", "Disabled", "disabled", "Enabled", "enabled",
] as const;

type Spec = Record<string, unknown>;
const obj = (v: unknown): Spec => (typeof v === "object" && v !== null && !Array.isArray(v) ? v as Spec : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every cluster name the CRD refuses, as messages. */
export function clusterNameProblems(spec: Spec): string[] {
  return arr(obj(spec.configuration).clusters).flatMap((c, i) => {
    const name = obj(c).name;
    return typeof name === "string" && CLUSTER_NAME.test(name)
      ? []
      : [`configuration.clusters[${i}].name ${JSON.stringify(name)} must be 1-15 letters, digits or '-'`];
  });
}

/** Every string-boolean field the stack may set with a value outside the CRD's enum, and every port outside 0..65535. */
export function enumProblems(spec: Spec): string[] {
  const bool = (path: string, v: unknown) => (v === undefined || (STRING_BOOLS as readonly unknown[]).includes(v) ? [] : [`${path} ${JSON.stringify(v)} is not one of the CRD's string booleans (e.g. "yes", "no")`]);
  const configuration = obj(spec.configuration);
  return [
    ...bool("defaults.replicasUseFQDN", obj(spec.defaults).replicasUseFQDN),
    ...arr(configuration.clusters).flatMap((c, i) => [
      ...bool(`configuration.clusters[${i}].secure`, obj(c).secure),
      ...bool(`configuration.clusters[${i}].insecure`, obj(c).insecure),
      ...bool(`configuration.clusters[${i}].secret.auto`, obj(obj(c).secret).auto),
    ]),
    ...arr(obj(configuration.zookeeper).nodes).flatMap((n, i) => {
      const port = obj(n).port;
      return port === undefined || (Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65_535)
        ? [] : [`configuration.zookeeper.nodes[${i}].port ${JSON.stringify(port)} must be an integer 0..65535`];
    }),
  ];
}
