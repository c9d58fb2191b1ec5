/** A container image pinned by tag (for humans) and digest (what the node actually pulls). */
export interface ContainerImage {
  /** Registry host, e.g. `quay.io` or a private mirror such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. No default. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `minio/minio`. No default. */
  readonly repository: string;
  /** Release tag, e.g. `v3.6.6` (documents; the digest decides). No default. */
  readonly tag: string;
  /** Manifest (index) digest, `sha256:<64 hex>`: what the node pulls. No default. */
  readonly digest: string;
}

export const IMAGE_PATTERNS = {
  registry: /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/,
  repository: /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
  tag: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
  digest: /^sha256:[a-f0-9]{64}$/,
} as const;

/**
 * Bitnami moved its versioned images to the unmaintained `bitnamilegacy` repository in 2025; images from either
 * are refused so that no workload depends on a catalogue that no longer receives fixes.
 */
export const REFUSED_REPOSITORY_PREFIXES = ["bitnami/", "bitnamilegacy/", "bitnamicharts/"] as const;

/** `registry/repository:tag@digest`: the tag documents, the digest decides. */
export function imageReference(image: ContainerImage): string {
  return `${image.registry}/${image.repository}:${image.tag}@${image.digest}`;
}

export function imageProblems(image: ContainerImage): string[] {
  const refused = REFUSED_REPOSITORY_PREFIXES.find((prefix) => image.repository.startsWith(prefix));
  return [
    ...(Object.keys(IMAGE_PATTERNS) as (keyof ContainerImage)[])
      .filter((part) => !IMAGE_PATTERNS[part].test(image[part]))
      .map((part) => `${part} "${image[part]}" is not a valid image ${part}`),
    ...(refused ? [`repository "${image.repository}" is from the Bitnami catalogue (${refused}), whose versioned images are no longer maintained; use the project's own image or a mirror of it`] : []),
  ];
}
