import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { DashboardSection } from "../alerting";
import { templateRotation } from "../common/secret-rotation";
import { adapter as matrixRow } from "../matrix";
import { docDbAlarms } from "./alarms";
import { type DocumentDbClusterArgs, resolveDocumentDbArgs } from "./args";
import { clusterParameters, DOCDB_ENGINE_VERSIONS, DOCDB_LOG_TYPES, DOCDB_SOURCES, type DocDbEngineVersion, type TlsMode } from "./engine";
import { docDbInstanceClass } from "./instance-classes";
import { docDbSecurityGroups } from "./security-groups";

export * from "./args";
export * from "./engine";
export * from "./instance-classes";
export { docDbLatencyThreshold } from "./alarms";

/** Length of the generated master password: letters and digits only (DocumentDB refuses `/`, `"`, `@`; URIs need no escaping). */
const PASSWORD_LENGTH = 40;
/** The CA DocumentDB instances present (rds-ca-rsa2048-g1); clients trust it through the global RDS bundle. */
export const DOCDB_CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1";
/** DocumentDB runs every instance-based cluster as replica set `rs0` (Connecting to Amazon DocumentDB as a replica set). */
export const DOCDB_REPLICA_SET = "rs0";

/**
 * What the Fiber `storage/mongodb` adapter needs to connect, never a secret value. The adapter takes a
 * ConnectionURI (or Host/Port/Username/Password), Database and Collection, and creates its own indexes (unique
 * `key`, TTL on `exp`); everything else must be in the URI: TLS with the RDS CA bundle, `replicaSet=rs0`,
 * `retryWrites=false` (DocumentDB does not support retryable writes) and the read preference.
 */
export interface DocumentDbOutputs {
  readonly fiberPackages: readonly string[];
  readonly clusterIdentifier: string;
  /** Cluster (writer) endpoint host: follows failover. */
  readonly endpoint: pulumi.Output<string>;
  /** Reader endpoint host: spreads connections over the replicas (the writer when there are none). */
  readonly readerEndpoint: pulumi.Output<string>;
  readonly port: number;
  /** The adapter's `Database`. */
  readonly database: string;
  /** The adapter's `Collection`. */
  readonly collection: string;
  /** Master user the application connects as; its password is only in the secret. */
  readonly username: string;
  /** Secrets Manager secret (engine, host, port, username, password, ssl), rotated every `secretRotationDays`. */
  readonly secretArn: pulumi.Output<string>;
  /** Attach to the application's role: reads that secret (and decrypts it with the stack key), nothing else. */
  readonly readSecretPolicyArn: pulumi.Output<string>;
  /** TLS is required by the cluster (`tls` parameter); the client must trust `caBundleUrl`. */
  readonly tls: { readonly required: true; readonly mode: TlsMode; readonly caCertIdentifier: string; readonly caBundleUrl: string };
  readonly replicaSet: string;
  /**
   * `primary`: the Fiber adapter reads a key right after writing it (sessions, rate limits), and replicas lag; reads
   * from secondaries would return stale values. Use the reader endpoint only for analytics-style reads.
   */
  readonly readPreference: "primary";
  /** DocumentDB does not support retryable writes: the URI must say `retryWrites=false`. */
  readonly retryWrites: false;
  /** The adapter's ConnectionURI with `<password>` (from the secret, URI-safe) and the CA file path left to fill in. */
  readonly connectionUriTemplate: pulumi.Output<string>;
  readonly instanceIdentifiers: readonly string[];
  readonly securityGroupId: pulumi.Output<string>;
}

/**
 * An Amazon DocumentDB 5.0 cluster for the Fiber `storage/mongodb` adapter: instances spread over the zones, a
 * cluster parameter group that requires TLS 1.2+ and turns on audit logs and the profiler, both logs exported to
 * KMS-encrypted log groups created first (with the stack's retention), storage on the stack key, a generated master
 * password in a KMS-encrypted secret rotated by Secrets Manager's MongoDB single-user function inside the VPC,
 * deletion protection and a final snapshot, its own subnet and security groups, event subscriptions and alarms.
 */
export class DocumentDbCluster extends pulumi.ComponentResource {
  readonly cluster: aws.docdb.Cluster;
  readonly instances: readonly aws.docdb.ClusterInstance[];
  readonly outputs: DocumentDbOutputs;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: DocumentDbClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveDocumentDbArgs(name, args);
    // Args carry the KMS key and topics only; still nothing secret, but keep the convention of empty inputs.
    super("sparki:documentdb:DocumentDbCluster", name, {}, opts);
    const id = a.clusterIdentifier;
    const family = DOCDB_ENGINE_VERSIONS[a.engineVersion as DocDbEngineVersion];
    const instanceClass = docDbInstanceClass(a.instanceClass);
    const protect = a.protect;

    const groups = docDbSecurityGroups(name, { clusterIdentifier: id, vpcId: a.vpcId, port: a.port, clients: a.clients, secretsManager: a.secretsManager }, this);
    const subnetGroup = new aws.docdb.SubnetGroup(`${name}-subnets`, { name: id, description: `Private subnets of DocumentDB ${id}`, subnetIds: a.subnetIds }, { parent: this });
    const parameterGroup = new aws.docdb.ClusterParameterGroup(`${name}-params`, {
      name: `${id}-${family.replace(".", "-")}`,
      family,
      description: `${id}: TLS ${a.tls}, audit logs ${a.auditLogs}, profiler over ${a.profilerThresholdMs} ms`,
      parameters: clusterParameters(a),
    }, { parent: this });
    // DocumentDB creates /aws/docdb/<cluster>/<type> itself on first export, without retention or key: create them first.
    const logGroups = DOCDB_LOG_TYPES.map((logType) => new aws.cloudwatch.LogGroup(`${name}-${logType}`, {
      name: `/aws/docdb/${id}/${logType}`, retentionInDays: a.logRetentionDays, kmsKeyId: a.kmsKeyArn,
    }, { parent: this }));

    const password = new random.RandomPassword(`${name}-master-password`, {
      length: PASSWORD_LENGTH, special: false, minLower: 1, minUpper: 1, minNumeric: 1,
    }, { parent: this, protect });
    // Named by the provider (a fixed name would collide with the deleted secret's recovery window on a re-deploy).
    const secret = new aws.secretsmanager.Secret(`${name}-master`, {
      description: `DocumentDB ${id}: master user ${a.masterUsername} (the Fiber storage/mongodb adapter's login; rotated)`,
      kmsKeyId: a.kmsKeyArn,
      recoveryWindowInDays: a.secretRecoveryWindowDays,
    }, { parent: this, protect });

    this.cluster = new aws.docdb.Cluster(name, {
      clusterIdentifier: id,
      engine: "docdb",
      engineVersion: a.engineVersion,
      port: a.port,
      masterUsername: a.masterUsername,
      masterPassword: pulumi.secret(password.result),
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [groups.cluster.id],
      dbClusterParameterGroupName: parameterGroup.name,
      storageEncrypted: true,
      kmsKeyId: a.kmsKeyArn,
      enabledCloudwatchLogsExports: [...DOCDB_LOG_TYPES],
      backupRetentionPeriod: a.backupRetentionDays,
      preferredBackupWindow: a.backupWindow,
      preferredMaintenanceWindow: a.maintenanceWindow,
      deletionProtection: a.deletionProtection,
      skipFinalSnapshot: !a.finalSnapshot,
      ...(a.finalSnapshot ? { finalSnapshotIdentifier: `${id}-final` } : {}),
      applyImmediately: a.applyImmediately,
    }, {
      parent: this, protect, dependsOn: logGroups,
      // Rotation owns the password after the first value: Pulumi must never set the initial one back.
      ignoreChanges: ["masterPassword"],
    });

    const zones = a.availabilityZones;
    this.instances = Array.from({ length: a.instances }, (_, i) => new aws.docdb.ClusterInstance(`${name}-${i + 1}`, {
      identifier: `${id}-${i + 1}`,
      clusterIdentifier: this.cluster.id,
      engine: "docdb",
      instanceClass: a.instanceClass,
      availabilityZone: zones[i % zones.length],
      // The first instance is created first and becomes the writer; failover prefers tier 0, then the rest.
      promotionTier: i === 0 ? 0 : 1,
      caCertIdentifier: DOCDB_CA_CERT_IDENTIFIER,
      autoMinorVersionUpgrade: true,
      preferredMaintenanceWindow: a.maintenanceWindow,
      applyImmediately: a.applyImmediately,
    }, { parent: this, protect }));

    const version = new aws.secretsmanager.SecretVersion(`${name}-master`, {
      secretId: secret.id,
      secretString: pulumi.secret(pulumi.jsonStringify({
        engine: "mongo", host: this.cluster.endpoint, port: a.port, username: a.masterUsername, password: password.result, ssl: true,
      })),
    }, { parent: this, dependsOn: [this.cluster], ignoreChanges: ["secretString"] });
    templateRotation(`${name}-master`, {
      template: "mongodbSingleUser", functionName: `${id}-rotation`, region: a.region,
      secretId: secret.arn, kmsKeyArn: a.kmsKeyArn, automaticallyAfterDays: a.secretRotationDays,
      vpc: { subnetIds: a.subnetIds, securityGroupId: groups.rotation.id },
      dependsOn: [version, ...this.instances],
    }, this);

    const readSecret = new aws.iam.Policy(`${name}-read-secret`, {
      name: `${id}-read-secret`,
      description: `Read the DocumentDB ${id} credentials secret (Fiber storage/mongodb)`,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secret.arn },
          {
            Sid: "DecryptSecret", Effect: "Allow", Action: "kms:Decrypt", Resource: a.kmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${a.region}.amazonaws.com` } },
          },
        ],
      }),
    }, { parent: this });

    if (a.eventTopicArns) {
      // All categories of the cluster and its instances to the warning topic: DocumentDB's category names were not
      // re-read, and an unknown one fails the create; paging comes from the alarms.
      for (const [sourceType, sourceIds] of [["db-cluster", [id]], ["db-instance", this.instances.map((_, i) => `${id}-${i + 1}`)]] as const) {
        new aws.docdb.EventSubscription(`${name}-${sourceType}-events`, {
          name: `${id}-${sourceType}-events`, snsTopicArn: a.eventTopicArns.warning, sourceType, sourceIds: [...sourceIds], enabled: true,
        }, { parent: this, dependsOn: [this.cluster, ...this.instances] });
      }
    }

    const instanceIdentifiers = this.instances.map((_, i) => `${id}-${i + 1}`);
    this.dashboard = docDbAlarms({
      context: a.alarms, title: `DocumentDB ${id} (${a.engineVersion}, ${a.instanceClass} x${a.instances})`,
      instances: this.instances.map((resource, i) => ({ identifier: instanceIdentifiers[i], subject: `mongodb-${i + 1}`, resource })),
      memoryGiB: instanceClass.memoryGiB, maxConnections: instanceClass.maxConnections,
    }, this);

    this.outputs = {
      fiberPackages: matrixRow("mongodb").fiberPackages,
      clusterIdentifier: id,
      endpoint: this.cluster.endpoint,
      readerEndpoint: this.cluster.readerEndpoint,
      port: a.port,
      database: a.databaseName,
      collection: a.collectionName,
      username: a.masterUsername,
      secretArn: secret.arn,
      readSecretPolicyArn: readSecret.arn,
      tls: { required: true, mode: a.tls, caCertIdentifier: DOCDB_CA_CERT_IDENTIFIER, caBundleUrl: DOCDB_SOURCES.caBundle },
      replicaSet: DOCDB_REPLICA_SET,
      readPreference: "primary",
      retryWrites: false,
      connectionUriTemplate: pulumi.interpolate`mongodb://${a.masterUsername}:<password>@${this.cluster.endpoint}:${a.port}/${a.databaseName}?tls=true&tlsCAFile=<global-bundle.pem>&replicaSet=${DOCDB_REPLICA_SET}&readPreference=primary&retryWrites=false&authSource=admin`,
      instanceIdentifiers,
      securityGroupId: groups.cluster.id,
    };
    this.registerOutputs({ ...this.outputs });
  }
}
