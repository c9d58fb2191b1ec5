import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { platformThreshold, type ThresholdSpec } from "../alerting";
import { ebsKmsPolicyDocument } from "../common/ebs";
import type { ResolvedEmbeddedKvArgs } from "./args";
import { kvLatencyThreshold } from "./alarms";
import { KV_PROMETHEUS } from "./metrics";
import { SNAPSHOT_TAG_KEY } from "./snapshots";

/** The volume claim template an agent StatefulSet embeds (`spec.volumeClaimTemplates[]`), as plain data. */
export interface KvClaimTemplate {
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly accessModes: readonly ["ReadWriteOnce"];
    readonly storageClassName: string;
    readonly resources: { readonly requests: { readonly storage: string } };
  };
}

export interface KvKubernetesParts {
  readonly storageClass: k8s.storage.v1.StorageClass;
  readonly storageClassName: string;
  readonly claimTemplate: KvClaimTemplate;
  readonly alertRules: k8s.apiextensions.CustomResource;
  readonly csiKmsPolicy: aws.iam.Policy;
}

/** One warning and one critical Prometheus rule; `for` follows the CloudWatch evaluation (15 min warning, 5 min critical). */
function rulePair(alert: string, expression: (level: number) => string, t: ThresholdSpec, summary: string): Record<string, unknown>[] {
  return (["warning", "critical"] as const).map((severity) => ({
    alert: `${alert}${severity === "warning" ? "Warning" : "Critical"}`,
    expr: expression(t[severity]),
    for: severity === "warning" ? "15m" : "5m",
    labels: { severity, threshold_source: t.source },
    annotations: { summary: `${summary} (${severity} level ${t[severity]} ${t.unit})` },
  }));
}

/**
 * Kubernetes hosting: a gp3 StorageClass encrypted with the stack key whose volumes carry the snapshot tag (so
 * the same DLM policy snapshots them), the claim template agents embed, the policy the EBS CSI driver's role needs
 * for the key, and prometheus-operator rules with the same levels as the CloudWatch alarms (CloudWatch does not
 * see pod volumes).
 */
export function kvKubernetes(name: string, a: ResolvedEmbeddedKvArgs, parent: pulumi.Resource): KvKubernetesParts {
  const k = a.kubernetes!;
  const storageClassName = `${name}-kv`;
  const storageClass = new k8s.storage.v1.StorageClass(storageClassName, {
    metadata: { name: storageClassName },
    provisioner: "ebs.csi.aws.com",
    parameters: {
      type: "gp3", iops: String(a.iops), throughput: String(a.throughputMiBps), encrypted: "true", kmsKeyId: a.kmsKeyArn,
      "csi.storage.k8s.io/fstype": "ext4",
      tagSpecification_1: `${SNAPSHOT_TAG_KEY}=${a.snapshotTag}`,
      tagSpecification_2: `sparki:kv-engine=${a.engine}`,
    },
    reclaimPolicy: a.retainVolumes ? "Retain" : "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  }, { parent, protect: a.protect });

  const claims = `namespace="${k.namespace}", persistentvolumeclaim=~"${k.claimName}-.*"`;
  const disk = platformThreshold("kvDiskUsedPercent");
  const inodes = platformThreshold("kvInodesFree");
  const amplification = platformThreshold("kvSpaceAmplificationPercent");
  const latency = kvLatencyThreshold();
  const engine = `namespace="${k.namespace}", engine="${a.engine}"`;
  const alertRules = new k8s.apiextensions.CustomResource(`${name}-kv-alerts`, {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: {
      name: `${name}-kv`, namespace: k.namespace,
      // kube-prometheus-stack's Prometheus selects rule objects by `release: <its release>` unless told otherwise.
      labels: { "app.kubernetes.io/part-of": "sparki-storage", ...(k.prometheusRelease ? { release: k.prometheusRelease } : {}) },
    },
    spec: {
      groups: [{
        name: `${name}-embedded-kv`,
        rules: [
          ...rulePair("KvDiskUsed", (l) => `100 * ${KV_PROMETHEUS.usedBytes}{${claims}} / ${KV_PROMETHEUS.capacityBytes}{${claims}} > ${l}`, disk, "KV volume use leaves too little room to compact"),
          ...rulePair("KvInodesFree", (l) => `${KV_PROMETHEUS.inodesFree}{${claims}} < ${l}`, inodes, "KV volume is running out of inodes"),
          ...rulePair("KvSpaceAmplification", (l) => `${KV_PROMETHEUS.spaceAmplificationPercent}{${engine}} > ${l}`, amplification, "the LSM grows while live data does not"),
          ...rulePair("KvLatencyP95", (l) => `1000 * histogram_quantile(0.95, sum by (le) (rate(${KV_PROMETHEUS.latencySecondsBucket}{${engine}}[5m]))) > ${l}`, latency, "KV operation p95 latency"),
        ],
      }],
    },
  }, { parent });

  const csiKmsPolicy = new aws.iam.Policy(`${name}-kv-ebs-csi-kms`, {
    description: "Attach to the EBS CSI driver's role: create the agents' KV volumes encrypted with the stack key",
    policy: pulumi.output(a.kmsKeyArn).apply((arn) => JSON.stringify(ebsKmsPolicyDocument(arn, a.region))),
  }, { parent });

  const claimTemplate: KvClaimTemplate = {
    metadata: { name: k.claimName },
    spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: `${a.volumeSizeGiB}Gi` } } },
  };
  return { storageClass, storageClassName, claimTemplate, alertRules, csiKmsPolicy };
}
