import { serviceDnsNames } from "../kubernetes/tls";
import { NEO4J_HOME } from "./image";

/** Object names inside the component's namespace (one instance per namespace). */
export const NEO4J_NAMES = {
  statefulSet: "neo4j",
  clientService: "neo4j",
  headlessService: "neo4j-hl",
  credentialsSecret: "neo4j-auth",
  configMap: "neo4j-config",
  networkPolicy: "neo4j-ingress",
  prometheusRule: "neo4j",
  backup: "neo4j-backup",
  /** The claim template; the StatefulSet's claim is `data-neo4j-0`. */
  dataVolume: "data",
} as const;

/**
 * Keys of the credentials Secret: `username` and `password` for clients (the Fiber adapter's `Username` and
 * `Password`), and `NEO4J_AUTH` (`neo4j/<password>`) that the image's entrypoint reads through NEO4J_AUTH_PATH to set
 * the initial password, as the official Helm chart does (templates/neo4j-env.yaml `NEO4J_AUTH_PATH`, read 2026-11-29).
 */
export const CREDENTIAL_KEYS = { username: "username", password: "password", auth: "NEO4J_AUTH" } as const;

/**
 * The only user Community Edition can bootstrap: the entrypoint refuses any other name in NEO4J_AUTH ("Invalid admin
 * username, it must be neo4j", neo4j/docker-neo4j docker-image-src/5/coredb/docker-entrypoint.sh, read 2026-11-29).
 * Role-based access control is an Enterprise Edition feature ("Additional security features include role-based access
 * control", https://neo4j.com/docs/operations-manual/current/introduction/, checked 2026-11-29): a second Community user
 * would be no less privileged, so the Fiber adapter signs in as `neo4j`.
 */
export const ADMIN_USERNAME = "neo4j";

/**
 * Neo4j's default ports: Bolt 7687 and HTTPS 7473 (https://neo4j.com/docs/operations-manual/5/configuration/ports/,
 * checked 2026-11-29; the image `EXPOSE 7474 7473 7687`). HTTP (7474) is turned off.
 */
export const BOLT_PORT = 7687;
export const HTTPS_PORT = 7473;

/** Where things are mounted in the server container (see statefulset.ts for why each is where it is). */
export const PATHS = {
  /** The data volume: the image moves NEO4J_HOME/data to /data and links it back. */
  data: "/data",
  /** Writable logs (an emptyDir; the image moves NEO4J_HOME/logs to /logs). */
  logs: "/logs",
  /** The configuration the entrypoint copies into NEO4J_HOME/conf at start (a read-only ConfigMap). */
  confSource: "/conf",
  /** NEO4J_HOME/conf: an emptyDir, since the entrypoint rewrites neo4j.conf there at every start. */
  conf: `${NEO4J_HOME}/conf`,
  /** NEO4J_HOME/run: an emptyDir (pid files). */
  run: `${NEO4J_HOME}/run`,
  /** The server certificate and key (the TLS Secret, read-only), the SSL policies' base_directory. */
  certificates: "/certificates",
  /** The credentials Secret, read-only (NEO4J_AUTH_PATH points at a file in it). */
  auth: "/auth",
} as const;

export interface ServerAddress {
  readonly namespace: string;
  readonly clusterDomain: string;
}

/** Host of the client Service: also the server's advertised address (the routing table a `neo4j+s://` driver gets). */
export const clientHost = (a: ServerAddress) => `${NEO4J_NAMES.clientService}.${a.namespace}.svc.${a.clusterDomain}`;

/**
 * The Fiber adapter's `URI`: `neo4j+s://` (routing driver, TLS with a CA-verified certificate, Go driver URI schemes,
 * https://neo4j.com/docs/go-manual/current/connect-advanced/, checked 2026-11-29) to the client Service.
 */
export const boltUri = (a: ServerAddress) => `neo4j+s://${clientHost(a)}:${BOLT_PORT}`;

/** DNS names the server certificate must cover (client Service, short and fully qualified). */
export const tlsDnsNames = (a: ServerAddress) => serviceDnsNames(NEO4J_NAMES.clientService, a.namespace, a.clusterDomain);

/**
 * A node label the Fiber adapter writes into Cypher unquoted (`MATCH (n:%s{ k: $key })`, gofiber/storage
 * neo4j/neo4j.go, read 2026-11-29): a letter, then letters, digits or `_`, at most 63 characters (a subset of what
 * Cypher accepts without backticks).
 */
export const NODE_LABEL = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** The adapter's default `Node` (gofiber/storage neo4j/config.go `ConfigDefault`, read 2026-11-29). */
export const FIBER_DEFAULT_NODE = "fiber_storage";
