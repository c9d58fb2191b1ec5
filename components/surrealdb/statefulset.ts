import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { httpProbe, serverProbes } from "../kubernetes/probes";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import { RUN_AS, SURREAL_BINARY } from "./image";
import { BOOTSTRAP_KEY, CREDENTIAL_KEYS, DATASTORE_PATH, PATHS, SURREALDB_NAMES, SURREALDB_PORT } from "./names";
import { containerResources } from "../kubernetes/resources";

export interface ServerSpecInput {
  readonly namespace: string;
  /** Pod and object labels (selector labels included). */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the StatefulSet selects its pod by. */
  readonly selector: Readonly<Record<string, string>>;
  /** Full image reference, pinned by digest. */
  readonly image: string;
  /** Data volume size, GiB. */
  readonly volumeSizeGiB: number;
  /** StorageClass of the data volume (always named: never the cluster default). */
  readonly storageClassName: string;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  /** Memory request = limit, MiB. */
  readonly memoryMiB: number;
  /** `kubernetes.io/tls` Secret the server serves HTTPS/WSS with. */
  readonly tlsSecretName: string;
  /** Keep the data claim when the StatefulSet is deleted. */
  readonly retainVolume: boolean;
  /**
   * SHA-256 (hex) of the bootstrap Secret's content: a pod template annotation, so a new password (or any other
   * bootstrap change) rolls the server, which re-imports the file; otherwise the server kept the old password until
   * some later restart while the app Secret already held the new one. A hash of 40 random characters reveals nothing.
   */
  readonly bootstrapChecksum: pulumi.Input<string>;
}

/** Pod template annotation carrying {@link ServerSpecInput.bootstrapChecksum}. */
export const BOOTSTRAP_CHECKSUM_ANNOTATION = "storage.sparki.io/bootstrap-sha256";

/**
 * StatefulSet annotation of stakater Reloader: when the named Secret's data changes, Reloader patches the pod
 * template and the StatefulSet rolls (https://github.com/stakater/Reloader README "Secret", and
 * https://pkg.go.dev/github.com/stakater/reloader, checked 2026-11-29). The server reads its certificate once, when
 * it binds (surrealdb/surrealdb surrealdb/server/src/ntw/mod.rs `RustlsConfig::from_pem_file`, no reload anywhere
 * in surrealdb/server/src, HEAD a97d3af read 2026-11-29), so without a restart it serves the old certificate after
 * cert-manager renews the Secret. Without Reloader in the cluster the annotation does nothing (a cluster prerequisite,
 * README.md "SurrealDB").
 */
export const RELOADER_SECRET_ANNOTATION = "secret.reloader.stakater.com/reload";

/** Server arguments: RocksDB on the volume, TLS from the Secret, the bootstrap SurrealQL imported at start. */
export function serverArgs(): string[] {
  return [
    "start",
    // The image sets SURREAL_BIND=0.0.0.0:8000 itself; said here so the port is not an image default.
    "--bind", `0.0.0.0:${SURREALDB_PORT}`,
    // Both or neither: the CLI refuses one without the other (clap group requires_all = ["web_crt", "web_key"]).
    "--web-crt", `${PATHS.certs}/${TLS_SECRET_KEYS.certificate}`,
    "--web-key", `${PATHS.certs}/${TLS_SECRET_KEYS.privateKey}`,
    "--import-file", `${PATHS.bootstrap}/${BOOTSTRAP_KEY}`,
    // Temporary files go to the writable /tmp emptyDir: the root filesystem is read-only.
    "--temporary-directory", TMP_VOLUME.mountPath,
    DATASTORE_PATH,
  ];
}

const fromSecret = (name: string, secret: string, key: string): k8s.types.input.core.v1.EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

/** The root user the server creates on its first start (`SURREAL_USER`/`SURREAL_PASS`, only when no root user exists). */
export function rootUserEnv(): k8s.types.input.core.v1.EnvVar[] {
  return [
    fromSecret("SURREAL_USER", SURREALDB_NAMES.rootSecret, CREDENTIAL_KEYS.username),
    fromSecret("SURREAL_PASS", SURREALDB_NAMES.rootSecret, CREDENTIAL_KEYS.password),
  ];
}

/**
 * One SurrealDB server: a single replica (RocksDB is a single-process store; several replicas need TiKV, which this
 * component does not run), restricted, probed, on one encrypted volume.
 */
export function serverStatefulSet(input: ServerSpecInput): k8s.apps.v1.StatefulSetArgs {
  const probe = (path: string) => (t: Parameters<typeof httpProbe>[3]) => httpProbe(path, SURREALDB_PORT, true, t);
  return {
    metadata: {
      name: SURREALDB_NAMES.statefulSet, namespace: input.namespace, labels: { ...input.labels },
      annotations: { [RELOADER_SECRET_ANNOTATION]: input.tlsSecretName },
    },
    spec: {
      serviceName: SURREALDB_NAMES.headlessService,
      replicas: 1,
      selector: { matchLabels: { ...input.selector } },
      // With one replica the controller deletes the pod before it creates the new one, so the ReadWriteOnce volume is
      // never wanted by two pods (the chart's Deployment needs `Recreate` for that).
      updateStrategy: { type: "RollingUpdate" },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: input.retainVolume ? "Retain" : "Delete", whenScaled: "Retain" },
      template: {
        metadata: { labels: { ...input.labels }, annotations: { [BOOTSTRAP_CHECKSUM_ANNOTATION]: input.bootstrapChecksum } },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          // RocksDB flushes its memtables on SIGTERM; the chart notes the grace period is the knob for a clean stop.
          terminationGracePeriodSeconds: 120,
          securityContext: restrictedPodSecurity(RUN_AS),
          containers: [{
            name: "surrealdb",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            command: [SURREAL_BINARY],
            args: serverArgs(),
            ports: [{ name: "https", containerPort: SURREALDB_PORT, protocol: "TCP" }],
            env: [
              ...rootUserEnv(),
              // As the official chart sets it: no ASCII banner in the logs.
              { name: "SURREAL_NO_BANNER", value: "true" },
            ],
            resources: containerResources(input),
            securityContext: restrictedContainerSecurity(RUN_AS),
            // GET /status: the web server answers; GET /health: the server and its storage engine are healthy
            // (https://surrealdb.com/docs/integration/http, checked 2026-11-29). Liveness on /status so a slow
            // storage check does not restart a server that is replaying its log; readiness on /health.
            ...serverProbes(probe("/status"), probe("/health")),
            volumeMounts: [
              { name: SURREALDB_NAMES.dataVolume, mountPath: PATHS.data },
              { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              { name: "certs", mountPath: PATHS.certs, readOnly: true },
              { name: "bootstrap", mountPath: PATHS.bootstrap, readOnly: true },
            ],
          }],
          volumes: [
            { name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } },
            tlsSecretVolume("certs", input.tlsSecretName, [
              { key: TLS_SECRET_KEYS.certificate, path: TLS_SECRET_KEYS.certificate },
              { key: TLS_SECRET_KEYS.privateKey, path: TLS_SECRET_KEYS.privateKey },
            ]),
            { name: "bootstrap", secret: { secretName: SURREALDB_NAMES.bootstrapSecret, defaultMode: 0o440 } },
          ],
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: SURREALDB_NAMES.dataVolume, labels: { ...input.labels } },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: input.storageClassName,
          resources: { requests: { storage: `${input.volumeSizeGiB}Gi` } },
        },
      }],
    },
  };
}
