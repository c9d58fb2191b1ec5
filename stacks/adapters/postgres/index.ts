import type { Adapter } from "../contract";
import type { PostgresOutputs } from "./deploy";
import { POSTGRES_PROFILES, type PostgresProfile } from "./profiles";
import { POSTGRES_RULES } from "./rules";
import { type PostgresConfig, postgresSchema } from "./schema";
import { type PostgresSettings, postgresSettings } from "./settings";

/** PostgreSQL on RDS behind RDS Proxy (components/rds) for the Fiber `storage/postgres` adapter. */
export const postgresAdapter: Adapter<PostgresConfig, PostgresProfile, PostgresSettings, PostgresOutputs> = {
  key: "postgres",
  configKey: "postgres",
  schema: postgresSchema,
  profiles: POSTGRES_PROFILES,
  settings: postgresSettings,
  enabled: (s) => s.enabled,
  rules: POSTGRES_RULES,
  loadDeploy: async () => (await import("./deploy")).deployPostgres,
  resourceTypes: [
    { type: "aws:rds/instance:Instance", stateful: true },
    { type: "aws:rds/subnetGroup:SubnetGroup", stateful: false },
    { type: "aws:rds/parameterGroup:ParameterGroup", stateful: false },
    { type: "aws:rds/proxy:Proxy", stateful: false },
    { type: "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", stateful: false },
    { type: "aws:rds/proxyTarget:ProxyTarget", stateful: false },
    { type: "aws:rds/eventSubscription:EventSubscription", stateful: false },
    // The admin's generated password and the secret holding it (rotated): replaced, nobody can log in as admin.
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    { type: "aws:secretsmanager/secret:Secret", stateful: true },
    { type: "aws:secretsmanager/secretVersion:SecretVersion", stateful: false },
    { type: "aws:secretsmanager/secretRotation:SecretRotation", stateful: false },
    { type: "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", stateful: false },
    { type: "aws:ec2/securityGroup:SecurityGroup", stateful: false },
    { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", stateful: false },
    { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", stateful: false },
    { type: "aws:cloudwatch/logGroup:LogGroup", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
  ],
};
