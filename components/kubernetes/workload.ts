import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ebsKmsPolicyDocument } from "../common/ebs";
import { type S3BackupTarget, s3BackupProblems } from "./backup";
import { type EbsEncryption, ebsEncryptionProblems, ebsKmsStorageClass } from "./ebs-encryption";
import { DNS_LABEL, DNS_SUBDOMAIN, isValidLabel, type NamespaceLabel } from "./labels";
import { restrictedNamespace } from "./security";

/** A scheduled backup to the stack's S3 buckets (see S3Backup). */
export interface WorkloadBackup {
  readonly target: S3BackupTarget;
  /** The cluster's IAM OIDC provider ARN (IRSA). No default. */
  readonly oidcProviderArn: string;
  /** Cron schedule, UTC. No default. */
  readonly schedule: string;
  /** Seconds between two runs of `schedule` (staleness alert). No default. */
  readonly intervalSeconds: number;
}

/** What every storage workload on Kubernetes is given, beside its own settings. */
export interface KubernetesWorkloadArgs {
  /** Namespace the component creates (Restricted Pod Security Standard enforced). No default. */
  readonly namespace: string;
  /** Existing StorageClass of the volumes (excludes `ebsEncryption`). Default: none (then `ebsEncryption` is required). */
  readonly storageClassName?: string;
  /** Creates a gp3 StorageClass encrypted with the stack key and the EBS CSI driver's policy for it. Default: none. */
  readonly ebsEncryption?: EbsEncryption;
  /** Cluster DNS domain of endpoints and certificate names. Default: `cluster.local`. */
  readonly clusterDomain?: string;
  /** Namespaces carrying this label may reach the client port. Default: `storage.sparki.io/<app>-client=true`. */
  readonly clientNamespaceLabel?: NamespaceLabel;
  /** Namespace of the Prometheus that scrapes the metrics (a DNS label). Default: `monitoring`. */
  readonly monitoringNamespace?: string;
  /** kube-prometheus-stack release the PrometheusRule is labelled for. Default: none (no `release` label). */
  readonly prometheusRelease?: string;
  /** `kubernetes.io/tls` Secret in the namespace (`tls.crt`, `tls.key`, `ca.crt`), issued by the cluster's cert-manager or by hand. Default: `<app>-tls`. */
  readonly tlsSecretName?: string;
  /** Scheduled backups to S3. Default: none (refused by the stack in prod). */
  readonly backup?: WorkloadBackup;
  /** Pulumi `protect` on the namespace, the workload, its credentials and StorageClass; volumes kept on delete. Default: false. */
  readonly protect?: boolean;
}

export interface ResolvedWorkloadArgs extends Required<Omit<KubernetesWorkloadArgs, "storageClassName" | "ebsEncryption" | "prometheusRelease" | "backup">> {
  readonly storageClassName?: string;
  readonly ebsEncryption?: EbsEncryption;
  readonly prometheusRelease?: string;
  readonly backup?: WorkloadBackup;
}

/** Every default of {@link KubernetesWorkloadArgs} applied once; problems listed (prefixed by nothing: callers name the component). */
export function resolveWorkloadArgs(app: string, args: KubernetesWorkloadArgs): { resolved: ResolvedWorkloadArgs; problems: string[] } {
  const resolved: ResolvedWorkloadArgs = {
    ...args,
    clusterDomain: args.clusterDomain ?? "cluster.local",
    clientNamespaceLabel: args.clientNamespaceLabel ?? { key: `storage.sparki.io/${app}-client`, value: "true" },
    monitoringNamespace: args.monitoringNamespace ?? "monitoring",
    tlsSecretName: args.tlsSecretName ?? `${app}-tls`,
    protect: args.protect ?? false,
  };
  const problems = [
    ...(DNS_LABEL.test(resolved.namespace) ? [] : [`namespace "${resolved.namespace}" must be a DNS label`]),
    ...(DNS_LABEL.test(resolved.monitoringNamespace) ? [] : [`monitoringNamespace "${resolved.monitoringNamespace}" must be a DNS label`]),
    ...[resolved.storageClassName, resolved.tlsSecretName, resolved.clusterDomain]
      .filter((v): v is string => v !== undefined && !DNS_SUBDOMAIN.test(v)).map((v) => `"${v}" must be a DNS subdomain`),
    ...(resolved.storageClassName !== undefined && resolved.ebsEncryption !== undefined ? ["storageClassName and ebsEncryption exclude each other"] : []),
    ...(resolved.storageClassName === undefined && resolved.ebsEncryption === undefined
      ? ["storageClassName or ebsEncryption is required (a claim without a class waits for a cluster default that may not exist)"] : []),
    ...(resolved.ebsEncryption ? ebsEncryptionProblems(resolved.ebsEncryption) : []),
    ...(isValidLabel(resolved.clientNamespaceLabel) ? [] : [`clientNamespaceLabel ${resolved.clientNamespaceLabel.key}=${resolved.clientNamespaceLabel.value} is not a valid label`]),
    ...(resolved.backup ? s3BackupProblems({
      name: "backup", namespace: resolved.namespace, labels: {}, schedule: resolved.backup.schedule, intervalSeconds: resolved.backup.intervalSeconds,
      target: resolved.backup.target, oidcProviderArn: resolved.backup.oidcProviderArn, dump: { image: "", command: [] }, runAs: { user: 1, group: 1 },
    }).map((p) => `backup: ${p}`) : []),
  ];
  return { resolved, problems };
}

export interface WorkloadFoundation {
  readonly namespace: k8s.core.v1.Namespace;
  /** The volumes' StorageClass: the given one, or the one created for `ebsEncryption`. */
  readonly storageClassName: string;
  /** Created for `ebsEncryption` only. */
  readonly storageClass?: k8s.storage.v1.StorageClass;
  /**
   * The class backups dump to: with `ebsEncryption` and backups, `<namespace>-ebs-kms-scratch`, the same key with
   * reclaim `Delete` (a `Retain` class would keep one volume per run: a generic ephemeral volume's PV outlives its
   * claim under `Retain`, https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#lifecycle-and-persistentvolumeclaim);
   * otherwise the volumes' class.
   */
  readonly scratchStorageClassName: string;
  /** Policy to attach to the EBS CSI driver's role (`ebsEncryption` only). */
  readonly ebsCsiKmsPolicy?: aws.iam.Policy;
}

/**
 * The namespace (Restricted enforced) and, with `ebsEncryption`, the encrypted StorageClass `<namespace>-ebs-kms`
 * and the IAM policy the EBS CSI driver's role needs for the key, all children of `parent`.
 */
export function workloadFoundation(parent: pulumi.Resource, name: string, a: ResolvedWorkloadArgs, labels: Readonly<Record<string, string>>, fsType: "ext4" | "xfs"): WorkloadFoundation {
  const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, restrictedNamespace(a.namespace, labels), { parent, protect: a.protect });
  const ebs = a.ebsEncryption;
  if (ebs === undefined) return { namespace, storageClassName: a.storageClassName ?? "", scratchStorageClassName: a.storageClassName ?? "" };
  const storageClassName = `${a.namespace}-ebs-kms`;
  const storageClass = new k8s.storage.v1.StorageClass(`${name}-storage-class`,
    ebsKmsStorageClass({ name: storageClassName, labels, kmsKeyArn: ebs.kmsKeyArn, retainVolumes: a.protect, fsType }), { parent, protect: a.protect });
  const ebsCsiKmsPolicy = new aws.iam.Policy(`${name}-ebs-csi-kms`, {
    name: `${name}-ebs-csi-kms`,
    description: `Lets the EBS CSI driver create and attach ${a.namespace}'s volumes encrypted with this KMS key, through EC2 only`,
    policy: pulumi.output(ebs.kmsKeyArn).apply((keyArn) => JSON.stringify(ebsKmsPolicyDocument(keyArn, ebs.region))),
  }, { parent });
  const scratchStorageClassName = a.backup ? `${a.namespace}-ebs-kms-scratch` : storageClassName;
  if (a.backup) {
    new k8s.storage.v1.StorageClass(`${name}-scratch-storage-class`,
      ebsKmsStorageClass({ name: scratchStorageClassName, labels, kmsKeyArn: ebs.kmsKeyArn, retainVolumes: false, fsType }), { parent });
  }
  return { namespace, storageClassName, storageClass, ebsCsiKmsPolicy, scratchStorageClassName };
}
