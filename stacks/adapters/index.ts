import type { AdapterDeployment } from "../shared";
import { deployMinio } from "./minio";
import { deployObjectStore } from "./object-store";
import { deployPostgres } from "./postgres";
import { deployRedis } from "./redis";

/**
 * Every adapter the stack can deploy, in deployment order. Each reads its own config section and profile
 * defaults and returns its Fiber outputs and dashboard rows.
 */
export const ADAPTERS: readonly AdapterDeployment[] = [
  deployObjectStore,
  deployRedis,
  deployPostgres,
  deployMinio,
];
