import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogsNames, accessLogsProblems, type DistributionAccessLogsArgs } from "./args";
import { CLOUDFRONT_LOG_REGION, CLOUDFRONT_LOG_TYPE } from "./facts";

/**
 * Standard logging (v2) of a distribution to an S3 bucket through CloudWatch Logs vended delivery: a delivery source
 * (the distribution's ACCESS_LOGS), a delivery destination (the bucket) and the delivery pairing them, all in
 * us-east-1 as CloudFront requires. Unlike standard logging (legacy), it needs no bucket ACLs, so the log bucket
 * keeps BucketOwnerEnforced ownership.
 */
export class DistributionAccessLogs extends pulumi.ComponentResource {
  readonly delivery: aws.cloudwatch.LogDelivery;

  constructor(name: string, args: DistributionAccessLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = accessLogsProblems(name);
    if (problems.length > 0) throw new Error(`DistributionAccessLogs ${name}: ${problems.join("; ")}`);
    super("sparki:cdn:DistributionAccessLogs", name, {}, opts);
    const parent = { parent: this };
    const region = CLOUDFRONT_LOG_REGION;

    const source = new aws.cloudwatch.LogDeliverySource(`${name}-source`, {
      name: accessLogsNames(name)[0], region, logType: CLOUDFRONT_LOG_TYPE, resourceArn: args.distributionArn,
    }, parent);
    const destination = new aws.cloudwatch.LogDeliveryDestination(`${name}-destination`, {
      name: accessLogsNames(name)[1],
      region,
      outputFormat: "parquet",
      // The bucket itself: AWS writes under AWSLogs/<account>/CloudFront/ and then the suffix path below.
      deliveryDestinationConfiguration: { destinationResourceArn: args.bucketArn },
    }, parent);
    this.delivery = new aws.cloudwatch.LogDelivery(`${name}-delivery`, {
      region,
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      s3DeliveryConfigurations: [{ enableHiveCompatiblePath: false, suffixPath: "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}" }],
    }, parent);
    this.registerOutputs({ deliveryId: this.delivery.id });
  }
}
