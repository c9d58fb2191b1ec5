// Pure: the stack's schema and settings read these without loading a provider SDK (args.ts does, through workload.ts).
import { SURREALDB_IMAGE } from "./image";
import type { FiberSchema } from "./names";

/**
 * The Fiber adapter's defaults: `Namespace`, `Database` and `DefaultTable` are all `fiber_storage`
 * (gofiber/storage surrealdb/config.go `ConfigDefault`, read 2026-11-29).
 */
export const FIBER_DEFAULTS: FiberSchema = { namespace: "fiber_storage", database: "fiber_storage", table: "fiber_storage" };

/** The arguments with a fixed default, and that default (each documented on SurrealDbArgs). */
export const SURREALDB_DEFAULTS = {
  image: SURREALDB_IMAGE,
  volumeSizeGiB: 10,
  cpuMillis: 250,
  cpuLimitMillis: 1000,
  memoryMiB: 1024,
  appUsername: "fiber",
} as const;

/** The root user's name; its password is generated. */
export const ROOT_USERNAME = "root";
