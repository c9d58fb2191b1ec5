import { MULTIPART_THRESHOLD_MEGABYTES } from "../../components/matrix";
import { DATA_CLASS_KEYS, ObjectStore } from "../../components/object-store";
import { objectStoreSettings } from "../config/object-store";
import type { AdapterDeployment } from "../shared";

/**
 * S3 for the Fiber `storage/s3` adapter: one bucket per data class plus the access-log bucket. Outputs per
 * class the bucket name, region and ARN, and the read-only / read-write IAM policies to attach to services.
 */
export const deployObjectStore: AdapterDeployment = ({ env, opts, baseName, key, alarms }) => {
  const settings = objectStoreSettings(env.name, env.accountId, env.project.objectStore, env.profile);
  const { lifecycle } = settings;
  const store = new ObjectStore(`${baseName}-s3`, {
    accountId: env.accountId,
    region: env.region,
    bucketPrefix: settings.bucketPrefix,
    kmsKeyArn: key.arn,
    classes: {
      artifacts: { lifecycle: lifecycle.artifacts, transferAcceleration: settings.artifactsTransferAcceleration },
      deploymentLogs: { lifecycle: lifecycle.deploymentLogs },
      testReports: { lifecycle: lifecycle.testReports },
      configBackups: { lifecycle: lifecycle.configBackups },
      auditArchive: { lifecycle: lifecycle.auditArchive },
      buildCache: { lifecycle: lifecycle.buildCache },
    },
    accessLogs: lifecycle.accessLogs,
    objectLock: { mode: settings.auditLockMode, retentionDays: settings.auditRetentionDays },
    alarms,
    forceDestroy: settings.forceDestroy,
    protect: env.profile.protectStatefulResources,
  }, opts);

  const buckets = Object.fromEntries(DATA_CLASS_KEYS.map((k) => {
    const facts = store.buckets[k];
    return [k, {
      name: facts.name,
      region: env.region,
      arn: facts.arn,
      ...(k === "artifacts" && settings.artifactsTransferAcceleration
        ? { accelerateEndpoint: `${facts.name}.s3-accelerate.amazonaws.com` }
        : {}),
      iamPolicies: {
        readOnly: { arn: facts.policies["read-only"].arn, document: facts.policies["read-only"].policy },
        readWrite: { arn: facts.policies["read-write"].arn, document: facts.policies["read-write"].policy },
      },
    }];
  }));
  return {
    outputKey: "s3",
    outputs: {
      region: env.region,
      buckets,
      accessLogBucket: { name: store.accessLogBucket.bucketName, arn: store.accessLogBucket.arn },
      // Uploads that name a key must name this one (the bucket policies deny any other).
      kmsKeyArn: key.arn,
      multipartThresholdMegabytes: MULTIPART_THRESHOLD_MEGABYTES,
    },
    dashboard: [store.dashboard],
  };
};
