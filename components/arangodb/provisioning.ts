import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import { restrictedContainerSecurity, restrictedPodSecurity, type RunAs, TMP_VOLUME } from "../kubernetes/security";
import { ARANGODB_PORT } from "./defaults";

/**
 * The one-off Job that gives the Fiber adapter its own least-privilege user, so that root stays with operators and
 * the backup. The adapter itself needs no server-level right once its database exists: at start it checks the
 * database (`GET /_db/<db>/_api/database/current`, answered for any user with access to it), then the collection,
 * and then reads, writes, truncates and runs AQL in it (gofiber/storage arangodb/arangodb.go; arangodb/go-driver
 * v1.6.9 client_databases_impl.go; checked 2026-11-29). The operator bootstraps root only
 * (`bootstrap.passwordSecretNames`), so the Job does the rest with root's password, idempotently:
 * - creates the database if missing (in Cluster mode with the Coordinators' replication defaults, see replicationArgs),
 * - creates or updates the user with the generated password and grants it `rw` on that database only
 *   (`@arangodb/users` grantDatabase: no access to `_system` nor to any other database),
 * - creates the collection if missing.
 *
 * arangosh is in the server image (the Docker Official Image ships the client tools; the backup's arangodump comes
 * from the same image) with /bin/sh. Passwords never reach argv nor a file: the configuration file the script
 * writes names the environment variable (`password = @ARANGODB_ROOT_PASSWORD@`: "@NAME@ is the syntax for using the
 * value of an environment variable NAME" in startup options and configuration files,
 * https://docs.arangodb.com/3.12/operations/administration/configuration/ and the 3.12 release notes, checked
 * 2026-11-29), and the script reads the new user's password from the environment. A given `--configuration`
 * replaces arangosh's default file, so the JavaScript directory is passed explicitly (the packages' path).
 *
 * Layout (policy k8s-no-root-created-dirs): HOME and the configuration file lie in the `/tmp` emptyDir, which
 * fsGroup makes writable and below which nothing else is mounted; no other volume.
 *
 * TLS: the servers' certificates chain to the operator's CA, but arangosh 3.12 has no option to verify a server
 * certificate against a CA (its SSL options are `--ssl.protocol` and client-certificate ones; none was found for
 * peer verification): the connection is encrypted, not authenticated. It stays inside the namespace (client
 * Service, NetworkPolicy).
 */

/** Longest wait, seconds, for the client Service to accept root's generated password (the operator sets it after the members are up). */
export const PROVISION_WAIT_SECONDS = 1200;
/** The Job's own deadline over all its retries. */
export const ACTIVE_DEADLINE_SECONDS = 1800;
/** The arangosh JavaScript directory of the ArangoDB packages the image installs. */
export const JAVASCRIPT_DIR = "/usr/share/arangodb3/js";

/** The provisioning, as arangosh JavaScript; every value comes from the environment. */
export const PROVISION_JS = [
  "const db = require('@arangodb').db;",
  "const users = require('@arangodb/users');",
  "const env = require('process').env;",
  "const name = env.FIBER_DATABASE, collection = env.FIBER_COLLECTION, user = env.FIBER_USERNAME;",
  "if (!db._databases().includes(name)) db._createDatabase(name);",
  "if (users.exists(user)) users.update(user, env.FIBER_PASSWORD, true); else users.save(user, env.FIBER_PASSWORD, true);",
  "users.grantDatabase(user, name, 'rw');",
  "db._useDatabase(name);",
  "if (db._collection(collection) === null) db._create(collection);",
  "print('database ' + name + ', collection ' + collection + ', user ' + user + ' (rw on ' + name + ' only): done');",
].join("\n");

/**
 * Waits (bounded) until root's password is accepted, then runs PROVISION_JS. `$ENDPOINT`, `$PROVISION_JS`,
 * `$ARANGODB_ROOT_PASSWORD` and `$FIBER_*` come from the container's environment.
 */
export const PROVISION_SCRIPT = `set -eu
umask 077
conf="\${TMPDIR:-/tmp}/arangosh.conf"
printf '[server]\\nusername = root\\npassword = @ARANGODB_ROOT_PASSWORD@\\n' > "\${conf}"
shell() { arangosh --configuration "\${conf}" --javascript.startup-directory ${JAVASCRIPT_DIR} --server.endpoint "\${ENDPOINT}" --server.database _system --quiet "$@"; }
deadline=$(( $(date +%s) + \${PROVISION_WAIT_SECONDS:-${PROVISION_WAIT_SECONDS}} ))
until shell --javascript.execute-string 'db._version()' > "\${TMPDIR:-/tmp}/wait.log" 2>&1; do
  if [ "$(date +%s)" -ge "\${deadline}" ]; then
    echo "ArangoDB at \${ENDPOINT} did not accept root's password in time; arangosh said last:" >&2
    tail -n 20 "\${TMPDIR:-/tmp}/wait.log" >&2
    exit 1
  fi
  sleep 10
done
shell --javascript.execute-string "\${PROVISION_JS}"
`;

export interface ProvisionInput {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the Job's pods: the NetworkPolicy admits them to the client-facing servers. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly runAs: RunAs;
  /** `<prefix>-<hash>`: a change of what the Job does replaces (re-runs) it. */
  readonly namePrefix: string;
  /** Host of the client Service. */
  readonly host: string;
  readonly rootPasswordSecret: { readonly name: string; readonly key: string };
  readonly fiberPasswordSecret: { readonly name: string; readonly key: string };
  readonly database: string;
  readonly collection: string;
  readonly username: string;
}

/** Short hash of everything the Job does (not the passwords: they live in Secrets). */
export function provisionHash(i: ProvisionInput): string {
  return createHash("sha256").update(JSON.stringify({
    script: PROVISION_SCRIPT, js: PROVISION_JS, image: i.image, host: i.host, database: i.database, collection: i.collection, username: i.username,
    root: i.rootPasswordSecret, fiber: i.fiberPasswordSecret,
  })).digest("hex").slice(0, 10);
}

const fromSecret = (name: string, s: { readonly name: string; readonly key: string }): k8s.types.input.core.v1.EnvVar =>
  ({ name, valueFrom: { secretKeyRef: { name: s.name, key: s.key } } });

/** The Job, restricted (non-root, read-only root filesystem, no capabilities, no service-account token). */
export function provisionJob(i: ProvisionInput): k8s.batch.v1.JobArgs {
  return {
    metadata: { name: `${i.namePrefix}-${provisionHash(i)}`, namespace: i.namespace, labels: { ...i.labels, ...i.podLabels } },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: ACTIVE_DEADLINE_SECONDS,
      template: {
        metadata: { labels: { ...i.labels, ...i.podLabels } },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(i.runAs),
          containers: [{
            name: "provision",
            image: i.image,
            imagePullPolicy: "IfNotPresent",
            command: ["/bin/sh", "-c", PROVISION_SCRIPT],
            env: [
              { name: "HOME", value: TMP_VOLUME.mountPath },
              { name: "TMPDIR", value: TMP_VOLUME.mountPath },
              { name: "ENDPOINT", value: `ssl://${i.host}:${ARANGODB_PORT}` },
              { name: "PROVISION_JS", value: PROVISION_JS },
              { name: "FIBER_DATABASE", value: i.database },
              { name: "FIBER_COLLECTION", value: i.collection },
              { name: "FIBER_USERNAME", value: i.username },
              fromSecret("ARANGODB_ROOT_PASSWORD", i.rootPasswordSecret),
              fromSecret("FIBER_PASSWORD", i.fiberPasswordSecret),
            ],
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            securityContext: restrictedContainerSecurity(i.runAs),
            volumeMounts: [{ name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath }],
          }],
          volumes: [{ name: TMP_VOLUME.name, emptyDir: { sizeLimit: "64Mi" } }],
        },
      },
    },
  };
}
