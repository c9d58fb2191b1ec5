import { describe, expect, it } from "vitest";
import { PROFILES } from "../stacks/profiles";
import { json, ofType, one, type ProgramRun, type RegisteredResource, STACKS, stackRun } from "./harness";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: { Service?: string | string[]; AWS?: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

const dependsOnResource = (r: RegisteredResource, on: RegisteredResource) => r.dependencies.some((d) => d.type === on.type && d.name === on.name);

/** Whether an IAM `ArnLike` pattern (`*` any run, `?` one character) matches an ARN. */
function arnLike(pattern: string, arn: string): boolean {
  const regex = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&"))).join("");
  return new RegExp(`^${regex}$`).test(arn);
}

describe.each(STACKS)("VPC flow logs of the %s stack's created VPC", (stack) => {
  const accountId = stack === "prod" ? "222222222222" : "111111111111";
  const network = `sparki-${stack}-network`;
  const groupName = `/aws/vpc-flow-logs/${network}`;
  const groupArn = `arn:aws:logs:eu-west-1:${accountId}:log-group:${groupName}`;
  const flowLogOf = (run: ProgramRun) => one(run, FLOW_LOG);
  const roleOf = (run: ProgramRun) => one(run, ROLE, `${network}-flow-logs`);

  it(`keeps them ${stack === "prod" ? 365 : 7} days (the profile's log retention) in a group encrypted with the stack's key`, async () => {
    const run = await stackRun(stack);
    const group = one(run, LOG_GROUP, `${network}-flow-logs`);
    expect(group.parent).toEqual({ type: "sparki:network:Network", name: network });
    expect(group.inputs).toEqual({ name: groupName, retentionInDays: stack === "prod" ? 365 : 7, kmsKeyId: run.outputs.kmsKeyArn });
    expect(group.inputs.retentionInDays).toBe(PROFILES[stack].logRetentionDays);
    expect(String(run.outputs.kmsKeyArn)).toMatch(new RegExp(`^arn:aws:kms:eu-west-1:${accountId}:key/`));
  });

  it("uses a key whose policy lets CloudWatch Logs encrypt exactly this group's ARN", async () => {
    const run = await stackRun(stack);
    const keyPolicy = json<{ Statement: Statement[] }>(one(run, "aws:kms/key:Key", `sparki-${stack}-storage-key`).inputs.policy);
    const logs = keyPolicy.Statement.filter((s) => s.Principal?.Service === "logs.eu-west-1.amazonaws.com");
    expect(logs).toHaveLength(1);
    expect(logs[0].Action).toEqual(expect.arrayContaining(["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"]));
    const pattern = logs[0].Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"];
    expect(pattern).toBeDefined();
    expect(flowLogOf(run).inputs.logDestination).toBe(groupArn);
    expect(arnLike(pattern!, groupArn)).toBe(true);
    // The condition really restricts: another account's group does not match.
    expect(arnLike(pattern!, groupArn.replace(accountId, "999999999999"))).toBe(false);
  });

  it("lets only the flow logs service assume the delivery role, for this account's flow logs in this region", async () => {
    const run = await stackRun(stack);
    const role = roleOf(run);
    expect(json<{ Statement: Statement[] }>(role.inputs.assumeRolePolicy).Statement).toEqual([{
      Effect: "Allow",
      Principal: { Service: "vpc-flow-logs.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:aws:ec2:eu-west-1:${accountId}:vpc-flow-log/*` },
      },
    }]);
  });

  it("gives the role one inline policy: create streams in, describe and write to that one group, nothing else", async () => {
    const run = await stackRun(stack);
    const role = roleOf(run);
    const policies = ofType(run, ROLE_POLICY).filter((p) => dependsOnResource(p, role));
    expect(policies.map((p) => p.name)).toEqual([`${network}-flow-logs`]);
    expect(ofType(run, ATTACHMENT).filter((a) => dependsOnResource(a, role))).toEqual([]);
    expect(json<{ Statement: Statement[] }>(policies[0].inputs.policy).Statement).toEqual([{
      Sid: "PublishToTheFlowLogGroup",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: `${groupArn}:*`,
    }]);
  });

  it("records all traffic of the VPC into that group through that role, after the role may write", async () => {
    const run = await stackRun(stack);
    const flowLog = flowLogOf(run);
    const vpcId = (run.outputs.network as { vpcId: string }).vpcId;
    expect(vpcId).toMatch(/^vpc-/);
    expect(flowLog.parent).toEqual({ type: "sparki:network:Network", name: network });
    expect(flowLog.inputs).toMatchObject({
      vpcId, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: groupArn, maxAggregationInterval: 600,
    });
    expect(flowLog.inputs.subnetId).toBeUndefined();
    expect(dependsOnResource(flowLog, roleOf(run))).toBe(true);
    expect(flowLog.options.dependsOn).toEqual([{ type: ROLE_POLICY, name: `${network}-flow-logs` }]);
  });
});

describe("VPC flow logs across profiles", () => {
  it("keep prod's records far longer than dev's", async () => {
    const retention = async (stack: (typeof STACKS)[number]) =>
      Number(one(await stackRun(stack), LOG_GROUP, `sparki-${stack}-network-flow-logs`).inputs.retentionInDays);
    expect(await retention("dev")).toBeLessThan(30);
    expect(await retention("prod")).toBeGreaterThanOrEqual(365);
  });
});
