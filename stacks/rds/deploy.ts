import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow, type MatrixAdapterKey } from "../../components/matrix";
import { type DatabaseArgsBase, type MySqlDatabaseArgs, type PostgresDatabaseArgs, RelationalDatabase, type SqlServerDatabaseArgs } from "../../components/rds";
import { clientCidrs, secretsManagerRoute, type SharedBlocks } from "../shared";
import type { Deployed } from "../adapters/contract";
import type { RelationalSettings } from "./settings";

/** The engine and its own arguments: what the adapter adds to the shared arguments. */
export type EngineChoice =
  | Pick<PostgresDatabaseArgs, "engine" | "parameters">
  | Pick<MySqlDatabaseArgs, "engine" | "parameters">
  | Pick<SqlServerDatabaseArgs, "engine" | "parameters" | "edition">;

/** What every engine's stack output carries for its Fiber adapter; never a password. */
export interface RelationalOutputs {
  readonly fiberPackages: readonly string[];
  /** The proxy, or the primary where the engine has no proxy: every write (and any read that must see it). */
  readonly writerEndpoint: pulumi.Output<string>;
  /** The replicas' own endpoints (RDS Proxy read-only endpoints serve only Aurora). */
  readonly readerEndpoints: pulumi.Output<string[]>;
  readonly port: number;
  readonly database: string;
  /** The pool user: with IAM tokens when iamAuthentication, else with the password in passwordSecretArn. */
  readonly username: string;
  readonly iamAuthentication: boolean;
  readonly region: string;
  /** Attach to application roles: `rds-db:connect` as the pool user, or reading its password secret. */
  readonly connectPolicyArn: pulumi.Output<string>;
  readonly adminSecretArn: pulumi.Output<string>;
  readonly tls: true;
  readonly instanceIdentifiers: readonly string[];
}

/**
 * Registers the RDS component for one engine from the stack's settings and shared blocks: identifier
 * `<base>-<suffix>`, the tier's Multi-AZ, deletion protection, protect and log retention, the network's subnets
 * and clients (the created VPC's CIDR when none are named), the stack key, topics and alarms.
 */
export function deployRelational(suffix: string, choice: EngineChoice, s: RelationalSettings, shared: SharedBlocks): RelationalDatabase {
  const { env, opts, baseName, key, topics, network, alarms } = shared;
  const tier = env.profile;
  // The logical name and the physical identifier of the primary are one and the same string.
  const identifier = `${baseName}-${suffix}`;
  const common: DatabaseArgsBase = {
    accountId: env.accountId,
    region: env.region,
    identifier,
    engineVersion: s.engineVersion,
    instanceClass: s.instanceClass,
    replicaInstanceClass: s.replicaInstanceClass,
    replicas: s.replicas,
    multiAz: tier.multiAz,
    availabilityZones: network.availabilityZones,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    clients: {
      securityGroupIds: s.allowedSecurityGroupIds,
      cidrBlocks: clientCidrs(network, s.allowedCidrBlocks),
    },
    adminSecurityGroupIds: s.adminSecurityGroupIds,
    secretsManager: secretsManagerRoute(network),
    allocatedStorageGiB: s.allocatedStorageGiB,
    maxAllocatedStorageGiB: s.maxAllocatedStorageGiB,
    databaseName: s.databaseName,
    adminUsername: s.adminUsername,
    backupRetentionDays: s.backupRetentionDays,
    deletionProtection: tier.deletionProtection,
    protect: tier.protectStatefulResources,
    retainAutomatedBackups: s.retainAutomatedBackups,
    secretRecoveryWindowDays: s.secretRecoveryWindowDays,
    applyImmediately: s.applyImmediately,
    performanceInsightsRetentionDays: s.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: s.monitoringIntervalSeconds,
    logRetentionDays: tier.logRetentionDays,
    kmsKeyArn: key.arn,
    alarms,
    eventTopicArns: topics.arns,
  };
  return new RelationalDatabase(identifier, { ...common, ...choice }, opts);
}

/** The outputs every engine shares, from the registered component. */
export function relationalOutputs(matrixKey: MatrixAdapterKey, db: RelationalDatabase, region: string): RelationalOutputs {
  const { fiberPackages } = matrixRow(matrixKey);
  return {
    fiberPackages,
    writerEndpoint: db.writerEndpoint,
    readerEndpoints: db.readerEndpoints,
    port: db.port,
    database: db.databaseName,
    username: db.poolUsername,
    iamAuthentication: db.engine.iamDatabaseAuthentication,
    region,
    connectPolicyArn: db.connectPolicyArn,
    adminSecretArn: db.adminSecretArn,
    tls: true,
    instanceIdentifiers: [db.identifier, ...db.plan.replicas.map((r) => r.identifier)],
  };
}

/** A deployment's result: its outputs and its dashboard row. */
export function deployed<O>(matrixKey: MatrixAdapterKey, outputs: O, db: RelationalDatabase): Deployed<O> {
  return {
    fiberPackages: matrixRow(matrixKey).fiberPackages, outputs, dashboard: [db.dashboard],
    recovery: { databases: [{ identifier: db.identifier, engine: db.plan.rdsEngine, arn: db.primary.arn, backupRetentionDays: db.backupRetentionDays, resource: db.primary }] },
  };
}
