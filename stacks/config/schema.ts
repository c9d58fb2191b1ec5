import { z } from "zod";
import { DEFAULT_EVALUATION, SEVERITIES } from "../../components/alerting";
import { VPC_CIDR_RULE } from "../../components/common/cidr";
import { DEFAULT_VPC_CIDR } from "../../components/network";
import { costAssumptionsSchema } from "./cost-assumptions";
import { disasterRecoverySchema } from "./disaster-recovery";
import { documented } from "./docs";
import { availabilityZone, awsRegion } from "./regions";
import { accountId, email, httpsUrl, intRange, list, matching, oneOf, privateCidr, section, tagValue } from "./rules";

/** The Pulumi project name: the namespace of every project config key. */
export const PROJECT = "sparki-storage";

export const PROFILE_NAMES = ["dev", "prod"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const securityGroupId = matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90");

export const networkSchema = documented(section({
  vpcId: documented(matching(/^vpc-[0-9a-f]{8,17}$/, "a VPC ID such as vpc-0abc12345678def90").optional(), {
    type: "`vpc-…`",
    default: "— (create a VPC)",
    description: "Use this existing VPC; needs `privateSubnetIds` and `availabilityZones`. It must reach Secrets Manager itself (an interface endpoint, or a NAT gateway): the PostgreSQL admin secret's rotation function calls it there.",
  }),
  privateSubnetIds: documented(list(matching(/^subnet-[0-9a-f]{8,17}$/, "a subnet ID such as subnet-0abc1234")).optional(), {
    type: "list of `subnet-…`",
    default: "—",
    description: "Private subnets of `vpcId`, at least 2, in different AZs.",
  }),
  cidrBlock: documented(privateCidr(VPC_CIDR_RULE).optional(), {
    type: "private CIDR: 10/8, 172.16/12 or 192.168/16, /16–/24, a network address",
    default: `\`${DEFAULT_VPC_CIDR}\``,
    description: "CIDR of a created VPC (split into /+4 subnets, one per AZ). Not with `vpcId`.",
  }),
  availabilityZones: documented(list(availabilityZone, 6).optional(), {
    type: "list of zones of `aws:region` (region + letter a–f)",
    default: "created VPC: `<region>a`, `b`(, `c`); existing VPC: — (required)",
    description: "Zones used, in order (the first holds a single-AZ primary, replica *n* zone *n+1*); dev needs ≥ 2, prod ≥ 3. With `vpcId`: the zones of its private subnets (they cannot be guessed).",
  }),
  secretsManagerEndpointSecurityGroupId: documented(securityGroupId.optional(), {
    type: "`sg-…`",
    default: "—",
    description: "Existing VPC only: the security group of its Secrets Manager interface endpoint. The PostgreSQL admin secret's rotation function then sends HTTPS only there; without it, HTTPS (443) to `0.0.0.0/0`, the one rule that works through a NAT gateway as well as an endpoint.",
  }),
}), {
  description: "an existing VPC (vpcId, privateSubnetIds, availabilityZones, optional secretsManagerEndpointSecurityGroupId) or an isolated one this stack creates (cidrBlock, RFC 1918 /16-/24, optional availabilityZones).",
});

/** The e-mail and HTTPS subscribers of one alert topic; both lists share `doc`, so the configuration reference gives them one row. */
function subscribers(doc: { readonly description: string }) {
  const shared = { type: "lists, no repeats (e-mails compared ignoring case)", default: "`[]`", ...doc };
  return section({
    emails: documented(list(email).default([]), shared),
    httpsEndpoints: documented(list(httpsUrl).default([]), shared),
  });
}

const PERIOD_RULE = "must be 10, 30 or a multiple of 60 up to 86400 (seconds)";

const evaluationDoc = {
  type: "seconds (10, 30 or a multiple of 60 up to 86400) / count 1..100 / count 1..100",
  default: SEVERITIES.map((s) => `${s} ${DEFAULT_EVALUATION[s].periodSeconds} s, ${DEFAULT_EVALUATION[s].evaluationPeriods}, ${DEFAULT_EVALUATION[s].datapointsToAlarm}`).join("; "),
  description: "How long a condition must hold before an alarm fires (M of N periods). datapointsToAlarm ≤ evaluationPeriods; periods × seconds ≤ one day.",
};

const evaluation = section({
  periodSeconds: documented(z.number({ error: PERIOD_RULE })
    .refine((v) => v === 10 || v === 30 || (Number.isInteger(v) && v % 60 === 0 && v >= 60 && v <= 86_400), { error: PERIOD_RULE })
    .optional(), evaluationDoc),
  evaluationPeriods: documented(intRange(1, 100).optional(), evaluationDoc),
  datapointsToAlarm: documented(intRange(1, 100).optional(), evaluationDoc),
});

export const alertsSchema = documented(section({
  warning: subscribers({ description: "Subscribers of the warning topic. Webhook URLs only as secret config (see Deploying for real): a plaintext one is refused." })
    .default({ emails: [], httpsEndpoints: [] }),
  critical: subscribers({ description: "Subscribers of the critical topic; prod requires at least one." })
    .default({ emails: [], httpsEndpoints: [] }),
  /** Per-severity overrides of the alarm evaluation defaults (components/alerting DEFAULT_EVALUATION). */
  evaluation: documented(section({ warning: evaluation.optional(), critical: evaluation.optional() }), { description: "Alarm evaluation per severity.", each: "<warning|critical>" })
    .default({}),
}), {
  description: "subscribers of the warning and critical topics, each { emails, httpsEndpoints } (set webhook URLs as secrets: pulumi config set --secret --path), and alarm evaluation overrides per severity.",
});

/** The keys of the shared blocks (provider, tags, network, alert topics): everything but the adapters' sections. */
export const FOUNDATION_SHAPE = {
  profile: documented(oneOf(PROFILE_NAMES).default("dev"), {
    type: PROFILE_NAMES.map((p) => `\`${p}\``).join(" | "),
    description: "Environment tier: the defaults a stack starts from (docs/configuration.md, Profiles). A stack whose name has the word `prod` (`prod`, `eu-prod`, not `pre-prod`) must be `prod`.",
  }),
  accountId: documented(accountId, {
    type: "string, 12 digits",
    default: "— (required)",
    description: "The only AWS account the provider may deploy into.",
  }),
  owner: documented(tagValue.default("platform-team"), { type: "string", description: "`Owner` tag." }),
  costCentre: documented(tagValue.default("sparki-storage"), { type: "string", description: "`CostCentre` tag." }),
  network: networkSchema.default({}),
  alerts: alertsSchema.default({ warning: { emails: [], httpsEndpoints: [] }, critical: { emails: [], httpsEndpoints: [] }, evaluation: {} }),
  disasterRecovery: disasterRecoverySchema.default({}),
};

/** Keys only the offline plan reads (after the adapters' sections in every listing). */
export const ESTIMATE_SHAPE = {
  costAssumptions: costAssumptionsSchema.prefault({}),
};

/** The foundation's part of the project config, without the adapters' sections. */
export const foundationSchema = z.object({ ...FOUNDATION_SHAPE, ...ESTIMATE_SHAPE });
export type FoundationConfig = z.infer<typeof foundationSchema>;

/** Keys of other namespaces the program reads. */
export const awsSchema = z.object({
  region: documented(awsRegion, { type: "region of the aws, aws-cn or aws-us-gov partition (@pulumi/aws `Region`)", default: "— (required)", description: "Region of every resource, e.g. `eu-west-1`; PostgreSQL needs one of the aws partition (its rotation is wired there only)." }),
});

export type NetworkConfig = z.infer<typeof networkSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
