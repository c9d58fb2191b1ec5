/** A container image pinned by tag (for humans) and digest (what the node actually pulls). */
export interface ContainerImage {
  /** Registry host, e.g. `quay.io` or a private mirror such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. No default. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `minio/minio`. No default. */
  readonly repository: string;
  /** Release tag, e.g. `RELEASE.2025-09-07T16-13-09Z` (documents; the digest decides). No default. */
  readonly tag: string;
  /** Manifest (index) digest, `sha256:<64 hex>`: what the node pulls. No default. */
  readonly digest: string;
}

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

export const IMAGE_PATTERNS = {
  registry: /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/,
  repository: /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
  tag: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
  digest: /^sha256:[a-f0-9]{64}$/,
} as const;

/** `registry/repository:tag@digest`: the tag documents, the digest decides. */
export function imageReference(image: ContainerImage): string {
  return `${image.registry}/${image.repository}:${image.tag}@${image.digest}`;
}

export function imageProblems(image: ContainerImage): string[] {
  return (Object.keys(IMAGE_PATTERNS) as (keyof ContainerImage)[])
    .filter((part) => !IMAGE_PATTERNS[part].test(image[part]))
    .map((part) => `${part} "${image[part]}" is not a valid image ${part}`);
}
