import { serviceDnsNames } from "../kubernetes/tls";

/** Object names inside the component's namespace (one installation per namespace). */
export const CLICKHOUSE_NAMES = {
  /** The ClickHouseInstallation; the operator names its Service `clickhouse-<chi>`. */
  installation: "sparki",
  /** The ClickHouseKeeperInstallation; the operator names its Service `keeper-<chk>`. */
  keeper: "sparki",
  /** Cluster of the installation and of the Keeper installation (CRD: at most 15 of [a-zA-Z0-9-]). */
  cluster: "main",
  podTemplate: "server",
  /** The service template of the installation-wide Service (TLS ports only). */
  serviceTemplate: "client",
  keeperPodTemplate: "keeper",
  dataVolume: "data",
  keeperVolume: "data",
  /** Secret with the application user's name, password and its SHA-256 (the server reads only the hash). */
  appSecret: "clickhouse-app",
  /** Secret of the admin user (schema Job and backups) and the `default` user's random password. */
  adminSecret: "clickhouse-admin",
  networkPolicy: "clickhouse-ingress",
  keeperNetworkPolicy: "clickhouse-keeper-ingress",
  jobNetworkPolicy: "clickhouse-jobs",
  schemaJob: "clickhouse-schema",
  prometheusRule: "clickhouse",
  backup: "clickhouse-backup",
} as const;

/** Keys of the credential Secrets. */
export const CREDENTIAL_KEYS = { username: "username", password: "password", passwordSha256: "password_sha256_hex", defaultPassword: "default_password" } as const;

/**
 * Ports. Server: the operator's defaults, chi.ChDefault*PortNumber in pkg/apis/clickhouse.altinity.com/v1/type_host.go
 * (9000 native, 9440 native TLS, 8123 HTTP, 8443 HTTPS, 9009 interserver); Keeper: KpDefaultZKPortNumber 2181 and
 * KpDefaultRaftPortNumber 9444 in the same file (Altinity/clickhouse-operator 0.25.6, read 2026-11-29). Keeper's
 * Prometheus port 7000 is the one the operator's Keeper examples use (docs/chk-examples/02-extended-3-nodes.yaml).
 */
export const PORTS = {
  nativeTls: 9440,
  https: 8443,
  native: 9000,
  http: 8123,
  interserverHttps: 9009,
  keeperClient: 2181,
  keeperRaft: 9444,
  keeperMetrics: 7000,
} as const;

/** Labels the operator puts on the pods it creates (pkg/model/chi/tags/labeler/list.go and chk/…, read 2026-11-29). */
export const OPERATOR_LABELS = {
  installation: "clickhouse.altinity.com/chi",
  keeper: "clickhouse-keeper.altinity.com/chk",
} as const;

export interface ServerAddress {
  readonly namespace: string;
  readonly clusterDomain: string;
}

/** The operator's installation-wide Service (`clickhouse-<chi>`, pkg/model/chi/namer/patterns.go patternCRServiceName). */
export const clientService = () => `clickhouse-${CLICKHOUSE_NAMES.installation}`;
/** The operator's Keeper Service (`keeper-<chk>`, pkg/model/chk/namer/patterns.go patternCRServiceName). */
export const keeperService = () => `keeper-${CLICKHOUSE_NAMES.keeper}`;
export const clientHost = (a: ServerAddress) => `${clientService()}.${a.namespace}.svc.${a.clusterDomain}`;
export const keeperHost = (a: ServerAddress) => `${keeperService()}.${a.namespace}.svc.${a.clusterDomain}`;

/** The StatefulSet (and per-host Service) of one replica: `chi-<chi>-<cluster>-<shard>-<replica>` (patternStatefulSetName). */
export const replicaHost = (shard: number, replica: number) => `chi-${CLICKHOUSE_NAMES.installation}-${CLICKHOUSE_NAMES.cluster}-${shard}-${replica}`;
/** A Keeper host's StatefulSet: `chk-<chk>-<cluster>-<shard>-<replica>` (chk namer; one shard). */
export const keeperHostName = (replica: number) => `chk-${CLICKHOUSE_NAMES.keeper}-${CLICKHOUSE_NAMES.cluster}-0-${replica}`;

/**
 * DNS names the server certificate must cover: the installation Service and, for TLS replication and distributed
 * DDL between replicas (the hosts are written as FQDNs, `replicasUseFQDN`), every per-host Service of the namespace.
 */
export const tlsDnsNames = (a: ServerAddress) => [
  ...serviceDnsNames(clientService(), a.namespace, a.clusterDomain),
  `*.${a.namespace}.svc.${a.clusterDomain}`,
];

/** What the Fiber adapter stores into. */
export interface FiberSchema {
  /** Database (the adapter's `Database`). */
  readonly database: string;
  /** Table (the adapter's `Table`). */
  readonly table: string;
}

/** The Fiber table's engine: replicated, and the last insert of a key wins at merge time (see {@link fiberSchemaSql}). */
export const FIBER_TABLE_ENGINE = "ReplicatedReplacingMergeTree";

/** Unquoted ClickHouse identifiers this component writes: a letter or `_`, then letters, digits, `_`; at most 63. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The Fiber table, created before the adapter connects, on every replica (`ON CLUSTER`). The adapter itself runs
 * `CREATE TABLE IF NOT EXISTS <table> (key String, value String, expiration DateTime) ENGINE=<Engine>` with no
 * ORDER BY (gofiber/storage clickhouse/config.go createTableString, read 2026-11-29): with two replicas behind one
 * Service a plain MergeTree or Memory table would exist on whichever replica the connection landed on, and MergeTree
 * needs an ORDER BY. This table (ordered by key, the adapter's only lookup) makes the adapter's statement a no-op and
 * every write reach every replica. The adapter's `Set` is a plain `INSERT` (a second row per overwritten key) and its
 * `Get` a `SELECT value, expiration … WHERE key = ?` without FINAL or ORDER BY (clickhouse/config.go, read
 * 2026-11-29), so the engine is `ReplicatedReplacingMergeTree` with no version column: of the rows with one sorting
 * key the last inserted is kept (https://clickhouse.com/docs/engines/table-engines/mergetree-family/replacingmergetree,
 * checked 2026-11-29), and the application user's profile sets `final = 1` so every read sees only that row before
 * merges catch up (see {@link appProfile} in installation.ts). Rows with an expiration are removed by a TTL once it
 * has passed; the adapter writes the zero time (1970-01-01 in a DateTime) for "never", which the TTL leaves alone.
 */
export function fiberSchemaSql(schema: FiberSchema): string[] {
  for (const [what, value] of [["database", schema.database], ["table", schema.table]]) {
    if (!IDENTIFIER.test(value)) throw new Error(`${what} "${value}" must match ${IDENTIFIER}`);
  }
  const cluster = CLICKHOUSE_NAMES.cluster;
  return [
    `CREATE DATABASE IF NOT EXISTS ${schema.database} ON CLUSTER '${cluster}'`,
    [
      `CREATE TABLE IF NOT EXISTS ${schema.database}.${schema.table} ON CLUSTER '${cluster}'`,
      "(key String CODEC(ZSTD(1)), value String CODEC(ZSTD(1)), expiration DateTime CODEC(ZSTD(1)))",
      `ENGINE = ${FIBER_TABLE_ENGINE} ORDER BY key`,
      "TTL expiration WHERE expiration > toDateTime(0)",
    ].join(" "),
  ];
}
