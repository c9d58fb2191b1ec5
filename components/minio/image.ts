import type { ContainerImage } from "../kubernetes/image";

export { type ContainerImage, IMAGE_PATTERNS, imageProblems, imageReference } from "../kubernetes/image";

/**
 * The last server image MinIO published itself (the community edition became source-only in October 2025 and
 * went into maintenance in December 2025). The digest is the multi-arch index digest that independent public
 * projects pin for this tag; it was not pulled from the registry when this was written. Mirror the image
 * (`crane copy` / `skopeo copy --all` keep the digest) and point `registry` at the mirror.
 */
export const MINIO_SERVER_IMAGE: ContainerImage = {
  registry: "quay.io",
  repository: "minio/minio",
  tag: "RELEASE.2025-09-07T16-13-09Z",
  digest: "sha256:14cea493d9a34af32f524e538b8346cf79f3321eff8e708c1e2960462bd8936e",
};

/** The last `mc` client image MinIO published (same provenance note as {@link MINIO_SERVER_IMAGE}). */
export const MINIO_CLIENT_IMAGE: ContainerImage = {
  registry: "quay.io",
  repository: "minio/mc",
  tag: "RELEASE.2025-08-13T08-35-41Z",
  digest: "sha256:a7fe349ef4bd8521fb8497f55c6042871b2ae640607cf99d9bede5e9bdf11727",
};
