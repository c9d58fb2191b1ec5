import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { checkResource, UNKNOWN } from "./policy-harness";

/** One resource policy, a compliant resource, and changes that each break it with the message they must produce. */
export interface ResourceCase {
  readonly policy: ResourceValidationPolicy;
  readonly type: string;
  readonly pass: Record<string, unknown>;
  readonly failures: ReadonlyArray<readonly [change: Record<string, unknown>, message: string]>;
  /** Policy config to run with. Default: the schema defaults. */
  readonly config?: Record<string, unknown>;
}

/**
 * For each case: the compliant resource passes; each change fails with exactly its message; the same change
 * with the changed properties unknown (as in `pulumi preview`) neither crashes nor proves a violation.
 */
export function describeResourceCases(cases: readonly ResourceCase[], otherType: string): void {
  describe.each(cases)("$policy.name", ({ policy, type, pass, failures, config }) => {
    it("passes a compliant resource", async () => {
      expect(await checkResource(policy, { type, props: pass }, config)).toMatchObject({ violations: [] });
    });

    it.each(failures)("fails %j", async (change, message) => {
      expect((await checkResource(policy, { type, props: { ...pass, ...change } }, config)).violations).toEqual([message]);
    });

    it("never proves a violation from values unknown during preview", async () => {
      for (const [change] of failures) {
        const unknown = Object.fromEntries(Object.keys(change).map((k) => [k, UNKNOWN]));
        const outcome = await checkResource(policy, { type, props: { ...pass, ...change, ...unknown } }, config);
        expect(outcome, JSON.stringify(change)).toMatchObject({ violations: [] });
        expect(outcome.unknownError).toBeUndefined();
      }
    });

    it("ignores other resource types", async () => {
      const outcome = await checkResource(policy, { type: otherType, props: {} }, config);
      expect(outcome.notApplicable).toBeDefined();
      expect(outcome.violations).toEqual([]);
    });
  });
}
