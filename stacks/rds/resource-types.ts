import type { EngineProfile } from "../../components/rds";
import type { ResourceTypeInfo } from "../adapters/contract";

/** The types an RDS adapter registers: with RDS Proxy where the engine has one, with an option group where it needs one. */
export function rdsResourceTypes(engine: Pick<EngineProfile<unknown>, "pooling" | "optionGroup">): readonly ResourceTypeInfo[] {
  const proxy = engine.pooling.kind === "proxy";
  return [
    { type: "aws:rds/instance:Instance", stateful: true },
    { type: "aws:rds/subnetGroup:SubnetGroup", stateful: false },
    { type: "aws:rds/parameterGroup:ParameterGroup", stateful: false },
    ...(engine.optionGroup === undefined ? [] : [{ type: "aws:rds/optionGroup:OptionGroup", stateful: false }]),
    ...(proxy
      ? [
        { type: "aws:rds/proxy:Proxy", stateful: false },
        { type: "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", stateful: false },
        { type: "aws:rds/proxyTarget:ProxyTarget", stateful: false },
      ]
      : []),
    { type: "aws:rds/eventSubscription:EventSubscription", stateful: false },
    // The generated passwords and the secrets holding them (rotated): replaced, nobody can log in with them.
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    { type: "aws:secretsmanager/secret:Secret", stateful: true },
    { type: "aws:secretsmanager/secretVersion:SecretVersion", stateful: false },
    { type: "aws:secretsmanager/secretRotation:SecretRotation", stateful: false },
    { type: "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    ...(proxy ? [{ type: "aws:iam/rolePolicy:RolePolicy", stateful: false }] : []),
    { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", stateful: false },
    { type: "aws:ec2/securityGroup:SecurityGroup", stateful: false },
    { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", stateful: false },
    { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", stateful: false },
    { type: "aws:cloudwatch/logGroup:LogGroup", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
  ];
}
