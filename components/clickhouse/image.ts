import type { ContainerImage } from "../kubernetes/image";
import type { RunAs } from "../kubernetes/security";

/**
 * The official ClickHouse server image (Docker Hub `clickhouse/clickhouse-server`, not Bitnami), 25.8.3.66 of the
 * 25.8 LTS line. The digest is the one an independent public project pins for this exact tag
 * (`clickhouse/clickhouse-server:25.8.3.66@sha256:3b28da…`, found 2026-11-29); it was NOT pulled from the registry
 * when this was written (no registry is reachable from here). Mirror it (`crane copy` keeps the digest) and point
 * `registry` at the mirror. The same image runs the schema Job and the backup's dump step (`clickhouse-client`).
 */
export const CLICKHOUSE_SERVER_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "clickhouse/clickhouse-server",
  tag: "25.8.3.66",
  digest: "sha256:3b28daecdf0625bd7dc27d555ae8f39042882045e49b04668ceccdd282f67d9b",
};

/**
 * The official ClickHouse Keeper image (Docker Hub `clickhouse/clickhouse-keeper`), 25.12.5. No public project was
 * found pinning a 25.8 Keeper tag by digest; this digest is pinned for 25.12.5 by two independent public projects
 * (a Nomad job and an image inventory, found 2026-11-29) and was NOT pulled from the registry here. Keeper speaks
 * the ZooKeeper protocol, so a newer Keeper than the servers is a supported pairing. One of those projects reports
 * a crash of 25.12.5 under its own workload: test it before prod, or mirror a Keeper of the servers' version and set
 * `keeperImage`.
 */
export const CLICKHOUSE_KEEPER_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "clickhouse/clickhouse-keeper",
  tag: "25.12.5",
  digest: "sha256:525b8b0f93ccb371131c46f22a066ea43d33d74aba314203e8044609945d8524",
};

/**
 * The images' `clickhouse` user, uid/gid 101 (the server Dockerfile creates it with `--uid 101`, and the operator's
 * Keeper examples set `fsGroup: 101`: github.com/Altinity/clickhouse-operator docs/chk-examples/02-extended-3-nodes.yaml,
 * read 2026-11-29). Set explicitly so the volumes are group-writable.
 */
export const RUN_AS: RunAs = { user: 101, group: 101 };
