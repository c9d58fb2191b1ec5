import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { platformThreshold } from "../alerting";
import { prometheusRule, severityRules } from "../kubernetes/alert-rules";
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
  const alertRules = new k8s.apiextensions.CustomResource(`${name}-kv-alerts`, prometheusRule({
    name: `${name}-kv`, namespace: k.namespace,
    labels: { "app.kubernetes.io/part-of": "sparki-storage" },
    prometheusRelease: k.prometheusRelease,
    group: `${name}-embedded-kv`,
    rules: [
      ...severityRules("KvDiskUsed", (l) => `100 * ${KV_PROMETHEUS.usedBytes}{${claims}} / ${KV_PROMETHEUS.capacityBytes}{${claims}} > ${l}`, disk, "KV volume use leaves too little room to compact"),
      ...severityRules("KvInodesFree", (l) => `${KV_PROMETHEUS.inodesFree}{${claims}} < ${l}`, inodes, "KV volume is running out of inodes"),
      ...severityRules("KvSpaceAmplification", (l) => `${KV_PROMETHEUS.spaceAmplificationPercent}{${engine}} > ${l}`, amplification, "the LSM grows while live data does not"),
      ...severityRules("KvLatencyP95", (l) => `1000 * histogram_quantile(0.95, sum by (le) (rate(${KV_PROMETHEUS.latencySecondsBucket}{${engine}}[5m]))) > ${l}`, latency, "KV operation p95 latency"),
    ],
  }), { parent });

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
