// Offline plan: runs the real program under mocks with preview semantics and prints what the stack would create.
// Usage: npm run plan -- <stack> [--format text|markdown|json] [--stack-dir DIR] [--base GIT_REF]; --help says more.
import { runPlanCli } from "./offline/plan-cli/main";

// `npm run plan -- prod | head` closes stdout early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

runPlanCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
