import { z } from "zod";
import { COMMUNITY_SINGLE_INSTANCE, MIN_MEMORY_MIB, NEO4J_DEFAULTS } from "../../../components/neo4j/defaults";
import { NEO4J_IMAGE } from "../../../components/neo4j/image";
import { NODE_LABEL } from "../../../components/neo4j/names";
import { documented } from "../../config/docs";
import { flag, intRange, matching, section } from "../../config/rules";
import { imageDefault, imageSchema, kubernetesHostingFields } from "../kubernetes-hosting";

/** Only 1: the schema says why in its own message (intRange would say "1..1"). */
const SINGLE_SERVER = "must be 1 (Neo4j Community Edition runs one server: clustering and online backup need Enterprise Edition)";
const singleServer = z.number({ error: SINGLE_SERVER }).int({ error: SINGLE_SERVER }).min(1, { error: SINGLE_SERVER }).max(1, { error: SINGLE_SERVER });
const millicores = { type: "integer millicores 100..64000", description: "CPU request / limit of the server; the limit is at least the request." };

/** `sparki-storage:neo4j`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const neo4jSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy Neo4j at all (off in dev and prod; examples/neo4j turns it on)." }),
  ...kubernetesHostingFields("neo4j"),
  image: imageSchema({
    type: "registry host, path, tag, `sha256:<64 hex>`",
    default: imageDefault(NEO4J_IMAGE),
    description: "Server image, Community Edition (also runs the backup's `cypher-shell` export); `tag` and `digest` only together.",
  }).optional(),
  replicas: documented(singleServer.optional(), {
    type: "integer, 1", default: "`1`", description: `Server pods; only 1. ${COMMUNITY_SINGLE_INSTANCE}.`,
  }),
  volumeSizeGiB: documented(intRange(1, 16_384).optional(), { type: "integer GiB 1..16384", description: "Size of the data volume (store files and transaction logs)." }),
  cpuMillis: documented(intRange(100, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(100, 64_000).optional(), millicores),
  memoryMiB: documented(intRange(MIN_MEMORY_MIB, 262_144).optional(), {
    type: `integer MiB ${MIN_MEMORY_MIB}..262144`,
    description: "Memory request = limit of the server; half goes to the heap, a quarter to the page cache. At least Neo4j's documented 2 GB minimum.",
  }),
  nodeLabel: documented(matching(NODE_LABEL, "a node label: a letter, then letters, digits or _, at most 63 characters").optional(), {
    type: "Cypher label", default: `\`${NEO4J_DEFAULTS.nodeLabel}\``, description: "The Fiber adapter's `Node` (the label its keys are stored under) and what the backup exports.",
  }),
}), {
  description: "Neo4j Community Edition (one server: clustering is Enterprise) on an existing Kubernetes cluster for the Fiber storage/neo4j adapter: Bolt with TLS only, ClusterIP only. Absent fields take the profile default.",
});

export type Neo4jConfig = z.infer<typeof neo4jSchema>;
