import { adapter } from "../../components/matrix";
import { Postgres } from "../../components/postgres";
import { postgresSettings } from "../config/postgres-rules";
import type { AdapterDeployment } from "../shared";

/**
 * PostgreSQL for the Fiber `storage/postgres` adapter. Outputs the proxy as the writer endpoint, the replicas'
 * own endpoints as readers (RDS Proxy read-only endpoints serve only Aurora), and the ARN of the RDS-managed
 * admin secret; never the password.
 */
export const deployPostgres: AdapterDeployment = ({ env, opts, baseName, key, topics, network, alarms }) => {
  const s = postgresSettings(env.project);
  if (!s.enabled) return undefined;
  const profile = env.profile;
  const db = new Postgres(`${baseName}-postgres`, {
    accountId: env.accountId,
    region: env.region,
    identifier: `${baseName}-postgres`,
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
    allocatedStorageGiB: s.allocatedStorageGiB,
    maxAllocatedStorageGiB: s.maxAllocatedStorageGiB,
    databaseName: s.databaseName,
    adminUsername: s.adminUsername,
    backupRetentionDays: s.backupRetentionDays,
    deletionProtection: profile.deletionProtection,
    protect: profile.protectStatefulResources,
    retainAutomatedBackups: profile.postgres.retainAutomatedBackups,
    applyImmediately: profile.postgres.applyImmediately,
    performanceInsightsRetentionDays: profile.postgres.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: profile.postgres.monitoringIntervalSeconds,
    logRetentionDays: profile.logRetentionDays,
    kmsKeyArn: key.arn,
    parameters: s.parameters,
    alarms,
    eventTopicArn: topics.arns.critical,
  }, opts);

  return {
    outputKey: "postgres",
    outputs: {
      fiberPackages: adapter("postgres").fiberPackages,
      writerEndpoint: db.writerEndpoint,
      readerEndpoints: db.readerEndpoints,
      port: db.port,
      database: db.databaseName,
      username: db.adminUsername,
      secretArn: db.secretArn,
      tls: true,
      poolSize: db.plan.pool.poolSize,
      instanceIdentifiers: [`${baseName}-postgres`, ...db.plan.replicas.map((r) => r.identifier)],
    },
    dashboard: [db.dashboard],
  };
};
