import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** Bytes of the random suffix: 8 hex characters. */
const SUFFIX_BYTES = 4;

/**
 * `<replicationGroupId>-final-<8 hex>`. A fixed name collides on the second destroy of a stack that was
 * deployed again (the first destroy's snapshot still holds the name, and ElastiCache refuses the delete). The
 * suffix is a RandomId created with the stack's cache: it lives in the state, so later updates show no diff,
 * and a stack destroyed and deployed again gets a new one. It does NOT change when the replication group alone
 * is replaced within one deployment; that replacement's final snapshot takes the name, and the next delete
 * then needs the old snapshot renamed or deleted by hand.
 */
export function finalSnapshotIdentifier(name: string, replicationGroupId: string, parent: pulumi.Resource): pulumi.Output<string> {
  const suffix = new random.RandomId(`${name}-final-snapshot-suffix`, { byteLength: SUFFIX_BYTES }, { parent });
  return pulumi.interpolate`${replicationGroupId}-final-${suffix.hex}`;
}
