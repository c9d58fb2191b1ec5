import type { Adapter } from "../contract";
import type { ObjectStoreOutputs } from "./deploy";
import { OBJECT_STORE_PROFILES, type ObjectStoreProfile } from "./profiles";
import { OBJECT_STORE_RULES } from "./rules";
import { type ObjectStoreConfig, objectStoreSchema } from "./schema";
import { type ObjectStoreSettings, objectStoreSettings } from "./settings";

/** S3 object storage (components/object-store) for the Fiber `storage/s3` adapter; always deployed. */
export const s3Adapter: Adapter<ObjectStoreConfig, ObjectStoreProfile, ObjectStoreSettings, ObjectStoreOutputs> = {
  key: "s3",
  configKey: "objectStore",
  schema: objectStoreSchema,
  profiles: OBJECT_STORE_PROFILES,
  settings: objectStoreSettings,
  enabled: () => true,
  rules: OBJECT_STORE_RULES,
  loadDeploy: async () => (await import("./deploy")).deployObjectStore,
  resourceTypes: [
    { type: "aws:s3/bucket:Bucket", stateful: true },
    { type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls", stateful: false },
    { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", stateful: false },
    { type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", stateful: false },
    { type: "aws:s3/bucketVersioning:BucketVersioning", stateful: false },
    { type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", stateful: false },
    { type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", stateful: false },
    { type: "aws:s3/bucketPolicy:BucketPolicy", stateful: false },
    { type: "aws:s3/bucketLogging:BucketLogging", stateful: false },
    { type: "aws:s3/bucketMetric:BucketMetric", stateful: false },
    { type: "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", stateful: false },
    // Artifact delivery (components/cdn): replacing the distribution changes its *.cloudfront.net name, not any data.
    { type: "aws:cloudfront/distribution:Distribution", stateful: false },
    { type: "aws:cloudfront/originAccessControl:OriginAccessControl", stateful: false },
    { type: "aws:cloudfront/cachePolicy:CachePolicy", stateful: false },
    { type: "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", stateful: false },
    { type: "aws:cloudwatch/logDeliverySource:LogDeliverySource", stateful: false },
    { type: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", stateful: false },
    { type: "aws:cloudwatch/logDelivery:LogDelivery", stateful: false },
  ],
};
