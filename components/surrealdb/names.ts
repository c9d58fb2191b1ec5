import { serviceDnsNames } from "../kubernetes/tls";

/** Object names inside the component's namespace (one instance per namespace). */
export const SURREALDB_NAMES = {
  statefulSet: "surrealdb",
  clientService: "surrealdb",
  headlessService: "surrealdb-hl",
  rootSecret: "surrealdb-root",
  appSecret: "surrealdb-app",
  bootstrapSecret: "surrealdb-bootstrap",
  networkPolicy: "surrealdb-ingress",
  prometheusRule: "surrealdb",
  backup: "surrealdb-backup",
  /** Prefix of the post-deploy verification Job; the name ends in a hash of what it checks. */
  verifyJobPrefix: "surrealdb-verify",
  /** The claim template; the StatefulSet's claim is `data-surrealdb-0`. */
  dataVolume: "data",
} as const;

/** Keys of the credential Secrets (root and application user). */
export const CREDENTIAL_KEYS = { username: "username", password: "password" } as const;
/** Key of the bootstrap Secret: the SurrealQL the server imports at every start. */
export const BOOTSTRAP_KEY = "bootstrap.surql";

/**
 * HTTP and WebSocket port: `surreal start` listens on 8000 by default (`--bind`, default `127.0.0.1:8000`,
 * https://surrealdb.com/docs/reference/cli/db/commands/start, checked 2026-11-29); health, RPC, export and
 * `/metrics` are all served there.
 */
export const SURREALDB_PORT = 8000;

/** Where the volume, the certificate and the bootstrap file are mounted in the server container. */
export const PATHS = { data: "/data", certs: "/certs", bootstrap: "/bootstrap" } as const;

/**
 * The datastore path: RocksDB in a folder of the volume. RocksDB, not SurrealKV: SurrealDB's docs call SurrealKV
 * "beta, and may require additional development and testing before it is ready for production use"
 * (https://surrealdb.com/docs/surrealkv) and RocksDB "mature local disk storage in write-heavy server workloads"
 * (https://surrealdb.com/docs/build/embedding/storage-engines); both checked 2026-11-29. The Helm chart's default
 * `memory` keeps nothing across a restart.
 */
export const DATASTORE_PATH = `rocksdb:${PATHS.data}/database`;

/** Built-in role of the application user: read and write data, no IAM (users, access methods). */
export const APP_ROLE = "EDITOR";

export interface ServerAddress {
  readonly namespace: string;
  readonly clusterDomain: string;
}

/** Host of the client Service. */
export const clientHost = (a: ServerAddress) => `${SURREALDB_NAMES.clientService}.${a.namespace}.svc.${a.clusterDomain}`;

/** What the Fiber adapter's `ConnectionString` takes: WebSocket over TLS to the client Service. */
export const websocketEndpoint = (a: ServerAddress) => `wss://${clientHost(a)}:${SURREALDB_PORT}`;

/** The same server over HTTPS (`surreal export` and the probes speak HTTP). */
export const httpsEndpoint = (a: ServerAddress) => `https://${clientHost(a)}:${SURREALDB_PORT}`;

/** DNS names the server certificate must cover (client Service, short and fully qualified). */
export const tlsDnsNames = (a: ServerAddress) => serviceDnsNames(SURREALDB_NAMES.clientService, a.namespace, a.clusterDomain);

/** What the Fiber adapter stores into. */
export interface FiberSchema {
  /** SurrealDB namespace (an identifier). */
  readonly namespace: string;
  /** SurrealDB database in it (an identifier). */
  readonly database: string;
  /** Table of the key-value records (the adapter's `DefaultTable`). */
  readonly table: string;
}

/**
 * Names this component accepts for SurrealQL identifiers: a letter or `_`, then letters, digits and `_`, at most 63
 * characters. They are still written backtick-quoted ({@link surqlIdent}) because this pattern also matches
 * reserved words (`none`, `null`, `if`…) that would not parse bare.
 */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/**
 * A SurrealQL identifier escaped with backticks, which the lexer reads as an identifier whatever the word
 * (surrealdb/surrealdb surrealdb/core/src/syn/lexer/ident.rs `unescape_backtick_span`, HEAD a97d3af, read
 * 2026-11-29). Only for names matching {@link IDENTIFIER} (no backtick or backslash to escape).
 */
export function surqlIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" must match ${IDENTIFIER}`);
  return `\`${name}\``;
}
/** A SurrealQL single-quoted string literal: backslashes and quotes escaped (generated passwords have neither). */
export const surqlString = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/**
 * The SurrealQL the server imports at every start (`--import-file`): every statement idempotent, so a restart
 * re-asserts the same state. It creates the Fiber namespace, database and table (SCHEMALESS: the adapter writes
 * `key`, `body`, `exp`), re-asserts the root password (the `SURREAL_USER`/`SURREAL_PASS` pair only creates the
 * root user when none exists, https://surrealdb.com/docs/reference/cli/db/commands/start, checked 2026-11-29) and
 * defines the application user on ROOT with the EDITOR role: the Fiber adapter signs in with a username and
 * password only (no namespace or database in its `surrealdb.Auth`), which is a root-level sign-in, so a
 * database-level user could not sign in through it; EDITOR may read and write every resource but not users or
 * access methods (https://surrealdb.com/docs/security/authentication, checked 2026-11-29).
 * It only ever DEFINEs: renaming the application user leaves the old user able to sign in until someone runs
 * `REMOVE USER \`<old>\` ON ROOT;` as root (docs/components.md says so).
 * Errors of these statements are NOT reported by the server (it discards the import's results; only a parse error
 * stops it), which is why the component runs {@link SURREALDB_NAMES.verifyJobPrefix} after every change.
 */
export function bootstrapSurql(schema: FiberSchema, root: { username: string; password: string }, app: { username: string; password: string }): string {
  for (const [what, value] of [["namespace", schema.namespace], ["database", schema.database], ["table", schema.table], ["root username", root.username], ["app username", app.username]]) {
    if (!IDENTIFIER.test(value)) throw new Error(`${what} "${value}" must match ${IDENTIFIER}`);
  }
  return [
    `DEFINE USER OVERWRITE ${surqlIdent(root.username)} ON ROOT PASSWORD ${surqlString(root.password)} ROLES OWNER;`,
    `DEFINE USER OVERWRITE ${surqlIdent(app.username)} ON ROOT PASSWORD ${surqlString(app.password)} ROLES ${APP_ROLE};`,
    `DEFINE NAMESPACE IF NOT EXISTS ${surqlIdent(schema.namespace)};`,
    `USE NS ${surqlIdent(schema.namespace)};`,
    `DEFINE DATABASE IF NOT EXISTS ${surqlIdent(schema.database)};`,
    `USE NS ${surqlIdent(schema.namespace)} DB ${surqlIdent(schema.database)};`,
    `DEFINE TABLE IF NOT EXISTS ${surqlIdent(schema.table)} SCHEMALESS;`,
    "",
  ].join("\n");
}
