import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { DashboardSection } from "../alerting";
import { templateRotation } from "../common/secret-rotation";
import { adapter as matrixRow } from "../matrix";
import { docDbAlarms } from "./alarms";
import { docDbProfilerLogRetentionDays, type DocumentDbClusterArgs, resolveDocumentDbArgs } from "./args";
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
/** The application's own user (readWrite on the database only); its rotation alternates it with `<name>_clone`. */
export const DOCDB_APPLICATION_USER = "sparki_app";

/**
 * The admin's one-time mongosh commands (as the master user, over TLS): the application's user and its alternate,
 * both in `admin` (DocumentDB authenticates every user there) with readWrite on the one database, which is enough
 * for the Fiber adapter's reads, writes and index creation. The alternate's first password is a placeholder nobody
 * holds: the first rotation sets it.
 */
export function docDbBootstrapCommands(databaseName: string): string {
  const user = (name: string, pwd: string) => `db.getSiblingDB("admin").createUser({ user: "${name}", pwd: "${pwd}", roles: [{ role: "readWrite", db: "${databaseName}" }] })`;
  return [user(DOCDB_APPLICATION_USER, "<password of the application secret>"), user(`${DOCDB_APPLICATION_USER}_clone`, "<any strong password>")].join("\n");
}

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
  /**
   * The application's user (`sparki_app`; not the master): created once by `bootstrapCommands`. Rotation alternates
   * it with `sparki_app_clone`, so read the user name from the secret too.
   */
  readonly username: string;
  /** The application's secret (engine, host, port, username, password, ssl, masterarn), rotated every `secretRotationDays` by alternating users. */
  readonly secretArn: pulumi.Output<string>;
  /** The master user's secret: the one-time bootstrap and break-glass only. */
  readonly masterSecretArn: pulumi.Output<string>;
  /** What the admin runs once, as the master user, before the application connects. */
  readonly bootstrapCommands: string;
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
  /** The adapter's ConnectionURI with `<username>` and `<password>` (from the secret, URI-safe) and the CA file path left to fill in. */
  readonly connectionUriTemplate: pulumi.Output<string>;
  readonly instanceIdentifiers: readonly string[];
  readonly securityGroupId: pulumi.Output<string>;
}

/**
 * An Amazon DocumentDB 5.0 cluster for the Fiber `storage/mongodb` adapter: instances spread over the zones, a
 * cluster parameter group that requires TLS 1.2+ and turns on audit logs and the profiler, both logs exported to
 * KMS-encrypted log groups created first (the audit log with the stack's retention, the profiler's, which holds
 * the slow operations' filters and so the Fiber keys, at most 14 days), storage on the stack key, generated master
 * and application passwords in KMS-encrypted secrets rotated by Secrets Manager's MongoDB functions inside the VPC
 * (the master by itself, the application's user by alternating users),
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
    // The profiler's entries carry the slow operations' filters, i.e. the Fiber adapter's keys (session IDs): its
    // group keeps them at most 14 days (docDbProfilerLogRetentionDays), the audit log the profile's retention.
    const logGroups = DOCDB_LOG_TYPES.map((logType) => new aws.cloudwatch.LogGroup(`${name}-${logType}`, {
      name: `/aws/docdb/${id}/${logType}`,
      retentionInDays: logType === "profiler" ? docDbProfilerLogRetentionDays(a.logRetentionDays) : a.logRetentionDays,
      kmsKeyId: a.kmsKeyArn,
    }, { parent: this }));

    const password = new random.RandomPassword(`${name}-master-password`, {
      length: PASSWORD_LENGTH, special: false, minLower: 1, minUpper: 1, minNumeric: 1,
    }, { parent: this, protect });
    // Named by the provider (a fixed name would collide with the deleted secret's recovery window on a re-deploy).
    const secret = new aws.secretsmanager.Secret(`${name}-master`, {
      description: `DocumentDB ${id}: master user ${a.masterUsername} (bootstrap and break-glass; rotated)`,
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
      // No autoMinorVersionUpgrade: the provider documents it as not applying to DocumentDB, which patches the engine
      // in the maintenance window whatever it says.
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

    // The application's user, rotated by alternating users with the master's secret as master: the Fiber adapter
    // reads its URI once, at start, and the login it read stays valid for a whole rotation period.
    const appPassword = new random.RandomPassword(`${name}-app-password`, {
      length: PASSWORD_LENGTH, special: false, minLower: 1, minUpper: 1, minNumeric: 1,
    }, { parent: this, protect });
    const appSecret = new aws.secretsmanager.Secret(`${name}-app`, {
      description: `DocumentDB ${id}: application user ${DOCDB_APPLICATION_USER} (the Fiber storage/mongodb adapter's login; alternating users, rotated)`,
      kmsKeyId: a.kmsKeyArn,
      recoveryWindowInDays: a.secretRecoveryWindowDays,
    }, { parent: this, protect });
    const appVersion = new aws.secretsmanager.SecretVersion(`${name}-app`, {
      secretId: appSecret.id,
      secretString: pulumi.secret(pulumi.jsonStringify({
        engine: "mongo", host: this.cluster.endpoint, port: a.port, username: DOCDB_APPLICATION_USER, password: appPassword.result,
        dbname: "admin", ssl: true, masterarn: secret.arn,
      })),
    }, { parent: this, dependsOn: [this.cluster], ignoreChanges: ["secretString"] });
    templateRotation(`${name}-app`, {
      template: "mongodbMultiUser", functionName: `${id}-app-rotation`, region: a.region,
      secretId: appSecret.arn, kmsKeyArn: a.kmsKeyArn, automaticallyAfterDays: a.secretRotationDays,
      vpc: { subnetIds: a.subnetIds, securityGroupId: groups.rotation.id },
      masterSecret: { arn: secret.arn, kmsKeyArn: a.kmsKeyArn },
      dependsOn: [appVersion, ...this.instances],
    }, this);

    const readSecret = new aws.iam.Policy(`${name}-read-secret`, {
      name: `${id}-read-secret`,
      description: `Read the DocumentDB ${id} credentials secret (Fiber storage/mongodb)`,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: appSecret.arn },
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
      username: DOCDB_APPLICATION_USER,
      secretArn: appSecret.arn,
      masterSecretArn: secret.arn,
      bootstrapCommands: docDbBootstrapCommands(a.databaseName),
      readSecretPolicyArn: readSecret.arn,
      tls: { required: true, mode: a.tls, caCertIdentifier: DOCDB_CA_CERT_IDENTIFIER, caBundleUrl: DOCDB_SOURCES.caBundle },
      replicaSet: DOCDB_REPLICA_SET,
      readPreference: "primary",
      retryWrites: false,
      connectionUriTemplate: pulumi.interpolate`mongodb://<username>:<password>@${this.cluster.endpoint}:${a.port}/${a.databaseName}?tls=true&tlsCAFile=<global-bundle.pem>&replicaSet=${DOCDB_REPLICA_SET}&readPreference=primary&retryWrites=false&authSource=admin`,
      instanceIdentifiers,
      securityGroupId: groups.cluster.id,
    };
    this.registerOutputs({ ...this.outputs });
  }
}
