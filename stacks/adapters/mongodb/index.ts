import type { Adapter } from "../contract";
import type { DocumentDbOutputs } from "./deploy";
import { MONGODB_PROFILES, type MongoDbProfile } from "./profiles";
import { MONGODB_RULES } from "./rules";
import { type MongoDbConfig, mongodbSchema } from "./schema";
import { type MongoDbSettings, mongodbSettings } from "./settings";

/** MongoDB on Amazon DocumentDB (components/documentdb) for the Fiber `storage/mongodb` adapter; opt-in. */
export const mongodbAdapter: Adapter<MongoDbConfig, MongoDbProfile, MongoDbSettings, DocumentDbOutputs> = {
  key: "mongodb",
  configKey: "mongodb",
  schema: mongodbSchema,
  profiles: MONGODB_PROFILES,
  settings: mongodbSettings,
  enabled: (s) => s.enabled,
  rules: MONGODB_RULES,
  loadDeploy: async () => (await import("./deploy")).deployMongoDb,
  resourceTypes: [
    // The data: a replaced cluster starts empty (a final snapshot exists only in prod).
    { type: "aws:docdb/cluster:Cluster", stateful: true },
    // Instances hold no data of their own (the cluster volume does); a replaced one is a brief failover.
    { type: "aws:docdb/clusterInstance:ClusterInstance", stateful: false },
    { type: "aws:docdb/clusterParameterGroup:ClusterParameterGroup", stateful: false },
    { type: "aws:docdb/subnetGroup:SubnetGroup", stateful: false },
    { type: "aws:docdb/eventSubscription:EventSubscription", stateful: false },
    { type: "aws:ec2/securityGroup:SecurityGroup", stateful: false },
    { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", stateful: false },
    { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", stateful: false },
    { type: "aws:cloudwatch/logGroup:LogGroup", stateful: false },
    // The credentials: a replaced secret or password loses the login the running cluster has.
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    { type: "aws:secretsmanager/secret:Secret", stateful: true },
    { type: "aws:secretsmanager/secretVersion:SecretVersion", stateful: false },
    { type: "aws:secretsmanager/secretRotation:SecretRotation", stateful: false },
    { type: "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
  ],
};
