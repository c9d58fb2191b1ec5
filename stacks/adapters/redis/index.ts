import type { Adapter } from "../contract";
import type { RedisOutputs } from "./deploy";
import { REDIS_PROFILES, type RedisProfile } from "./profiles";
import { REDIS_RULES } from "./rules";
import { type RedisConfig, redisSchema } from "./schema";
import { type RedisSettings, redisSettings } from "./settings";

/** Valkey/Redis on ElastiCache (components/redis) for the Fiber `storage/redis` and `storage/valkey` adapters. */
export const redisAdapter: Adapter<RedisConfig, RedisProfile, RedisSettings, RedisOutputs> = {
  key: "redis",
  configKey: "redis",
  schema: redisSchema,
  profiles: REDIS_PROFILES,
  settings: redisSettings,
  enabled: (s) => s.enabled,
  rules: REDIS_RULES,
  loadDeploy: async () => (await import("./deploy")).deployRedis,
  resourceTypes: [
    { type: "aws:elasticache/replicationGroup:ReplicationGroup", stateful: true },
    { type: "aws:elasticache/subnetGroup:SubnetGroup", stateful: false },
    { type: "aws:elasticache/parameterGroup:ParameterGroup", stateful: false },
    { type: "aws:elasticache/user:User", stateful: false },
    { type: "aws:elasticache/userGroup:UserGroup", stateful: false },
    // The application user's generated password and the secret holding it: replaced, every client loses access.
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    { type: "random:index/randomId:RandomId", stateful: false },
    { type: "aws:secretsmanager/secret:Secret", stateful: true },
    { type: "aws:secretsmanager/secretVersion:SecretVersion", stateful: false },
    { type: "aws:secretsmanager/secretRotation:SecretRotation", stateful: false },
    { type: "aws:lambda/function:Function", stateful: false },
    { type: "aws:lambda/permission:Permission", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", stateful: false },
    { type: "aws:ec2/securityGroup:SecurityGroup", stateful: false },
    { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", stateful: false },
    { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", stateful: false },
    { type: "aws:cloudwatch/logGroup:LogGroup", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
    { type: "aws:cloudwatch/eventRule:EventRule", stateful: false },
    { type: "aws:cloudwatch/eventTarget:EventTarget", stateful: false },
  ],
};
