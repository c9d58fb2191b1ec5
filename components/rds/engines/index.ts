import { MYSQL_ENGINE } from "./mysql";
import { POSTGRES_ENGINE } from "./postgres";
import { SQLSERVER_ENGINE } from "./sqlserver";
import type { EngineName } from "./types";

/** Every engine profile, by name. */
export const ENGINES = {
  postgres: POSTGRES_ENGINE,
  mysql: MYSQL_ENGINE,
  sqlserver: SQLSERVER_ENGINE,
} as const satisfies Record<EngineName, unknown>;

export * from "./instance-classes";
export * from "./mysql";
export * from "./mysql-parameters";
export * from "./parameter-table";
export * from "./postgres";
export * from "./postgres-parameters";
export * from "./sqlserver";
export * from "./sqlserver-parameters";
export type * from "./types";
