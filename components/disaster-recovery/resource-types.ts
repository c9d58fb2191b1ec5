/**
 * The types only the disaster-recovery copies register (their buckets, key, role and alarms are the object store's,
 * the key's and the alerting's types). A replaced replication configuration only starts copying again; a replaced
 * backup replication stops and restarts RDS's copy, and the recovery Region's point-in-time window starts over from
 * the next snapshot (prod protects it): stateful.
 * The shape is stacks/adapters/contract.ts `ResourceTypeInfo` (components import nothing from stacks).
 */
export const DISASTER_RECOVERY_RESOURCE_TYPES: readonly { readonly type: string; readonly stateful: boolean }[] = [
  { type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig", stateful: false },
  { type: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", stateful: true },
];
