import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ebsKmsPolicyDocument } from "../common/ebs";
import type { ResolvedEmbeddedKvArgs } from "./args";
import { cloudWatchAgentConfig, KV_NAMESPACE } from "./metrics";
import { SNAPSHOT_TAG_KEY } from "./snapshots";

/** Device name of the KV volume in the launch template (Nitro instances show it as an NVMe device). */
export const KV_DEVICE_NAME = "/dev/sdf";

export interface KvAgentFleet {
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly instanceProfile: aws.iam.InstanceProfile;
  readonly agentConfigParameter: aws.ssm.Parameter;
  /**
   * For a role that launches the agents itself (RunInstances from a fleet tool): EBS encryption with the stack key. An
   * Auto Scaling group launches as its service-linked role, which takes no policies: the key policy must admit it
   * (docs/components.md, Embedded KV).
   */
  readonly launcherKmsPolicy: aws.iam.Policy;
}

/**
 * What an agent fleet launches from: a launch template whose only opinion is the KV volume (gp3, encrypted with
 * the stack key, tagged for the snapshot policy), IMDSv2 and the instance profile; the fleet brings its AMI,
 * instance type and network. The agent role may only publish metrics to the KV namespace and read its
 * CloudWatch agent configuration.
 */
export function kvAgentFleet(name: string, a: ResolvedEmbeddedKvArgs, parent: pulumi.Resource): KvAgentFleet {
  const config = JSON.stringify(cloudWatchAgentConfig(a.dataPath));
  const agentConfigParameter = new aws.ssm.Parameter(`${name}-cloudwatch-agent`, {
    name: `/sparki/${name}/cloudwatch-agent`,
    description: "CloudWatch agent configuration of the deployment agents: disk and inode use of the KV path",
    type: "String",
    tier: "Standard",
    // Not a secret: `value` would be stored and shown as one.
    insecureValue: config,
  }, { parent });

  const role = new aws.iam.Role(`${name}-agent`, {
    description: "Deployment agents with an embedded KV store: publish its metrics, read the CloudWatch agent configuration",
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
  }, { parent });
  new aws.iam.RolePolicy(`${name}-agent`, {
    role: role.id,
    policy: pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        // PutMetricData has no resource ARN; the namespace condition keeps agents out of every other namespace.
        { Sid: "PublishKvMetrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": KV_NAMESPACE } } },
        { Sid: "ReadAgentConfig", Effect: "Allow", Action: "ssm:GetParameter", Resource: agentConfigParameter.arn },
      ],
    }),
  }, { parent });
  const instanceProfile = new aws.iam.InstanceProfile(`${name}-agent`, { role: role.name }, { parent });

  const launcherKmsPolicy = new aws.iam.Policy(`${name}-launcher-kms`, {
    description: "Attach to a role that launches the agents itself: create their KV volumes encrypted with the stack key",
    policy: pulumi.output(a.kmsKeyArn).apply((arn) => JSON.stringify(ebsKmsPolicyDocument(arn, a.region))),
  }, { parent });

  // The snapshot tag goes on the instance (the policy snapshots its volumes but the boot one): a volume tag here
  // would reach every volume the template creates, the AMI's root volume too.
  const volumeTags = { "sparki:kv-engine": a.engine };
  const launchTemplate = new aws.ec2.LaunchTemplate(`${name}-agent`, {
    name: `${name}-agent`,
    description: `Deployment agent with a ${a.engine} store on an encrypted gp3 volume at ${a.dataPath}`,
    updateDefaultVersion: true,
    iamInstanceProfile: { arn: instanceProfile.arn },
    // IMDSv2 only (FSBP EC2.170); two hops so the agent's containers can read the instance ID.
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
    blockDeviceMappings: [{
      deviceName: KV_DEVICE_NAME,
      ebs: {
        volumeType: "gp3", volumeSize: a.volumeSizeGiB, iops: a.iops, throughput: a.throughputMiBps,
        encrypted: "true", kmsKeyId: a.kmsKeyArn,
        // The store is an agent's local state and cache: snapshots keep it, a terminated agent's volume would only cost.
        deleteOnTermination: "true",
      },
    }],
    tagSpecifications: [
      { resourceType: "volume", tags: volumeTags },
      { resourceType: "instance", tags: { "sparki:role": "kv-agent", [SNAPSHOT_TAG_KEY]: a.snapshotTag } },
    ],
  }, { parent });
  return { launchTemplate, instanceProfile, agentConfigParameter, launcherKmsPolicy };
}
