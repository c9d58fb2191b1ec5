import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import { CLIENT_POLICY_NAME, clientPolicyDocument, lifecycleConfiguration, type MinioBucket } from "./buckets";
import { type ClusterAddress, endpointUrl, MINIO_NAMES, objectLabels, SECRET_KEYS, scheme } from "./names";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "./security";

const CONFIG_DIR = "/config";
const MC_CONFIG_DIR = "/tmp/.mc";
const ALIAS = "sparki";

/**
 * Idempotent: creates missing buckets (locked ones with Object Lock and their default retention), enables
 * versioning where declared, replaces each bucket's lifecycle with the declared one, and (re)creates the client
 * user with its policy. `mc` reads the alias from MC_HOST_sparki. PROVISION_CONFIG exists for tests that run the
 * script against a stub `mc`. A bucket that already exists without Object Lock cannot get it (MinIO turns it on
 * only at creation), so the retention step fails and says so.
 */
export const PROVISION_SCRIPT = `#!/bin/sh
set -eu
config="\${PROVISION_CONFIG:-${CONFIG_DIR}}"
until mc ready ${ALIAS} >/dev/null 2>&1; do echo "waiting for MinIO to accept writes"; sleep 5; done
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
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: objectLabels(input.instance, "provisioner") },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(),
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
              // Kubernetes expands $(VAR) from the variables above: the credentials never appear in the spec.
              { name: `MC_HOST_${ALIAS}`, value: `${scheme(address)}://$(ROOT_USER):$(ROOT_PASSWORD)@${host}` },
            ],
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            securityContext: restrictedContainerSecurity(),
            volumeMounts: [
              { name: "config", mountPath: CONFIG_DIR, readOnly: true },
              { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              ...(input.tlsSecretName ? [{ name: "ca", mountPath: `${MC_CONFIG_DIR}/certs/CAs`, readOnly: true }] : []),
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
