import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { fsbp } from "./lib/controls";
import { definitely, isAbsent, read } from "./lib/values";

// Every control here targets replication groups: the only ElastiCache shape that runs Valkey and the one
// components/redis creates (a bare aws.elasticache.Cluster cannot fail over at all).

export const cacheSnapshots: ResourceValidationPolicy = {
  name: "elasticache-1-snapshots",
  ...fsbp(["ElastiCache.1"], "ElastiCache replication groups keep automatic snapshots for at least the configured days (1 by default).", "high",
    "Set snapshotRetentionLimit to at least minimumDays."),
  configSchema: { properties: { minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 1 } } },
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, args, report) => {
    const { minimumDays = 1 } = args.getConfig<{ minimumDays?: number }>();
    const retention = read(() => group.snapshotRetentionLimit);
    if (retention.known && !(typeof retention.value === "number" && retention.value >= minimumDays)) {
      report(`snapshotRetentionLimit is ${String(retention.value)}: at least ${minimumDays} day(s) of automatic snapshots are required to restore after data loss.`);
    }
  }),
};

export const cacheMinorVersionUpgrades: ResourceValidationPolicy = {
  name: "elasticache-2-minor-upgrades",
  ...fsbp(["ElastiCache.2"], "ElastiCache replication groups apply minor engine upgrades automatically.", "high",
    "Set autoMinorVersionUpgrade: true (or leave it unset)."),
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, _args, report) => {
    if (definitely(() => group.autoMinorVersionUpgrade === false)) {
      report("autoMinorVersionUpgrade is false: engine security patches would never be applied. Set it to true.");
    }
  }),
};

export const cacheAutomaticFailover: ResourceValidationPolicy = {
  name: "elasticache-3-automatic-failover",
  ...fsbp(["ElastiCache.3"], "ElastiCache replication groups fail over automatically to a replica.", "medium",
    "Give every shard a replica and set automaticFailoverEnabled: true (the prod profile does)."),
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, _args, report) => {
    if (definitely(() => group.automaticFailoverEnabled !== true)) {
      report("automaticFailoverEnabled is not true: losing the primary node stops writes until someone intervenes. Add a replica and set it to true.");
    }
  }),
};

export const cacheEncryptedAtRest: ResourceValidationPolicy = {
  name: "elasticache-4-encrypted-at-rest",
  ...fsbp(["ElastiCache.4"], "ElastiCache replication groups encrypt data at rest with the customer KMS key.", "medium",
    "Set atRestEncryptionEnabled: true and kmsKeyId to the environment's key."),
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, _args, report) => {
    if (definitely(() => group.atRestEncryptionEnabled !== true)) {
      report("atRestEncryptionEnabled is not true: snapshots and swap would hold cached sessions unencrypted. Set it to true.");
    }
    if (isAbsent(() => group.kmsKeyId)) report("kmsKeyId is not set: data at rest would use the AWS-managed key instead of the environment's customer key.");
  }),
};

export const cacheEncryptedInTransit: ResourceValidationPolicy = {
  name: "elasticache-5-encrypted-in-transit",
  ...fsbp(["ElastiCache.5"], "ElastiCache replication groups require TLS in transit.", "medium",
    "Set transitEncryptionEnabled: true and transitEncryptionMode: required (preferred only while migrating)."),
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, _args, report) => {
    if (definitely(() => group.transitEncryptionEnabled !== true)) {
      report("transitEncryptionEnabled is not true: sessions and auth credentials would cross the network in plaintext. Set it to true.");
    } else if (definitely(() => group.transitEncryptionMode === "preferred")) {
      report("transitEncryptionMode is \"preferred\": plaintext clients are still accepted. Set it to \"required\" once clients use TLS.");
    }
  }),
};

export const cacheAuthentication: ResourceValidationPolicy = {
  name: "elasticache-6-auth",
  ...fsbp(["ElastiCache.6"], "ElastiCache replication groups require authentication (RBAC user groups or an AUTH token).", "medium",
    "Attach a user group (userGroupIds) whose default user is disabled, or set authToken with transit encryption."),
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, _args, report) => {
    const noToken = isAbsent(() => group.authToken) && isAbsent(() => group.authTokenWo);
    if (noToken && isAbsent(() => group.userGroupIds)) {
      report("neither userGroupIds nor authToken is set: any client that reaches the port could read and write every key.");
    }
  }),
};

export const cacheSubnetGroup: ResourceValidationPolicy = {
  name: "elasticache-7-subnet-group",
  ...fsbp(["ElastiCache.7"], "ElastiCache replication groups use their own subnet group in the private subnets.", "high",
    "Set subnetGroupName to the component's subnet group."),
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, _args, report) => {
    const name = read(() => group.subnetGroupName);
    if (!name.known) return;
    if (name.value === undefined || name.value === "" || name.value === "default") {
      report(`subnetGroupName is ${name.value ? `"${name.value}"` : "not set"}: the default subnet group spans the default VPC. Use the private cache subnet group.`);
    }
  }),
};

export const ELASTICACHE_POLICIES = [
  cacheSnapshots, cacheMinorVersionUpgrades, cacheAutomaticFailover, cacheEncryptedAtRest, cacheEncryptedInTransit,
  cacheAuthentication, cacheSubnetGroup,
];
