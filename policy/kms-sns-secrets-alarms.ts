import * as aws from "@pulumi/aws";
import { type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { baseline, fsbp } from "./lib/controls";
import { definitely, isAbsent, read } from "./lib/values";
import { POLICY_EXCEPTION_TAG } from "../components/common/policy-exception";
import { CLOUDFLARE_TOKEN_ROTATION_EXCEPTION } from "../components/cloudflarekv/exception";
import { tokenRotationExceptionProblems } from "./cloudflarekv";
import { AZUREBLOB_SHARED_KEY_EXCEPTION } from "../components/azureblob/exception";
import { sharedKeySecretProblems } from "./azureblob";

export const kmsKeyRotation: ResourceValidationPolicy = {
  name: "kms-4-key-rotation",
  ...fsbp(["KMS.4"], "Symmetric customer KMS keys rotate their key material.", "medium", "Set enableKeyRotation: true."),
  validateResource: validateResourceOfType(aws.kms.Key, (key, args, report) => {
    const spec = read(() => key.customerMasterKeySpec);
    const usage = read(() => key.keyUsage);
    if ((spec.known && spec.value !== undefined && spec.value !== "SYMMETRIC_DEFAULT") || (usage.known && usage.value !== undefined && usage.value !== "ENCRYPT_DECRYPT")) {
      args.notApplicable("KMS rotates only symmetric encryption keys");
    }
    if (definitely(() => key.enableKeyRotation !== true)) {
      report("enableKeyRotation is not true: the same key material would encrypt every backup and snapshot forever. Set it to true.");
    }
  }),
};

/** AWS-managed keys whose key policy no other service (CloudWatch alarms, RDS events) may use. */
const AWS_MANAGED_KEY = /^(alias\/)?aws\//;

export const snsEncrypted: ResourceValidationPolicy = {
  name: "sns-1-kms-encryption",
  ...fsbp(["SNS.1"], "SNS topics are encrypted with the customer KMS key.", "medium",
    "Set kmsMasterKeyId to the environment's key (its policy lets CloudWatch and RDS events use it)."),
  validateResource: validateResourceOfType(aws.sns.Topic, (topic, _args, report) => {
    const key = read(() => topic.kmsMasterKeyId);
    if (!key.known) return;
    if (key.value === undefined || key.value === "") {
      report("kmsMasterKeyId is not set: alert messages would be stored unencrypted. Use the environment's customer key.");
    } else if (AWS_MANAGED_KEY.test(key.value)) {
      report(`kmsMasterKeyId is the AWS-managed key ${key.value}: CloudWatch cannot use it, so alarm notifications would be dropped silently. Use the customer key.`);
    }
  }),
};

export const alarmActionsPresent: ResourceValidationPolicy = {
  name: "cloudwatch-15-alarm-actions",
  ...fsbp(["CloudWatch.15"], "CloudWatch alarms notify someone when they fire.", "high",
    "Create alarms with components/alerting AlarmPair, which sends them to the severity's topic."),
  validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, _args, report) => {
    if (isAbsent(() => alarm.alarmActions)) {
      report("alarmActions is empty: the alarm would change state without notifying anyone. Send it to the warning or critical topic.");
    }
  }),
};

export const alarmActionsEnabled: ResourceValidationPolicy = {
  name: "cloudwatch-17-actions-enabled",
  ...fsbp(["CloudWatch.17"], "CloudWatch alarm actions are enabled.", "high", "Set actionsEnabled: true (or leave it unset)."),
  validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, _args, report) => {
    if (definitely(() => alarm.actionsEnabled === false)) {
      report("actionsEnabled is false: the alarm's notifications are switched off. Set it to true.");
    }
  }),
};

export const secretsOnCustomerKey: ResourceValidationPolicy = {
  name: "secrets-customer-key",
  ...baseline("Sparki baseline: secrets", "Secrets Manager secrets, including RDS-managed master passwords, are encrypted with the customer KMS key.", "high",
    "Set kmsKeyId on aws.secretsmanager.Secret, or masterUserSecretKmsKeyId on an RDS instance that manages its password."),
  validateResource: (args, report) => {
    const secret = args.asType(aws.secretsmanager.Secret);
    if (secret) {
      const key = read(() => secret.kmsKeyId);
      if (key.known && (key.value === undefined || key.value === "" || AWS_MANAGED_KEY.test(key.value))) {
        report(`kmsKeyId is ${key.value ? key.value : "not set"}: the secret would use the AWS-managed aws/secretsmanager key. Use the environment's customer key.`);
      }
      return;
    }
    const db = args.asType(aws.rds.Instance);
    if (db) {
      if (!definitely(() => db.manageMasterUserPassword === true)) args.notApplicable("the instance does not manage its master password in Secrets Manager");
      if (isAbsent(() => db.masterUserSecretKmsKeyId)) {
        report("masterUserSecretKmsKeyId is not set: the managed master password secret would use the AWS-managed key. Use the environment's customer key.");
      }
      return;
    }
    args.notApplicable("only Secrets Manager secrets and RDS-managed master passwords hold secrets");
  },
};

/** Whether a rotation names this secret by ID or ARN (both are among the secret's outputs), when all are known. */
function rotates(rotation: PolicyResource, secret: PolicyResource): boolean {
  const target = read(() => rotation.asType(aws.secretsmanager.SecretRotation)?.secretId as unknown);
  const own = read(() => [secret.props.arn, secret.props.id] as unknown[]);
  return target.known && own.known && target.value !== undefined && own.value.includes(target.value);
}

/**
 * Named exceptions to secret rotation, each with the check of its compensating controls: cloudflarekv-token-rotation
 * (policy/cloudflarekv.ts: the token expires and is replaced by the stack) and azureblob-shared-key (policy/azureblob.ts:
 * the account key rotates by switching keys, not by a function).
 */
const ROTATION_EXCEPTIONS: Readonly<Record<string, (resources: readonly PolicyResource[], secret: PolicyResource) => string[]>> = {
  [CLOUDFLARE_TOKEN_ROTATION_EXCEPTION]: (resources, secret) => tokenRotationExceptionProblems(resources, secret),
  [AZUREBLOB_SHARED_KEY_EXCEPTION]: (resources) => sharedKeySecretProblems(resources),
};

export const secretsRotated: StackValidationPolicy = {
  name: "secretsmanager-1-rotation",
  ...fsbp(["SecretsManager.1"], "Every Secrets Manager secret the stack creates has automatic rotation.", "medium",
    "Add an aws.secretsmanager.SecretRotation for the secret (see components/common/secret-rotation.ts and components/redis/rotation.ts)."),
  validateStack: (args, report) => {
    const secrets = args.resources.filter((r) => r.isType(aws.secretsmanager.Secret));
    if (secrets.length === 0) args.notApplicable("no Secrets Manager secrets");
    const rotations = args.resources.filter((r) => r.isType(aws.secretsmanager.SecretRotation));
    for (const secret of secrets) {
      const exception = read(() => (secret.props.tags as Record<string, unknown> | undefined)?.[POLICY_EXCEPTION_TAG]);
      const named = exception.known && typeof exception.value === "string" && Object.hasOwn(ROTATION_EXCEPTIONS, exception.value) ? exception.value : undefined;
      if (named !== undefined) {
        for (const problem of ROTATION_EXCEPTIONS[named](args.resources, secret)) report(`secret ${secret.name} has no rotation under the ${named} exception, whose compensating control fails: ${problem}.`, secret.urn);
        continue;
      }
      const linked = rotations.some((r) => r.dependencies.includes(secret) || rotates(r, secret));
      const unknownLink = rotations.some((r) => !read(() => r.asType(aws.secretsmanager.SecretRotation)?.secretId as unknown).known);
      if (!linked && !unknownLink) report(`secret ${secret.name} has no rotation: a leaked value would stay valid for good.`, secret.urn);
    }
  },
};

export const KMS_SNS_SECRETS_ALARM_POLICIES = [kmsKeyRotation, snsEncrypted, alarmActionsPresent, alarmActionsEnabled, secretsOnCustomerKey, secretsRotated];
