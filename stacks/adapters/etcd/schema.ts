import type { z } from "zod";
import { ETCD_DEFAULTS, KEY_PREFIX } from "../../../components/etcd/defaults";
import { ETCD_CLIENT_IMAGE, ETCD_IMAGE } from "../../../components/etcd/image";
import { MAX_MEMBERS, MAX_QUOTA_GIB, MIN_VOLUME_GIB } from "../../../components/etcd/sizing";
import { documented } from "../../config/docs";
import { flag, intRange, matching, section } from "../../config/rules";
import { imageDefault, imageSchema, kubernetesHostingFields } from "../kubernetes-hosting";

const millicores = { type: "integer millicores 50..64000", description: "CPU request / limit per member; the limit is at least the request." };

/** `sparki-storage:etcd`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const etcdSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy etcd at all (off in dev and prod; examples/etcd turns it on)." }),
  ...kubernetesHostingFields("etcd"),
  members: documented(intRange(1, MAX_MEMBERS).optional(), {
    type: `odd integer 1..${MAX_MEMBERS}`, default: "dev `1`, prod `3` (prod refuses fewer)",
    description: "Members of the cluster, one per node; even counts are refused (etcd FAQ). Set before the first deploy: a change replaces the StatefulSet with a new, empty cluster (refused while protected, i.e. in prod); the data comes back only by restoring a snapshot.",
  }),
  volumeSizeGiB: documented(intRange(MIN_VOLUME_GIB, 16_384).optional(), {
    type: `integer GiB ${MIN_VOLUME_GIB}..16384`, default: "dev `4`, prod `10`", description: "Size of each member's data volume.",
  }),
  quotaBackendGiB: documented(intRange(1, MAX_QUOTA_GIB).optional(), {
    type: `integer GiB 1..${MAX_QUOTA_GIB}`, default: "`2`, or (volumeSizeGiB - 1) / 2 when smaller (dev `1`)",
    description: "`--quota-backend-bytes`: writes stop (NOSPACE) past it. At most (volumeSizeGiB - 1) / 2, room for defragmentation's second copy.",
  }),
  cpuMillis: documented(intRange(50, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(50, 64_000).optional(), millicores),
  memoryMiB: documented(intRange(256, 262_144).optional(), {
    type: "integer MiB 256..262144", default: "dev `1024`, prod `2048`",
    description: "Memory request = limit per member; at least 512 + 512 per GiB of quotaBackendGiB (the key index and the database's page cache grow with it).",
  }),
  keyPrefix: documented(matching(KEY_PREFIX, "a key prefix of letters, digits, '_', '.', '-' and '/' ending in '/', such as sparki/").optional(), {
    type: "key prefix ending in `/`", default: `\`${ETCD_DEFAULTS.keyPrefix}\``,
    description: "The only keys the application's role may read and write; Sparki prefixes its Fiber keys with it.",
  }),
  image: imageSchema({
    type: "registry host, path, tag, `sha256:<64 hex>`", default: imageDefault(ETCD_IMAGE),
    description: "Server image (also runs the snapshot and defragmentation); `tag` and `digest` only together.",
  }).optional(),
  clientImage: imageSchema({
    type: "as above", default: imageDefault(ETCD_CLIENT_IMAGE),
    description: "Image of the auth Job: needs /bin/sh and etcdctl 3.6; gcr.io/etcd-development/etcd, quay.io/coreos/etcd and registry.k8s.io/etcd from 3.6.6-0 have no shell and are refused.",
  }).optional(),
}), {
  description: "A separate etcd cluster for Sparki (never the Kubernetes cluster's own) on an existing Kubernetes cluster for the Fiber storage/etcd adapter: TLS with client certificates, auth on, a key-prefix role. Absent fields take the profile default.",
});

export type EtcdConfig = z.infer<typeof etcdSchema>;
