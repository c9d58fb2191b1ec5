// Pure: no provider SDK is loaded here (the stack's schema and settings read these).
import { NATS_BOX_IMAGE, NATS_EXPORTER_IMAGE, NATS_SERVER_IMAGE } from "./image";

/**
 * Bucket names the KV API accepts: nats.go `validBucketRe` `^[a-zA-Z0-9_-]+$` (jetstream/kv.go, checked
 * 2026-11-29); `KV_<bucket>` is then the stream's name.
 */
export const KV_BUCKET_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** The Fiber adapter's default bucket (gofiber/storage nats/config.go `ConfigDefault.KeyValueConfig.Bucket`). */
export const FIBER_DEFAULT_BUCKET = "fiber_storage";

/** The arguments with a fixed default, and that default (each documented on NatsClusterArgs (args.ts)). */
export const NATS_DEFAULTS = {
  nodes: 1,
  volumeSizeGiB: 10,
  cpuMillis: 250,
  cpuLimitMillis: 1000,
  memoryMiB: 1024,
  image: NATS_SERVER_IMAGE,
  boxImage: NATS_BOX_IMAGE,
  exporterImage: NATS_EXPORTER_IMAGE,
  bucket: FIBER_DEFAULT_BUCKET,
} as const;
