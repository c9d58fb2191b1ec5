import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import { RUN_AS, SURREAL_BINARY } from "./image";
import { CREDENTIAL_KEYS, type FiberSchema, httpsEndpoint, type ServerAddress, SURREALDB_NAMES } from "./names";

/** Where the CA of the server certificate is mounted in the verification Job. */
const CA_DIR = "/ca";
/** Longest the verification may take, seconds (the server is already ready when the Job starts). */
export const VERIFY_DEADLINE_SECONDS = 300;

/**
 * What the verification runs: `surreal export` of the Fiber database's table definitions (`--only --tables <t>`: no
 * users, no records) to stdout, signed in as the APPLICATION user at root level, the way the Fiber adapter signs in.
 * It exits non-zero when the server is unreachable or its certificate is not trusted, when the application user
 * cannot sign in (`signin(...)?`), and when the namespace or database does not exist (`export` fails with
 * `DbNotFound`) (surrealdb/surrealdb surrealdb/server/src/cli/export.rs and surrealdb/core/src/kvs/export.rs
 * `fn export`, HEAD a97d3af, read 2026-11-29). A missing table is only a logged warning there, so the log shows the
 * `DEFINE TABLE` line when it exists but the Job cannot fail on it: the image has no shell to test the output
 * (image.ts), and `surreal sql` reads its statements from a terminal, not from arguments.
 */
export function verifyCommand(address: ServerAddress, fiber: FiberSchema): string[] {
  return [
    SURREAL_BINARY, "export",
    "--endpoint", httpsEndpoint(address),
    "--namespace", fiber.namespace,
    "--database", fiber.database,
    "--only", "--tables", fiber.table,
    "-",
  ];
}

/** Short hash of everything the Job checks: part of its name, so any change replaces (re-runs) the Job. */
export function verifyHash(input: { image: string; address: ServerAddress; fiber: FiberSchema; appUsername: string; bootstrapChecksum: string }): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 10);
}

export interface VerifyJobInput {
  readonly namespace: string;
  /** Labels of the Job and its pod (the server's NetworkPolicy admits the pod by its selector labels). */
  readonly labels: Readonly<Record<string, string>>;
  /** Server image reference, pinned by digest (the Job runs its `/surreal export`). */
  readonly image: string;
  /** {@link verifyHash}: suffix of the Job's name. */
  readonly hash: string | pulumi.Output<string>;
  readonly address: ServerAddress;
  readonly fiber: FiberSchema;
  /** `kubernetes.io/tls` Secret of the server: its `ca.crt` is what the Job trusts. */
  readonly tlsSecretName: string;
}

/**
 * One-shot Job after every change of the server: signs in as the application user and reads the Fiber database, so a
 * bootstrap statement that failed silently (the server discards the import's results, surrealdb/server/src/dbs/mod.rs
 * `dbs.startup`; https://github.com/surrealdb/surrealdb/issues/7400) fails `pulumi up` instead of the application.
 * Idempotent (it only reads), restricted, no Kubernetes API token.
 */
export function verifyJob(input: VerifyJobInput): k8s.batch.v1.JobArgs {
  const name: pulumi.Input<string> = typeof input.hash === "string"
    ? `${SURREALDB_NAMES.verifyJobPrefix}-${input.hash}`
    : input.hash.apply((h) => `${SURREALDB_NAMES.verifyJobPrefix}-${h}`);
  const fromApp = (env: string, key: string): k8s.types.input.core.v1.EnvVar => ({ name: env, valueFrom: { secretKeyRef: { name: SURREALDB_NAMES.appSecret, key } } });
  return {
    metadata: { name, namespace: input.namespace, labels: { ...input.labels } },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: VERIFY_DEADLINE_SECONDS,
      template: {
        metadata: { labels: { ...input.labels } },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(RUN_AS),
          containers: [{
            name: "verify",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            command: verifyCommand(input.address, input.fiber),
            env: [
              // `surreal export` reads SURREAL_USER/SURREAL_PASS (https://surrealdb.com/docs/reference/cli/db/commands/export,
              // checked 2026-11-29): here the application user's, so the check is the app's own sign-in.
              fromApp("SURREAL_USER", CREDENTIAL_KEYS.username),
              fromApp("SURREAL_PASS", CREDENTIAL_KEYS.password),
              { name: "SSL_CERT_FILE", value: `${CA_DIR}/${TLS_SECRET_KEYS.ca}` },
              { name: "HOME", value: TMP_VOLUME.mountPath },
            ],
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            securityContext: restrictedContainerSecurity(RUN_AS),
            volumeMounts: [
              { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              { name: "ca", mountPath: CA_DIR, readOnly: true },
            ],
          }],
          volumes: [
            { name: TMP_VOLUME.name, emptyDir: { sizeLimit: "64Mi" } },
            tlsSecretVolume("ca", input.tlsSecretName, [{ key: TLS_SECRET_KEYS.ca, path: TLS_SECRET_KEYS.ca }]),
          ],
        },
      },
    },
  };
}
