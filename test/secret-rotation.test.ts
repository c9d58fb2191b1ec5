import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { rotationApplicationArn, templateRotation } from "../components/common/secret-rotation";

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
