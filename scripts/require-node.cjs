/* global process */
// One clear line instead of a syntax error deep in a dependency: npm scripts run on the Node 24 that the `node`
// devDependency puts in node_modules/.bin; this catches a command run outside npm on an older Node.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(`needs Node >= 22 (this is ${process.version}): run it through npm (npm test, npm run plan -- <stack>), which uses the Node 24 of node_modules/.bin, or put Node 24 first on PATH (source .ci/use-node24.sh)\n`);
  process.exit(1);
}
