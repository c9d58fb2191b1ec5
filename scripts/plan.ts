// Offline plan: runs the real program under mocks with preview semantics and prints what the stack would create.
// Usage: npm run plan -- <stack> [--format text|markdown|json] [--stack-dir <folder with Pulumi.yaml + Pulumi.<stack>.yaml>]
import { ConfigError } from "../stacks/config/errors";
import { renderJson, renderMarkdown, renderText } from "./offline/render";
import { runProgram } from "./offline/run-program";

const RENDERERS = { text: renderText, markdown: renderMarkdown, json: renderJson } as const;

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run plan -- <stack> [--format text|markdown|json] [--stack-dir DIR]\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let format: keyof typeof RENDERERS = "text";
  let stackDir: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.split("=")[1] : argv[++i];
      if (!(value in RENDERERS)) usage(`unknown format "${value}"`);
      format = value as keyof typeof RENDERERS;
    } else if (arg === "--stack-dir") {
      stackDir = argv[++i];
      if (!stackDir) usage("--stack-dir needs a folder");
    } else positional.push(arg);
  }
  if (positional.length !== 1) usage("give exactly one stack name");
  const run = await runProgram({ stack: positional[0], preview: true, stackDir });
  process.stdout.write(`${RENDERERS[format](run)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof Error && "code" in error && error.code === "ENOENT") process.stderr.write(`no stack file: ${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
