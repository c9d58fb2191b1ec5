import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** Tag every KV volume carries (launch template or StorageClass) and the snapshot policy targets. */
export const SNAPSHOT_TAG_KEY = "sparki:kv-snapshots";

export interface KvSnapshotArgs {
  readonly name: string;
  readonly tagValue: string;
  readonly intervalHours: number;
  readonly timeUtc: string;
  readonly retainCount: number;
  readonly protect: boolean;
}

// Actions of the AWS-managed AWSDataLifecycleManagerServiceRole policy that a volume snapshot schedule uses;
// snapshots of a volume keep its KMS key, so no key permission is needed (only cross-region copies need one).
const DLM_SNAPSHOT_ACTIONS = ["ec2:CreateSnapshot", "ec2:CreateSnapshots", "ec2:DeleteSnapshot", "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots"];

/**
 * Amazon Data Lifecycle Manager policy snapshotting every volume tagged `sparki:kv-snapshots=<tagValue>`, on a
 * schedule, keeping the last `retainCount`; and the role it runs as (assumable only by DLM, allowed only that).
 */
export function kvSnapshotPolicy(a: KvSnapshotArgs, parent: pulumi.Resource): aws.dlm.LifecyclePolicy {
  const role = new aws.iam.Role(`${a.name}-dlm`, {
    description: "Data Lifecycle Manager: snapshots of the agents' KV volumes",
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "dlm.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
  }, { parent });
  const policy = new aws.iam.RolePolicy(`${a.name}-dlm`, {
    role: role.id,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "SnapshotTaggedVolumes", Effect: "Allow", Action: DLM_SNAPSHOT_ACTIONS, Resource: "*" },
        { Sid: "TagSnapshots", Effect: "Allow", Action: ["ec2:CreateTags"], Resource: "arn:aws:ec2:*::snapshot/*" },
      ],
    }),
  }, { parent });
  return new aws.dlm.LifecyclePolicy(a.name, {
    // DLM descriptions allow only letters, digits, spaces, '_' and '-' (CreateLifecyclePolicy: [0-9A-Za-z _-]+).
    description: `Snapshots of the KV volumes tagged ${a.tagValue}`.replace(/[^0-9A-Za-z _-]/g, "-"),
    executionRoleArn: role.arn,
    state: "ENABLED",
    policyDetails: {
      resourceTypes: ["VOLUME"],
      targetTags: { [SNAPSHOT_TAG_KEY]: a.tagValue },
      schedules: [{
        name: `every ${a.intervalHours} hours keep ${a.retainCount}`, // same pattern as the description
        createRule: { interval: a.intervalHours, intervalUnit: "HOURS", times: a.timeUtc },
        retainRule: { count: a.retainCount },
        copyTags: true,
      }],
    },
  }, { parent, protect: a.protect, dependsOn: [policy] });
}
