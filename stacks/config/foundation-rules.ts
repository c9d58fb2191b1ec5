import { DEFAULT_EVALUATION, SEVERITIES } from "../../components/alerting";
import type { FoundationInput } from "../environment";
import { PROFILES } from "../profiles";
import type { Problem } from "./problems";
import { namedProd, STACK_NAME_MAX, validStackName } from "./stack-name";

/** A rule over the foundation's keys; returns the problems it finds (the loader reports them all at once). */
type FoundationRule = (context: FoundationInput) => Problem[];

/** How two subscribers are compared: e-mail addresses ignoring case (one inbox), URLs as the URL parser normalises them. */
const SAME_SUBSCRIBER = {
  emails: (address: string) => address.toLowerCase(),
  httpsEndpoints: (url: string) => URL.canParse(url) ? new URL(url).href : url,
};

/** Rules of the shared blocks (stack name, profile, network, alerts). Each adapter's rules live in its folder. */
const FOUNDATION_RULES: readonly FoundationRule[] = [
  ({ stack }) =>
    validStackName(stack)
      ? []
      : [{ path: [], subject: `stack name "${stack}"`, message: `cannot form AWS physical names (sparki-<stack>-postgres, S3 buckets, ElastiCache IDs): it must be 1-${STACK_NAME_MAX} lowercase letters, digits or single hyphens, start with a letter and not end with a hyphen` }],

  ({ stack, project }) =>
    namedProd(stack) && project.profile !== "prod"
      ? [{ path: ["profile"], message: `must be "prod" for stack "${stack}": its name says production, which never runs unprotected (rename the stack if it is not production)` }]
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
      const same = alerts[severity][kind].map(SAME_SUBSCRIBER[kind]);
      const repeated = same.findIndex((e, i) => same.indexOf(e) !== i);
      return repeated < 0 ? [] : [{
        path: ["alerts", severity, kind, String(repeated)],
        message: `must not repeat alerts.${severity}.${kind}.${same.indexOf(same[repeated])}${kind === "emails" ? " (compared ignoring case: one inbox)" : ""}: SNS would subscribe it twice and deliver every ${severity} alarm twice`,
      }];
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
