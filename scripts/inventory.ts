// Regenerates inventory/<stack>.yaml and inventory/<stack>.stateful-urns.txt for every Pulumi.<stack>.yaml.
// Usage: npm run inventory   (then review and commit the diff; npm test fails while they are stale)
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderInventory, statefulUrns } from "./offline/inventory";
import { runProgram } from "./offline/run-program";
import { readProjectFile, REPO_ROOT } from "./offline/stack-files";

async function main(): Promise<void> {
  const project = readProjectFile().name;
  const dir = join(REPO_ROOT, "inventory");
  mkdirSync(dir, { recursive: true });
  const stacks = readdirSync(REPO_ROOT).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined);
  for (const stack of stacks.sort()) {
    const run = await runProgram({ stack, preview: true });
    writeFileSync(join(dir, `${stack}.yaml`), renderInventory(run, project));
    writeFileSync(join(dir, `${stack}.stateful-urns.txt`), `${statefulUrns(run, project).join("\n")}\n`);
    process.stdout.write(`inventory/${stack}.yaml: ${run.resources.length} resources\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
