import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import { CLIENT_POLICY_NAME, clientPolicyDocument, lifecycleConfiguration, type MinioBucket } from "./buckets";
import { type ClusterAddress, endpointUrl, MINIO_NAMES, objectLabels, SECRET_KEYS, scheme } from "./names";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { RUN_AS } from "./security";

const CONFIG_DIR = "/config";
/**
 * Layout of the Job's container, chosen so that no directory the non-root `mc` must write is created by the
 * container runtime (policy k8s-no-root-created-dirs, policy/kubernetes.ts, checks this class):
 * - `MC_CONFIG_DIR` lies in the `/tmp` emptyDir, which the pod's fsGroup makes writable, and no other volume is
 *   mounted below `/tmp`. The runtime creates the missing parents of a mount point nested in another volume as
 *   root, mode 0755 (runc's createIfNotExists; the kubelet's MakeNestedMountpoints does the same for configMap
 *   and Secret volumes), and fsGroup does not reach them: with the CA Secret mounted at `/tmp/.mc/certs/CAs`,
 *   `/tmp/.mc` and `/tmp/.mc/certs` were root's and `mc` (UID 1000) could not write its config there.
 * - The servers' CA is mounted read-only at its own top-level path, outside every writable directory, and the
 *   script copies it into `$MC_CONFIG_DIR/certs/CAs` (where `mc` looks for extra CAs) after `mkdir -p`, as UID 1000.
 * fsGroup: Kubernetes changes a volume's ownership "when that volume is mounted", before the container starts and
 * the runtime creates those parents (checked 2026-11-29:
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#configure-volume-permission-and-ownership-change-policy-for-pods).
 */
const MC_CONFIG_DIR = "/tmp/.mc";
const CA_DIR = "/minio-ca";
const ALIAS = "sparki";

/**
 * Longest wait, seconds, for MinIO to accept writes before the script fails with mc's last output. Well inside
 * the Job's {@link ACTIVE_DEADLINE_SECONDS} so that even a retried pod says why it failed before the Job is killed
 * (Pulumi starts the Job only once the StatefulSet is ready, so a healthy pool answers within seconds).
 */
export const PROVISION_WAIT_SECONDS = 300;
/** The Job's own deadline, over all its pod retries. */
export const ACTIVE_DEADLINE_SECONDS = 900;

/**
 * Idempotent: creates missing buckets (locked ones with Object Lock and their default retention), enables
 * versioning where declared, replaces each bucket's lifecycle with the declared one, and (re)creates the client
 * user with its policy. `mc` reads the alias from MC_HOST_sparki. PROVISION_CONFIG and PROVISION_WAIT_SECONDS
 * exist for tests that run the script against a stub `mc`. A bucket that already exists without Object Lock cannot
 * get it (MinIO turns it on only at creation), so the retention step fails and says so.
 *
 * `mc ready` retries until the cluster answers (https://min.io/docs/minio/linux/reference/minio-mc/mc-ready.html),
 * so it runs in the background, watched by a timer: the script goes on the moment `mc ready` succeeds; past
 * PROVISION_WAIT_SECONDS (the timer stops it), or as soon as `mc` itself exits with an error (e.g. an unwritable
 * MC_CONFIG_DIR), it prints the tail of mc's output to stderr and exits 1, instead of retrying silently until the
 * Job's deadline. The timer stops its own `sleep` when stopped early, so nothing outlives the script.
 */
export const PROVISION_SCRIPT = `#!/bin/sh
set -eu
config="\${PROVISION_CONFIG:-${CONFIG_DIR}}"
wait_seconds="\${PROVISION_WAIT_SECONDS:-${PROVISION_WAIT_SECONDS}}"
if [ -n "\${PROVISION_CA_FILE:-}" ]; then
  mkdir -p "\${MC_CONFIG_DIR:?must be set with PROVISION_CA_FILE}/certs/CAs"
  cp "\${PROVISION_CA_FILE}" "\${MC_CONFIG_DIR}/certs/CAs/ca.crt"
fi
ready_log="\${TMPDIR:-/tmp}/mc-ready.log"
timed_out="\${TMPDIR:-/tmp}/mc-ready.timed-out"
rm -f "\${timed_out}"
echo "waiting up to \${wait_seconds}s for MinIO to accept writes"
mc ready ${ALIAS} > "\${ready_log}" 2>&1 &
ready_pid=$!
(
  trap 'kill "\${sleep_pid:-}" 2>/dev/null; exit 0' TERM
  sleep "\${wait_seconds}" &
  sleep_pid=$!
  wait "\${sleep_pid}"
  : > "\${timed_out}"
  kill "\${ready_pid}" 2>/dev/null
) > /dev/null 2>&1 &
watchdog_pid=$!
ready_status=0
wait "\${ready_pid}" || ready_status=$?
kill "\${watchdog_pid}" 2>/dev/null || true
if [ -f "\${timed_out}" ]; then
  echo "MinIO (alias ${ALIAS}) did not accept writes within \${wait_seconds}s; mc ready said last:" >&2
  tail -n 20 "\${ready_log}" >&2
  exit 1
fi
if [ "\${ready_status}" -ne 0 ]; then
  echo "mc ready ${ALIAS} failed; its output:" >&2
  tail -n 20 "\${ready_log}" >&2
  exit 1
fi
versioned=" $(cat "\${config}/versioned-buckets") "
locked=" $(cat "\${config}/locked-buckets") "
for bucket in $(cat "\${config}/buckets"); do
  case "\${locked}" in
    *" \${bucket} "*)
      mc mb --ignore-existing --with-lock "${ALIAS}/\${bucket}"
      read -r mode validity < "\${config}/retention-\${bucket}"
      if ! mc retention set --default "\${mode}" "\${validity}" "${ALIAS}/\${bucket}"; then
        echo "bucket \${bucket}: cannot set its default \${mode} retention of \${validity}; a bucket created without Object Lock never gets it (move its objects to a new locked bucket)" >&2
        exit 1
      fi ;;
    *) mc mb --ignore-existing "${ALIAS}/\${bucket}" ;;
  esac
  case "\${versioned}" in *" \${bucket} "*) mc version enable "${ALIAS}/\${bucket}" ;; esac
  mc ilm rule import "${ALIAS}/\${bucket}" < "\${config}/lifecycle-\${bucket}.json"
done
mc admin policy create ${ALIAS} ${CLIENT_POLICY_NAME} "\${config}/client-policy.json"
mc admin user add ${ALIAS} "\${CLIENT_ACCESS_KEY}" "\${CLIENT_SECRET_KEY}"
if ! out=$(mc admin policy attach ${ALIAS} ${CLIENT_POLICY_NAME} --user "\${CLIENT_ACCESS_KEY}" 2>&1); then
  case "\${out}" in *"already in effect"*|*"no net effect"*) ;; *) echo "\${out}" >&2; exit 1 ;; esac
fi
echo "provisioned: $(cat "\${config}/buckets")"
`;

/** ConfigMap data: the script, the bucket lists, each locked bucket's retention, one lifecycle per bucket, the client policy. */
export function provisioningData(buckets: readonly MinioBucket[]): Record<string, string> {
  return {
    "provision.sh": PROVISION_SCRIPT,
    buckets: `${buckets.map((b) => b.name).join(" ")}\n`,
    "versioned-buckets": `${buckets.filter((b) => b.versioned).map((b) => b.name).join(" ")}\n`,
    "locked-buckets": `${buckets.filter((b) => b.objectLock).map((b) => b.name).join(" ")}\n`,
    ...Object.fromEntries(buckets.flatMap((b) => (b.objectLock ? [[`retention-${b.name}`, `${b.objectLock.mode} ${b.objectLock.retentionDays}d\n`]] : []))),
    ...Object.fromEntries(buckets.map((b) => [`lifecycle-${b.name}.json`, JSON.stringify(lifecycleConfiguration(b), null, 2)])),
    "client-policy.json": JSON.stringify(clientPolicyDocument(buckets), null, 2),
  };
}

export function provisioningConfigMap(instance: string, namespace: string, data: Record<string, string>): k8s.core.v1.ConfigMapArgs {
  return { metadata: { name: MINIO_NAMES.provisioningConfig, namespace, labels: objectLabels(instance, "provisioner") }, data };
}

/** Short hash of everything the Job does: part of its name, so a change replaces (re-runs) the Job. */
export function provisioningHash(data: Record<string, string>, image: string, address: ClusterAddress): string {
  return createHash("sha256").update(JSON.stringify({ data, image, address })).digest("hex").slice(0, 10);
}

export interface JobInput {
  /** Instance label value (the component name). No default. */
  readonly instance: string;
  /** Where the servers are and whether they speak TLS. No default. */
  readonly address: ClusterAddress;
  /** `mc` image reference, pinned by digest. */
  readonly image: string;
  /** {@link provisioningHash} of what the Job does: suffix of its name. No default. */
  readonly hash: string;
  /** TLS Secret of the servers: its ca.crt lets `mc` verify them. */
  readonly tlsSecretName?: string;
}

function secretEnv(name: string, secret: string, key: string): k8s.types.input.core.v1.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** One-shot Job running `mc` with the ConfigMap's script; restricted like the servers. */
export function provisioningJob(input: JobInput): k8s.batch.v1.JobArgs {
  const { address } = input;
  const host = endpointUrl(address).replace(`${scheme(address)}://`, "");
  return {
    metadata: {
      name: `${MINIO_NAMES.provisioningJobPrefix}-${input.hash}`,
      namespace: address.namespace,
      labels: objectLabels(input.instance, "provisioner"),
    },
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: ACTIVE_DEADLINE_SECONDS,
      template: {
        metadata: { labels: objectLabels(input.instance, "provisioner") },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(RUN_AS),
          containers: [{
            name: "mc",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            command: ["/bin/sh", `${CONFIG_DIR}/provision.sh`],
            env: [
              secretEnv("ROOT_USER", MINIO_NAMES.rootSecret, SECRET_KEYS.rootUser),
              secretEnv("ROOT_PASSWORD", MINIO_NAMES.rootSecret, SECRET_KEYS.rootPassword),
              secretEnv("CLIENT_ACCESS_KEY", MINIO_NAMES.clientSecret, SECRET_KEYS.accessKey),
              secretEnv("CLIENT_SECRET_KEY", MINIO_NAMES.clientSecret, SECRET_KEYS.secretKey),
              { name: "MC_CONFIG_DIR", value: MC_CONFIG_DIR },
              ...(input.tlsSecretName ? [{ name: "PROVISION_CA_FILE", value: `${CA_DIR}/ca.crt` }] : []),
              // Kubernetes expands $(VAR) from the variables above: the credentials never appear in the spec.
              { name: `MC_HOST_${ALIAS}`, value: `${scheme(address)}://$(ROOT_USER):$(ROOT_PASSWORD)@${host}` },
            ],
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            securityContext: restrictedContainerSecurity(RUN_AS),
            volumeMounts: [
              { name: "config", mountPath: CONFIG_DIR, readOnly: true },
              { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              // Read-only at its own path (see MC_CONFIG_DIR): the script copies it to where mc looks.
              ...(input.tlsSecretName ? [{ name: "ca", mountPath: CA_DIR, readOnly: true }] : []),
            ],
          }],
          volumes: [
            { name: "config", configMap: { name: MINIO_NAMES.provisioningConfig, defaultMode: 0o444 } },
            { name: TMP_VOLUME.name, emptyDir: { sizeLimit: "64Mi" } },
            ...(input.tlsSecretName ? [{ name: "ca", secret: { secretName: input.tlsSecretName, items: [{ key: "ca.crt", path: "ca.crt" }] } }] : []),
          ],
        },
      },
    },
  };
}
