import type { z } from "zod";
import { FIBER_DEFAULT_BUCKET, KV_BUCKET_NAME, NATS_DEFAULTS } from "../../../components/nats/defaults";
import { NATS_BOX_IMAGE, NATS_EXPORTER_IMAGE, NATS_SERVER_IMAGE } from "../../../components/nats/image";
import { MAX_NODES } from "../../../components/nats/topology";
import { documented } from "../../config/docs";
import { flag, intRange, matching, section } from "../../config/rules";
import { imageDefault, imageSchema, kubernetesHostingFields } from "../kubernetes-hosting";

const millicores = { type: "integer millicores 50..64000", description: "CPU request / limit per server; the limit is at least the request." };

/** `sparki-storage:nats`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const natsSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy NATS at all (off in dev and prod; examples/nats turns it on)." }),
  ...kubernetesHostingFields("nats"),
  nodes: documented(intRange(1, MAX_NODES).optional(), {
    type: `integer 1..${MAX_NODES}, not 2`, default: "dev `1`, prod `3`",
    description: "Server pods. 3 or more form a JetStream cluster (R3 bucket); 2 is refused (a Raft group of 2 stops when either is down); prod refuses fewer than 3.",
  }),
  volumeSizeGiB: documented(intRange(1, 16_384).optional(), {
    type: "integer GiB 1..16384", default: `dev \`${NATS_DEFAULTS.volumeSizeGiB}\`, prod \`50\``,
    description: "JetStream volume per server (the StatefulSet's claim template). Fixed once created: Kubernetes refuses changes to a claim template, so a change replaces the StatefulSet (prod's protect refuses the plan; dev deletes the volumes). To grow: expand each claim (`kubectl patch pvc data-nats-<i>`), then set expandedVolumeSizeGiB.",
  }),
  expandedVolumeSizeGiB: documented(intRange(1, 16_384).optional(), {
    type: "integer GiB volumeSizeGiB..16384", default: "volumeSizeGiB",
    description: "Size the claims were expanded to after creation; the ceiling and base of jetStreamMaxFileStoreGiB. Never changes the claim template.",
  }),
  jetStreamMaxFileStoreGiB: documented(intRange(1, 16_384).optional(), {
    type: "integer GiB 1..the claim size", default: "80 % of expandedVolumeSizeGiB (else volumeSizeGiB)",
    description: "JetStream's file-store cap per server (`max_file_store`); writes fail at it. At most the claim size (the pods roll when it changes).",
  }),
  cpuMillis: documented(intRange(50, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(50, 64_000).optional(), millicores),
  memoryMiB: documented(intRange(256, 262_144).optional(), { type: "integer MiB 256..262144", description: "Memory request = limit per server (GOMEMLIMIT 90 % of it)." }),
  bucket: documented(matching(KV_BUCKET_NAME, "a KV bucket name: 1-64 letters, digits, '_' or '-'").optional(), {
    type: "KV bucket name", default: `\`${FIBER_DEFAULT_BUCKET}\` (the adapter's own default)`,
    description: "KV bucket the Fiber adapter uses (`KeyValueConfig.Bucket`); the stack creates it (stream `KV_<bucket>`) and backs it up.",
  }),
  image: imageSchema({ type: "registry host, path, tag, `sha256:<64 hex>`", default: imageDefault(NATS_SERVER_IMAGE), description: "Server image; `tag` and `digest` only together." }).optional(),
  boxImage: imageSchema({ type: "as above", default: imageDefault(NATS_BOX_IMAGE), description: "nats-box image of the bucket Job and the backup." }).optional(),
  exporterImage: imageSchema({ type: "as above", default: imageDefault(NATS_EXPORTER_IMAGE), description: "prometheus-nats-exporter sidecar image." }).optional(),
}), {
  description: "NATS JetStream (KV bucket, TLS-only clients and routes, encrypted volumes) on an existing Kubernetes cluster for the Fiber storage/nats adapter. Absent fields take the profile default.",
});

export type NatsConfig = z.infer<typeof natsSchema>;
