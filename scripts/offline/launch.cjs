/* global __dirname, __filename, process, require */
// Runs a TypeScript entry of this repository with plain Node: `node scripts/offline/launch.cjs scripts/plan.ts prod`.
//
// Why not tsx: tsx hooks every require, also inside node_modules, and scans each loaded .js file for ESM syntax
// and source maps. @pulumi/pulumi alone loads ~770 modules, so under tsx it loads in twice the time it takes in
// plain Node. Here only this repository's own .ts files are transpiled (TypeScript's transpileModule, cached by
// content hash under .cache/ts), node_modules load untouched, and Node's compile cache keeps their bytecode.
//
// Plain CommonJS on purpose: Node parses it without type stripping (which loads its own transpiler, about 30 ms a
// run), and on a Node too old for this project it still runs far enough to say so in one line.
"use strict";
{
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 22) {
    process.stderr.write(`needs Node >= 22 (this is ${process.version}): run it through npm (npm run plan -- <stack>), which uses the Node 24 of node_modules/.bin, or put Node 24 first on PATH (source .ci/use-node24.sh)\n`);
    process.exit(1);
  }
  const { createHash } = process.getBuiltinModule("node:crypto");
  const { mkdirSync, readFileSync, renameSync, writeFileSync } = process.getBuiltinModule("node:fs");
  const { createRequire, enableCompileCache } = process.getBuiltinModule("node:module");
  const path = process.getBuiltinModule("node:path");

  const root = path.resolve(__dirname, "..", "..");
  // SPARKI_LAUNCH_CACHE moves both caches (npm run bench measures a cold start with an empty one).
  const cacheRoot = process.env.SPARKI_LAUNCH_CACHE ?? path.join(root, ".cache");
  const cacheDir = path.join(cacheRoot, "ts");
  // Same semantics as tsconfig.json for emit: CommonJS modules, ES2022, esModuleInterop.
  const compilerOptions = { module: 1 /* CommonJS */, target: 9 /* ES2022 */, esModuleInterop: true, removeComments: true };
  const OPTIONS_KEY = JSON.stringify(compilerOptions);
  /** @type {{ transpileModule(source: string, options: object): { outputText: string } } | undefined} */
  let transpiler;

  enableCompileCache(path.join(cacheRoot, "node-compile-cache"));

  /** @param {string} source @param {string} filename @returns {string} */
  const transpile = (source, filename) => {
    const hash = createHash("sha256").update(OPTIONS_KEY).update(filename).update("\0").update(source).digest("hex").slice(0, 32);
    const cached = path.join(cacheDir, `${hash}.js`);
    try {
      return readFileSync(cached, "utf8");
    } catch {
      // Only on a cache miss: TypeScript is a devDependency (and @pulumi/pulumi loads it anyway).
      transpiler ??= createRequire(__filename)("typescript");
      const output = transpiler.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cached}.${process.pid}`;
        writeFileSync(temporary, output);
        renameSync(temporary, cached); // atomic: concurrent runs never read a half-written file
      } catch {
        // A read-only checkout still runs, only without the cache.
      }
      return output;
    }
  };

  require.extensions[".ts"] = (module, filename) => {
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) throw new Error(`launch.cjs does not run TypeScript from node_modules: ${filename}`);
    /** @type {{ _compile(code: string, filename: string): void }} */ (/** @type {unknown} */ (module))._compile(transpile(readFileSync(filename, "utf8"), filename), filename);
  };

  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write("usage: node scripts/offline/launch.cjs <file.ts> [args...]\n");
    process.exit(2);
  }
  const entryPath = path.resolve(entry);
  process.argv = [process.argv[0], entryPath, ...args];
  createRequire(__filename)(entryPath);
}
