// The component's defaults, pure (no provider SDK): the stack's schema and settings read them.
import type { RunAs } from "../kubernetes/security";
import { ETCD_CLIENT_IMAGE, ETCD_IMAGE } from "./image";
import { DEFAULT_DEFRAG_SCHEDULE } from "./sizing";

export { ETCD_CLIENT_IMAGE, ETCD_IMAGE };

/**
 * The identity of every etcd pod: the official image declares no user (distroless/static runs as root unless
 * told), so the pods name one; 65532 is distroless' `nonroot`. The volume is made writable through fsGroup.
 */
export const RUN_AS: RunAs = { user: 65532, group: 65532 };

export const ETCD_DEFAULTS = {
  members: 1,
  volumeSizeGiB: 4,
  cpuMillis: 250,
  cpuLimitMillis: 1000,
  memoryMiB: 1024,
  image: ETCD_IMAGE,
  clientImage: ETCD_CLIENT_IMAGE,
  keyPrefix: "sparki/",
  defragSchedule: DEFAULT_DEFRAG_SCHEDULE,
} as const;

/**
 * A key prefix: printable ASCII without spaces or quotes, ending in `/` (without it `sparki` would also grant
 * `sparki2/...`), at most 128 characters.
 */
export const KEY_PREFIX = /^[A-Za-z0-9_.\-/]{0,127}\/$/;
