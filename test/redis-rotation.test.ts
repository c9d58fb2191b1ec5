import { describe, expect, it } from "vitest";
import { shortHash } from "../components/common/hash";
import { RedisCache } from "../components/redis";
import { rotationHandlerSource } from "../components/redis/rotation";
import { runProgram } from "../scripts/offline/run-program";
import { json, ofType, one, type ProgramRun, type RegisteredResource, runWith, STACKS, stackRun } from "./harness";

const FUNCTION = "aws:lambda/function:Function";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const PERMISSION = "aws:lambda/permission:Permission";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const USER = "aws:elasticache/user:User";

const ref = (r: RegisteredResource) => ({ type: r.type, name: r.name });

describe.each(STACKS)("rotation of the Valkey application password in %s", (stack) => {
  const isProd = stack === "prod";
  const accountId = isProd ? "222222222222" : "111111111111";
  const rgId = `sparki-${stack}-redis`;
  const functionName = `${rgId}-app-rotation`;
  const logGroupName = `/aws/lambda/${functionName}`;
  const userArn = `arn:aws:elasticache:eu-west-1:${accountId}:user:${rgId}-app`;
  const name = `${rgId}-app-rotation`;

  const facts = async () => {
    const run = await stackRun(stack);
    const secret = one(run, SECRET, `${rgId}-app-credentials`);
    const secretArn = (run.outputs.redis as { secretArn: string }).secretArn;
    const keyArn = secret.inputs.kmsKeyId as string;
    expect(secretArn).toMatch(new RegExp(`^arn:aws:secretsmanager:eu-west-1:${accountId}:`));
    expect(keyArn).toMatch(new RegExp(`^arn:aws:kms:eu-west-1:${accountId}:key/`));
    return { run, secret, secretArn, keyArn };
  };

  it("runs our own handler on Node.js 22 / arm64, small and outside the VPC, configured for this secret and user only", async () => {
    const { run, secretArn } = await facts();
    const fn = one(run, FUNCTION, name);
    expect(fn.inputs).toMatchObject({
      name: functionName, runtime: "nodejs22.x", architectures: ["arm64"], handler: "index.handler", memorySize: 128, timeout: 300,
      code: { __pulumiArchive: true },
      environment: {
        variables: {
          SECRET_ARN: secretArn, USER_NAME: "sparki-app", USER_ARN: userArn,
          SECRETS_MANAGER_ENDPOINT: "https://secretsmanager.eu-west-1.amazonaws.com",
        },
      },
      loggingConfig: { logFormat: "Text", logGroup: logGroupName },
      tags: { HandlerSha256: shortHash(rotationHandlerSource(), 16) },
    });
    expect(Object.keys((fn.inputs.environment as { variables: object }).variables).sort()).toEqual(["SECRETS_MANAGER_ENDPOINT", "SECRET_ARN", "USER_ARN", "USER_NAME"]);
    // Not in the VPC: it only calls the ElastiCache and Secrets Manager APIs.
    expect(fn.inputs).not.toHaveProperty("vpcConfig");
    // It runs as its own role (the function's role input comes from that role's ARN).
    expect(fn.dependencies).toContainEqual(ref(one(run, ROLE, name)));
  });

  it("creates its KMS-encrypted log group first, kept as long as the cache's logs", async () => {
    const { run, keyArn } = await facts();
    const group = one(run, LOG_GROUP, `${name}-logs`);
    expect(group.inputs).toEqual({ name: logGroupName, kmsKeyId: keyArn, retentionInDays: isProd ? 365 : 7 });
    expect(one(run, FUNCTION, name).dependencies).toContainEqual(ref(group));
  });

  it("runs under a role only Lambda may assume, for this account only", async () => {
    const { run } = await facts();
    const role = one(run, ROLE, name);
    expect(json(role.inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      }],
    });
    expect(ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith(name))).toEqual([]);
  });

  it("may touch only its secret, its user, the key through Secrets Manager, and its own log group", async () => {
    const { run, secretArn, keyArn } = await facts();
    const policy = one(run, ROLE_POLICY, name);
    expect(policy.dependencies).toContainEqual(ref(one(run, ROLE, name)));
    expect(json(policy.inputs.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "RotateTheOneSecret", Effect: "Allow", Resource: secretArn,
          Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
        },
        { Sid: "GeneratePasswords", Effect: "Allow", Action: "secretsmanager:GetRandomPassword", Resource: "*" },
        {
          Sid: "UseTheKeyForTheSecretThroughSecretsManager", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: keyArn,
          Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com", "kms:EncryptionContext:SecretARN": secretArn } },
        },
        { Sid: "ChangeTheOneUsersPasswords", Effect: "Allow", Action: ["elasticache:ModifyUser", "elasticache:DescribeUsers"], Resource: userArn },
        {
          Sid: "WriteItsOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `arn:aws:logs:eu-west-1:${accountId}:log-group:${logGroupName}:*`,
        },
      ],
    });
  });

  it("lets Secrets Manager invoke it for this secret and account only", async () => {
    const { run, secretArn } = await facts();
    expect(one(run, PERMISSION, name).inputs).toEqual({
      action: "lambda:InvokeFunction", function: functionName, principal: "secretsmanager.amazonaws.com", sourceArn: secretArn, sourceAccount: accountId,
    });
  });

  it("rotates every 30 days, not at deploy, once the function may be invoked and the secret has its first value", async () => {
    const { run, secret } = await facts();
    const rotation = one(run, ROTATION, name);
    expect(rotation.inputs).toEqual({
      secretId: expect.stringMatching(new RegExp(`^${rgId}-app-credentials`)) as unknown,
      rotationLambdaArn: `arn:aws:lambda:eu-west-1:${accountId}:function:${functionName}`,
      rotateImmediately: false,
      rotationRules: { automaticallyAfterDays: 30 },
    });
    expect(rotation.dependencies).toEqual(expect.arrayContaining([ref(secret), ref(one(run, FUNCTION, name))]));
    expect(rotation.options.dependsOn).toEqual([ref(one(run, PERMISSION, name)), ref(one(run, ROLE_POLICY, name)), ref(one(run, VERSION, `${rgId}-app-credentials`))]);
  });

  it("writes the user's ARN into the first value, and Pulumi never writes the initial password back after a rotation", async () => {
    const { run } = await facts();
    const version = one(run, VERSION, `${rgId}-app-credentials`);
    expect(JSON.parse((version.inputs.secretString as { value: string }).value)).toMatchObject({ username: "sparki-app", user_arn: userArn });
    expect(version.dependencies).toContainEqual(ref(one(run, USER, `${rgId}-app`)));
    expect(version.options.ignoreChanges).toEqual(["secretString"]);
    expect(one(run, USER, `${rgId}-app`).options.ignoreChanges).toEqual(["authenticationMode"]);
    // The disabled default user's password is Pulumi's alone.
    expect(one(run, USER, `${rgId}-default`).options.ignoreChanges).toEqual([]);
  });

  it("keeps every rotation resource inside the cache component", async () => {
    const { run } = await facts();
    const rotationResources = [FUNCTION, ROLE, ROLE_POLICY, PERMISSION, ROTATION].map((t) => one(run, t, name)).concat(one(run, LOG_GROUP, `${name}-logs`));
    for (const r of rotationResources) expect(r.parent, `${r.type} ${r.name}`).toEqual({ type: "sparki:redis:RedisCache", name: rgId });
  });
});

describe("without authentication", () => {
  it("has no secret, so nothing rotates", async () => {
    const run = await runWith("dev", { "sparki-storage:redis": { auth: "none" } });
    for (const type of [FUNCTION, ROLE_POLICY, PERMISSION, ROTATION]) {
      expect(ofType(run, type).filter((r) => r.name.startsWith("sparki-dev-redis")), type).toEqual([]);
    }
  });
});

describe("secretRotationDays", () => {
  const cache = (secretRotationDays?: number): Promise<ProgramRun> => runProgram({
    stack: "dev",
    program: () => {
      new RedisCache("c", {
        accountId: "111111111111", region: "eu-west-1", replicationGroupId: "c-redis", engineVersion: "8.1", nodeType: "cache.t4g.micro",
        availabilityZones: ["eu-west-1a"], vpcId: "vpc-1", subnetIds: ["subnet-1"], allowedCidrs: ["10.0.0.0/16"],
        kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k", alarms: { environment: "test", topicArns: { warning: "w", critical: "c" } },
        secretRotationDays,
      });
      return {};
    },
  });

  it("sets the schedule (default 30 days)", async () => {
    expect(one(await cache(7), ROTATION).inputs.rotationRules).toEqual({ automaticallyAfterDays: 7 });
    expect(one(await cache(), ROTATION).inputs.rotationRules).toEqual({ automaticallyAfterDays: 30 });
  });

  it("is refused outside 1..1000 before anything is registered", async () => {
    await expect(cache(1001)).rejects.toThrow("secretRotationDays must be an integer 1..1000 (Secrets Manager's rotation interval), got 1001");
  });
});
