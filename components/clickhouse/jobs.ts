import type * as k8s from "@pulumi/kubernetes";
import { BACKUP_DIR } from "../kubernetes/backup";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import { ADMIN_USERNAME } from "./defaults";
import { RUN_AS } from "./image";
import { CLICKHOUSE_NAMES, clientHost, CREDENTIAL_KEYS, type FiberSchema, fiberSchemaSql, PORTS, type ServerAddress } from "./names";

/** Where the CA of the server certificate is mounted in the Jobs' pods. */
export const CA_DIR = "/ca";
/** The admin password's environment variable in the Jobs' pods (from the admin Secret, never in the spec). */
export const ADMIN_PASSWORD_ENV = "CLICKHOUSE_ADMIN_PASSWORD";

/** The admin password, by reference. */
export const adminPasswordEnv = (): k8s.types.input.core.v1.EnvVar => ({
  name: ADMIN_PASSWORD_ENV, valueFrom: { secretKeyRef: { name: CLICKHOUSE_NAMES.adminSecret, key: CREDENTIAL_KEYS.password } },
});

/** The CA volume and its mount. */
export const caVolume = (tlsSecretName: string) => tlsSecretVolume("ca", tlsSecretName, [{ key: TLS_SECRET_KEYS.ca, path: TLS_SECRET_KEYS.ca }]);
export const caMount = { name: "ca", mountPath: CA_DIR, readOnly: true };

/**
 * Shell that writes a clickhouse-client config into /tmp: the admin user, its password from the environment (so it
 * is on no command line), TLS to the native TLS port, the server certificate verified against the cluster CA.
 */
export function clientConfigScript(address: ServerAddress): string[] {
  return [
    "set -eu",
    "umask 077",
    "cat > /tmp/client.xml <<EOF",
    "<config>",
    `  <host>${clientHost(address)}</host>`,
    `  <port>${PORTS.nativeTls}</port>`,
    "  <secure>true</secure>",
    `  <user>${ADMIN_USERNAME}</user>`,
    `  <password>$${ADMIN_PASSWORD_ENV}</password>`,
    `  <openSSL><client><caConfig>${CA_DIR}/${TLS_SECRET_KEYS.ca}</caConfig><verificationMode>strict</verificationMode><loadDefaultCAFile>false</loadDefaultCAFile></client></openSSL>`,
    "</config>",
    "EOF",
  ];
}

const client = (query: string) => `clickhouse-client --config-file /tmp/client.xml --query "${query}"`;

/** The schema Job's script: wait for the servers (the operator creates them after this stack returns), then create the Fiber database and table. */
export function schemaScript(address: ServerAddress, fiber: FiberSchema): string {
  return [
    ...clientConfigScript(address),
    "for attempt in $(seq 1 90); do",
    `  if ${client("SELECT 1")} >/dev/null; then break; fi`,
    '  echo "waiting for ClickHouse (attempt $attempt)"; sleep 10',
    "done",
    ...fiberSchemaSql(fiber).map(client),
    `echo "schema of ${fiber.database}.${fiber.table} in place"`,
  ].join("\n");
}

/** The files the dump leaves in /backup (then uploaded under `<prefix><UTC date>/<UTC time>/`). */
export const dumpFiles = (fiber: FiberSchema) => {
  const name = `${fiber.database}.${fiber.table}`;
  return { ddl: `${name}.sql`, rows: `${name}.native.zst` };
};

/**
 * The backup's dump step: the Fiber table's DDL and its rows (Native format, zstd) into /backup, read by the admin
 * user over TLS. One client session (one connection, so one replica behind the Service) first runs `SYSTEM SYNC
 * REPLICA`, which waits until that replica has fetched every part the others have
 * (https://clickhouse.com/docs/sql-reference/statements/system#sync-replica, checked 2026-11-29), then reads with
 * FINAL (the last value of each key, as the application reads it). Several statements in one `--query` run in turn
 * (clickhouse-client's multi-query mode, the default since 24.x; not run here). A logical dump through the shared
 * S3Backup (IRSA, no stored keys) rather than `BACKUP … TO S3`, which the server itself would run with credentials of
 * its own (static keys in its config, or an IAM role for the server pods: https://clickhouse.com/docs/operations/backup,
 * checked 2026-11-29).
 */
export function dumpScript(address: ServerAddress, fiber: FiberSchema): string {
  const name = `${fiber.database}.${fiber.table}`;
  const files = dumpFiles(fiber);
  return [
    ...clientConfigScript(address),
    client([
      `SYSTEM SYNC REPLICA ${name}`,
      `SHOW CREATE TABLE ${name} INTO OUTFILE '${BACKUP_DIR}/${files.ddl}' FORMAT TSVRaw`,
      `SELECT * FROM ${name} FINAL INTO OUTFILE '${BACKUP_DIR}/${files.rows}' COMPRESSION 'zstd' FORMAT Native`,
    ].join("; ")),
  ].join("\n");
}

/**
 * The restore of one dump (docs/components.md, ClickHouse, "Restore"): the statements, run on one server pod as the
 * `default` user (localhost only, full rights on data; its password is `default_password` in `clickhouse-admin`), the
 * rows streamed in on stdin after `zstd -dc`. They go into the table the schema Job created on every replica, never
 * through the dumped DDL, whose `ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')` only
 * works `ON CLUSTER` in an Atomic database. TRUNCATE and INSERT on a replicated table replicate through Keeper.
 */
export function restoreCommands(fiber: FiberSchema): { readonly truncate: string; readonly insert: string; readonly check: string } {
  const name = `${fiber.database}.${fiber.table}`;
  return {
    truncate: `TRUNCATE TABLE ${name}`,
    insert: `INSERT INTO ${name} FORMAT Native`,
    check: `SELECT count() FROM ${name} FINAL`,
  };
}

export interface SchemaJobInput {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly address: ServerAddress;
  readonly fiber: FiberSchema;
  readonly tlsSecretName: string;
}

/** A Job that creates the Fiber database and table on every replica (`ON CLUSTER`), restricted, as the admin user. */
export function schemaJob(j: SchemaJobInput): k8s.batch.v1.JobArgs {
  return {
    metadata: { name: CLICKHOUSE_NAMES.schemaJob, namespace: j.namespace, labels: { ...j.labels } },
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 1800,
      template: {
        metadata: { labels: { ...j.labels } },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          restartPolicy: "Never",
          securityContext: restrictedPodSecurity(RUN_AS),
          containers: [{
            name: "schema",
            image: j.image,
            imagePullPolicy: "IfNotPresent",
            command: ["/bin/bash", "-c", schemaScript(j.address, j.fiber)],
            env: [adminPasswordEnv(), { name: "HOME", value: TMP_VOLUME.mountPath }],
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
            securityContext: restrictedContainerSecurity(RUN_AS),
            volumeMounts: [{ name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath }, caMount],
          }],
          volumes: [{ name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } }, caVolume(j.tlsSecretName)],
        },
      },
    },
  };
}
