import type { ContainerImage } from "../kubernetes/image";
import type { RunAs } from "../kubernetes/security";
import { tagVersion } from "./edition";
import { ARANGODB_IMAGE, ARANGODB_IMAGE_VERSION } from "./image";

// The component's fixed values and defaults. Pure (no provider SDK): the stack's schema, settings and rules read them.

/**
 * The identity of every pod: the kube-arangodb operator's own "secured containers" defaults for user and group
 * (kube-arangodb 1.4.4 pkg/apis/shared/constants.go DefaultRunAsUser 1000, DefaultRunAsGroup 2000, checked 2026-11-29).
 */
export const RUN_AS: RunAs = { user: 1000, group: 2000 };

/** ArangoDB's client (and intra-cluster) port (https://docs.arangodb.com/3.12/operations/administration/configuration/, `--server.endpoint` default 8529). */
export const ARANGODB_PORT = 8529;
/** Port of the operator's metrics sidecar on every member (kube-arangodb 1.4.4 pkg/apis/shared/constants.go ArangoExporterPort). */
export const EXPORTER_PORT = 9101;

/**
 * Database names: "traditional" names start with a letter and hold letters, digits, `_` and `-`, at most 64 bytes;
 * collection names at most 256 (https://docs.arangodb.com/3.12/concepts/data-structure/databases/#database-names
 * and .../collections/#collection-names, checked 2026-11-29). The stack keeps to the traditional rules, which
 * every 3.12 server accepts whatever `--database.extended-names` says.
 */
export const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,255}$/;

/** The arguments that have a fixed default, and that default (each documented on `ArangoDbArgs` in ./args.ts, which checks it against them). */
export const ARANGODB_DEFAULTS = {
  deploymentName: "arangodb",
  mode: "Single",
  environment: "Development",
  agents: 3,
  dbServers: 3,
  coordinators: 2,
  volumeSizeGiB: 10,
  agentVolumeSizeGiB: 2,
  cpuMillis: 500,
  cpuLimitMillis: 2000,
  memoryMiB: 2048,
  image: ARANGODB_IMAGE,
  edition: "community",
  encryptionAtRest: true,
  // The Fiber adapter's own defaults (gofiber/storage arangodb/config.go ConfigDefault), so an app that sets neither connects.
  database: "fiber",
  collection: "fiber_storage",
  // The user the provisioning Job creates with read-write access to `database` only (the app's Config.Username).
  fiberUsername: "fiber",
  operatorEphemeralVolumes: false,
  // Cluster mode: arangod's own defaults are 1 (one copy of every shard; see replicationArgs);
  // the stack's prod profile raises them. A factor above the DB-Server count is refused (args.ts).
  replicationFactor: 2,
  minReplicationFactor: 1,
  writeConcern: 1,
} as const;

/**
 * arangod's cluster-wide defaults for new databases and collections (options "effective on Coordinators only",
 * arangod 3.12 source ClusterOptionsProvider::addOptions / validateOptions, read 2026-11-29): `--cluster.default-replication-factor`
 * (must lie between min and max, or arangod exits at start), `--cluster.min-replication-factor`, and
 * `--cluster.write-concern` (copies that must acknowledge a write). The Fiber adapter creates its database and
 * collection with server defaults (gofiber/storage arangodb/arangodb.go CreateDatabase(ctx, db, nil)).
 */
export function replicationArgs(r: { readonly replicationFactor: number; readonly minReplicationFactor: number; readonly writeConcern: number }): string[] {
  return [
    `--cluster.default-replication-factor=${r.replicationFactor}`,
    `--cluster.min-replication-factor=${r.minReplicationFactor}`,
    `--cluster.write-concern=${r.writeConcern}`,
  ];
}

/** The version an image runs: the pinned default's build, or else what its tag names. */
export function imageVersion(image: ContainerImage): readonly [number, number, number] | undefined {
  return image.digest === ARANGODB_IMAGE.digest ? tagVersion(ARANGODB_IMAGE_VERSION) : tagVersion(image.tag);
}
