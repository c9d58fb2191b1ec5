import type { z } from "zod";
import { FIBER_DEFAULTS, SURREALDB_DEFAULTS } from "../../../components/surrealdb/defaults";
import { SURREALDB_IMAGE } from "../../../components/surrealdb/image";
import { IDENTIFIER } from "../../../components/surrealdb/names";
import { documented } from "../../config/docs";
import { flag, intRange, matching, section } from "../../config/rules";
import { imageDefault, imageSchema, kubernetesHostingFields } from "../kubernetes-hosting";

const identifier = matching(IDENTIFIER, "a SurrealQL identifier: a letter or _, then letters, digits or _, at most 63 characters");
const millicores = { type: "integer millicores 50..64000", description: "CPU request / limit of the server; the limit is at least the request." };

/** `sparki-storage:surrealdb`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const surrealdbSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy SurrealDB at all (off in dev and prod; examples/surrealdb turns it on)." }),
  ...kubernetesHostingFields("surrealdb"),
  image: imageSchema({
    type: "registry host, path, tag, `sha256:<64 hex>`",
    default: imageDefault(SURREALDB_IMAGE),
    description: "Server image (also runs the backup's `surreal export`); `tag` and `digest` only together.",
  }).optional(),
  volumeSizeGiB: documented(intRange(1, 16_384).optional(), { type: "integer GiB 1..16384", description: "Size of the server's RocksDB volume." }),
  cpuMillis: documented(intRange(50, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(50, 64_000).optional(), millicores),
  memoryMiB: documented(intRange(512, 262_144).optional(), { type: "integer MiB 512..262144", description: "Memory request = limit of the server." }),
  fiberNamespace: documented(identifier.optional(), {
    type: "SurrealQL identifier", default: `\`${FIBER_DEFAULTS.namespace}\``, description: "SurrealDB namespace the Fiber adapter uses (its `Namespace`); created at every server start.",
  }),
  fiberDatabase: documented(identifier.optional(), {
    type: "SurrealQL identifier", default: `\`${FIBER_DEFAULTS.database}\``, description: "SurrealDB database in it (the adapter's `Database`); created at every server start and backed up.",
  }),
  fiberTable: documented(identifier.optional(), {
    type: "SurrealQL identifier", default: `\`${FIBER_DEFAULTS.table}\``, description: "Table of the key-value records (the adapter's `DefaultTable`), defined SCHEMALESS.",
  }),
  appUsername: documented(identifier.optional(), {
    type: "SurrealQL identifier, not `root`", default: `\`${SURREALDB_DEFAULTS.appUsername}\``,
    description: "The application user (root-level EDITOR: data, no users); its password is generated into the Secret the output names.",
  }),
}), {
  description: "SurrealDB (one server, RocksDB on an encrypted volume, WSS only) on an existing Kubernetes cluster for the Fiber storage/surrealdb adapter. Absent fields take the profile default.",
});

export type SurrealdbConfig = z.infer<typeof surrealdbSchema>;
