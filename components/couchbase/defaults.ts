// The component's defaults, pure: the stack's schema and settings read them without loading the component (whose
// argument check loads the Kubernetes workload blocks, and with them @pulumi/kubernetes).
import type { RunAs } from "../kubernetes/security";
import { COUCHBASE_BACKUP_IMAGE, COUCHBASE_SERVER_IMAGE } from "./image";

/** The image's `couchbase` user and group (UID/GID 1000, see image.ts): every pod the operator creates runs as it. */
export const RUN_AS: RunAs = { user: 1000, group: 1000 };

/** Most servers of one class this component creates. */
export const MAX_SERVERS = 16;

/** Every default of CouchbaseArgs (args.ts documents each field). */
export const COUCHBASE_DEFAULTS = {
  clusterName: "couchbase",
  image: COUCHBASE_SERVER_IMAGE,
  backupImage: COUCHBASE_BACKUP_IMAGE,
  servers: 1,
  volumeSizeGiB: 10,
  cpuMillis: 1000,
  cpuLimitMillis: 2000,
  memoryMiB: 2048,
  dataMemoryQuotaMiB: 512,
  indexMemoryQuotaMiB: 256,
  bucket: { name: "fiber_storage", memoryQuotaMiB: 256, replicas: 0, durability: "none", maxTtlSeconds: 0, compression: "passive", evictionPolicy: "valueOnly" },
  appUsername: "sparki-fiber",
  backupRetentionHours: 720,
} as const;
