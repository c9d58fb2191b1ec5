import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { ROTATION_TEMPLATES, rotationApplicationArn, templateRotation } from "../components/common/secret-rotation";
import { runProgram } from "../scripts/offline/run-program";

// Every refusal happens before anything is registered, so no parent is ever used.
const noParent = undefined as unknown as pulumi.Resource;
const vpc = { subnetIds: ["subnet-1"], securityGroupId: "sg-1" };
const base = { template: "postgresSingleUser" as const, region: "eu-west-1", secretId: "s", kmsKeyArn: "k", vpc };

describe("secret rotation from Secrets Manager's templates: what Lambda and CloudFormation refuse", () => {
  it("refuses a function name CloudFormation's stack name or Lambda would reject", () => {
    // Lambda accepts underscores; the stack the provider deploys it with (serverlessrepo-<name>) does not.
    expect(() => templateRotation("x", { ...base, functionName: "sparki_dev_rotation" }, noParent)).toThrow(/letter then letters, digits or hyphens, 64 at most/);
    expect(() => templateRotation("x", { ...base, functionName: `a${"b".repeat(64)}` }, noParent)).toThrow(/64 at most/);
    expect(() => templateRotation("x", { ...base, functionName: "1-rotation" }, noParent)).toThrow(/letter then/);
  });

  it("refuses an in-VPC template without a VPC", () => {
    expect(() => templateRotation("x", { ...base, vpc: undefined, functionName: "sparki-dev-postgres-admin-rotation" }, noParent)).toThrow(/needs vpc/);
  });

  it("knows the templates only in the aws partition (their publisher account differs elsewhere)", () => {
    expect(rotationApplicationArn("postgresSingleUser", "eu-west-1")).toBe("arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser");
    expect(() => rotationApplicationArn("postgresSingleUser", "cn-north-1")).toThrow(/aws partition/);
  });
});

describe("alternating-users rotation: the master secret, required by multi-user templates and refused by the others", () => {
  // AWS CDK SecretRotation: "The `masterSecret` must be specified for application using the multi user scheme", and it
  // passes masterSecretArn and masterSecretKmsKeyArn to the application; the function reads the master's ARN from the
  // rotated secret's `masterarn` (aws-secrets-manager-rotation-lambdas, SecretsManagerRDSSQLServerRotationMultiUser).
  const sql = { region: "eu-west-1", secretId: "s", kmsKeyArn: "k", vpc };
  const master = { arn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:admin-abc123", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/master" };

  it("pins SQL Server's alternating-users application as AWS CDK does (1.1.671), beside the single-user one (1.1.670)", () => {
    expect(ROTATION_TEMPLATES.sqlserverMultiUser).toMatchObject({ application: "SecretsManagerRDSSQLServerRotationMultiUser", semanticVersion: "1.1.671", inVpc: true, multiUser: true });
    expect(ROTATION_TEMPLATES.sqlserverSingleUser).toMatchObject({ application: "SecretsManagerRDSSQLServerRotationSingleUser", semanticVersion: "1.1.670", inVpc: true });
    expect("multiUser" in ROTATION_TEMPLATES.sqlserverSingleUser).toBe(false);
    expect(rotationApplicationArn("sqlserverMultiUser", "eu-west-1")).toBe("arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSSQLServerRotationMultiUser");
  });

  it("refuses a multi-user template without masterSecret, and a single-user one with it", () => {
    expect(() => templateRotation("x", { ...sql, template: "sqlserverMultiUser", functionName: "sparki-dev-mssql-pool-rotation" }, noParent))
      .toThrow("rotation x: template sqlserverMultiUser alternates users and needs masterSecret");
    expect(() => templateRotation("x", { ...sql, template: "sqlserverSingleUser", functionName: "sparki-dev-mssql-admin-rotation", masterSecret: master }, noParent))
      .toThrow("rotation x: template sqlserverSingleUser rotates one user and takes no masterSecret");
    expect(() => templateRotation("x", { ...base, functionName: "sparki-dev-postgres-admin-rotation", masterSecret: master }, noParent))
      .toThrow("rotation x: template postgresSingleUser rotates one user and takes no masterSecret");
  });

  it("passes the master secret and its key to the multi-user application only", async () => {
    const run = await runProgram({
      stack: "dev",
      program: () => {
        const parent = new pulumi.ComponentResource("test:rotation:Parent", "rotation-test");
        templateRotation("multi", { ...sql, template: "sqlserverMultiUser", functionName: "test-pool-rotation", masterSecret: master }, parent);
        templateRotation("single", { ...sql, template: "sqlserverSingleUser", functionName: "test-admin-rotation" }, parent);
        return {};
      },
    });
    const app = (name: string) => run.resources.find((r) => r.type === "aws:serverlessrepository/cloudFormationStack:CloudFormationStack" && r.name === name)!.inputs;
    expect(app("multi-rotation-function")).toMatchObject({
      applicationId: "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSSQLServerRotationMultiUser", semanticVersion: "1.1.671",
      parameters: { functionName: "test-pool-rotation", kmsKeyArn: "k", masterSecretArn: master.arn, masterSecretKmsKeyArn: master.kmsKeyArn },
    });
    expect(app("single-rotation-function")).toMatchObject({
      applicationId: "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSSQLServerRotationSingleUser", semanticVersion: "1.1.670",
    });
    expect(Object.keys(app("single-rotation-function").parameters as object).filter((k) => k.startsWith("master"))).toEqual([]);
  });
});
