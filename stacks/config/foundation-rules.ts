import { DEFAULT_EVALUATION, SEVERITIES } from "../../components/alerting";
import type { FoundationInput } from "../environment";
import { PROFILES } from "../profiles";
import type { Problem } from "./problems";

/** A rule over the foundation's keys; returns the problems it finds (the loader reports them all at once). */
type FoundationRule = (context: FoundationInput) => Problem[];

/**
 * Stack names prefix physical names (`sparki-<stack>-...`): RDS identifiers and ElastiCache IDs allow lowercase
 * letters, digits and single hyphens, and the longest name built from the stack (the ElastiCache replication
 * group, at most 40 characters) must still fit.
 */
const STACK_NAME = /^[a-z](-?[a-z0-9])*$/;
const STACK_NAME_MAX = 20;

/** Rules of the shared blocks (stack name, profile, network, alerts). Each adapter's rules live in its folder. */
const FOUNDATION_RULES: readonly FoundationRule[] = [
  ({ stack }) =>
    STACK_NAME.test(stack) && stack.length <= STACK_NAME_MAX
      ? []
      : [{ path: [], subject: `stack name "${stack}"`, message: `cannot form AWS physical names (sparki-<stack>-postgres, S3 buckets, ElastiCache IDs): it must be 1-${STACK_NAME_MAX} lowercase letters, digits or single hyphens, start with a letter and not end with a hyphen` }],

  ({ stack, project }) =>
    /^prod/i.test(stack) && project.profile !== "prod"
      ? [{ path: ["profile"], message: `must be "prod" for stack "${stack}" (a prod* stack never runs unprotected)` }]
      : [],

  ({ project: { network } }) =>
    network.vpcId !== undefined && network.privateSubnetIds === undefined
      ? [{ path: ["network", "privateSubnetIds"], message: "must list the private subnets of network.vpcId" }]
      : network.vpcId === undefined && network.privateSubnetIds !== undefined
        ? [{ path: ["network", "vpcId"], message: "must be set when network.privateSubnetIds is given" }]
        : [],

  ({ project: { network } }) =>
    network.privateSubnetIds !== undefined && new Set(network.privateSubnetIds).size < 2
      ? [{ path: ["network", "privateSubnetIds"], message: "must list at least 2 distinct subnets in different AZs (database and cache subnet groups span AZs)" }]
      : [],

  ({ project: { network } }) =>
    network.vpcId !== undefined && network.cidrBlock !== undefined
      ? [{ path: ["network", "cidrBlock"], message: "only applies to a VPC this stack creates; remove it or remove network.vpcId" }]
      : [],

  ({ project: { network } }) =>
    network.vpcId === undefined && network.secretsManagerEndpointSecurityGroupId !== undefined
      ? [{ path: ["network", "secretsManagerEndpointSecurityGroupId"], message: "only applies to an existing VPC (network.vpcId); a VPC this stack creates gets its own Secrets Manager endpoint" }]
      : [],

  ({ project: { network } }) =>
    network.vpcId !== undefined && network.availabilityZones === undefined
      ? [{ path: ["network", "availabilityZones"], message: "must list the zones of network.privateSubnetIds when network.vpcId is set (an existing VPC's zones cannot be guessed; replicas are placed by them)" }]
      : [],

  ({ region, project: { network } }) =>
    (network.availabilityZones ?? []).flatMap((az, i) =>
      az.startsWith(region) && az.length === region.length + 1
        ? []
        : [{ path: ["network", "availabilityZones", String(i)], message: `must be a zone of aws:region ${region}` }]),

  ({ project: { network, profile } }) => {
    const zones = network.availabilityZones;
    const needed = PROFILES[profile].availabilityZoneCount;
    if (zones === undefined) return [];
    if (new Set(zones).size !== zones.length) return [{ path: ["network", "availabilityZones"], message: "must not repeat a zone" }];
    return zones.length < needed
      ? [{ path: ["network", "availabilityZones"], message: `must list at least ${needed} zones for profile "${profile}"` }]
      : [];
  },

  ({ project: { alerts, profile } }) =>
    profile === "prod" && alerts.critical.emails.length + alerts.critical.httpsEndpoints.length === 0
      ? [{ path: ["alerts", "critical"], message: 'must have at least one email or https subscriber for profile "prod" (critical alarms would page nobody)' }]
      : [],

  ({ project: { alerts } }) =>
    SEVERITIES.flatMap((severity) => (["emails", "httpsEndpoints"] as const).flatMap((kind) => {
      const endpoints = alerts[severity][kind];
      const repeated = endpoints.findIndex((e, i) => endpoints.indexOf(e) !== i);
      return repeated < 0 ? [] : [{ path: ["alerts", severity, kind, String(repeated)], message: "must not repeat an earlier entry (each endpoint is subscribed once)" }];
    })),

  ({ project: { alerts } }) =>
    SEVERITIES.flatMap((severity) => {
      const merged = { ...DEFAULT_EVALUATION[severity], ...alerts.evaluation[severity] };
      const path = ["alerts", "evaluation", severity];
      if (merged.datapointsToAlarm > merged.evaluationPeriods) {
        return [{ path: [...path, "datapointsToAlarm"], message: `must not exceed evaluationPeriods (${merged.evaluationPeriods})` }];
      }
      if (merged.periodSeconds * merged.evaluationPeriods > 86_400) {
        return [{ path: [...path, "evaluationPeriods"], message: `times periodSeconds (${merged.periodSeconds}) must not exceed one day (86400 s, a CloudWatch limit)` }];
      }
      return [];
    }),
];

export function foundationProblems(context: FoundationInput): Problem[] {
  return FOUNDATION_RULES.flatMap((rule) => rule(context));
}
