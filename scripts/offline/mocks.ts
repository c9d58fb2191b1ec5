import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/** Where mock ARNs and endpoints say a resource lives. */
export interface MockScope {
  readonly region: string;
  readonly accountId: string;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 7);
}

/** The physical name AWS (or the provider's auto-naming) would give a resource. */
function physicalName(name: string, inputs: Record<string, unknown>): string {
  for (const key of ["name", "identifier", "bucket", "replicationGroupId", "clusterIdentifier", "userId"]) {
    const value = inputs[key];
    if (typeof value === "string") return value;
  }
  return `${name}-${shortHash(name)}`;
}

/** The version 2 fields AWS records when a flow log names no format. */
const DEFAULT_FLOW_LOG_FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

type StateFor = (physical: string, inputs: Record<string, unknown>, scope: MockScope) => Record<string, unknown>;

/** Computed outputs per resource type: what AWS returns after create, so the program's outputs resolve. */
const COMPUTED: Record<string, StateFor> = {
  "aws:kms/key:Key": (p, _i, s) => ({ keyId: `${shortHash(p)}-kms`, arn: `arn:aws:kms:${s.region}:${s.accountId}:key/${shortHash(p)}-kms` }),
  "aws:ec2/vpc:Vpc": (p) => ({ id: `vpc-${shortHash(p)}0000000000` }),
  "aws:ec2/subnet:Subnet": (p) => ({ id: `subnet-${shortHash(p)}0000000000` }),
  "aws:ec2/securityGroup:SecurityGroup": (p) => ({ id: `sg-${shortHash(p)}0000000000` }),
  "aws:rds/instance:Instance": (p, i, s) => {
    const address = `${p}.c${shortHash(s.accountId)}.${s.region}.rds.amazonaws.com`;
    const port = typeof i.port === "number" ? i.port : 5432;
    return {
      address, port, endpoint: `${address}:${port}`, resourceId: `db-${shortHash(p).toUpperCase()}`,
      masterUserSecrets: i.manageMasterUserPassword
        ? [{ secretArn: `arn:aws:secretsmanager:${s.region}:${s.accountId}:secret:rds!db-${shortHash(p)}`, secretStatus: "active", kmsKeyId: i.masterUserSecretKmsKeyId }]
        : [],
    };
  },
  "aws:rds/proxy:Proxy": (p, _i, s) => ({
    endpoint: `${p}.proxy-c${shortHash(s.accountId)}.${s.region}.rds.amazonaws.com`, arn: `arn:aws:rds:${s.region}:${s.accountId}:db-proxy:prx-${shortHash(p)}`,
  }),
  "aws:rds/proxyEndpoint:ProxyEndpoint": (p, _i, s) => ({ endpoint: `${p}.endpoint.proxy-c${shortHash(s.accountId)}.${s.region}.rds.amazonaws.com` }),
  // DocumentDB: `<cluster>.cluster-c<hash>.<region>.docdb.amazonaws.com` (writer) and `.cluster-ro-` (reader); instances `<id>.c<hash>...`.
  "aws:docdb/cluster:Cluster": (p, i, s) => ({
    endpoint: `${p}.cluster-c${shortHash(s.accountId)}.${s.region}.docdb.amazonaws.com`,
    readerEndpoint: `${p}.cluster-ro-c${shortHash(s.accountId)}.${s.region}.docdb.amazonaws.com`,
    port: typeof i.port === "number" ? i.port : 27017, clusterResourceId: `cluster-${shortHash(p).toUpperCase()}`,
    arn: `arn:aws:rds:${s.region}:${s.accountId}:cluster:${p}`,
  }),
  "aws:docdb/clusterInstance:ClusterInstance": (p, _i, s) => ({
    endpoint: `${p}.c${shortHash(s.accountId)}.${s.region}.docdb.amazonaws.com`, port: 27017, writer: p.endsWith("-1"),
    arn: `arn:aws:rds:${s.region}:${s.accountId}:db:${p}`, dbiResourceId: `db-${shortHash(p).toUpperCase()}`,
  }),
  "aws:elasticache/replicationGroup:ReplicationGroup": (p, i, s) => {
    const host = `${s.region.replace(/-/g, "")}.cache.amazonaws.com`;
    const clustered = i.clusterMode === "enabled";
    return clustered
      ? { configurationEndpointAddress: `clustercfg.${p}.${shortHash(p)}.${host}` }
      : { primaryEndpointAddress: `master.${p}.${shortHash(p)}.${host}`, readerEndpointAddress: `replica.${p}.${shortHash(p)}.${host}` };
  },
  // A Memcached cache cluster: node endpoints `<id>.<hash>.<node id>.<region>.cache.amazonaws.com` and the configuration
  // endpoint `<id>.<hash>.cfg.<region>...:<port>` (the `.cfg.` / `.0001.` pattern cloudposse's module relies on).
  "aws:elasticache/cluster:Cluster": (p, i, s) => {
    const id = typeof i.clusterId === "string" ? i.clusterId : p;
    const host = `${id}.${shortHash(id)}`;
    const domain = `${s.region.replace(/-/g, "")}.cache.amazonaws.com`;
    const port = typeof i.port === "number" ? i.port : 11211;
    const count = typeof i.numCacheNodes === "number" ? i.numCacheNodes : 1;
    const zones = Array.isArray(i.preferredAvailabilityZones) ? i.preferredAvailabilityZones as string[] : [typeof i.availabilityZone === "string" ? i.availabilityZone : `${s.region}a`];
    const cacheNodes = Array.from({ length: count }, (_, n) => {
      const nodeId = String(n + 1).padStart(4, "0");
      return { id: nodeId, address: `${host}.${nodeId}.${domain}`, port, availabilityZone: zones[n % zones.length], outpostArn: "" };
    });
    return {
      arn: `arn:aws:elasticache:${s.region}:${s.accountId}:cluster:${id}`, cacheNodes,
      clusterAddress: `${host}.cfg.${domain}`, configurationEndpoint: `${host}.cfg.${domain}:${port}`,
    };
  },
  "aws:s3/bucket:Bucket": (p, _i, s) => ({
    arn: `arn:aws:s3:::${p}`, bucket: p, bucketDomainName: `${p}.s3.amazonaws.com`, bucketRegionalDomainName: `${p}.s3.${s.region}.amazonaws.com`, region: s.region,
  }),
  // bcryptHash: `$2a$10$` + 22 characters of salt + 31 of hash, as the provider's golang.org/x/crypto/bcrypt writes it (NATS reads these).
  "random:index/randomPassword:RandomPassword": (p) => ({
    result: `mock-password-${shortHash(p)}`,
    bcryptHash: `$2a$10$${createHash("sha256").update(`bcrypt:${p}`).digest("base64").replace(/[^A-Za-z0-9]/g, ".").slice(0, 53).padEnd(53, ".")}`,
  }),
  "aws:ec2/launchTemplate:LaunchTemplate": (p, _i, s) => ({ id: `lt-${shortHash(p)}0000000000`, arn: `arn:aws:ec2:${s.region}:${s.accountId}:launch-template/lt-${shortHash(p)}0000000000`, latestVersion: 1, defaultVersion: 1 }),
  "aws:dlm/lifecyclePolicy:LifecyclePolicy": (p, _i, s) => ({ id: `policy-${shortHash(p)}0000000000`, arn: `arn:aws:dlm:${s.region}:${s.accountId}:policy/policy-${shortHash(p)}0000000000` }),
  // SSM parameter ARNs drop the name's leading slash: arn:aws:ssm:<region>:<account>:parameter/sparki/...
  "aws:ssm/parameter:Parameter": (p, _i, s) => ({ arn: `arn:aws:ssm:${s.region}:${s.accountId}:parameter/${p.replace(/^\//, "")}`, version: 1 }),
  // IAM is global: instance profile ARNs carry the account but no region.
  "aws:iam/instanceProfile:InstanceProfile": (p, _i, s) => ({ arn: `arn:aws:iam::${s.accountId}:instance-profile/${p}`, uniqueId: `AIPA${shortHash(p).toUpperCase()}` }),
  // IAM is global: policy ARNs carry the account and path but no region.
  "aws:iam/policy:Policy": (p, i, s) => ({
    arn: `arn:aws:iam::${s.accountId}:policy${typeof i.path === "string" ? i.path : "/"}${p}`, policyId: `ANPA${shortHash(p).toUpperCase()}`,
  }),
  // RDS names a prefixed parameter group `<namePrefix><unique suffix>`; the proxy's default target group is "default".
  "aws:rds/parameterGroup:ParameterGroup": (p, i) => ({ name: typeof i.namePrefix === "string" ? `${i.namePrefix}${shortHash(p)}` : p }),
  // Option groups are named the same way (the instance reads the name back for its optionGroupName).
  "aws:rds/optionGroup:OptionGroup": (p, i) => ({ name: typeof i.namePrefix === "string" ? `${i.namePrefix}${shortHash(p)}` : p }),
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": () => ({ name: "default" }),
  "aws:rds/proxyTarget:ProxyTarget": (p, i) => ({ type: "RDS_INSTANCE", rdsResourceId: `db-${shortHash(p).toUpperCase()}`, targetArn: `arn:aws:rds:db:${String(i.dbInstanceIdentifier)}` }),
  // Lowercase/uppercase as requested, so generated MinIO user names look like what the provider would make.
  "random:index/randomString:RandomString": (p, i) => ({ result: i.lower === false ? `MOCKKEY${shortHash(p).toUpperCase()}` : `mockuser${shortHash(p)}` }),
  // Hex of byteLength random bytes; EventBridge rule ARNs name the rule under the events service.
  "random:index/randomId:RandomId": (p, i) => ({ hex: createHash("sha256").update(p).digest("hex").slice(0, 2 * (typeof i.byteLength === "number" ? i.byteLength : 8)) }),
  // `length` deterministic bytes, as the provider's base64 and hex of them.
  "random:index/randomBytes:RandomBytes": (p, i) => {
    const n = typeof i.length === "number" ? i.length : 32;
    const bytes = Buffer.concat(Array.from({ length: Math.ceil(n / 32) }, (_v, k) => createHash("sha256").update(`${p}:${k}`).digest())).subarray(0, n);
    return { base64: bytes.toString("base64"), hex: bytes.toString("hex") };
  },
  "aws:cloudwatch/eventRule:EventRule": (p, _i, s) => ({ arn: `arn:aws:events:${s.region}:${s.accountId}:rule/${p}` }),
  "aws:ec2/vpcEndpoint:VpcEndpoint": (p) => ({ id: `vpce-${shortHash(p)}0000000000`, state: "available" }),
  // CloudFront (components/cdn): IDs are 13-14 uppercase letters and digits (E + ...); ARNs carry no region; the
  // domain is d<13-14 lowercase>.cloudfront.net; the alias hosted zone is CloudFront's fixed Z2FDTNDATAQYW2 (CloudFront
  // API Reference, GetDistribution; Route 53 "AliasTarget"; checked 2026-11-29).
  "aws:cloudfront/distribution:Distribution": (p, _i, s) => {
    const id = `E${shortHash(p).toUpperCase()}ABCDEF`;
    return {
      id, arn: `arn:aws:cloudfront::${s.accountId}:distribution/${id}`, domainName: `d${shortHash(p)}abcdef.cloudfront.net`,
      hostedZoneId: "Z2FDTNDATAQYW2", status: "Deployed", etag: `E${shortHash(`etag:${p}`).toUpperCase()}`,
    };
  },
  "aws:cloudfront/originAccessControl:OriginAccessControl": (p) => ({ id: `E${shortHash(p).toUpperCase()}OAC000`, etag: `E${shortHash(`etag:${p}`).toUpperCase()}` }),
  // Cache and response headers policy IDs are UUIDs.
  "aws:cloudfront/cachePolicy:CachePolicy": (p) => ({ id: `${shortHash(p)}0-0000-4000-8000-000000000000`, etag: `E${shortHash(`etag:${p}`).toUpperCase()}` }),
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": (p) => ({ id: `${shortHash(p)}0-0000-4000-8000-000000000001`, etag: `E${shortHash(`etag:${p}`).toUpperCase()}` }),
  // CloudWatch Logs vended delivery: ARNs in the region the resource names (us-east-1 for CloudFront's source).
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": (p, i, s) => ({
    arn: `arn:aws:logs:${typeof i.region === "string" ? i.region : s.region}:${s.accountId}:delivery-source:${p}`, service: "cloudfront",
  }),
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": (p, i, s) => ({
    arn: `arn:aws:logs:${typeof i.region === "string" ? i.region : s.region}:${s.accountId}:delivery-destination:${p}`, deliveryDestinationType: "S3",
  }),
  "aws:cloudwatch/logDelivery:LogDelivery": (p, i, s) => {
    const id = shortHash(p).repeat(2).slice(0, 14);
    return { id, arn: `arn:aws:logs:${typeof i.region === "string" ? i.region : s.region}:${s.accountId}:delivery:${id}` };
  },
  // Cloudflare (components/cloudflarekv): IDs are 32 lowercase hex digits; an account token's value is a 40-character
  // bearer string Cloudflare returns once, at create (Cloudflare API "Create Token"; checked 2026-11-29).
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace": (p) => ({ id: createHash("sha256").update(p).digest("hex").slice(0, 32), supportsUrlEncoding: true }),
  "cloudflare:index/accountToken:AccountToken": (p, i) => ({
    id: createHash("sha256").update(`token:${p}`).digest("hex").slice(0, 32), status: "active",
    value: createHash("sha256").update(`value:${p}`).digest("base64url").slice(0, 40),
    issuedOn: typeof i.notBefore === "string" ? i.notBefore : "2026-11-29T00:00:00Z",
  }),
  // CloudWatch alarm ARNs end in `alarm:<name>` (CloudWatch User Guide, IAM resource types; checked 2026-11-29).
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": (p, i, s) => ({ arn: `arn:aws:cloudwatch:${s.region}:${s.accountId}:alarm:${typeof i.alarmName === "string" ? i.alarmName : p}` }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": (p, i, s) => ({ arn: `arn:aws:cloudwatch:${s.region}:${s.accountId}:alarm:${typeof i.name === "string" ? i.name : p}` }),
  // CloudWatch Logs names a group `log-group:<name>` in its ARN (the provider drops the API's trailing `:*`).
  "aws:cloudwatch/logGroup:LogGroup": (p, _i, s) => ({ arn: `arn:aws:logs:${s.region}:${s.accountId}:log-group:${p}` }),
  // The audit archive (components/audit-archive): Firehose stream ARNs are `deliverystream/<name>` under the firehose
  // service, with a version and the S3 destination's ID; log stream ARNs nest under their group (Firehose API
  // Reference, DescribeDeliveryStream; CloudWatch Logs API Reference, LogStream; checked 2026-11-29).
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": (p, i, s) => ({
    arn: `arn:aws:firehose:${s.region}:${s.accountId}:deliverystream/${typeof i.name === "string" ? i.name : p}`, versionId: "1", destinationId: "destinationId-000000000001",
  }),
  "aws:cloudwatch/logStream:LogStream": (p, i, s) => ({ arn: `arn:aws:logs:${s.region}:${s.accountId}:log-group:${String(i.logGroupName)}:log-stream:${typeof i.name === "string" ? i.name : p}` }),
  // Flow logs are EC2 resources `vpc-flow-log/fl-...`; AWS fills in the default record format when none is given.
  "aws:ec2/flowLog:FlowLog": (p, i, s) => {
    const id = `fl-${shortHash(p)}0000000000`;
    return {
      id, arn: `arn:aws:ec2:${s.region}:${s.accountId}:vpc-flow-log/${id}`,
      logDestinationType: typeof i.logDestinationType === "string" ? i.logDestinationType : "cloud-watch-logs",
      logFormat: typeof i.logFormat === "string" ? i.logFormat : DEFAULT_FLOW_LOG_FORMAT,
      maxAggregationInterval: typeof i.maxAggregationInterval === "number" ? i.maxAggregationInterval : 600,
    };
  },
  // ElastiCache RBAC users are `user:<user id>` under the elasticache service.
  "aws:elasticache/user:User": (p, _i, s) => ({ arn: `arn:aws:elasticache:${s.region}:${s.accountId}:user:${p}` }),
  // Amazon Keyspaces: resource ARNs carry `/keyspace/<name>/` and `/keyspace/<name>/table/<table>` (Keyspaces "How Amazon
  // Keyspaces works with IAM"); the provider's table ID is `<keyspace>/<table>`.
  "aws:keyspaces/keyspace:Keyspace": (p, _i, s) => ({ id: p, arn: `arn:aws:cassandra:${s.region}:${s.accountId}:/keyspace/${p}/` }),
  "aws:keyspaces/table:Table": (_p, i, s) => ({
    id: `${String(i.keyspaceName)}/${String(i.tableName)}`,
    arn: `arn:aws:cassandra:${s.region}:${s.accountId}:/keyspace/${String(i.keyspaceName)}/table/${String(i.tableName)}`,
  }),
  // DynamoDB tables are `table/<name>` (DynamoDB Developer Guide, "Identity-based policies", resource ARNs); the provider's ID is the name.
  "aws:dynamodb/table:Table": (p, _i, s) => ({ id: p, arn: `arn:aws:dynamodb:${s.region}:${s.accountId}:table/${p}` }),
  // Google Cloud (components/firestore): IDs and names as the provider reads them back (its import formats); a project's
  // number is 12 digits derived from its ID here. Firestore database `projects/<p>/databases/<id>`; KMS key rings
  // `projects/<p>/locations/<l>/keyRings/<r>` and keys `<ring>/cryptoKeys/<k>`; workload identity pools and providers are
  // named by project number; service accounts `<id>@<project>.iam.gserviceaccount.com`, the Firestore service agent
  // `service-<number>@gcp-sa-firestore.iam.gserviceaccount.com`.
  ...gcpComputed(),
  // Azure (components/azureblob): ARM resource IDs `/subscriptions/<sub>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>`,
  // the storage account's endpoints `https://<account>.<service>.core.windows.net/` (Azure Storage, "Storage account
  // overview", standard endpoints; checked 2026-11-29). The mocks cannot see the provider's subscription: a fixed one.
  ...azureComputed(),
  // Lambda functions are `function:<name>`.
  "aws:lambda/function:Function": (p, _i, s) => ({ arn: `arn:aws:lambda:${s.region}:${s.accountId}:function:${p}` }),
  // A Secrets Manager rotation template's stack outputs the function it created (named by its functionName).
  "aws:serverlessrepository/cloudFormationStack:CloudFormationStack": (_p, i, s) => {
    const parameters = (i.parameters ?? {}) as Record<string, unknown>;
    return { outputs: { RotationLambdaARN: `arn:aws:lambda:${s.region}:${s.accountId}:function:${String(parameters.functionName)}` } };
  },
  // The Altinity operator's ClickHouseInstallation / ClickHouseKeeperInstallation once reconciled: the status it writes
  // (status "Completed", the host counts, pod names `<chi|chk>-<name>-<cluster>-<shard>-<replica>-0`, their FQDNs and the
  // installation Service as `endpoint`; clickhouse-operator 0.25.6 CRD status fields and pkg/model/*/namer/patterns.go).
  ...Object.fromEntries((["clickhouse.altinity.com/v1:ClickHouseInstallation", "clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation"] as const).map((kind) => [
    `kubernetes:${kind}`,
    (p: string, i: Record<string, unknown>) => {
      const keeper = kind.includes("Keeper");
      const meta = (i.metadata ?? {}) as Record<string, unknown>;
      const name = typeof meta.name === "string" ? meta.name : p;
      const namespace = typeof meta.namespace === "string" ? meta.namespace : "default";
      const clusters = ((((i.spec ?? {}) as Record<string, unknown>).configuration ?? {}) as { clusters?: { name?: string; layout?: { shardsCount?: number; replicasCount?: number } }[] }).clusters ?? [];
      const hosts = clusters.flatMap((c) => Array.from({ length: c.layout?.shardsCount ?? 1 }, (_s, shard) => Array.from({ length: c.layout?.replicasCount ?? 1 }, (_r, replica) =>
        `${keeper ? "chk" : "chi"}-${name}-${c.name ?? "cluster"}-${shard}-${replica}`)).flat());
      return {
        status: {
          status: "Completed", clusters: clusters.length, hosts: hosts.length, hostsCompleted: hosts.length,
          pods: hosts.map((h) => `${h}-0`), fqdns: hosts.map((h) => `${h}.${namespace}.svc.cluster.local`),
          endpoint: `${keeper ? "keeper" : "clickhouse"}-${name}.${namespace}.svc.cluster.local`,
        },
      };
    },
  ])),
  // kube-arangodb's ArangoDeployment once the operator has reconciled it: the status it writes (phase Running, the
  // UpToDate condition its Ready column reads, the accepted spec, members by group with the operator's
  // `<deployment>-<role abbreviation>-<id>` pod names; kube-arangodb 1.4.4 deployment_status.go, server_group.go).
  "kubernetes:database.arangodb.com/v1:ArangoDeployment": (p, i) => {
    const spec = (i.spec ?? {}) as Record<string, unknown>;
    const meta = (i.metadata ?? {}) as Record<string, unknown>;
    const name = typeof meta.name === "string" ? meta.name : p;
    const groups = spec.mode === "Cluster" ? [["agents", "agnt"], ["dbservers", "prmr"], ["coordinators", "crdn"]] : [["single", "sngl"]];
    const members = Object.fromEntries(groups.map(([group, abbr]) => {
      const count = Number(((spec[group] ?? {}) as Record<string, unknown>).count ?? 1);
      return [group, Array.from({ length: count }, (_, n) => {
        const id = `${abbr.toUpperCase()}-${shortHash(`${name}-${group}-${n}`)}`;
        return { id, phase: "Created", podName: `${name}-${abbr}-${id.toLowerCase()}`, conditions: [{ type: "Ready", status: "True" }] };
      })];
    }));
    return {
      status: {
        phase: "Running", "accepted-spec": spec, members,
        conditions: [{ type: "Ready", status: "True" }, { type: "UpToDate", status: "True" }, { type: "BootstrapCompleted", status: "True" }],
        secret_hashes: { jwt: shortHash(`${name}-jwt`), "rocksdb-encryption-key": shortHash(`${name}-key`) },
      },
    };
  },
  // The Couchbase Autonomous Operator's CouchbaseCluster once reconciled: the status it writes (the Available and
  // Balanced conditions its status column reads, the size, the server version, the ready members named
  // `<cluster>-<4 digits>`, the buckets it manages; couchbase/couchbase-operator pkg/apis/couchbase/v2 ClusterStatus).
  "kubernetes:couchbase.com/v2:CouchbaseCluster": (p, i) => {
    const spec = (i.spec ?? {}) as { image?: string; servers?: { size?: number }[] };
    const meta = (i.metadata ?? {}) as Record<string, unknown>;
    const name = typeof meta.name === "string" ? meta.name : p;
    const size = (spec.servers ?? []).reduce((n, s) => n + (typeof s.size === "number" ? s.size : 0), 0);
    const version = /:(?:enterprise-)?(\d+\.\d+\.\d+)/.exec(spec.image ?? "")?.[1] ?? "unknown";
    return {
      status: {
        clusterId: createHash("sha256").update(name).digest("hex").slice(0, 32),
        size,
        currentVersion: version,
        members: { ready: Array.from({ length: size }, (_, n) => `${name}-${String(n).padStart(4, "0")}`) },
        conditions: [{ type: "Available", status: "True", reason: "Available" }, { type: "Balanced", status: "True", reason: "Balanced" }],
      },
    };
  },
};

/** Computed outputs of the Google Cloud types the Firestore adapter registers. */
function gcpComputed(): Record<string, StateFor> {
  const str = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);
  const projectNumber = (project: string) => String(parseInt(shortHash(project), 16)).padStart(12, "4").slice(0, 12);
  const projectOf = (i: Record<string, unknown>) => str(i.project, "mock-project");
  return {
    "gcp:firestore/database:Database": (p, i) => ({ id: `projects/${projectOf(i)}/databases/${p}`, name: p, uid: `${shortHash(p)}-uid`, etag: shortHash(`${p}-etag`) }),
    "gcp:kms/keyRing:KeyRing": (p, i) => ({ id: `projects/${projectOf(i)}/locations/${str(i.location, "global")}/keyRings/${p}` }),
    "gcp:kms/cryptoKey:CryptoKey": (p, i) => ({ id: `${str(i.keyRing, "projects/mock-project/locations/global/keyRings/mock")}/cryptoKeys/${p}` }),
    "gcp:projects/serviceIdentity:ServiceIdentity": (_p, i) => {
      const email = `service-${projectNumber(projectOf(i))}@gcp-sa-${str(i.service, "firestore.googleapis.com").split(".")[0]}.iam.gserviceaccount.com`;
      return { email, member: `serviceAccount:${email}` };
    },
    "gcp:serviceaccount/account:Account": (p, i) => {
      const email = `${str(i.accountId, p)}@${projectOf(i)}.iam.gserviceaccount.com`;
      return { email, member: `serviceAccount:${email}`, name: `projects/${projectOf(i)}/serviceAccounts/${email}`, uniqueId: String(parseInt(shortHash(email), 16)).padEnd(21, "0") };
    },
    "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": (p, i) => ({
      name: `projects/${projectNumber(projectOf(i))}/locations/global/workloadIdentityPools/${str(i.workloadIdentityPoolId, p)}`, state: "ACTIVE",
    }),
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": (p, i) => ({
      name: `projects/${projectNumber(projectOf(i))}/locations/global/workloadIdentityPools/${str(i.workloadIdentityPoolId, "pool")}/providers/${str(i.workloadIdentityPoolProviderId, p)}`, state: "ACTIVE",
    }),
    "gcp:monitoring/notificationChannel:NotificationChannel": (p, i) => ({ name: `projects/${projectOf(i)}/notificationChannels/${parseInt(shortHash(p), 16)}` }),
    "gcp:monitoring/alertPolicy:AlertPolicy": (p, i) => ({ name: `projects/${projectOf(i)}/alertPolicies/${parseInt(shortHash(p), 16)}` }),
  };
}

/** The subscription every mock Azure ID names (the provider's own is not visible to mocks). */
export const MOCK_AZURE_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

/** Computed outputs of the Azure types the Azure Blob adapter registers. */
function azureComputed(): Record<string, StateFor> {
  const str = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);
  const group = (i: Record<string, unknown>) => `/subscriptions/${MOCK_AZURE_SUBSCRIPTION}/resourceGroups/${str(i.resourceGroupName, "mock-group")}`;
  const accountId = (i: Record<string, unknown>) => `${group(i)}/providers/Microsoft.Storage/storageAccounts/${str(i.accountName, "mockaccount")}`;
  return {
    "azure-native:resources:ResourceGroup": (p, i) => ({ id: group({ resourceGroupName: str(i.resourceGroupName, p) }), name: str(i.resourceGroupName, p), provisioningState: "Succeeded" }),
    "azure-native:storage:StorageAccount": (p, i) => {
      const name = str(i.accountName, p);
      const endpoint = (service: string) => `https://${name}.${service}.core.windows.net/`;
      return {
        id: accountId({ ...i, accountName: name }), name, provisioningState: "Succeeded", primaryLocation: str(i.location, "westeurope"), statusOfPrimary: "available",
        primaryEndpoints: { blob: endpoint("blob"), dfs: endpoint("dfs"), file: endpoint("file"), queue: endpoint("queue"), table: endpoint("table"), web: `https://${name}.z6.web.core.windows.net/` },
      };
    },
    "azure-native:storage:BlobContainer": (p, i) => ({ id: `${accountId(i)}/blobServices/default/containers/${str(i.containerName, p)}`, name: str(i.containerName, p) }),
    "azure-native:monitor:ActionGroup": (p, i) => ({ id: `${group(i)}/providers/microsoft.insights/actionGroups/${str(i.actionGroupName, p)}`, name: str(i.actionGroupName, p) }),
    "azure-native:monitor:MetricAlert": (p, i) => ({ id: `${group(i)}/providers/Microsoft.Insights/metricAlerts/${str(i.ruleName, p)}`, name: str(i.ruleName, p), isMigrated: false }),
    "azure-native:authorization:ManagementLockByScope": (p, i) => ({ id: `${str(i.scope, group(i))}/providers/Microsoft.Authorization/locks/${str(i.lockName, p)}`, name: str(i.lockName, p) }),
  };
}

/** Provider calls (invokes) the program makes, with what the provider would return. */
const CALLS: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>> = {
  // Two 88-character base64 account keys with full permissions (Azure Storage "Manage account access keys"; checked 2026-11-29).
  "azure-native:storage:listStorageAccountKeys": (i) => ({
    keys: (["key1", "key2"] as const).map((keyName) => ({
      keyName, permissions: "FULL", creationTime: "2026-11-29T00:00:00Z",
      value: Buffer.concat([createHash("sha256").update(`${String(i.accountName)}:${keyName}`).digest(), createHash("sha256").update(`${keyName}:${String(i.accountName)}`).digest()]).toString("base64"),
    })),
  }),
};

/** Types the mocks compute state for (ARNs, endpoints, IDs after create). */
export const COMPUTED_STATE_TYPES: ReadonlySet<string> = new Set(Object.keys(COMPUTED));

const INPUTS_ONLY = "the program reads nothing of it back but its own inputs, which are its mock state";
const ARN_ONLY = "the program reads only its ARN, which every AWS mock gets (arnFor)";
const K8S_OBJECT = "a Kubernetes object: the program reads only the metadata it set itself";
const PROVIDER = "a provider is configuration: nothing is read back";

/**
 * Registered types that need no entry in COMPUTED, each with why. A type in neither list fails the guard test
 * (test/adapter-guards.test.ts): a new resource's computed outputs would otherwise resolve to nothing.
 */
export const NEEDS_NO_COMPUTED_STATE: Readonly<Record<string, string>> = Object.fromEntries(([
  [PROVIDER, ["pulumi:providers:aws", "pulumi:providers:kubernetes", "pulumi:providers:random"]],
  [PROVIDER, ["pulumi:providers:gcp"]],
  [INPUTS_ONLY, [
    "gcp:projects/service:Service", "gcp:firestore/backupSchedule:BackupSchedule", "gcp:firestore/field:Field", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    "gcp:projects/iAMMember:IAMMember", "gcp:serviceaccount/iAMMember:IAMMember", "gcp:monitoring/dashboard:Dashboard",
  ]],
  [PROVIDER, ["pulumi:providers:cloudflare"]],
  [INPUTS_ONLY, ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"]],
  [PROVIDER, ["pulumi:providers:azure-native"]],
  [INPUTS_ONLY, ["azure-native:storage:BlobServiceProperties", "azure-native:storage:ManagementPolicy"]],
  [ARN_ONLY, [
    "aws:iam/role:Role", "aws:secretsmanager/secret:Secret", "aws:sns/topic:Topic",
  ]],
  [INPUTS_ONLY, [
    "aws:kms/alias:Alias", "aws:sns/topicPolicy:TopicPolicy", "aws:sns/topicSubscription:TopicSubscription",
    "aws:cloudwatch/dashboard:Dashboard", "aws:cloudwatch/eventTarget:EventTarget",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/routeTable:RouteTable", "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:lambda/permission:Permission",
    "aws:secretsmanager/secretVersion:SecretVersion", "aws:secretsmanager/secretRotation:SecretRotation",
    "aws:elasticache/subnetGroup:SubnetGroup", "aws:elasticache/parameterGroup:ParameterGroup", "aws:elasticache/userGroup:UserGroup",
    "aws:rds/subnetGroup:SubnetGroup", "aws:rds/eventSubscription:EventSubscription",
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    "aws:docdb/subnetGroup:SubnetGroup", "aws:docdb/clusterParameterGroup:ClusterParameterGroup", "aws:docdb/eventSubscription:EventSubscription",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketMetric:BucketMetric",
    "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
  ]],
  [K8S_OBJECT, [
    "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:Service",
    "kubernetes:apps/v1:StatefulSet", "kubernetes:batch/v1:Job", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    "kubernetes:policy/v1:PodDisruptionBudget", "kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    "kubernetes:batch/v1:CronJob", "kubernetes:core/v1:ServiceAccount",
    "kubernetes:monitoring.coreos.com/v1:PodMonitor",
    // The Couchbase operator's other resources (components/couchbase): the program reads nothing back from them.
    "kubernetes:couchbase.com/v2:CouchbaseBucket", "kubernetes:couchbase.com/v2:CouchbaseUser", "kubernetes:couchbase.com/v2:CouchbaseGroup",
    "kubernetes:couchbase.com/v2:CouchbaseRoleBinding", "kubernetes:couchbase.com/v2:CouchbaseBackup",
    "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  ]],
] as const).flatMap(([why, types]) => types.map((type) => [type, why])));

function arnFor(type: string, physical: string, scope: MockScope): string | undefined {
  const match = /^aws:([a-zA-Z0-9]+)\//.exec(type);
  return match ? `arn:aws:${match[1].toLowerCase()}:${scope.region}:${scope.accountId}:${physical}` : undefined;
}

export interface MockCall {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly provider?: string;
  readonly custom: boolean;
}

/**
 * Mocks standing in for the engine and providers. `preview` mimics `pulumi preview`: providers return only
 * the inputs, so every computed value (ARN, endpoint, ID) stays unknown, exactly what a plan should show.
 */
export function createMocks(scope: MockScope, preview: boolean, record: (call: MockCall) => void): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      const inputs = args.inputs as Record<string, unknown>;
      record({ type: args.type, name: args.name, inputs, provider: args.provider, custom: args.custom ?? true });
      if (preview) return { id: undefined, state: { ...inputs } };
      const physical = physicalName(args.name, inputs);
      const computed = COMPUTED[args.type]?.(physical, inputs, scope) ?? {};
      const arn = arnFor(args.type, physical, scope);
      const id = typeof computed.id === "string" ? computed.id : physical;
      return { id, state: { ...(arn ? { arn } : {}), ...inputs, ...computed } };
    },
    call(args) {
      const known = CALLS[args.token];
      if (known) return known(args.inputs as Record<string, unknown>);
      throw new Error(`the program made an unexpected provider call ${args.token}; the offline runner mocks none`);
    },
  };
}
