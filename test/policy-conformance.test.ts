import { describe, expect, it } from "vitest";
import { POLICIES } from "../policy/policies";
import type { ProgramRun } from "../scripts/offline/run-program";
import { everyStack } from "../scripts/offline/stack-files";
import { capturedRun, stackRun } from "./harness";
import { documentedDevAdvisories, listViolations, readPolicyConfigFile, runPack } from "./policy-harness";

const found = (violations: { policy: string; resource: string }[]) =>
  violations.map((v) => `${v.policy} @ ${v.resource.split("::").at(-1)}`).sort();

const profileOf = (run: ProgramRun) => (run.outputs.environment as { profile: string }).profile;
/** The examples (examples/<hosting>/Pulumi.<stack>.yaml): the variants, opt-in adapters included, that dev and prod do not use. */
const EXAMPLES = everyStack().filter((ref) => ref.stackDir !== undefined);

describe("the real programs through every policy (apply: mocks return computed state)", () => {
  it("prod and every prod-profile example have zero violations, and every policy applied to something in them", async () => {
    const pack = await runPack(await stackRun("prod"), readPolicyConfigFile("prod"));
    expect(listViolations(pack.violations)).toEqual([]);
    expect(pack.couldNotRun).toEqual([]);
    const applied = new Set(pack.applied);
    for (const ref of EXAMPLES) {
      const run = await capturedRun(ref);
      if (profileOf(run) !== "prod") continue;
      const example = await runPack(run, readPolicyConfigFile("prod"));
      expect(listViolations(example.violations), ref.stack).toEqual([]);
      expect(example.couldNotRun, ref.stack).toEqual([]);
      for (const name of example.applied) applied.add(name);
    }
    // An opt-in adapter's policies (launch templates, DLM, SSM) apply in the examples that turn it on.
    expect(POLICIES.map((p) => p.name).filter((name) => !applied.has(name))).toEqual([]);
  });

  it("dev has exactly the advisories docs/policy.md lists, all advisory", async () => {
    const pack = await runPack(await stackRun("dev"), readPolicyConfigFile("dev"));
    expect(pack.couldNotRun).toEqual([]);
    expect(found(pack.violations), listViolations(pack.violations).join("\n")).toEqual(documentedDevAdvisories());
    expect(documentedDevAdvisories().length).toBeGreaterThan(0);
    expect(pack.violations.filter((v) => v.enforcementLevel !== "advisory")).toEqual([]);
  });

  it("under prod's policy config, dev's findings would block (mandatory)", async () => {
    const pack = await runPack(await stackRun("dev"), readPolicyConfigFile("prod"));
    expect(documentedDevAdvisories().filter((a) => !found(pack.violations).includes(a))).toEqual([]);
    expect(new Set(pack.violations.map((v) => v.enforcementLevel))).toEqual(new Set(["mandatory"]));
  });
});
