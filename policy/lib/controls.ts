import type { Policy, PolicyComplianceFramework } from "@pulumi/policy";

/** Metadata every policy of this pack shares: where its rule comes from, in the description and as fields. */
export type PolicyMetadata = Pick<Policy, "description" | "tags" | "url" | "framework" | "severity" | "remediationSteps">;

const FSBP = "AWS Foundational Security Best Practices";

/** Security Hub's page for a control, e.g. `RDS.2` -> .../rds-controls.html#rds-2. */
function controlUrl(control: string): string {
  const [service, number] = control.split(".");
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service.toLowerCase()}-controls.html#${service.toLowerCase()}-${number}`;
}

/**
 * A policy implementing one or more FSBP controls. The description starts with the control IDs in brackets,
 * e.g. `[RDS.2] ...`, so a violation in the CLI output names the control it enforces.
 */
export function fsbp(controls: readonly string[], summary: string, severity: Policy["severity"], remediationSteps: string): PolicyMetadata {
  const framework: PolicyComplianceFramework = {
    name: FSBP, version: "1.0.0", reference: controls.join(", "), specification: summary,
  };
  return {
    description: `[${controls.join("/")}] ${summary}`,
    tags: ["fsbp", ...controls],
    url: controlUrl(controls[0]),
    framework,
    severity,
    remediationSteps,
  };
}

/** A policy from the platform's own baseline (no FSBP control exists for it), e.g. `[Sparki baseline] ...`. */
export function baseline(reference: string, summary: string, severity: Policy["severity"], remediationSteps: string): PolicyMetadata {
  return {
    description: `[${reference}] ${summary}`,
    tags: ["baseline", reference],
    severity,
    remediationSteps,
  };
}

/** A Kubernetes policy: Pod Security Standards or workload hygiene (kube-score, Polaris). */
export function kubernetes(reference: string, summary: string, url: string, remediationSteps: string): PolicyMetadata {
  return { description: `[${reference}] ${summary}`, tags: ["kubernetes", reference], url, severity: "high", remediationSteps };
}

/** A policy that encodes the storage adapters integration matrix (spec/storage-adapters-integration-matrix.txt). */
export function matrix(summary: string, remediationSteps: string): PolicyMetadata {
  return { description: `[Matrix] ${summary}`, tags: ["matrix"], severity: "high", remediationSteps };
}

/**
 * A rule the real engine (AWS, Kubernetes, the Pulumi CLI) enforces at create time, which mocks never see: the
 * description starts with `[Engine rule]` and names the documentation and the date it was read.
 */
export function engineRule(source: string, checked: string, summary: string, remediationSteps: string, url?: string): PolicyMetadata {
  return {
    description: `[Engine rule] ${summary} (${source}; checked ${checked})`,
    tags: ["engine-rule"],
    severity: "critical",
    remediationSteps,
    ...(url ? { url } : {}),
  };
}
