import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { baseline } from "./lib/controls";
import { knownItems, read } from "./lib/values";

// Data Lifecycle Manager schedules and Systems Manager parameters: no FSBP control covers either (Security Hub's
// SSM controls are about managed instances and documents), so both are the platform's own baseline.

/** Days in a retention interval unit (a month counted short, so age-based retention is never overestimated). */
const DAYS_PER_UNIT: Readonly<Record<string, number>> = { DAYS: 1, WEEKS: 7, MONTHS: 28, YEARS: 365 };

export const dlmSnapshotRetention: ResourceValidationPolicy = {
  name: "dlm-snapshot-retention",
  ...baseline("Sparki baseline: snapshots", "DLM snapshot policies are ENABLED and every schedule keeps snapshots at least the configured number of days by age (or that many by count; 7 by default).", "high",
    "Set state ENABLED and retainRule.interval >= minimumCount days (sparki-storage:embeddedKv.snapshotRetentionDays; prod refuses fewer than 7)."),
  configSchema: { properties: { minimumCount: { type: "integer", minimum: 1, maximum: 1000, default: 7 } } },
  validateResource: validateResourceOfType(aws.dlm.LifecyclePolicy, (policy, args, report) => {
    const { minimumCount = 7 } = args.getConfig<{ minimumCount?: number }>();
    const state = read(() => policy.state);
    // Unset, the provider creates the policy ENABLED.
    if (state.known && state.value !== undefined && state.value !== "ENABLED") {
      report(`state is ${state.value}: the policy takes no snapshots, and the volumes it targets have no backup. Set it to ENABLED.`);
    }
    for (const schedule of knownItems(() => policy.policyDetails?.schedules)) {
      const name = read(() => schedule.name);
      const label = name.known ? `schedule "${name.value}"` : "a schedule";
      const count = read(() => schedule.retainRule?.count);
      const interval = read(() => schedule.retainRule?.interval);
      const unit = read(() => schedule.retainRule?.intervalUnit);
      if (count.known && typeof count.value === "number") {
        if (count.value < minimumCount) {
          report(`${label} keeps ${count.value} snapshot(s) per volume: at least ${minimumCount} are required to restore from before a corruption that went unnoticed for days.`);
        }
      } else if (count.known && interval.known && unit.known && typeof interval.value === "number" && typeof unit.value === "string") {
        const days = interval.value * (DAYS_PER_UNIT[unit.value] ?? 0);
        if (days < minimumCount) {
          report(`${label} keeps snapshots for ${interval.value} ${unit.value.toLowerCase()}: at least ${minimumCount} days are required.`);
        }
      }
    }
  }),
};

/** Words naming a credential. A name or key counts when it ends with one (`db-password`, `apiToken`), not when it merely
 * contains one (`token-bucket`, `secretArn`): those name configuration about a credential, not the credential. */
const SECRET_WORDS = "password|passwd|passphrase|secret|token|api[-_]?key|private[-_]?key|secret[-_]?access[-_]?key|credentials?";
const SECRET_SEGMENT = new RegExp(`(${SECRET_WORDS})s?\\d*$`, "i");
/** `"apiToken": ...`, `db_password=...`: a key ending with such a word, followed by its value. */
const SECRET_KEY_IN_VALUE = new RegExp(`(?:^|[\\s{,;&?"'])["']?([A-Za-z0-9_.-]*?(?:${SECRET_WORDS})s?\\d*)["']?\\s*[:=]`, "im");

export const ssmNoPlaintextSecrets: ResourceValidationPolicy = {
  name: "ssm-no-plaintext-secrets",
  ...baseline("Sparki baseline: parameters", "SSM parameters of type String or StringList hold no secret: neither a segment of their name nor a key in their value ends with password, secret, token, API or private key, or credentials.", "high",
    "Keep credentials in Secrets Manager (rotated, on the customer key) or a SecureString parameter with the customer keyId; String parameters hold configuration only."),
  validateResource: validateResourceOfType(aws.ssm.Parameter, (parameter, args, report) => {
    const type = read(() => parameter.type);
    if (type.known && type.value === "SecureString") args.notApplicable("SecureString parameters are encrypted with KMS");
    // Not known yet (preview): it may be a SecureString, so nothing is proven.
    if (!type.known) return;
    const shown = type.value;
    const name = read(() => parameter.name);
    const shownName = name.known && typeof name.value === "string" ? name.value : undefined;
    const segment = shownName?.split("/").find((s) => SECRET_SEGMENT.test(s));
    if (segment !== undefined) {
      report(`name ${shownName} (${segment}) looks like a secret: a ${shown} parameter is stored unencrypted and shown to anyone who may read it. Use Secrets Manager or a SecureString.`);
    }
    for (const field of ["value", "insecureValue"] as const) {
      const value = read(() => parameter[field]);
      const key = value.known && typeof value.value === "string" ? SECRET_KEY_IN_VALUE.exec(value.value)?.[1] : undefined;
      if (key !== undefined) {
        report(`${field} has a key ${key}: a ${shown} parameter would hold that credential unencrypted. Move it to Secrets Manager or a SecureString.`);
      }
    }
  }),
};

export const SNAPSHOT_PARAMETER_POLICIES = [dlmSnapshotRetention, ssmNoPlaintextSecrets];
