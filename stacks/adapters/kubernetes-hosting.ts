// Config, settings and rules every adapter hosted on Kubernetes shares. Pure: no provider SDK is loaded here.

import { cronIntervalHours, cronProblem } from "../../components/kubernetes/cron";
import { IAM_ROLE_ARN } from "../../components/kubernetes/ebs-encryption";
import { type ContainerImage, IMAGE_PATTERNS } from "../../components/kubernetes/image";
import type { NamespaceLabel } from "../../components/kubernetes/labels";
import { DATA_CLASSES } from "../../components/object-store/data-classes";
import { bucketArn, bucketName } from "../../components/object-store/naming";
import { documented } from "../config/docs";
import type { Problem } from "../config/problems";
import { dnsLabel, flag, intRange, kubeconfigPath, kubeContext, matching, section } from "../config/rules";
import type { StackScope } from "./contract";
import { s3Adapter } from "./s3";

const objectName = matching(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "a Kubernetes object name (lowercase letters, digits, '-' and '.')");
const oidcProviderArn = matching(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[A-Za-z0-9.\-_/]+$/,
  "an IAM OIDC provider ARN such as arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE");
/** Five cron fields; hours and minutes only (the staleness alert needs a fixed interval). */
const cronSchedule = matching(/^(@[a-z]+|\S+( \S+){4})$/, "a cron schedule of five fields such as \"17 3 * * *\", or a macro such as @daily");

/** `"quay.io", "minio/minio", "RELEASE…", its digest`. */
export const imageDefault = (image: ContainerImage) => `\`${image.registry}\`, \`${image.repository}\`, \`${image.tag}\`, its digest`;

/** One image's four fields, documented as one configuration-reference row. */
export function imageSchema(doc: { readonly type: string; readonly default: string; readonly description: string }) {
  return section({
    registry: documented(matching(IMAGE_PATTERNS.registry, "a registry host such as quay.io or 123456789012.dkr.ecr.eu-west-1.amazonaws.com").optional(), doc),
    repository: documented(matching(IMAGE_PATTERNS.repository, "a repository path such as nats or surrealdb/surrealdb").optional(), doc),
    tag: documented(matching(IMAGE_PATTERNS.tag, "an image tag such as v2.3.7").optional(), doc),
    digest: documented(matching(IMAGE_PATTERNS.digest, "an image digest sha256:<64 lowercase hex digits>").optional(), doc),
  });
}

/**
 * The hosting fields of an adapter on Kubernetes, spread into its section's schema. `app` names defaults in the
 * docs (`sparki-<stack>-<app>`, `storage.sparki.io/<app>-client=true`, `<app>-tls`).
 */
export function kubernetesHostingFields(app: string) {
  return {
    kubeconfig: documented(kubeconfigPath.optional(), {
      type: "file path", default: "— (ambient `KUBECONFIG` / `~/.kube/config`)",
      description: "Kubeconfig of the target cluster; a path only, never its contents (credentials).",
    }),
    context: documented(kubeContext.optional(), {
      type: "kubeconfig context name", default: "— (current context); prod requires it", description: "Context of the target cluster.",
    }),
    namespace: documented(dnsLabel.optional(), { type: "DNS label", default: `\`sparki-<stack>-${app}\``, description: "Namespace the stack creates (Restricted Pod Security enforced); never `default` or `kube-*`." }),
    clusterDomain: documented(objectName.optional(), { type: "DNS name", default: "`cluster.local`", description: "Cluster DNS domain in endpoints and certificate names." }),
    storageClass: documented(objectName.optional(), {
      type: "Kubernetes object name", default: "— ; required unless `ebsKmsStorageClass` is true",
      description: "Existing StorageClass of the volumes; excludes `ebsKmsStorageClass`. Never the cluster's default class implicitly.",
    }),
    ebsKmsStorageClass: documented(flag().optional(), {
      type: "boolean", default: "dev `false`, prod `true` (unless `storageClass` is set)",
      description: "Create a gp3 EBS StorageClass encrypted with the stack's KMS key (EKS), and the IAM policy its EBS CSI driver needs.",
    }),
    ebsCsiRoleArn: documented(matching(IAM_ROLE_ARN, "an IAM role ARN such as arn:aws:iam::123456789012:role/ebs-csi-driver").optional(), {
      type: "IAM role ARN in the stack's account", default: "— ; required with `ebsKmsStorageClass`",
      description: "Role of the cluster's EBS CSI driver the key policy is made for. Refused without `ebsKmsStorageClass`.",
    }),
    tlsSecretName: documented(objectName.optional(), {
      type: "Kubernetes object name", default: `\`${app}-tls\``,
      description: "`kubernetes.io/tls` Secret (`tls.crt`, `tls.key`, `ca.crt`) in the namespace, issued by cert-manager or by hand; see the output `tlsDnsNames`.",
    }),
    clientNamespaceLabel: documented(matching(/^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/,
      `a label key=value such as storage.sparki.io/${app}-client=true`).optional(), {
      type: "`key=value`", default: `\`storage.sparki.io/${app}-client=true\``, description: "Namespaces with this label may reach the client port.",
    }),
    monitoringNamespace: documented(dnsLabel.optional(), { type: "DNS label", default: "`monitoring`", description: "Namespace of the Prometheus that scrapes the metrics." }),
    prometheusRelease: documented(objectName.optional(), {
      type: "Helm release name", default: "— (no `release` label)",
      description: "kube-prometheus-stack release whose Prometheus selects the PrometheusRule by `release: <name>`; at most 53 characters (Helm's limit).",
    }),
    backup: documented(section({
      enabled: documented(flag().optional(), { type: "boolean", default: "dev `false`, prod `true`", description: "Scheduled backups to the stack's `configBackups` bucket (prod refuses `false`)." }),
      schedule: documented(cronSchedule.optional(), { type: "cron, UTC", default: "`17 3 * * *` (daily)", description: "When the backup CronJob runs: five fields in range (weekday 0-6) or a macro, as the CronJob controller parses it." }),
      intervalHours: documented(intRange(1, 8784).optional(), {
        type: "integer hours 1..8784", default: "read from `schedule` when hourly, daily or a macro; otherwise required",
        description: "Hours between two runs of `schedule` (the missed-backup alert counts in these).",
      }),
      oidcProviderArn: documented(oidcProviderArn.optional(), {
        type: "IAM OIDC provider ARN in the stack's account", default: "— ; required with backups",
        description: "The cluster's IAM OIDC provider (IRSA): the upload step assumes a write-only role trusting only the backup's ServiceAccount.",
      }),
    }), { description: "Scheduled backup to S3." }).optional(),
  };
}

/** The hosting fields as the schema parses them. */
export interface KubernetesHostingConfig {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly clusterDomain?: string;
  readonly storageClass?: string;
  readonly ebsKmsStorageClass?: boolean;
  readonly ebsCsiRoleArn?: string;
  readonly tlsSecretName?: string;
  readonly clientNamespaceLabel?: string;
  readonly monitoringNamespace?: string;
  readonly prometheusRelease?: string;
  readonly backup?: { readonly enabled?: boolean; readonly schedule?: string; readonly intervalHours?: number; readonly oidcProviderArn?: string };
}

/** What a tier means for the hosting of any adapter on Kubernetes. */
export interface KubernetesHostingProfile {
  /** Volumes on the stack key's gp3 StorageClass. */
  readonly ebsKmsStorageClass: boolean;
  /** Config must name the kubeconfig context (never deploy to whatever cluster is current). */
  readonly contextRequired: boolean;
  /** Scheduled backups on by default. */
  readonly backups: boolean;
  /** Backups may not be turned off. */
  readonly backupsRequired: boolean;
}

export const KUBERNETES_HOSTING_PROFILES = {
  dev: { ebsKmsStorageClass: false, contextRequired: false, backups: false, backupsRequired: false },
  prod: { ebsKmsStorageClass: true, contextRequired: true, backups: true, backupsRequired: true },
} as const satisfies Record<string, KubernetesHostingProfile>;

export const DEFAULT_BACKUP_SCHEDULE = "17 3 * * *";
export const DEFAULT_BACKUP_INTERVAL_HOURS = 24;

export interface KubernetesHostingSettings {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace: string;
  readonly clusterDomain?: string;
  readonly storageClass?: string;
  readonly ebsKmsStorageClass: boolean;
  readonly ebsCsiRoleArn?: string;
  readonly tlsSecretName?: string;
  readonly clientNamespaceLabel?: NamespaceLabel;
  readonly monitoringNamespace?: string;
  readonly prometheusRelease?: string;
  readonly backup: {
    readonly enabled: boolean;
    readonly schedule: string;
    readonly intervalHours: number;
    readonly oidcProviderArn?: string;
    /** The stack's configBackups bucket and this adapter's prefix in it. */
    readonly bucketName: string;
    readonly bucketArn: string;
    readonly prefix: string;
  };
  readonly contextRequired: boolean;
  readonly backupsRequired: boolean;
}

function splitLabel(label: string): NamespaceLabel {
  const at = label.indexOf("=");
  return { key: label.slice(0, at), value: label.slice(at + 1) };
}

/** The hosting settings: config over the tier; backups go to the stack's configBackups bucket under `kubernetes/<app>/`. */
export function kubernetesHostingSettings(app: string, c: KubernetesHostingConfig, profile: KubernetesHostingProfile, scope: StackScope): KubernetesHostingSettings {
  const s3 = scope.settingsOf(s3Adapter);
  const bucket = bucketName(s3.bucketPrefix, DATA_CLASSES.configBackups.slug);
  return {
    kubeconfig: c.kubeconfig,
    context: c.context,
    namespace: c.namespace ?? `sparki-${scope.env.name}-${app}`,
    clusterDomain: c.clusterDomain,
    storageClass: c.storageClass,
    // An explicit existing StorageClass replaces the one the tier would create.
    ebsKmsStorageClass: c.ebsKmsStorageClass ?? (c.storageClass === undefined && profile.ebsKmsStorageClass),
    ebsCsiRoleArn: c.ebsCsiRoleArn,
    tlsSecretName: c.tlsSecretName,
    clientNamespaceLabel: c.clientNamespaceLabel === undefined ? undefined : splitLabel(c.clientNamespaceLabel),
    monitoringNamespace: c.monitoringNamespace,
    prometheusRelease: c.prometheusRelease,
    backup: {
      enabled: c.backup?.enabled ?? profile.backups,
      schedule: c.backup?.schedule ?? DEFAULT_BACKUP_SCHEDULE,
      // A schedule the rules cannot read needs intervalHours (kubernetesHostingProblems); 24 only stands in until they refuse it.
      intervalHours: c.backup?.intervalHours ?? cronIntervalHours(c.backup?.schedule ?? DEFAULT_BACKUP_SCHEDULE) ?? DEFAULT_BACKUP_INTERVAL_HOURS,
      oidcProviderArn: c.backup?.oidcProviderArn,
      bucketName: bucket,
      bucketArn: bucketArn(bucket, scope.env.region),
      prefix: `kubernetes/${app}/`,
    },
    contextRequired: profile.contextRequired,
    backupsRequired: profile.backupsRequired,
  };
}

/** Rules every Kubernetes-hosted adapter runs on its hosting settings (paths inside its section). */
export function kubernetesHostingProblems(c: KubernetesHostingConfig, s: KubernetesHostingSettings, scope: StackScope): Problem[] {
  const profile = scope.env.profile.name;
  const own = scope.env.accountId;
  const problems: Problem[] = [];
  if (s.contextRequired && c.context === undefined) {
    problems.push({ path: ["context"], message: `must name the kubeconfig context of the target cluster for profile "${profile}" (never deploy to whatever context is current)` });
  }
  if (c.storageClass !== undefined && c.ebsKmsStorageClass === true) {
    problems.push({ path: ["storageClass"], message: "must not be set together with ebsKmsStorageClass: true (that creates the volumes' StorageClass); remove one" });
  }
  // A claim without storageClassName waits for a cluster default StorageClass, which may not exist
  // (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#retroactive-default-storageclass-assignment).
  if (!s.ebsKmsStorageClass && s.storageClass === undefined) {
    problems.push({ path: ["storageClass"], message: "must name an existing StorageClass of the cluster when ebsKmsStorageClass is false (`kubectl get storageclass` lists them), or set ebsKmsStorageClass: true" });
  }
  if (s.ebsKmsStorageClass && s.ebsCsiRoleArn === undefined) {
    problems.push({ path: ["ebsCsiRoleArn"], message: "must name the IAM role of the cluster's EBS CSI driver when the volumes use the customer-key StorageClass (ebsKmsStorageClass): without the policy made for it no encrypted volume can be created" });
  }
  if (!s.ebsKmsStorageClass && s.ebsCsiRoleArn !== undefined) {
    problems.push({ path: ["ebsCsiRoleArn"], message: "only applies when the volumes use the customer-key StorageClass (ebsKmsStorageClass: true); remove it or turn that on" });
  }
  const roleAccount = s.ebsCsiRoleArn?.split(":")[4];
  if (roleAccount !== undefined && roleAccount !== own) {
    problems.push({ path: ["ebsCsiRoleArn"], message: `must be a role in this stack's account ${own} (the KMS key policy delegates to IAM of its own account only)` });
  }
  // The stack creates, labels (Restricted) and, when the adapter goes, deletes its namespace: never a system one.
  if (c.namespace !== undefined && (c.namespace === "default" || c.namespace.startsWith("kube-"))) {
    problems.push({ path: ["namespace"], message: "must not be default or a kube-* namespace (the stack creates, labels and may delete its own namespace)" });
  }
  // Helm caps release names at 53 characters (helm/helm pkg/chartutil ValidateReleaseName); the release becomes a label
  // value, which the API server caps at 63 (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
  if (c.prometheusRelease !== undefined && c.prometheusRelease.length > 53) {
    problems.push({ path: ["prometheusRelease"], message: "must be a Helm release name of at most 53 characters (it becomes the release label of the PrometheusRule)" });
  }
  if (s.backupsRequired && !s.backup.enabled) {
    problems.push({ path: ["backup", "enabled"], message: `must not be false for profile "${profile}" (a stateful workload in prod keeps a copy outside the cluster)` });
  }
  const schedule = s.backup.schedule;
  const scheduleProblem = cronProblem(schedule);
  if (scheduleProblem !== undefined) problems.push({ path: ["backup", "schedule"], message: scheduleProblem });
  const readInterval = cronIntervalHours(schedule);
  if (s.backup.enabled && scheduleProblem === undefined && c.backup?.intervalHours === undefined && readInterval === undefined) {
    problems.push({ path: ["backup", "intervalHours"], message: `must be set for schedule "${schedule}": only hourly, daily and macro schedules say how often they run, and the missed-backup alert counts in these hours`, defaultInEffect: undefined });
  }
  if (s.backup.enabled && readInterval !== undefined && c.backup?.intervalHours !== undefined && c.backup.intervalHours !== readInterval) {
    problems.push({ path: ["backup", "intervalHours"], message: `must be ${readInterval} for schedule "${schedule}" (or left out): the missed-backup alert would otherwise count the wrong hours` });
  }
  if (s.backup.enabled && s.backup.oidcProviderArn === undefined) {
    problems.push({ path: ["backup", "oidcProviderArn"], message: "must name the cluster's IAM OIDC provider when backups are on (the upload step assumes a write-only role through IRSA; no access keys are stored)" });
  }
  const oidcAccount = s.backup.oidcProviderArn?.split(":")[4];
  if (s.backup.enabled && oidcAccount !== undefined && oidcAccount !== own) {
    problems.push({ path: ["backup", "oidcProviderArn"], message: `must be an OIDC provider in this stack's account ${own} (the backup role and the bucket are there)` });
  }
  return problems;
}

/** A tag and a digest only together; the default of the missing one is no answer. */
export function imagePairingProblems(image: Partial<ContainerImage> | undefined, field: string): Problem[] {
  if (image?.tag !== undefined && image.digest === undefined) {
    return [{ path: [field, "digest"], message: `must be set together with ${field}.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored)`, defaultInEffect: undefined }];
  }
  if (image?.digest !== undefined && image.tag === undefined) {
    return [{ path: [field, "tag"], message: `must be set together with ${field}.digest (the default tag belongs to the default digest)`, defaultInEffect: undefined }];
  }
  return [];
}
