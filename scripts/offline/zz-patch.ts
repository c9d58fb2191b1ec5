if (process.env.PATCH) {
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>) => Promise<T> };
  debuggable.debuggablePromise = (p) => p;
}
require("../plan");
