import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderInventory, statefulUrns, STATEFUL_TYPES } from "../scripts/offline/inventory";
import { readProjectFile } from "../scripts/offline/stack-files";
import { STACKS, stackRun } from "./harness";

const ROOT = join(__dirname, "..");
const project = readProjectFile().name;
const committed = (file: string) => readFileSync(join(ROOT, "inventory", file), "utf8");

describe.each(STACKS)("reviewable inventory of %s", (stack) => {
  const preview = stackRun(stack, true);

  it("matches inventory/<stack>.yaml (after an intended change: npm run inventory, then review the diff)", async () => {
    expect(renderInventory(await preview, project)).toBe(committed(`${stack}.yaml`));
  });

  it("contains no mock-computed value and no secret", async () => {
    const text = renderInventory(await preview, project);
    expect(text).not.toMatch(/mock-password|arn:aws:kms:[^"\s]*:key\/|vpc-[0-9a-f]{7}0{10}/);
  });

  it("keeps the URN of every stateful resource (a changed URN means delete and re-create)", async () => {
    const now = new Set(statefulUrns(await preview, project));
    const baseline = committed(`${stack}.stateful-urns.txt`).split("\n").filter(Boolean);
    const lost = baseline.filter((urn) => !now.has(urn));
    const added = [...now].filter((urn) => !baseline.includes(urn));
    expect(lost, [
      `These stateful resources of stack "${stack}" would be REPLACED: Pulumi deletes the old one (and its data:`,
      "rows, cache contents, objects, key material) and creates an empty one, because a rename or a new parent",
      "changes the URN. To keep a resource, give it `aliases` with its old identity in the resource options, e.g.",
      '  { aliases: [{ name: "<old name>" }] } or { aliases: [{ parent: <old parent> }] } or { aliases: ["<old urn>"] }.',
      "If the replacement is really intended, say so in the PR, then run `npm run inventory` to accept it.",
    ].join("\n")).toEqual([]);
    expect(added, "new stateful resources: run `npm run inventory` and commit the updated baseline").toEqual([]);
  });

  it("lists databases, caches, buckets and keys among the stateful resources", async () => {
    const types = new Set((await preview).resources.filter((r) => STATEFUL_TYPES.has(r.type)).map((r) => r.type));
    for (const t of ["aws:kms/key:Key", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:s3/bucket:Bucket"]) {
      expect(types.has(t), t).toBe(true);
    }
  });
});
