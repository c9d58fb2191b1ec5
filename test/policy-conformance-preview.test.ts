import { describe, expect, it } from "vitest";
import { STACKS, stackRun } from "./harness";
import { documentedDevAdvisories, listViolations, readPolicyConfigFile, runPack } from "./policy-harness";

// The same programs in preview mode: every computed value (ARNs, IDs, anything derived from them) is the SDK's
// unknown sentinel behind unknownCheckingProxy, as `pulumi preview --policy-pack` hands them to the pack.
describe.each(STACKS)("%s in preview, values unknown until apply", (stack) => {
  const run = stackRun(stack, true);

  it("runs every policy without reading an unknown value unguarded", async () => {
    const pack = await runPack(await run, readPolicyConfigFile(stack));
    expect(pack.couldNotRun).toEqual([]);
  });

  it("reports nothing beyond what apply reports (unknowns never prove a violation)", async () => {
    const pack = await runPack(await run, readPolicyConfigFile(stack));
    const found = pack.violations.map((v) => `${v.policy} @ ${v.resource.split("::").at(-1)}`).sort();
    const allowed = stack === "prod" ? [] : documentedDevAdvisories();
    expect(found.filter((f) => !allowed.includes(f)), listViolations(pack.violations).join("\n")).toEqual([]);
  });

  it("really has unknowns in the resources it checks", async () => {
    const unknown = (await run).resources.filter((r) => JSON.stringify(r.inputs).includes("(known after apply)"));
    expect(unknown.length).toBeGreaterThan(20);
  });
});
