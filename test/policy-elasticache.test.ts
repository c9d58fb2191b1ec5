import { expect, it } from "vitest";
import {
  cacheAuthentication, cacheAutomaticFailover, cacheEncryptedAtRest, cacheEncryptedInTransit, cacheMinorVersionUpgrades,
  cacheSnapshots, cacheSubnetGroup, ELASTICACHE_POLICIES,
} from "../policy/elasticache";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { replicationGroup, T } from "./policy-fixtures";
import { checkResource } from "./policy-harness";

const CASES: ResourceCase[] = [
  { policy: cacheSnapshots, type: T.replicationGroup, pass: replicationGroup(), failures: [
    [{ snapshotRetentionLimit: 0 }, "snapshotRetentionLimit is 0: at least 1 day(s) of automatic snapshots are required to restore after data loss."],
  ] },
  { policy: cacheSnapshots, type: T.replicationGroup, pass: replicationGroup(), config: { minimumDays: 7 }, failures: [
    [{ snapshotRetentionLimit: 1 }, "snapshotRetentionLimit is 1: at least 7 day(s) of automatic snapshots are required to restore after data loss."],
  ] },
  { policy: cacheMinorVersionUpgrades, type: T.replicationGroup, pass: replicationGroup(), failures: [
    [{ autoMinorVersionUpgrade: false }, "autoMinorVersionUpgrade is false: engine security patches would never be applied. Set it to true."],
  ] },
  { policy: cacheAutomaticFailover, type: T.replicationGroup, pass: replicationGroup(), failures: [
    [{ automaticFailoverEnabled: false }, "automaticFailoverEnabled is not true: losing the primary node stops writes until someone intervenes. Add a replica and set it to true."],
  ] },
  { policy: cacheEncryptedAtRest, type: T.replicationGroup, pass: replicationGroup(), failures: [
    [{ atRestEncryptionEnabled: false }, "atRestEncryptionEnabled is not true: snapshots and swap would hold cached sessions unencrypted. Set it to true."],
    [{ kmsKeyId: undefined }, "kmsKeyId is not set: data at rest would use the AWS-managed key instead of the environment's customer key."],
  ] },
  { policy: cacheEncryptedInTransit, type: T.replicationGroup, pass: replicationGroup(), failures: [
    [{ transitEncryptionEnabled: false }, "transitEncryptionEnabled is not true: sessions and auth credentials would cross the network in plaintext. Set it to true."],
    [{ transitEncryptionMode: "preferred" }, "transitEncryptionMode is \"preferred\": plaintext clients are still accepted. Set it to \"required\" once clients use TLS."],
  ] },
  { policy: cacheAuthentication, type: T.replicationGroup, pass: replicationGroup(), failures: [
    [{ userGroupIds: [] }, "neither userGroupIds nor authToken is set: any client that reaches the port could read and write every key."],
  ] },
  { policy: cacheSubnetGroup, type: T.replicationGroup, pass: replicationGroup(), failures: [
    [{ subnetGroupName: undefined }, "subnetGroupName is not set: the default subnet group spans the default VPC. Use the private cache subnet group."],
    [{ subnetGroupName: "default" }, "subnetGroupName is \"default\": the default subnet group spans the default VPC. Use the private cache subnet group."],
  ] },
];

describeResourceCases(CASES, T.instance);

it("accepts an AUTH token instead of RBAC user groups (ElastiCache.6)", async () => {
  const props = { ...replicationGroup(), userGroupIds: undefined, authToken: "generated-token", authTokenUpdateStrategy: "ROTATE" };
  expect(await checkResource(cacheAuthentication, { type: T.replicationGroup, props })).toMatchObject({ violations: [] });
});

it("every ElastiCache policy has cases here", () => {
  const tested = new Set(CASES.map((c) => c.policy.name));
  expect(ELASTICACHE_POLICIES.map((p) => p.name).filter((n) => !tested.has(n))).toEqual([]);
});
