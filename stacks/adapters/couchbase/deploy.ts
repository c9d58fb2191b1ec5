import type * as pulumi from "@pulumi/pulumi";
import { Couchbase } from "../../../components/couchbase";
import { adapter as matrixRow } from "../../../components/matrix";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider, workloadArgs } from "../kubernetes";
import type { CouchbaseSettings } from "./settings";

/** Stack output `couchbase`: what the Fiber storage/couchbase `Config` needs, never a password. */
export interface CouchbaseOutputs {
  readonly fiberPackages: readonly string[];
  /** The adapter's `Host`: `couchbases://<cluster>-srv.<namespace>.svc.<domain>` (DNS SRV bootstrap, TLS). */
  readonly host: string;
  /** The adapter's `Bucket`. */
  readonly bucket: string;
  /** The adapter's `Username` (data reader and writer on the bucket only). */
  readonly username: string;
  /** Where the adapter's `Password` is: this Secret's `password` key (its `username` key repeats the user name). */
  readonly passwordSecret: { readonly namespace: string; readonly name: string; readonly key: "password" };
  /** Always true: clients are admitted to the TLS ports only. */
  readonly tls: true;
  /**
   * The CA clients must trust: `ca.crt` of the servers' TLS Secret (which also holds the servers' `tls.key`: copy only
   * `ca.crt` into the application's namespace, e.g. with a trust-manager Bundle, never the Secret itself).
   * storage/couchbase's Config has no CA field and gocb then uses the system roots: mount the file in a directory and
   * add it with `SSL_CERT_DIR=/etc/ssl/certs:<dir>` (Go's crypto/x509 loads only SSL_CERT_FILE when that is set, which
   * would drop the public roots the app's other TLS needs), or mount a bundle of the public roots plus `ca.crt`.
   */
  readonly tlsCaSecret: { readonly namespace: string; readonly name: string; readonly key: "ca.crt" };
  /** The `kubernetes.io/tls` Secret to issue the servers' certificate into, and the names the operator requires in it. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  /**
   * Prerequisite on the operator, not this stack: the line its IMAGE_DIGESTS_CONFIG_MAP environment variable must
   * contain for the digest-pinned server image (`<digest hex>=<tag>` and a newline), or the operator reads the server's
   * version as 9.9.9 (README: Couchbase). Absent when the image is pinned by tag only.
   */
  readonly operatorImageDigests?: string;
  /** The adapter's `ConnectionTimeout` and `KVTimeout` this cluster needs (its defaults 3 s / 1 s are too short for TLS bootstrap and durable writes). */
  readonly timeouts: { readonly connectionTimeoutMs: number; readonly kvTimeoutMs: number };
  readonly kubernetesNamespace: string;
  readonly clusterName: string;
  readonly durability: string;
  /** Where the daily cbbackupmgr archive lives (backups on only). */
  readonly backup?: { readonly uri: string; readonly schedule: string; readonly roleArn: pulumi.Output<string> };
  /** With customer-key volumes only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
}

/**
 * Couchbase Server Enterprise on an existing Kubernetes cluster through the Couchbase Autonomous Operator for the
 * Fiber `storage/couchbase` adapter (components/couchbase). CloudWatch does not see the workload, so there are no
 * dashboard rows: its alerts are the PrometheusRule's.
 */
export function deployCouchbase(s: CouchbaseSettings, shared: SharedBlocks): Deployed<CouchbaseOutputs> {
  const { opts, baseName } = shared;
  const workload = workloadArgs(s, shared);
  // The rules refuse a stack without these before anything is registered.
  if (!s.licenseAccepted || s.operatorNamespace === undefined) throw new Error("sparki-storage:couchbase needs licenseAccepted: true and operatorNamespace (the config rules say why)");
  const couchbase = new Couchbase(`${baseName}-couchbase`, {
    ...workload,
    operatorNamespace: s.operatorNamespace,
    licenseAccepted: s.licenseAccepted,
    clusterName: s.clusterName,
    image: s.image,
    backupImage: s.backupImage,
    servers: s.servers,
    serverGroups: s.serverGroups,
    volumeSizeGiB: s.volumeSizeGiB,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    dataMemoryQuotaMiB: s.dataMemoryQuotaMiB,
    indexMemoryQuotaMiB: s.indexMemoryQuotaMiB,
    bucket: s.bucket,
    appUsername: s.appUsername,
    backupRetentionHours: s.backupRetentionHours,
  }, withKubernetesProvider(`${baseName}-couchbase-kubernetes`, s, opts));

  const { fiberPackages } = matrixRow("couchbase");
  const ns = couchbase.namespace;
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      host: couchbase.connectionString,
      bucket: couchbase.bucketName,
      username: couchbase.username,
      passwordSecret: { namespace: ns, name: couchbase.appSecretName, key: "password" },
      tls: true,
      tlsCaSecret: { namespace: ns, name: couchbase.tlsSecretName, key: "ca.crt" },
      tlsSecretName: couchbase.tlsSecretName,
      tlsDnsNames: couchbase.tlsDnsNames,
      ...(couchbase.operatorImageDigest === undefined ? {} : { operatorImageDigests: couchbase.operatorImageDigest }),
      // gocb's own defaults (connect 10 s, KV 2.5 s, durable KV 10 s: couchbase/gocb client.go): a bucket with a
      // minimum durability holds every write until a majority has it, so the KV timeout must cover that.
      timeouts: { connectionTimeoutMs: 10_000, kvTimeoutMs: s.bucket.durability === "none" ? 2_500 : 10_000 },
      kubernetesNamespace: ns,
      clusterName: couchbase.clusterName,
      durability: s.bucket.durability,
      ...(workload.backup && couchbase.backupRoleArn
        ? { backup: { uri: `s3://${workload.backup.target.bucketName}/${workload.backup.target.prefix.replace(/\/$/, "")}`, schedule: workload.backup.schedule, roleArn: couchbase.backupRoleArn } }
        : {}),
      ...(couchbase.ebsCsiKmsPolicy && workload.ebsEncryption
        ? { ebsCsiKmsPolicy: { arn: couchbase.ebsCsiKmsPolicy.arn, attachToRoleArn: workload.ebsEncryption.csiDriverRoleArn } }
        : {}),
    },
    dashboard: [],
  };
}
