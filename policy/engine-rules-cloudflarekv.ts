import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  ACCOUNT_TOKEN_SOURCE, ACCOUNT_TOKEN_TYPE, KV_NAMESPACE_SOURCE, KV_NAMESPACE_TYPE, namespaceProblems, type NamespaceShape, tokenProblems, type TokenShape,
} from "../components/cloudflarekv/rules";
import { validateResourceOfToken } from "./cloudflarekv";
import { engineRule } from "./lib/controls";
import { knownProperties } from "./lib/values";

/**
 * What Cloudflare (or the provider before it) refuses when a Workers KV namespace or an account-owned token is created,
 * for any such resource in a stack (components/cloudflarekv/rules.ts holds the checks and their sources). Part of
 * ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

/** The properties a rule reads, or undefined when one is unknown: an unknown value proves nothing (judged again at `pulumi up`). */
function shapeOf<S>(props: object, keys: readonly (keyof S & string)[]): S | undefined {
  return knownProperties<S>(props, keys);
}

export const cloudflareKvNamespace: ResourceValidationPolicy = {
  name: "engine-cloudflarekv-namespace",
  ...engineRule(KV_NAMESPACE_SOURCE, CHECKED,
    "A Workers KV namespace names a Cloudflare account ID (32 lowercase hex digits), a title of 1-512 characters and, if any, jurisdiction eu, fedramp or us.",
    "Set sparki-storage:cloudflarekv.accountId, namespaceTitle and jurisdiction (checked at config load)."),
  validateResource: validateResourceOfToken(KV_NAMESPACE_TYPE, (ns, _args, report) => {
    const shape = shapeOf<NamespaceShape>(ns, ["accountId", "title", "jurisdiction"]);
    const found = shape === undefined ? [] : namespaceProblems(shape);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const cloudflareKvNamespaceTitleUnique: StackValidationPolicy = {
  name: "engine-cloudflarekv-namespace-title-unique",
  ...engineRule(KV_NAMESPACE_SOURCE, CHECKED,
    "No two Workers KV namespaces of one account share a title (Cloudflare refuses the second create).",
    "Give each namespace its own title (the default is sparki-<stack>-fiber-storage)."),
  validateStack: (args, report) => {
    const namespaces = args.resources.filter((r) => r.type === KV_NAMESPACE_TYPE);
    if (namespaces.length === 0) args.notApplicable("no Workers KV namespaces");
    const seen = new Map<string, string>();
    for (const r of namespaces) {
      const shape = shapeOf<NamespaceShape>(r.props, ["accountId", "title"]);
      if (shape === undefined || typeof shape.accountId !== "string" || typeof shape.title !== "string") continue;
      const key = `${shape.accountId}/${shape.title}`;
      const first = seen.get(key);
      if (first !== undefined) report(`namespaces ${first} and ${r.name} both have title "${shape.title}" in account ${shape.accountId}: Cloudflare refuses the second.`, r.urn);
      else seen.set(key, r.name);
    }
  },
};

export const cloudflareAccountToken: ResourceValidationPolicy = {
  name: "engine-cloudflarekv-account-token",
  ...engineRule(ACCOUNT_TOKEN_SOURCE, CHECKED,
    "An account-owned API token names a Cloudflare account ID, a name of 1-120 characters, at least one policy with effect allow or deny, permission group IDs of 32 hex digits and resources as a JSON object, RFC 3339 UTC times with expiresOn after notBefore, and client ranges that are CIDR blocks.",
    "Build the token with components/cloudflarekv (its inputs come from checked config)."),
  validateResource: validateResourceOfToken(ACCOUNT_TOKEN_TYPE, (token, _args, report) => {
    const shape = shapeOf<TokenShape>(token, ["accountId", "name", "policies", "notBefore", "expiresOn", "condition"]);
    const found = shape === undefined ? [] : tokenProblems(shape);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const CLOUDFLAREKV_ENGINE_RULES = [cloudflareKvNamespace, cloudflareKvNamespaceTitleUnique, cloudflareAccountToken];
