import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { bucketsOf, hasSide, sidesOf } from "./lib/buckets";
import { engineRule } from "./lib/controls";
import { definitely, read } from "./lib/values";

/**
 * What AWS refuses (or silently gets wrong) at create time, as stack policies: each names the page it follows and
 * the day it was read. Mocks accept all of these; `pulumi up` would not.
 */

const CHECKED = "2026-11-29";

const known = (get: () => unknown): string | undefined => {
  const r = read(get);
  return r.known && typeof r.value === "string" ? r.value : undefined;
};

const instances = (resources: readonly PolicyResource[]) => resources.filter((r) => r.isType(aws.rds.Instance));
const identifierOf = (db: PolicyResource) => known(() => db.asType(aws.rds.Instance)?.identifier);
const isReplica = (db: PolicyResource) => !definitely(() => db.asType(aws.rds.Instance)?.replicateSourceDb === undefined);

export const replicaSourcePasswordNotManaged: StackValidationPolicy = {
  name: "engine-rds-replica-source-password",
  ...engineRule("RDS User Guide, \"Password management with Amazon RDS and AWS Secrets Manager\", Limitations", CHECKED,
    "No read replica of an instance whose master password RDS manages in Secrets Manager (RDS answers InvalidParameterValue).",
    "Generate the master password (@pulumi/random) into your own KMS-encrypted secret and rotate it there, as components/postgres does."),
  validateStack: (args, report) => {
    const all = instances(args.resources);
    const replicas = all.filter(isReplica);
    if (replicas.length === 0) args.notApplicable("no read replicas");
    for (const replica of replicas) {
      const source = known(() => replica.asType(aws.rds.Instance)?.replicateSourceDb);
      const primary = all.find((db) => !isReplica(db) && source !== undefined && identifierOf(db) === source);
      if (primary && definitely(() => primary.asType(aws.rds.Instance)?.manageMasterUserPassword === true)) {
        report(`read replica ${identifierOf(replica) ?? replica.name} replicates ${source}, whose master password RDS manages (manageMasterUserPassword): RDS refuses to create it.`, replica.urn);
      }
    }
  },
};

export const proxyTargetsTheWriter: StackValidationPolicy = {
  name: "engine-rds-proxy-targets-writer",
  ...engineRule("RDS User Guide, \"Quotas and limitations for RDS Proxy\"", CHECKED,
    "RDS Proxy targets only the writer of a replication setup, never a read replica.",
    "Register the primary as the proxy's target; send replica reads to the replicas' own endpoints."),
  validateStack: (args, report) => {
    const targets = args.resources.filter((r) => r.isType(aws.rds.ProxyTarget));
    if (targets.length === 0) args.notApplicable("no RDS Proxy targets");
    const replicaIds = new Set(instances(args.resources).filter(isReplica).map(identifierOf).filter((id) => id !== undefined));
    for (const target of targets) {
      const id = known(() => target.asType(aws.rds.ProxyTarget)?.dbInstanceIdentifier);
      if (id !== undefined && replicaIds.has(id)) report(`proxy target ${id} is a read replica: RDS Proxy only accepts the writer.`, target.urn);
    }
  },
};

export const iamProxyNeedsIamDatabase: StackValidationPolicy = {
  name: "engine-rds-iam-proxy-target",
  ...engineRule("RDS User Guide, \"End-to-end IAM authentication for RDS Proxy\"", CHECKED,
    "An RDS Proxy with end-to-end IAM (defaultAuthScheme IAM_AUTH) targets only instances with IAM database authentication on (it logs in with IAM tokens).",
    "Set iamDatabaseAuthenticationEnabled: true on the target instance, and grant rds_iam to the role the proxy logs in as."),
  validateStack: (args, report) => {
    const iamProxies = new Set(args.resources.filter((r) => r.isType(aws.rds.Proxy)
      && definitely(() => r.asType(aws.rds.Proxy)?.defaultAuthScheme === "IAM_AUTH")).map((r) => known(() => r.asType(aws.rds.Proxy)?.name)));
    if (iamProxies.size === 0) args.notApplicable("no RDS Proxy with end-to-end IAM");
    const all = instances(args.resources);
    for (const target of args.resources.filter((r) => r.isType(aws.rds.ProxyTarget))) {
      if (!iamProxies.has(known(() => target.asType(aws.rds.ProxyTarget)?.dbProxyName))) continue;
      const id = known(() => target.asType(aws.rds.ProxyTarget)?.dbInstanceIdentifier);
      const db = all.find((d) => id !== undefined && identifierOf(d) === id);
      if (db && definitely(() => db.asType(aws.rds.Instance)?.iamDatabaseAuthenticationEnabled !== true)) {
        report(`proxy target ${id} has IAM database authentication off: the proxy's end-to-end IAM logins would be refused.`, target.urn);
      }
    }
  },
};

/** Dimensions naming a resource that takes minutes to create (or can be stopped), and how to find that resource. */
const PUBLISHERS: readonly { dimension: string; publishes: (r: PolicyResource, value: string) => boolean }[] = [
  { dimension: "DBInstanceIdentifier", publishes: (r, v) => r.isType(aws.rds.Instance) && identifierOf(r) === v },
  { dimension: "CacheClusterId", publishes: (r, v) => {
    const group = r.isType(aws.elasticache.ReplicationGroup) ? known(() => r.asType(aws.elasticache.ReplicationGroup)?.replicationGroupId) : undefined;
    return group !== undefined && v.startsWith(`${group}-`);
  } },
  { dimension: "ProxyName", publishes: (r, v) => r.isType(aws.rds.ProxyTarget) && known(() => r.asType(aws.rds.ProxyTarget)?.dbProxyName) === v },
];

export const alarmsQuietDuringCreate: StackValidationPolicy = {
  name: "engine-alarms-quiet-during-create",
  ...engineRule("CloudWatch User Guide, \"Configuring how CloudWatch alarms treat missing data\"", CHECKED,
    "No alarm fires while what it watches is being created or is stopped: none treats missing data as breaching, and alarms on RDS, ElastiCache and RDS Proxy metrics wait for the resource publishing them.",
    "Use treatMissingData notBreaching or missing (outages are reported by RDS and ElastiCache events), and pass the watched resource to AlarmPair (`watched`)."),
  validateStack: (args, report) => {
    const alarms = args.resources.filter((r) => r.isType(aws.cloudwatch.MetricAlarm));
    if (alarms.length === 0) args.notApplicable("no alarms");
    for (const alarm of alarms) {
      const a = alarm.asType(aws.cloudwatch.MetricAlarm);
      const name = known(() => a?.name) ?? alarm.name;
      if (definitely(() => a?.treatMissingData === "breaching")) {
        report(`alarm ${name} treats missing data as breaching: it fires while its resource is created or stopped.`, alarm.urn);
      }
      const dimensions = read(() => (a?.dimensions ?? {}) as Record<string, unknown>);
      if (!dimensions.known) continue;
      for (const { dimension, publishes } of PUBLISHERS) {
        const value = dimensions.value[dimension];
        if (typeof value !== "string") continue;
        const publisher = args.resources.find((r) => publishes(r, value));
        if (publisher && !alarm.dependencies.includes(publisher)) {
          report(`alarm ${name} watches ${dimension}=${value} but does not wait for ${publisher.name}: created alongside it, it judges a resource that does not exist yet.`, alarm.urn);
        }
      }
    }
  },
};

export const objectLockNeedsVersioning: StackValidationPolicy = {
  name: "engine-s3-object-lock-versioning",
  ...engineRule("S3 User Guide, \"Configuring S3 Object Lock\"", CHECKED,
    "A bucket gets an Object Lock configuration only with versioning enabled (and neither can be turned off afterwards).",
    "Add an aws.s3.BucketVersioning with status Enabled and make the lock configuration depend on it."),
  validateStack: (args, report) => {
    const locks = sidesOf(args.resources, aws.s3.BucketObjectLockConfiguration);
    if (locks.length === 0) args.notApplicable("no Object Lock configurations");
    const versioned = sidesOf(args.resources, aws.s3.BucketVersioning).filter((v) =>
      !definitely(() => v.side.asType(aws.s3.BucketVersioning)?.versioningConfiguration?.status !== "Enabled"));
    for (const lock of locks) {
      if (typeof lock.bucket === "string") continue;
      if (hasSide(lock.bucket, versioned) === "no") {
        report(`bucket ${lock.bucket.name} gets an Object Lock configuration without versioning enabled: S3 refuses it.`, lock.side.urn);
      } else if (!lock.side.dependencies.some((d) => d.isType(aws.s3.BucketVersioning))) {
        report(`the Object Lock configuration of ${lock.bucket.name} does not wait for its versioning: S3 refuses it when it comes first.`, lock.side.urn);
      }
    }
  },
};

export const accessLogTargetAcceptsDelivery: StackValidationPolicy = {
  name: "engine-s3-access-log-target",
  ...engineRule("S3 User Guide, \"Object Lock considerations\" and \"Enabling Amazon S3 server access logging\"", CHECKED,
    "Server access logs go to a bucket without Object Lock whose default encryption is SSE-S3 (log delivery cannot use SSE-KMS).",
    "Point targetBucket at the access-log bucket: no Object Lock, AES256 default encryption."),
  validateStack: (args, report) => {
    const logging = sidesOf(args.resources, aws.s3.BucketLogging, "targetBucket");
    if (logging.length === 0) args.notApplicable("no server access logging");
    const locks = sidesOf(args.resources, aws.s3.BucketObjectLockConfiguration);
    const encryption = sidesOf(args.resources, aws.s3.BucketServerSideEncryptionConfiguration);
    const buckets = bucketsOf(args.resources);
    for (const { side, bucket: target } of logging) {
      if (typeof target === "string" || !buckets.includes(target)) continue;
      if (hasSide(target, locks) === "yes" || definitely(() => target.asType(aws.s3.Bucket)?.objectLockEnabled === true)) {
        report(`access logs go to ${target.name}, which has Object Lock: S3 cannot deliver server access logs there.`, side.urn);
      }
      const kms = encryption.filter((e) => e.bucket === target).some((e) => definitely(() =>
        (e.side.asType(aws.s3.BucketServerSideEncryptionConfiguration)?.rules ?? []).some((rule) =>
          rule.applyServerSideEncryptionByDefault?.sseAlgorithm !== "AES256")));
      if (kms) report(`access logs go to ${target.name}, whose default encryption is not SSE-S3 (AES256): log delivery fails.`, side.urn);
    }
  },
};

export const ENGINE_RULE_POLICIES = [
  replicaSourcePasswordNotManaged, proxyTargetsTheWriter, iamProxyNeedsIamDatabase, alarmsQuietDuringCreate, objectLockNeedsVersioning, accessLogTargetAcceptsDelivery,
];
