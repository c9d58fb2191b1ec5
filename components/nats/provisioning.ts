import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import type { DumpStep } from "../kubernetes/backup";
import { BACKUP_DIR } from "../kubernetes/backup";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import type { KvBucketSpec } from "./config";
import { CREDENTIAL_KEYS, clientUrl, inboxPrefix, NATS_NAMES, NATS_USERS, type NatsAddress, type NatsUserRole, objectLabels } from "./names";
import { NATS_RUN_AS } from "./statefulset";

/** Where the CLI pods mount the cluster CA (the only key of the TLS Secret they get). */
const CA_DIR = "/etc/nats-ca";

/**
 * The `nats` CLI's connection, from the environment (natscli reads NATS_URL, NATS_USER, NATS_PASSWORD and NATS_CA,
 * https://docs.nats.io/using-nats/nats-tools/nats_cli#configuration-contexts, checked 2026-11-29): TLS to the client
 * Service, verified against the cluster CA, as one user whose password comes from its Secret by reference.
 */
export function cliEnvironment(address: NatsAddress, role: NatsUserRole): k8s.types.input.core.v1.EnvVar[] {
  const secret = NATS_USERS[role].secret;
  return [
    { name: "HOME", value: TMP_VOLUME.mountPath },
    { name: "NATS_URL", value: clientUrl(address) },
    { name: "NATS_CA", value: `${CA_DIR}/${TLS_SECRET_KEYS.ca}` },
    { name: "NATS_USER", valueFrom: { secretKeyRef: { name: secret, key: CREDENTIAL_KEYS.user } } },
    { name: "NATS_PASSWORD", valueFrom: { secretKeyRef: { name: secret, key: CREDENTIAL_KEYS.password } } },
  ];
}

/**
 * A shell function that makes every `nats` of a script use the user's own inbox prefix (names.ts `inboxPrefix`; the
 * server lets the user subscribe to nothing else). natscli v0.3.1 takes it only as the global flag `--inbox-prefix`
 * (nats/main.go; no environment variable), checked 2026-11-29. The script's lines keep reading `nats kv add ...`.
 */
export function cliPrefix(role: NatsUserRole): string {
  return `nats() { command nats --inbox-prefix ${inboxPrefix(role)} "$@"; }`;
}

const caVolume = (tlsSecretName: string) => tlsSecretVolume("ca", tlsSecretName, [{ key: TLS_SECRET_KEYS.ca, path: TLS_SECRET_KEYS.ca }]);
const caMount = { name: "ca", mountPath: CA_DIR, readOnly: true };

/**
 * Creates the bucket unless it exists (`nats kv add`, https://docs.nats.io/nats-concepts/jetstream/key-value-store/kv_walkthrough,
 * checked 2026-11-29), then prints it. Idempotent: a bucket already there is left as it is; changing its replicas is
 * an operator's `nats stream edit KV_<bucket> --replicas`, never a re-create, which would drop every key.
 */
export function bucketScript(spec: KvBucketSpec): string {
  return [
    "set -eu",
    cliPrefix("provisioner"),
    `if nats kv info "${spec.bucket}" >/dev/null 2>&1; then`,
    `  echo "bucket ${spec.bucket} exists; left as it is"`,
    "else",
    `  nats kv add "${spec.bucket}" --storage=${spec.storage} --replicas=${spec.replicas} --history=${spec.history}`,
    "fi",
    `nats kv info "${spec.bucket}"`,
  ].join("\n");
}

export interface BucketJobInput {
  readonly instance: string;
  readonly address: NatsAddress;
  readonly spec: KvBucketSpec;
  /** nats-box image reference, pinned by digest. */
  readonly image: string;
  readonly tlsSecretName: string;
}

/** A new Job name whenever the bucket spec, its script or the image changes (a Job's pod template cannot be changed in place). */
export function bucketJobName(input: BucketJobInput): string {
  const hash = createHash("sha256").update(JSON.stringify({ spec: input.spec, script: bucketScript(input.spec), image: input.image })).digest("hex").slice(0, 10);
  return `${NATS_NAMES.bucketJobPrefix}-${hash}`;
}

/** The Job that creates the Fiber adapter's KV bucket with the provisioner user (restricted, no service account token). */
export function bucketJob(input: BucketJobInput): k8s.batch.v1.JobArgs {
  return {
    metadata: { name: bucketJobName(input), namespace: input.address.namespace, labels: objectLabels(input.instance, "provisioner") },
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: objectLabels(input.instance, "provisioner") },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          restartPolicy: "Never",
          securityContext: restrictedPodSecurity(NATS_RUN_AS),
          containers: [{
            name: "bucket",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            command: ["/bin/sh", "-c", bucketScript(input.spec)],
            env: cliEnvironment(input.address, "provisioner"),
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            securityContext: restrictedContainerSecurity(NATS_RUN_AS),
            volumeMounts: [{ name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath }, caMount],
          }],
          volumes: [{ name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } }, caVolume(input.tlsSecretName)],
        },
      },
    },
  };
}

/**
 * The backup's dump: `nats stream backup KV_<bucket> <dir>` writes a snapshot of the bucket's stream (its
 * configuration and data, consistent at one point of the Raft log) that `nats stream restore` puts back as the
 * `restore` user (https://docs.nats.io/running-a-nats-service/nats_admin/jetstream_admin/disaster_recovery, checked
 * 2026-11-29; the runbook is docs/components.md "Restoring a backup").
 * A copy of the volumes would not be consistent across the replicas; the snapshot is the documented way.
 */
export function backupDump(address: NatsAddress, spec: KvBucketSpec, image: string, tlsSecretName: string): DumpStep {
  return {
    image,
    command: ["/bin/sh", "-c", `set -eu\n${cliPrefix("backup")}\nnats stream backup "${spec.stream}" "${BACKUP_DIR}/${spec.stream}"\nls -l "${BACKUP_DIR}/${spec.stream}"`],
    env: cliEnvironment(address, "backup").filter((e) => e.name !== "HOME"),
    volumes: [caVolume(tlsSecretName)],
    volumeMounts: [caMount],
  };
}

/** Labels the backup's pods carry (the NetworkPolicy admits them to the client port by these). */
export function backupLabels(instance: string): Record<string, string> {
  return objectLabels(instance, "backup");
}
