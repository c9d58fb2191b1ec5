import { Region } from "@pulumi/aws/types/enums";
import { z } from "zod";

/**
 * Regions a stack may name in `aws:region`: the aws provider's own list (@pulumi/aws `Region`, which follows the
 * AWS General Reference, "Service endpoints": `aws ec2 describe-regions --all-regions` lists the same names),
 * limited to the partitions components/common/aws.ts builds ARNs for: commercial (aws), China (aws-cn) and
 * GovCloud (aws-us-gov). The isolated (us-iso*, eu-isoe) and European Sovereign Cloud (eusc-*) partitions are left
 * out: their ARNs would be wrong. A provider upgrade that adds a region adds it here.
 */
export const AWS_REGIONS: readonly string[] = Object.values(Region).filter((r) => !/^eusc-|-iso[a-z]*-/.test(r)).sort();

/** " (eu-west-*: eu-west-1, eu-west-2, eu-west-3)": the known regions sharing the value's area and direction, else an example. */
function regionsLike(value: string): string {
  const prefix = /^[a-z]+(-gov)?-[a-z]+-/.exec(value)?.[0];
  const alike = prefix === undefined ? [] : AWS_REGIONS.filter((r) => r.startsWith(prefix));
  return alike.length > 0 ? ` (${prefix}*: ${alike.join(", ")})` : " such as eu-west-1";
}

/** `aws:region`: a region the provider knows; the message lists the ones closest to the value. */
export const awsRegion = z.string({ error: "must be an AWS region such as eu-west-1" }).superRefine((value, ctx) => {
  if (!AWS_REGIONS.includes(value)) ctx.addIssue({ code: "custom", message: `must be an AWS region${regionsLike(value)}` });
});

/** Availability zone letters: a region's zones are lettered from a (us-east-1, the largest, has a..f). */
export const ZONE_LETTERS = ["a", "b", "c", "d", "e", "f"] as const;

const ZONE = new RegExp(`^[a-z]{2}(-gov)?-[a-z]+-\\d[${ZONE_LETTERS.join("")}]$`);
const ZONE_RULE = `must be a zone of aws:region: the region and a letter ${ZONE_LETTERS[0]}-${ZONE_LETTERS[ZONE_LETTERS.length - 1]}, such as eu-west-1a`;

/** One entry of `network.availabilityZones` (that it belongs to aws:region is a foundation rule). */
export const availabilityZone = z.string({ error: ZONE_RULE }).regex(ZONE, { error: ZONE_RULE });
