const v8 = process.getBuiltinModule("node:v8");
if (process.env.SEMI) v8.setFlagsFromString(`--max-semi-space-size=${process.env.SEMI}`);
if (process.env.STL) Error.stackTraceLimit = Number(process.env.STL);
const { PerformanceObserver } = process.getBuiltinModule("node:perf_hooks");
let gc = 0; let n = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) { gc += e.duration; n++; } }).observe({ entryTypes: ["gc"] });
const c0 = process.cpuUsage();
void import("/work/main/scripts/offline/run-program").then(async (m) => {
  await m.runProgram({ stack: "prod", preview: true });
  const c = process.cpuUsage(c0);
  setTimeout(() => console.log(`SEMI=${process.env.SEMI ?? "-"} STL=${process.env.STL ?? "-"} cpu ${((c.user + c.system) / 1000).toFixed(0)} ms, gc ${gc.toFixed(0)} ms in ${n}, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`), 10);
});
