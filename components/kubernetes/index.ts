/**
 * Building blocks for storage workloads on an existing Kubernetes cluster (MinIO, SurrealDB, ArangoDB, etcd,
 * NATS): restricted namespaces and pods, generated-credential Secrets, the KMS-encrypted EBS StorageClass,
 * default-deny ingress with declared flows, disruption budgets, probes, TLS Secret wiring, digest-pinned images,
 * prometheus-operator alert rules and the scheduled backup to the stack's S3 buckets. Pure builders return the
 * args of one Kubernetes object; {@link S3Backup} is the one component.
 */
export { type AlertRule, backupMissedRules, prometheusRule, type PrometheusRuleInput, SEVERITY_FOR, severityRules, stateRule, volumeUsedRules } from "./alert-rules";
export {
  AWS_CLI_IMAGE, BACKUP_DEADLINE_SECONDS, BACKUP_DIR, DEFAULT_SCRATCH_GIB, type DumpStep, irsaTrustPolicy, MAX_BACKUP_COMPONENT_NAME, MAX_CRONJOB_NAME_LENGTH, OIDC_PROVIDER_ARN, oidcIssuer,
  S3Backup, type S3BackupArgs, s3BackupProblems, type S3BackupTarget, uploadPolicy, uploadScript,
} from "./backup";
export { CRON_MACRO_HOURS, cronIntervalHours, cronProblem } from "./cron";
export { disruptionBudget, type DisruptionBudgetInput, quorumTolerance } from "./disruption-budget";
export { type EbsEncryption, ebsEncryptionProblems, ebsKmsStorageClass, type EbsStorageClassInput, IAM_ROLE_ARN } from "./ebs-encryption";
export { type ContainerImage, IMAGE_PATTERNS, imageProblems, imageReference, REFUSED_REPOSITORY_PREFIXES } from "./image";
export { DNS_LABEL, DNS_SUBDOMAIN, isValidLabel, type NamespaceLabel, objectLabels, selectorLabels } from "./labels";
export { type FlowSource, type IngressFlow, ingressPolicy, type IngressPolicyInput, ingressPolicyProblems } from "./network-policy";
export { execProbe, httpProbe, type ProbeTiming, serverProbes, tcpProbe } from "./probes";
export { type ContainerResources, containerResources } from "./resources";
export { opaqueSecret, type OpaqueSecretInput, secretData } from "./secrets";
export { RESTRICTED_NAMESPACE_LABELS, restrictedContainerSecurity, restrictedNamespace, restrictedPodSecurity, type RunAs, TMP_VOLUME } from "./security";
export { serviceDnsNames, TLS_SECRET_KEYS, tlsSecretVolume } from "./tls";
export { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs, type WorkloadBackup, workloadFoundation, type WorkloadFoundation } from "./workload";
