import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { pulumiType, type StackInput } from "./policy-harness";

/** Resources that satisfy every policy, for passing cases; failing cases change one property. */

export const KEY_ARN = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const TOPIC_ARN = "arn:aws:sns:eu-west-1:111111111111:sparki-dev-alerts-critical";

export const T = {
  instance: pulumiType(aws.rds.Instance),
  proxy: pulumiType(aws.rds.Proxy),
  eventSubscription: pulumiType(aws.rds.EventSubscription),
  replicationGroup: pulumiType(aws.elasticache.ReplicationGroup),
  key: pulumiType(aws.kms.Key),
  topic: pulumiType(aws.sns.Topic),
  alarm: pulumiType(aws.cloudwatch.MetricAlarm),
  secret: pulumiType(aws.secretsmanager.Secret),
  bucket: pulumiType(aws.s3.Bucket),
  publicAccessBlock: pulumiType(aws.s3.BucketPublicAccessBlock),
  bucketPolicy: pulumiType(aws.s3.BucketPolicy),
  logging: pulumiType(aws.s3.BucketLogging),
  lifecycle: pulumiType(aws.s3.BucketLifecycleConfiguration),
  ownership: pulumiType(aws.s3.BucketOwnershipControls),
  encryption: pulumiType(aws.s3.BucketServerSideEncryptionConfiguration),
  versioning: pulumiType(aws.s3.BucketVersioning),
  bucketAcl: pulumiType(aws.s3.BucketAcl),
  statefulSet: pulumiType(k8s.apps.v1.StatefulSet),
  deployment: pulumiType(k8s.apps.v1.Deployment),
  cronJob: pulumiType(k8s.batch.v1.CronJob),
  pod: pulumiType(k8s.core.v1.Pod),
  pdb: pulumiType(k8s.policy.v1.PodDisruptionBudget),
  launchTemplate: pulumiType(aws.ec2.LaunchTemplate),
  lifecyclePolicy: pulumiType(aws.dlm.LifecyclePolicy),
  parameter: pulumiType(aws.ssm.Parameter),
  parameterGroup: pulumiType(aws.rds.ParameterGroup),
  optionGroup: pulumiType(aws.rds.OptionGroup),
  proxyTarget: pulumiType(aws.rds.ProxyTarget),
  secretVersion: pulumiType(aws.secretsmanager.SecretVersion),
  secretRotation: pulumiType(aws.secretsmanager.SecretRotation),
  sarStack: pulumiType(aws.serverlessrepository.CloudFormationStack),
  storageClass: pulumiType(k8s.storage.v1.StorageClass),
} as const;

export const primary = (): Record<string, unknown> => ({
  identifier: "sparki-dev-postgres", engine: "postgres", engineVersion: "18", instanceClass: "db.t4g.medium",
  publiclyAccessible: false, storageEncrypted: true, kmsKeyId: KEY_ARN, multiAz: true,
  monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam::111111111111:role/monitoring", deletionProtection: true,
  enabledCloudwatchLogsExports: ["postgresql", "upgrade"], iamDatabaseAuthenticationEnabled: true, backupRetentionPeriod: 7,
  autoMinorVersionUpgrade: true, copyTagsToSnapshot: true, dbSubnetGroupName: "sparki-dev-postgres",
  password: "generated-then-rotated",
});

export const replica = (n: number, source = "sparki-dev-postgres"): Record<string, unknown> => ({
  identifier: `${source}-replica-${n}`, replicateSourceDb: source, instanceClass: "db.t4g.medium",
  publiclyAccessible: false, storageEncrypted: true, kmsKeyId: KEY_ARN, multiAz: false,
  monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam::111111111111:role/monitoring", deletionProtection: true,
  enabledCloudwatchLogsExports: ["postgresql", "upgrade"], iamDatabaseAuthenticationEnabled: true,
  autoMinorVersionUpgrade: true, copyTagsToSnapshot: true,
});

// ---------------------------------------------------------------------------------------------------------
// MySQL and SQL Server on RDS as components/rds registers them (examples/mysql, examples/mssql): each instance names
// its parameter group (and MySQL its option group) by the name the provider gives the group's prefix.

export const MYSQL_ID = "sparki-prod-mysql";
export const MSSQL_ID = "sparki-prod-mssql";

export const mysqlParameterGroup = (parameters: Record<string, unknown>[] = []): Record<string, unknown> => ({
  namePrefix: `${MYSQL_ID}-mysql8-4-`, family: "mysql8.4", description: "Sparki MySQL 8.4",
  parameters: [
    { name: "innodb_print_all_deadlocks", value: "1", applyMethod: "immediate" },
    { name: "log_output", value: "FILE", applyMethod: "immediate" },
    { name: "long_query_time", value: "0.5", applyMethod: "immediate" },
    { name: "max_connections", value: "250", applyMethod: "immediate" },
    { name: "performance_schema", value: "1", applyMethod: "pending-reboot" },
    { name: "require_secure_transport", value: "1", applyMethod: "immediate" },
    { name: "slow_query_log", value: "1", applyMethod: "immediate" },
  ].map((p) => ({ ...p, ...parameters.find((q) => q.name === p.name) })),
});

export const mysqlOptionGroup = (settings: Record<string, string> = { SERVER_AUDIT_EVENTS: "CONNECT,QUERY_DDL,QUERY_DCL", SERVER_AUDIT_EXCL_USERS: "rdsadmin" }): Record<string, unknown> => ({
  namePrefix: `${MYSQL_ID}-mysql8-4-`, engineName: "mysql", majorEngineVersion: "8.4", optionGroupDescription: "Sparki MySQL 8.4: MARIADB_AUDIT_PLUGIN",
  options: [{ optionName: "MARIADB_AUDIT_PLUGIN", optionSettings: Object.entries(settings).map(([name, value]) => ({ name, value })) }],
});

export const mysqlPrimary = (): Record<string, unknown> => ({
  ...primary(), identifier: MYSQL_ID, engine: "mysql", engineVersion: "8.4", instanceClass: "db.r7g.large", dbSubnetGroupName: MYSQL_ID,
  enabledCloudwatchLogsExports: ["audit", "error", "iam-db-auth-error", "slowquery"],
  parameterGroupName: `${MYSQL_ID}-mysql8-4-2dcd3bf`, optionGroupName: `${MYSQL_ID}-mysql8-4-9a1b2c3`, performanceInsightsEnabled: true,
});

export const mysqlReplica = (n: number): Record<string, unknown> => ({
  ...replica(n, MYSQL_ID), instanceClass: "db.r7g.large", enabledCloudwatchLogsExports: ["audit", "error", "iam-db-auth-error", "slowquery"],
  parameterGroupName: `${MYSQL_ID}-mysql8-4-2dcd3bf`, optionGroupName: `${MYSQL_ID}-mysql8-4-9a1b2c3`, performanceInsightsEnabled: true,
});

/** A MySQL primary, one replica and their groups. */
export function mysqlStack(): StackInput[] {
  return [
    { type: T.parameterGroup, name: "mysql-params", props: mysqlParameterGroup() },
    { type: T.optionGroup, name: "mysql-options", props: mysqlOptionGroup() },
    { type: T.instance, name: "mysql", props: mysqlPrimary(), dependsOnNames: ["mysql-params", "mysql-options"] },
    { type: T.instance, name: "mysql-replica-1", props: mysqlReplica(1), dependsOnNames: ["mysql-params", "mysql-options", "mysql"] },
  ];
}

export const sqlServerParameterGroup = (edition = "ee", parameters: Record<string, unknown>[] = []): Record<string, unknown> => ({
  namePrefix: `${MSSQL_ID}-sqlserver-${edition}-16-0-`, family: `sqlserver-${edition}-16.0`, description: "Sparki SQL Server 16.00",
  parameters: [
    { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
    { name: "rds.tls10", value: "disabled", applyMethod: "pending-reboot" },
    { name: "rds.tls11", value: "disabled", applyMethod: "pending-reboot" },
    { name: "user connections", value: "250", applyMethod: "pending-reboot" },
  ].map((p) => ({ ...p, ...parameters.find((q) => q.name === p.name) })),
});

export const sqlServerPrimary = (edition = "ee"): Record<string, unknown> => ({
  ...primary(), identifier: MSSQL_ID, engine: `sqlserver-${edition}`, engineVersion: "16.00", licenseModel: "license-included",
  instanceClass: "db.r6i.xlarge", dbSubnetGroupName: MSSQL_ID, enabledCloudwatchLogsExports: ["agent", "error"], iamDatabaseAuthenticationEnabled: false,
  parameterGroupName: `${MSSQL_ID}-sqlserver-${edition}-16-0-32e8f87`, username: "sparki_admin",
});

export const sqlServerReplica = (n: number): Record<string, unknown> => ({
  ...replica(n, MSSQL_ID), instanceClass: "db.r6i.xlarge", enabledCloudwatchLogsExports: ["agent", "error"], iamDatabaseAuthenticationEnabled: false,
  parameterGroupName: `${MSSQL_ID}-sqlserver-ee-16-0-32e8f87`,
});

const SAR = "arn:aws:serverlessrepo:us-east-1:297356227824:applications";

export interface LoginSecretOptions {
  readonly days?: number;
  readonly kmsKeyId?: string;
  readonly instance?: string;
  /**
   * Rotation by alternating users with this master secret (by fixture name): the value names it (`masterarn`), the
   * version depends on it, the function is SQL Server's multi-user application with masterSecretArn. Default: the
   * application login's secret alternates users with the admin's as master (as components/rds does); the admin's
   * rotates itself.
   */
  readonly master?: string | null;
}

/** A generated login's secret, its first value (written once the instance exists), its rotation function and its rotation. */
export function loginSecret(role: "admin" | "pool", username: string, options: LoginSecretOptions = {}): StackInput[] {
  const secret = `mssql-${role}`;
  const master = options.master === undefined ? (role === "pool" ? "mssql-admin" : null) : options.master;
  const arn = `arn:aws:secretsmanager:eu-west-1:111111111111:secret:${secret}-1234567`;
  const masterArn = master === null ? undefined : `arn:aws:secretsmanager:eu-west-1:111111111111:secret:${master}-1234567`;
  const functionName = `${MSSQL_ID}-${role}-rotation`;
  return [
    { type: T.secret, name: secret, props: { kmsKeyId: options.kmsKeyId ?? KEY_ARN, description: `SQL Server ${MSSQL_ID}: ${role} ${username}` } },
    {
      type: T.secretVersion, name: `${secret}-version`, dependsOnNames: [secret, options.instance ?? "mssql", ...(master === null ? [] : [master])],
      props: {
        secretId: `${secret}-1234567`,
        secretString: JSON.stringify({ engine: "sqlserver", host: `${MSSQL_ID}.rds.amazonaws.com`, port: 1433, username, password: "generated", ...(masterArn ? { masterarn: masterArn } : {}) }),
      },
    },
    {
      type: T.sarStack, name: `${secret}-rotation-function`, dependsOnNames: master === null ? [] : [master],
      props: {
        name: functionName, semanticVersion: master === null ? "1.1.670" : "1.1.671",
        applicationId: `${SAR}/SecretsManagerRDSSQLServerRotation${master === null ? "SingleUser" : "MultiUser"}`,
        parameters: {
          functionName, kmsKeyArn: KEY_ARN, endpoint: "https://secretsmanager.eu-west-1.amazonaws.com",
          ...(masterArn ? { masterSecretArn: masterArn, masterSecretKmsKeyArn: KEY_ARN } : {}),
        },
      },
    },
    {
      type: T.secretRotation, name: `${secret}-rotation`, dependsOnNames: [secret, `${secret}-rotation-function`],
      props: { secretId: arn, rotationLambdaArn: `arn:aws:lambda:eu-west-1:111111111111:function:${functionName}`, rotationRules: { automaticallyAfterDays: options.days ?? 30 } },
    },
  ];
}

/**
 * SQL Server as components/rds registers it: an Enterprise primary (Multi-AZ) without read replicas, its parameter
 * group, the admin's secret (rotated by the admin itself) and the application login's (alternating users, the
 * admin's secret as master).
 */
export function sqlServerStack(): StackInput[] {
  return [
    { type: T.parameterGroup, name: "mssql-params", props: sqlServerParameterGroup() },
    { type: T.instance, name: "mssql", props: sqlServerPrimary(), dependsOnNames: ["mssql-params"] },
    ...loginSecret("admin", "sparki_admin"),
    ...loginSecret("pool", "sparki_app"),
  ];
}

/** {@link sqlServerStack} with a read replica, as a hand-written program might add one (the component refuses it). */
export function sqlServerStackWithReplica(): StackInput[] {
  const stack = sqlServerStack();
  return [...stack.slice(0, 2), { type: T.instance, name: "mssql-replica-1", props: sqlServerReplica(1), dependsOnNames: ["mssql-params", "mssql"] }, ...stack.slice(2)];
}

export const replicationGroup = (): Record<string, unknown> => ({
  replicationGroupId: "sparki-dev-redis", description: "cache", engine: "valkey", snapshotRetentionLimit: 7,
  autoMinorVersionUpgrade: true, automaticFailoverEnabled: true, atRestEncryptionEnabled: true, kmsKeyId: KEY_ARN,
  transitEncryptionEnabled: true, transitEncryptionMode: "required", userGroupIds: ["sparki-dev-redis-users"],
  subnetGroupName: "sparki-dev-redis",
});

export const tlsOnlyPolicy = (bucket: string): string => JSON.stringify({
  Version: "2012-10-17",
  Statement: [{
    Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  }],
});

export interface BucketOptions {
  readonly dataClass?: string;
  readonly logsTo?: string;
  readonly versioned?: boolean;
  readonly rules?: readonly Record<string, unknown>[];
  readonly encryption?: "kms" | "s3";
}

/** A bucket and its side resources, linked by bucket name as the program links them. */
export function bucketWithSides(name: string, options: BucketOptions = {}): StackInput[] {
  const bucket = name;
  const side = (suffix: string, type: string, props: Record<string, unknown>): StackInput => ({ type, name: `${name}-${suffix}`, props: { bucket, ...props } });
  const rules = options.rules ?? [{
    id: "all", status: "Enabled", filter: {}, expiration: { days: 30 }, noncurrentVersionExpiration: { noncurrentDays: 7 },
  }];
  return [
    { type: T.bucket, name, props: { bucket, tags: options.dataClass ? { DataClass: options.dataClass } : {} } },
    side("public-access", T.publicAccessBlock, { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
    side("policy", T.bucketPolicy, { policy: tlsOnlyPolicy(bucket) }),
    side("ownership", T.ownership, { rule: { objectOwnership: "BucketOwnerEnforced" } }),
    side("encryption", T.encryption, {
      rules: [options.encryption === "s3"
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }],
    }),
    side("lifecycle", T.lifecycle, { rules }),
    ...(options.versioned === false ? [] : [side("versioning", T.versioning, { versioningConfiguration: { status: "Enabled" } })]),
    ...(options.logsTo ? [side("logging", T.logging, { targetBucket: options.logsTo, targetPrefix: `${name}/` })] : []),
  ];
}

/** An access-log bucket (SSE-S3, as S3 log delivery requires) and one data bucket logging into it. */
export function loggedBuckets(): StackInput[] {
  return [
    ...bucketWithSides("sparki-dev-access-logs", { encryption: "s3" }),
    ...bucketWithSides("sparki-dev-artifacts", { logsTo: "sparki-dev-access-logs", dataClass: "artifacts" }),
  ];
}

export const restrictedContainer = (name = "minio"): Record<string, unknown> => ({
  name, image: `quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z@sha256:${"ab".repeat(32)}`,
  securityContext: {
    allowPrivilegeEscalation: false, privileged: false, runAsNonRoot: true, runAsUser: 1000,
    capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" },
  },
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "512Mi" } },
  ports: [{ containerPort: 9000, name: "api" }],
});

export const POD_LABELS = { "app.kubernetes.io/name": "minio", "app.kubernetes.io/instance": "sparki-dev-minio" };

export const statefulSet = (replicas = 4, podSpec: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: "apps/v1", kind: "StatefulSet",
  metadata: { name: "minio", namespace: "sparki-minio" },
  spec: {
    replicas, serviceName: "minio-hl", selector: { matchLabels: POD_LABELS },
    template: {
      metadata: { labels: { ...POD_LABELS, "app.kubernetes.io/part-of": "sparki-storage" } },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
        containers: [restrictedContainer()],
        volumes: [{ name: "tmp", emptyDir: {} }],
        ...podSpec,
      },
    },
  },
});

export const disruptionBudget = (labels: Record<string, string> = POD_LABELS, namespace = "sparki-minio"): Record<string, unknown> => ({
  apiVersion: "policy/v1", kind: "PodDisruptionBudget",
  metadata: { name: "minio", namespace },
  spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
});

// ---------------------------------------------------------------------------------------------------------
// The embedded KV adapter's resources as components/embedded-kv registers them (examples/badger, badger-k8s).

/** The KV volume of the agents' launch template: gp3, encrypted with the stack key. */
export const kvVolume = (ebs: Record<string, unknown> = {}): Record<string, unknown> => ({
  deviceName: "/dev/sdf",
  ebs: {
    volumeType: "gp3", volumeSize: 100, iops: 6000, throughput: 250, encrypted: "true", kmsKeyId: KEY_ARN, deleteOnTermination: "true", ...ebs,
  },
});

export const kvLaunchTemplate = (): Record<string, unknown> => ({
  name: "sparki-prod-embedded-kv-agent", updateDefaultVersion: true,
  iamInstanceProfile: { arn: "arn:aws:iam::111111111111:instance-profile/sparki-prod-embedded-kv-agent" },
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
  blockDeviceMappings: [kvVolume()],
  tagSpecifications: [
    { resourceType: "volume", tags: { "sparki:kv-engine": "badger" } },
    { resourceType: "instance", tags: { "sparki:role": "kv-agent", "sparki:kv-snapshots": "sparki-prod-kv" } },
  ],
});

/** A DLM schedule as components/embedded-kv registers it: daily at 03:00 UTC, each snapshot kept `days` days. */
export const kvSchedule = (days = 14, createRule: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: "kv-snapshots", copyTags: true,
  createRule: { interval: 24, intervalUnit: "HOURS", times: "03:00", ...createRule },
  retainRule: { interval: days, intervalUnit: "DAYS" },
  ...more,
});

export const kvSnapshotPolicy = (schedules: Record<string, unknown>[] = [kvSchedule()]): Record<string, unknown> => ({
  description: "Snapshots of the KV volumes tagged sparki-prod-kv",
  executionRoleArn: "arn:aws:iam::111111111111:role/sparki-prod-kv-snapshots-dlm",
  state: "ENABLED",
  policyDetails: { resourceTypes: ["INSTANCE"], targetTags: { "sparki:kv-snapshots": "sparki-prod-kv" }, parameters: { excludeBootVolume: true }, schedules },
});

/** The CloudWatch agent's configuration in Parameter Store (components/embedded-kv cloudWatchAgentConfig). */
export const kvAgentParameter = (): Record<string, unknown> => ({
  name: "/sparki/sparki-prod-embedded-kv/cloudwatch-agent", type: "String", tier: "Standard",
  value: JSON.stringify({
    agent: { metrics_collection_interval: 60, run_as_user: "cwagent" },
    metrics: {
      namespace: "Sparki/EmbeddedKV", append_dimensions: { InstanceId: "${aws:InstanceId}" },
      metrics_collected: { disk: { resources: ["/var/lib/sparki/kv"], measurement: ["used_percent", "inodes_free"], drop_device: true } },
    },
  }),
});

export const kvStorageClass = (parameters: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "sparki-prod-embedded-kv-kv" },
  provisioner: "ebs.csi.aws.com",
  parameters: { type: "gp3", iops: "3000", throughput: "125", encrypted: "true", kmsKeyId: KEY_ARN, "csi.storage.k8s.io/fstype": "ext4", ...parameters },
  reclaimPolicy: "Retain", volumeBindingMode: "WaitForFirstConsumer", allowVolumeExpansion: true,
});

export const KV_DISK_QUERY = "SELECT MAX(\"disk_used_percent\") FROM \"Sparki/EmbeddedKV\" WHERE \"path\" = '/var/lib/sparki/kv' GROUP BY \"InstanceId\" ORDER BY MAX() DESC";

/** The fleet's disk-use warning: a Metrics Insights query alarm, 3 x 5 minutes. */
export const insightsAlarm = (query: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: "prod-kv-disk-used-percent-warning", comparisonOperator: "GreaterThanThreshold", threshold: 60, evaluationPeriods: 3, datapointsToAlarm: 2,
  metricQueries: [{ id: "fleet", expression: KV_DISK_QUERY, period: 300, returnData: true, label: "disk-used-percent", ...query }],
  treatMissingData: "notBreaching", actionsEnabled: true, alarmActions: [TOPIC_ARN], okActions: [TOPIC_ARN],
  tags: { Severity: "warning", ThresholdSource: "platform:kvDiskUsedPercent", Metric: "kvDiskUsedPercent" },
  ...more,
});

/** The Fiber storage/cassandra keyspace and table as components/keyspaces creates them (issue 17). */
export const KEYSPACES_TABLE_ARN = "arn:aws:cassandra:eu-west-1:111111111111:/keyspace/gofiber/table/kv_store";
export const keyspace = (): Record<string, unknown> => ({
  name: "gofiber", region: "eu-west-1", replicationSpecification: { replicationStrategy: "SINGLE_REGION" }, tags: { Component: "keyspaces" },
});
export const keyspacesTable = (): Record<string, unknown> => ({
  keyspaceName: "gofiber", tableName: "kv_store",
  schemaDefinition: {
    columns: [{ name: "key", type: "text" }, { name: "value", type: "blob" }, { name: "expires_at", type: "timestamp" }],
    partitionKeys: [{ name: "key" }],
  },
  capacitySpecification: { throughputMode: "PAY_PER_REQUEST" },
  encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: KEY_ARN },
  pointInTimeRecovery: { status: "ENABLED" },
  ttl: { status: "ENABLED" },
  defaultTimeToLive: 2_592_000,
});
export const keyspacesAccessPolicy = (statements?: Record<string, unknown>[]): Record<string, unknown> => ({
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: statements ?? [
      { Effect: "Allow", Action: ["cassandra:Select", "cassandra:Modify"], Resource: [KEYSPACES_TABLE_ARN] },
      { Effect: "Allow", Action: ["cassandra:Select"], Resource: ["arn:aws:cassandra:eu-west-1:111111111111:/keyspace/system*"] },
      { Effect: "Allow", Action: ["cassandra:Create"], Resource: [KEYSPACES_TABLE_ARN] },
      { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY_ARN] },
    ],
  }),
});

// Amazon DocumentDB (components/documentdb): a cluster, its parameter group and an instance as the prod example registers them.
export const DOCDB_T = {
  cluster: pulumiType(aws.docdb.Cluster),
  clusterInstance: pulumiType(aws.docdb.ClusterInstance),
  clusterParameterGroup: pulumiType(aws.docdb.ClusterParameterGroup),
} as const;
export const docDbCluster = (): Record<string, unknown> => ({
  clusterIdentifier: "sparki-prod-mongodb", engine: "docdb", engineVersion: "5.0.0", storageEncrypted: true, kmsKeyId: KEY_ARN,
  enabledCloudwatchLogsExports: ["audit", "profiler"], backupRetentionPeriod: 14, deletionProtection: true,
  dbClusterParameterGroupName: "sparki-prod-mongodb-docdb5-0", dbSubnetGroupName: "sparki-prod-mongodb",
});
export const docDbParameterGroup = (tls = "tls1.2+"): Record<string, unknown> => ({
  name: "sparki-prod-mongodb-docdb5-0", family: "docdb5.0",
  parameters: [
    { name: "tls", value: tls, applyMethod: "pending-reboot" },
    { name: "audit_logs", value: "enabled", applyMethod: "immediate" },
    { name: "profiler", value: "enabled", applyMethod: "immediate" },
    { name: "profiler_threshold_ms", value: "100", applyMethod: "immediate" },
  ],
});
export const docDbInstance = (n = 1): Record<string, unknown> => ({
  identifier: `sparki-prod-mongodb-${n}`, clusterIdentifier: "sparki-prod-mongodb", instanceClass: "db.r6g.large", engine: "docdb",
});
