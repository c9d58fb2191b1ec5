import { describe, expect, it } from "vitest";
import { POLICIES } from "../policy/policies";
import { stackRun } from "./harness";
import { documentedDevAdvisories, listViolations, readPolicyConfigFile, runPack } from "./policy-harness";

const found = (violations: { policy: string; resource: string }[]) =>
  violations.map((v) => `${v.policy} @ ${v.resource.split("::").at(-1)}`).sort();

describe("the real programs through every policy (apply: mocks return computed state)", () => {
  it("prod has zero violations, and every policy applied to something in it", async () => {
    const pack = await runPack(await stackRun("prod"), readPolicyConfigFile("prod"));
    expect(listViolations(pack.violations)).toEqual([]);
    expect(pack.couldNotRun).toEqual([]);
    expect(POLICIES.map((p) => p.name).filter((name) => !pack.applied.has(name))).toEqual([]);
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
