import { z } from "zod";
import { type CidrRule, privateCidrProblem } from "../../components/common/cidr";

/**
 * Schema building blocks whose error messages say what is allowed. The loader prefixes each message with the
 * full config key and appends the value it got, so a message reads
 * `sparki-storage:postgres.replicas must be an integer 0..5, got -1`.
 */
export function intRange(min: number, max: number) {
  const error = `must be an integer ${min}..${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(", ")}` });
}

export function matching(pattern: RegExp, what: string) {
  const error = `must be ${what}`;
  return z.string({ error }).regex(pattern, { error });
}

export function flag() {
  return z.boolean({ error: "must be true or false" });
}

export function list<T extends z.ZodType>(item: T, max = 20) {
  return z.array(item, { error: "must be a list" }).max(max, { error: `must have at most ${max} entries` });
}

/** An object that refuses unknown keys (typos) and lists the keys it does know. */
export function section<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      // The loader turns this into one "<key> is not a known key (did you mean ...?) (allowed: ...)" per key.
      issue.code === "unrecognized_keys" ? `allowed: ${allowed}` : "must be an object",
  });
}

export const accountId = matching(/^\d{12}$/, "a 12-digit AWS account ID");
export const email = matching(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an email address");
export const httpsUrl = matching(/^https:\/\/[^\s]+$/, "an https:// URL");
export const dnsLabel = matching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a DNS label (lowercase letters, digits and '-', at most 63 characters)");
/** A path only: a kubeconfig's contents are credentials and never belong in plain config. */
export const kubeconfigPath = matching(/^(?![\s\S]*\b(apiVersion|clusters|users|contexts)\s*:)[^\r\n]{1,1024}$/,
  "a path to a kubeconfig file, never its contents (a kubeconfig holds credentials)");
export const kubeContext = matching(/^\S{1,253}$/, "a kubeconfig context name");
export const tagValue = matching(/^[\p{L}\p{N}\s_.:/=+\-@]{1,256}$/u, "1-256 characters allowed in an AWS tag value");

/** A private IPv4 CIDR block under `rule` (components/common/cidr.ts): the message says which ranges and prefixes. */
export function privateCidr(rule: CidrRule) {
  return z.string({ error: privateCidrProblem("", rule) }).superRefine((value, ctx) => {
    const problem = privateCidrProblem(value, rule);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
