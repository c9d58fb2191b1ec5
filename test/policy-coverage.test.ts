import { describe, expect, it } from "vitest";
import { POLICY_COVERAGE } from "../policy/coverage";
import { POLICIES } from "../policy/policies";
import { type RegisteredResource, stackRun } from "./harness";
import { checkResource } from "./policy-harness";

describe("policy coverage of every registered resource type", () => {
  const registered = async (): Promise<RegisteredResource[]> =>
    [...(await stackRun("dev")).resources, ...(await stackRun("prod")).resources].filter((r) => r.type !== "pulumi:pulumi:Stack");

  it("names, for every type the stacks register, the policies that check it or why none does", async () => {
    const types = [...new Set((await registered()).map((r) => r.type))].sort();
    expect(types.length).toBeGreaterThan(40);
    expect(types.filter((t) => POLICY_COVERAGE[t] === undefined)).toEqual([]);
    for (const [type, coverage] of Object.entries(POLICY_COVERAGE)) {
      if ("reason" in coverage) expect(coverage.reason.length, type).toBeGreaterThan(20);
      else expect(coverage.policies.filter((name) => !POLICIES.some((p) => p.name === name)), type).toEqual([]);
    }
  });

  it("names resource policies only where they apply to a real resource of that type", async () => {
    const resources = await registered();
    let checked = 0;
    for (const [type, coverage] of Object.entries(POLICY_COVERAGE)) {
      if ("reason" in coverage) continue;
      const sample = resources.find((r) => r.type === type);
      if (!sample) continue;
      for (const name of coverage.policies) {
        const policy = POLICIES.find((p) => p.name === name);
        if (!policy || !("validateResource" in policy)) continue;
        const outcome = await checkResource(policy, { type, props: sample.inputs });
        expect(outcome.notApplicable, `${name} on ${type}`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
