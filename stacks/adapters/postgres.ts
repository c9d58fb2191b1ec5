import { adapter } from "../../components/matrix";
import { Postgres } from "../../components/postgres";
import { postgresSettings } from "../config/postgres-rules";
import type { AdapterDeployment } from "../shared";

/**
 * PostgreSQL for the Fiber `storage/postgres` adapter. Outputs the proxy as the writer endpoint, the replicas'
 * own endpoints as readers (RDS Proxy read-only endpoints serve only Aurora), the pool role the application logs
 * in as with IAM tokens, the policy granting that, and the admin secret's ARN; never a password.
 */
export const deployPostgres: AdapterDeployment = ({ env, opts, baseName, key, topics, network, alarms }) => {
  const s = postgresSettings(env.project);
  if (!s.enabled) return undefined;
  const profile = env.profile;
  // The logical name and the physical identifier of the primary are one and the same string.
  const identifier = `${baseName}-postgres`;
  const db = new Postgres(identifier, {
    accountId: env.accountId,
    region: env.region,
    identifier,
    engineVersion: s.engineVersion,
    instanceClass: s.instanceClass,
    replicaInstanceClass: s.replicaInstanceClass,
    replicas: s.replicas,
    multiAz: profile.multiAz,
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
    deletionProtection: profile.deletionProtection,
    protect: profile.protectStatefulResources,
    retainAutomatedBackups: profile.postgres.retainAutomatedBackups,
    secretRecoveryWindowDays: profile.postgres.secretRecoveryWindowDays,
    applyImmediately: profile.postgres.applyImmediately,
    performanceInsightsRetentionDays: profile.postgres.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: profile.postgres.monitoringIntervalSeconds,
    logRetentionDays: profile.logRetentionDays,
    kmsKeyArn: key.arn,
    parameters: s.parameters,
    alarms,
    eventTopicArns: topics.arns,
  }, opts);

  return {
    outputKey: "postgres",
    outputs: {
      fiberPackages: adapter("postgres").fiberPackages,
      writerEndpoint: db.writerEndpoint,
      readerEndpoints: db.readerEndpoints,
      port: db.port,
      database: db.databaseName,
      // The pool role, authenticated with IAM tokens (no password): the application's role needs connectPolicyArn.
      username: db.poolUsername,
      iamAuthentication: true,
      region: env.region,
      connectPolicyArn: db.connectPolicyArn,
      adminSecretArn: db.adminSecretArn,
      tls: true,
      poolSize: db.plan.pool.poolSize,
      instanceIdentifiers: [identifier, ...db.plan.replicas.map((r) => r.identifier)],
    },
    dashboard: [db.dashboard],
  };
};
