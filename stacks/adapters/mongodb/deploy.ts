import { DocumentDbCluster, type DocumentDbOutputs } from "../../../components/documentdb";
import { clientCidrs, secretsManagerRoute, type SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { MongoDbSettings } from "./settings";

export type { DocumentDbOutputs } from "../../../components/documentdb";

/**
 * Amazon DocumentDB for the Fiber `storage/mongodb` adapter. Stack output `mongodb`: endpoints, port, database and
 * collection, TLS/CA facts, replica set, read preference, the application user's secret (alternating users) and the
 * policy that reads it, the master's secret and the one-time commands that create the application's users.
 */
export function deployMongoDb(s: MongoDbSettings, { env, opts, baseName, key, topics, network, alarms }: SharedBlocks): Deployed<DocumentDbOutputs> {
  const tier = env.profile;
  const cluster = new DocumentDbCluster(`${baseName}-mongodb`, {
    region: env.region,
    clusterIdentifier: `${baseName}-mongodb`,
    engineVersion: s.engineVersion,
    instanceClass: s.instanceClass,
    instances: s.instances,
    availabilityZones: network.availabilityZones,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    clients: {
      securityGroupIds: s.allowedSecurityGroupIds,
      cidrBlocks: clientCidrs(network, s.allowedCidrBlocks),
    },
    secretsManager: secretsManagerRoute(network),
    kmsKeyArn: key.arn,
    masterUsername: s.masterUsername,
    tls: s.tls,
    auditLogs: s.auditLogs,
    profilerThresholdMs: s.profilerThresholdMs,
    backupRetentionDays: s.backupRetentionDays,
    backupWindow: s.backupWindow,
    maintenanceWindow: s.maintenanceWindow,
    deletionProtection: tier.deletionProtection,
    finalSnapshot: s.finalSnapshot,
    applyImmediately: s.applyImmediately,
    logRetentionDays: tier.logRetentionDays,
    secretRecoveryWindowDays: s.secretRecoveryWindowDays,
    databaseName: s.databaseName,
    collectionName: s.collectionName,
    eventTopicArns: topics.arns,
    alarms,
    protect: tier.protectStatefulResources,
  }, opts);
  return { fiberPackages: cluster.outputs.fiberPackages, outputs: cluster.outputs, dashboard: [cluster.dashboard] };
}
