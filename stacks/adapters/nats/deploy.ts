import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow } from "../../../components/matrix";
import { NatsCluster } from "../../../components/nats";
import { CREDENTIAL_KEYS } from "../../../components/nats/names";
import { TLS_SECRET_KEYS } from "../../../components/kubernetes/tls";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider, workloadArgs } from "../kubernetes";
import type { NatsSettings } from "./settings";

/** Stack output `nats`: what the Fiber storage/nats `Config` needs, never a password. */
export interface NatsOutputs {
  readonly fiberPackages: readonly string[];
  /** The adapter's `Config.URLs`: `tls://nats.<namespace>.svc.<domain>:4222` (clients must speak TLS). */
  readonly urls: string;
  /** Always true: the server refuses plaintext clients. */
  readonly tls: true;
  /** Kubernetes namespace of the servers and the credentials Secret. */
  readonly kubernetesNamespace: string;
  /**
   * Secret (in `kubernetesNamespace`) with the adapter's user and password, for `nats.UserInfo(user, password)` in
   * `NatsOptions`. A pod mounts Secrets of its own namespace only: copy it into the app's (see `copyIntoClientNamespace`).
   */
  readonly secretName: string;
  /** Keys of that Secret. */
  readonly secretKeys: { readonly user: string; readonly password: string };
  /** The `kubernetes.io/tls` Secret to issue the certificate into; its `ca.crt` is what `nats.RootCAs` needs. */
  readonly tlsSecretName: string;
  readonly tlsCaKey: string;
  /** DNS names the certificate must cover (usages server auth and client auth: routes use it both ways). */
  readonly tlsDnsNames: readonly string[];
  /**
   * The adapter's inbox prefix: `NatsOptions` must carry `nats.CustomInboxPrefix(inboxPrefix)`; the Fiber user may
   * subscribe to `<inboxPrefix>.>` only, so with the default `_INBOX` no reply reaches the adapter.
   */
  readonly inboxPrefix: string;
  /** What the app's namespace needs copies of (External Secrets, a reflector): the credentials Secret and the CA only. */
  readonly copyIntoClientNamespace: readonly string[];
  /** Secret (in `kubernetesNamespace`) of the `restore` user, for an operator's `nats stream restore` (docs/components.md). */
  readonly restoreSecretName: string;
  /** The adapter's `KeyValueConfig` (the bucket exists already; the adapter only looks it up). */
  readonly keyValueConfig: {
    readonly bucket: string;
    /** `jetstream.FileStorage`. */
    readonly storage: "file";
    /**
     * Replicas the bucket Job creates a missing bucket with, min(nodes, 3). An existing bucket keeps its own (the Job
     * never edits it): after `nodes` grows, `NatsKvReplicasMissing` fires until `nats stream edit KV_<bucket> --replicas`.
     */
    readonly replicas: number;
    readonly history: number;
    /** 0: no bucket TTL; the adapter keeps per-key expiry inside each value. */
    readonly ttlSeconds: number;
  };
  /** Where the daily `nats stream backup` lands (backups on only). */
  readonly backup?: { readonly bucket: string; readonly prefix: string; readonly schedule: string };
  /** With customer-key volumes only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
}

/**
 * NATS JetStream on an existing Kubernetes cluster for the Fiber `storage/nats` adapter (components/nats). CloudWatch
 * does not see the workload (its PrometheusRule does), so there are no dashboard rows.
 */
export function deployNats(s: NatsSettings, shared: SharedBlocks): Deployed<NatsOutputs> {
  const { opts, baseName } = shared;
  const workload = workloadArgs(s, shared);
  const nats = new NatsCluster(`${baseName}-nats`, {
    ...workload,
    nodes: s.nodes,
    volumeSizeGiB: s.volumeSizeGiB,
    expandedVolumeSizeGiB: s.expandedVolumeSizeGiB,
    jetStreamMaxFileStoreGiB: s.jetStreamMaxFileStoreGiB,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    image: s.image,
    boxImage: s.boxImage,
    exporterImage: s.exporterImage,
    bucket: s.bucket,
  }, withKubernetesProvider(`${baseName}-nats-kubernetes`, s, opts));

  const { fiberPackages } = matrixRow("nats");
  const b = nats.bucket;
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      urls: nats.url,
      tls: true,
      kubernetesNamespace: nats.namespace,
      secretName: nats.clientSecretName,
      secretKeys: { user: CREDENTIAL_KEYS.user, password: CREDENTIAL_KEYS.password },
      tlsSecretName: nats.tlsSecretName,
      tlsCaKey: TLS_SECRET_KEYS.ca,
      tlsDnsNames: nats.tlsDnsNames,
      inboxPrefix: nats.clientInboxPrefix,
      copyIntoClientNamespace: [
        `Secret ${nats.clientSecretName} (keys ${CREDENTIAL_KEYS.user}, ${CREDENTIAL_KEYS.password})`,
        `${TLS_SECRET_KEYS.ca} of Secret ${nats.tlsSecretName} (only ${TLS_SECRET_KEYS.ca}: the Secret also holds the servers' private key)`,
      ],
      restoreSecretName: nats.restoreSecretName,
      keyValueConfig: { bucket: b.bucket, storage: b.storage, replicas: b.replicas, history: b.history, ttlSeconds: b.ttlSeconds },
      ...(workload.backup ? { backup: { bucket: workload.backup.target.bucketName, prefix: workload.backup.target.prefix, schedule: workload.backup.schedule } } : {}),
      ...(nats.ebsCsiKmsPolicy && workload.ebsEncryption
        ? { ebsCsiKmsPolicy: { arn: nats.ebsCsiKmsPolicy.arn, attachToRoleArn: workload.ebsEncryption.csiDriverRoleArn } }
        : {}),
    },
    dashboard: [],
  };
}
