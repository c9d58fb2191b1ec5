import { createRequire } from "node:module";

interface DebuggableModule {
  debuggablePromise?: <T>(promise: Promise<T>, context: unknown) => Promise<T>;
}

let applied = false;

/**
 * Turns off the Pulumi SDK's promise-leak bookkeeping for offline runs. The SDK wraps every promise it makes in
 * `debuggablePromise`, which formats a stack trace for it and tracks it in a set, to list promises still pending
 * when a `pulumi up` process exits. Offline, that costs a plan of the prod stack about a quarter of its time
 * and 50 MB, and the runner awaits the RPC queue itself (waitForRPCs), so nothing is lost but that exit report.
 * The SDK calls it as `debuggable_1.debuggablePromise(...)`, reading the export on every call, so replacing the
 * export reaches every caller. If a later SDK renames it, this does nothing and the runner is only slower.
 */
export function skipPromiseLeakTracking(): boolean {
  if (applied) return true;
  const debuggable = createRequire(__filename)("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  if (typeof debuggable.debuggablePromise !== "function") return false;
  debuggable.debuggablePromise = (promise) => promise;
  applied = true;
  return true;
}
