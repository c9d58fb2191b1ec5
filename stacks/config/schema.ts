import { z } from "zod";
import { costAssumptionsSchema } from "./cost-assumptions";
import { minioSchema } from "./minio";
import { objectStoreSchema } from "./object-store";
import { postgresSchema } from "./postgres";
import { redisSchema } from "./redis";
import { VPC_CIDR_RULE } from "../../components/common/cidr";
import { accountId, awsRegion, email, httpsUrl, intRange, list, matching, oneOf, privateCidr, section, tagValue } from "./rules";

/** The Pulumi project name: the namespace of every project config key. */
export const PROJECT = "sparki-storage";

export const PROFILE_NAMES = ["dev", "prod"] as const;

export const networkSchema = section({
  vpcId: matching(/^vpc-[0-9a-f]{8,17}$/, "a VPC ID such as vpc-0abc12345678def90").optional(),
  privateSubnetIds: list(matching(/^subnet-[0-9a-f]{8,17}$/, "a subnet ID such as subnet-0abc1234")).optional(),
  cidrBlock: privateCidr(VPC_CIDR_RULE).optional(),
  availabilityZones: list(matching(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "an availability zone such as eu-west-1a"), 6)
    .optional(),
  /** An existing VPC's Secrets Manager interface endpoint: RDS Proxy may send 443 only to it. */
  secretsManagerEndpointSecurityGroupId: matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90").optional(),
});

const subscribers = section({
  emails: list(email).default([]),
  httpsEndpoints: list(httpsUrl).default([]),
});

const PERIOD_RULE = "must be 10, 30 or a multiple of 60 up to 86400 (seconds)";

const evaluation = section({
  periodSeconds: z.number({ error: PERIOD_RULE })
    .refine((v) => v === 10 || v === 30 || (Number.isInteger(v) && v % 60 === 0 && v >= 60 && v <= 86_400), { error: PERIOD_RULE })
    .optional(),
  evaluationPeriods: intRange(1, 100).optional(),
  datapointsToAlarm: intRange(1, 100).optional(),
});

export const alertsSchema = section({
  warning: subscribers.default({ emails: [], httpsEndpoints: [] }),
  critical: subscribers.default({ emails: [], httpsEndpoints: [] }),
  /** Per-severity overrides of the alarm evaluation defaults (components/alerting DEFAULT_EVALUATION). */
  evaluation: section({ warning: evaluation.optional(), critical: evaluation.optional() }).default({}),
});

/** Every `sparki-storage:*` key. Pulumi.yaml declares the same keys with their defaults. */
export const projectSchema = section({
  profile: oneOf(PROFILE_NAMES).default("dev"),
  accountId,
  owner: tagValue.default("platform-team"),
  costCentre: tagValue.default("sparki-storage"),
  network: networkSchema.default({}),
  alerts: alertsSchema.default({ warning: { emails: [], httpsEndpoints: [] }, critical: { emails: [], httpsEndpoints: [] }, evaluation: {} }),
  objectStore: objectStoreSchema.prefault({}),
  redis: redisSchema.default({}),
  minio: minioSchema.default({}),
  postgres: postgresSchema.prefault({}),
  costAssumptions: costAssumptionsSchema.prefault({}),
});

/** Keys of other namespaces the program reads. */
export const awsSchema = z.object({ region: awsRegion });

export type ProjectConfig = z.infer<typeof projectSchema>;
export type NetworkConfig = z.infer<typeof networkSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
export type ProfileName = (typeof PROFILE_NAMES)[number];
