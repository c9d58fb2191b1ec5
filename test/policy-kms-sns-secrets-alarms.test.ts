import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import {
  alarmActionsEnabled, alarmActionsPresent, KMS_SNS_SECRETS_ALARM_POLICIES, kmsKeyRotation, secretsOnCustomerKey, secretsRotated, snsEncrypted,
} from "../policy/kms-sns-secrets-alarms";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { KEY_ARN, primary, T, TOPIC_ARN } from "./policy-fixtures";
import { checkResource, checkStack, pulumiType, type StackInput, UNKNOWN } from "./policy-harness";

const alarm = {
  name: "dev-postgres-primary-rds-read-latency-p95-warning", namespace: "AWS/RDS", metricName: "ReadLatency",
  threshold: 0.05, comparisonOperator: "GreaterThanThreshold", actionsEnabled: true, alarmActions: [TOPIC_ARN], okActions: [TOPIC_ARN],
};

const CASES: ResourceCase[] = [
  { policy: kmsKeyRotation, type: T.key, pass: { enableKeyRotation: true, keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT" }, failures: [
    [{ enableKeyRotation: false }, "enableKeyRotation is not true: the same key material would encrypt every backup and snapshot forever. Set it to true."],
  ] },
  { policy: snsEncrypted, type: T.topic, pass: { kmsMasterKeyId: KEY_ARN }, failures: [
    [{ kmsMasterKeyId: undefined }, "kmsMasterKeyId is not set: alert messages would be stored unencrypted. Use the environment's customer key."],
    [{ kmsMasterKeyId: "alias/aws/sns" }, "kmsMasterKeyId is the AWS-managed key alias/aws/sns: CloudWatch cannot use it, so alarm notifications would be dropped silently. Use the customer key."],
  ] },
  { policy: alarmActionsPresent, type: T.alarm, pass: alarm, failures: [
    [{ alarmActions: [] }, "alarmActions is empty: the alarm would change state without notifying anyone. Send it to the warning or critical topic."],
  ] },
  { policy: alarmActionsEnabled, type: T.alarm, pass: alarm, failures: [
    [{ actionsEnabled: false }, "actionsEnabled is false: the alarm's notifications are switched off. Set it to true."],
  ] },
  { policy: secretsOnCustomerKey, type: T.secret, pass: { name: "sparki-dev-redis-app", kmsKeyId: KEY_ARN }, failures: [
    [{ kmsKeyId: undefined }, "kmsKeyId is not set: the secret would use the AWS-managed aws/secretsmanager key. Use the environment's customer key."],
    [{ kmsKeyId: "alias/aws/secretsmanager" }, "kmsKeyId is alias/aws/secretsmanager: the secret would use the AWS-managed aws/secretsmanager key. Use the environment's customer key."],
  ] },
  // An instance whose master password RDS manages (not this stack's design, but the policy still guards it).
  { policy: secretsOnCustomerKey, type: T.instance, pass: { ...primary(), password: undefined, manageMasterUserPassword: true, masterUserSecretKmsKeyId: KEY_ARN }, failures: [
    [{ masterUserSecretKmsKeyId: undefined }, "masterUserSecretKmsKeyId is not set: the managed master password secret would use the AWS-managed key. Use the environment's customer key."],
  ] },
];

describeResourceCases(CASES, T.bucket);

it("does not ask asymmetric keys to rotate (KMS cannot)", async () => {
  const props = { enableKeyRotation: false, keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "RSA_2048" };
  expect((await checkResource(kmsKeyRotation, { type: T.key, props })).notApplicable).toBe("KMS rotates only symmetric encryption keys");
});

it("leaves RDS instances with their own password out of the secrets check", async () => {
  const props = { ...primary(), manageMasterUserPassword: false, masterUserSecretKmsKeyId: undefined };
  expect((await checkResource(secretsOnCustomerKey, { type: T.instance, props })).notApplicable).toMatch(/does not manage its master password/);
});

it("counts an alarm action whose topic ARN is unknown during preview as present", async () => {
  expect(await checkResource(alarmActionsPresent, { type: T.alarm, props: { ...alarm, alarmActions: [UNKNOWN] } })).toMatchObject({ violations: [] });
});

it("every KMS/SNS/Secrets/CloudWatch policy has cases here", () => {
  // Stack policies have their own describe block below.
  const tested = new Set([...CASES.map((c) => c.policy.name), secretsRotated.name]);
  expect(KMS_SNS_SECRETS_ALARM_POLICIES.map((p) => p.name).filter((n) => !tested.has(n))).toEqual([]);
});

describe("secretsmanager-1-rotation", () => {
  const secret = (name: string): StackInput => ({ type: T.secret, name, props: { name, kmsKeyId: KEY_ARN } });
  const rotation = (of: string): StackInput => ({
    type: pulumiType(aws.secretsmanager.SecretRotation), name: `${of}-rotation`, props: { secretId: of, rotationRules: { automaticallyAfterDays: 30 } }, dependsOnNames: [of],
  });

  it("passes a secret with a rotation and reports one without", async () => {
    expect((await checkStack(secretsRotated, [secret("admin"), rotation("admin")])).violations).toEqual([]);
    expect((await checkStack(secretsRotated, [secret("admin"), secret("app"), rotation("admin")])).violations).toEqual([
      "secret app has no rotation: a leaked value would stay valid for good.",
    ]);
    expect((await checkStack(secretsRotated, [])).notApplicable).toBe("no Secrets Manager secrets");
  });

  it("waives nothing for an exception tag that names no rotation exception (not even an Object property name)", async () => {
    for (const name of ["memcache-plaintext-client", "constructor", "toString"]) {
      const tagged: StackInput = { type: T.secret, name: "app", props: { name: "app", kmsKeyId: KEY_ARN, tags: { "sparki:policy-exception": name } } };
      expect((await checkStack(secretsRotated, [tagged])).violations, name).toEqual(["secret app has no rotation: a leaked value would stay valid for good."]);
    }
  });
});
