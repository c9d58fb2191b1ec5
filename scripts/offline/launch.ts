// Runs a TypeScript entry of this repository with plain Node: `node scripts/offline/launch.ts scripts/plan.ts prod`.
//
// Why not tsx: tsx hooks every require, also inside node_modules, and scans each loaded .js file for ESM syntax
// and source maps. @pulumi/pulumi alone loads ~770 modules, so under tsx it loads in twice the time it takes in
// plain Node. Here only this repository's own .ts files are transpiled (TypeScript's transpileModule, cached by
// content hash under .cache/ts), node_modules load untouched, and Node's compile cache keeps their bytecode.
//
// Node itself runs this file (type stripping): it must stay a CommonJS script, so no import/export statements.
{
  const { createHash } = process.getBuiltinModule("node:crypto");
  const { mkdirSync, readFileSync, renameSync, writeFileSync } = process.getBuiltinModule("node:fs");
  const { createRequire, enableCompileCache } = process.getBuiltinModule("node:module");
  const path = process.getBuiltinModule("node:path");

  interface Transpiler {
    readonly version: string;
    transpileModule(source: string, options: { compilerOptions: Record<string, unknown>; fileName: string }): { outputText: string };
  }
  interface CompilableModule {
    _compile(code: string, filename: string): void;
  }

  const root = path.resolve(__dirname, "..", "..");
  // SPARKI_LAUNCH_CACHE moves both caches (npm run bench measures a cold start with an empty one).
  const cacheRoot = process.env.SPARKI_LAUNCH_CACHE ?? path.join(root, ".cache");
  const cacheDir = path.join(cacheRoot, "ts");
  // Same semantics as tsconfig.json for emit: CommonJS modules, ES2022, esModuleInterop.
  const compilerOptions = { module: 1 /* CommonJS */, target: 9 /* ES2022 */, esModuleInterop: true, removeComments: true };
  const OPTIONS_KEY = JSON.stringify(compilerOptions);
  let transpiler: Transpiler | undefined;

  enableCompileCache(path.join(cacheRoot, "node-compile-cache"));

  const transpile = (source: string, filename: string): string => {
    const hash = createHash("sha256").update(OPTIONS_KEY).update(filename).update("\0").update(source).digest("hex").slice(0, 32);
    const cached = path.join(cacheDir, `${hash}.js`);
    try {
      return readFileSync(cached, "utf8");
    } catch {
      // Only on a cache miss: TypeScript is a devDependency (and @pulumi/pulumi loads it anyway).
      transpiler ??= createRequire(__filename)("typescript") as Transpiler;
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
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) throw new Error(`launch.ts does not run TypeScript from node_modules: ${filename}`);
    (module as unknown as CompilableModule)._compile(transpile(readFileSync(filename, "utf8"), filename), filename);
  };

  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write("usage: node scripts/offline/launch.ts <file.ts> [args...]\n");
    process.exit(2);
  }
  const entryPath = path.resolve(entry);
  process.argv = [process.argv[0], entryPath, ...args];
  createRequire(__filename)(entryPath);
}
