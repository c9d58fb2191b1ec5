import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type AlertRule, backupMissedRules } from "./alert-rules";
import { type ContainerImage, imageReference } from "./image";
import { type RunAs, restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "./security";
import type { ThresholdSpec } from "../alerting";
import { GP3 } from "../common/ebs";
import { cronProblem } from "./cron";
import { DNS_LABEL } from "./labels";

/**
 * The AWS CLI image of the upload step. The digest is the one an independent public project pins for this tag;
 * it was not pulled from the registry when this was written (no registry is reachable from here). Mirror it
 * (`crane copy` keeps the digest) and point `registry` at the mirror.
 */
export const AWS_CLI_IMAGE: ContainerImage = {
  registry: "public.ecr.aws",
  repository: "aws-cli/aws-cli",
  tag: "2.27.41",
  digest: "sha256:1c2d7a51b1ff4f460bc3f1e1ee46a6cef47c7429ad9089ef99012a95e472a1a5",
};

/** Where the backups go: a prefix of one of the stack's buckets (encrypted with the stack key). */
export interface S3BackupTarget {
  /** Bucket name. No default. */
  readonly bucketName: string;
  /** Bucket ARN. No default. */
  readonly bucketArn: string;
  /** Key prefix every object of this workload lands under, ending in `/`, e.g. `kubernetes/etcd/`. No default. */
  readonly prefix: string;
  /** The bucket's KMS key: uploads name it (the bucket policy refuses any other). No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Region of the bucket and the key. No default. */
  readonly region: string;
}

/** The dump step: a container that writes the backup files into `/backup` (an emptyDir the upload step reads). */
export interface DumpStep {
  /** Image reference, pinned by digest. No default. */
  readonly image: string;
  /** Command and arguments; must leave its files in {@link BACKUP_DIR} and exit 0. No default. */
  readonly command: readonly string[];
  /** Environment (credentials come from Secrets by reference). Default: none. */
  readonly env?: readonly k8s.types.input.core.v1.EnvVar[];
  /** Extra read-only volumes the dump needs (TLS CA, client certificate). Default: none. */
  readonly volumes?: readonly k8s.types.input.core.v1.Volume[];
  /** Mounts of those volumes. Default: none. */
  readonly volumeMounts?: readonly k8s.types.input.core.v1.VolumeMount[];
}

export interface S3BackupArgs {
  /** Namespace of the workload (the CronJob and its ServiceAccount go there). No default. */
  readonly namespace: string;
  /** Name of the CronJob and ServiceAccount (a DNS label, at most 52 characters: CronJob names are). No default. */
  readonly name: string;
  /** Labels of every object; the dump's pods carry them too (the workload's NetworkPolicy admits them by these). No default. */
  readonly labels: Readonly<Record<string, string>>;
  /** Cron schedule in UTC. No default. */
  readonly schedule: string;
  /** Seconds between two scheduled runs (for the staleness alert). No default. */
  readonly intervalSeconds: number;
  readonly target: S3BackupTarget;
  /**
   * ARN of the cluster's IAM OIDC provider (IRSA): the upload step assumes a role trusting only this CronJob's
   * ServiceAccount. No default.
   */
  readonly oidcProviderArn: string;
  readonly dump: DumpStep;
  /** Identity of both steps. No default. */
  readonly runAs: RunAs;
  /** Upload image. Default: {@link AWS_CLI_IMAGE}. */
  readonly uploadImage?: ContainerImage;
  /** Runs missed before the staleness rules fire, warning and critical. Default: platform threshold `k8sBackupMissedRuns` (count). */
  readonly missedRuns?: ThresholdSpec;
  /**
   * Scratch space the dump is written to before the upload. With a StorageClass: a generic ephemeral volume of that
   * class (encrypted like the workload's data, created and deleted with each run's pod), sized for the largest dump.
   * Default: an emptyDir of {@link DEFAULT_SCRATCH_GIB} GiB on the node's own disk.
   */
  readonly scratch?: { readonly storageClassName: string; readonly sizeGiB: number };
}

/** Longest component name: `<name>-role` plus Pulumi's `-xxxxxxx` suffix must fit IAM's 64 characters. */
export const MAX_BACKUP_COMPONENT_NAME = 64 - "-role".length - 8;

/** Scratch space of a dump without a `scratch` volume, GiB (an emptyDir limit: the pod is evicted past it). */
export const DEFAULT_SCRATCH_GIB = 20;

/** Where the dump step leaves its files and the upload step reads them. */
export const BACKUP_DIR = "/backup";
/** Longest a run may take, seconds (dump and upload); a hung run must not block the next one forever. */
export const BACKUP_DEADLINE_SECONDS = 3600;

/** CronJob names are at most 52 characters: the controller appends 11 for each Job (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#writing-a-cronjob-spec). */
export const MAX_CRONJOB_NAME_LENGTH = 52;

/** Every reason the arguments would be refused (by this component, IAM or the API server). */
export function s3BackupProblems(args: S3BackupArgs): string[] {
  return [
    ...(DNS_LABEL.test(args.name) && args.name.length <= MAX_CRONJOB_NAME_LENGTH ? [] : [`name "${args.name}" must be a DNS label of at most ${MAX_CRONJOB_NAME_LENGTH} characters`]),
    ...[cronProblem(args.schedule)].filter((p): p is string => p !== undefined).map((p) => `schedule "${args.schedule}" ${p}`),
    ...(Number.isInteger(args.intervalSeconds) && args.intervalSeconds >= 60 ? [] : [`intervalSeconds must be an integer of at least 60, got ${args.intervalSeconds}`]),
    ...(args.target.prefix.endsWith("/") && !args.target.prefix.startsWith("/") ? [] : [`target.prefix "${args.target.prefix}" must end with "/" and not start with one`]),
    ...(args.scratch === undefined || (Number.isInteger(args.scratch.sizeGiB) && args.scratch.sizeGiB >= 1 && args.scratch.sizeGiB <= GP3.maxGiB)
      ? [] : [`scratch.sizeGiB must be an integer 1..${GP3.maxGiB} (the largest gp3 volume), got ${args.scratch.sizeGiB}`]),
    ...(OIDC_PROVIDER_ARN.test(args.oidcProviderArn) ? [] : [`oidcProviderArn "${args.oidcProviderArn}" must be an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)`]),
  ];
}

/** The OIDC issuer host of an IAM OIDC provider ARN (`arn:aws:iam::<acct>:oidc-provider/<host/path>`). */
export function oidcIssuer(oidcProviderArn: string): string {
  return oidcProviderArn.slice(oidcProviderArn.indexOf(":oidc-provider/") + ":oidc-provider/".length);
}

export const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[A-Za-z0-9.\-_/]+$/;

/**
 * Trust for IRSA: only this ServiceAccount's projected token, minted for STS, may assume the role
 * (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 */
export function irsaTrustPolicy(oidcProviderArn: string, namespace: string, serviceAccount: string): Record<string, unknown> {
  const issuer = oidcIssuer(oidcProviderArn);
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`, [`${issuer}:aud`]: "sts.amazonaws.com" } },
    }],
  };
}

/**
 * Write-only access to one prefix: the job can add backups but neither read nor delete any (a compromised pod
 * cannot destroy the history; the bucket's versioning and lifecycle keep it). Multipart uploads with SSE-KMS need
 * kms:Decrypt as well as kms:GenerateDataKey (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms),
 * through S3 only.
 */
export function uploadPolicy(target: S3BackupTarget, keyArn: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "PutBackups", Effect: "Allow", Action: ["s3:PutObject", "s3:AbortMultipartUpload"], Resource: [`${target.bucketArn}/${target.prefix}*`] },
      {
        Sid: "EncryptWithStackKey", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: [keyArn],
        Condition: { StringEquals: { "kms:ViaService": `s3.${target.region}.amazonaws.com` } },
      },
    ],
  };
}

/** The upload: every file the dump left, under `<prefix><UTC date>/<UTC time>/`, encrypted with the stack key. */
export function uploadScript(target: S3BackupTarget, keyArn: string): string {
  return [
    "set -eu",
    // A dump that left nothing must fail the run: an empty upload would count as a successful backup.
    `if [ -z "$(ls -A ${BACKUP_DIR})" ]; then echo "the dump step left nothing in ${BACKUP_DIR}" >&2; exit 1; fi`,
    `stamp="$(date -u +%Y/%m/%d/%H%M%S)"`,
    `aws s3 cp ${BACKUP_DIR}/ "s3://${target.bucketName}/${target.prefix}\${stamp}/" --recursive --only-show-errors --sse aws:kms --sse-kms-key-id "${keyArn}"`,
    `echo "uploaded to s3://${target.bucketName}/${target.prefix}\${stamp}/"`,
  ].join("\n");
}

/**
 * A scheduled backup of a Kubernetes workload to the stack's S3 buckets: a CronJob whose first step dumps into an
 * emptyDir and whose second uploads with a role only this CronJob can assume (IRSA), write-only to one prefix,
 * plus a rule that fires when runs stop succeeding. Both steps run under the Restricted Pod Security Standard.
 */
export class S3Backup extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly cronJob: k8s.batch.v1.CronJob;
  /** Alert rules to add to the workload's PrometheusRule (backups missing). */
  readonly alertRules: readonly AlertRule[];

  constructor(name: string, args: S3BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    // The role is auto-named `<name>-role-<7 random>` and IAM role names allow 64 characters
    // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
    const problems = [...(name.length > MAX_BACKUP_COMPONENT_NAME ? [`name "${name}" must be at most ${MAX_BACKUP_COMPONENT_NAME} characters (the IAM role named after it allows 64 with Pulumi's 8-character suffix)`] : []), ...s3BackupProblems(args)];
    if (problems.length > 0) throw new Error(`S3Backup ${name}: ${problems.join("; ")}`);
    super("sparki:kubernetes:S3Backup", name, {}, opts);
    const { target } = args;
    const keyArn = pulumi.output(target.kmsKeyArn);
    this.role = new aws.iam.Role(`${name}-role`, {
      description: `Uploads ${args.namespace}/${args.name} backups to s3://${target.bucketName}/${target.prefix} (write only)`,
      assumeRolePolicy: JSON.stringify(irsaTrustPolicy(args.oidcProviderArn, args.namespace, args.name)),
    }, { parent: this });
    new aws.iam.RolePolicy(`${name}-upload`, {
      role: this.role.name,
      policy: keyArn.apply((arn) => JSON.stringify(uploadPolicy(target, arn))),
    }, { parent: this });
    const account = new k8s.core.v1.ServiceAccount(`${name}-service-account`, {
      metadata: { name: args.name, namespace: args.namespace, labels: { ...args.labels }, annotations: { "eks.amazonaws.com/role-arn": this.role.arn } },
      automountServiceAccountToken: false,
    }, { parent: this });

    // A generic ephemeral volume lives exactly as long as the pod (https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#generic-ephemeral-volumes)
    // and is one of the volume types the restricted Pod Security Standard allows.
    const work = args.scratch
      ? {
        name: "backup",
        ephemeral: {
          volumeClaimTemplate: {
            metadata: { labels: { ...args.labels } },
            spec: { accessModes: ["ReadWriteOnce"], storageClassName: args.scratch.storageClassName, resources: { requests: { storage: `${args.scratch.sizeGiB}Gi` } } },
          },
        },
      }
      : { name: "backup", emptyDir: { sizeLimit: `${DEFAULT_SCRATCH_GIB}Gi` } };
    const mounts = [{ name: work.name, mountPath: BACKUP_DIR }, { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath }];
    const security = restrictedContainerSecurity(args.runAs);
    const resources = { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1000m", memory: "1Gi" } };
    // An emptyDir lives on the node's disk: the dump asks for that space, so the scheduler places it where it fits
    // and the kubelet does not evict other pods under DiskPressure.
    const dumpResources = args.scratch ? resources : {
      requests: { ...resources.requests, "ephemeral-storage": `${DEFAULT_SCRATCH_GIB}Gi` },
      limits: { ...resources.limits, "ephemeral-storage": `${DEFAULT_SCRATCH_GIB + 1}Gi` },
    };
    this.cronJob = new k8s.batch.v1.CronJob(`${name}-cron`, {
      metadata: { name: args.name, namespace: args.namespace, labels: { ...args.labels } },
      spec: {
        schedule: args.schedule,
        timeZone: "Etc/UTC",
        concurrencyPolicy: "Forbid",
        startingDeadlineSeconds: 600,
        // Each kept Job keeps its pod, and the pod its scratch volume: one of each, gone a day after it finished.
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: BACKUP_DEADLINE_SECONDS,
            ttlSecondsAfterFinished: 86_400,
            template: {
              metadata: {
                labels: { ...args.labels },
                // The EKS pod identity webhook gives every container the role unless told to skip one: only the upload needs it
                // (https://github.com/aws/amazon-eks-pod-identity-webhook#eks-annotations).
                annotations: { "eks.amazonaws.com/skip-containers": "dump" },
              },
              spec: {
                serviceAccountName: args.name,
                // IRSA's webhook projects its own STS token; the Kubernetes API token is not needed.
                automountServiceAccountToken: false,
                restartPolicy: "Never",
                securityContext: restrictedPodSecurity(args.runAs),
                initContainers: [{
                  name: "dump",
                  image: args.dump.image,
                  imagePullPolicy: "IfNotPresent",
                  command: [...args.dump.command],
                  env: [{ name: "HOME", value: TMP_VOLUME.mountPath }, ...(args.dump.env ?? [])],
                  securityContext: security,
                  resources: dumpResources,
                  volumeMounts: [...mounts, ...(args.dump.volumeMounts ?? [])],
                }],
                containers: [{
                  name: "upload",
                  image: imageReference(args.uploadImage ?? AWS_CLI_IMAGE),
                  imagePullPolicy: "IfNotPresent",
                  command: ["/bin/sh", "-c", keyArn.apply((arn) => uploadScript(target, arn))],
                  env: [
                    // The CLI writes its cache under HOME; the root filesystem is read-only.
                    { name: "HOME", value: TMP_VOLUME.mountPath },
                    { name: "AWS_REGION", value: target.region },
                    { name: "AWS_STS_REGIONAL_ENDPOINTS", value: "regional" },
                  ],
                  securityContext: security,
                  resources,
                  volumeMounts: mounts,
                }],
                volumes: [work, { name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } }, ...(args.dump.volumes ?? [])],
              },
            },
          },
        },
      },
    }, { parent: this, dependsOn: [account] });

    this.alertRules = backupMissedRules("BackupMissed", `namespace="${args.namespace}", cronjob="${args.name}"`, args.intervalSeconds,
      `${args.namespace}/${args.name} has not completed a backup for several scheduled runs`, args.missedRuns);
    this.registerOutputs({ roleArn: this.role.arn, cronJob: args.name });
  }
}
