import { describe, expect, it } from "vitest";
import { shortHash } from "../components/common";
import { keyPolicyDocument } from "../components/kms";
import { secretsManagerEndpointPolicy, subnetCidrs } from "../components/network";
import { childrenOf, json, ofType, one, STACKS, stackRun } from "./harness";

const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

describe.each(STACKS)("foundation of %s", (stack) => {
  const isProd = stack === "prod";
  const accountId = isProd ? "222222222222" : "111111111111";

  it("uses one explicit AWS provider, pinned to the stack's account, with the required tags", async () => {
    const run = await stackRun(stack);
    const provider = one(run, "pulumi:providers:aws", `sparki-${stack}-aws`); // prod has a second, the disaster-recovery Region's
    expect(provider.inputs.region).toBe("eu-west-1");
    expect(json<string[]>(provider.inputs.allowedAccountIds)).toEqual([accountId]);
    expect(json<{ tags: Record<string, string> }>(provider.inputs.defaultTags).tags).toEqual({
      Project: "sparki-storage", Environment: stack, ManagedBy: "pulumi",
      Owner: "platform-team", CostCentre: isProd ? "sparki-prod" : "sparki-dev",
    });
    const awsResources = run.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
    expect(awsResources.length).toBeGreaterThan(10);
    for (const r of awsResources) expect(r.provider, `${r.type} ${r.name}`).toMatch(/pulumi:providers:aws::sparki-[a-z]+(-dr)?-aws::/);
  });

  it("creates a rotating customer KMS key with a 30-day deletion window, protected only in prod", async () => {
    const run = await stackRun(stack);
    const key = one(run, "aws:kms/key:Key", `sparki-${stack}-storage-key`);
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30, keyUsage: "ENCRYPT_DECRYPT" });
    expect(key.options.protect).toBe(isProd);
    const policy = json<{ Statement: { Sid: string; Principal: { Service?: string | string[] } }[] }>(key.inputs.policy);
    const services = policy.Statement.flatMap((s) => [s.Principal.Service ?? []].flat());
    expect(services).toEqual(expect.arrayContaining(["cloudwatch.amazonaws.com", "logs.eu-west-1.amazonaws.com"]));
    expect(one(run, "aws:kms/alias:Alias", `sparki-${stack}-storage-alias`).inputs.name).toBe(`alias/sparki-${stack}-storage`);
  });

  it("creates warning and critical topics encrypted with that key, publishable only by this account's services", async () => {
    const run = await stackRun(stack);
    const keyArn = `arn:aws:kms:eu-west-1:${accountId}:key/`;
    const topics = ofType(run, "aws:sns/topic:Topic");
    expect(topics.map((t) => t.name).sort()).toEqual([`sparki-${stack}-alerts-critical`, `sparki-${stack}-alerts-warning`]);
    for (const t of topics) expect(String(t.inputs.kmsMasterKeyId)).toContain(keyArn);
    for (const p of ofType(run, "aws:sns/topicPolicy:TopicPolicy")) {
      const doc = json<{ Statement: { Sid: string; Effect: string; Condition?: unknown }[] }>(p.inputs.policy);
      const publish = doc.Statement.find((s) => s.Sid === "AccountServicesPublish");
      expect(publish?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": accountId } });
      expect(doc.Statement.some((s) => s.Effect === "Deny" && s.Sid === "DenyPlaintextTransport")).toBe(true);
    }
  });

  it("subscribes the configured endpoints to the right topic (webhooks: test/alert-topics.test.ts)", async () => {
    const run = await stackRun(stack);
    const subs = ofType(run, SUBSCRIPTION).map((s) => [
      String(s.inputs.topic).includes("critical") ? "critical" : "warning", s.inputs.protocol,
      s.inputs.endpoint,
    ]);
    expect(subs.sort()).toEqual(isProd
      ? [["critical", "email", "platform-oncall@sparki.example"],
        ["warning", "email", "platform-alerts@sparki.example"]]
      : [["warning", "email", "platform-alerts-dev@sparki.example"]]);
  });

  it("names subscriptions by a readable slug and a hash of the endpoint, never by a URL's path", async () => {
    const run = await stackRun(stack);
    const names = ofType(run, SUBSCRIPTION).map((s) => s.name).sort();
    expect(names).toEqual(isProd
      ? [`sparki-prod-alerts-critical-platform-oncall-sparki-example-${shortHash("platform-oncall@sparki.example")}`,
        `sparki-prod-alerts-warning-platform-alerts-sparki-example-${shortHash("platform-alerts@sparki.example")}`]
      : [`sparki-dev-alerts-warning-platform-alerts-dev-sparki-example-${shortHash("platform-alerts-dev@sparki.example")}`]);
  });

  it(`creates an isolated VPC with one private subnet in each of ${isProd ? 3 : 2} AZs and no internet gateway`, async () => {
    const run = await stackRun(stack);
    const network = one(run, "sparki:network:Network");
    const children = childrenOf(run, network);
    const subnets = children.filter((r) => r.type === "aws:ec2/subnet:Subnet");
    expect(subnets.map((s) => s.inputs.availabilityZone)).toEqual(
      isProd ? ["eu-west-1a", "eu-west-1b", "eu-west-1c"] : ["eu-west-1a", "eu-west-1b"]);
    for (const s of subnets) expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
    expect(new Set(subnets.map((s) => s.inputs.cidrBlock)).size).toBe(subnets.length);
    expect(run.resources.filter((r) => /internetGateway|natGateway|eip/i.test(r.type))).toEqual([]);
    expect(one(run, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").inputs.ingress).toBeUndefined();
    expect((run.outputs.network as { vpcId: string }).vpcId).toMatch(/^vpc-/);
  });

  it("reaches Secrets Manager from the isolated VPC through an interface endpoint with private DNS, HTTPS from the VPC only", async () => {
    const run = await stackRun(stack);
    const endpoint = one(run, "aws:ec2/vpcEndpoint:VpcEndpoint");
    const https = one(run, INGRESS, `sparki-${stack}-network-secretsmanager-endpoint-https`);
    const groupId = String(https.inputs.securityGroupId);
    expect(endpoint.parent).toEqual({ type: "sparki:network:Network", name: `sparki-${stack}-network` });
    expect(endpoint.inputs).toMatchObject({
      serviceName: "com.amazonaws.eu-west-1.secretsmanager", vpcEndpointType: "Interface", privateDnsEnabled: true,
      subnetIds: (run.outputs.network as { privateSubnetIds: string[] }).privateSubnetIds, securityGroupIds: [groupId],
      vpcId: (run.outputs.network as { vpcId: string }).vpcId,
    });
    expect(json(endpoint.inputs.policy)).toEqual(secretsManagerEndpointPolicy({ accountId, region: "eu-west-1" }));
    // The rotation function in the VPC goes through this endpoint: every call of the four-step protocol must pass
    // (Secrets Manager User Guide, "Lambda rotation function execution role permissions"), nothing like a delete.
    const allowed = json<{ Statement: { Action: string[]; Condition: unknown }[] }>(endpoint.inputs.policy).Statement[0];
    expect([...allowed.Action].sort()).toEqual(["secretsmanager:DescribeSecret", "secretsmanager:GetRandomPassword", "secretsmanager:GetSecretValue",
      "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"]);
    expect(allowed.Condition).toEqual({ StringEquals: { "aws:PrincipalAccount": accountId } });
    expect(ofType(run, INGRESS).filter((r) => r.inputs.securityGroupId === groupId).map((r) => r.inputs))
      .toEqual([expect.objectContaining({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: isProd ? "10.50.0.0/16" : "10.40.0.0/16" })]);
    expect(ofType(run, EGRESS).filter((r) => r.inputs.securityGroupId === groupId)).toEqual([]);
    expect((run.outputs.network as Record<string, unknown>).secretsManagerEndpointSecurityGroupId).toBe(groupId);
  });

  it("gives every child the component as parent", async () => {
    const run = await stackRun(stack);
    const roots = run.resources.filter((r) => !r.parent).map((r) => r.type);
    expect(roots.every((t) => t.startsWith("sparki:") || t.startsWith("pulumi:providers:"))).toBe(true);
  });
});

describe("building blocks", () => {
  it("splits a /16 into /20 subnets in order", () => {
    expect(subnetCidrs("10.40.0.0/16", 3)).toEqual(["10.40.0.0/20", "10.40.16.0/20", "10.40.32.0/20"]);
    expect(() => subnetCidrs("10.40.0.0/26", 2)).toThrow(/too small/);
  });

  it("scopes the KMS log-encryption grant to this account's log groups in this region", () => {
    const doc = keyPolicyDocument({ accountId: "123456789012", region: "us-gov-west-1" }) as { Statement: { Sid: string; Condition?: unknown; Principal: unknown }[] };
    const logs = doc.Statement.find((s) => s.Sid === "CloudWatchLogsEncryptsThisAccountsLogGroups");
    expect(logs?.Condition).toEqual({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:*" } });
    expect(doc.Statement[0].Principal).toEqual({ AWS: "arn:aws-us-gov:iam::123456789012:root" });
  });
});
