import { inboxPrefix, NATS_ACCOUNTS, NATS_PORTS, NATS_USERS, type NatsAddress, type NatsUserRole, routeUrls } from "./names";
import { bucketReplicas } from "./topology";

/** Where the server reads its files inside the pod. */
export const NATS_PATHS = {
  /** The configuration Secret, mounted read-only. */
  configDir: "/etc/nats",
  /** The TLS Secret (`tls.crt`, `tls.key`, `ca.crt`), mounted read-only. */
  certsDir: "/etc/nats-certs",
  /** The JetStream volume. */
  dataDir: "/data",
  /** JetStream's store inside the volume. */
  storeDir: "/data/jetstream",
  /** PID file the lame-duck preStop signals (the root filesystem is read-only). */
  pidFile: "/tmp/nats.pid",
} as const;

/**
 * Share of the volume JetStream may fill (`max_file_store`). The filesystem's own metadata, Raft logs and the
 * snapshots a stream catch-up writes live on the same volume, and JetStream refuses writes at its limit rather
 * than at a full disk only if the limit is below the disk (https://docs.nats.io/running-a-nats-service/configuration#jetstream,
 * `max_file_store`, checked 2026-11-29).
 */
export const JETSTREAM_STORE_SHARE = 0.8;
/** Share of the container's memory limit JetStream memory storage may take (`max_memory_store`); the KV bucket uses file storage. */
export const JETSTREAM_MEMORY_SHARE = 0.25;
/** Share of the memory limit given to Go as GOMEMLIMIT (the NATS Helm chart sets it below the limit so GC runs before an OOM kill). */
export const GOMEMLIMIT_SHARE = 0.9;
/**
 * Route connections per peer: the server's default `pool_size` since 2.10 (server/const.go
 * `DEFAULT_ROUTE_POOL_SIZE = 3`, checked 2026-11-29), written out so the route-count alert's arithmetic holds.
 */
export const ROUTE_POOL_SIZE = 3;
/**
 * Dedicated (pinned) route connections per peer besides the pool: with pooling on, the server adds the system account
 * to `cluster.accounts`, which gives it its own route to every peer (nats-server v2.12.12 server/opts.go
 * setBaselineOptions, lines 5866-5884: "Add the system account if not present"), and `/varz` `routes` counts pooled
 * and per-account routes alike (server/monitor.go `v.Routes = s.numRoutes()`, server/route.go `forEachRoute` walks
 * `s.routes` and `s.accRoutes`), checked 2026-11-29. So a healthy server reports (n-1) x (pool + 1) routes.
 */
export const SYSTEM_ACCOUNT_ROUTES = 1;
/** Routes a healthy server of `nodes` reports in `/varz` (`gnatsd_varz_routes`): every peer's pool plus its system account route. */
export function expectedRoutes(nodes: number): number {
  return (nodes - 1) * (ROUTE_POOL_SIZE + SYSTEM_ACCOUNT_ROUTES);
}
/** Lame-duck mode: how long a stopping server takes to hand over leaderships and move clients away. */
export const LAME_DUCK = { duration: "30s", gracePeriod: "10s" } as const;

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** The default JetStream file-store cap for a volume, GiB: {@link JETSTREAM_STORE_SHARE} of it (may be fractional). */
export function defaultMaxFileStoreGiB(volumeSizeGiB: number): number {
  return volumeSizeGiB * JETSTREAM_STORE_SHARE;
}

/**
 * `max_file_store`, bytes: `capGiB` when given (the `jetStreamMaxFileStoreGiB` setting), else {@link JETSTREAM_STORE_SHARE}
 * of the volume. The cap is separate from the volume because the claims grow online (`kubectl patch pvc`) while the
 * StatefulSet's claim template cannot change: after an expansion only the cap is raised.
 */
export function maxFileStoreBytes(volumeSizeGiB: number, capGiB?: number): number {
  return Math.floor((capGiB ?? defaultMaxFileStoreGiB(volumeSizeGiB)) * GIB);
}

/** The KV bucket as the Fiber adapter's `KeyValueConfig` should name it (and as the bucket Job creates it). */
export interface KvBucketSpec {
  /** `KeyValueConfig.Bucket`. */
  readonly bucket: string;
  /** The stream that holds it. */
  readonly stream: string;
  /** `KeyValueConfig.Storage`: `jetstream.FileStorage`. */
  readonly storage: "file";
  /**
   * `KeyValueConfig.Replicas`: min(nodes, 3), the replicas the bucket Job creates a missing bucket with. An existing
   * bucket keeps the replicas it was created with (the Job never changes it): after `nodes` grows, the alert
   * `NatsKvReplicasMissing` fires until an operator runs `nats stream edit KV_<bucket> --replicas <r>`.
   */
  readonly replicas: number;
  /** `KeyValueConfig.History`: the adapter reads only the latest value. */
  readonly history: 1;
  /**
   * `KeyValueConfig.TTL`: 0, none. The adapter keeps each key's expiry inside the value (a gob `entry{Data, Expiry}`)
   * and deletes an expired key when it reads it (gofiber/storage nats/nats.go GetWithContext); a bucket TTL is a
   * stream max age that would also delete keys stored without expiry.
   */
  readonly ttlSeconds: 0;
}

export function kvBucketSpec(bucket: string, nodes: number): KvBucketSpec {
  return { bucket, stream: `KV_${bucket}`, storage: "file", replicas: bucketReplicas(nodes), history: 1, ttlSeconds: 0 };
}

export interface NatsPermissions {
  readonly publish: { readonly allow: readonly string[] };
  readonly subscribe: { readonly allow: readonly string[] };
}

/**
 * Least privilege per user, on subjects only the bucket's stream answers. The JetStream API subjects are those of
 * https://docs.nats.io/reference/reference-protocols/nats_api_reference and nats.go jetstream/api.go (checked
 * 2026-11-29). Replies come on the requester's own inbox prefix (names.ts `inboxPrefix`): a user may subscribe to
 * `<its prefix>.>` only, so no user of the account reads another's replies.
 * - client (Fiber): `$KV.<bucket>.>` (Put, Create, Delete are publishes), stream info (`js.KeyValue` looks the
 *   bucket up), direct and stored message gets (`Get`), ordered consumers on the stream and their flow control
 *   (`Keys` watches the bucket). No stream create or delete: the bucket Job creates the bucket, so the adapter's
 *   `CreateKeyValue` fallback never runs and `Reset` (delete and re-create) is refused.
 * - provisioner: stream info, create and update of `KV_<bucket>` only.
 * - backup: stream info and snapshot of `KV_<bucket>`, and the snapshot's chunk acknowledgements.
 * - restore: what `nats stream rm` and `nats stream restore` of `KV_<bucket>` send (natscli v0.3.1 cli/stream_command.go
 *   restoreAction: `IsKnownStream` and `LoadStream` are stream info; jsm.go snapshots.go restoreSnapshot requests
 *   `$JS.API.STREAM.RESTORE.<stream>` and then sends each chunk to the returned deliver subject, which nats-server
 *   v2.12.12 server/jetstream_api.go names `$JS.SNAPSHOT.RESTORE.<stream>.<id>` (`jsRestoreDeliverT`); the server
 *   refuses a restore onto an existing stream, hence stream delete), all checked 2026-11-29.
 * - system: the system account's events and requests (`$SYS.>`) for `nats server` commands; no JetStream.
 */
export function userPermissions(role: NatsUserRole, bucket: string): NatsPermissions {
  const stream = `KV_${bucket}`;
  const inbox = { subscribe: { allow: [`${inboxPrefix(role)}.>`] } };
  switch (role) {
    case "client":
      return {
        publish: {
          allow: [
            `$KV.${bucket}.>`,
            "$JS.API.INFO",
            `$JS.API.STREAM.INFO.${stream}`,
            `$JS.API.DIRECT.GET.${stream}`,
            `$JS.API.DIRECT.GET.${stream}.>`,
            `$JS.API.STREAM.MSG.GET.${stream}`,
            `$JS.API.CONSUMER.CREATE.${stream}`,
            `$JS.API.CONSUMER.CREATE.${stream}.>`,
            `$JS.API.CONSUMER.DELETE.${stream}.>`,
            `$JS.FC.${stream}.>`,
          ],
        },
        ...inbox,
      };
    case "provisioner":
      return {
        publish: { allow: ["$JS.API.INFO", `$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.CREATE.${stream}`, `$JS.API.STREAM.UPDATE.${stream}`] },
        ...inbox,
      };
    case "backup":
      return {
        publish: { allow: ["$JS.API.INFO", `$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.SNAPSHOT.${stream}`, `$JS.SNAPSHOT.ACK.${stream}.>`] },
        ...inbox,
      };
    case "restore":
      return {
        publish: {
          allow: ["$JS.API.INFO", `$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.DELETE.${stream}`, `$JS.API.STREAM.RESTORE.${stream}`, `$JS.SNAPSHOT.RESTORE.${stream}.>`],
        },
        ...inbox,
      };
    case "system":
      return { publish: { allow: ["$SYS.>"] }, ...inbox };
  }
}

export interface ServerConfigInput {
  readonly address: NatsAddress;
  readonly nodes: number;
  readonly volumeSizeGiB: number;
  /** JetStream's file-store cap, GiB; absent: {@link JETSTREAM_STORE_SHARE} of the volume. */
  readonly maxFileStoreGiB?: number;
  readonly memoryMiB: number;
  readonly bucket: string;
  /** bcrypt hash of each user's password (never the password). */
  readonly passwordHashes: Readonly<Record<NatsUserRole, string>>;
}

function users(account: string, input: ServerConfigInput) {
  return (Object.keys(NATS_USERS) as NatsUserRole[])
    .filter((role) => NATS_USERS[role].account === account)
    .map((role) => ({ user: NATS_USERS[role].name, password: input.passwordHashes[role], permissions: userPermissions(role, input.bucket) }));
}

/**
 * The server configuration, as JSON (the NATS configuration format accepts JSON: conf/lex.go takes a leading `{`;
 * quoted strings are never expanded as `$variables`, so bcrypt hashes stay literal). The server name and the route
 * advertisement come from the command line (`--server_name`, `--cluster_advertise`), which reads the pod's name.
 * Passwords are bcrypt hashes, which the server compares with bcrypt (server/auth.go `isBcrypt`,
 * https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro/username_password#bcrypted-passwords,
 * checked 2026-11-29).
 */
export function serverConfig(input: ServerConfigInput): Record<string, unknown> {
  const certs = {
    cert_file: `${NATS_PATHS.certsDir}/tls.crt`,
    key_file: `${NATS_PATHS.certsDir}/tls.key`,
    ca_file: `${NATS_PATHS.certsDir}/ca.crt`,
  };
  return {
    port: NATS_PORTS.client,
    http_port: NATS_PORTS.monitoring,
    pid_file: NATS_PATHS.pidFile,
    lame_duck_duration: LAME_DUCK.duration,
    lame_duck_grace_period: LAME_DUCK.gracePeriod,
    // Clients must speak TLS (a plaintext connection is refused); they authenticate with a password.
    tls: { ...certs, timeout: 2 },
    jetstream: {
      store_dir: NATS_PATHS.storeDir,
      max_file_store: maxFileStoreBytes(input.volumeSizeGiB, input.maxFileStoreGiB),
      max_memory_store: Math.floor(input.memoryMiB * MIB * JETSTREAM_MEMORY_SHARE),
    },
    ...(input.nodes > 1 ? {
      cluster: {
        name: "nats",
        port: NATS_PORTS.cluster,
        routes: routeUrls(input.address, input.nodes),
        pool_size: ROUTE_POOL_SIZE,
        // Clients get no gossiped pod IPs (they would fail certificate checks): they keep the Service URL.
        no_advertise: true,
        // Mutual TLS between routes: a peer must present a certificate of the same CA (`verify`).
        tls: { ...certs, verify: true, timeout: 2 },
      },
    } : {}),
    accounts: {
      [NATS_ACCOUNTS.app]: { jetstream: "enabled", users: users(NATS_ACCOUNTS.app, input) },
      [NATS_ACCOUNTS.system]: { users: users(NATS_ACCOUNTS.system, input) },
    },
    system_account: NATS_ACCOUNTS.system,
  };
}

/** The configuration file's text. */
export function renderServerConfig(input: ServerConfigInput): string {
  return `${JSON.stringify(serverConfig(input), null, 2)}\n`;
}
