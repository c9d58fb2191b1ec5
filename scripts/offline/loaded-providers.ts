// Which Pulumi provider SDKs (@pulumi/<name> other than @pulumi/pulumi) each stack's program loads. Runs the given
// stacks one after another in this process and prints, per stack, the provider packages first loaded by its run,
// as JSON. Give stacks in the order to check: a package an earlier run loaded is not reported again.
// Usage: node scripts/offline/launch.cjs scripts/offline/loaded-providers.ts <stack>[@<stack-dir>] ...
import { runProgram } from "./run-program";

/** Provider packages in this process's module cache (CommonJS: every `require`d file is a key). */
function providerPackages(): Set<string> {
  const found = new Set<string>();
  for (const file of Object.keys(require.cache)) {
    const name = /[/\\]node_modules[/\\]@pulumi[/\\]([^/\\]+)[/\\]/.exec(file)?.[1];
    if (name && name !== "pulumi") found.add(`@pulumi/${name}`);
  }
  return found;
}

async function main(specs: string[]): Promise<void> {
  const report: { stack: string; stackDir?: string; loaded: string[] }[] = [];
  let before = providerPackages();
  for (const spec of specs) {
    const [stack, stackDir] = spec.split("@");
    await runProgram({ stack, stackDir, preview: true });
    const after = providerPackages();
    report.push({ stack, ...(stackDir ? { stackDir } : {}), loaded: [...after].filter((p) => !before.has(p)).sort() });
    before = after;
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
