import type { RunAs } from "../kubernetes/security";

/** The non-root identity MinIO's pods run as (the MinIO operator's default UID/GID). */
export const RUN_AS: RunAs = { user: 1000, group: 1000 };
