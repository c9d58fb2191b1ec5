// Typical create durations per resource type: the one data file behind the deploy-time estimate.
//
// Every variant says where its number comes from. `source` means the linked page documents the figure or the
// behaviour that fixes it (e.g. what Pulumi waits for); `assumption` means a typical value from experience,
// with a page for context when one exists. These are planning figures, not measurements: a real `pulumi up`
// varies by region, load and instance size. Update a value when a real deploy disagrees, and say so in `note`.

export type Inputs = Readonly<Record<string, unknown>>;

export interface DurationBasis {
  readonly kind: "source" | "assumption";
  /** Why this number. */
  readonly note: string;
  /** Page that documents the figure (source) or gives context (assumption). */
  readonly url?: string;
}

export interface DurationVariant {
  /** Shown in the report, e.g. "Multi-AZ primary". */
  readonly variant: string;
  /** Whether this variant applies; absent means always (put it last). */
  readonly when?: (inputs: Inputs) => boolean;
  /** Typical create time in seconds, possibly from the inputs. */
  readonly seconds: number | ((inputs: Inputs) => number);
  readonly basis: DurationBasis;
}

const MIN = 60;

/** Resources at or under this create time are "setup" prerequisites (see the floor in critical-path.ts). */
export const SETUP_SECONDS = MIN;

const RDS_STATUS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Status.html";
const RDS_REPLICA = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html";
const RDS_TYPICAL = "https://oneuptime.com/blog/post/2026-02-23-terraform-resources-long-creation-time/view";
// terraform-provider-aws acceptance run in this PR: one SQL Server Express create + delete cycle took ~15 min
// (TestAccRDSInstance_MSSQL_tz, 1827 s for two cycles: its second step replaces the instance), one MySQL cycle
// ~8 min (TestAccRDSInstance_iamAuth 475 s, _kmsKey 482 s, _minorVersion 464 s): about twice as long.
const RDS_SQLSERVER_TIMING = "https://github.com/hashicorp/terraform-provider-aws/pull/23560";
const SQLSERVER_FACTOR_NOTE = "a SQL Server Express create-and-delete cycle took about twice as long as a MySQL one in the AWS provider's acceptance tests (~15 vs ~8 min)";
const RDS_OPTION_GROUP = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/rds/option_group.go";
const RDS_PROXY = "https://www.pulumi.com/docs/reference/pkg/aws/rds/proxy/";
const ELASTICACHE = "https://runbooks.cloud-platform.service.justice.gov.uk/elasticache-insufficient-az-capacity.html";
const K8S_STATEFULSET = "https://pulumi.com/registry/packages/kubernetes/api-docs/apps/v1/statefulset";
const K8S_SERVICE = "https://pulumi.com/registry/packages/kubernetes/api-docs/core/v1/service";
const K8S_HEADLESS = "https://github.com/pulumi/pulumi-kubernetes/pull/2475";
const FLOW_LOGS_BASICS = "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-basics.html";

const assume = (note: string, url?: string): DurationBasis => ({ kind: "assumption", note, ...(url ? { url } : {}) });
const api = (seconds: number, note = "one API call; the provider returns when it succeeds"): DurationVariant[] =>
  [{ variant: "", seconds, basis: assume(note) }];

const has = (value: unknown): boolean => value !== undefined && value !== null && value !== "" && value !== false;
const num = (value: unknown, fallback: number): number => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
const spec = (inputs: Inputs): Inputs => (inputs.spec ?? {}) as Inputs;
/** An RDS for SQL Server instance (engine sqlserver-ex, -web, -se or -ee); replicas carry no engine. */
const isSqlServer = (inputs: Inputs): boolean => typeof inputs.engine === "string" && inputs.engine.startsWith("sqlserver-");

/** Pod start to ready (image pull, MinIO drive format, readiness probe). */
const POD_READY_SECONDS = 2 * MIN;

/**
 * Create durations by Pulumi type token, first matching variant wins. Types not listed take
 * {@link UNLISTED_DURATION} and are named in the report.
 */
export const DURATIONS: Readonly<Record<string, readonly DurationVariant[]>> = {
  "pulumi:providers:aws": api(0, "a provider is configuration; nothing is created in AWS"),
  "pulumi:providers:kubernetes": api(0, "a provider is configuration; nothing is created in the cluster"),
  "pulumi:providers:random": api(0, "a provider is configuration"),
  "pulumi:providers:gcp": api(0, "a provider is configuration; nothing is created in Google Cloud"),
  "pulumi:providers:cloudflare": api(0, "a provider is configuration; nothing is created at Cloudflare"),
  // Workers KV namespace and account token: one Cloudflare API call each (POST .../storage/kv/namespaces, POST .../tokens),
  // answered synchronously; nothing is awaited after it.
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace": api(3, "one Cloudflare API call (create namespace), answered synchronously"),
  "cloudflare:index/accountToken:AccountToken": api(3, "one Cloudflare API call (create token), answered synchronously"),
  "random:index/randomPassword:RandomPassword": api(0, "generated locally by the provider"),
  "random:index/randomId:RandomId": api(0, "generated locally by the provider"),
  "random:index/randomBytes:RandomBytes": api(0, "generated locally by the provider"),
  "random:index/randomString:RandomString": api(0, "generated locally by the provider"),

  "aws:kms/key:Key": api(20, "CreateKey returns at once; the provider then waits for the key, its policy and rotation setting to read back consistently"),
  "aws:kms/alias:Alias": api(2),
  "aws:ec2/vpc:Vpc": api(5, "a VPC is available within seconds; the provider polls until it is"),
  "aws:ec2/subnet:Subnet": api(5, "a subnet is available within seconds; the provider polls until it is"),
  "aws:ec2/routeTable:RouteTable": api(3),
  "aws:ec2/vpcEndpoint:VpcEndpoint": [
    {
      variant: "interface",
      when: (i) => i.vpcEndpointType === "Interface",
      seconds: 2 * MIN,
      basis: assume("an interface endpoint provisions a network interface per subnet; the provider waits for it to turn available, typically 1-3 min"),
    },
    { variant: "gateway", seconds: 10, basis: assume("a gateway endpoint only adds routes; available within seconds") },
  ],
  "aws:ec2/routeTableAssociation:RouteTableAssociation": api(2),
  "aws:ec2/securityGroup:SecurityGroup": api(5),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": api(3),
  "aws:ec2/flowLog:FlowLog": [{
    variant: "", seconds: 3,
    basis: assume("CreateFlowLogs returns at once; records start arriving several minutes later, which nothing waits for", FLOW_LOGS_BASICS),
  }],
  // CloudFormation deploys the template (a Lambda function in the VPC, its role and permission); a VPC function
  // creates its network interfaces before it is active.
  "aws:serverlessrepository/cloudFormationStack:CloudFormationStack": api(2 * MIN, "CreateCloudFormationStack plus the stack's create, a VPC Lambda function becoming active"),
  "aws:secretsmanager/secretRotation:SecretRotation": api(2, "RotateSecret with rotateImmediately false only records the schedule"),
  // Outside a VPC: no network interfaces to create, the function turns Active within seconds.
  "aws:lambda/function:Function": api(10, "CreateFunction, then the provider waits for the function (no VPC) to turn Active; it retries while the new role propagates"),
  "aws:lambda/permission:Permission": api(2, "AddPermission"),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": api(2),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": api(2),
  "aws:iam/role:Role": api(5, "IAM is eventually consistent; the provider retries until the role reads back"),
  "aws:iam/instanceProfile:InstanceProfile": api(10, "CreateInstanceProfile and AddRoleToInstanceProfile; the provider waits until the profile reads back"),
  "aws:ec2/launchTemplate:LaunchTemplate": api(2, "CreateLaunchTemplate"),
  "aws:dlm/lifecyclePolicy:LifecyclePolicy": api(3, "CreateLifecyclePolicy (retried while the new execution role propagates)"),
  "aws:ssm/parameter:Parameter": api(2, "PutParameter"),
  "aws:iam/policy:Policy": api(3),
  // Keyspaces DDL is asynchronous; the provider polls until the keyspace or table is ACTIVE. Assumed, not measured.
  "aws:keyspaces/keyspace:Keyspace": [{ variant: "", seconds: 15, basis: assume("CreateKeyspace, then polled until it exists (asynchronous DDL)", "https://docs.aws.amazon.com/keyspaces/latest/devguide/functional-differences.html") }],
  "aws:keyspaces/table:Table": [{ variant: "", seconds: 90, basis: assume("CreateTable with PITR, TTL and a customer managed key, polled until ACTIVE (asynchronous DDL; typically under two minutes)", "https://docs.aws.amazon.com/keyspaces/latest/devguide/working-with-tables.html") }],
  "aws:iam/rolePolicy:RolePolicy": api(3),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": api(3),
  "aws:sns/topic:Topic": api(3),
  "aws:sns/topicPolicy:TopicPolicy": api(3),
  "aws:sns/topicSubscription:TopicSubscription": api(3, "e-mail/HTTPS subscriptions stay pending until confirmed; nothing waits for that"),
  "aws:secretsmanager/secret:Secret": api(3),
  "aws:secretsmanager/secretVersion:SecretVersion": api(2),
  "aws:cloudwatch/logGroup:LogGroup": api(2),
  "aws:cloudwatch/logStream:LogStream": api(2, "CreateLogStream"),
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": api(5, "PutSubscriptionFilter (retried while the new role propagates)"),
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": [{
    variant: "", seconds: 90,
    basis: assume("CreateDeliveryStream, then the provider waits for ACTIVE (status CREATING first; typically one to two minutes)", "https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html"),
  }],
  "aws:cloudwatch/metricAlarm:MetricAlarm": api(2, "PutMetricAlarm; the alarm needs no metric data to exist"),
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": api(2),
  "aws:cloudwatch/dashboard:Dashboard": api(2),
  "aws:cloudwatch/eventRule:EventRule": api(2),
  "aws:cloudwatch/eventTarget:EventTarget": api(2),

  "aws:s3/bucket:Bucket": api(5, "CreateBucket plus the provider's read-back of the new bucket"),
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": api(2),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": api(2),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": api(2),
  "aws:s3/bucketVersioning:BucketVersioning": api(3, "the provider waits until versioning reads back as Enabled"),
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": api(2),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": api(10, "the provider waits until the rules read back (S3 propagates them eventually)"),
  "aws:s3/bucketPolicy:BucketPolicy": api(3),
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": api(5, "PutBucketReplication plus the provider's read-back (S3 checks the role and the destination bucket's versioning at once)"),
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": [{ variant: "backups to the recovery Region", seconds: 10 * MIN, basis: assume("StartDBInstanceAutomatedBackupsReplication returns at once; the provider then waits for the status `replicating`, which RDS reports once the copy of the newest snapshot to the recovery Region is under way (typical value, not measured)", "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html") }],
  "aws:s3/bucketLogging:BucketLogging": api(2),
  "aws:s3/bucketMetric:BucketMetric": api(2),
  "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration": api(3),
  // CloudFront (components/cdn): the provider waits until the distribution is Deployed (waitForDeployment defaults to
  // true); AWS says changes propagate to all edges "within minutes", typically 5-15. Assumed, not measured.
  "aws:cloudfront/distribution:Distribution": [{
    variant: "", seconds: 10 * MIN,
    basis: assume("CreateDistribution, then the provider polls until Status is Deployed (all edge locations); typically 5-15 minutes", "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-values-specify.html"),
  }],
  "aws:cloudfront/originAccessControl:OriginAccessControl": api(2, "CreateOriginAccessControl"),
  "aws:cloudfront/cachePolicy:CachePolicy": api(2, "CreateCachePolicy"),
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": api(2, "CreateResponseHeadersPolicy"),
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": api(2, "PutDeliverySource (us-east-1)"),
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": api(2, "PutDeliveryDestination (us-east-1)"),
  "aws:cloudwatch/logDelivery:LogDelivery": api(3, "CreateDelivery; CloudWatch Logs checks the bucket policy"),
  // CreateTable returns CREATING; the provider waits for ACTIVE (the Fiber adapter's own code says "Typical table creation
  // duration is 10 seconds"), then turns on PITR (UpdateContinuousBackups: "It can take 10 minutes to enable for new
  // tables", @pulumi/aws TablePointInTimeRecovery) and TTL, waiting for each. A planning figure between the two.
  // Google Cloud (components/firestore). Planning figures from the provider's behaviour: long-running operations it polls
  // (API enablement, database, TTL field, pools) and IAM policy read-modify-writes; none was timed here.
  "gcp:projects/service:Service": api(45, "services.enable is a long-running operation the provider polls; usually under a minute, seconds when already enabled"),
  "gcp:projects/serviceIdentity:ServiceIdentity": api(5, "generateServiceIdentity: one long-running operation that returns at once for an existing agent"),
  "gcp:kms/keyRing:KeyRing": api(2),
  "gcp:kms/cryptoKey:CryptoKey": api(3, "creates the key and its first version"),
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": api(5, "read-modify-write of the key's IAM policy"),
  "gcp:firestore/database:Database": [{
    variant: "", seconds: 3 * MIN,
    basis: assume("databases.create is a long-running operation the provider waits for; a few minutes for a new native-mode database", "https://www.pulumi.com/registry/packages/gcp/api-docs/firestore/database/"),
  }],
  "gcp:firestore/backupSchedule:BackupSchedule": api(3),
  "gcp:firestore/field:Field": [{
    variant: "", seconds: 5 * MIN,
    basis: assume("fields.patch (TTL policy, index exemption) is a long-running operation the provider waits for unless skipWait; minutes on an empty collection group", "https://cloud.google.com/firestore/docs/ttl"),
  }],
  "gcp:serviceaccount/account:Account": api(10, "create, then the provider waits for IAM to return the new account (eventual consistency)"),
  "gcp:projects/iAMMember:IAMMember": api(10, "read-modify-write of the project's IAM policy, retried on concurrent changes"),
  "gcp:serviceaccount/iAMMember:IAMMember": api(5, "read-modify-write of the service account's IAM policy"),
  "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": api(10, "a long-running operation the provider polls"),
  "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": api(10, "a long-running operation the provider polls"),
  "gcp:monitoring/notificationChannel:NotificationChannel": api(2),
  "gcp:monitoring/alertPolicy:AlertPolicy": api(2),
  "gcp:monitoring/dashboard:Dashboard": api(2),
  // Azure Resource Manager (components/azureblob): PUTs the provider polls as long-running operations until
  // provisioningState Succeeded (https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations).
  "pulumi:providers:azure-native": api(0, "a provider is configuration; nothing is created in Azure"),
  "azure-native:resources:ResourceGroup": api(3, "one synchronous PUT"),
  "azure-native:storage:StorageAccount": [{
    variant: "", seconds: 30,
    basis: assume("Create is asynchronous (202 then polling); a StorageV2 account is usually Succeeded within 20-40 s, ZRS about the same", "https://learn.microsoft.com/rest/api/storagerp/storage-accounts/create"),
  }],
  "azure-native:storage:BlobServiceProperties": api(3, "one synchronous PUT of the blob service properties"),
  "azure-native:storage:BlobContainer": api(2, "one synchronous PUT per container"),
  "azure-native:storage:ManagementPolicy": api(3, "one synchronous PUT; Azure applies the rules within 24 hours, which nothing waits for"),
  "azure-native:authorization:ManagementLockByScope": api(3, "one synchronous PUT"),
  "azure-native:monitor:ActionGroup": api(5, "one PUT; Azure validates the receivers"),
  "azure-native:monitor:MetricAlert": api(10, "one PUT; Azure validates the metric, namespace and scope before answering"),
  "aws:dynamodb/table:Table": [{
    variant: "", seconds: 2 * MIN,
    basis: assume("CreateTable to ACTIVE in ~10 s (gofiber/storage dynamodb.go), then PITR and TTL enabled and awaited; AWS allows PITR up to 10 minutes on a new table", "https://www.pulumi.com/registry/packages/aws/api-docs/dynamodb/table/"),
  }],

  "aws:rds/subnetGroup:SubnetGroup": api(3),
  "aws:rds/parameterGroup:ParameterGroup": api(5, "create plus one ModifyDBParameterGroup per 20 parameters"),
  // The AWS provider's create is CreateOptionGroup followed by its own update, one ModifyOptionGroup that adds the
  // options (MARIADB_AUDIT_PLUGIN here); neither waits on a status, the group is usable as soon as both return.
  "aws:rds/optionGroup:OptionGroup": [{
    variant: "", seconds: 5,
    basis: assume("CreateOptionGroup, then one ModifyOptionGroup adding the options (the provider's create runs its update); both return at once", RDS_OPTION_GROUP),
  }],
  "aws:rds/eventSubscription:EventSubscription": [{
    variant: "", seconds: 45, basis: assume("the provider waits for the subscription to turn from creating to active, typically under a minute"),
  }],
  "aws:rds/instance:Instance": [
    {
      variant: "read replica",
      when: (i) => has(i.replicateSourceDb),
      seconds: 15 * MIN,
      basis: assume("RDS snapshots the source, restores the replica from it and starts replication; typically 10-20 min for an empty database, longer with data", RDS_REPLICA),
    },
    // RDS for SQL Server builds a Windows host and installs SQL Server before the instance is available, and its
    // Multi-AZ standby joins through Always On (or mirroring). A replica names no engine of its own (it inherits
    // its source's), so a SQL Server read replica keeps the engine-neutral replica figure above.
    {
      variant: "SQL Server Multi-AZ primary",
      when: (i) => isSqlServer(i) && i.multiAz === true,
      seconds: 40 * MIN,
      basis: assume(`twice the Multi-AZ primary below, as for single-AZ (${SQLSERVER_FACTOR_NOTE}); the standby is seeded and joined to the availability group before the status leaves creating`, RDS_SQLSERVER_TIMING),
    },
    {
      variant: "SQL Server single-AZ primary",
      when: isSqlServer,
      seconds: 24 * MIN,
      basis: assume(`twice the single-AZ primary below: ${SQLSERVER_FACTOR_NOTE}`, RDS_SQLSERVER_TIMING),
    },
    {
      variant: "Multi-AZ primary",
      when: (i) => i.multiAz === true,
      seconds: 20 * MIN,
      basis: assume("the primary plus a synchronous standby in a second AZ seeded from it; typically 15-25 min, status creating until both are up", RDS_STATUS),
    },
    {
      variant: "single-AZ primary",
      seconds: 12 * MIN,
      basis: assume("a new DB instance takes typically 10-20 min to become available; small classes and empty storage sit at the low end", RDS_TYPICAL),
    },
  ],
  "aws:rds/proxy:Proxy": [{ variant: "", seconds: 8 * MIN, basis: assume("RDS Proxy creation typically takes 5-10 min before the proxy is available", RDS_PROXY) }],
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": api(10),
  "aws:rds/proxyTarget:ProxyTarget": api(10, "registration returns at once; the target's health check (registering -> available) is not waited for"),
  "aws:rds/proxyEndpoint:ProxyEndpoint": [{ variant: "", seconds: 5 * MIN, basis: assume("an additional proxy endpoint provisions its own network interfaces, typically a few minutes") }],

  // Amazon DocumentDB (components/documentdb). The cluster is storage and endpoints only: CreateDBCluster returns
  // "available" within minutes; each instance is a compute node created after it (the provider waits for available).
  "aws:docdb/subnetGroup:SubnetGroup": api(3),
  "aws:docdb/clusterParameterGroup:ClusterParameterGroup": api(5, "create plus one ModifyDBClusterParameterGroup with the parameters"),
  "aws:docdb/eventSubscription:EventSubscription": [{
    variant: "", seconds: 45, basis: assume("as RDS event subscriptions (same API): the provider waits for creating to turn active, typically under a minute"),
  }],
  "aws:docdb/cluster:Cluster": [{
    variant: "", seconds: 4 * MIN,
    basis: assume("a cluster without instances (volume, endpoints, parameter group applied) turns available in a few minutes; the instances are the long part", "https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-create.html"),
  }],
  "aws:docdb/clusterInstance:ClusterInstance": [{
    variant: "", seconds: 10 * MIN,
    basis: assume("a DocumentDB instance typically takes 8-12 min to become available; instances of one cluster are created in parallel", "https://docs.aws.amazon.com/documentdb/latest/developerguide/db-instance-add.html"),
  }],

  "aws:elasticache/subnetGroup:SubnetGroup": api(3),
  "aws:elasticache/parameterGroup:ParameterGroup": api(5),
  "aws:elasticache/user:User": api(15, "the provider waits for the user to turn active"),
  "aws:elasticache/userGroup:UserGroup": api(30, "the provider waits for the user group to turn active"),
  "aws:elasticache/cluster:Cluster": [{
    variant: "", seconds: 10 * MIN,
    basis: assume("a Memcached cluster's nodes are created in parallel; typically 5-10 min until the cluster is available (no replication or snapshot setup)", ELASTICACHE),
  }],
  "aws:elasticache/replicationGroup:ReplicationGroup": [
    {
      variant: "cluster mode enabled",
      when: (i) => i.clusterMode === "enabled" || num(i.numNodeGroups, 1) > 1,
      // Shards come up in parallel; more shards mean more configuration work at the end.
      seconds: (i) => 15 * MIN + Math.max(0, num(i.numNodeGroups, 1) - 2) * MIN,
      basis: assume("shards and their replicas are created in parallel, then the cluster is configured; typically 15-20 min (plus ~1 min per shard beyond two)", ELASTICACHE),
    },
    {
      variant: "cluster mode disabled",
      seconds: 10 * MIN,
      basis: assume("primary and replicas are created in parallel; typically 8-12 min until the group is available", ELASTICACHE),
    },
  ],

  "kubernetes:core/v1:Namespace": api(2),
  "kubernetes:core/v1:Secret": api(1),
  "kubernetes:core/v1:ConfigMap": api(1),
  "kubernetes:core/v1:ServiceAccount": api(1),
  "kubernetes:batch/v1:CronJob": api(1, "Pulumi does not wait for a scheduled run"),
  "kubernetes:core/v1:PersistentVolumeClaim": api(30, "Pulumi waits until the claim is Bound (or for WaitForFirstConsumer classes, created)"),
  "kubernetes:storage.k8s.io/v1:StorageClass": api(1),
  "kubernetes:monitoring.coreos.com/v1:PrometheusRule": api(1, "needs the prometheus-operator CRDs on the cluster"),
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": api(1),
  "kubernetes:policy/v1:PodDisruptionBudget": api(1),
  "kubernetes:rbac.authorization.k8s.io/v1:Role": api(1),
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": api(1),
  "kubernetes:monitoring.coreos.com/v1:ServiceMonitor": api(1),
  // Assumed: pulumi-kubernetes' generic await waits for a `Ready` condition, which the Altinity operator's status (a
  // `status: Completed` string) is taken not to carry, so Pulumi returns once the API server stored the object; the
  // operator then creates the StatefulSets (minutes), which the schema Job (a batch/v1 Job, awaited) waits for.
  "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation": api(2, "stored by the API server; assumed not awaited (no Ready condition in the operator's status); the schema Job waits for the servers"),
  "kubernetes:clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation": api(2, "stored by the API server; assumed not awaited (no Ready condition in the operator's status)"),
  "kubernetes:monitoring.coreos.com/v1:PodMonitor": api(1, "needs the prometheus-operator CRDs on the cluster"),
  "kubernetes:core/v1:Service": [
    {
      variant: "headless",
      when: (i) => spec(i).clusterIP === "None",
      seconds: 10,
      basis: { kind: "source", note: "Pulumi does not wait for pods behind a headless Service, only ~10 s for endpoint stragglers", url: K8S_HEADLESS },
    },
    {
      variant: "with selector",
      when: (i) => has(spec(i).selector) && spec(i).type !== "ExternalName",
      seconds: POD_READY_SECONDS,
      basis: { kind: "source", note: "Pulumi waits until the selected pods are ready endpoints (pod readiness itself is an assumption, 2 min)", url: K8S_SERVICE },
    },
    { variant: "no selector", seconds: 10, basis: { kind: "source", note: "no pods to wait for; ~10 s for endpoint stragglers", url: K8S_SERVICE } },
  ],
  "kubernetes:apps/v1:StatefulSet": [
    {
      variant: "parallel pod management",
      when: (i) => spec(i).podManagementPolicy === "Parallel",
      seconds: POD_READY_SECONDS,
      basis: { kind: "source", note: "Pulumi waits until every replica is ready; with Parallel all pods start at once (pod readiness: 2 min assumed)", url: K8S_STATEFULSET },
    },
    {
      variant: "ordered pod management",
      // OrderedReady (the default) starts pod N+1 only once pod N is ready.
      seconds: (i) => Math.max(1, num(spec(i).replicas, 1)) * POD_READY_SECONDS,
      basis: { kind: "source", note: "Pulumi waits until every replica is ready; OrderedReady starts them one after another (2 min each assumed)", url: K8S_STATEFULSET },
    },
  ],
  "kubernetes:apps/v1:Deployment": [{ variant: "", seconds: POD_READY_SECONDS, basis: assume("Pulumi waits for the rollout; pods start in parallel") }],
  "kubernetes:batch/v1:Job": [{ variant: "", seconds: 2 * MIN, basis: assume("Pulumi waits for the Job to complete: image pull, then the job's own work (a short provisioning script)") }],
  // The kube-arangodb operator reconciles an ArangoDeployment: an image-discovery pod, then the members (agents first
  // in a cluster), then bootstrap (root password). The provider waits for a custom resource's Ready condition
  // (generic await, pulumi/pulumi-kubernetes#3143; its behaviour on a Ready CR is pulumi/pulumi-kubernetes#4521); the
  // minutes themselves are assumptions, no published timing was found.
  "kubernetes:database.arangodb.com/v1:ArangoDeployment": [
    {
      variant: "cluster",
      when: (i) => spec(i).mode === "Cluster",
      seconds: 10 * MIN,
      basis: assume("operator-driven: image discovery, then 3 agents, the DB-Servers and Coordinators start and join, then bootstrap; ~10 min assumed", "https://github.com/pulumi/pulumi-kubernetes/issues/4521"),
    },
    {
      variant: "single server",
      seconds: 4 * MIN,
      basis: assume("operator-driven: image discovery, one server start, bootstrap; ~4 min assumed", "https://github.com/pulumi/pulumi-kubernetes/issues/4521"),
    },
  ],
  // The Couchbase operator reconciles a CouchbaseCluster: it creates the servers one by one (pod, volume, add node),
  // then rebalances them in, then creates the buckets and users it selects. The provider's generic await looks for a
  // Ready condition, which the cluster does not publish (its conditions are Available and Balanced;
  // pulumi/pulumi-kubernetes#3143), so Pulumi may return sooner: the figure is the time until the cluster serves,
  // assumed; no published timing was found.
  "kubernetes:couchbase.com/v2:CouchbaseCluster": [
    {
      variant: "several servers",
      when: (i) => ((spec(i).servers ?? []) as { size?: number }[]).reduce((n, s) => n + num(s.size, 1), 0) > 1,
      seconds: (i) => 3 * MIN + 2 * MIN * ((spec(i).servers ?? []) as { size?: number }[]).reduce((n, s) => n + num(s.size, 1), 0),
      basis: assume("operator-driven: each server's pod and volume start and join (~2 min each, one at a time), then a rebalance; assumed", "https://github.com/pulumi/pulumi-kubernetes/issues/3143"),
    },
    {
      variant: "one server",
      seconds: 4 * MIN,
      basis: assume("operator-driven: one server's pod and volume start, cluster initialisation, buckets and users; ~4 min assumed", "https://github.com/pulumi/pulumi-kubernetes/issues/3143"),
    },
  ],
  "kubernetes:couchbase.com/v2:CouchbaseBucket": api(1, "the operator creates the bucket once the cluster selects it; Pulumi does not wait for that"),
  "kubernetes:couchbase.com/v2:CouchbaseUser": api(1),
  "kubernetes:couchbase.com/v2:CouchbaseGroup": api(1),
  "kubernetes:couchbase.com/v2:CouchbaseRoleBinding": api(1),
  "kubernetes:couchbase.com/v2:CouchbaseBackup": api(1, "the operator creates the backup CronJob; Pulumi does not wait for a scheduled run"),
};

/** Create time assumed for a custom resource type missing from {@link DURATIONS}; such types are reported. */
export const UNLISTED_DURATION: DurationVariant = {
  variant: "not in the table",
  seconds: 10,
  basis: assume("type missing from scripts/offline/deploy-time/durations.ts: 10 s assumed (one API call and a read-back)"),
};
