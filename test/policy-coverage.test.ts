import { describe, expect, it } from "vitest";
import { POLICY_COVERAGE } from "../policy/coverage";
import { POLICIES } from "../policy/policies";
import { everyStack } from "../scripts/offline/stack-files";
import { capturedRun, type RegisteredResource } from "./harness";
import { checkResource } from "./policy-harness";

describe("policy coverage of every registered resource type", () => {
  // dev, prod and every example: an opt-in adapter's types (the embedded KV store's launch template, DLM policy...)
  // appear only in the examples that turn it on.
  const registered = async (): Promise<RegisteredResource[]> =>
    (await Promise.all(everyStack().map((ref) => capturedRun(ref)))).flatMap((run) => run.resources).filter((r) => r.type !== "pulumi:pulumi:Stack");

  it("names, for every type the stacks and examples register, the policies that check it or why none does", async () => {
    const types = [...new Set((await registered()).map((r) => r.type))].sort();
    expect(types.length).toBeGreaterThan(40);
    expect(types).toEqual(expect.arrayContaining(["aws:ec2/launchTemplate:LaunchTemplate", "aws:dlm/lifecyclePolicy:LifecyclePolicy", "kubernetes:monitoring.coreos.com/v1:PrometheusRule"]));
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
      const samples = resources.filter((r) => r.type === type);
      if (samples.length === 0) continue;
      for (const name of coverage.policies) {
        const policy = POLICIES.find((p) => p.name === name);
        if (!policy || !("validateResource" in policy)) continue;
        // Some resource of the type is one the policy checks (the Metrics Insights rule is not applicable to plain metric alarms).
        const outcomes = await Promise.all(samples.map((sample) => checkResource(policy, { type, name: sample.name, props: sample.inputs })));
        expect(outcomes.some((o) => o.notApplicable === undefined), `${name} on ${type}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
