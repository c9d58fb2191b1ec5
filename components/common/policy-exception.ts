/**
 * The tag that names a policy-pack exception on a resource (docs/policy.md, "Named exceptions"): its value is the
 * exception's name (comma-separated when several), and the policy accepts it only with the compensating controls
 * it can see on the resources.
 */
export const POLICY_EXCEPTION_TAG = "sparki:policy-exception";
