import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../common/aws";
import { ebsKmsPolicyDocument } from "../common/ebs";

/** Tag the snapshot policy targets: on the agent instances (EC2) or on the volumes (Kubernetes, via the CSI driver). */
export const SNAPSHOT_TAG_KEY = "sparki:kv-snapshots";
/**
 * Fixed: DLM stops managing (and so never deletes) the snapshots of a schedule that is renamed
 * (EBS User Guide, "Modify Amazon Data Lifecycle Manager policies").
 */
export const SNAPSHOT_SCHEDULE_NAME = "kv-snapshots";

export interface KvSnapshotArgs {
  readonly name: string;
  readonly tagValue: string;
  /**
   * `INSTANCE` (EC2 agents): multi-volume snapshots of tagged instances without their boot volume, since a launch
   * template's volume tags reach every volume it creates, the AMI's root volume too. `VOLUME` (Kubernetes): the
   * volumes the CSI driver tagged.
   */
  readonly target: "INSTANCE" | "VOLUME";
  readonly intervalHours: number;
  readonly timeUtc: string;
  readonly retentionDays: number;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly region: string;
  readonly protect: boolean;
}

// What the AWS-managed AWSDataLifecycleManagerServiceRole policy allows for EBS snapshot schedules.
const DLM_SNAPSHOT_ACTIONS = ["ec2:CreateSnapshot", "ec2:CreateSnapshots", "ec2:DeleteSnapshot", "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots"];

/**
 * Amazon Data Lifecycle Manager policy snapshotting everything tagged `sparki:kv-snapshots=<tagValue>` on a schedule.
 * Retention is by age, not count: DLM stops managing the count-based snapshots of a deleted volume, and agents come
 * and go (age-based ones keep expiring, all but the last). The role is assumable by DLM only, may snapshot and tag, and
 * may use the stack key through EC2 (DLM's prerequisites: the role needs the key of an encrypted source volume).
 */
export function kvSnapshotPolicy(a: KvSnapshotArgs, parent: pulumi.Resource): aws.dlm.LifecyclePolicy {
  const role = new aws.iam.Role(`${a.name}-dlm`, {
    description: "Data Lifecycle Manager: snapshots of the agents' KV volumes",
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "dlm.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
  }, { parent });
  const partition = partitionOf(a.region);
  const policy = new aws.iam.RolePolicy(`${a.name}-dlm`, {
    role: role.id,
    policy: pulumi.output(a.kmsKeyArn).apply((keyArn) => JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "SnapshotTaggedResources", Effect: "Allow", Action: DLM_SNAPSHOT_ACTIONS, Resource: "*" },
        { Sid: "TagSnapshots", Effect: "Allow", Action: ["ec2:CreateTags"], Resource: `arn:${partition}:ec2:*::snapshot/*` },
        ...ebsKmsPolicyDocument(keyArn, a.region).Statement,
      ],
    })),
  }, { parent });
  return new aws.dlm.LifecyclePolicy(a.name, {
    // DLM descriptions allow only letters, digits, spaces, '_' and '-' (CreateLifecyclePolicy: [0-9A-Za-z _-]+).
    description: `Snapshots of the KV volumes tagged ${a.tagValue}`.replace(/[^0-9A-Za-z _-]/g, "-"),
    executionRoleArn: role.arn,
    state: "ENABLED",
    policyDetails: {
      resourceTypes: [a.target],
      targetTags: { [SNAPSHOT_TAG_KEY]: a.tagValue },
      // ExcludeBootVolume is for snapshot policies targeting instances only (API_Parameters); NoReboot is AMI-only.
      ...(a.target === "INSTANCE" ? { parameters: { excludeBootVolume: true } } : {}),
      schedules: [{
        name: SNAPSHOT_SCHEDULE_NAME,
        createRule: { interval: a.intervalHours, intervalUnit: "HOURS", times: a.timeUtc },
        retainRule: { interval: a.retentionDays, intervalUnit: "DAYS" },
        copyTags: true,
      }],
    },
  }, { parent, protect: a.protect, dependsOn: [policy] });
}
