import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow } from "../../../components/matrix";
import { RelationalDatabase } from "../../../components/rds";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { PostgresSettings } from "./settings";

/** Stack output `postgres`. */
export interface PostgresOutputs {
  readonly fiberPackages: readonly string[];
  /** The proxy: every write (and any read that must see it). */
  readonly writerEndpoint: pulumi.Output<string>;
  /** The replicas' own endpoints (RDS Proxy read-only endpoints serve only Aurora). */
  readonly readerEndpoints: pulumi.Output<string[]>;
  readonly port: number;
  readonly database: string;
  /** The pool role, authenticated with IAM tokens (no password): the application's role needs connectPolicyArn. */
  readonly username: string;
  readonly iamAuthentication: true;
  readonly region: string;
  readonly connectPolicyArn: pulumi.Output<string>;
  readonly adminSecretArn: pulumi.Output<string>;
  readonly tls: true;
  readonly poolSize: number;
  readonly instanceIdentifiers: readonly string[];
}

/**
 * PostgreSQL for the Fiber `storage/postgres` adapter. Outputs the proxy as the writer endpoint, the replicas'
 * own endpoints as readers (RDS Proxy read-only endpoints serve only Aurora), the pool role the application logs
 * in as with IAM tokens, the policy granting that, and the admin secret's ARN; never a password.
 */
export function deployPostgres(s: PostgresSettings, { env, opts, baseName, key, topics, network, alarms }: SharedBlocks): Deployed<PostgresOutputs> {
  const tier = env.profile;
  // The logical name and the physical identifier of the primary are one and the same string.
  const identifier = `${baseName}-postgres`;
  const db = new RelationalDatabase(identifier, {
    engine: "postgres",
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
      cidrBlocks: s.allowedCidrBlocks ?? (network.cidrBlock ? [network.cidrBlock] : []),
    },
    adminSecurityGroupIds: s.adminSecurityGroupIds,
    // An existing VPC without a named endpoint reaches Secrets Manager through its NAT or an endpoint we do not
    // know: HTTPS anywhere is the only rule that works for both (egress only, from the admin secret's rotation).
    secretsManager: network.secretsManagerEndpointSecurityGroupId
      ? { endpointSecurityGroupId: network.secretsManagerEndpointSecurityGroupId }
      : { cidrBlocks: ["0.0.0.0/0"] },
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
    parameters: s.parameters,
    alarms,
    eventTopicArns: topics.arns,
  }, opts);

  const { fiberPackages } = matrixRow("postgres");
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      writerEndpoint: db.writerEndpoint,
      readerEndpoints: db.readerEndpoints,
      port: db.port,
      database: db.databaseName,
      username: db.poolUsername,
      iamAuthentication: true,
      region: env.region,
      connectPolicyArn: db.connectPolicyArn,
      adminSecretArn: db.adminSecretArn,
      tls: true,
      poolSize: db.plan.pool?.poolSize ?? db.plan.maxConnections,
      instanceIdentifiers: [identifier, ...db.plan.replicas.map((r) => r.identifier)],
    },
    dashboard: [db.dashboard],
  };
}
