import type { ContainerImage } from "../kubernetes/image";
import type { RunAs } from "../kubernetes/security";

/**
 * The official SurrealDB server image (Docker Hub `surrealdb/surrealdb`), 3.2.4. The digest is NOT pulled from the
 * registry (none is reachable from here). Evidence, found 2026-11-29 through the public code index: the same
 * `v3.2.4@sha256:51baed…` is pinned by several unrelated projects: a Helm chart render spec and a Kubernetes
 * deployment render spec ("published OCI digest"), Compose/Kustomize/Helm/OpenTofu design notes, a Compose file
 * (`surreal isready` healthcheck), Rust and Node test fixtures, a migration table citing the v3.2.4 release. One
 * benchmark project's early note called it a "resolved platform image ID … on linux/arm64", but that project's own
 * README later lists it among "registry index digests" of "multi-platform image indexes" and pins separate
 * per-platform manifests (`sha256:2642fcb…` for its runner) beside it. So it is most likely the multi-arch index,
 * but that is not proven: before the first deploy run `crane digest docker.io/surrealdb/surrealdb:v3.2.4` (must
 * print this digest) and `crane manifest …@sha256:51baed…` (must be an index listing linux/amd64), then mirror
 * the image (`crane copy` / `skopeo copy --all` keep the digest) and point `registry` at the mirror.
 *
 * The image is distroless (`gcr.io/distroless/cc-debian12` base, `ENTRYPOINT ["/surreal"]`, no shell), so every
 * command this stack runs in it is the `/surreal` binary with arguments, never a shell script
 * (https://github.com/surrealdb/surrealdb/blob/v3.2.4/docker/Dockerfile, read through public copies 2026-11-29).
 * SurrealDB 4.0 removes RocksDB (SurrealKV converts it on open, https://surrealdb.com/docs/integrate/embedding/storage-engines,
 * checked 2026-11-29): a 4.x tag is a storage migration, not an image bump.
 */
export const SURREALDB_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "surrealdb/surrealdb",
  tag: "v3.2.4",
  digest: "sha256:51baed8709f57f67dcf04b30e3177db846803fa9342dae2be58c6fa5f8d59843",
};

/**
 * The image's `nonroot` user, uid/gid 65532 (the SurrealDB Helm chart's values.yaml: "Official surrealdb/surrealdb
 * images run as USER nonroot (uid/gid 65532)", github.com/surrealdb/helm-charts charts/surrealdb/values.yaml, read
 * 2026-11-29). The pods set it explicitly anyway, with fsGroup 65532 so the volume is writable.
 */
export const RUN_AS: RunAs = { user: 65532, group: 65532 };

/** The server binary inside the image. */
export const SURREAL_BINARY = "/surreal";
