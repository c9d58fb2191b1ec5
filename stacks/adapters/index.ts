import type { AdapterDeployment } from "../shared";

/**
 * Every adapter the stack can deploy, in deployment order. Each reads its own config section and profile
 * defaults and returns its Fiber outputs and dashboard rows.
 */
export const ADAPTERS: readonly AdapterDeployment[] = [];
