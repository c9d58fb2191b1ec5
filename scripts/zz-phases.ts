const t0 = performance.now();
const marks: string[] = [];
const lap = (l: string) => marks.push(`${l} ${(performance.now() - t0).toFixed(0)}`);
import("/work/main/scripts/offline/run-program").then(async (m) => {
  lap("run-program+pulumi");
  await import("/work/main/node_modules/@pulumi/aws"); lap("aws");
  await import("/work/main/node_modules/@pulumi/kubernetes"); lap("k8s");
  await import("/work/main/node_modules/@pulumi/random"); lap("random");
  await import("/work/main/stacks/program"); lap("program modules");
  const c0 = process.cpuUsage(); const r = await m.runProgram({ stack: "prod", preview: true }); const c = process.cpuUsage(c0); lap(`run ${r.resources.length} cpu ${((c.user + c.system) / 1000).toFixed(0)}`);
  const render = await import("/work/main/scripts/offline/render"); lap("render modules");
  const est = await import("/work/main/scripts/offline/estimates");
  const e = est.planEstimates(r); lap("estimates");
  render.renderText(r); lap("renderText (incl. estimates again)");
  void e;
  console.log(marks.join("\n"));
});
